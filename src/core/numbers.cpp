#include "core/numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "core/error.hpp"

namespace qkv {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

enum class Plain { ok, not_a_number, too_large };

// A decimal number. from_chars also reads "inf", "infinity" and "nan" (any case); a number too
// small for a double is 0 (as JSON readers make it), one too large is refused.
Plain parse_plain(std::string_view s, double& v) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return Plain::not_a_number;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (p != s.data() + s.size()) return Plain::not_a_number;
  if (ec == std::errc::result_out_of_range) {
    // libstdc++ reports underflow and overflow alike; strtod tells them apart.
    const std::string copy(s);
    const double r = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(r)) return Plain::too_large;
    v = r;
    return Plain::ok;
  }
  return ec == std::errc() ? Plain::ok : Plain::not_a_number;
}

bool is_minus_infinity_sign(std::string_view s) {
  return s == "-∞" || s == "−∞";
}

}  // namespace

std::optional<double> parse_scalar(std::string_view text, std::string* why, NonFinite non_finite) {
  auto fail = [&](std::string reason) -> std::optional<double> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  const std::string_view s = trim(text);
  if (s.empty()) return fail("expected a number, got nothing");
  const std::string quoted = "'" + std::string(s) + "'";
  const std::string too_large =
      quoted + " is too large for a double (the largest is about 1.8e308)";
  double v = 0;
  if (is_minus_infinity_sign(s)) {
    v = -std::numeric_limits<double>::infinity();
  } else if (s == "∞" || s == "+∞") {
    v = std::numeric_limits<double>::infinity();
  } else if (auto slash = s.find('/'); slash != std::string_view::npos) {
    double num = 0, den = 0;
    const Plain a = parse_plain(trim(s.substr(0, slash)), num);
    const Plain b = parse_plain(trim(s.substr(slash + 1)), den);
    if (a == Plain::too_large || b == Plain::too_large) return fail(too_large);
    if (a != Plain::ok || b != Plain::ok || !std::isfinite(num) || !std::isfinite(den))
      return fail(quoted + " is not a number or a fraction a/b");
    if (den == 0.0) return fail(quoted + " divides by zero");
    v = num / den;
    if (std::isinf(v)) return fail(too_large);
  } else {
    const Plain r = parse_plain(s, v);
    if (r == Plain::too_large) return fail(too_large);
    if (r != Plain::ok) return fail(quoted + " is not a number (try 0.25, 1e-3 or 1/4)");
  }
  if (std::isnan(v)) return fail(quoted + " is not a number (NaN)");
  if (std::isinf(v) && non_finite == NonFinite::refuse)
    return fail(quoted + " is not a finite number");
  return v;
}

namespace {

using Rows = std::vector<std::vector<std::string>>;

// JSON-style input: [[1,2],[3,4]] or [1,2,3]. Parsed by hand (not with a JSON library) so that
// fractions and messages in the same terms as the inline syntax work alike.
Expected<Rows> split_json_like(std::string_view s, std::string_view what) {
  Rows rows;
  s = trim(s);
  auto bad = [&](const std::string& m) { return data_failure(std::string(what) + ": " + m); };
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return bad("expected [[...],[...]]");
  std::string_view inner = trim(s.substr(1, s.size() - 2));
  if (inner.empty()) return bad("the matrix is empty");
  if (inner.front() != '[') {  // a single vector
    rows.emplace_back();
    std::size_t start = 0;
    for (std::size_t i = 0; i <= inner.size(); ++i)
      if (i == inner.size() || inner[i] == ',') {
        rows.back().emplace_back(trim(inner.substr(start, i - start)));
        start = i + 1;
      }
    return rows;
  }
  std::size_t i = 0;
  while (i < inner.size()) {
    if (inner[i] != '[') return bad("expected '[' to start row " + std::to_string(rows.size() + 1));
    auto close = inner.find(']', i);
    if (close == std::string_view::npos)
      return bad("row " + std::to_string(rows.size() + 1) + " has no ']'");
    std::string_view row = inner.substr(i + 1, close - i - 1);
    if (row.find('[') != std::string_view::npos) return bad("matrices nest two levels deep at most");
    rows.emplace_back();
    std::size_t start = 0;
    for (std::size_t k = 0; k <= row.size(); ++k)
      if (k == row.size() || row[k] == ',') {
        rows.back().emplace_back(trim(row.substr(start, k - start)));
        start = k + 1;
      }
    i = close + 1;
    while (i < inner.size() &&
           (std::isspace(static_cast<unsigned char>(inner[i])) || inner[i] == ','))
      ++i;
  }
  return rows;
}

Rows split_inline(std::string_view s) {
  Rows rows;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != ';') continue;
    std::string_view row = s.substr(start, i - start);
    start = i + 1;
    rows.emplace_back();
    std::string cur;
    for (char c : row) {
      if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
        if (!cur.empty()) rows.back().push_back(std::move(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) rows.back().push_back(std::move(cur));
  }
  // A trailing ';' leaves an empty last row: forgive it.
  if (rows.size() > 1 && rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

Expected<Matrix> try_parse_matrix(std::string_view text, std::string_view what,
                                  NonFinite non_finite) {
  const std::string_view s = trim(text);
  auto fail = [&](const std::string& m) { return data_failure(std::string(what) + ": " + m); };
  if (s.empty()) return fail("the matrix is empty");
  Rows rows;
  if (s.front() == '[') {
    auto split = split_json_like(s, what);
    if (!split) return split.failure();
    rows = std::move(*split);
  } else {
    rows = split_inline(s);
  }
  const std::size_t cols = rows.front().size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].empty()) return fail("row " + std::to_string(r + 1) + " is empty");
    if (rows[r].size() != cols)
      return fail("row " + std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                  " entries but row 1 has " + std::to_string(cols) +
                  " (rows are separated by ';', entries by spaces or commas)");
  }
  Matrix m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      std::string why;
      auto v = parse_scalar(rows[r][c], &why, non_finite);
      if (!v)
        return fail("row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) + ": " +
                    why);
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = *v;
    }
  return m;
}

Matrix parse_matrix(std::string_view text, std::string_view what, NonFinite non_finite) {
  return try_parse_matrix(text, what, non_finite).value_or_raise();
}

namespace {

// printf into a string of whatever length the result needs.
template <typename... Args>
std::string printed(const char* format, Args... args) {
  const int n = std::snprintf(nullptr, 0, format, args...);
  if (n <= 0) return {};
  std::string s(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), format, args...);
  s.pop_back();
  return s;
}

}  // namespace

std::string format_number(double value, int precision) {
  if (precision < 0) precision = 0;
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  // Past 15 digits before the point, fixed notation would be as wide as the number is large
  // (1e300 has 301 digits), so such numbers are written in scientific notation instead.
  std::string s = std::abs(value) < kFixedBelow ? printed("%.*f", precision, value)
                                                : printed("%.*e", precision, value);
  // "-0.0000" -> "0.0000"
  if (!s.empty() && s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos)
    s.erase(0, 1);
  return s;
}

std::string format_trimmed(double value, int precision) {
  std::string s = format_number(value, precision);
  const auto e = s.find('e');  // scientific: trim the mantissa only ("1.5000e+20" -> "1.5e+20")
  const std::string exponent = e == std::string::npos ? "" : s.substr(e);
  if (e != std::string::npos) s.erase(e);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  s += exponent;
  return s == "-0" ? "0" : s;
}

std::string format_short(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

std::string format_exact(double value) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, p);
}

}  // namespace qkv
