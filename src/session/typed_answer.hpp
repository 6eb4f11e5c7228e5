#pragma once
// Parsing what a learner types, per question type, in the syntax of DESIGN.md:
//   single      a letter or a number: "b", "2", "b)"
//   multi       letters or numbers: "a,c", "a c", "ac"
//   true_false  t, f, true, false, yes, no (y, n)
//   matching    a letter for each numbered left item: "1b 2a 3c" ("1-b", "1:b" too), or just the
//               letters in the order of the left items: "b a c"
//   ordering    every letter once, first to last: "c a b d", "c,a,b,d", "cabd"
//   short       free text (compared later after normalize_answer)
//   numeric     a number as core::parse_scalar reads it: 0.25, -1e-3, 1/4
//   calculated, matrix   a number, a row "1 2 3" or a matrix "1 0; 0 1" (core::parse_matrix),
//               of the shape expected; a wrong shape is a parse error naming the shape
// Letters refer to positions as presented (PresentedQuestion); the parsed Answer refers to pack
// indices, so grading does not depend on the layout. Case and spaces around tokens never matter.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/numbers.hpp"
#include "session/presented.hpp"

namespace qkv::session {

/// A parsed answer. Which fields are used depends on `type`.
struct Answer {
  bank::QuestionType type = bank::QuestionType::single;
  /// single: one pack option index; multi: pack option indices, sorted, no repeats.
  std::vector<std::size_t> options;
  /// matching: for each left item (pack order), the displayed index of the chosen right item in
  /// PresentedQuestion::rights.
  std::vector<std::size_t> matches;
  /// ordering: pack item indices in the order the learner put them.
  std::vector<std::size_t> order;
  bool truth = false;  ///< true_false
  std::string text;    ///< short: as typed, trimmed
  double number = 0;   ///< numeric
  Matrix matrix;       ///< calculated, matrix: the shape expected
};

/// Either an Answer or a message saying what was wrong with the input and what is expected.
struct ParseOutcome {
  std::optional<Answer> answer;
  std::string error;  ///< empty when answer is set
  bool ok() const { return answer.has_value(); }
};

/// Parses `input` as an answer to pq. Never throws on bad input: a parse error (empty input, a
/// letter that is not an option, a missing item...) returns a message that ends with
/// answer_syntax(pq). A parse error is not an answer.
ParseOutcome parse_answer(const PresentedQuestion& pq, std::string_view input);

/// A line of input without the spaces, tabs and line ends around it (how a session records what
/// the learner gave).
std::string_view trim_input(std::string_view input);

/// One sentence telling the learner how to answer this question, with the letters and numbers
/// that are valid for it, e.g. "Answer with one letter, a-d." Used as the "how to answer" line.
std::string answer_syntax(const PresentedQuestion& pq);

}  // namespace qkv::session
