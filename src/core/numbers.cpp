#include "core/numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/error.hpp"

namespace qkv {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_plain(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<double> parse_scalar(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<double> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  const std::string_view s = trim(text);
  if (s.empty()) return fail("expected a number, got nothing");
  std::optional<double> v;
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    auto num = parse_plain(trim(s.substr(0, slash)));
    auto den = parse_plain(trim(s.substr(slash + 1)));
    if (!num || !den) return fail("'" + std::string(s) + "' is not a number or a fraction a/b");
    if (*den == 0.0) return fail("'" + std::string(s) + "' divides by zero");
    v = *num / *den;
  } else {
    v = parse_plain(s);
    if (!v) return fail("'" + std::string(s) + "' is not a number (try 0.25, 1e-3 or 1/4)");
  }
  if (!std::isfinite(*v)) return fail("'" + std::string(s) + "' is not a finite number");
  return v;
}

namespace {

// JSON-style input: [[1,2],[3,4]] or [1,2,3]. Parsed by hand (not with a JSON library) so that
// fractions and messages in the same terms as the inline syntax work alike.
std::vector<std::vector<std::string>> split_json_like(std::string_view s, std::string_view what) {
  std::vector<std::vector<std::string>> rows;
  s = trim(s);
  auto bad = [&](const std::string& m) { throw_data(std::string(what) + ": " + m); };
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') bad("expected [[...],[...]]");
  std::string_view inner = trim(s.substr(1, s.size() - 2));
  if (inner.empty()) bad("the matrix is empty");
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
    if (inner[i] != '[') bad("expected '[' to start row " + std::to_string(rows.size() + 1));
    auto close = inner.find(']', i);
    if (close == std::string_view::npos)
      bad("row " + std::to_string(rows.size() + 1) + " has no ']'");
    std::string_view row = inner.substr(i + 1, close - i - 1);
    if (row.find('[') != std::string_view::npos) bad("matrices nest two levels deep at most");
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

std::vector<std::vector<std::string>> split_inline(std::string_view s) {
  std::vector<std::vector<std::string>> rows;
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

Matrix parse_matrix(std::string_view text, std::string_view what) {
  const std::string_view s = trim(text);
  if (s.empty()) throw_data(std::string(what) + ": the matrix is empty");
  auto rows = s.front() == '[' ? split_json_like(s, what) : split_inline(s);
  const std::size_t cols = rows.front().size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].empty())
      throw_data(std::string(what) + ": row " + std::to_string(r + 1) + " is empty");
    if (rows[r].size() != cols)
      throw_data(std::string(what) + ": row " + std::to_string(r + 1) + " has " +
                 std::to_string(rows[r].size()) + " entries but row 1 has " + std::to_string(cols) +
                 " (rows are separated by ';', entries by spaces or commas)");
  }
  Matrix m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      std::string why;
      auto v = parse_scalar(rows[r][c], &why);
      if (!v)
        throw_data(std::string(what) + ": row " + std::to_string(r + 1) + ", column " +
                   std::to_string(c + 1) + ": " + why);
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = *v;
    }
  return m;
}

std::string format_number(double value, int precision) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", precision, value);
  std::string s(buf);
  // "-0.0000" -> "0.0000"
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
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
