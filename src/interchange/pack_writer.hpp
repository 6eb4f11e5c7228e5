#pragma once
// The bank model written back as a qkv-pack/1 document (README, "Pack format"): what
// `qkv pack import` saves. Reading the result with bank::parse_pack gives the same pack.
#include <nlohmann/json.hpp>

#include "bank/model.hpp"

namespace qkv::interchange {

/// The whole pack as one JSON document (fields in the README's order; empty optional fields left
/// out).
nlohmann::ordered_json pack_to_json(const bank::Pack& pack);

/// The metadata and concepts only (a directory pack's pack.json).
nlohmann::ordered_json pack_meta_to_json(const bank::Pack& pack);

/// One question.
nlohmann::ordered_json question_to_json(const bank::Question& q);

}  // namespace qkv::interchange
