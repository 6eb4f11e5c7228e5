#include "core/iso_time.hpp"

#include <chrono>
#include <cstdio>
#include <string>

namespace qkv {

namespace {

// Reads exactly `digits` decimal digits at s[at...]; nullopt otherwise.
std::optional<int> number_at(std::string_view s, std::size_t at, std::size_t digits) {
  if (at + digits > s.size()) return std::nullopt;
  int n = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    n = n * 10 + (s[i] - '0');
  }
  return n;
}

}  // namespace

std::optional<TimePoint> parse_iso_time(std::string_view s, std::string* why) {
  using namespace std::chrono;
  if (why) why->clear();
  // YYYY-MM-DD?HH:MM
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
    return std::nullopt;
  const auto y = number_at(s, 0, 4), mo = number_at(s, 5, 2), d = number_at(s, 8, 2),
             h = number_at(s, 11, 2), mi = number_at(s, 14, 2);
  if (!y || !mo || !d || !h || !mi || *h > 23 || *mi > 59) return std::nullopt;
  std::size_t at = 16;
  int sec = 0;
  if (at < s.size() && s[at] == ':') {
    const auto ss = number_at(s, at + 1, 2);
    if (!ss || *ss > 59) return std::nullopt;
    sec = *ss;
    at += 3;
  }
  int offset_minutes = 0;
  if (at < s.size()) {
    if (s[at] == 'Z' && at + 1 == s.size()) {
      ++at;
    } else if ((s[at] == '+' || s[at] == '-') && at + 6 == s.size() && s[at + 3] == ':') {
      const auto oh = number_at(s, at + 1, 2), om = number_at(s, at + 4, 2);
      if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
      offset_minutes = (*oh * 60 + *om) * (s[at] == '-' ? -1 : 1);
      at += 6;
    } else {
      return std::nullopt;
    }
  }
  // TimePoint counts nanoseconds in 64 bits (1677-09-21 to 2262-04-11), and a clock started at
  // this time keeps its distance from the real clock in the same type (at most ±292 years), so
  // years outside kMinYear..kMaxYear are refused instead of wrapping around (2300 became 1715).
  if (*y < kMinIsoYear || *y > kMaxIsoYear) {
    if (why)
      *why = "the year " + std::to_string(*y) + " is outside " + std::to_string(kMinIsoYear) +
             "–" + std::to_string(kMaxIsoYear) + ", the years qkv's clock can hold";
    return std::nullopt;
  }
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  const auto t = sys_days{date} + hours{*h} + minutes{*mi} + seconds{sec} - minutes{offset_minutes};
  return time_point_cast<TimePoint::duration>(t);
}

std::string format_iso_time(TimePoint t) {
  using namespace std::chrono;
  const auto secs = floor<seconds>(t);
  const auto day_start = floor<days>(secs);
  const year_month_day date{day_start};
  const hh_mm_ss<seconds> time{secs - day_start};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buf;
}

}  // namespace qkv
