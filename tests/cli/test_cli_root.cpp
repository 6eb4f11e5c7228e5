#include <doctest/doctest.h>

#include <string>
#include <vector>

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

TEST_CASE("--color parses before or after any subcommand, and is refused with a bad value") {
  // Every command gets the global options from one table (app/commands.cpp); calc, learn and
  // pack used to refuse them after their name (exit 2).
  const std::vector<std::vector<std::string>> after = {
      {"calc", "--example", "tiny", "--color", "always"},
      {"learn", "scaling", "--color", "always"},
      {"pack", "info", "--color", "always", qkv_test::content_path("packs/core")},
  };
  for (const auto& args : after) {
    CAPTURE(args.front());
    auto r = run_qkv(args, {.input = "", .env = {{"NO_COLOR", "<unset>"}}});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find('\x1b') != std::string::npos);
  }
  auto never = run_qkv({"calc", "--example", "tiny", "--color", "never"});
  CHECK(never.exit_code == 0);
  CHECK(never.out.find('\x1b') == std::string::npos);
  auto before = run_qkv({"--color", "never", "calc", "--example", "tiny"});
  CHECK(before.exit_code == 0);
  CHECK(before.out == never.out);
  auto bad = run_qkv({"calc", "--example", "tiny", "--color", "sometimes"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--color") != std::string::npos);
}

TEST_CASE("every command's --help lists the global options") {
  for (const char* cmd : {"quiz", "learn", "exam", "calc", "drill", "check", "pack"}) {
    CAPTURE(cmd);
    auto r = run_qkv({cmd, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("--color") != std::string::npos);
  }
}
