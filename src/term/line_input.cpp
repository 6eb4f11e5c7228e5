#include "term/line_input.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <istream>

namespace qkv::term {

namespace {
std::atomic<bool> g_interrupted{false};

extern "C" void on_sigint(int) {
  g_interrupted.store(true);
}
}  // namespace

void install_interrupt_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a read blocked on the terminal returns with EINTR
  sigaction(SIGINT, &sa, nullptr);
}

bool interrupted() {
  return g_interrupted.load();
}
void set_interrupted(bool value) {
  g_interrupted.store(value);
}

std::optional<std::string> read_line(std::istream& in, InputEnd* why) {
  constexpr std::size_t kMaxLine = 64 * 1024;
  std::string line;
  if (!interrupted()) {
    char c;
    bool got_any = false;
    while (in.get(c)) {
      got_any = true;
      if (c == '\n') break;
      if (line.size() < kMaxLine) line += c;
    }
    if (interrupted()) {
      in.clear();
    } else if (got_any) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
  }
  if (why) *why = interrupted() ? InputEnd::interrupted : InputEnd::eof;
  return std::nullopt;
}

bool stdin_is_terminal() {
  return isatty(0) == 1;
}

}  // namespace qkv::term
