#pragma once
// Numbers a learner or an instructor types, in the syntax of DESIGN.md:
//   scalar  3, -0.25, 1e-3, 1/3, -2/4
//   matrix  "1 0 1; 0 2 0" (rows by ';', entries by spaces or commas) or JSON "[[1,0,1],[0,2,0]]";
//           a vector is a one-row matrix ("1 2 3" or "[1,2,3]").
#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>

namespace qkv {

using Matrix = Eigen::MatrixXd;

/// Parses one scalar (decimal, exponent or simple fraction a/b). Returns std::nullopt, with a
/// reason in *why when given, for anything else, for a zero denominator, and for values that are
/// not finite.
std::optional<double> parse_scalar(std::string_view text, std::string* why = nullptr);

/// Parses a matrix. Throws Error(Exit::data) whose message names `what` (e.g. "--x") and says what
/// is wrong: an entry that is not a number (with its row and column), ragged rows, an empty
/// matrix, or a value that is not finite.
Matrix parse_matrix(std::string_view text, std::string_view what);

/// Formats a number for people: rounded to `precision` decimals, trailing zeros kept so columns
/// align, "-0" shown as "0".
std::string format_number(double value, int precision);

/// Formats a number exactly enough to read back the same double (JSON and --format json use the
/// json library instead; this is for text such as answer keys).
std::string format_exact(double value);

/// Up to 6 significant digits, no trailing zeros ("0.01", "2.5e-07"): for tolerances in prose.
std::string format_short(double value);

}  // namespace qkv
