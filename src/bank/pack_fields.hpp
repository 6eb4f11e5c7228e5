#pragma once
// Pack-specific pieces of reading pack files: ids, where a thing was defined, messages about
// concepts. The generic field access is json/fields.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "json/fields.hpp"
#include "json/index.hpp"

namespace qkv::bank {

/// True when `id` is usable as an id: 1-100 characters from letters, digits, '.', '_' and '-',
/// starting with a letter or digit (so "pack-id/question-id" stays unambiguous).
bool valid_id(std::string_view id);
/// The message for an id that is not valid_id.
std::string invalid_id_message(std::string_view what, std::string_view id);

/// Where a thing was defined, with its line and column when `index` knows the pointer.
SourceLoc source_loc(const std::string& file, const JsonIndex& index, const std::string& pointer);
/// "file:line:column (pointer)" for messages that point at an earlier definition.
std::string where_defined(const SourceLoc& loc);
/// "concept "x" is not defined in this pack", with a suggestion from `defined` when one is
/// close, else followed by `otherwise` (which may be empty).
std::string undefined_concept_message(const std::string& id,
                                      const std::vector<std::string>& defined,
                                      std::string_view otherwise);

}  // namespace qkv::bank
