#pragma once
// Moodle's calculated-question formulas ("{a} * pow({b}, 2) + sqrt({c})") evaluated with given
// values of their wildcards: what turns a calculated question into one numeric instance.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace qkv::interchange {

/// The value of `formula` with each {name} replaced by values.at(name). Supports numbers, + - * /
/// % and parentheses, unary minus, ** and ^ as powers, pi() and the functions abs, sqrt, exp,
/// log (natural; log(x, b) in base b), log10, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh,
/// tanh, pow, min, max, floor, ceil, round, fmod. nullopt (with *why) for anything else, an
/// unknown wildcard, nesting deeper than 64, or a result that is not finite.
std::optional<double> evaluate_formula(std::string_view formula,
                                       const std::map<std::string, double>& values,
                                       std::string* why = nullptr);

}  // namespace qkv::interchange
