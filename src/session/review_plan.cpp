#include "session/review_plan.hpp"

#include <algorithm>
#include <limits>

namespace qkv::session {

store::CardKey key_of(const bank::Question& q) {
  return store::CardKey{q.pack_id, q.id};
}

ReviewPlan plan_review(const std::vector<const bank::Question*>& candidates,
                       const CardStates& cards,
                       const std::map<std::string, std::size_t>& concept_order, TimePoint now,
                       const ReviewPlanOptions& opts) {
  struct Due {
    const bank::Question* q;
    TimePoint due;
    std::size_t index;
  };
  struct Fresh {
    const bank::Question* q;
    std::size_t position;
    std::size_t index;
  };
  std::vector<Due> due;
  std::vector<Fresh> fresh;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const bank::Question* q = candidates[i];
    const auto it = cards.find(key_of(*q));
    if (it == cards.end()) {
      std::size_t pos = 0;
      for (const auto& c : q->concepts) {
        const auto o = concept_order.find(c);
        pos = std::max(
            pos, o == concept_order.end() ? std::numeric_limits<std::size_t>::max() : o->second);
      }
      fresh.push_back(Fresh{q, pos, i});
    } else if (it->second.due <= now) {
      due.push_back(Due{q, it->second.due, i});
    }
  }
  std::stable_sort(due.begin(), due.end(),
                   [](const Due& a, const Due& b) { return a.due < b.due; });
  std::stable_sort(fresh.begin(), fresh.end(),
                   [](const Fresh& a, const Fresh& b) { return a.position < b.position; });

  ReviewPlan plan;
  plan.due_total = due.size();
  const std::size_t limit = opts.limit.value_or(std::numeric_limits<std::size_t>::max());
  for (const auto& d : due) {
    if (plan.questions.size() >= limit) break;
    plan.questions.push_back(d.q);
    ++plan.due;
  }
  const std::size_t new_cap =
      opts.new_per_day > opts.new_seen_today ? opts.new_per_day - opts.new_seen_today : 0;
  for (const auto& f : fresh) {
    if (plan.questions.size() >= limit || plan.fresh >= new_cap) break;
    plan.questions.push_back(f.q);
    ++plan.fresh;
  }
  plan.new_left = fresh.size() - plan.fresh;
  return plan;
}

std::int64_t day_number(TimePoint t, std::chrono::seconds utc_offset) {
  const auto s = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()) + utc_offset;
  return std::chrono::floor<std::chrono::days>(s).count();
}

TimePoint day_start(std::int64_t day, std::chrono::seconds utc_offset) {
  return TimePoint(
      std::chrono::duration_cast<TimePoint::duration>(std::chrono::days(day) - utc_offset));
}

NextDue next_due(const std::vector<schedule::Card>& cards, TimePoint now,
                 std::chrono::seconds utc_offset) {
  NextDue out;
  for (const auto& c : cards) {
    if (c.due <= now)
      ++out.due_now;
    else if (!out.next || c.due < *out.next)
      out.next = c.due;
  }
  const std::int64_t today = day_number(now, utc_offset);
  const TimePoint tomorrow = day_start(today + 1, utc_offset);
  const TimePoint after_tomorrow = day_start(today + 2, utc_offset);
  if (!out.next) return out;
  const auto wait = *out.next - now;
  const auto unit = wait < std::chrono::hours(1)    ? TimePoint::duration(std::chrono::minutes(1))
                    : wait < std::chrono::hours(24) ? TimePoint::duration(std::chrono::hours(1))
                                                    : TimePoint::duration(std::chrono::hours(24));
  for (const auto& c : cards) {
    if (c.due >= *out.next && c.due < *out.next + unit) ++out.at_next;
    if (c.due >= tomorrow && c.due < after_tomorrow) ++out.tomorrow;
  }
  return out;
}

}  // namespace qkv::session
