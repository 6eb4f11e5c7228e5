#pragma once
// The JSON writer: every JSON document qkv prints or saves is made text here.
#include <nlohmann/json.hpp>
#include <string>

namespace qkv {

/// A JSON document as indented text (with a final newline) for stdout or a report file. Text
/// from learners or packs may hold bytes that are not UTF-8: they become U+FFFD instead of
/// making the dump throw.
std::string json_text(const nlohmann::json& j);
std::string json_text(const nlohmann::ordered_json& j);

}  // namespace qkv
