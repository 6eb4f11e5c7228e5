// The Options that reproduce known mistakes (for the drills): each one gives what the naive
// reference computes when the same mistake is composed from its building blocks by hand.
#include <doctest/doctest.h>

#include "attention/engine.hpp"
#include "attention/random_problem.hpp"
#include "core/rng.hpp"
#include "support/attention_test_util.hpp"

using namespace qkv;
using namespace qkv::attention;
using attn_test::to_naive;

namespace {

struct Fixture {
  Problem p;
  naive::Result ref;  // the correct computation, for its Q, K, V and scores
  naive::Mat keep;    // causal top-left keep matrix as 1/0
  Fixture() {
    Rng rng(11);
    p = random_problem(rng, 4, 4);
    p.mask.kind = MaskKind::causal_top_left;
    ref = naive::attention(to_naive(p));
    keep = naive::zeros(4, 4);
    for (std::size_t i = 0; i < 4; ++i)
      for (std::size_t j = 0; j <= i; ++j) keep[i][j] = 1;
  }
  const naive::Head& h() const { return ref.heads[0]; }
};

naive::Mat masked_with(const naive::Mat& s, const naive::Mat& keep, naive::Real fill) {
  naive::Mat out = s;
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < out[i].size(); ++j)
      if (keep[i][j] == 0) out[i][j] = fill;
  return out;
}

void expect(const Matrix& got, const naive::Mat& want) {
  CHECK(naive::max_abs_diff(got, want) < 1e-12);
}

}  // namespace

TEST_CASE("the default options are the standard computation") {
  Fixture f;
  const Trace t = run(f.p);
  CHECK(is_standard(t.options));
  expect(t.output(), f.h().output);
}

TEST_CASE("mistakes in the scale") {
  Fixture f;
  Options o;
  SUBCASE("unscaled") {
    o.scale_rule = ScaleRule::none;
    const Trace t = run(f.p, o);
    CHECK(t.scale == 1.0);
    expect(t.step("weights").matrix, naive::softmax_rows(naive::apply_mask(
                                         f.h().scores, {naive::MaskKind::causal_top_left, {}})));
  }
  SUBCASE("scaled by d instead of sqrt(d)") {
    o.scale_rule = ScaleRule::by_d;
    CHECK(run(f.p, o).scale == 0.25);
  }
  SUBCASE("scaled by the model width instead of the head width") {
    Problem p = f.p;
    p.heads = 2;
    o.scale_rule = ScaleRule::by_sqrt_d_model;
    CHECK(run(p, o).scale == 0.5);                               // 1/sqrt(4)
    CHECK(run(p).scale == doctest::Approx(1 / std::sqrt(2.0)));  // right: 1/sqrt(2)
  }
  SUBCASE("a given scale is kept by the standard rule only") {
    Problem p = f.p;
    p.scale = 3.0;
    CHECK(run(p).scale == 3.0);
    o.scale_rule = ScaleRule::none;
    CHECK(run(p, o).scale == 1.0);
  }
}

TEST_CASE("softmax over columns normalises each column") {
  Fixture f;
  Options o;
  o.softmax_axis = SoftmaxAxis::columns;
  const Trace t = run(f.p, o);
  expect(t.step("weights").matrix,
         naive::transpose(naive::softmax_rows(naive::transpose(f.h().masked))));
  CHECK((t.step("weights").matrix.colwise().sum().array() - 1).abs().maxCoeff() < 1e-14);
}

TEST_CASE("masking after the softmax zeroes weights without renormalising") {
  Fixture f;
  Options o;
  o.mask_stage = MaskStage::after_softmax;
  const Trace t = run(f.p, o);
  CHECK(t.find("masked") == nullptr);
  expect(t.step("weights").matrix, masked_with(naive::softmax_rows(f.h().scaled), f.keep, 0));
  CHECK(t.step("weights").matrix.row(0).sum() < 1.0);
}

TEST_CASE("masking to zero instead of minus infinity") {
  Fixture f;
  Options o;
  o.mask_fill = MaskFill::zero;
  const Trace t = run(f.p, o);
  expect(t.step("masked").matrix, masked_with(f.h().scaled, f.keep, 0));
  expect(t.step("weights").matrix, naive::softmax_rows(masked_with(f.h().scaled, f.keep, 0)));
}

TEST_CASE("a flipped causal mask hides the past") {
  Fixture f;
  Options o;
  o.causal = CausalDirection::hide_past;
  const Trace t = run(f.p, o);
  naive::Mat upper = naive::transpose(f.keep);
  expect(t.step("weights").matrix,
         naive::softmax_rows(
             masked_with(f.h().scaled, upper, -std::numeric_limits<naive::Real>::infinity())));
}

TEST_CASE("no transpose: Q·K where the shapes allow it") {
  Fixture f;  // 4 tokens, d_k = 4: Q·K is defined
  Options o;
  o.product = KeyProduct::q_k;
  const Trace t = run(f.p, o);
  expect(t.step("scores").matrix, naive::matmul(f.h().q, f.h().k));
}

TEST_CASE("keys used as values") {
  Fixture f;
  Options o;
  o.values = ValueSource::k;
  expect(run(f.p, o).output(), naive::matmul(f.h().weights, f.h().k));
}

TEST_CASE("no projection: X used as Q, K and V") {
  Fixture f;
  Options o;
  o.projection = Projection::skip;
  const Trace t = run(f.p, o);
  naive::Input in;
  in.q = in.k = in.v = naive::from_eigen(*f.p.x);
  in.mask.kind = naive::MaskKind::causal_top_left;
  expect(t.output(), naive::attention(in).output);
  Problem direct;
  direct.q = direct.k = direct.v = *f.p.x;
  CHECK_THROWS_AS(run(direct, o), Error);  // needs X
}
