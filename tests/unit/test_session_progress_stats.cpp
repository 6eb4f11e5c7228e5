// qkv stats' totals, calendar and streak over the review log (the per-concept numbers are checked
// end to end in tests/cli/test_cli_progress.cpp).
#include <doctest/doctest.h>

#include <numeric>

#include "session/progress_stats.hpp"
#include "store/store.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qkv;
using qkv::test::at_ms;
using qkv::test::sample_review;

namespace {
constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kToday = 20'000;  // a day number (2024-10-04), UTC
}  // namespace

TEST_CASE("stats: a streak longer than the 12-week calendar counts back to the first gap") {
  qkv::test::TempDir dir;
  auto s = store::Store::open(dir.path() / "p.db");
  // One review at 01:00 on each of the 150 days up to today, none the day before, one before that.
  for (int i = 0; i < 150; ++i)
    s.record(sample_review("q" + std::to_string(i), (kToday - i) * kDay + 3'600'000));
  s.record(sample_review("old", (kToday - 151) * kDay + 1000));

  const bank::Bank bank;
  auto st = session::compute_stats(bank, &s, at_ms(kToday * kDay + 7'200'000), std::chrono::seconds(0));
  CHECK(st.streak == 150);
  CHECK(st.reviews_all == 151);
  CHECK(st.reviews_today == 1);
  CHECK(st.reviews_week == 7);
  const auto shown = static_cast<std::size_t>(kToday - st.calendar_start + 1);
  CHECK(std::accumulate(st.calendar.begin(), st.calendar.end(), std::size_t{0}) == shown);
  CHECK(st.calendar[shown - 1] == 1);

  // Nothing yet today: the streak still counts up to yesterday; a day later with nothing, it is 0.
  st = session::compute_stats(bank, &s, at_ms((kToday + 1) * kDay + 7'200'000), std::chrono::seconds(0));
  CHECK(st.streak == 150);
  st = session::compute_stats(bank, &s, at_ms((kToday + 2) * kDay + 7'200'000), std::chrono::seconds(0));
  CHECK(st.streak == 0);

  // In a time zone 2 h behind UTC every 01:00 UTC review falls on the local day before, and so
  // does "now" (01:01 UTC): the same 150 days in a row, ending on the local today.
  st = session::compute_stats(bank, &s, at_ms(kToday * kDay + 3'700'000), std::chrono::hours(-2));
  CHECK(st.streak == 150);
}
