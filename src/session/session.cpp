#include "session/session.hpp"

#include <algorithm>

#include "session/typed_answer.hpp"

namespace qkv::session {

namespace {

double seconds_between(TimePoint a, TimePoint b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

QuizSession::QuizSession(std::vector<const bank::Question*> questions, Rng& rng, const Clock& clock,
                         SessionOptions opts)
    : clock_(clock), started_(clock.now()), last_(started_) {
  presented_.reserve(questions.size());
  records_.reserve(questions.size());  // records never move, so Record pointers stay valid
  for (const auto* q : questions) {
    Rng own = rng.fork();
    presented_.push_back(present(*q, own, PresentOptions{.options = opts.option_order}));
  }
}

std::optional<std::string> QuizSession::next_hint() {
  const auto hints = hints_of(current());
  if (static_cast<std::size_t>(hints_used_) >= hints.size()) return std::nullopt;
  return hints[static_cast<std::size_t>(hints_used_++)];
}

AnswerOutcome QuizSession::answer(std::string_view input) {
  const PresentedQuestion& pq = current();
  ParseOutcome parsed = parse_answer(pq, input);
  if (!parsed.ok()) return AnswerOutcome{nullptr, std::move(parsed.error)};
  const TimePoint now = clock_.now();
  Record rec;
  rec.presented = &pq;
  rec.given = std::string(trim_input(input));
  rec.result = grade(pq, *parsed.answer);
  rec.hints_used = hints_used_;
  rec.seconds = seconds_between(last_, now);
  last_ = now;
  hints_used_ = 0;
  records_.push_back(std::move(rec));
  ++position_;
  return AnswerOutcome{&records_.back(), {}};
}

void QuizSession::skip() {
  skipped_.push_back(position_++);
  hints_used_ = 0;
}

double QuizSession::points() const {
  double p = 0.0;
  for (const auto& r : records_) p += r.result.points;
  return p;
}

Summary QuizSession::summary() const {
  Summary s;
  s.planned = size();
  s.answered = records_.size();
  s.seconds = seconds_between(started_, last_);
  for (std::size_t i : skipped_) s.skipped.push_back(presented_[i].question->full_id());
  for (const auto& r : records_) {
    const auto& q = *r.presented->question;
    s.points += r.result.points;
    if (r.result.correct) ++s.correct;
    if (!r.result.correct) s.missed.push_back(q.full_id());
    if (r.hints_used > 0) s.hinted.push_back(q.full_id());
    for (const auto& c : q.concepts) {
      auto it = std::find_if(s.by_concept.begin(), s.by_concept.end(),
                             [&](const ConceptScore& cs) { return cs.id == c; });
      if (it == s.by_concept.end()) {
        ConceptScore fresh;
        fresh.id = c;
        s.by_concept.push_back(std::move(fresh));
        it = s.by_concept.end() - 1;
      }
      ++it->answered;
      it->points += r.result.points;
      if (r.result.correct) {
        ++it->correct;
      } else {
        it->missed.push_back(q.full_id());
      }
    }
  }
  return s;
}

}  // namespace qkv::session
