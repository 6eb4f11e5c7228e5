// End-to-end: calculated and matrix questions in `qkv quiz`, against the fixture pack
// tests/data/quiz/calculated.json (in order: softmax-fixed, score-drawn, mask-fixed,
// scaled-matrix). The answers of the calculated questions come from the drill's JSON for the
// fixed seeds and from a first run's answer keys for the drawn one; pack validate accepts the pack.
#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "helpers.hpp"

using nlohmann::json;
using qkv_test::contains;
using qkv_test::data_path;
using qkv_test::run_qkv;
using qkv_test::typed;
using qkv_test::with_input;

namespace {

const std::string kPack = data_path("quiz/calculated.json");

json drill_part(const std::string& kind, const std::string& level, const std::string& seed,
                std::size_t part) {
  const auto r = run_qkv(
      {"drill", "--format", "json", "--kind", kind, "--level", level, "--seed", seed, "-n", "1"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["exercises"][0]["parts"][part];
}

std::vector<std::string> quiz(std::string seed) {
  return {"quiz", "--pack", kPack, "--in-order", "-n", "0", "--seed", seed, "--json"};
}

}  // namespace

TEST_CASE("quiz: the calculated fixture validates") {
  const auto r = run_qkv({"pack", "validate", kPack});
  CHECK(r.exit_code == 0);
}

TEST_CASE(
    "quiz: calculated and matrix questions, all right, and a replayed seed draws the same "
    "numbers") {
  const json softmax = drill_part("softmax", "2", "17", 1);
  const json mask = drill_part("mask", "1", "5", 1);
  // A first run with wrong answers gives the drawn question's answer key.
  const auto first = run_qkv(quiz("9"), with_input("0 0 0 0\n0\n0 0 0; 0 0 0; 0 0 0\n0 0; 0 0\n"));
  REQUIRE(first.exit_code == 0);
  const json j1 = json::parse(first.out);
  REQUIRE(j1["questions"].size() == 4);
  CHECK(j1["correct"] == 0);
  const std::string drawn_key = j1["questions"][1]["answer"];
  const std::string in = typed(softmax["answer"]) + "\n" + drawn_key + "\n" +
                         typed(mask["answer"]) + "\n0.71 0; 0.71 1.41\n";
  const auto second = run_qkv(quiz("9"), with_input(in));
  REQUIRE(second.exit_code == 0);
  const json j2 = json::parse(second.out);
  CHECK(j2["correct"] == 4);
  CHECK(j2["score"] == 4.0);
  CHECK(contains(second.err, "Worked steps"));
  // Another session seed draws other numbers for the drawn question only.
  const auto other = run_qkv(quiz("10"), with_input(in));
  const json j3 = json::parse(other.out);
  CHECK(j3["questions"][0]["correct"] == true);
  CHECK(j3["questions"][2]["correct"] == true);
  CHECK(j3["questions"][1]["answer"] != drawn_key);
}

TEST_CASE("quiz: a wrong calculated answer is marked entry by entry and its mistake named") {
  // The mask question's weights computed with the causal mask on the wrong side (by hand here,
  // from the drill's scaled scores: the flipped mask keeps j >= i).
  const auto r = run_qkv(
      {"drill", "--format", "json", "--kind", "mask", "--level", "1", "--seed", "5", "-n", "1"});
  const json e = json::parse(r.out)["exercises"][0];
  const json s = e["givens"][0]["matrix"];
  json flipped = json::array();
  for (std::size_t i = 0; i < 3; ++i) {
    double mx = -1e300, sum = 0;
    for (std::size_t j = i; j < 3; ++j) mx = std::max(mx, s[i][j].get<double>());
    json row = json::array();
    for (std::size_t j = 0; j < 3; ++j)
      row.push_back(j >= i ? std::exp(s[i][j].get<double>() - mx) : 0.0);
    for (const auto& x : row) sum += x.get<double>();
    for (auto& x : row) x = x.get<double>() / sum;
    flipped.push_back(row);
  }
  const auto q = run_qkv({"quiz", "--pack", kPack, "--id", "calcfix/mask-fixed", "--seed", "1"},
                         with_input(typed(flipped) + "\n"));
  CHECK(q.exit_code == 0);
  CHECK(contains(q.out, "Wrong."));
  CHECK(contains(q.out, "Entry by entry"));
  CHECK(contains(q.out, "causal-flipped"));
  CHECK(contains(q.out, "What went wrong"));
}

TEST_CASE("quiz: a matrix answer of the wrong shape is asked again; a diagnosed matrix mistake") {
  const auto q = run_qkv({"quiz", "--pack", kPack, "--id", "calcfix/scaled-matrix", "--seed", "1"},
                         with_input("1 0\n1 0; 1 2\n"));
  CHECK(q.exit_code == 0);
  CHECK(contains(q.out, "a 2×2 matrix"));
  CHECK(contains(q.out, "unscaled"));
  CHECK(contains(q.out, "1 of 4 entries right"));
}

TEST_CASE("quiz --type calculated selects only calculated questions; hints include the steps") {
  const auto q = run_qkv({"quiz", "--pack", kPack, "--type", "calculated", "--id",
                          "calcfix/softmax-fixed", "--seed", "1"},
                         with_input("?\n?\n?\n"));
  CHECK(q.exit_code == 0);
  CHECK(contains(q.out, "Scale first, then the softmax."));
  CHECK(contains(q.out, "Attention weights: P = softmax"));
}
