#include "json/fields.hpp"

#include <cmath>

#include "core/suggest.hpp"
#include "core/text.hpp"
#include "json/strings.hpp"

namespace qkv {

using nlohmann::json;

void DiagnosticLog::add(Diagnostic d) {
  if (d.severity == Severity::error) ++errors_;
  if (kept_.size() >= limit_) {
    ++dropped_;
    return;
  }
  kept_.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticLog::take() {
  std::vector<Diagnostic> out = std::move(kept_);
  if (dropped_ > 0 && !out.empty())
    out.push_back(make_error(out.back().file, "",
                             "stopped listing after " + std::to_string(limit_) + " problems; " +
                                 std::to_string(dropped_) + " more not shown"));
  kept_.clear();
  dropped_ = 0;
  return out;
}

void ReadContext::error(std::string pointer, std::string message) const {
  log.add(make_error(file, std::move(pointer), std::move(message)));
}

std::string member_pointer(const std::string& object, std::string_view key) {
  return object + "/" + pointer_token(key);
}

std::string element_pointer(const std::string& array, std::size_t index) {
  return array + "/" + std::to_string(index);
}

std::string json_kind(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "a list";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return std::string("a boolean (") + value.dump() + ")";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number (" + value.dump() + ")";
    default:
      return "a value of another kind";
  }
}

const json* ObjectReader::find(std::string_view key) const {
  const auto it = obj_.find(key);
  return it == obj_.end() ? nullptr : &*it;
}

const json* ObjectReader::present(std::string_view key, Need need) const {
  const json* v = find(key);
  if (!v && need == Need::required)
    ctx_.error(ptr_, "missing required field \"" + std::string(key) + "\"");
  return v;
}

void ObjectReader::mistyped(std::string_view key, const json& value,
                            std::string_view expected) const {
  ctx_.error(field_pointer(key), std::string(key) + " must be " + std::string(expected) +
                                     ", found " + json_kind(value));
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need,
                                                Empty empty) const {
  const json* v = present(key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    mistyped(key, *v, "a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (empty == Empty::refused && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    ctx_.error(field_pointer(key), std::string(key) + " is empty");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need) const {
  const json* v = present(key, need);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    mistyped(key, *v, "true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<double> ObjectReader::number(std::string_view key, Need need) const {
  const json* v = present(key, need);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    mistyped(key, *v, "a number");
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d)) {
    ctx_.error(field_pointer(key), std::string(key) + " must be a finite number");
    return std::nullopt;
  }
  return d;
}

std::optional<long long> ObjectReader::integer(std::string_view key, Need need, long long lo,
                                               long long hi) const {
  const json* v = present(key, need);
  if (!v) return std::nullopt;
  if (v->is_number()) {
    const double d = v->get<double>();
    if (d >= static_cast<double>(lo) && d <= static_cast<double>(hi) && d == std::floor(d))
      return static_cast<long long>(d);
  }
  // Only now, on the error path, the words for what was expected.
  std::string expected;
  if (hi - lo == 2) {
    expected = std::to_string(lo) + ", " + std::to_string(lo + 1) + " or " + std::to_string(hi);
  } else if (hi >= 1'000'000'000) {
    expected = "a whole number, at least " + std::to_string(lo);
  } else {
    expected = "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  }
  mistyped(key, *v, expected);
  return std::nullopt;
}

std::vector<std::string> ObjectReader::strings(std::string_view key, Need need,
                                               std::size_t min_count) const {
  std::vector<std::string> out;
  const json* v = present(key, need);
  if (!v) return out;
  if (!v->is_array()) {
    mistyped(key, *v, "a list of strings");
    return out;
  }
  // The list's pointer is spelt out only for a message (this runs for every list of a pack).
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& e = (*v)[i];
    if (!e.is_string()) {
      ctx_.error(element_pointer(field_pointer(key), i),
                 "each entry of " + std::string(key) + " must be a string, found " + json_kind(e));
    } else if (e.get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos) {
      ctx_.error(element_pointer(field_pointer(key), i), "entry of " + std::string(key) + " is empty");
    } else {
      out.push_back(e.get_ref<const std::string&>());
    }
  }
  if (v->size() < min_count)
    ctx_.error(field_pointer(key), std::string(key) + " needs at least " +
                                       plural(min_count, "entry", "entries") + ", found " +
                                       std::to_string(v->size()));
  return out;
}

const json* ObjectReader::array(std::string_view key, Need need) const {
  const json* v = present(key, need);
  if (v && !v->is_array()) {
    mistyped(key, *v, "a list");
    return nullptr;
  }
  return v;
}

const json* ObjectReader::object(std::string_view key, Need need) const {
  const json* v = present(key, need);
  if (v && !v->is_object()) {
    mistyped(key, *v, "an object");
    return nullptr;
  }
  return v;
}

std::string ObjectReader::unknown_field_message(const std::string& key,
                                                const std::vector<std::string>& allowed,
                                                std::string_view what) {
  std::string message = "unknown field \"" + key + "\" in " + std::string(what);
  if (auto near = nearest_name(key, allowed)) return message + "; did you mean \"" + *near + "\"?";
  return message + "; the fields are " + quoted_list(allowed);
}

}  // namespace qkv
