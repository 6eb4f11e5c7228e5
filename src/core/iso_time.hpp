#pragma once
// Points in time as text, for `--now` (replaying a session from a fixed start) and reports:
// ISO 8601 date and time, UTC unless an offset is given.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace qkv {

/// Parses "2026-03-01T09:30:00Z", "2026-03-01T09:30", "2026-03-01 09:30:15+01:00" (a 'T' or a
/// space between date and time; seconds optional; "Z", "+HH:MM" or "-HH:MM" optional, UTC when
/// absent). nullopt for anything else, including impossible dates (2026-02-30) and years outside
/// kMinIsoYear..kMaxIsoYear (which a TimePoint, and a clock's offset from today, cannot hold);
/// for those, *why (when given) says so.
std::optional<TimePoint> parse_iso_time(std::string_view text, std::string* why = nullptr);

inline constexpr int kMinIsoYear = 1900;
inline constexpr int kMaxIsoYear = 2261;

/// "2026-03-01T09:30:00Z" (UTC, whole seconds).
std::string format_iso_time(TimePoint t);

}  // namespace qkv
