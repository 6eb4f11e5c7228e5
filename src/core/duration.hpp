#pragma once
// Durations as people write them: "30m", "1h30m", "90s", "1h 15m 30s". Used by exam time limits
// (`--time-limit`, "time_limit" in packs) and for showing the time left.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qkv {

/// The longest duration parse_duration accepts (a day), so that sums of seconds cannot overflow.
inline constexpr std::chrono::seconds kMaxDuration{24 * 60 * 60};

/// Either a duration or a message saying what was wrong with the text and what is accepted.
struct DurationParse {
  std::optional<std::chrono::seconds> value;
  std::string error;  ///< empty when value is set
};

/// Parses one or more "<whole number><unit>" parts, units h, m and s (in that order, each at most
/// once; spaces allowed between and within parts; the units also as hr, hour(s), min(s),
/// minute(s), sec(s), second(s), any case): "20m", "1h30m", "45s", "1h 5m", "30 minutes". A bare
/// number is refused (say which unit), as are zero, anything longer than kMaxDuration and any
/// other text. Never throws.
DurationParse parse_duration(std::string_view text);

/// The compact form parse_duration reads back: "20m", "1h30m", "45s", "2m5s"; "0s" for zero.
std::string format_duration(std::chrono::seconds d);

/// A clock face for the time left: "12:05" (minutes:seconds), "1:02:03" past an hour. Negative
/// durations show as "0:00".
std::string format_clock(std::chrono::seconds d);

}  // namespace qkv
