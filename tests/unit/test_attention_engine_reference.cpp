// The engine against the naive long-double reference (naive_attention.hpp) on random problems:
// every step, every mask kind, several heads, biases, and decoding.
#include <doctest/doctest.h>

#include "attention/engine.hpp"
#include "attention/random_problem.hpp"
#include "core/rng.hpp"
#include "support/attention_test_util.hpp"

using namespace qkv;
using namespace qkv::attention;
using attn_test::to_naive;

namespace {

Matrix random_matrix(Rng& rng, int r, int c) {
  Matrix m(r, c);
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < c; ++j) m(i, j) = rng.normal();
  return m;
}

// Checks every step of one head against the reference head.
void compare_head(const Trace& t, const naive::Head& h, double tol) {
  CHECK(naive::max_abs_diff(t.step("q").matrix, h.q) <= tol);
  CHECK(naive::max_abs_diff(t.step("k").matrix, h.k) <= tol);
  CHECK(naive::max_abs_diff(t.step("v").matrix, h.v) <= tol);
  CHECK(naive::max_abs_diff(t.step("scores").matrix, h.scores) <= tol);
  CHECK(naive::max_abs_diff(t.step("scaled").matrix, h.scaled) <= tol);
  if (const Step* m = t.find("masked"))
    CHECK(naive::max_abs_diff(m->matrix, h.masked) <= tol * 1e9);
  CHECK(naive::max_abs_diff(t.step("weights").matrix, h.weights) <= tol);
  CHECK(naive::max_abs_diff(t.output(), h.output) <= tol);
}

void compare_all(const Problem& p, double tol = 1e-12) {
  const Trace t = run(p);
  const naive::Result r = naive::attention(to_naive(p));
  if (p.heads == 1 && !p.wo) {
    compare_head(t, r.heads[0], tol);
  } else {
    REQUIRE(t.heads.size() == r.heads.size());
    CHECK(naive::max_abs_diff(t.step("q").matrix, r.q) <= tol);
    for (std::size_t h = 0; h < r.heads.size(); ++h) {
      CAPTURE(h);
      compare_head(t.heads[h], r.heads[h], tol);
    }
    CHECK(naive::max_abs_diff(t.step("concat").matrix, r.concat) <= tol);
  }
  CHECK(naive::max_abs_diff(t.output(), r.output) <= tol);
}

}  // namespace

TEST_CASE("random problems agree with the naive reference for every mask kind") {
  Rng rng(20240611);
  for (int trial = 0; trial < 20; ++trial) {
    const int n = static_cast<int>(rng.uniform_int(1, 7));
    const int d = static_cast<int>(rng.uniform_int(1, 6));
    Problem p = random_problem(rng, n, d);
    CAPTURE(trial);
    CAPTURE(n);
    CAPTURE(d);
    // (Not SUBCASEs: doctest enters a subcase inside a loop only once.)
    compare_all(p);
    for (MaskKind kind : {MaskKind::causal_top_left, MaskKind::causal_bottom_right}) {
      CAPTURE(mask_kind_name(kind));
      Problem c = p;
      c.mask.kind = kind;
      compare_all(c);
    }
    {
      INFO("keep mask with the diagonal kept and random other entries");
      Matrix keep(n, n);
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
          keep(i, j) = i == j ? 1.0 : static_cast<double>(rng.uniform_int(0, 1));
      Problem c = p;
      c.mask = MaskSpec{MaskKind::keep, keep};
      compare_all(c);
    }
    {
      INFO("additive mask");
      Problem c = p;
      c.mask = MaskSpec{MaskKind::additive, random_matrix(rng, n, n)};
      compare_all(c);
    }
    {
      INFO("biases and a given scale");
      Problem c = p;
      c.bq = random_matrix(rng, 1, d);
      c.bk = random_matrix(rng, 1, d);
      c.bv = random_matrix(rng, 1, d);
      c.scale = rng.uniform01() * 2;
      compare_all(c);
    }
  }
}

TEST_CASE("Q, K, V given directly with fewer queries than keys agree with the reference") {
  Rng rng(7);
  for (int trial = 0; trial < 10; ++trial) {
    const int m = static_cast<int>(rng.uniform_int(2, 8));
    const int n = static_cast<int>(rng.uniform_int(1, m));
    Problem p;
    p.q = random_matrix(rng, n, 3);
    p.k = random_matrix(rng, m, 3);
    p.v = random_matrix(rng, m, 2);
    for (MaskKind kind :
         {MaskKind::none, MaskKind::causal_top_left, MaskKind::causal_bottom_right}) {
      p.mask.kind = kind;
      CAPTURE(mask_kind_name(kind));
      compare_all(p);
    }
  }
}

TEST_CASE("several heads, with and without W_o, agree with the reference") {
  Rng rng(99);
  for (int heads : {1, 2, 3, 4}) {
    for (int trial = 0; trial < 4; ++trial) {
      const int n = static_cast<int>(rng.uniform_int(1, 6));
      Problem p = random_problem(rng, n, heads * 2, heads);
      if (heads == 1) p.wo = random_matrix(rng, 2, 3);  // one head through the multi-head path
      if (trial % 2 == 1) p.wo.reset();
      p.mask.kind = trial < 2 ? MaskKind::causal_top_left : MaskKind::none;
      CAPTURE(heads);
      CAPTURE(trial);
      compare_all(p);
    }
  }
}

TEST_CASE("decoding with a KV cache agrees with the reference decoder") {
  Rng rng(5);
  for (int heads : {1, 2}) {
    const int n = 6;
    Problem p = random_problem(rng, n, 4, heads);
    Options o;
    o.decode = Decode::kv_cache;
    const Trace t = run(p, o);
    auto ref = naive::decode(to_naive(p));
    REQUIRE(t.decode.size() == ref.size());
    for (std::size_t pos = 0; pos < ref.size(); ++pos) {
      CAPTURE(pos);
      const auto& r = t.decode[pos];
      CHECK(static_cast<std::size_t>(r.cache_length) == ref[pos].cache_length);
      for (std::size_t j = 0; j < ref[pos].weights.size(); ++j)
        CHECK(std::abs(r.weights(static_cast<Eigen::Index>(j)) -
                       static_cast<double>(ref[pos].weights[j])) < 1e-13);
      for (std::size_t j = 0; j < ref[pos].output.size(); ++j)
        CHECK(std::abs(r.output(static_cast<Eigen::Index>(j)) -
                       static_cast<double>(ref[pos].output[j])) < 1e-12);
    }
  }
}
