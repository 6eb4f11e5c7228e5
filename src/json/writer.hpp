#pragma once
// The JSON writer: every JSON document qkv prints or saves is made text here.
#include <nlohmann/json.hpp>
#include <string>

namespace qkv {

/// A JSON document as indented text (with a final newline) for stdout or a report file. Text
/// from learners or packs may hold bytes that are not UTF-8: they become U+FFFD instead of
/// making the dump throw. Besides the control characters JSON requires escaped, DEL, the C1
/// controls (U+0080-009F) and is_hidden_format (core/unicode.hpp) characters (bidi controls,
/// zero-width characters, U+2028/2029, U+FEFF) are written as \u00XX / \uXXXX, so the document is
/// safe to print on a terminal.
std::string json_text(const nlohmann::json& j);
std::string json_text(const nlohmann::ordered_json& j);

/// A dumped JSON document with DEL, C1 controls and is_hidden_format (core/unicode.hpp) characters
/// written as \uXXXX escapes (json_text does this; for writers that lay a document out themselves).
std::string terminal_safe_json(const std::string& dumped);

}  // namespace qkv
