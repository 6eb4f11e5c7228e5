// The engine at the edges of double precision (issue 11): weights that must be exactly 0 and do
// not depend on a row's position, overflow refused with the step and the entry, additive masks
// with −∞ and very negative finite entries computed as PyTorch does, the size limits and the
// memory estimate. Expected values come from the naive long-double reference or by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "attention/engine.hpp"
#include "attention/steps.hpp"
#include "core/error.hpp"
#include "support/attention_test_util.hpp"
#include "support/naive_attention.hpp"

using namespace qkv;
using namespace qkv::attention;
using attn_test::INF;
using attn_test::M;

namespace {

std::string error_of(const Problem& p, const Options& o = {}) {
  try {
    (void)run(p, o);
  } catch (const Error& e) {
    CHECK(e.code() == Exit::data);
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.message + "\n";
    return all.empty() ? e.what() : all;
  }
  return "";
}

// |a − b| at most `ulps` units in the last place of b (subnormals included, where a unit is the
// smallest subnormal): an absolute tolerance would pass any two tiny numbers.
bool within_ulps(double a, double b, int ulps) {
  const double unit = std::max(std::abs(b) * std::numeric_limits<double>::epsilon(),
                               std::numeric_limits<double>::denorm_min());
  return std::abs(a - b) <= ulps * unit;
}

}  // namespace

TEST_CASE("softmax: a score more than ~709 below the maximum gets exactly 0, in any position") {
  // n identical rows of scores {0, -d, -d - 1}: every row must get the same bits, for every n
  // (rows that fill a packet of the vectorised exp and rows left over).
  for (double d : {700.0, 708.5, 709.9, 720.0, 745.0, 746.0, 1000.0, 1e9})
    for (Eigen::Index n = 1; n <= 9; ++n) {
      CAPTURE(d);
      CAPTURE(n);
      Matrix s(n, 3);
      for (Eigen::Index i = 0; i < n; ++i) s.row(i) << 0.0, -d, -d - 1.0;
      const SoftmaxResult r = softmax(s);
      for (Eigen::Index i = 0; i < n; ++i) {
        CHECK(r.weights(i, 0) == r.weights(0, 0));
        CHECK(r.weights(i, 1) == r.weights(0, 1));
        CHECK(r.weights(i, 2) == r.weights(0, 2));
      }
      // The reference in long double, rounded to double: 0 past about 745, a subnormal or a
      // tiny normal number before.
      const long double e1 = std::exp(static_cast<long double>(-d));
      const long double e2 = std::exp(static_cast<long double>(-d - 1.0));
      const long double sum = 1.0L + e1 + e2;
      CHECK(within_ulps(r.weights(0, 1), static_cast<double>(e1 / sum), 4));
      CHECK(within_ulps(r.weights(0, 2), static_cast<double>(e2 / sum), 4));
      if (d >= 746.0) {
        CHECK(r.weights(0, 1) == 0.0);
        CHECK(r.weights(0, 2) == 0.0);
        CHECK(r.weights(0, 0) == 1.0);
      }
    }
}

TEST_CASE("softmax: identical rows get identical weights at every position, ordinary sizes too") {
  // Random-looking scores repeated in every row; the packet exp and a scalar exp can differ in
  // the last bit, which must not make rows differ.
  const Eigen::RowVectorXd row =
      (Eigen::RowVectorXd(7) << 0.3, -1.7, 2.25, 0.0, -0.5, 1.1, 3.3).finished();
  for (Eigen::Index n = 1; n <= 11; ++n) {
    Matrix s = row.replicate(n, 1);
    const SoftmaxResult r = softmax(s);
    for (Eigen::Index i = 1; i < n; ++i) CHECK(r.weights.row(i) == r.weights.row(0));
    const naive::Mat want = naive::softmax_rows(naive::from_eigen(s));
    CHECK(naive::max_abs_diff(r.weights, want) < 1e-15);
  }
}

TEST_CASE("the issue's example: identical rows, exact zeros, and 0 · 1e308 stays 0") {
  Problem p;
  p.q = M({{1}, {1}, {1}});
  p.k = M({{1000}, {0}, {0}});
  p.v = M({{0}, {1}, {1}});
  const Trace t = run(p);
  for (Eigen::Index i = 0; i < 3; ++i) {
    CHECK(t.weights()(i, 0) == 1.0);
    CHECK(t.weights()(i, 1) == 0.0);
    CHECK(t.weights()(i, 2) == 0.0);
    CHECK(t.output()(i, 0) == 0.0);
  }
  p.k = M({{1000}, {0}});
  p.v = M({{0}, {1e308}});
  const Trace big = run(p);
  for (Eigen::Index i = 0; i < 3; ++i) CHECK(big.output()(i, 0) == 0.0);
}

