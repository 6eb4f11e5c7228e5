// Durations as typed for time limits, the clock face of the time left, and ISO times for --now.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/duration.hpp"
#include "core/iso_time.hpp"

using namespace std::chrono_literals;
using qkv::format_clock;
using qkv::format_duration;
using qkv::parse_duration;

TEST_CASE("parse_duration reads hours, minutes and seconds in that order") {
  struct Case {
    const char* text;
    long long seconds;
  };
  const Case cases[] = {{"20m", 1200},           {"1h30m", 5400}, {"90s", 90},
                        {"1h 5m 7s", 3907},      {"2H", 7200},    {" 45s ", 45},
                        {"24h", 86400},          {"0h1s", 1},     {"30 minutes", 1800},
                        {"1 hour 10 min", 4200}, {"90 SECS", 90}};
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto d = parse_duration(c.text);
    REQUIRE(d.value);
    CHECK(d.value->count() == c.seconds);
    CHECK(d.error.empty());
  }
}

TEST_CASE("parse_duration refuses what is not a duration and says why") {
  struct Case {
    const char* text;
    const char* fragment;
  };
  const Case cases[] = {{"", "empty"},
                        {"30", "no unit"},
                        {"1h30", "without a unit"},
                        {"10x", "unknown unit 'x'"},
                        {"10 weeks", "unknown unit 'weeks'"},
                        {"half an hour", "not a duration"},
                        {"5m1h", "out of order"},
                        {"5m5m", "repeats a unit"},
                        {"0m", "is zero"},
                        {"25h", "longer than a day"},
                        {"99999999999s", "longer than a day"},
                        {"m", "not a duration"},
                        {"-5m", "not a duration"}};
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto d = parse_duration(c.text);
    CHECK_FALSE(d.value);
    CHECK(d.error.find(c.fragment) != std::string::npos);
    CHECK(d.error.find("20m, 1h30m or 90s") != std::string::npos);  // what is accepted
  }
}

TEST_CASE("format_duration writes what parse_duration reads back") {
  CHECK(format_duration(1200s) == "20m");
  CHECK(format_duration(5400s) == "1h30m");
  CHECK(format_duration(125s) == "2m5s");
  CHECK(format_duration(3600s) == "1h");
  CHECK(format_duration(0s) == "0s");
  for (long long s : {1LL, 59LL, 61LL, 3599LL, 3661LL, 86400LL})
    CHECK(parse_duration(format_duration(std::chrono::seconds(s))).value->count() == s);
}

TEST_CASE("format_clock shows minutes:seconds, hours past an hour, and never a negative time") {
  CHECK(format_clock(0s) == "0:00");
  CHECK(format_clock(65s) == "1:05");
  CHECK(format_clock(1800s) == "30:00");
  CHECK(format_clock(3723s) == "1:02:03");
  CHECK(format_clock(-5s) == "0:00");
  CHECK(format_clock(std::chrono::seconds(24 * 3600)) == "24:00:00");
}

TEST_CASE("ISO times: UTC by default, offsets applied, impossible dates refused") {
  using qkv::format_iso_time;
  using qkv::parse_iso_time;
  const auto t = parse_iso_time("2026-03-01T09:30:00Z");
  REQUIRE(t);
  // 2026-03-01 is day 20513 since 1970-01-01 (computed independently: 56 years with 14 leap
  // days = 20454 days to 2026-01-01, plus 31 + 28 days).
  CHECK(std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count() ==
        20513LL * 86400 + 9 * 3600 + 30 * 60);
  CHECK(format_iso_time(*t) == "2026-03-01T09:30:00Z");
  CHECK(parse_iso_time("2026-03-01 09:30") == t);
  CHECK(parse_iso_time("2026-03-01T10:30:00+01:00") == t);
  CHECK(parse_iso_time("2026-03-01T08:00:00-01:30") == t);
  CHECK_FALSE(parse_iso_time("2026-02-30T09:30:00Z"));
  CHECK_FALSE(parse_iso_time("2026-03-01T24:00:00Z"));
  CHECK_FALSE(parse_iso_time("yesterday"));
  CHECK_FALSE(parse_iso_time("2026-03-01T09:30:00Zjunk"));
  CHECK_FALSE(parse_iso_time("2026-03-01"));
}

TEST_CASE("ISO times: years a nanosecond TimePoint cannot hold are refused, not wrapped") {
  using qkv::format_iso_time;
  using qkv::parse_iso_time;
  // 2300 once wrapped around the 64-bit nanosecond count and came out in 1715.
  std::string why;
  CHECK_FALSE(parse_iso_time("2300-01-01T00:00:00Z", &why));
  CHECK(why == "the year 2300 is outside 1900–2261, the years qkv's clock can hold");
  CHECK_FALSE(parse_iso_time("9999-12-31T23:59:59Z", &why));
  CHECK(why.find("9999") != std::string::npos);
  CHECK_FALSE(parse_iso_time("0000-01-01T00:00Z", &why));
  CHECK_FALSE(parse_iso_time("1677-09-21T00:12:44Z", &why));
  CHECK_FALSE(parse_iso_time("2262-01-01T00:00Z", &why));
  // A syntax error leaves *why empty (the caller gives the format).
  CHECK_FALSE(parse_iso_time("yesterday", &why));
  CHECK(why.empty());
  // The edges of the range read back exactly.
  const auto last = parse_iso_time("2261-12-31T23:59:59Z");
  REQUIRE(last);
  CHECK(format_iso_time(*last) == "2261-12-31T23:59:59Z");
  CHECK(last->time_since_epoch().count() > 0);
  const auto first = parse_iso_time("1900-01-01T00:00:00+14:00");
  REQUIRE(first);
  CHECK(format_iso_time(*first) == "1899-12-31T10:00:00Z");
  CHECK(first->time_since_epoch().count() < 0);
  // 1900-01-01 is 25567 days before 1970-01-01 (70 years, 17 leap days: 70 * 365 + 17).
  CHECK(std::chrono::duration_cast<std::chrono::seconds>(
            parse_iso_time("1900-01-01T00:00Z")->time_since_epoch())
            .count() == -25567LL * 86400);
}
