#pragma once
// An exam sitting: a paper of questions answered in any order, without feedback, under a time
// limit read from a qkv::Clock. The learner can answer (and change an answer), skip, move to the
// next or previous question or to question k, flag and unflag questions for review, and see
// which are unanswered or flagged. The paper is submitted by the learner, or as it stands when
// the time runs out, when the input ends, or on Ctrl-C. ExamSession never prints or reads; the
// loop in exam_runner.hpp drives it through a session::Prompter.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "core/clock.hpp"
#include "core/rng.hpp"
#include "exam/result.hpp"
#include "session/presented.hpp"

namespace qkv::exam {

struct ExamOptions {
  std::optional<std::chrono::seconds> time_limit;  ///< nullopt: no time limit
  double pass_mark = 70.0;                         ///< percent needed to pass, 0..100
  session::OptionOrder option_order =
      session::OptionOrder::shuffled;  ///< single/multi options; see session::present()
};

/// What a request to the session did.
enum class ExamStatus {
  done,     ///< it was done
  invalid,  ///< nothing changed: the answer did not parse, or there is no such question
  time_up,  ///< the time limit had passed: nothing changed and the paper is now submitted
  closed,   ///< the paper was already submitted: nothing changed
};

/// The outcome of ExamSession::answer.
struct ExamAnswerOutcome {
  ExamStatus status = ExamStatus::done;
  std::string error;  ///< invalid: why the input is not an answer and what is expected
};

/// Whether flag() sets, clears or switches the flag of the question on screen.
enum class FlagAction { toggle, set, clear };

class ExamSession {
 public:
  /// Lays out every question from rng (one forked stream per question, as session::QuizSession
  /// does) and starts the time: the clock is read now, and again at every request. questions and
  /// clock must outlive the session. REQUIRES: at least one question.
  ExamSession(std::vector<const bank::Question*> questions, Rng& rng, const Clock& clock,
              ExamOptions opts = {});
  ExamSession(const ExamSession&) = delete;
  ExamSession& operator=(const ExamSession&) = delete;

  std::size_t size() const { return paper_.size(); }
  /// 0-based index of the question on screen.
  std::size_t position() const { return position_; }
  const session::PresentedQuestion& current() const { return paper_[position_].presented; }
  /// Question i (0-based) as laid out, with its answer and flag so far.
  const QuestionState& state(std::size_t i) const { return paper_.at(i); }

  std::size_t answered_count() const;
  std::size_t flagged_count() const;
  /// 1-based numbers of the questions without an answer / flagged, ascending.
  std::vector<std::size_t> unanswered() const;
  std::vector<std::size_t> flagged() const;

  /// Time. time_left() is rounded up to whole seconds (it shows 0 only once time is up) and is
  /// nullopt without a limit; time_up() is true once the clock reaches the start plus the limit.
  const ExamOptions& options() const { return opts_; }
  TimePoint started() const { return started_; }
  std::optional<std::chrono::seconds> time_left() const;
  bool time_up() const;

  // Requests. Each first reads the clock: past the limit it submits the paper (ExamEnd::time_up)
  // and returns time_up without acting; after submission it returns closed.

  /// Parses `input` as the answer to the question on screen and stores it (replacing an earlier
  /// answer), then moves to the next unanswered question after it (wrapping round; staying when
  /// there is none). On a parse error nothing changes.
  ExamAnswerOutcome answer(std::string_view input);
  /// Leaves the question as it is and moves to the next unanswered one after it (wrapping), or
  /// to the next one when every question has an answer.
  ExamStatus skip();
  /// The next / previous question in paper order; invalid at the last / first.
  ExamStatus next();
  ExamStatus back();
  /// Question `number` (1-based); invalid outside 1..size().
  ExamStatus go_to(std::size_t number);
  /// Flags or unflags the question on screen.
  ExamStatus flag(FlagAction action);

  /// Submits the paper now (idempotent: a second call returns the first result). With a time
  /// limit, the time used is at most the limit, and a paper submitted after it passed counts as
  /// ExamEnd::time_up whatever `why` says.
  const ExamResult& submit(ExamEnd why);
  /// Submits with ExamEnd::time_up when the limit has passed; true when the paper is (now)
  /// submitted for that reason.
  bool check_time();
  bool submitted() const { return result_.has_value(); }
  /// REQUIRES: submitted(). Valid while the session lives (it points into it).
  const ExamResult& result() const { return *result_; }

 private:
  std::optional<ExamStatus> closed_or_time_up();
  void move_to_next_unanswered();

  std::vector<QuestionState> paper_;
  const Clock& clock_;
  ExamOptions opts_;
  TimePoint started_;
  std::size_t position_ = 0;
  std::optional<ExamResult> result_;
};

}  // namespace qkv::exam
