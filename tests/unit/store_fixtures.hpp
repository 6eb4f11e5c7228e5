#pragma once
// Helpers for the store's tests: a review record with every field set, and a way to run a check
// as a user who cannot write a root-owned file (the tests may run as root, which ignores file
// permissions).
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "store/store.hpp"

namespace qkv::test {

inline TimePoint at_ms(std::int64_t ms) {
  return store::from_ms(ms);
}

/// A review of `question` in pack "p" at `ms`, with its card state after it.
inline store::ReviewRecord sample_review(const std::string& question, std::int64_t ms,
                                         store::Correct correct = store::Correct::yes) {
  store::ReviewRecord r;
  r.time = at_ms(ms);
  r.key = store::CardKey{"p", question};
  r.content_hash = "00000000deadbeef";
  r.mode = store::Mode::review;
  r.given = "b";
  r.correct = correct;
  r.points = correct == store::Correct::yes ? 1.0 : correct == store::Correct::partial ? 0.5 : 0.0;
  r.hinted = false;
  r.rating = correct == store::Correct::yes ? schedule::Rating::good : schedule::Rating::again;
  r.seconds = 4.25;
  r.after.state = schedule::State::review;
  r.after.step = std::nullopt;
  r.after.stability = 3.5;
  r.after.difficulty = 5.25;
  r.after.due = at_ms(ms + 3 * 86400000LL);
  r.after.last_review = r.time;
  r.after.reps = 1;
  r.after.lapses = 0;
  r.interval_days = 3.0;
  r.last_interval_days = 0.0;
  return r;
}

/// Runs `fn` in a child process that cannot write files it does not own (as "nobody" when the
/// tests run as root) and returns what it returned (or -1 when the child died).
inline int run_unprivileged(const std::function<int()>& fn) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0) {
      if (setgid(65534) != 0 || setuid(65534) != 0) _exit(99);
    }
    _exit(fn());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace qkv::test
