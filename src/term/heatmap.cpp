#include "term/heatmap.hpp"

#include <algorithm>
#include <cmath>

#include "core/numbers.hpp"

namespace qkv::term {

const char* shade(double weight) {
  if (weight <= 0.0) return " ";
  if (weight < 0.25) return "░";
  if (weight < 0.5) return "▒";
  if (weight < 0.75) return "▓";
  return "█";
}

std::string heat_cell(double weight, int decimals, const Style& style) {
  std::string text = std::string(shade(weight)) + " " + format_number(weight, decimals);
  if (!style.enabled()) return text;
  // A white-to-dark-red ramp from the 256-colour cube; dark text on the light half, white text
  // on the dark half, so the number stays readable on either terminal background.
  static const int ramp[] = {231, 224, 217, 210, 203, 196, 160, 124, 88};
  const int steps = static_cast<int>(sizeof ramp / sizeof ramp[0]);
  const int idx = std::clamp(static_cast<int>(std::lround(weight * (steps - 1))), 0, steps - 1);
  const int fg = idx < 5 ? 16 : 231;
  return style.fg_bg256(fg, ramp[idx], text);
}

std::string heat_legend() {
  return "█ ≥ 0.75   ▓ ≥ 0.50   ▒ ≥ 0.25   ░ > 0   (blank) = 0";
}

}  // namespace qkv::term
