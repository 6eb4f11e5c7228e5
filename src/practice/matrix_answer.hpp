#pragma once
// A learner's typed answer to one part: parsed with core/numbers.hpp (a number, "1 2 3", "1 0; 0
// 1", [[1,0],[0,1]], fractions), checked for shape, and compared entry by entry.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/numbers.hpp"
#include "core/tolerance.hpp"

namespace qkv::practice {

/// Either a matrix of the expected shape or why not.
struct ParsedAnswer {
  std::optional<Matrix> value;
  std::string error;         ///< empty when value is set; says what was wrong and what is expected
  bool wrong_shape = false;  ///< it parsed, but as another shape (the error names the expected one)
};

/// Parses `text` as an answer that must be rows×cols. Besides the matrix syntax it accepts "3x4"
/// or "3×4" for two numbers (shape answers), and "-inf" or "−∞" for a masked score. Never throws.
ParsedAnswer parse_answer(std::string_view text, Eigen::Index rows, Eigen::Index cols);

/// One entry that differs.
struct EntryOff {
  int row = 0;  ///< 0-based
  int col = 0;  ///< 0-based
  double given = 0;
  double expected = 0;
};

using EntryMask = Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>;

/// Entry by entry, whether `given` is within `tol` of `expected` (infinities must be equal).
/// REQUIRES: same shape.
EntryMask entries_ok(const Matrix& given, const Matrix& expected, const Tolerance& tol);

/// True when both have the same shape and every entry is within tol.
bool close(const Matrix& given, const Matrix& expected, const Tolerance& tol);

/// The entries of `given` that are not within tol of `expected`, row by row. REQUIRES: same shape.
std::vector<EntryOff> entries_off(const Matrix& given, const Matrix& expected,
                                  const Tolerance& tol);

}  // namespace qkv::practice
