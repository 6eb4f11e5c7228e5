#include "exam/session.hpp"

#include <algorithm>

#include "session/typed_answer.hpp"

namespace qkv::exam {

ExamSession::ExamSession(std::vector<const bank::Question*> questions, Rng& rng, const Clock& clock,
                         ExamOptions opts)
    : clock_(clock), opts_(opts), started_(clock.now()) {
  paper_.reserve(questions.size());
  for (const auto* q : questions) {
    Rng own = rng.fork();
    QuestionState s;
    s.presented = session::present(*q, own, session::PresentOptions{.options = opts.option_order});
    paper_.push_back(std::move(s));
  }
}

std::size_t ExamSession::answered_count() const {
  return static_cast<std::size_t>(std::count_if(
      paper_.begin(), paper_.end(), [](const QuestionState& s) { return s.answer.has_value(); }));
}

std::size_t ExamSession::flagged_count() const {
  return static_cast<std::size_t>(std::count_if(paper_.begin(), paper_.end(),
                                                [](const QuestionState& s) { return s.flagged; }));
}

std::vector<std::size_t> ExamSession::unanswered() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < paper_.size(); ++i)
    if (!paper_[i].answer) out.push_back(i + 1);
  return out;
}

std::vector<std::size_t> ExamSession::flagged() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < paper_.size(); ++i)
    if (paper_[i].flagged) out.push_back(i + 1);
  return out;
}

std::optional<std::chrono::seconds> ExamSession::time_left() const {
  if (!opts_.time_limit) return std::nullopt;
  const auto left = started_ + *opts_.time_limit - clock_.now();
  if (left <= TimePoint::duration::zero()) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(left);
}

bool ExamSession::time_up() const {
  return opts_.time_limit && clock_.now() >= started_ + *opts_.time_limit;
}

std::optional<ExamStatus> ExamSession::closed_or_time_up() {
  if (submitted()) return ExamStatus::closed;
  if (check_time()) return ExamStatus::time_up;
  return std::nullopt;
}

void ExamSession::move_to_next_unanswered() {
  for (std::size_t step = 1; step < paper_.size(); ++step) {
    const std::size_t i = (position_ + step) % paper_.size();
    if (!paper_[i].answer) {
      position_ = i;
      return;
    }
  }
}

ExamAnswerOutcome ExamSession::answer(std::string_view input) {
  if (auto stop = closed_or_time_up()) return {*stop, ""};
  QuestionState& s = paper_[position_];
  session::ParseOutcome parsed = session::parse_answer(s.presented, input);
  if (!parsed.ok()) return {ExamStatus::invalid, std::move(parsed.error)};
  s.answer = std::move(parsed.answer);
  s.given = std::string(session::trim_input(input));
  move_to_next_unanswered();
  return {ExamStatus::done, ""};
}

ExamStatus ExamSession::skip() {
  if (auto stop = closed_or_time_up()) return *stop;
  const std::size_t before = position_;
  move_to_next_unanswered();
  if (position_ == before && paper_.size() > 1) position_ = (position_ + 1) % paper_.size();
  return ExamStatus::done;
}

ExamStatus ExamSession::next() {
  if (auto stop = closed_or_time_up()) return *stop;
  if (position_ + 1 >= paper_.size()) return ExamStatus::invalid;
  ++position_;
  return ExamStatus::done;
}

ExamStatus ExamSession::back() {
  if (auto stop = closed_or_time_up()) return *stop;
  if (position_ == 0) return ExamStatus::invalid;
  --position_;
  return ExamStatus::done;
}

ExamStatus ExamSession::go_to(std::size_t number) {
  if (auto stop = closed_or_time_up()) return *stop;
  if (number < 1 || number > paper_.size()) return ExamStatus::invalid;
  position_ = number - 1;
  return ExamStatus::done;
}

ExamStatus ExamSession::flag(FlagAction action) {
  if (auto stop = closed_or_time_up()) return *stop;
  bool& f = paper_[position_].flagged;
  f = action == FlagAction::toggle ? !f : action == FlagAction::set;
  return ExamStatus::done;
}

bool ExamSession::check_time() {
  if (submitted()) return result_->end == ExamEnd::time_up;
  if (!time_up()) return false;
  submit(ExamEnd::time_up);
  return true;
}

const ExamResult& ExamSession::submit(ExamEnd why) {
  if (result_) return *result_;
  const TimePoint now = clock_.now();
  auto used = std::max(now - started_, TimePoint::duration::zero());
  if (opts_.time_limit && used >= *opts_.time_limit) {
    used = *opts_.time_limit;
    why = ExamEnd::time_up;
  }
  result_ = grade_exam(paper_, opts_.pass_mark);
  result_->end = why;
  result_->time_limit = opts_.time_limit;
  result_->seconds_used = std::chrono::duration<double>(used).count();
  return *result_;
}

}  // namespace qkv::exam
