#include "term/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace qkv::term {

std::optional<std::size_t> terminal_width(int fd) {
  if (isatty(fd) == 1) {
    winsize ws{};
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  }
  if (const char* c = std::getenv("COLUMNS"); c && *c) {
    const std::string s(c);
    if (s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos) {
      const std::size_t n = std::stoul(s);
      if (n >= 20 && n <= 1000) return n;
    }
  }
  return std::nullopt;
}

std::size_t text_width(int fd, std::size_t fallback, std::size_t most) {
  return std::min(terminal_width(fd).value_or(fallback), most);
}

}  // namespace qkv::term
