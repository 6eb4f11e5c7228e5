#pragma once
// Saving a session's answers as they are given: each answer is rated (the rating rules below),
// its card is scheduled by FSRS (src/schedule) and both go into the progress store in one
// transaction before the next question is shown. Without a store (--no-save) nothing is read or
// written. When saving fails mid-session, the recorder says so once and the session goes on
// unsaved; the summary counts what was not saved.
#include <cstddef>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/rng.hpp"
#include "schedule/fsrs.hpp"
#include "store/store.hpp"

namespace qkv::session {

/// The rating an answer earns: wrong -> Again; right after a hint, or partly right -> Hard;
/// right -> Good. (Easy is the learner's to give; see the e/h/Enter prompt.)
schedule::Rating rating_for(bool correct, double points, bool hinted);

/// yes for full marks, partial for some points, no for none.
store::Correct correct_for(bool correct, double points);

/// One answer as the recorder needs it (what any activity can say about an answer).
struct AnswerFacts {
  store::CardKey key;
  std::string content_hash;
  std::string given;
  bool correct = false;
  double points = 0.0;
  bool hinted = false;
  double seconds = 0.0;
  TimePoint time{};
  std::optional<schedule::Rating> rating;  ///< the learner's own; nullopt: rating_for()
};

/// What recording one answer did.
struct RecordOutcome {
  bool saved = false;
  /// Set on the first failure only: the message to show the learner (then silence).
  std::optional<std::string> failure;
  schedule::Rating rating = schedule::Rating::again;
  schedule::Card after;  ///< the card's state after the answer (also when not saved)
};

struct RecorderOptions {
  store::Mode mode = store::Mode::quiz;
  schedule::Parameters parameters;  ///< FSRS settings (retention, fuzz)
  std::string command;              ///< the command line, kept with the session
  std::size_t planned = 0;          ///< questions planned
};

class Recorder {
 public:
  /// store may be null (--no-save). Starts the session in the store at `started`; a store that
  /// fails here fails the command (Error as Store says), before any question is shown.
  Recorder(store::Store* store, RecorderOptions opts, Rng rng, TimePoint started);
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  bool saving() const { return store_ != nullptr; }
  /// The card's state now (a new card when it was never reviewed or nothing is saved).
  schedule::Card card(const store::CardKey& key, TimePoint now);
  /// Rates, schedules and saves one answer.
  RecordOutcome record(const AnswerFacts& a);
  /// Writes the session's totals (errors are swallowed: the answers are what matters).
  void finish(TimePoint ended, std::size_t correct, double points);

  std::size_t saved() const { return saved_; }
  std::size_t unsaved() const { return unsaved_; }
  /// The store, while saving works (null after a failure or with --no-save).
  store::Store* store() const { return failed_ ? nullptr : store_; }

 private:
  store::Store* store_;
  RecorderOptions opts_;
  Rng rng_;
  std::optional<std::int64_t> session_;
  bool failed_ = false;
  std::size_t saved_ = 0;
  std::size_t unsaved_ = 0;
};

}  // namespace qkv::session
