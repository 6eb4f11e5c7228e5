#pragma once
// How close a typed number must be to the right one. Shared by the question bank (numeric and
// matrix questions carry one) and the drills (every exercise has one).

namespace qkv {

enum class ToleranceKind { absolute, relative };

struct Tolerance {
  double value = 0.0;  ///< >= 0
  ToleranceKind kind = ToleranceKind::absolute;
  /// True when given is within the tolerance of expected (relative: |g-e| <= value*|e|).
  bool accepts(double expected, double given) const;
};

}  // namespace qkv
