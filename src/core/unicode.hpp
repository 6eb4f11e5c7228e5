#pragma once
// Code points of untrusted text: decoding UTF-8, and the characters sanitize_line() and
// sanitize_block() shows as
// "<U+202E>" because they change how text reads without being seen.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace qkv {

/// True for the invisible characters that can make text read differently from what is stored
/// ("Trojan Source"): the bidi controls U+202A-202E, U+2066-2069, U+200E/200F and U+061C, the
/// line and paragraph separators U+2028/2029, the zero-width characters U+200B-200D and
/// U+2060-2064, and U+FEFF (a byte order mark anywhere but at a file's start). sanitize_line() and
/// sanitize_block() shows each as "<U+XXXX>", the JSON writer as "\uXXXX", and `qkv pack lint`
/// warns about them.
bool is_hidden_format(std::uint32_t cp);

/// Decodes the UTF-8 sequence at text[i] into cp and returns its length, or 0 when it is
/// malformed (overlong, a surrogate, past U+10FFFF, cut short).
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& cp);

/// The length in bytes of the terminal escape sequence that starts at text[i] (an ESC): a CSI
/// (ESC [ ... final byte, such as a colour), an OSC (ESC ] ... BEL or ESC \\), or ESC and one
/// byte. Cut short at the end of the text: the rest of it.
std::size_t escape_length(std::string_view text, std::size_t i);

}  // namespace qkv
