#pragma once
// The calculator's input file format, shared by `qkv calc --input`, the built-in examples,
// `qkv check` and calculated questions in packs. A JSON object with these keys (all optional, but
// together they must make a valid Problem):
//   x, wq, wk, wv, wo, q, k, v, bq, bk, bv   matrices: an array of rows [[1,0],[0,1]], one row
//                                           [1,0], or a string in the inline syntax "1 0; 0 1";
//                                           entries are numbers or strings such as "1/3"
//   wq, wk, wv may also be arrays of matrices, one per head (side by side they make the matrix)
//   mask            "none" | "causal" (top-left) | "causal-bottom-right" | a keep matrix (1/0 or
//                   true/false)
//   additive_mask   a matrix added to the scaled scores
//   scale           a number (or a string such as "1/2")
//   heads           a positive integer
//   tokens          an array of strings, or one string of words separated by spaces
//   description, comment   ignored (documentation for people)
#include <nlohmann/json.hpp>
#include <string_view>

#include "attention/problem.hpp"

namespace qkv::attention {

enum class Validation {
  full,         ///< also run validate(): shapes, masks, tokens
  syntax_only,  ///< only the format (for callers that combine several sources, then validate)
};

/// Reads a problem. Throws Error(Exit::data) with every problem found, each a Diagnostic whose
/// file is `name` and whose pointer is the key (e.g. "/wq" or "/mask/1"): unknown keys, values
/// of the wrong type, matrices that are ragged or hold something other than numbers; with
/// Validation::full also everything validate() finds.
Problem problem_from_json(const nlohmann::json& j, std::string_view name,
                          Validation validation = Validation::full);

/// The problem in the same format, with full precision (problem_from_json reads it back to the
/// same doubles). Per-head weights are written side by side, as one matrix.
nlohmann::json problem_to_json(const Problem& p);

/// Reads a mask given as text, as `--mask` does: "none", "causal" (or "causal-top-left"),
/// "causal-bottom-right", or a keep matrix in the inline syntax. Throws Error(Exit::data) naming
/// `what` for a matrix that does not parse or holds values other than 0 and 1.
MaskSpec parse_mask(std::string_view text, std::string_view what);

/// What is wrong with a mask written as a word that is not a mask's name ("'casual' is not a
/// mask; did you mean 'causal'? use none, causal (...), causal-bottom-right, or a keep matrix
/// ..."), or "" for a name or for text that is not a word (a matrix, checked by parse_mask).
std::string mask_word_problem(std::string_view text);

}  // namespace qkv::attention
