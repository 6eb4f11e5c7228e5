#include "session/recorder.hpp"

#include <chrono>

#include "core/error.hpp"

namespace qkv::session {

schedule::Rating rating_for(bool correct, double points, bool hinted) {
  if (correct) return hinted ? schedule::Rating::hard : schedule::Rating::good;
  if (points > 0.0) return schedule::Rating::hard;
  return schedule::Rating::again;
}

store::Correct correct_for(bool correct, double points) {
  if (correct) return store::Correct::yes;
  return points > 0.0 ? store::Correct::partial : store::Correct::no;
}

namespace {

std::string first_message(const Error& e) {
  std::string m;
  for (const auto& d : e.diagnostics()) m += (m.empty() ? "" : "; ") + format_diagnostic(d);
  return m.empty() ? std::string(e.what()) : m;
}

double days_between(TimePoint from, TimePoint to) {
  return std::chrono::duration<double>(to - from).count() / 86400.0;
}

}  // namespace

Recorder::Recorder(store::Store* store, RecorderOptions opts, Rng rng, TimePoint started)
    : store_(store), opts_(std::move(opts)), rng_(rng) {
  if (store_)
    session_ = store_->begin_session(store::SessionStart{.mode = opts_.mode,
                                                         .started = started,
                                                         .command = opts_.command,
                                                         .planned = opts_.planned});
}

schedule::Card Recorder::card(const store::CardKey& key, TimePoint now) {
  if (store_ && !failed_) {
    try {
      if (auto c = store_->card(key)) return c->card;
    } catch (const Error&) {
      // A read that fails is reported by the write that follows.
    }
  }
  return schedule::new_card(now);
}

RecordOutcome Recorder::record(const AnswerFacts& a) {
  RecordOutcome out;
  out.rating = a.rating.value_or(rating_for(a.correct, a.points, a.hinted));
  const schedule::Card before = card(a.key, a.time);
  // A card last reviewed "after" now (a clock moved back with --now) is reviewed as of then.
  const TimePoint when =
      before.last_review && *before.last_review > a.time ? *before.last_review : a.time;
  const schedule::Review rev = schedule::review(opts_.parameters, before, out.rating, when, rng_);
  out.after = rev.card;
  if (!store_ || failed_) {
    ++unsaved_;
    return out;
  }
  store::ReviewRecord r;
  r.time = when;
  r.key = a.key;
  r.content_hash = a.content_hash;
  r.mode = opts_.mode;
  r.given = a.given;
  r.correct = correct_for(a.correct, a.points);
  r.points = a.points;
  r.hinted = a.hinted;
  r.rating = out.rating;
  r.seconds = a.seconds;
  r.session = session_;
  r.after = rev.card;
  r.interval_days = std::chrono::duration<double>(rev.interval).count() / 86400.0;
  r.last_interval_days = before.last_review ? days_between(*before.last_review, before.due) : 0.0;
  try {
    store_->record(r);
    out.saved = true;
    ++saved_;
  } catch (const Error& e) {
    failed_ = true;
    ++unsaved_;
    out.failure = first_message(e);
  }
  return out;
}

void Recorder::finish(TimePoint ended, std::size_t correct, double points) {
  if (!store_ || !session_ || failed_) return;
  try {
    store_->end_session(*session_, store::SessionTotals{.ended = ended,
                                                        .answered = saved_ + unsaved_,
                                                        .correct = correct,
                                                        .points = points,
                                                        .unsaved = unsaved_});
  } catch (const Error&) {
  }
}

}  // namespace qkv::session
