// The --input format: what problem_from_json accepts, what it refuses (naming the key), and that
// problem_to_json round-trips.
#include <doctest/doctest.h>

#include "attention/engine.hpp"
#include "attention/problem_json.hpp"
#include "attention/random_problem.hpp"
#include "core/rng.hpp"
#include "support/attention_test_util.hpp"

using namespace qkv;
using namespace qkv::attention;
using attn_test::M;
using attn_test::max_diff;
using nlohmann::json;

namespace {

std::vector<Diagnostic> diagnostics_of(const json& j) {
  try {
    problem_from_json(j, "in.json");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::data);
    return e.diagnostics();
  }
  return {};
}

bool any_says(const std::vector<Diagnostic>& ds, const std::string& pointer,
              const std::string& part) {
  for (const auto& d : ds)
    if (d.pointer == pointer && d.message.find(part) != std::string::npos && d.file == "in.json")
      return true;
  INFO("looked for " << pointer << ": " << part);
  for (const auto& d : ds) INFO(d.pointer << ": " << d.message);
  return false;
}

}  // namespace

TEST_CASE("matrices as arrays of rows, one row, or the inline syntax, with fractions") {
  const json j = json::parse(R"({
    "x": [[1, 0], [0, 1]], "wq": "1 0; 0 1", "wk": [["1/2", 0], [0, 1]], "wv": [[1, 2], [3, 4]],
    "bq": [1, -1], "mask": "causal", "scale": "1/4", "heads": 2, "tokens": "a b",
    "description": "ignored"})");
  const Problem p = problem_from_json(j, "in.json");
  CHECK(max_diff(*p.x, M({{1, 0}, {0, 1}})) == 0.0);
  CHECK(max_diff(*p.wq, M({{1, 0}, {0, 1}})) == 0.0);
  CHECK((*p.wk)(0, 0) == 0.5);
  CHECK(max_diff(*p.bq, M({{1, -1}})) == 0.0);
  CHECK(p.mask.kind == MaskKind::causal_top_left);
  CHECK(*p.scale == 0.25);
  CHECK(p.heads == 2);
  CHECK(p.tokens == std::vector<std::string>{"a", "b"});
}

TEST_CASE("masks: names, keep matrices with numbers or booleans, additive matrices") {
  json j = {{"q", "1 0; 0 1"}, {"k", "1 0; 0 1"}, {"v", "1; 2"}};
  j["mask"] = "causal-bottom-right";
  CHECK(problem_from_json(j, "in").mask.kind == MaskKind::causal_bottom_right);
  j["mask"] = json::parse("[[true, false], [true, true]]");
  Problem p = problem_from_json(j, "in");
  CHECK(p.mask.kind == MaskKind::keep);
  CHECK(max_diff(p.mask.matrix, M({{1, 0}, {1, 1}})) == 0.0);
  j["mask"] = "1 0; 1 1";
  CHECK(problem_from_json(j, "in").mask.kind == MaskKind::keep);
  j.erase("mask");
  j["additive_mask"] = "0 -1e9; 0 0";
  p = problem_from_json(j, "in");
  CHECK(p.mask.kind == MaskKind::additive);
  CHECK(p.mask.matrix(0, 1) == -1e9);
}

TEST_CASE("per-head weight matrices are placed side by side and set the number of heads") {
  const json j = json::parse(R"({"x": [[1, 2]],
    "wq": [[[1], [0]], [[0], [1]]], "wk": [[[1], [1]], [[2], [0]]], "wv": [[[1], [0]], [[0], [1]]]})");
  const Problem p = problem_from_json(j, "in");
  CHECK(p.heads == 2);
  CHECK(max_diff(*p.wq, M({{1, 0}, {0, 1}})) == 0.0);
  CHECK(max_diff(*p.wk, M({{1, 2}, {1, 0}})) == 0.0);
}

