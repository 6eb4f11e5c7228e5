// Properties that must hold for any input, checked on random problems from a seeded Rng.
#include <doctest/doctest.h>

#include <numeric>

#include "attention/engine.hpp"
#include "attention/random_problem.hpp"
#include "core/rng.hpp"
#include "support/attention_test_util.hpp"

using namespace qkv;
using namespace qkv::attention;
using attn_test::max_diff;

namespace {

Matrix random_matrix(Rng& rng, int r, int c, double sd = 1.0) {
  Matrix m(r, c);
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < c; ++j) m(i, j) = sd * rng.normal();
  return m;
}

Problem random_qkv(Rng& rng, int n, int m, int dk, int dv) {
  Problem p;
  p.q = random_matrix(rng, n, dk, 2.0);
  p.k = random_matrix(rng, m, dk, 2.0);
  p.v = random_matrix(rng, m, dv);
  return p;
}

}  // namespace

TEST_CASE("weight rows are non-negative and sum to 1, whatever the mask") {
  Rng rng(1);
  for (int trial = 0; trial < 30; ++trial) {
    const int n = static_cast<int>(rng.uniform_int(1, 9));
    Problem p = random_qkv(rng, n, n, 3, 2);
    p.mask.kind = static_cast<MaskKind>(trial % 3);  // none, causal top-left, bottom-right
    const Matrix w = run(p).step("weights").matrix;
    CHECK(w.minCoeff() >= 0.0);
    CHECK((w.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-14);
  }
}

TEST_CASE("large scores do not overflow: the softmax subtracts the row maximum") {
  Problem p;
  p.q = attn_test::M({{1000, 0}, {-1000, 1}});
  p.k = attn_test::M({{1000, 0}, {999, 0}});
  p.v = attn_test::M({{1, 0}, {0, 1}});
  p.scale = 1.0;
  const Trace t = run(p);
  const Matrix& w = t.step("weights").matrix;
  CHECK(w.allFinite());
  CHECK(w(0, 0) == doctest::Approx(1.0));  // e^(1e6 - 999000) dominates
  CHECK(t.softmax[0].max == 1e6);
  CHECK(t.softmax[0].sum_exp == doctest::Approx(1.0));
}

TEST_CASE("permuting keys and values together leaves the output unchanged") {
  Rng rng(2);
  for (int trial = 0; trial < 20; ++trial) {
    const int n = static_cast<int>(rng.uniform_int(1, 6));
    const int m = static_cast<int>(rng.uniform_int(1, 8));
    Problem p = random_qkv(rng, n, m, 4, 3);
    std::vector<int> perm(static_cast<std::size_t>(m));
    std::iota(perm.begin(), perm.end(), 0);
    rng.shuffle(perm);
    Problem q = p;
    for (int j = 0; j < m; ++j) {
      q.k->row(j) = p.k->row(perm[static_cast<std::size_t>(j)]);
      q.v->row(j) = p.v->row(perm[static_cast<std::size_t>(j)]);
    }
    const Trace a = run(p), b = run(q);
    CHECK(max_diff(a.output(), b.output()) < 1e-13);
    // The weights move with their keys.
    for (int j = 0; j < m; ++j)
      CHECK((a.step("weights").matrix.col(perm[static_cast<std::size_t>(j)]) -
             b.step("weights").matrix.col(j))
                .cwiseAbs()
                .maxCoeff() < 1e-15);
  }
}

TEST_CASE("with a causal mask, changing later tokens never changes earlier outputs") {
  Rng rng(3);
  for (int trial = 0; trial < 20; ++trial) {
    const int n = static_cast<int>(rng.uniform_int(2, 8));
    Problem p = random_problem(rng, n, 4);
    p.mask.kind = MaskKind::causal_top_left;
    const int first_changed = static_cast<int>(rng.uniform_int(1, n - 1));
    Problem q = p;
    for (int i = first_changed; i < n; ++i) q.x->row(i) = random_matrix(rng, 1, 4);
    const Trace a = run(p), b = run(q);
    CHECK(max_diff(a.output().topRows(first_changed), b.output().topRows(first_changed)) == 0.0);
    // ... and that the test can notice a change: the changed rows do differ.
    CHECK(max_diff(a.output().bottomRows(n - first_changed),
                   b.output().bottomRows(n - first_changed)) > 0.0);
  }
}

TEST_CASE("decoding with the cache equals full causal attention row by row") {
  Rng rng(4);
  for (int trial = 0; trial < 12; ++trial) {
    const int heads = trial % 3 + 1;
    const int n = static_cast<int>(rng.uniform_int(1, 10));
    Problem p = random_problem(rng, n, 2 * heads, heads);
    p.mask.kind = MaskKind::causal_top_left;
    Options o;
    o.decode = Decode::kv_cache;
    const Trace t = run(p, o);
    const Matrix w = t.weights();
    REQUIRE(static_cast<int>(t.decode.size()) == n);
    for (const auto& r : t.decode) {
      CHECK(r.cache_length == r.position + 1);
      CHECK((r.output - t.output().row(r.position)).cwiseAbs().maxCoeff() < 1e-13);
      CHECK((r.weights - w.row(r.position).head(r.cache_length)).cwiseAbs().maxCoeff() < 1e-14);
      CHECK(r.output_difference < 1e-13);
      CHECK(r.weights_difference < 1e-14);
    }
  }
}

TEST_CASE("one head through the multi-head path equals the single-head path") {
  Rng rng(5);
  for (int trial = 0; trial < 10; ++trial) {
    const int n = static_cast<int>(rng.uniform_int(1, 7));
    Problem p = random_problem(rng, n, 3);
    p.mask.kind = trial % 2 ? MaskKind::causal_top_left : MaskKind::none;
    const Trace single = run(p);
    const Trace multi = run_heads(p);
    REQUIRE(multi.heads.size() == 1);
    CHECK(single.heads.empty());
    CHECK(max_diff(single.output(), multi.output()) == 0.0);
    CHECK(max_diff(single.step("weights").matrix, multi.heads[0].step("weights").matrix) == 0.0);
    CHECK(max_diff(single.weights(), multi.weights()) == 0.0);
  }
}

TEST_CASE("scaling Q by s equals scaling the scores by s") {
  Rng rng(6);
  for (int trial = 0; trial < 15; ++trial) {
    const int n = static_cast<int>(rng.uniform_int(1, 6));
    Problem p = random_qkv(rng, n, n, 3, 2);
    p.mask.kind = trial % 2 ? MaskKind::causal_top_left : MaskKind::none;
    const double s = 0.25 + 3 * rng.uniform01();
    const double default_scale = 1.0 / std::sqrt(3.0);
    Problem scaled_q = p;
    *scaled_q.q *= s;
    Problem scaled_scores = p;
    scaled_scores.scale = s * default_scale;
    const Trace a = run(scaled_q), b = run(scaled_scores);
    CHECK(max_diff(a.step("scaled").matrix, b.step("scaled").matrix) < 1e-12);
    CHECK(max_diff(a.step("weights").matrix, b.step("weights").matrix) < 1e-13);
    CHECK(max_diff(a.output(), b.output()) < 1e-13);
  }
}

TEST_CASE("the same seed gives the same random problem, another seed another one") {
  Rng a(42), b(42), c(43);
  const Problem pa = random_problem(a, 5, 4, 2), pb = random_problem(b, 5, 4, 2),
                pc = random_problem(c, 5, 4, 2);
  CHECK(max_diff(*pa.x, *pb.x) == 0.0);
  CHECK(max_diff(*pa.wo, *pb.wo) == 0.0);
  CHECK(max_diff(*pa.x, *pc.x) > 0.0);
  CHECK(pa.heads == 2);
}
