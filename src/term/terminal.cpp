#include "term/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace qkv::term {

namespace {

std::optional<std::size_t> columns_env() {
  const char* c = std::getenv("COLUMNS");
  if (!c || !*c) return std::nullopt;
  const std::string s(c);
  if (s.size() > 4 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const std::size_t n = std::stoul(s);
  if (n < 20 || n > 1000) return std::nullopt;
  return n;
}

}  // namespace

std::size_t output_width(int fd) {
  if (isatty(fd) == 1) {
    winsize ws{};
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return columns_env().value_or(80);
  }
  return columns_env().value_or(0);
}

}  // namespace qkv::term