TEST_CASE("additive masks: -inf hides a key exactly as a keep mask does; -1e9 leaves exactly 0") {
  Problem p;
  p.q = M({{1, 0}, {0, 1}});
  p.k = M({{1, 0}, {0, 1}});
  p.v = M({{1, 2}, {3, 4}});
  p.mask = MaskSpec{MaskKind::additive, M({{0, -INF}, {0, 0}})};
  const Trace a = run(p);
  Problem keep = p;
  keep.mask = MaskSpec{MaskKind::keep, M({{1, 0}, {1, 1}})};
  const Trace b = run(keep);
  CHECK(a.weights() == b.weights());
  CHECK(a.output() == b.output());
  p.mask.matrix = M({{0, -1e9}, {0, 0}});
  const Trace c = run(p);
  CHECK(c.weights()(0, 1) == 0.0);
  CHECK(c.weights() == b.weights());
  // A row entirely of a finite -1e9 is added as PyTorch adds it: the same weights as no mask.
  p.mask.matrix = M({{-1e9, -1e9}, {0, 0}});
  Problem none = p;
  none.mask = {};
  CHECK(attn_test::max_diff(run(p).weights(), run(none).weights()) < 1e-7);
  // Only a row entirely -inf is refused, and it is named.
  p.mask.matrix = M({{0, 0}, {-INF, -INF}});
  const std::string e = error_of(p);
  CHECK(e.find("every entry of row 2 of the additive mask is -inf") != std::string::npos);
  p.mask.matrix = M({{0, std::nan("")}, {0, 0}});
  CHECK(error_of(p).find("the additive mask is NaN at row 1, column 2") != std::string::npos);
  p.mask.matrix = M({{0, INF}, {0, 0}});
  CHECK(error_of(p).find("the additive mask is +inf at row 1, column 2") != std::string::npos);
}

TEST_CASE("additive masks with -inf: the masked step and the mistakes that treat masked keys") {
  Problem p;
  p.q = M({{1, 0}, {0, 1}});
  p.k = M({{1, 0}, {0, 1}});
  p.v = M({{1, 2}, {3, 4}});
  p.mask = MaskSpec{MaskKind::additive, M({{0, -INF}, {0, 0}})};
  const naive::Input in = attn_test::to_naive(p);
  const naive::Result want = naive::attention(in);
  const Trace t = run(p);
  CHECK(naive::max_abs_diff(t.weights(), want.heads[0].weights) < 1e-15);
  CHECK(t.step("masked").matrix(0, 1) == -INF);
  Options zero;
  zero.mask_fill = MaskFill::zero;  // the mistake: the masked score becomes 0 and gets weight
  const Trace z = run(p, zero);
  CHECK(z.step("masked").matrix(0, 1) == 0.0);
  CHECK(z.weights()(0, 1) > 0.0);
}

