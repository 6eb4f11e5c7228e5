#pragma once
// Runs the real qkv binary with arguments, scripted standard input and extra environment, and
// captures its exit code, stdout and stderr. A run that takes longer than its timeout is killed
// and reported as such, so an end-to-end test can never hang CI.
#include <map>
#include <string>
#include <vector>
#include "support/paths.hpp"

namespace qkv_test {

struct RunResult {
  int exit_code = -1;      ///< the process's exit status; -1 when killed by a signal
  int signal = 0;          ///< the signal that ended it, if any
  bool timed_out = false;  ///< killed by the harness after the timeout
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string input;                       ///< written to stdin, then stdin is closed
  std::map<std::string, std::string> env;  ///< added to the environment (NO_COLOR=1 is default)
  double timeout_seconds = 30.0;
  int send_sigint_after_bytes = -1;  ///< >= 0: send SIGINT once stdout has this many bytes
  bool keep_stdin_open = false;      ///< with send_sigint...: do not close stdin first
  std::string signal_on_output{};    ///< non-empty: send signal_number once stdout contains it
  int signal_number = 2;             ///< SIGINT; 9 (SIGKILL) for crash tests
  /// > 0: the input is written a line at a time, this long apart (a person typing; two runs
  /// at once then surely overlap).
  double line_interval_seconds = 0;
  std::size_t address_space_limit = 0;  ///< > 0: RLIMIT_AS for the child (ulimit -v), in bytes
  std::string cwd{};  ///< non-empty: the directory qkv runs in (default: the test's own)
};

/// Runs qkv. Unless opts.env says otherwise, HOME and XDG_DATA_HOME point into scratch_home(),
/// QKV_DB is unset, TZ=UTC and NO_COLOR=1 (a value "<unset>" removes a variable).
RunResult run_qkv(const std::vector<std::string>& args, const RunOptions& opts = {});

/// A temporary directory made once per test run (and removed at its end) that stands in for the
/// home directory of every qkv the tests start.
const std::string& scratch_home();

/// Paths for fixtures.
inline std::string data_path(const std::string& rel) {
  return qkv::test::data_dir() + "/" + rel;
}
inline std::string content_path(const std::string& rel) {
  return qkv::test::content_dir() + "/" + rel;
}

}  // namespace qkv_test
