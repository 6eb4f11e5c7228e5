// The recorder: the rating rules, each answer scheduled by FSRS and saved with the card's state,
// and a failing save told once while the session goes on.
#include <doctest/doctest.h>

#include "schedule/fsrs.hpp"
#include "session/recorder.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qkv;
using schedule::Rating;

namespace {

const TimePoint kT0 = TimePoint(std::chrono::hours(24 * 20000));

session::AnswerFacts answer(const std::string& q, bool correct, double points, bool hinted,
                            TimePoint t) {
  session::AnswerFacts a;
  a.key = store::CardKey{"p", q};
  a.content_hash = "h-" + q;
  a.given = "b";
  a.correct = correct;
  a.points = points;
  a.hinted = hinted;
  a.seconds = 3.0;
  a.time = t;
  return a;
}

session::RecorderOptions options() {
  session::RecorderOptions o;
  o.mode = store::Mode::review;
  o.parameters.enable_fuzzing = false;
  o.command = "qkv review";
  return o;
}

}  // namespace

TEST_CASE("rating rules: wrong -> Again, hinted or partly right -> Hard, right -> Good") {
  CHECK(session::rating_for(false, 0.0, false) == Rating::again);
  CHECK(session::rating_for(false, 0.0, true) == Rating::again);
  CHECK(session::rating_for(false, 0.5, false) == Rating::hard);
  CHECK(session::rating_for(false, 0.5, true) == Rating::hard);
  CHECK(session::rating_for(true, 1.0, true) == Rating::hard);
  CHECK(session::rating_for(true, 1.0, false) == Rating::good);
  CHECK(session::correct_for(true, 1.0) == store::Correct::yes);
  CHECK(session::correct_for(false, 0.25) == store::Correct::partial);
  CHECK(session::correct_for(false, 0.0) == store::Correct::no);
}

TEST_CASE("recorder: each answer is scheduled as FSRS says and saved with the state after it") {
  qkv::test::TempDir dir;
  auto db = store::Store::open(dir / "p.db");
  session::Recorder rec(&db, options(), Rng(7), kT0);
  const TimePoint t1 = kT0 + std::chrono::seconds(10);
  const auto o1 = rec.record(answer("q", true, 1.0, false, t1));
  CHECK(o1.saved);
  CHECK_FALSE(o1.failure);
  CHECK(o1.rating == Rating::good);
  // The same review computed directly.
  schedule::Parameters p;
  p.enable_fuzzing = false;
  Rng rng(1);
  const auto expect1 = schedule::review(p, schedule::new_card(t1), Rating::good, t1, rng);
  CHECK(o1.after.due == expect1.card.due);
  CHECK(o1.after.stability == expect1.card.stability);

  // A second answer, after the card is due, reviews the stored state; the learner's own rating
  // (Easy) wins over the rule's.
  const TimePoint t2 = expect1.card.due + std::chrono::hours(1);
  auto a2 = answer("q", true, 1.0, false, t2);
  a2.rating = Rating::easy;
  const auto o2 = rec.record(a2);
  const auto expect2 = schedule::review(p, expect1.card, Rating::easy, t2, rng);
  CHECK(o2.rating == Rating::easy);
  CHECK(o2.after.due == expect2.card.due);
  CHECK(o2.after.stability == doctest::Approx(*expect2.card.stability));

  const auto stored = db.card({"p", "q"});
  REQUIRE(stored);
  CHECK(stored->card.due == expect2.card.due);
  CHECK(stored->content_hash == "h-q");
  std::vector<store::ReviewRecord> log;
  db.for_each_review({}, [&](const store::ReviewRecord& r) { log.push_back(r); });
  REQUIRE(log.size() == 2);
  CHECK(log[0].rating == Rating::good);
  CHECK(log[0].last_interval_days == 0.0);
  CHECK(log[1].rating == Rating::easy);
  CHECK(log[1].mode == store::Mode::review);
  CHECK(log[1].session == log[0].session);
  // The interval the card had before the second review: due minus last review of the first.
  CHECK(log[1].last_interval_days ==
        doctest::Approx(std::chrono::duration<double>(expect1.card.due - t1).count() / 86400.0));
  CHECK(log[1].interval_days ==
        doctest::Approx(std::chrono::duration<double>(expect2.card.due - t2).count() / 86400.0));
  CHECK(rec.saved() == 2);
  CHECK(rec.unsaved() == 0);
}

TEST_CASE("recorder: without a store nothing is saved, and every answer counts as unsaved") {
  session::Recorder rec(nullptr, options(), Rng(7), kT0);
  CHECK_FALSE(rec.saving());
  const auto o = rec.record(answer("q", false, 0.0, false, kT0));
  CHECK_FALSE(o.saved);
  CHECK_FALSE(o.failure);  // not a failure: --no-save
  CHECK(o.rating == Rating::again);
  CHECK(rec.unsaved() == 1);
}

TEST_CASE("recorder: a save that fails is reported once; the rest go unsaved and are counted") {
  qkv::test::TempDir dir;
  auto db = store::Store::open(dir / "p.db");
  db.limit_pages(20);
  session::Recorder rec(&db, options(), Rng(7), kT0);
  std::size_t failures = 0;
  for (int i = 0; i < 400; ++i) {
    auto a = answer("q" + std::to_string(i), true, 1.0, false, kT0 + std::chrono::seconds(i));
    a.given = std::string(300, 'x');
    const auto o = rec.record(a);
    if (o.failure) {
      ++failures;
      CHECK(o.failure->find("disk is full") != std::string::npos);
    }
  }
  CHECK(failures == 1);
  REQUIRE(rec.unsaved() > 0);
  CHECK(rec.saved() + rec.unsaved() == 400);
  CHECK(db.review_count() == rec.saved());
}
