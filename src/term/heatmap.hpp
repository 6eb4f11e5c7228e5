#pragma once
// Heatmap cells for numbers in [0, 1] (attention weights) that read well with and without
// colour: a shade character (░ ▒ ▓ █) always carries the level and the number is printed next to
// it; with colour on, the cell also gets a background from a light-to-dark ramp with a
// foreground chosen to stay readable on it.
#include <string>

#include "term/style.hpp"

namespace qkv::term {

/// The shade for a weight: " " for exactly 0, "░" below 0.25, "▒" below 0.5, "▓" below 0.75,
/// "█" from 0.75 on.
const char* shade(double weight);

/// One cell: shade, space, the weight with `decimals` decimals ("▓ 0.62"), coloured when the
/// style is enabled. Always 2 + the number's width columns wide.
std::string heat_cell(double weight, int decimals, const Style& style);

/// The legend line: "█ ≥ 0.75   ▓ ≥ 0.50   ▒ ≥ 0.25   ░ > 0   (blank) = 0".
std::string heat_legend();

}  // namespace qkv::term
