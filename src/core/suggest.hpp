#pragma once
// "Did you mean ...?": the nearest known name to a misspelt one, for messages about unknown
// fields, question types, concept ids and the like.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qkv {

/// Edit distance (insertions, deletions, substitutions) between a and b, ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word` when it is close enough to be a likely typo (at most 1 edit
/// for words up to 4 characters, 2 up to 8, 3 beyond); nullopt when none is, when `word` is
/// exactly a candidate, or when the search would be unreasonably large (very long words or more
/// than a few thousand candidates). Words of 1-2 characters only match by case.
std::optional<std::string> nearest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// Joins names as `"a", "b", "c"`.
std::string quoted_list(const std::vector<std::string>& names);

}  // namespace qkv
