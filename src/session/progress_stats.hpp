#pragma once
// The numbers of `qkv stats`, from the bank (which questions each concept has) and the progress
// store (card states and the review log). Pure data: app/cmd_stats.cpp draws the tables, the
// forecast's bars and the calendar grid, and writes the JSON.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bank/model.hpp"
#include "core/clock.hpp"
#include "store/store.hpp"

namespace qkv::session {

struct ConceptStats {
  std::string id;
  std::string name;
  std::size_t questions = 0;       ///< questions of the bank on this concept
  std::size_t seen = 0;            ///< of them, reviewed at least once
  std::size_t mature_reviews = 0;  ///< reviews of its cards when mature (interval >= 21 days)
  std::size_t mature_right = 0;    ///< of them, answered right
  std::optional<double> average_stability;  ///< days, over seen cards; nullopt when none
  std::size_t due = 0;                      ///< cards due now
  std::size_t leeches = 0;                  ///< cards with kLeechLapses lapses or more
  /// True retention: mature_right / mature_reviews; nullopt without mature reviews.
  std::optional<double> retention() const;
};

struct Stats {
  std::vector<ConceptStats> concepts;  ///< in concept-map (study) order
  std::size_t reviews_today = 0;
  std::size_t reviews_week = 0;  ///< the last 7 days, today included
  std::size_t reviews_all = 0;
  std::size_t streak = 0;  ///< days in a row with reviews, ending today (or yesterday)
  std::int64_t today = 0;  ///< local day number (see review_plan.hpp day_number)
  /// Cards due on each of the next 14 local days; [0] is today and includes overdue cards.
  std::array<std::size_t, 14> forecast{};
  /// Reviews on each of the 84 local days of the calendar grid: 12 weeks, Monday first, the
  /// last week the current one (days after today are 0). calendar_start is its first day.
  std::array<std::size_t, 84> calendar{};
  std::int64_t calendar_start = 0;
  std::vector<std::string> leeches;  ///< full ids of leech cards
  std::vector<std::string> changed;  ///< full ids of questions edited since last reviewed
};

/// Computes the stats at `now` in a time zone `utc_offset` from UTC. `store` may be null (nothing
/// studied yet). With `concept_id`, the concept table, forecast, leeches and changed questions
/// cover that concept only (totals, streak and calendar are the learner's whole activity).
/// Throws Error(Exit::usage) for an unknown concept id.
Stats compute_stats(const bank::Bank& bank, store::Store* store, TimePoint now,
                    std::chrono::seconds utc_offset,
                    const std::optional<std::string>& concept_id = std::nullopt);

}  // namespace qkv::session
