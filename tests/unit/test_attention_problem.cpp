// Every way a problem can be wrong is an Error(Exit::data) whose message names the matrices and
// their shapes (or the row the mask empties); validation reports all problems at once.
#include <doctest/doctest.h>

#include <limits>

#include "attention/engine.hpp"
#include "attention/steps.hpp"
#include "core/error.hpp"
#include "support/attention_test_util.hpp"

using namespace qkv;
using namespace qkv::attention;
using attn_test::M;

namespace {

Problem good() {
  Problem p;
  p.x = M({{1, 0, 1, 0}, {0, 2, 0, 2}, {1, 1, 1, 1}});
  p.wq = M({{1, 0}, {0, 1}, {1, 0}, {0, 1}});
  p.wk = M({{0, 1}, {1, 0}, {0, 1}, {1, 0}});
  p.wv = M({{1, 2}, {0, 1}, {1, 0}, {2, 1}});
  return p;
}

// All messages of the Error that run() throws ("" joined), or "no error".
std::string errors_of(const Problem& p, const Options& o = {}) {
  try {
    run(p, o);
  } catch (const Error& e) {
    CHECK(e.code() == Exit::data);
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.message + "\n";
    return all;
  }
  return "no error";
}

bool has(const std::string& text, const std::string& part) {
  INFO(text);
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the good problem is accepted") {
  CHECK(errors_of(good()) == "no error");
}

TEST_CASE("W rows that do not match the columns of X name both shapes") {
  Problem p = good();
  p.wq = M({{1, 0}, {0, 1}, {1, 0}});
  const auto e = errors_of(p);
  CHECK(has(e, "W_q needs one row per column of X (4 rows)"));
  CHECK(has(e, "X (3×4)"));
  CHECK(has(e, "W_q (3×2)"));
}

TEST_CASE("Q and K of different widths are refused, for projections and for given matrices") {
  Problem p = good();
  p.wk = M({{0, 1, 1}, {1, 0, 1}, {0, 1, 1}, {1, 0, 1}});
  CHECK(has(errors_of(p), "W_q (4×2), W_k (4×3)"));

  Problem d;
  d.q = M({{1, 0}});
  d.k = M({{1, 0, 1}});
  d.v = M({{1}});
  CHECK(has(errors_of(d), "Q (1×2), K (1×3)"));
}

TEST_CASE("K and V with different numbers of rows are refused") {
  Problem d;
  d.q = M({{1, 0}});
  d.k = M({{1, 0}, {0, 1}});
  d.v = M({{1}});
  CHECK(has(errors_of(d), "K (2×2), V (1×1)"));
}

TEST_CASE("heads that do not divide the width are refused") {
  Problem p = good();
  p.heads = 3;
  CHECK(has(errors_of(p), "3 heads do not divide the 2 columns of Q and K"));
  p.heads = 0;
  CHECK(has(errors_of(p), "heads must be at least 1"));
}

TEST_CASE("non-finite entries are refused with their position") {
  Problem p = good();
  (*p.x)(1, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK(has(errors_of(p), "X has a value that is not a finite number at row 2, column 3"));
  p = good();
  (*p.wv)(0, 0) = std::numeric_limits<double>::infinity();
  CHECK(has(errors_of(p), "W_v has a value that is not a finite number at row 1, column 1"));
}

TEST_CASE("missing and conflicting inputs are named") {
  Problem p = good();
  p.wk.reset();
  CHECK(has(errors_of(p), "W_k is missing"));
  p = good();
  p.q = M({{1, 2}});
  CHECK(has(errors_of(p), "not both"));
  CHECK(has(errors_of(Problem{}), "nothing to compute"));
  Problem d;
  d.q = M({{1}});
  CHECK(has(errors_of(d), "K is missing"));
  CHECK(has(errors_of(d), "V is missing"));
}

TEST_CASE("biases of the wrong shape and W_o of the wrong height are refused") {
  Problem p = good();
  p.bq = M({{1}, {2}});
  CHECK(has(errors_of(p), "b_q must be one row with one entry per column of W_q (1×2): b_q (2×1)"));
  p = good();
  p.wo = M({{1, 0, 0}});
  CHECK(has(errors_of(p), "so it needs 2 rows: W_o (1×3)"));
}

TEST_CASE("masks of the wrong shape or with values other than 0/1 are refused") {
  Problem p = good();
  p.mask = MaskSpec{MaskKind::keep, M({{1, 0}, {1, 1}})};
  CHECK(has(errors_of(p), "(3×3), but it is 2×2"));
  p.mask = MaskSpec{MaskKind::keep, M({{1, 0, 0}, {1, 0.5, 0}, {1, 1, 1}})};
  CHECK(has(errors_of(p), "row 2, column 2 is 0.5"));
}

TEST_CASE("a fully masked row is an error naming the row, never a row of NaN") {
  Problem p = good();
  p.mask = MaskSpec{MaskKind::keep, M({{1, 0, 0}, {0, 0, 0}, {1, 1, 1}})};
  CHECK(has(errors_of(p), "hides every key from query row 2"));

  // An additive row of finite entries, however negative, is added as PyTorch adds it (issue 11);
  // only a row that is entirely -inf leaves the query no key.
  p.mask = MaskSpec{MaskKind::additive, M({{0, 0, 0}, {0, 0, 0}, {-1e9, -1e9, -1e10}})};
  CHECK(errors_of(p) == "no error");
  const double inf = std::numeric_limits<double>::infinity();
  p.mask = MaskSpec{MaskKind::additive, M({{0, 0, 0}, {0, 0, 0}, {-inf, -inf, -inf}})};
  CHECK(has(errors_of(p), "every entry of row 3 of the additive mask is -inf"));

  Problem d;  // bottom-right causal with more queries than keys leaves the first rows empty
  d.q = M({{1}, {2}, {3}});
  d.k = M({{1}, {2}});
  d.v = M({{1}, {2}});
  d.mask.kind = MaskKind::causal_bottom_right;
  CHECK(has(errors_of(d),
            "query row 1 (a bottom-right causal mask with more queries (3) than keys (2)"));

  SUBCASE("the softmax step refuses a row of -inf by itself too") {
    const double inf = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH_AS(softmax(M({{0, 1}, {-inf, -inf}})), doctest::Contains("row 2"), Error);
  }
}

TEST_CASE("a wrong number of tokens is refused") {
  Problem p = good();
  p.tokens = {"a", "b"};
  CHECK(has(errors_of(p), "2 token labels but 3 tokens"));
}

TEST_CASE("validation collects every problem instead of stopping at the first") {
  Problem p = good();
  p.wq = M({{1, 0}});
  p.wv = M({{1, 0}});
  p.heads = 0;
  p.tokens = {"x"};
  const auto ds = validate(p);
  CHECK(ds.size() >= 4);
}

TEST_CASE("decoding refuses masks that a cache cannot compute") {
  Options o;
  o.decode = Decode::kv_cache;
  Problem p = good();
  p.mask = MaskSpec{MaskKind::keep, M({{1, 0, 0}, {1, 1, 0}, {1, 1, 1}})};
  CHECK(has(errors_of(p, o), "cannot be combined with a keep mask"));
  Problem d;
  d.q = M({{1}});
  d.k = M({{1}, {2}});
  d.v = M({{1}, {2}});
  d.mask.kind = MaskKind::causal_top_left;
  CHECK(has(errors_of(d, o), "use the mask causal-bottom-right"));
}

TEST_CASE("the step functions check shapes themselves") {
  CHECK_THROWS_WITH_AS(project(M({{1, 2}}), M({{1}}), std::nullopt, "Q"),
                       doctest::Contains("X is 1×2, W_q is 1×1"), Error);
  CHECK_THROWS_WITH_AS(scores(M({{1, 2}}), M({{1}})), doctest::Contains("Q is 1×2, K is 1×1"),
                       Error);
  CHECK_THROWS_WITH_AS(scores(M({{1, 2}}), M({{1, 2}}), KeyProduct::q_k),
                       doctest::Contains("Q's columns to match K's rows"), Error);
  CHECK_THROWS_WITH_AS(weighted_sum(M({{1, 0}}), M({{1}})), doctest::Contains("V is 1×1"), Error);
}

TEST_CASE("trace lookups name what is missing") {
  const Trace t = run(good());
  CHECK_THROWS_WITH_AS(t.step("masked"), doctest::Contains("its steps are: q, k, v, scores"),
                       Error);
  CHECK_THROWS_WITH_AS(trace_entry(t, "weights", 3, 0), doctest::Contains("is 3×3"), Error);
  CHECK(trace_entry(t, "scores", 0, 0) == t.step("scores").matrix(0, 0));
  CHECK(t.find("head1/weights") == nullptr);
}
