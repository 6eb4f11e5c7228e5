#include "core/error.hpp"

namespace qkv {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) {
      out += ":" + std::to_string(d.line);
      if (d.column > 0) out += ":" + std::to_string(d.column);
    }
    out += ": ";
  }
  if (!d.pointer.empty()) out += d.pointer + ": ";
  out += d.severity == Severity::error ? "error: " : "warning: ";
  out += d.message;
  return out;
}

static std::string first_message(const std::vector<Diagnostic>& ds) {
  return ds.empty() ? std::string("error") : format_diagnostic(ds.front());
}

static Diagnostic message_only(std::string message) {
  return make_error("", "", std::move(message));
}

Error::Error(Exit code, std::string message)
    : std::runtime_error(message), code_(code), diagnostics_{message_only(message)} {}

Error::Error(Exit code, std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)),
      code_(code),
      diagnostics_(std::move(diagnostics)) {}

void throw_usage(std::string message) {
  throw Error(Exit::usage, std::move(message));
}
void throw_data(std::string message) {
  throw Error(Exit::data, std::move(message));
}

Diagnostic make_error(std::string file, std::string pointer, std::string message, int line,
                      int column) {
  Diagnostic d;  // not a designated initializer: GCC 12 warns about the fields left out (-Werror)
  d.file = std::move(file);
  d.pointer = std::move(pointer);
  d.message = std::move(message);
  d.line = line;
  d.column = column;
  return d;
}

Diagnostic make_warning(std::string file, std::string pointer, std::string message, int line,
                        int column) {
  Diagnostic d = make_error(std::move(file), std::move(pointer), std::move(message), line, column);
  d.severity = Severity::warning;
  return d;
}

}  // namespace qkv
