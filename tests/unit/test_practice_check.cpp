// qkv check's core: a worked solution judged step by step, later steps also against the learner's
// own earlier numbers (computed here with the naive reference), and the pipeline that recomputes
// steps from a learner's numbers agreeing with the engine for every mistake.
#include <doctest/doctest.h>

#include <cmath>

#include "attention/engine.hpp"
#include "practice/check.hpp"
#include "practice/generate.hpp"
#include "practice/pipeline.hpp"
#include "support/practice_naive.hpp"

using namespace qkv;
using namespace qkv::practice;
using attn_test::M;
using practice_test::Slip;

namespace {

attention::Problem small_problem(attention::MaskKind mask = attention::MaskKind::none) {
  attention::Problem p;
  p.x = M({{1, 0, 1}, {0, 2, 0}, {1, 1, 0}});
  p.wq = M({{1, 0}, {0, 1}, {1, 1}});
  p.wk = M({{0, 1}, {1, 0}, {1, 0}});
  p.wv = M({{1, 2}, {0, 1}, {2, 0}});
  p.mask.kind = mask;
  return p;
}

Matrix E(const naive::Mat& m) {
  return naive::to_eigen(m);
}

}  // namespace

TEST_CASE("check: a whole right solution is right at every step") {
  const auto p = small_problem(attention::MaskKind::causal_top_left);
  const auto s = practice_test::run(p, Slip::none);
  StepValues work;
  for (const char* id : {"q", "k", "v", "keep", "scores", "scaled", "masked", "weights", "output"})
    work[id] = E(s.at(id));
  const CheckReport r = check_work(p, work);
  CHECK(r.all_correct());
  REQUIRE(r.steps.size() == 9);
  CHECK(r.steps.front().id == "q");
  CHECK(r.steps.back().id == "output");
  for (const auto& c : r.steps) {
    CHECK(c.correct);
    CHECK(c.diagnosis.empty());
  }
}

TEST_CASE("check: one slip in the scores is counted once; later steps follow from it") {
  const auto p = small_problem();
  const auto right = practice_test::run(p, Slip::none);
  naive::Mat scores = right.at("scores");
  scores[1][2] += 2;  // the slip
  const naive::Mat scaled = naive::times(scores, 1.0L / std::sqrt(2.0L));
  const naive::Mat weights = naive::softmax_rows(scaled);
  const naive::Mat output = naive::matmul(weights, right.at("v"));
  const StepValues work = {
      {"scores", E(scores)}, {"scaled", E(scaled)}, {"weights", E(weights)}, {"output", E(output)}};
  const CheckReport r = check_work(p, work);
  CHECK_FALSE(r.all_correct());
  REQUIRE(r.first_wrong);
  CHECK(*r.first_wrong == "scores");
  REQUIRE(r.steps.size() == 4);
  CHECK(r.steps[0].diagnosis.names("arithmetic"));
  REQUIRE(r.steps[0].diagnosis.matches.front().off.size() == 1);
  CHECK(r.steps[0].diagnosis.matches.front().off[0].row == 1);
  CHECK(r.steps[0].diagnosis.matches.front().off[0].col == 2);
  for (std::size_t i = 1; i < 4; ++i) {
    CAPTURE(r.steps[i].id);
    CHECK_FALSE(r.steps[i].correct);
    REQUIRE(r.steps[i].consistent.has_value());
    CHECK(*r.steps[i].consistent);
    CHECK(r.steps[i].diagnosis.empty());
  }
}

TEST_CASE("check: a mistake applied to the learner's own numbers is named") {
  const auto p = small_problem();
  const auto right = practice_test::run(p, Slip::none);
  naive::Mat scores = right.at("scores");
  scores[0][0] += 1;  // a slip first
  // then the scores are not scaled at all: the learner's "scaled" is their scores
  const StepValues work = {{"scores", E(scores)}, {"scaled", E(scores)}};
  const CheckReport r = check_work(p, work);
  REQUIRE(r.steps.size() == 2);
  CHECK(r.steps[1].consistent == false);
  REQUIRE(r.steps[1].diagnosis.names("unscaled"));
  CHECK(r.steps[1].diagnosis.matches.front().basis == Basis::your_steps);
}

TEST_CASE("check: each mistake made from the start is named at the first step it changes") {
  const auto p = small_problem(attention::MaskKind::causal_top_left);
  const auto right = practice_test::run(p, Slip::none);
  for (const auto& entry : practice_test::kSlips) {
    const auto& [slip, id] = entry;
    const char* slip_id = entry.id;  // CAPTURE is a lambda; clang 14 cannot capture a binding
    CAPTURE(slip_id);
    practice_test::Steps mistaken;
    try {
      mistaken = practice_test::run(p, slip);
    } catch (const std::exception&) {
      continue;
    }
    StepValues work;
    for (const char* step :
         {"q", "k", "v", "keep", "scores", "scaled", "masked", "weights", "output"})
      if (mistaken.count(step)) work[step] = E(mistaken.at(step));
    const CheckReport r = check_work(p, work);
    REQUIRE(r.first_wrong);
    const auto first =
        std::find_if(r.steps.begin(), r.steps.end(), [](const StepCheck& c) { return !c.correct; });
    REQUIRE(first != r.steps.end());
    if (!first->shape_ok) continue;  // e.g. no-projection: Q = X has another width
    CAPTURE(first->id);
    CHECK(first->diagnosis.names(id));
  }
}

TEST_CASE("check: unknown steps and bad problems are refused with every problem listed") {
  const auto p = small_problem();
  CHECK_THROWS_AS(check_work(p, {{"scoers", Matrix::Zero(3, 3)}, {"weight", Matrix::Zero(3, 3)}}),
                  Error);
  try {
    check_work(p, {{"scoers", Matrix::Zero(3, 3)}, {"weight", Matrix::Zero(3, 3)}});
  } catch (const Error& e) {
    CHECK(e.code() == Exit::data);
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].message.find("did you mean 'scores'") != std::string::npos);
  }
}

TEST_CASE("check: a step of the wrong shape is wrong, and says so") {
  const auto p = small_problem();
  const CheckReport r = check_work(p, {{"scores", Matrix::Zero(2, 3)}});
  REQUIRE(r.steps.size() == 1);
  CHECK_FALSE(r.steps[0].shape_ok);
  CHECK_FALSE(r.steps[0].correct);
  CHECK(*r.first_wrong == "scores");
}

TEST_CASE("pipeline: recomputing from nothing agrees with the engine, for every mistake") {
  int compared = 0;
  for (Kind k : kKinds) {
    if (k == Kind::shapes) continue;
    for (int level = 1; level <= 3; ++level)
      for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const Exercise e = generate(k, level, seed);
        const Pipeline pipe = Pipeline::of(e);
        for (const auto& m : catalogue()) {
          if (!m.options) continue;
          std::vector<attention::Trace> traces;
          try {
            traces = solve(e, *m.options);
          } catch (const Error&) {
            continue;
          }
          const StepValues engine = values_of(traces.front());
          for (const auto& id : pipe.order()) {
            const auto it = engine.find(id);
            const auto mine = pipe.derive(id, {}, *m.options);
            if (it == engine.end()) continue;
            CAPTURE(kind_name(k));
            CAPTURE(level);
            CAPTURE(m.id);
            CAPTURE(id);
            REQUIRE(mine.has_value());
            CHECK(attn_test::max_diff(*mine, it->second) < 1e-12);
            ++compared;
          }
        }
      }
  }
  CHECK(compared > 500);
}
