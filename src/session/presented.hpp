#pragma once
// How one question is laid out in front of a learner: the order of its options, of the right-hand
// items of a matching question, and of the items of an ordering question. A PresentedQuestion is
// fixed once (from a seeded Rng) so that answers typed as letters mean the same thing for the
// whole session, and a seed replays the same layout.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "bank/model.hpp"
#include "core/rng.hpp"
#include "practice/exercise.hpp"

namespace qkv::session {

/// Order of the options of single and multi questions.
enum class OptionOrder {
  shuffled,    ///< shuffled from the session's seed (default)
  as_written,  ///< pack order (`--in-order`)
};

struct PresentOptions {
  OptionOrder options = OptionOrder::shuffled;  ///< single/multi options only; see present()
};

struct PresentedQuestion {
  const bank::Question* question = nullptr;  ///< never null once presented; the bank outlives it

  /// single/multi: for each displayed position (a, b, c...), the index of the option in the pack.
  std::vector<std::size_t> choices;
  /// matching: the right-hand items (pair rights and distractors, each distinct text once) in
  /// displayed order (a, b, c...). Left items are shown in pack order, numbered from 1.
  std::vector<std::string> rights;
  /// ordering: for each displayed position (a, b, c...), the index of the item in the pack (the
  /// pack lists items in the correct order).
  std::vector<std::size_t> items;
  /// calculated: the drill exercise drawn when the question was laid out (shared by copies).
  std::shared_ptr<const practice::Exercise> exercise;
  /// calculated: the index of the part of `exercise` that is asked.
  std::size_t part = 0;
  /// The hints offered, in order: the pack's, then for a calculated question the formula of each
  /// worked step that leads to the part asked (worked out once, when the question is laid out).
  std::vector<std::string> hints;

  bank::QuestionType type() const { return question->type; }
};

/// calculated and matrix: the answer expected (the engine's for a calculated question, the pack's
/// for a matrix question) and its tolerance. REQUIRES: pq is one of these types.
Matrix expected_matrix(const PresentedQuestion& pq);
Tolerance matrix_tolerance(const PresentedQuestion& pq);

/// The hints offered for pq (PresentedQuestion::hints).
inline const std::vector<std::string>& hints_of(const PresentedQuestion& pq) {
  return pq.hints;
}

/// Lays out q. Options of single/multi questions are shuffled unless opts says as_written.
/// Matching right-hand items and ordering items are always shuffled (pack order would give the
/// answer away) and, when the texts allow it, never shown in the correct arrangement. A
/// calculated question's exercise is generated here, with its fixed seed or one drawn from rng.
/// All random choices come from rng.
PresentedQuestion present(const bank::Question& q, Rng& rng, const PresentOptions& opts = {});

/// The label of displayed position i (0-based): "a".."z", then "27", "28"... Parsers accept the
/// number (1-based) of any position as well as its letter.
std::string position_label(std::size_t i);

}  // namespace qkv::session
