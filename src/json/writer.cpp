#include "json/writer.hpp"

#include <cstdio>

#include "core/text.hpp"
#include "core/unicode.hpp"

namespace qkv {

// The dump escapes only U+0000-001F. A JSON document on a terminal must not carry DEL, the C1
// controls (U+009B is CSI, an escape sequence of its own) or the invisible characters that
// reorder or hide text (is_hidden_format): each becomes \uXXXX, which every JSON reader
// decodes to the same text. Outside strings a dump holds only ASCII, so escaping the whole text
// touches strings (keys included) only.
std::string terminal_safe_json(const std::string& dumped) {
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

namespace {

template <class Json>
std::string indented(const Json& j) {
  return terminal_safe_json(j.dump(2, ' ', false, Json::error_handler_t::replace)) + "\n";
}

}  // namespace

std::string json_text(const nlohmann::json& j) {
  return indented(j);
}

std::string json_text(const nlohmann::ordered_json& j) {
  return indented(j);
}

}  // namespace qkv
