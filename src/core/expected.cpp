#include "core/expected.hpp"

namespace qkv {

std::string Failure::message() const {
  return diagnostics.empty() ? std::string("error") : diagnostics.front().message;
}

void Failure::raise() const {
  // A failure of one bare message is thrown as Error(code, message) throws it (what() is the
  // message itself), so a throwing form over a try_ form throws exactly what it threw before.
  if (diagnostics.size() == 1) {
    const Diagnostic& d = diagnostics.front();
    if (d.file.empty() && d.pointer.empty() && d.line == 0 && d.column == 0 &&
        d.severity == Severity::error)
      throw Error(code, d.message);
  }
  throw Error(code, diagnostics);
}

Failure data_failure(std::string message) {
  return Failure{Exit::data, {make_error("", "", std::move(message))}};
}

Failure failure_of(const Error& e) {
  return Failure{e.code(), e.diagnostics()};
}

}  // namespace qkv
