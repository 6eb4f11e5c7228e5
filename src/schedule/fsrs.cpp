#include "schedule/fsrs.hpp"

#include <algorithm>
#include <cmath>

// Each formula below is the one py-fsrs 6.x computes (fsrs/scheduler.py); the names follow its
// private methods so that the two can be read side by side. Powers of e are taken as pow(e, x),
// as Python's `math.e ** x` does, and rounding is half to even, as Python's round() is, so that
// intervals agree to the day with the reference.

namespace qkv::schedule {

namespace {

using std::chrono::microseconds;

constexpr double kE = 2.718281828459045;  // math.e
constexpr double kStabilityMin = 0.001;
constexpr double kMinDifficulty = 1.0;
constexpr double kMaxDifficulty = 10.0;
constexpr auto kDay = std::chrono::hours(24);

/// Python's round() for floats: to the nearest integer, ties to the even one.
double round_half_even(double x) {
  const double r = std::round(x);  // ties away from zero
  if (std::fabs(x - std::trunc(x)) == 0.5) return 2.0 * std::round(x / 2.0);
  return r;
}

double clamp_difficulty(double d) {
  return std::min(std::max(d, kMinDifficulty), kMaxDifficulty);
}
double clamp_stability(double s) {
  return std::max(s, kStabilityMin);
}

double decay(const Parameters& p) {
  return -p.w[20];
}
double factor(const Parameters& p) {
  return std::pow(0.9, 1.0 / decay(p)) - 1.0;
}

int rating_value(Rating r) {
  return static_cast<int>(r);
}

double initial_stability(const Parameters& p, Rating r) {
  return clamp_stability(p.w[static_cast<std::size_t>(rating_value(r) - 1)]);
}

double initial_difficulty(const Parameters& p, Rating r, bool clamp) {
  const double d = p.w[4] - std::pow(kE, p.w[5] * (rating_value(r) - 1)) + 1.0;
  return clamp ? clamp_difficulty(d) : d;
}

double short_term_stability(const Parameters& p, double s, Rating r) {
  double increase = std::pow(kE, p.w[17] * (rating_value(r) - 3 + p.w[18])) * std::pow(s, -p.w[19]);
  if (r == Rating::good || r == Rating::easy) increase = std::max(increase, 1.0);
  return clamp_stability(s * increase);
}

double next_difficulty(const Parameters& p, double d, Rating r) {
  const double target = initial_difficulty(p, Rating::easy, /*clamp=*/false);
  const double delta = -(p.w[6] * (rating_value(r) - 3));
  const double damped = d + (10.0 - d) * delta / 9.0;                  // linear damping
  return clamp_difficulty(p.w[7] * target + (1.0 - p.w[7]) * damped);  // mean reversion
}

double next_forget_stability(const Parameters& p, double d, double s, double r) {
  const double long_term = p.w[11] * std::pow(d, -p.w[12]) * (std::pow(s + 1.0, p.w[13]) - 1.0) *
                           std::pow(kE, (1.0 - r) * p.w[14]);
  const double short_term = s / std::pow(kE, p.w[17] * p.w[18]);
  return std::min(long_term, short_term);
}

double next_recall_stability(const Parameters& p, double d, double s, double r, Rating rating) {
  const double hard_penalty = rating == Rating::hard ? p.w[15] : 1.0;
  const double easy_bonus = rating == Rating::easy ? p.w[16] : 1.0;
  return s * (1.0 + std::pow(kE, p.w[8]) * (11.0 - d) * std::pow(s, -p.w[9]) *
                        (std::pow(kE, (1.0 - r) * p.w[10]) - 1.0) * hard_penalty * easy_bonus);
}

double next_stability(const Parameters& p, double d, double s, double r, Rating rating) {
  const double next = rating == Rating::again ? next_forget_stability(p, d, s, r)
                                              : next_recall_stability(p, d, s, r, rating);
  return clamp_stability(next);
}

/// Whole days from `from` to `to`, rounded down, as Python's timedelta.days.
long whole_days(TimePoint from, TimePoint to) {
  return static_cast<long>(std::chrono::floor<std::chrono::days>(to - from).count());
}

microseconds days(long n) {
  return std::chrono::duration_cast<microseconds>(kDay * n);
}

/// Python's timedelta * float and timedelta / float round to the microsecond, ties to even.
microseconds scaled(microseconds d, double k) {
  return microseconds(static_cast<long long>(round_half_even(static_cast<double>(d.count()) * k)));
}

/// py-fsrs _get_fuzzed_interval: only intervals of 2.5 days or more move.
microseconds fuzzed(const Parameters& p, microseconds interval, const UniformDraw& draw) {
  const long interval_days =
      static_cast<long>(std::chrono::floor<std::chrono::days>(interval).count());
  if (static_cast<double>(interval_days) < 2.5) return interval;
  struct Range {
    double start, end, factor;
  };
  static constexpr Range kRanges[] = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, HUGE_VAL, 0.05}};
  double delta = 1.0;
  for (const auto& range : kRanges)
    delta += range.factor *
             std::max(std::min(static_cast<double>(interval_days), range.end) - range.start, 0.0);
  long min_ivl = static_cast<long>(round_half_even(static_cast<double>(interval_days) - delta));
  long max_ivl = static_cast<long>(round_half_even(static_cast<double>(interval_days) + delta));
  min_ivl = std::max(2L, min_ivl);
  max_ivl = std::min(max_ivl, static_cast<long>(p.maximum_interval));
  min_ivl = std::min(min_ivl, max_ivl);
  const double x =
      draw() * static_cast<double>(max_ivl - min_ivl + 1) + static_cast<double>(min_ivl);
  const long fuzzed_days =
      std::min(static_cast<long>(round_half_even(x)), static_cast<long>(p.maximum_interval));
  return days(fuzzed_days);
}

