#pragma once
// Colour that helps and disappears: on when stdout is a terminal, off with NO_COLOR, with
// --color never, or in a pipe. Every colour is also said in words or symbols, so nothing is
// lost without it.
#include <string>
#include <string_view>

namespace qkv::term {

enum class ColorMode { auto_detect, always, never };

/// Parses "auto" | "always" | "never"; throws Error(Exit::usage) otherwise.
ColorMode parse_color_mode(std::string_view s);

class Style {
 public:
  Style() = default;
  explicit Style(bool enabled) : enabled_(enabled) {}
  /// Decides from the mode, NO_COLOR and whether fd is a terminal.
  static Style detect(ColorMode mode, int fd = 1);

  bool enabled() const { return enabled_; }
  std::string bold(std::string_view s) const { return wrap("1", s); }
  std::string dim(std::string_view s) const { return wrap("2", s); }
  std::string good(std::string_view s) const { return wrap("32", s); }
  std::string bad(std::string_view s) const { return wrap("31", s); }
  std::string warn(std::string_view s) const { return wrap("33", s); }
  std::string accent(std::string_view s) const { return wrap("36", s); }
  /// 256-colour foreground and background (heatmap cells).
  std::string fg_bg256(int fg, int bg, std::string_view s) const;

 private:
  std::string wrap(std::string_view code, std::string_view s) const;
  bool enabled_ = false;
};

}  // namespace qkv::term
