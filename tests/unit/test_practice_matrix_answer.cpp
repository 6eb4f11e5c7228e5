// Typed answers: the matrix syntax of DESIGN.md, shapes named when wrong, masked entries, and
// entry-by-entry comparison with a tolerance.
#include <doctest/doctest.h>

#include <limits>

#include "practice/exercise.hpp"
#include "practice/matrix_answer.hpp"

using namespace qkv;
using namespace qkv::practice;

namespace {
const Tolerance kTol{0.01, ToleranceKind::absolute};
}

TEST_CASE("answers parse as numbers, rows and matrices, with fractions and JSON") {
  auto a = parse_answer("1/4", 1, 1);
  REQUIRE(a.value);
  CHECK((*a.value)(0, 0) == 0.25);
  a = parse_answer(" 0.2 0.5, 0.3 ", 1, 3);
  REQUIRE(a.value);
  CHECK((*a.value)(0, 1) == 0.5);
  a = parse_answer("[[1,0],[0,1]]", 2, 2);
  REQUIRE(a.value);
  CHECK((*a.value)(1, 1) == 1.0);
  a = parse_answer("3x4; 3×3", 2, 2);
  REQUIRE(a.value);
  CHECK((*a.value)(0, 1) == 4.0);
  CHECK((*a.value)(1, 0) == 3.0);
  a = parse_answer("1 -inf; 0.5 −∞", 2, 2);
  REQUIRE(a.value);
  CHECK((*a.value)(0, 1) == -std::numeric_limits<double>::infinity());
  CHECK((*a.value)(1, 1) == -std::numeric_limits<double>::infinity());
}

TEST_CASE("an answer of the wrong shape names the shape expected") {
  auto a = parse_answer("1 2", 1, 3);
  CHECK_FALSE(a.value);
  CHECK(a.wrong_shape);
  CHECK(a.error.find("a row of 2 numbers") != std::string::npos);
  CHECK(a.error.find("a row of 3 numbers (1×3)") != std::string::npos);
  a = parse_answer("1 2 3", 1, 1);
  CHECK(a.wrong_shape);
  CHECK(a.error.find("the answer is a number") != std::string::npos);
  a = parse_answer("1 2; 3 4", 2, 3);
  CHECK(a.error.find("2×3 matrix") != std::string::npos);
}

TEST_CASE("text that is not a number says why and what is expected") {
  auto a = parse_answer("abc", 1, 1);
  CHECK_FALSE(a.value);
  CHECK_FALSE(a.wrong_shape);
  CHECK(a.error.find("expected a number") != std::string::npos);
  a = parse_answer("1 2; 3", 2, 2);
  CHECK(a.error.find("row 2 has 1 entries") != std::string::npos);
  CHECK(a.error.find("2×2 matrix") != std::string::npos);
}

TEST_CASE("entries are compared within the tolerance; infinities only with infinities") {
  Matrix want(1, 3), got(1, 3);
  const double inf = std::numeric_limits<double>::infinity();
  want << 0.5, -inf, 1.0;
  got << 0.509, -inf, 1.02;
  const EntryMask ok = entries_ok(got, want, kTol);
  CHECK(ok(0, 0));
  CHECK(ok(0, 1));
  CHECK_FALSE(ok(0, 2));
  const auto off = entries_off(got, want, kTol);
  REQUIRE(off.size() == 1);
  CHECK(off[0].col == 2);
  got(0, 1) = -1e9;
  CHECK_FALSE(entries_ok(got, want, kTol)(0, 1));
  CHECK_FALSE(close(Matrix::Zero(1, 2), Matrix::Zero(2, 1), kTol));
}

TEST_CASE("shapes and tolerances in words") {
  CHECK(shape_words(1, 1) == "a number");
  CHECK(shape_words(1, 4) == "a row of 4 numbers (1×4)");
  CHECK(shape_words(3, 2).find("3×2 matrix") != std::string::npos);
  CHECK(tolerance_words(kTol) == "±0.01");
  CHECK(tolerance_words(Tolerance{}) == "exactly");
  CHECK(tolerance_words(Tolerance{0.01, ToleranceKind::relative}) == "within 1 %");
}
