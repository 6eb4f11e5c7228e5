#include "app/number_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/text.hpp"

namespace qkv::app {

namespace {

std::string shown(const std::string& text) {
  return "'" + sanitize_line(text) + "'";
}

std::string whole_range(std::uint64_t lo, std::uint64_t hi) {
  if (hi == std::numeric_limits<std::uint64_t>::max())
    return "a whole number, " + std::to_string(lo) + " or more";
  return "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
}

std::string plain(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string real_range(double lo, double hi) {
  return "a number from " + plain(lo) + " to " + plain(hi);
}

}  // namespace

CLI::Validator whole_number(std::uint64_t lo, std::uint64_t hi, std::string note) {
  std::string allowed = whole_range(lo, hi);
  if (!note.empty()) allowed += " (" + note + ")";
  CLI::Validator v(
      [lo, hi, allowed](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() <= 40 &&
                            text.find_first_not_of("0123456789") == std::string::npos;
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (!digits || ec != std::errc() || end != text.data() + text.size() || value < lo ||
            value > hi)
          return "must be " + allowed + ", not " + shown(text);
        return "";
      },
      whole_range(lo, hi));
  return v;
}

CLI::Validator seed_number() {
  return whole_number(0, std::numeric_limits<std::uint64_t>::max(),
                      "any seed from 0 to 18446744073709551615");
}

CLI::Validator real_number(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double value = 0.0;
        const bool plain = !text.empty() && text.size() <= 64 &&
                           text.find_first_not_of("0123456789.eE+-") == std::string::npos;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (!plain || ec != std::errc() || end != text.data() + text.size() ||
            !std::isfinite(value) || value < lo || value > hi)
          return "must be " + real_range(lo, hi) + ", not " + shown(text);
        return "";
      },
      real_range(lo, hi));
}

CLI::Validator percentage() {
  const CLI::Validator number = real_number(0.0, 100.0);
  return CLI::Validator(
      [number](std::string& text) -> std::string {
        std::string bare = text;
        if (!bare.empty() && bare.back() == '%') bare.pop_back();
        if (number(bare).empty()) {
          text = bare;
          return "";
        }
        return "must be a percentage from 0 to 100 (such as 70 or 70%), not " + shown(text);
      },
      "PERCENT");
}

}  // namespace qkv::app
