#pragma once
// Choosing the questions of a session from a bank: filters by id, concept, difficulty and type,
// then pack order or a seeded shuffle, then the first N.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "core/rng.hpp"

namespace qkv::session {

enum class QuestionOrder {
  shuffled,    ///< shuffled from the session's seed (default)
  as_written,  ///< pack order (`--in-order`)
};

struct Selection {
  /// Only these questions ("pack-id/question-id" or a bare question id); empty = no id filter.
  std::vector<std::string> ids;
  /// Questions that test any of these concept ids (any of a question's concepts, not only its
  /// first); empty = every concept.
  std::vector<std::string> concepts;
  std::vector<int> difficulties;          ///< levels 1-3 to keep; empty = every level
  std::vector<bank::QuestionType> types;  ///< types to keep; empty = every type
  std::size_t count = 10;                 ///< at most this many questions; 0 = every match
  QuestionOrder order = QuestionOrder::shuffled;
};

/// Parses a --difficulty value: "2", "1-2", "2,3", "1,3-3". Throws Error(Exit::usage) saying
/// what is accepted for anything else (levels are 1 to 3). Returns sorted distinct levels.
std::vector<int> parse_difficulty(std::string_view spec);

/// Parses --type values (the pack names: single, multi, true_false, matching, ordering, short,
/// numeric, calculated, matrix; "true-false" is accepted too). Throws Error(Exit::usage) listing
/// the names.
std::vector<bank::QuestionType> parse_types(const std::vector<std::string>& names);

/// The questions of a session, in session order. Throws Error(Exit::usage) when a concept id or a
/// question id is not in the bank, and when nothing matches; both messages list the bank's
/// concepts (with question counts) so the learner can pick a valid one.
std::vector<const bank::Question*> select_questions(const bank::Bank& bank, const Selection& sel,
                                                    Rng& rng);

/// The bank's concepts, one per line: "  id  name (N questions)". For usage messages and --help.
std::string describe_concepts(const bank::Bank& bank);

}  // namespace qkv::session
