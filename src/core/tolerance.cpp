#include "core/tolerance.hpp"

#include <algorithm>
#include <cmath>

namespace qkv {

bool Tolerance::accepts(double expected, double given) const {
  if (!std::isfinite(given)) return false;
  const double diff = std::fabs(given - expected);
  const double allowed = kind == ToleranceKind::absolute ? value : value * std::fabs(expected);
  // A hair of slack so that a tolerance of 0.01 accepts a typed difference of exactly 0.01.
  return diff <= allowed + 1e-12 * std::max(1.0, std::fabs(expected));
}

}  // namespace qkv
