#pragma once
// A drill exercise: what the learner is shown (the situation and the given matrices), what they
// are asked (one or more parts, each answered with a scalar, a vector or a matrix), and what the
// attention engine says the answers are. Generators (generate.hpp) build exercises from a seed;
// solve.hpp re-runs the engine on them (correctly, or with a known mistake).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attention/options.hpp"
#include "attention/problem.hpp"
#include "core/numbers.hpp"
#include "core/tolerance.hpp"

namespace qkv::practice {

/// The kinds of exercise, each with a stable id (kind_name).
enum class Kind {
  projection,  ///< q_i = x_i·W_q for one token, or whole projections
  score,       ///< a dot product q_i·k_j, then scaled
  softmax,     ///< a row (or matrix) of scores into weights
  output,      ///< a weighted sum of value vectors, given the weights
  attention,   ///< a full small example: scores, scaled, weights, output
  mask,        ///< which entries a causal mask removes, and the weights that result
  kv_cache,    ///< one decoding step: what is appended, what the new query attends to, the output
  shapes,      ///< shapes of Q, K, V, S, O; how the number of scores grows with the sequence
  multihead,   ///< split into heads, one head's result, concatenation
};

inline constexpr Kind kKinds[] = {Kind::projection, Kind::score,     Kind::softmax,
                                  Kind::output,     Kind::attention, Kind::mask,
                                  Kind::kv_cache,   Kind::shapes,    Kind::multihead};
inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 3;

/// "projection", "score", "softmax", "output", "attention", "mask", "kv-cache", "shapes",
/// "multihead".
const char* kind_name(Kind k);
/// Inverse of kind_name (also accepts "kv_cache"); nullopt for anything else.
std::optional<Kind> parse_kind(std::string_view name);
/// One line saying what the kind practises (for --help and lists).
const char* kind_summary(Kind k);
/// Every kind name, in kKinds order.
std::vector<std::string> kind_names();

/// Where the engine starts.
enum class Start {
  problem,  ///< from the Problem's inputs: attention::run
  weights,  ///< from given weights P: only O = P·V (the engine's weighted_sum step)
};

/// How a part's answer is read from the engine's traces.
enum class Read {
  entries,  ///< entries of one step: steps[0] ("scaled", "head2/q", or "keep", the mask's
            ///< keep matrix with 1 = may attend), rows × cols
  shapes,   ///< one row (rows, columns) per step in `steps`, from the first problem's trace
  counts,   ///< one entry per problem: how many entries steps[0] has, summed over the heads
};

struct Source {
  Read read = Read::entries;
  std::vector<std::string> steps;  ///< see Read
  std::vector<int> rows;           ///< entries: 0-based rows to read; empty = all
  std::vector<int> cols;           ///< entries: 0-based columns to read; empty = all
};

/// One question of an exercise, answered on its own line.
struct Part {
  std::string label;               ///< "a", "b", ...
  std::string question;            ///< what to compute, in words
  Source source;                   ///< where the answer comes from
  Matrix answer;                   ///< the engine's answer (1×1 scalar, 1×n vector, or a matrix)
  std::vector<std::string> steps;  ///< the worked steps that lead to it, in order (step ids)
  std::vector<std::string> row_labels;  ///< for showing the answer (may be empty)
  std::vector<std::string> col_labels;  ///< for showing the answer (may be empty)
};

/// A matrix shown to the learner as part of the exercise.
struct Given {
  std::string name;  ///< "X", "W_q", "q(\"cat\")", "K cache"
  Matrix matrix;
  std::vector<std::string> row_labels;  ///< may be empty
  std::vector<std::string> col_labels;  ///< may be empty
};

struct Exercise {
  Kind kind = Kind::attention;
  int level = 1;              ///< 1..3
  std::uint64_t seed = 0;     ///< generate(kind, level, seed) gives this exercise again
  std::string title;          ///< "Scaled dot product"
  std::string intro;          ///< the situation, in words; the givens and parts follow
  std::vector<Given> givens;  ///< in the order shown
  std::vector<Part> parts;    ///< in the order asked
  std::vector<attention::Problem> problems;  ///< the engine's inputs; several only for growth
  Start start = Start::problem;
  Matrix weights;  ///< Start::weights: the given P (problems[0] holds K and V)
  attention::Decode decode = attention::Decode::off;  ///< kv-cache: also decode with the cache
  Tolerance tolerance;                                ///< for every entry of every part
  std::vector<std::string> mistakes;  ///< catalogue ids (mistakes.hpp) this exercise can tell
                                      ///< apart from the right answer, in catalogue order

  /// The worked steps of every part, each once, in order.
  std::vector<std::string> steps() const;
  /// The worked steps of parts 0..part, each once, in order: all that leads to that part's
  /// answer when it is asked on its own (a calculated question).
  std::vector<std::string> steps_through(std::size_t part) const;
};

/// "1×3 row", "a number", "2×2 matrix": how an answer of this shape is described to a learner.
std::string shape_words(Eigen::Index rows, Eigen::Index cols);

/// The tolerance in words: "±0.01", "exactly", "within 1 %".
std::string tolerance_words(const Tolerance& t);

/// "Answers must be exact" or "Answers within ±0.01 count as right" (no final stop).
std::string tolerance_sentence(const Tolerance& t);

}  // namespace qkv::practice
