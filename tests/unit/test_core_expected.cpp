// Expected<T> and Failure (core/expected.hpp), and try_parse_matrix, the non-throwing form of
// parse_matrix: the same matrix or the same reason, as a value.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/expected.hpp"
#include "core/numbers.hpp"

namespace {

// What parse_matrix throws for `text`, or "" when it does not throw.
std::string thrown_by_parse_matrix(const std::string& text, qkv::NonFinite nf) {
  try {
    (void)qkv::parse_matrix(text, "--x", nf);
  } catch (const qkv::Error& e) {
    REQUIRE(e.code() == qkv::Exit::data);
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics().front().message;
  }
  return "";
}

}  // namespace

TEST_CASE("Expected holds a value or a Failure, and value_or_raise throws the Error it describes") {
  qkv::Expected<int> good = 3;
  REQUIRE(good.ok());
  CHECK(static_cast<bool>(good));
  CHECK(*good == 3);
  CHECK(std::move(good).value_or_raise() == 3);

  qkv::Expected<int> bad = qkv::data_failure("row 2 is empty");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().code == qkv::Exit::data);
  CHECK(bad.failure().message() == "row 2 is empty");
  // One bare message is thrown as throw_data throws it: what() is the message itself.
  CHECK_THROWS_WITH_AS((void)std::move(bad).value_or_raise(), "row 2 is empty", qkv::Error);

  // Several located diagnostics survive the round trip through Error.
  const qkv::Error original(qkv::Exit::no_input,
                            std::vector<qkv::Diagnostic>{qkv::make_error("a.json", "/x", "one", 3, 4),
                                                         qkv::make_error("a.json", "/y", "two")});
  const qkv::Failure f = qkv::failure_of(original);
  CHECK(f.code == qkv::Exit::no_input);
  REQUIRE(f.diagnostics.size() == 2);
  CHECK(f.message() == "one");
  try {
    f.raise();
    FAIL("raise() returned");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::no_input);
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].line == 3);
    CHECK(e.diagnostics()[0].column == 4);
    CHECK(e.diagnostics()[1].pointer == "/y");
    CHECK(std::string(e.what()) == std::string(original.what()));
  }
}

TEST_CASE("Exit::internal is 70, the code app_main gives an exception nothing expected") {
  CHECK(static_cast<int>(qkv::Exit::internal) == 70);
}

TEST_CASE("try_parse_matrix gives parse_matrix's matrix or its reason, without throwing") {
  const std::vector<std::string> texts = {
      "1 0 1; 0 2 0", "[[1,0,1],[0,2,0]]", "[1, 2, 3]", "1/2 1", "1 2; 3 4;", "0 -inf; 0 0",
      "", "   ", "1 2; 3", "1 x", "[[1,2],[3]]", "[[1,2]", "[]", "[[1,[2]]]", "1/0 2", "nan 1",
      "1e400", "0 0; nan 0", "[1,2] junk", "[[1,2] [3,4]]"};
  int failures = 0;
  for (const auto nf : {qkv::NonFinite::refuse, qkv::NonFinite::allow_infinity})
    for (const auto& text : texts) {
      CAPTURE(text);
      qkv::Expected<qkv::Matrix> got = qkv::Matrix();
      CHECK_NOTHROW(got = qkv::try_parse_matrix(text, "--x", nf));
      const std::string thrown = thrown_by_parse_matrix(text, nf);
      if (got.ok()) {
        CHECK(thrown.empty());
        const qkv::Matrix m = qkv::parse_matrix(text, "--x", nf);
        REQUIRE(got->rows() == m.rows());
        REQUIRE(got->cols() == m.cols());
        CHECK((got->array() == m.array()).all());
      } else {
        ++failures;
        CHECK(got.failure().code == qkv::Exit::data);
        CHECK(got.failure().message() == thrown);
        CHECK(got.failure().message().rfind("--x: ", 0) == 0);  // names the matrix
      }
    }
  CHECK(failures >= 20);  // the bad texts above fail both ways
}

TEST_CASE("try_parse_matrix says where: the row and the column of an entry that is not a number") {
  const auto m = qkv::try_parse_matrix("1 2; 3 x", "--wq");
  REQUIRE_FALSE(m.ok());
  CHECK(m.failure().message().find("--wq: row 2, column 2") == 0);
  const auto inf = qkv::try_parse_matrix("0 -inf", "--x");
  REQUIRE_FALSE(inf.ok());
  CHECK(inf.failure().message().find("row 1, column 2") != std::string::npos);
  const auto ok = qkv::try_parse_matrix("0 -inf", "--mask", qkv::NonFinite::allow_infinity);
  REQUIRE(ok.ok());
  CHECK(std::isinf((*ok)(0, 1)));
}
