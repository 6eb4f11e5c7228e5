#pragma once
// FSRS-6 spaced-repetition scheduling as pure functions of (card state, rating, time), computed
// exactly as the reference implementation py-fsrs 6.x does (its Scheduler.review_card), so that a
// schedule can be audited against it. Nothing here reads a clock, prints or touches storage: the
// store persists Card, the session turns answers into Ratings.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/rng.hpp"

namespace qkv::schedule {

/// A card's phase, numbered as py-fsrs numbers them (and as the store keeps them).
enum class State { learning = 1, review = 2, relearning = 3 };

/// How well the learner recalled, numbered as Anki's four buttons.
enum class Rating { again = 1, hard = 2, good = 3, easy = 4 };

/// The scheduling state of one card (one question of one pack).
struct Card {
  State state = State::learning;         ///< new cards start in learning, as in py-fsrs
  std::optional<int> step = 0;           ///< learning/relearning step index; nullopt in review
  std::optional<double> stability;       ///< days; nullopt until the first review
  std::optional<double> difficulty;      ///< 1..10; nullopt until the first review
  TimePoint due{};                       ///< when the card is next due
  std::optional<TimePoint> last_review;  ///< nullopt for a new card
  int reps = 0;                          ///< reviews so far (qkv's count; py-fsrs 6 keeps none)
  int lapses = 0;  ///< times a review-state card was rated Again (a leech at 8)
};

/// A fresh card, due at `now`.
Card new_card(TimePoint now);

/// The 21 default FSRS-6 parameters (py-fsrs DEFAULT_PARAMETERS).
extern const std::array<double, 21> kDefaultParameters;

/// Scheduler settings; every default is py-fsrs's.
struct Parameters {
  std::array<double, 21> w = kDefaultParameters;  ///< model weights
  double desired_retention = 0.9;                 ///< 0.70..0.99 in qkv's options
  std::vector<std::chrono::seconds> learning_steps = {std::chrono::minutes(1),
                                                      std::chrono::minutes(10)};
  std::vector<std::chrono::seconds> relearning_steps = {std::chrono::minutes(10)};
  int maximum_interval = 36500;  ///< days
  bool enable_fuzzing = true;    ///< fuzz intervals of 2.5 days or more
};

/// What one review did: the card after it, and the interval scheduled (due - review time).
struct Review {
  Card card;
  std::chrono::seconds interval{};
};

/// A source of uniform numbers in [0, 1) for the interval fuzz (py-fsrs calls random.random()).
using UniformDraw = std::function<double()>;

/// Reviews `card` with `rating` at `now` (py-fsrs Scheduler.review_card). Fuzz, when enabled and
/// the new interval is 2.5 days or more, draws one number from `draw`; nothing else is random.
/// Precondition: now >= card.last_review when set.
Review review(const Parameters& p, const Card& card, Rating rating, TimePoint now,
              const UniformDraw& draw);

/// The same, drawing the fuzz from qkv's seeded Rng, so that a session replays from its seed.
Review review(const Parameters& p, const Card& card, Rating rating, TimePoint now, Rng& rng);

/// The interval in whole days that FSRS gives a card of `stability` (before fuzz): the desired
/// retention is reached after that many days, rounded half to even, at least 1, at most the cap.
int next_interval_days(const Parameters& p, double stability);

/// Probability of recall at `now` (py-fsrs get_card_retrievability); 0 for a card never reviewed.
double retrievability(const Parameters& p, const Card& card, TimePoint now);

/// Lapses at which a card is a leech.
inline constexpr int kLeechLapses = 8;

}  // namespace qkv::schedule
