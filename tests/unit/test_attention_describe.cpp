// The plain explanations of the steps (attention/describe.cpp) name the last row's best key in
// the scores and in the weights. The numbers below are worked by hand from the definitions.
#include <doctest/doctest.h>

#include <string>

#include "attention/engine.hpp"
#include "support/attention_test_util.hpp"

using attn_test::M;
using qkv::attention::Problem;
using qkv::attention::run;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Three tokens, d_k = 2: the last query q = (1, 1) against the keys (1, 0), (0, 1), (2, 0).
Problem clear_winner() {
  Problem p;
  p.tokens = {"the", "cat", "sat"};
  p.q = M({{1, 0}, {0, 1}, {1, 1}});
  p.k = M({{1, 0}, {0, 1}, {2, 0}});
  p.v = M({{1, 0}, {0, 1}, {1, 1}});
  return p;
}

// The explanations of the scores and of the weights hold these sentences (entries shown with two
// decimals).
void check_explained(const Problem& p, const std::string& scores, const std::string& weights) {
  const auto t = run(p);
  CHECK_MESSAGE(contains(t.step("scores").explanation, scores), t.step("scores").explanation);
  CHECK_MESSAGE(contains(t.step("weights").explanation, weights), t.step("weights").explanation);
}

}  // namespace

TEST_CASE("describe: the scores and the weights name the key the last row prefers") {
  // Last row of S: (1,1)·(1,0) = 1, (1,1)·(0,1) = 1, (1,1)·(2,0) = 2. Scaled by 1/√2: 0.7071,
  // 0.7071, 1.4142; softmax: e^1.4142 / (2·e^0.7071 + e^1.4142) = 4.1133 / 8.1695 = 0.5035.
  check_explained(clear_winner(), "In the last row, \"sat\" matches \"sat\" best (2.00).",
                  "The last row, \"sat\", takes most from \"sat\" (0.50).");
}

TEST_CASE("describe: of keys that tie, the explanation names the first") {
  Problem p = clear_winner();
  // Last query (1, 0) against (1, 0), (1, 0), (0, 1): scores 1, 1, 0; weights
  // e^0.7071 / (2·e^0.7071 + 1) = 2.0281 / 5.0562 = 0.4011.
  p.k = M({{1, 0}, {1, 0}, {0, 1}});
  p.q = M({{0, 1}, {0, 1}, {1, 0}});
  check_explained(p, "In the last row, \"sat\" matches \"the\" best (1.00).",
                  "The last row, \"sat\", takes most from \"the\" (0.40).");
}

TEST_CASE("describe: without token names the rows are numbered") {
  Problem p = clear_winner();
  p.tokens.clear();
  const auto t = run(p);
  CHECK_MESSAGE(contains(t.step("scores").explanation, "In the last row, token 3 matches token 3"),
                t.step("scores").explanation);
}
