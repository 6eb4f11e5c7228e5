// Numeric options refuse what CLI11's conversion would wrap ("-1" into 2^64 - 1 for an unsigned),
// saturate (a number too large), read in another base ("0x10") or let through a range (NaN), with
// a message in qkv's words that says what is allowed, and exit 2. What is allowed still works.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "helpers.hpp"

using qkv_test::contains;
using qkv_test::run_qkv;

namespace {

struct Case {
  std::vector<std::string> args;
  std::string message;  // what stderr must say
};

}  // namespace

TEST_CASE("numeric options: every out-of-range value is a usage error that says what is allowed") {
  const std::string seed_rule =
      "must be a whole number, 0 or more (any seed from 0 to 18446744073709551615), not ";
  const std::vector<Case> cases = {
      {{"quiz", "-n", "-1"},
       "-n: must be a whole number from 0 to 1000000 (0 = every match), not '-1'"},
      {{"quiz", "-n", "1.5"}, "not '1.5'"},
      {{"quiz", "--seed", "-1"}, "--seed: " + seed_rule + "'-1'"},
      {{"quiz", "--seed", "18446744073709551616"}, seed_rule + "'18446744073709551616'"},
      {{"quiz", "--seed", "0x10"}, seed_rule + "'0x10'"},
      {{"exam", "-n", "-3"}, "-n: must be a whole number from 0 to 1000000"},
      {{"exam", "--seed", "-5"}, "--seed: " + seed_rule + "'-5'"},
      {{"exam", "--pass", "nan"},
       "--pass: must be a percentage from 0 to 100 (such as 70 or 70%), not 'nan'"},
      {{"exam", "--pass", "101%"}, "not '101%'"},
      {{"drill", "--level", "4"}, "--level: must be a whole number from 1 to 3, not '4'"},
      {{"drill", "-n", "0"}, "-n: must be a whole number from 1 to 100, not '0'"},
      {{"drill", "--seed", "-1"}, "--seed: " + seed_rule + "'-1'"},
      {{"calc", "--example", "tiny", "--precision", "16"},
       "--precision: must be a whole number from 0 to 15, not '16'"},
      {{"calc", "--example", "tiny", "--precision", "-1"}, "not '-1'"},
      {{"calc", "--random", "4x4", "--seed", "-1"}, "--seed: " + seed_rule + "'-1'"},
      {{"calc", "--example", "tiny", "--heads", "0"},
       "--heads: must be a whole number from 1 to 4096"},
      {{"check", "x.json", "--tolerance", "nan"},
       "--tolerance: must be a number from 0 to 1000000, not 'nan'"},
      {{"check", "x.json", "--tolerance", "-0.1"}, "not '-0.1'"},
      {{"pack", "lint", "p.json", "--min-per-concept", "-2"},
       "--min-per-concept: must be a whole number"},
      {{"pack", "lint", "p.json", "--near-duplicate", "inf"}, "--near-duplicate: must be a number"},
  };
  for (const auto& c : cases) {
    std::string line = "qkv";
    for (const auto& a : c.args) line += " " + a;
    CAPTURE(line);
    const auto r = run_qkv(c.args);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, c.message, true));
    CHECK(r.err.size() < 400);  // one short message, not a 300-digit range
  }
}

TEST_CASE("numeric options: allowed values still work, and --pass takes 70%") {
  const auto q = run_qkv({"quiz", "-n", "1", "--seed", "18446744073709551615"});
  CHECK(q.exit_code == 0);
  CHECK(contains(q.out, "Seed 18446744073709551615"));
  const auto e = run_qkv({"exam", "-n", "2", "--seed", "3", "--pass", "70%"});
  CHECK(e.exit_code == 1);  // nothing answered: a fail, not a usage error
  CHECK(contains(e.out, "pass mark 70%"));
  const auto c = run_qkv({"calc", "--example", "tiny", "--precision", "0"});
  CHECK(c.exit_code == 0);
}
