#pragma once
// JSON documents as the front end prints or saves them.
#include <nlohmann/json.hpp>
#include <string>

namespace qkv::app {

/// A JSON document as indented text (with a final newline) for stdout or a report file. Text
/// from learners or packs may hold bytes that are not UTF-8: they become U+FFFD instead of
/// making the dump throw.
std::string json_text(const nlohmann::json& j);
std::string json_text(const nlohmann::ordered_json& j);

}  // namespace qkv::app
