#pragma once
// Typed access to the fields of a JSON object, reporting every problem (missing, mistyped, empty,
// out of range, unknown) as a Diagnostic with the file and JSON pointer. The pack readers
// (bank/pack_reader.cpp, bank/question_reader.cpp) are written in terms of these.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace qkv {

/// Diagnostics of one document (a pack), capped so that a pathological file (millions of empty
/// objects) cannot exhaust memory: past `limit` errors, one last diagnostic says how many were
/// dropped.
class DiagnosticLog {
 public:
  explicit DiagnosticLog(std::size_t limit = 1000) : limit_(limit) {}
  void add(Diagnostic d);
  /// Errors added so far, dropped ones included.
  std::size_t errors() const { return errors_; }
  /// The diagnostics kept, ending with a note on any that were dropped.
  std::vector<Diagnostic> take();
  std::vector<Diagnostic>& kept() { return kept_; }

 private:
  std::size_t limit_;
  std::size_t errors_ = 0;
  std::size_t dropped_ = 0;
  std::vector<Diagnostic> kept_;
};

/// Where diagnostics go while reading one file.
struct ReadContext {
  std::string file;  ///< the file name shown in diagnostics
  DiagnosticLog& log;
  void error(std::string pointer, std::string message) const;
};

/// Pointer of a member (`/a` + `/key`, escaped) and of an array element (`/a` + `/3`).
std::string member_pointer(const std::string& object, std::string_view key);
std::string element_pointer(const std::string& array, std::size_t index);

/// Whether a field must be present.
enum class Need { required, optional };
/// Whether an empty string is acceptable.
enum class Empty { refused, allowed };

/// Reads the fields of one object. The object must outlive the reader.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string pointer, const ReadContext& ctx)
      : obj_(object), ptr_(std::move(pointer)), ctx_(ctx) {}

  const std::string& pointer() const { return ptr_; }
  std::string field_pointer(std::string_view key) const { return member_pointer(ptr_, key); }
  /// The field's value, or nullptr when absent (no diagnostic).
  const nlohmann::json* find(std::string_view key) const;

  /// A string field; nullopt (after a diagnostic when it is required or mistyped) otherwise.
  std::optional<std::string> string(std::string_view key, Need need,
                                    Empty empty = Empty::refused) const;
  std::optional<bool> boolean(std::string_view key, Need need) const;
  /// A finite number.
  std::optional<double> number(std::string_view key, Need need) const;
  /// A whole number in [lo, hi] (2.0 counts as whole).
  std::optional<long long> integer(std::string_view key, Need need, long long lo,
                                   long long hi) const;
  /// A list of non-empty strings; each bad entry is reported and skipped. At least `min_count`
  /// entries are required when the field is present or required.
  std::vector<std::string> strings(std::string_view key, Need need,
                                   std::size_t min_count = 0) const;
  /// The field when it is an array (or object), nullptr after a diagnostic otherwise.
  const nlohmann::json* array(std::string_view key, Need need) const;
  const nlohmann::json* object(std::string_view key, Need need) const;

  /// Reports every field not in `allowed`. `explain` may return a specific message for a field
  /// (or "" to fall back to "did you mean" with the nearest allowed name).
  template <typename Explain>
  void reject_unknown(const std::vector<std::string>& allowed, std::string_view what,
                      Explain explain) const {
    for (const auto& [key, value] : obj_.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string message = explain(key);
      if (message.empty()) message = unknown_field_message(key, allowed, what);
      ctx_.error(field_pointer(key), std::move(message));
    }
  }
  void reject_unknown(const std::vector<std::string>& allowed, std::string_view what) const {
    reject_unknown(allowed, what, [](const std::string&) { return std::string(); });
  }

 private:
  static std::string unknown_field_message(const std::string& key,
                                           const std::vector<std::string>& allowed,
                                           std::string_view what);
  const nlohmann::json* present(std::string_view key, Need need) const;
  void mistyped(std::string_view key, const nlohmann::json& value, std::string_view expected) const;

  const nlohmann::json& obj_;
  std::string ptr_;
  const ReadContext& ctx_;
};

/// "a string", "a number", ... for the JSON type of `value`, for messages.
std::string json_kind(const nlohmann::json& value);

}  // namespace qkv
