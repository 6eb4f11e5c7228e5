#pragma once
// Grading a parsed answer. Every type returns full correctness and points in [0, 1]; three types
// give partial credit (the rules are in the man page, SCORING, and repeated here):
//   multi     (correct options chosen - wrong options chosen) / number of correct options,
//             floored at 0. Choosing every option therefore scores no better than the
//             difference, and a single wrong pick cancels a right one.
//   matching  the fraction of left items given their right partner.
//   ordering  (L - 1) / (n - 1), where L is the length of the longest subsequence of the learner's
//             order that is in the correct relative order (longest increasing subsequence). One
//             item moved to the wrong place costs 1/(n-1); the reverse order scores 0. (Counting
//             items in their exact position would score "moved the last item to the front" as 0.)
//   single, true_false, short, numeric: 1 or 0.
//   calculated, matrix: 1 or 0 (every entry within the tolerance); `matrix` says which entries
//             were right and names the mistake behind a wrong answer (practice/diagnose.hpp).
// A question is "correct" only with full points.
#include <optional>
#include <string>
#include <vector>

#include "practice/diagnose.hpp"
#include "practice/matrix_answer.hpp"
#include "session/presented.hpp"
#include "session/typed_answer.hpp"

namespace qkv::session {

enum class FeedbackKind {
  right_pick,  ///< an option the learner chose, and it is correct
  wrong_pick,  ///< an option the learner chose, and it is wrong
  missed,      ///< a correct option the learner did not choose
};

/// calculated and matrix: the answer entry by entry, and what went wrong.
struct MatrixFeedback {
  Matrix given;                         ///< the learner's matrix
  Matrix answer;                        ///< the right one
  practice::EntryMask ok;               ///< per entry: within the tolerance
  practice::Diagnosis diagnosis;        ///< empty when right
  std::vector<std::string> row_labels;  ///< for display (may be empty)
  std::vector<std::string> col_labels;
};

/// Feedback the pack gives for one option (or for the side of a true/false question).
struct Feedback {
  std::string label;  ///< "b" (displayed letter), or "true"/"false"
  std::string text;   ///< the option's text, or "true"/"false"
  std::string note;   ///< the pack's feedback for it (never empty: empty feedback is left out)
  FeedbackKind kind = FeedbackKind::wrong_pick;
};

struct GradedAnswer {
  bool correct = false;  ///< full marks
  double points = 0.0;   ///< in [0, 1]
  /// What the learner's answer earned, in words, when partial credit applies
  /// ("2 of 3 pairs right"); empty otherwise.
  std::string detail;
  /// Feedback for the chosen options (in displayed order), then for missed correct ones.
  std::vector<Feedback> feedback;
  /// The answer as the learner would type it for full marks with this layout: "b", "a,c",
  /// "true", "1b 2a 3c", "c a b d", the first accepted short answer, the number.
  std::string answer_key;
  /// The correct answer in words, one line each: "b) Values", "1 Query -> c) what I look for",
  /// "softmax (also accepted: soft max)", "0.42 (within 0.01)".
  std::vector<std::string> correct_answer;
  /// calculated and matrix questions only.
  std::optional<MatrixFeedback> matrix;
};

/// Grades a against pq. REQUIRES: a came from parse_answer(pq, ...).
GradedAnswer grade(const PresentedQuestion& pq, const Answer& a);

/// Length of the longest strictly increasing subsequence of v (used for ordering credit).
std::size_t longest_increasing_run(const std::vector<std::size_t>& v);

}  // namespace qkv::session
