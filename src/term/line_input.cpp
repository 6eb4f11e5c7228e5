#include "term/line_input.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>

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

bool stdin_is_terminal() {
  return isatty(0) == 1;
}

}  // namespace qkv::term
