#pragma once
// Small pieces of JSON text handling shared by the scanner (json/scanner.cpp) and the readers:
// decoding string escapes, UTF-8 encoding, JSON pointer tokens.
#include <cstdint>
#include <string>
#include <string_view>

namespace qkv {

/// Decodes the body of a JSON string (between the quotes): escapes such as \n and \u00e9 become
/// their characters. Malformed escapes are kept as written.
std::string decode_json_string(std::string_view raw);

/// Escapes a key for use as a JSON pointer token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

/// Appends code point `cp` (<= U+10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

/// The value of the four hex digits at raw[i], or -1 when they are not there.
long hex4(std::string_view raw, std::size_t i);

}  // namespace qkv
