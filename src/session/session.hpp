#pragma once
// A study session over chosen questions. The QuizSession does not print or read: it holds the
// questions laid out from the seed, yields the current one, takes the learner's typed answer
// (a parse error changes nothing), grades it, and sums up. The front end (or run_quiz with a
// Prompter) decides how to show all this.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "core/clock.hpp"
#include "core/rng.hpp"
#include "session/grade.hpp"
#include "session/presented.hpp"

namespace qkv::session {

struct SessionOptions {
  OptionOrder option_order = OptionOrder::shuffled;  ///< single/multi options; see present()
};

/// One answered question.
struct Record {
  const PresentedQuestion* presented = nullptr;  ///< owned by the QuizSession
  std::string given;                             ///< what the learner typed, trimmed
  GradedAnswer result;
  int hints_used = 0;    ///< hints shown before answering
  double seconds = 0.0;  ///< from the previous answer (or the start) to this one
};

/// Results for one concept. A question counts for every concept it lists.
struct ConceptScore {
  std::string id;
  std::size_t answered = 0;
  std::size_t correct = 0;  ///< fully correct
  double points = 0.0;
  std::vector<std::string> missed;  ///< full ids of the questions not fully correct
};

struct Summary {
  std::size_t planned = 0;   ///< questions in the session
  std::size_t answered = 0;  ///< questions answered (fewer than planned when ended early)
  std::size_t correct = 0;   ///< answered with full points
  double points = 0.0;       ///< sum of points, 0..answered
  std::vector<ConceptScore> by_concept;  ///< in the order concepts first appeared
  std::vector<std::string> missed;       ///< full ids of answered questions not fully correct
  std::vector<std::string> hinted;       ///< full ids of questions answered after a hint
  std::vector<std::string> skipped;      ///< full ids of questions skipped (not answered)
  double seconds = 0.0;                  ///< from the start to the last answer
};

/// What QuizSession::answer did with an input line.
struct AnswerOutcome {
  const Record* record = nullptr;  ///< the graded answer; null when the input did not parse
  std::string error;               ///< why it did not parse and what is expected
  bool accepted() const { return record != nullptr; }
};

class QuizSession {
 public:
  /// Lays out every question from rng (one forked stream per question, so a question's layout
  /// depends only on the seed and its position). questions must outlive the session; clock is
  /// read when the session starts and at each answer.
  QuizSession(std::vector<const bank::Question*> questions, Rng& rng, const Clock& clock,
              SessionOptions opts = {});
  QuizSession(const QuizSession&) = delete;
  QuizSession& operator=(const QuizSession&) = delete;

  std::size_t size() const { return presented_.size(); }
  /// Index of the current question (answered and skipped questions are behind it).
  std::size_t position() const { return position_; }
  bool finished() const { return position() >= size(); }
  /// The question to answer now. REQUIRES: !finished().
  const PresentedQuestion& current() const { return presented_[position()]; }
  /// Every question as laid out, in session order.
  const std::vector<PresentedQuestion>& questions() const { return presented_; }

  /// The next hint of the current question, counted against it (the record says how many were
  /// used); std::nullopt when there are no more. REQUIRES: !finished().
  std::optional<std::string> next_hint();
  /// Hints shown so far for the current question.
  int hints_used() const { return hints_used_; }

  /// Parses and grades `input` for the current question and moves to the next one. On a parse
  /// error nothing changes and the outcome carries the message. REQUIRES: !finished().
  AnswerOutcome answer(std::string_view input);
  /// Leaves the current question unanswered and moves to the next one; the summary lists it
  /// as skipped. REQUIRES: !finished().
  void skip();

  const std::vector<Record>& records() const { return records_; }
  /// Points of the answers so far.
  double points() const;
  Summary summary() const;

 private:
  std::vector<PresentedQuestion> presented_;
  std::vector<Record> records_;
  std::vector<std::size_t> skipped_;  ///< positions of the skipped questions
  std::size_t position_ = 0;
  const Clock& clock_;
  TimePoint started_;
  TimePoint last_;
  int hints_used_ = 0;
};

}  // namespace qkv::session
