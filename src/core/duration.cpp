#include "core/duration.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace qkv {

namespace {

constexpr const char* kAccepted =
    "write a duration with units such as 20m, 1h30m or 90s (h hours, m minutes, s seconds; "
    "\"30 min\" and \"1 hour\" work too)";

// 0 hours, 1 minutes, 2 seconds, for the unit names people write.
std::optional<std::size_t> unit_index(std::string_view raw) {
  std::string unit(raw);
  for (auto& c : unit) c = static_cast<char>(c | 0x20);
  static const std::vector<std::string> kNames[] = {{"h", "hr", "hrs", "hour", "hours"},
                                                    {"m", "min", "mins", "minute", "minutes"},
                                                    {"s", "sec", "secs", "second", "seconds"}};
  for (std::size_t k = 0; k < 3; ++k)
    for (const auto& name : kNames[k])
      if (unit == name) return k;
  return std::nullopt;
}

}  // namespace

DurationParse parse_duration(std::string_view text) {
  auto fail = [&](std::string why) { return DurationParse{std::nullopt, why + "; " + kAccepted}; };
  const std::string shown = "'" + std::string(text) + "'";
  std::size_t i = 0;
  auto skip_spaces = [&]() {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip_spaces();
  if (i == text.size()) return fail("the duration is empty");
  long long total = 0;
  int last_unit = -1;  // index in "hms" of the previous part's unit
  bool any = false;
  while (i < text.size()) {
    const std::size_t start = i;
    long long n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > kMaxDuration.count()) return fail(shown + " is longer than a day");
      ++i;
    }
    if (i == start) return fail(shown + " is not a duration");
    if (i == text.size() || (text.substr(i).find_first_not_of(' ') == std::string_view::npos)) {
      return fail(shown + (any ? " ends with a number without a unit"
                               : " has no unit (is it minutes or seconds?)"));
    }
    while (i < text.size() && text[i] == ' ') ++i;  // "30 m" as well as "30m"
    const std::size_t unit_start = i;
    while (i < text.size() && ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z')) ++i;
    const auto u = unit_index(text.substr(unit_start, i - unit_start));
    if (!u) {
      if (unit_start == text.size()) return fail(shown + " ends with a number without a unit");
      return fail(shown + " has an unknown unit '" +
                  std::string(text.substr(unit_start, std::max<std::size_t>(i - unit_start, 1))) +
                  "'");
    }
    if (static_cast<int>(*u) <= last_unit)
      return fail(shown +
                  " repeats a unit or has them out of order (hours, then minutes, then seconds)");
    last_unit = static_cast<int>(*u);
    static constexpr long long kSeconds[] = {3600, 60, 1};
    total += n * kSeconds[*u];
    if (total > kMaxDuration.count()) return fail(shown + " is longer than a day");
    any = true;
    skip_spaces();
  }
  if (total == 0) return fail(shown + " is zero; a time limit must be longer than that");
  return DurationParse{std::chrono::seconds(total), ""};
}

std::string format_duration(std::chrono::seconds d) {
  long long s = d.count();
  if (s <= 0) return "0s";
  std::string out;
  if (s >= 3600) out += std::to_string(s / 3600) + "h", s %= 3600;
  if (s >= 60) out += std::to_string(s / 60) + "m", s %= 60;
  if (s > 0) out += std::to_string(s) + "s";
  return out;
}

std::string format_clock(std::chrono::seconds d) {
  long long s = d.count() < 0 ? 0 : d.count();
  char buf[48];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace qkv
