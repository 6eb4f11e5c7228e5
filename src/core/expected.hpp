#pragma once
// Values for the failures that users cause (docs/ARCHITECTURE.md, "Errors"): a function that is
// expected to fail on what a learner typed, on a computation a mistake cannot make, or on a
// problem that does not validate returns Expected<T>, a T or the Failure that says why, and its
// caller checks it. Exceptions (qkv::Error) are for the rest: what stops the command.
//
//   if (auto traces = practice::try_solve(e, *m.options)) use(*traces);
//   else skip(traces.failure().message());
//
// Where a caller cannot go on without the value, value_or_raise() turns the Failure into the
// Error it describes, so the throwing forms (solve(), parse_matrix()) are one line over these.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace qkv {

/// Why an operation failed: the exit code and the diagnostics an Error would carry.
struct Failure {
  Exit code = Exit::data;
  std::vector<Diagnostic> diagnostics;

  /// The first diagnostic's message (for a failure with one diagnostic, the whole reason);
  /// "error" when there is none.
  std::string message() const;
  /// Throws Error(code, diagnostics).
  [[noreturn]] void raise() const;
};

/// A Failure with code data and one diagnostic that says `message` (what throw_data throws).
Failure data_failure(std::string message);
/// The failure an Error describes. For the edge between code that throws and code that checks
/// (attention::try_run); nowhere else should catch to make one.
Failure failure_of(const Error& e);

/// A T, or the Failure that says why there is none. [[nodiscard]]: a result left unchecked is
/// a failure ignored.
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Expected(Failure failure) : v_(std::in_place_index<1>, std::move(failure)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// REQUIRES: ok().
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  T&& operator*() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }

  /// REQUIRES: !ok().
  const Failure& failure() const { return std::get<1>(v_); }

  /// The value, or throws the failure as an Error (for callers to whom it is unexpected).
  T value_or_raise() && {
    if (!ok()) failure().raise();
    return std::get<0>(std::move(v_));
  }

 private:
  std::variant<T, Failure> v_;
};

}  // namespace qkv
