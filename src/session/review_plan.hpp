#pragma once
// What `qkv review` asks, in order: the cards that are due, the most overdue first; then new
// questions in concept-map order (a concept's prerequisites before it), up to a number of new
// cards per day. Pure: the bank's questions and the stored card states in, a list out.
#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include "bank/model.hpp"
#include "core/clock.hpp"
#include "schedule/fsrs.hpp"
#include "store/store.hpp"

namespace qkv::session {

struct ReviewPlanOptions {
  std::size_t new_per_day = 20;      ///< --new N
  std::size_t new_seen_today = 0;    ///< new cards already introduced today
  std::optional<std::size_t> limit;  ///< --limit: at most this many questions in all
};

struct ReviewPlan {
  std::vector<const bank::Question*> questions;  ///< due first, then new
  std::size_t due = 0;                           ///< due questions in `questions`
  std::size_t fresh = 0;                         ///< new questions in `questions`
  std::size_t due_total = 0;  ///< due cards among the candidates (before --limit)
  std::size_t new_left = 0;   ///< new questions not asked (over the daily cap or --limit)
};

using CardStates = std::map<store::CardKey, schedule::Card>;

/// The card key of a bank question.
store::CardKey key_of(const bank::Question& q);

/// Plans a review over `candidates` (the questions the bank options selected, in pack order):
/// those with a card due at `now` (due <= now), earliest due first (ties in candidate order), then
/// those never reviewed, ordered by the latest study-order position of their concepts
/// (`concept_order`: concept id -> position; unknown concepts last), ties in candidate order.
ReviewPlan plan_review(const std::vector<const bank::Question*>& candidates,
                       const CardStates& cards,
                       const std::map<std::string, std::size_t>& concept_order, TimePoint now,
                       const ReviewPlanOptions& opts);

/// When the next review is due after a session: the earliest due time after `now` among `cards`,
/// how many cards are due within a sitting of it (the unit the wait is shown in: a minute when
/// it is under an hour away, an hour when under a day, else a day), and how many are due on the
/// day after `now`'s local day. Days are local (utc_offset).
struct NextDue {
  std::optional<TimePoint> next;  ///< nullopt: nothing is scheduled
  std::size_t at_next = 0;        ///< cards due in [next, next + unit of the wait)
  std::size_t tomorrow = 0;       ///< cards due on the next local day
  std::size_t due_now = 0;        ///< cards already due at `now`
};
NextDue next_due(const std::vector<schedule::Card>& cards, TimePoint now,
                 std::chrono::seconds utc_offset);

/// The local day of t: floor((t + utc_offset) / 1 day) since the epoch.
std::int64_t day_number(TimePoint t, std::chrono::seconds utc_offset);
/// The first instant of local day `day`.
TimePoint day_start(std::int64_t day, std::chrono::seconds utc_offset);

}  // namespace qkv::session
