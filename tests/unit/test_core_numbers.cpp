#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/numbers.hpp"

using namespace qkv;

TEST_CASE("parse_scalar accepts decimals, exponents and fractions") {
  CHECK(*parse_scalar("3") == 3.0);
  CHECK(*parse_scalar(" -0.25 ") == -0.25);
  CHECK(*parse_scalar("+1e-3") == 1e-3);
  CHECK(*parse_scalar("1/3") == doctest::Approx(1.0 / 3.0));
  CHECK(*parse_scalar("-2 / 4") == -0.5);
}

TEST_CASE("parse_scalar refuses what is not a finite number, and says why") {
  std::string why;
  CHECK_FALSE(parse_scalar("abc", &why));
  CHECK(why.find("not a number") != std::string::npos);
  CHECK_FALSE(parse_scalar("1/0", &why));
  CHECK(why.find("divides by zero") != std::string::npos);
  CHECK_FALSE(parse_scalar("1e999", &why));
  CHECK_FALSE(parse_scalar("", &why));
  CHECK_FALSE(parse_scalar("nan"));
}

TEST_CASE("parse_matrix reads the inline syntax") {
  Matrix m = parse_matrix("1 0 1; 0 2 0", "--x");
  REQUIRE(m.rows() == 2);
  REQUIRE(m.cols() == 3);
  CHECK(m(1, 1) == 2.0);
  CHECK(parse_matrix("1,2, 3", "v").cols() == 3);
  CHECK(parse_matrix("1 2; 3 4;", "v").rows() == 2);
  CHECK(parse_matrix("1/2 1", "v")(0, 0) == 0.5);
}

TEST_CASE("parse_matrix reads JSON-style arrays") {
  Matrix m = parse_matrix("[[1,0,1],[0,2,0]]", "--x");
  CHECK(m.rows() == 2);
  CHECK(m(0, 2) == 1.0);
  Matrix v = parse_matrix("[1, 2, 3]", "v");
  CHECK(v.rows() == 1);
  CHECK(v.cols() == 3);
}

TEST_CASE("parse_matrix errors name the matrix, the row and the column") {
  auto message_of = [](const char* text) {
    try {
      parse_matrix(text, "--wq");
    } catch (const Error& e) {
      CHECK(e.code() == Exit::data);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message_of("1 2; 3").find("--wq: row 2 has 1 entries but row 1 has 2") !=
        std::string::npos);
  CHECK(message_of("1 x; 3 4").find("row 1, column 2") != std::string::npos);
  CHECK(message_of("").find("empty") != std::string::npos);
  CHECK(message_of("1 2;;3 4").find("row 2 is empty") != std::string::npos);
  CHECK(message_of("[[1,2],[3]]").find("row 2 has 1 entries") != std::string::npos);
}

TEST_CASE("format_number rounds and never shows minus zero") {
  CHECK(format_number(0.123456, 4) == "0.1235");
  CHECK(format_number(-0.00001, 4) == "0.0000");
  CHECK(format_number(2.0, 2) == "2.00");
  CHECK(format_exact(0.1) == "0.1");
}

TEST_CASE("format_short: six significant digits, no trailing zeros") {
  CHECK(format_short(0.01) == "0.01");
  CHECK(format_short(1.0) == "1");
  CHECK(format_short(2.5e-7) == "2.5e-07");
  CHECK(format_short(1.0 / 3) == "0.333333");
}

TEST_CASE("parse_scalar: too large is refused as such, too small is 0, infinities only if allowed") {
  std::string why;
  CHECK_FALSE(parse_scalar("1e400", &why));
  CHECK(why == "'1e400' is too large for a double (the largest is about 1.8e308)");
  CHECK_FALSE(parse_scalar("-1e309", &why));
  CHECK(why.find("too large for a double") != std::string::npos);
  CHECK_FALSE(parse_scalar("1e308/1e-10", &why));  // the fraction overflows
  CHECK(why.find("too large for a double") != std::string::npos);
  CHECK(*parse_scalar("1e-400") == 0.0);
  CHECK(*parse_scalar("1.7976931348623157e308") == std::numeric_limits<double>::max());
  for (const char* inf : {"inf", "-inf", "Infinity", "-infinity", "∞", "−∞", "-∞"}) {
    CAPTURE(inf);
    CHECK_FALSE(parse_scalar(inf, &why));
    CHECK(why.find("is not a finite number") != std::string::npos);
    const auto v = parse_scalar(inf, &why, NonFinite::allow_infinity);
    REQUIRE(v);
    CHECK(std::isinf(*v));
    const std::string_view text(inf);
    CHECK((*v < 0) == (text.starts_with("-") || text.starts_with("−")));
  }
  for (const char* nan : {"nan", "NaN", "-nan"}) {
    CAPTURE(nan);
    CHECK_FALSE(parse_scalar(nan, &why, NonFinite::allow_infinity));
    CHECK(why.find("is not a number (NaN)") != std::string::npos);
  }
  CHECK_FALSE(parse_scalar("inf/2", &why, NonFinite::allow_infinity));
}

TEST_CASE("parse_matrix with infinities allowed reads -inf entries, and names a nan's place") {
  const Matrix m = parse_matrix("0 -inf; 0 0", "--additive-mask", NonFinite::allow_infinity);
  CHECK(m(0, 1) == -std::numeric_limits<double>::infinity());
  CHECK(m(0, 0) == 0.0);
  try {
    parse_matrix("0 0; nan 0", "--additive-mask", NonFinite::allow_infinity);
    FAIL("nan was accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.diagnostics().front().message) ==
          "--additive-mask: row 2, column 1: 'nan' is not a number (NaN)");
  }
  CHECK_THROWS_AS(parse_matrix("0 -inf", "--x"), Error);
}

TEST_CASE("format_number never cuts a number short: scientific notation from 1e15") {
  // Each of these once came out of a 64-byte buffer cut off, as a wrong number.
  CHECK(format_number(1e58, 4) == "1.0000e+58");
  CHECK(format_number(-1.23456789e300, 4) == "-1.2346e+300");
  CHECK(format_number(std::numeric_limits<double>::max(), 15) == "1.797693134862316e+308");
  CHECK(format_number(1e47, 15) == "1.000000000000000e+47");
  CHECK(format_number(999999999999999.0, 2) == "999999999999999.00");
  CHECK(format_number(1e15, 2) == "1.00e+15");
  CHECK(format_number(-1e15, 0) == "-1e+15");
  CHECK(format_number(std::numeric_limits<double>::infinity(), 4) == "inf");
  CHECK(format_number(-std::numeric_limits<double>::infinity(), 4) == "-inf");
  CHECK(format_number(std::nan(""), 4) == "nan");
  // Every width stays bounded, at any precision.
  for (int precision = 0; precision <= 15; ++precision)
    for (double v : {1e15, 1e100, -1e308, 123456789012345.6, 1e-300})
      CHECK(format_number(v, precision).size() <= static_cast<std::size_t>(24 + precision));
  CHECK(format_trimmed(1.5e20, 4) == "1.5e+20");
  CHECK(format_trimmed(1e60, 4) == "1e+60");
  CHECK(format_trimmed(0.25, 4) == "0.25");
  CHECK(format_trimmed(-0.00001, 4) == "0");
  CHECK(format_trimmed(2.0, 6) == "2");
}
