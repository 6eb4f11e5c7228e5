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

/// What a misspelt or partial `word` probably meant: the nearest candidate by spelling
/// (nearest_name), else, for a word of 3 characters or more, the candidates that contain it
/// ("softmax" in "softmax-weights"), if there are at most 4. Empty when there is no likely one.
std::vector<std::string> likely_meant(std::string_view word,
                                      const std::vector<std::string>& candidates);

/// "did you mean 'x'?" or "did you mean one of 'a', 'b'?" from likely_meant; "" when nothing is
/// likely. The candidates are trusted names (ids, commands), so they are not sanitised.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Joins names as `"a", "b", "c"`.
std::string quoted_list(const std::vector<std::string>& names);

}  // namespace qkv