TEST_CASE("every problem in a file is reported, each with its key") {
  const json j = json::parse(R"({
    "x": [[1, 2], [3]], "wq": "1 x", "wk": 5, "wv": [[1], [2]], "heads": 1.5, "tokens": [1],
    "scale": "abc", "wQ": [[1]]})");
  const auto ds = diagnostics_of(j);
  CHECK(any_says(ds, "/x/1", "row 2 has 1 entries but row 1 has 2"));
  CHECK(any_says(ds, "/wq", "row 1, column 2"));
  CHECK(any_says(ds, "/wk", "expected a matrix"));
  CHECK(any_says(ds, "/heads", "whole number"));
  CHECK(any_says(ds, "/tokens/0", "expected a string"));
  CHECK(any_says(ds, "/scale", "not a number"));
  CHECK(any_says(ds, "/wQ", "unknown key 'wQ'"));
  CHECK(ds.size() == 7);
}

TEST_CASE("shape problems found by validation carry the key too") {
  const json j =
      json::parse(R"({"x": [[1, 2]], "wq": [[1], [0], [0]], "wk": [[1], [0]], "wv": [[1], [0]]})");
  CHECK(any_says(diagnostics_of(j), "/wq", "W_q needs one row per column of X (2 rows)"));
  CHECK(any_says(diagnostics_of(json::array()), "", "expected a JSON object"));
  CHECK(any_says(
      diagnostics_of(json::parse(R"({"q": [[1]], "k": [[1]], "v": [[1]], "mask": "1 0"})")),
      "/mask", "(1×1), but it is 1×2"));
  CHECK(
      any_says(diagnostics_of(json::parse(R"({"q": [[1]], "k": [[1]], "v": [[1]], "mask": "0"})")),
               "/mask", "hides every key from query row 1"));
  CHECK(any_says(
      diagnostics_of(json::parse(
          R"({"q": [[1]], "k": [[1]], "v": [[1]], "mask": "causal", "additive_mask": "0"})")),
      "/mask", "not both"));
}

TEST_CASE("problem_to_json round-trips every double exactly") {
  Rng rng(8);
  Problem p = random_problem(rng, 5, 4, 2);
  p.mask.kind = MaskKind::causal_bottom_right;
  p.scale = 0.1;
  p.tokens = {"a", "b", "c", "d", "e"};
  p.bv = M({{0.1, 0.2, 1.0 / 3, -2e-300}});
  const json j = json::parse(problem_to_json(p).dump());
  const Problem back = problem_from_json(j, "round trip");
  CHECK(max_diff(*back.x, *p.x) == 0.0);
  CHECK(max_diff(*back.wo, *p.wo) == 0.0);
  CHECK(max_diff(*back.bv, *p.bv) == 0.0);
  CHECK(back.mask.kind == p.mask.kind);
  CHECK(*back.scale == 0.1);
  CHECK(back.heads == 2);
  CHECK(back.tokens == p.tokens);
  CHECK(max_diff(run(back).output(), run(p).output()) == 0.0);
}

TEST_CASE("parse_mask reads names and keep matrices and refuses other values") {
  CHECK(parse_mask("causal", "--mask").kind == MaskKind::causal_top_left);
  CHECK(parse_mask("causal-top-left", "--mask").kind == MaskKind::causal_top_left);
  CHECK(parse_mask("none", "--mask").kind == MaskKind::none);
  CHECK(parse_mask("1 0; 1 1", "--mask").matrix(0, 1) == 0.0);
  CHECK_THROWS_WITH_AS(parse_mask("1 2", "--mask"),
                       doctest::Contains("--mask: a keep mask holds 1"), Error);
  CHECK_THROWS_WITH_AS(
      parse_mask("casual", "--mask"),
      doctest::Contains("--mask: 'casual' is not a mask; did you mean 'causal'? Use none, causal"),
      Error);
  CHECK_THROWS_WITH_AS(parse_mask("zigzag", "--mask"),
                       doctest::Contains("--mask: 'zigzag' is not a mask; use none, causal"),
                       Error);
  CHECK(mask_word_problem("causal-bottom-right").empty());
  CHECK(mask_word_problem("1 0; 1 1").empty());  // a matrix: parse_mask checks it
  CHECK(any_says(
      diagnostics_of(json::parse(R"({"q": [[1]], "k": [[1]], "v": [[1]], "mask": "casual"})")),
      "/mask", "'casual' is not a mask; did you mean 'causal'?"));
}
