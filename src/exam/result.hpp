#pragma once
// The result of a submitted exam paper: the mark against the pass mark, the time used, the
// score per concept, and for every question its points and what the review needs (the right
// answer, the feedback for what was chosen, the explanation). Grading is session/grade.hpp's:
// the same points, with partial credit for multi, matching and ordering.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "session/grade.hpp"
#include "session/presented.hpp"
#include "session/typed_answer.hpp"

namespace qkv::exam {

/// How the paper came to be submitted.
enum class ExamEnd {
  submitted,     ///< the learner submitted it (and confirmed)
  time_up,       ///< the time limit passed: submitted as it stood
  end_of_input,  ///< the input ended: submitted as it stood
  interrupted,   ///< Ctrl-C (confirmed in a terminal, at once in a pipe): submitted as it stood
};

/// "submitted", "time_up", "end_of_input", "interrupted" (the names used in JSON).
const char* exam_end_name(ExamEnd e);

/// One question of the paper as it was submitted.
struct QuestionState {
  session::PresentedQuestion presented;
  std::optional<session::Answer> answer;  ///< the last answer given (nullopt: unanswered)
  std::string given;                      ///< what was typed for it, trimmed
  bool flagged = false;
};

/// One question's outcome.
struct QuestionResult {
  std::size_t number = 0;  ///< 1-based position on the paper
  const session::PresentedQuestion* presented = nullptr;
  bool answered = false;
  bool flagged = false;
  std::string given;  ///< as typed; empty when unanswered
  /// The grading. Unanswered: 0 points, detail "not answered", no feedback, but the answer key
  /// and the correct answer filled in for the review.
  session::GradedAnswer result;
};

/// One concept's share of the paper. A question counts for every concept it lists.
struct ConceptResult {
  std::string id;
  std::size_t questions = 0;         ///< questions on the paper that test it
  std::size_t correct = 0;           ///< of those, fully right
  double points = 0.0;               ///< 0..questions
  std::vector<std::size_t> numbers;  ///< their paper numbers, ascending
};

struct ExamResult {
  ExamEnd end = ExamEnd::submitted;
  double score = 0.0;         ///< sum of points, 0..total
  std::size_t total = 0;      ///< questions on the paper (one point each)
  double percent = 0.0;       ///< 100 * score / total
  double pass_mark = 70.0;    ///< percent needed
  bool passed = false;        ///< percent >= pass_mark
  std::size_t answered = 0;   ///< questions with an answer
  std::size_t correct = 0;    ///< questions with full points
  double seconds_used = 0.0;  ///< from the start to the submission, at most the time limit
  std::optional<std::chrono::seconds> time_limit;
  std::vector<QuestionResult> questions;  ///< in paper order
  std::vector<ConceptResult> by_concept;  ///< in the order concepts first appear on the paper

  /// Numbers of the questions to review: those without full points (wrong, partly right or
  /// unanswered), ascending.
  std::vector<std::size_t> to_review() const;
};

/// Grades the paper. REQUIRES: every state's answer (if any) came from parse_answer on its
/// presented question; total > 0.
ExamResult grade_exam(const std::vector<QuestionState>& paper, double pass_mark);

/// The grading of a question left unanswered: 0 points, no feedback, and the answer key and the
/// correct answer (as session::grade() words them for a full-marks answer).
session::GradedAnswer unanswered_result(const session::PresentedQuestion& pq);

}  // namespace qkv::exam
