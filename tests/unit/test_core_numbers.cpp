#include <doctest/doctest.h>

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
