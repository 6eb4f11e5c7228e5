#include <doctest/doctest.h>

#include "harness.hpp"

using qkv_test::run_qkv;

TEST_CASE("qkv --help lists examples and the exit codes") {
  auto r = run_qkv({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Examples:") != std::string::npos);
  CHECK(r.out.find("65 invalid data") != std::string::npos);
}

TEST_CASE("qkv --version prints the version") {
  auto r = run_qkv({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("qkv ", 0) == 0);
}

TEST_CASE("an unknown option is a usage error with exit code 2") {
  auto r = run_qkv({"--no-such-option"});
  CHECK(r.exit_code == 2);
  CHECK_FALSE(r.err.empty());
}
