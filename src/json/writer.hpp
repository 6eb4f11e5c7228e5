#pragma once
// The one JSON writer: every JSON document qkv prints or saves (stdout, --save-input, --report,
// pack import, progress export, ...) is made text here, and nowhere else.
#include <nlohmann/json.hpp>
#include <string>

namespace qkv {

/// A JSON document as text with a final newline, in one layout for people and diff tools:
/// objects indented by two spaces, one key per line, and every array of numbers, strings,
/// booleans or nulls kept on one line (so a matrix prints one row per line); numbers with full
/// precision, keys in the document's order.
///
/// Never throws on content: text from learners or packs may hold bytes that are not UTF-8, and
/// each such byte becomes U+FFFD (as the located reader reads it). Besides the control
/// characters JSON requires escaped, DEL, the C1 controls (U+0080-009F) and is_hidden_format
/// (core/unicode.hpp) characters (bidi controls, zero-width characters, U+2028/2029, U+FEFF)
/// are written as \u00XX / \uXXXX, so the document is safe to print on a terminal and reads
/// back, with any JSON reader, as the same document.
std::string json_text(const nlohmann::ordered_json& j);
std::string json_text(const nlohmann::json& j);

}  // namespace qkv
