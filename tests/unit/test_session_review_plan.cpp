// What `qkv review` asks and in which order, and how the next review is found; pure functions
// over questions and card states.
#include <doctest/doctest.h>

#include "session/review_plan.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv;
using qkv::session::CardStates;
using qkv::session::plan_review;
using qkv::session::ReviewPlanOptions;

namespace {

const TimePoint kNow = TimePoint(std::chrono::hours(24 * 20000));

schedule::Card due_at(TimePoint t) {
  schedule::Card c;
  c.state = schedule::State::review;
  c.due = t;
  c.last_review = t - std::chrono::hours(24);
  c.stability = 1.0;
  c.difficulty = 5.0;
  return c;
}

std::vector<std::string> ids(const session::ReviewPlan& p) {
  std::vector<std::string> out;
  for (const auto* q : p.questions) out.push_back(q->id);
  return out;
}

struct Fixture {
  std::vector<bank::Question> qs;
  std::vector<const bank::Question*> ptrs;
  std::map<std::string, std::size_t> order{{"basics", 0}, {"middle", 1}, {"advanced", 2}};
  Fixture() {
    // In pack order: an advanced question first, then basics, then a middle one.
    qs.push_back(qkv_test::make_question("adv", bank::QuestionType::single, bank::ChoiceBody{},
                                         {"advanced"}));
    qs.push_back(
        qkv_test::make_question("b1", bank::QuestionType::single, bank::ChoiceBody{}, {"basics"}));
    qs.push_back(qkv_test::make_question("mid", bank::QuestionType::single, bank::ChoiceBody{},
                                         {"basics", "middle"}));
    qs.push_back(
        qkv_test::make_question("b2", bank::QuestionType::single, bank::ChoiceBody{}, {"basics"}));
    qs.push_back(qkv_test::make_question("d1", bank::QuestionType::single, bank::ChoiceBody{}));
    qs.push_back(qkv_test::make_question("d2", bank::QuestionType::single, bank::ChoiceBody{}));
    qs.push_back(qkv_test::make_question("later", bank::QuestionType::single, bank::ChoiceBody{}));
    for (const auto& q : qs) ptrs.push_back(&q);
  }
};

}  // namespace

TEST_CASE("review plan: due cards first, most overdue first, then new ones in concept-map order") {
  Fixture f;
  CardStates cards;
  cards[{"t", "d1"}] = due_at(kNow - std::chrono::hours(1));
  cards[{"t", "d2"}] = due_at(kNow - std::chrono::hours(30));      // more overdue
  cards[{"t", "later"}] = due_at(kNow + std::chrono::minutes(1));  // not yet due
  const auto plan = plan_review(f.ptrs, cards, f.order, kNow, {});
  // New questions: b1 and b2 (basics, position 0) before mid (its latest concept is middle, 1),
  // before adv (advanced, 2); ties keep pack order.
  CHECK(ids(plan) == std::vector<std::string>{"d2", "d1", "b1", "b2", "mid", "adv"});
  CHECK(plan.due == 2);
  CHECK(plan.fresh == 4);
  CHECK(plan.due_total == 2);
  CHECK(plan.new_left == 0);
}

TEST_CASE("review plan: a card due exactly now is due") {
  Fixture f;
  CardStates cards;
  cards[{"t", "d1"}] = due_at(kNow);
  ReviewPlanOptions o;
  o.new_per_day = 0;
  CHECK(ids(plan_review(f.ptrs, cards, f.order, kNow, o)) == std::vector<std::string>{"d1"});
}

TEST_CASE("review plan: new cards per day count those already introduced today") {
  Fixture f;
  ReviewPlanOptions o;
  o.new_per_day = 3;
  o.new_seen_today = 1;
  const auto plan = plan_review(f.ptrs, {}, f.order, kNow, o);
  CHECK(ids(plan) == std::vector<std::string>{"b1", "b2"});
  CHECK(plan.new_left == 5);
  o.new_seen_today = 5;  // over the cap: none
  CHECK(plan_review(f.ptrs, {}, f.order, kNow, o).questions.empty());
}

TEST_CASE("review plan: --limit cuts due cards first, then new ones") {
  Fixture f;
  CardStates cards;
  cards[{"t", "d1"}] = due_at(kNow - std::chrono::hours(1));
  cards[{"t", "d2"}] = due_at(kNow - std::chrono::hours(2));
  ReviewPlanOptions o;
  o.limit = 1;
  auto plan = plan_review(f.ptrs, cards, f.order, kNow, o);
  CHECK(ids(plan) == std::vector<std::string>{"d2"});
  CHECK(plan.due_total == 2);
  o.limit = 3;
  plan = plan_review(f.ptrs, cards, f.order, kNow, o);
  CHECK(ids(plan) == std::vector<std::string>{"d2", "d1", "b1"});
}

TEST_CASE("next due: the earliest later due time, the cards due that day, and tomorrow's") {
  using namespace std::chrono;
  const seconds utc(0);
  const TimePoint midnight = session::day_start(20000, utc);
  const TimePoint now = midnight + hours(9);
  std::vector<schedule::Card> cards = {due_at(now - hours(1)),       due_at(now + hours(3)),
                                       due_at(now + hours(5)),       due_at(midnight + hours(30)),
                                       due_at(midnight + hours(47)), due_at(midnight + hours(49))};
  auto n = session::next_due(cards, now, utc);
  CHECK(n.due_now == 1);
  REQUIRE(n.next);
  CHECK(*n.next == now + hours(3));
  CHECK(n.at_next == 1);   // 12:00; 14:00 is two hours later, another sitting
  CHECK(n.tomorrow == 2);  // 06:00 and 23:00 tomorrow, not the day after
  cards.push_back(due_at(now + hours(3) + minutes(59)));
  CHECK(session::next_due(cards, now, utc).at_next == 2);  // within the hour of the next
  cards.pop_back();
  // In a zone 10 hours ahead (now is 19:00 local), tomorrow runs from 14:00 UTC today to 14:00
  // UTC tomorrow: the cards at 14:00 today and 06:00 tomorrow (UTC).
  n = session::next_due(cards, now, hours(10));
  CHECK(n.tomorrow == 2);
  CHECK(n.at_next == 1);
  CHECK(session::next_due({}, now, utc).next == std::nullopt);
}

TEST_CASE("day numbers are local days and floor before the epoch") {
  using namespace std::chrono;
  CHECK(session::day_number(TimePoint(hours(23)), seconds(0)) == 0);
  CHECK(session::day_number(TimePoint(hours(23)), hours(2)) == 1);
  CHECK(session::day_number(TimePoint(-hours(1)), seconds(0)) == -1);
  CHECK(session::day_start(1, hours(2)) == TimePoint(hours(22)));
}
