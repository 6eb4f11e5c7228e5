#pragma once
// The one error model of qkv (see docs/ARCHITECTURE.md, "Errors").
//
// - Functions that can fail on bad input throw qkv::Error, which carries an exit code and one or
//   more Diagnostics (file, line:column where known, JSON pointer, message).
// - Validation collects every problem into a std::vector<Diagnostic> and throws (or returns) them
//   together instead of stopping at the first.
// - Where failure is expected (a learner's typed answer, a mistake that cannot be made on this
//   problem), functions return qkv::Expected<T> (core/expected.hpp) instead: exceptions for the
//   unexpected, values for what users cause.
// - qkv::app_main catches Error once, prints its diagnostics (sanitised) on stderr and returns its
//   exit code. Nothing else in the program catches and prints.
#include <stdexcept>
#include <string>
#include <vector>

namespace qkv {

/// Process exit codes, documented in the README, the man page and in `qkv --help`.
enum class Exit : int {
  ok = 0,            ///< done
  failed = 1,        ///< the learner's work did not pass (exam below the pass mark, failed check)
  usage = 2,         ///< bad command line
  data = 65,         ///< invalid data: a pack or input that does not validate
  no_input = 66,     ///< an input file that cannot be read
  internal = 70,     ///< a bug: an exception nothing expected (app_main's last catch)
  interrupted = 130  ///< Ctrl-C
};

enum class Severity { error, warning };

/// One problem found in some input. Empty/zero fields are "unknown" and omitted when printed.
struct Diagnostic {
  std::string file;     ///< path or a name such as "<stdin>" or "--x"
  int line = 0;         ///< 1-based; 0 when unknown
  int column = 0;       ///< 1-based; 0 when unknown
  std::string pointer;  ///< JSON pointer such as /questions/12/options/3; empty when not JSON
  std::string message;  ///< plain sentence saying what is wrong and, where possible, what to do
  Severity severity = Severity::error;
};

/// Formats "file:line:col: pointer: error: message" leaving out the parts that are unknown.
std::string format_diagnostic(const Diagnostic& d);

/// The exception family of qkv: an exit code plus the diagnostics that explain it.
class Error : public std::runtime_error {
 public:
  Error(Exit code, std::string message);
  Error(Exit code, std::vector<Diagnostic> diagnostics);

  Exit code() const { return code_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  Exit code_;
  std::vector<Diagnostic> diagnostics_;
};

/// An error diagnostic (severity error) with the given parts (empty / 0 for unknown ones). Every
/// Diagnostic of qkv is built by these two.
Diagnostic make_error(std::string file, std::string pointer, std::string message, int line = 0,
                      int column = 0);
/// The same with severity warning.
Diagnostic make_warning(std::string file, std::string pointer, std::string message, int line = 0,
                        int column = 0);

/// Shorthands for the common cases.
[[noreturn]] void throw_usage(std::string message);
[[noreturn]] void throw_data(std::string message);

}  // namespace qkv