/// The step logic shared by the learning and relearning states: what the rating does to the
/// card's step and state, and the interval until the card is due again.
microseconds step_interval(const Parameters& p, Card& card, Rating rating,
                           const std::vector<std::chrono::seconds>& steps_in_seconds) {
  std::vector<microseconds> steps(steps_in_seconds.begin(), steps_in_seconds.end());
  const auto graduate = [&] {
    card.state = State::review;
    card.step.reset();
    return days(next_interval_days(p, *card.stability));
  };
  const int step = card.step.value_or(0);
  if (steps.empty() || (step >= static_cast<int>(steps.size()) && rating != Rating::again))
    return graduate();
  switch (rating) {
    case Rating::again:
      card.step = 0;
      return steps[0];
    case Rating::hard:
      if (step == 0 && steps.size() == 1) return scaled(steps[0], 1.5);
      if (step == 0) return scaled(steps[0] + steps[1], 1.0 / 2.0);
      return steps[static_cast<std::size_t>(step)];
    case Rating::good:
      if (step + 1 == static_cast<int>(steps.size())) return graduate();
      card.step = step + 1;
      return steps[static_cast<std::size_t>(step + 1)];
    case Rating::easy:
      return graduate();
  }
  return graduate();
}

}  // namespace

const std::array<double, 21> kDefaultParameters = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

Card new_card(TimePoint now) {
  Card c;
  c.due = now;
  return c;
}

int next_interval_days(const Parameters& p, double stability) {
  const double interval =
      (stability / factor(p)) * (std::pow(p.desired_retention, 1.0 / decay(p)) - 1.0);
  double days_rounded = round_half_even(interval);
  days_rounded = std::max(days_rounded, 1.0);
  days_rounded = std::min(days_rounded, static_cast<double>(p.maximum_interval));
  return static_cast<int>(days_rounded);
}

double retrievability(const Parameters& p, const Card& card, TimePoint now) {
  if (!card.last_review || !card.stability) return 0.0;
  const double elapsed = static_cast<double>(std::max(0L, whole_days(*card.last_review, now)));
  return std::pow(1.0 + factor(p) * elapsed / *card.stability, decay(p));
}

Review review(const Parameters& p, const Card& before, Rating rating, TimePoint now,
              const UniformDraw& draw) {
  Card card = before;
  const bool same_day = card.last_review && whole_days(*card.last_review, now) < 1;
  const auto long_term = [&] {
    return next_stability(p, *card.difficulty, *card.stability, retrievability(p, card, now),
                          rating);
  };

  microseconds interval{};
  switch (card.state) {
    case State::learning:
      if (!card.stability || !card.difficulty) {
        card.stability = initial_stability(p, rating);
        card.difficulty = initial_difficulty(p, rating, /*clamp=*/true);
      } else {
        card.stability = same_day ? short_term_stability(p, *card.stability, rating) : long_term();
        card.difficulty = next_difficulty(p, *card.difficulty, rating);
      }
      interval = step_interval(p, card, rating, p.learning_steps);
      break;
    case State::review:
      card.stability = same_day ? short_term_stability(p, *card.stability, rating) : long_term();
      card.difficulty = next_difficulty(p, *card.difficulty, rating);
      if (rating == Rating::again) {
        ++card.lapses;
        if (p.relearning_steps.empty()) {
          interval = days(next_interval_days(p, *card.stability));
        } else {
          card.state = State::relearning;
          card.step = 0;
          interval = p.relearning_steps[0];
        }
      } else {
        interval = days(next_interval_days(p, *card.stability));
      }
      break;
    case State::relearning:
      card.stability = same_day ? short_term_stability(p, *card.stability, rating) : long_term();
      card.difficulty = next_difficulty(p, *card.difficulty, rating);
      interval = step_interval(p, card, rating, p.relearning_steps);
      break;
  }

  if (p.enable_fuzzing && card.state == State::review) interval = fuzzed(p, interval, draw);

  // Saturate at the clock's last instant: a review near the end of its range (2262, a nanosecond
  // system_clock) would otherwise overflow (signed overflow, undefined) and wrap into the past.
  const auto room = TimePoint::max() - now;
  card.due = interval >= room ? TimePoint::max() : now + std::chrono::duration_cast<
                                                             TimePoint::duration>(interval);
  card.last_review = now;
  ++card.reps;
  return {card, std::chrono::floor<std::chrono::seconds>(interval)};
}

Review review(const Parameters& p, const Card& card, Rating rating, TimePoint now, Rng& rng) {
  return review(p, card, rating, now, [&rng] { return rng.uniform01(); });
}

}  // namespace qkv::schedule
