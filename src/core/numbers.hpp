#pragma once
// Numbers a learner or an instructor types, in the syntax of DESIGN.md:
//   scalar  3, -0.25, 1e-3, 1/3, -2/4
//   matrix  "1 0 1; 0 2 0" (rows by ';', entries by spaces or commas) or JSON "[[1,0,1],[0,2,0]]";
//           a vector is a one-row matrix ("1 2 3" or "[1,2,3]").
#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace qkv {

using Matrix = Eigen::MatrixXd;

/// Whether a scalar may be infinite: only an additive mask holds −∞ (hide the key) and +∞.
enum class NonFinite { refuse, allow_infinity };

/// Parses one scalar (decimal, exponent or simple fraction a/b). Returns std::nullopt, with a
/// reason in *why when given, for anything else, for a zero denominator, for NaN, for a number
/// too large for a double (1e400; one too small, 1e-400, is 0) and, unless allowed, for an
/// infinity ("inf", "-inf", "infinity", "∞", "−∞").
std::optional<double> parse_scalar(std::string_view text, std::string* why = nullptr,
                                   NonFinite non_finite = NonFinite::refuse);

/// Parses a matrix: the matrix, or a Failure (Exit::data) whose message names `what` (e.g.
/// "--x") and says what is wrong: an entry that is not a number (with its row and column), ragged
/// rows, an empty matrix, or a value that is not finite (infinities allowed with
/// NonFinite::allow_infinity). Never throws on bad text.
Expected<Matrix> try_parse_matrix(std::string_view text, std::string_view what,
                                  NonFinite non_finite = NonFinite::refuse);

/// try_parse_matrix for input that must be a matrix: throws its failure as Error(Exit::data).
Matrix parse_matrix(std::string_view text, std::string_view what,
                    NonFinite non_finite = NonFinite::refuse);

/// Numbers at least this large in magnitude are formatted in scientific notation.
inline constexpr double kFixedBelow = 1e15;

/// Formats a number for people: rounded to `precision` decimals, trailing zeros kept so columns
/// align, "-0" shown as "0". From kFixedBelow on, scientific notation with `precision` decimals
/// ("1.2346e+58"), so that no number is ever wider than about 22 + precision characters; "inf",
/// "-inf" and "nan" as such.
std::string format_number(double value, int precision);

/// format_number without trailing zeros after the point ("2", "-0.3", "1.5e+20").
std::string format_trimmed(double value, int precision);

/// Formats a number exactly enough to read back the same double (JSON and --format json use the
/// json library instead; this is for text such as answer keys).
std::string format_exact(double value);

/// Up to 6 significant digits, no trailing zeros ("0.01", "2.5e-07"): for tolerances in prose.
std::string format_short(double value);

}  // namespace qkv
