#pragma once
// Drill exercises on paper: a printable Markdown worksheet (`qkv drill --worksheet markdown`)
// and its answer key with every worked step (`--answer-key`), for instructors.
#include <cstdint>
#include <string>
#include <vector>

#include "practice/exercise.hpp"

namespace qkv::render {

/// The sheet: a title, how to write answers and the tolerance, then each exercise with its
/// givens as tables and its parts with room to answer. The seed is printed so that the same
/// sheet (and its key) can be made again with the command `replay`.
std::string worksheet_markdown(const std::vector<practice::Exercise>& exercises, std::uint64_t seed,
                               const std::string& replay);

/// The answer key: for each exercise the answer to every part and the worked steps (the
/// calculator's Markdown renderer).
std::string answer_key_markdown(const std::vector<practice::Exercise>& exercises,
                                std::uint64_t seed);

}  // namespace qkv::render