TEST_CASE("overflow in any step is refused, naming the step, the entry and what overflowed") {
  Problem p;
  p.q = M({{1e200}});
  p.k = M({{1e200}, {1}});
  p.v = M({{1}, {2}});
  CHECK(error_of(p).find("step scores, row 1, column 1: the dot product of query 1 and key 1 "
                         "overflowed to +inf") != std::string::npos);
  p.q = M({{2}});
  p.k = M({{1}, {1}});
  p.scale = 1e308;
  CHECK(error_of(p).find("step scaled, row 1, column 1: the score 2 times the scale 1e+308 "
                         "overflowed to +inf") != std::string::npos);
  p.scale.reset();
  p.v = M({{1e308}, {-1e308}});
  p.k = M({{1}, {1}});
  // Weights 1/2 and 1/2: 5e307 − 5e307 = 0, no overflow.
  CHECK(run(p).output()(0, 0) == 0.0);
  p.v = M({{1.5e308}, {1.5e308}});
  p.k = M({{1}, {1}});
  CHECK(run(p).output()(0, 0) == 1.5e308);  // 0.75e308 + 0.75e308 fits

  Problem x;
  x.x = M({{1e200, 1}});
  x.wq = M({{1e200}, {0}});
  x.wk = M({{1}, {0}});
  x.wv = M({{1}, {0}});
  CHECK(error_of(x).find("step q, row 1, column 1: row 1 of X times column 1 of W_q (the "
                         "projection Q = X·W_q) overflowed to +inf") != std::string::npos);

  Problem heads;
  heads.q = M({{1, 1e200}});
  heads.k = M({{1, 1e200}});
  heads.v = M({{1, 1}});
  heads.heads = 2;
  CHECK(error_of(heads).find("step head2/scores, row 1, column 1") != std::string::npos);

  Problem wo;
  wo.q = M({{1}});
  wo.k = M({{1}});
  wo.v = M({{1e300}});
  wo.wo = M({{1e300}});
  CHECK(error_of(wo).find("step output, row 1, column 1: row 1 of the concatenated heads times "
                          "column 1 of W_o overflowed to +inf") != std::string::npos);

  // The mistakes are computed the same way: an overflow there throws too (callers skip it).
  Problem big;
  big.q = M({{1e154, 1e154}});
  big.k = M({{1e154, 1e154}});
  big.v = M({{1}});
  CHECK(error_of(big).find("step scores") != std::string::npos);
}

TEST_CASE("require_finite accepts the mask's −∞ only where the mask put it") {
  const Matrix m = M({{1, -INF}, {-INF, 2}});
  CHECK_NOTHROW(require_finite(
      m, "masked", [](Eigen::Index, Eigen::Index) { return std::string("x"); },
      [](Eigen::Index i, Eigen::Index j) { return i != j; }));
  CHECK_THROWS_AS(require_finite(
                      m, "masked", [](Eigen::Index, Eigen::Index) { return std::string("x"); },
                      [](Eigen::Index i, Eigen::Index) { return i == 0; }),
                  Error);
  const Matrix nan = M({{1, std::nan("")}});
  try {
    require_finite(nan, "weights", [](Eigen::Index, Eigen::Index) { return std::string("w"); });
    FAIL("nan accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("step weights, row 1, column 2: w is not a number (nan)") !=
          std::string::npos);
  }
}

TEST_CASE("problems past the size limits are refused by validate, naming the key") {
  Problem p;
  p.q = Matrix::Ones(1, 2);
  p.k = Matrix::Ones(kMaxTokens + 1, 2);
  p.v = Matrix::Ones(kMaxTokens + 1, 1);
  const auto ds = validate(p, "in.json");
  REQUIRE(ds.size() >= 1);
  CHECK(ds.front().pointer == "/k");
  CHECK(ds.front().message ==
        "K has 8193 rows; qkv computes with at most 8192 tokens (queries or keys)");
  Problem w;
  w.q = Matrix::Ones(1, kMaxWidth + 1);
  w.k = Matrix::Ones(1, kMaxWidth + 1);
  w.v = Matrix::Ones(1, 1);
  CHECK(validate(w).front().message ==
        "Q has 4097 columns; qkv computes with widths (d_model, d_k, d_v, d_out) up to 4096");
  Problem ok;
  ok.q = Matrix::Ones(1, 2);
  ok.k = Matrix::Ones(kMaxTokens, 2);
  ok.v = Matrix::Ones(kMaxTokens, 1);
  CHECK(validate(ok).empty());
}

TEST_CASE("memory_needed: the n×m matrices of every head, by hand") {
  Problem p;
  p.q = Matrix::Ones(1000, 4);
  p.k = Matrix::Ones(2000, 4);
  p.v = Matrix::Ones(2000, 4);
  // scores, scaled, weights: 3 × 1000 × 2000 doubles = 48 MB, plus the n×d matrices: twice
  // (1000 + 2000) rows × (3·4 + 3·4 + 4) columns × 8 bytes = 1.344 MB.
  const std::size_t one = memory_needed(p);
  CHECK(one == 48'000'000u + 1'344'000u);
  p.mask = MaskSpec{MaskKind::causal_bottom_right, {}};
  // a masked step (16 MB) and the keep mask (2 MB) more
  CHECK(memory_needed(p) - one >= 18'000'000u);
  p.mask = {};
  p.heads = 4;
  // four heads' steps (192 MB) and their mean weights (16 MB)
  CHECK(memory_needed(p) == 208'000'000u + 1'344'000u);
}
