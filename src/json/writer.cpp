#include "json/writer.hpp"

#include <cstdio>

#include "core/text.hpp"
#include "core/unicode.hpp"

namespace qkv {

namespace {

// The dump escapes only U+0000-001F. A JSON document on a terminal must not carry DEL, the C1
// controls (U+009B is CSI, an escape sequence of its own) or the invisible characters that
// reorder or hide text (is_hidden_format): each becomes \uXXXX, which every JSON reader
// decodes to the same text. Outside strings a dump holds only ASCII, so escaping the whole text
// touches strings (keys included) only.
std::string terminal_safe(const std::string& dumped) {
  std::string out;
  out.reserve(dumped.size());
  for (std::size_t i = 0; i < dumped.size();) {
    // Runs of ASCII below DEL are copied whole: only they make up most documents.
    std::size_t run = i;
    while (run < dumped.size() && static_cast<unsigned char>(dumped[run]) < 0x7F) ++run;
    if (run > i) {
      out.append(dumped, i, run - i);
      i = run;
      continue;
    }
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(dumped, i, cp);
    if (len == 0) len = 1, cp = 0xFFFD;  // cannot happen after error_handler_t::replace
    if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || is_hidden_format(cp)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(dumped, i, len);
    }
    i += len;
  }
  return out;
}

// One scalar (or a key, as a string) as compact JSON; bytes that are not UTF-8 become U+FFFD.
template <class Json>
void scalar(const Json& j, std::string& out) {
  out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

template <class Json>
bool all_scalars(const Json& a) {
  for (const auto& e : a)
    if (e.is_structured()) return false;
  return true;
}

// The documents qkv writes are its own (a trace, a report, a pack), a few levels deep, so the
// recursion is bounded by qkv's code, never by a reader's input.
template <class Json>
void layout(const Json& j, std::size_t indent, std::string& out) {
  if (j.is_object()) {
    if (j.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!first) out += ",\n";
      out.append(indent + 2, ' ');
      scalar(Json(it.key()), out);
      out += ": ";
      layout(it.value(), indent + 2, out);
      first = false;
    }
    out += '\n';
    out.append(indent, ' ');
    out += '}';
  } else if (j.is_array()) {
    if (all_scalars(j)) {
      out += '[';
      for (std::size_t i = 0; i < j.size(); ++i) {
        if (i) out += ", ";
        scalar(j[i], out);
      }
      out += ']';
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (i) out += ",\n";
      out.append(indent + 2, ' ');
      layout(j[i], indent + 2, out);
    }
    out += '\n';
    out.append(indent, ' ');
    out += ']';
  } else {
    scalar(j, out);
  }
}

template <class Json>
std::string text_of(const Json& j) {
  std::string out;
  layout(j, 0, out);
  out += '\n';
  return terminal_safe(out);
}

}  // namespace

std::string json_text(const nlohmann::ordered_json& j) {
  return text_of(j);
}

std::string json_text(const nlohmann::json& j) {
  return text_of(j);
}

}  // namespace qkv
