#include "term/style.hpp"

#include <unistd.h>

#include <cstdlib>

#include "core/error.hpp"

namespace qkv::term {

ColorMode parse_color_mode(std::string_view s) {
  if (s == "auto") return ColorMode::auto_detect;
  if (s == "always") return ColorMode::always;
  if (s == "never") return ColorMode::never;
  throw_usage("--color takes auto, always or never, not '" + std::string(s) + "'");
}

Style Style::detect(ColorMode mode, int fd) {
  if (mode == ColorMode::always) return Style(true);
  if (mode == ColorMode::never) return Style(false);
  if (const char* nc = std::getenv("NO_COLOR"); nc && *nc) return Style(false);
  if (const char* t = std::getenv("TERM"); t && std::string_view(t) == "dumb") return Style(false);
  return Style(isatty(fd) == 1);
}

std::string Style::wrap(std::string_view code, std::string_view s) const {
  if (!enabled_) return std::string(s);
  std::string out = "\x1b[";
  out += code;
  out += 'm';
  out += s;
  out += "\x1b[0m";
  return out;
}

std::string Style::fg_bg256(int fg, int bg, std::string_view s) const {
  return wrap("38;5;" + std::to_string(fg) + ";48;5;" + std::to_string(bg), s);
}

}  // namespace qkv::term
