#include "practice/matrix_answer.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "practice/exercise.hpp"

namespace qkv::practice {

namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
// Stands for a masked entry while the text goes through parse_matrix, which takes only finite
// numbers. No hand-worked answer is this large.
constexpr double kMaskedStandIn = -8.98846567431158e307;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "3x4" / "3×4" -> "3 4"; "-inf", "−∞", "-∞" -> the stand-in.
std::string normalise(std::string_view text) {
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == 'x' || c == 'X') && !s.empty() && is_digit(s.back()) && i + 1 < text.size() &&
        is_digit(text[i + 1])) {
      s += ' ';
      continue;
    }
    if (text.compare(i, 2, "×") == 0) {
      s += ' ';
      ++i;
      continue;
    }
    s += c;
  }
  const std::string stand_in = format_exact(kMaskedStandIn);
  for (const char* inf : {"−∞", "-∞", "-inf", "-Inf", "-INF"}) {
    for (auto at = s.find(inf); at != std::string::npos; at = s.find(inf, at + stand_in.size()))
      s.replace(at, std::string_view(inf).size(), stand_in);
  }
  return s;
}

}  // namespace

ParsedAnswer parse_answer(std::string_view text, Eigen::Index rows, Eigen::Index cols) {
  ParsedAnswer out;
  const std::string expected = shape_words(rows, cols);
  auto parsed = try_parse_matrix(normalise(text), "your answer");
  if (!parsed) {
    out.error = parsed.failure().message() + "; expected " + expected;
    return out;
  }
  Matrix m = std::move(*parsed);
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      if (m(i, j) == kMaskedStandIn) m(i, j) = kMinusInf;
  if (m.rows() != rows || m.cols() != cols) {
    out.wrong_shape = true;
    const std::string got = m.size() == 1   ? "one number"
                            : m.rows() == 1 ? "a row of " + std::to_string(m.cols()) + " numbers"
                                            : "a " + std::to_string(m.rows()) + "×" +
                                                  std::to_string(m.cols()) + " matrix";
    out.error = "you gave " + got + ", but the answer is " + expected;
    return out;
  }
  out.value = std::move(m);
  return out;
}

EntryMask entries_ok(const Matrix& given, const Matrix& expected, const Tolerance& tol) {
  EntryMask ok(given.rows(), given.cols());
  for (Eigen::Index i = 0; i < given.rows(); ++i)
    for (Eigen::Index j = 0; j < given.cols(); ++j) {
      const double g = given(i, j), e = expected(i, j);
      ok(i, j) = std::isinf(g) || std::isinf(e) ? g == e : tol.accepts(e, g);
    }
  return ok;
}

bool close(const Matrix& given, const Matrix& expected, const Tolerance& tol) {
  if (given.rows() != expected.rows() || given.cols() != expected.cols()) return false;
  return entries_ok(given, expected, tol).all();
}

std::vector<EntryOff> entries_off(const Matrix& given, const Matrix& expected,
                                  const Tolerance& tol) {
  std::vector<EntryOff> out;
  const EntryMask ok = entries_ok(given, expected, tol);
  for (Eigen::Index i = 0; i < given.rows(); ++i)
    for (Eigen::Index j = 0; j < given.cols(); ++j)
      if (!ok(i, j))
        out.push_back({static_cast<int>(i), static_cast<int>(j), given(i, j), expected(i, j)});
  return out;
}

}  // namespace qkv::practice
