// Generators: reproducible from the seed, answers equal to the naive reference (not the engine),
// numbers small enough for hand work, sizes that grow with the level.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "attention/problem_json.hpp"
#include "practice/generate.hpp"
#include "support/practice_naive.hpp"

using namespace qkv;
using namespace qkv::practice;
using practice_test::Slip;

namespace {

constexpr std::uint64_t kSeeds[] = {1, 2, 3, 42, 1234567, 987654321987ull};

std::string dump(const Exercise& e) {
  std::string s = e.title + "|" + e.intro + "|";
  for (const auto& g : e.givens) {
    std::ostringstream m;
    m << g.matrix;
    s += g.name + "=" + m.str() + ";";
  }
  for (const auto& p : e.problems) s += attention::problem_to_json(p).dump();
  for (const auto& p : e.parts) {
    std::ostringstream m;
    m << p.answer;
    s += p.label + p.question + m.str();
  }
  for (const auto& m : e.mistakes) s += m + ",";
  return s;
}

// Every entry a multiple of 0.1 and at most 3 in size (identity matrices included).
bool hand_sized(const Matrix& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const double v = m(i, j);
      if (std::abs(v) > 3.0 + 1e-12) return false;
      if (std::abs(v * 10 - std::round(v * 10)) > 1e-9) return false;
    }
  return true;
}

// The numbers to read plus the numbers to write.
std::size_t work_size(const Exercise& e) {
  std::size_t n = static_cast<std::size_t>(e.weights.size());
  for (const auto& p : e.parts) n += static_cast<std::size_t>(p.answer.size());
  for (const auto& p : e.problems)
    for (const auto* m : {&p.x, &p.wq, &p.wk, &p.wv, &p.q, &p.k, &p.v, &p.wo, &p.bq, &p.bk, &p.bv})
      if (*m) n += static_cast<std::size_t>((*m)->size());
  return n;
}

}  // namespace

TEST_CASE("every kind and level is reproducible from its seed and varies with it") {
  for (Kind k : kKinds)
    for (int level = 1; level <= 3; ++level) {
      CAPTURE(kind_name(k));
      CAPTURE(level);
      std::set<std::string> seen;
      for (auto seed : kSeeds) {
        const Exercise a = generate(k, level, seed);
        const Exercise b = generate(k, level, seed);
        CHECK(dump(a) == dump(b));
        CHECK(a.seed == seed);
        CHECK(a.kind == k);
        CHECK(a.level == level);
        seen.insert(dump(a));
      }
      CHECK(seen.size() >= 4);  // different seeds, different numbers
    }
}

TEST_CASE("part_labels are the parts every seed gives for a kind and level") {
  for (Kind k : kKinds)
    for (int level = 1; level <= 3; ++level) {
      CAPTURE(kind_name(k));
      CAPTURE(level);
      const std::vector<std::string>& labels = part_labels(k, level);
      CHECK(!labels.empty());
      for (auto seed : kSeeds) {
        std::vector<std::string> got;
        for (const auto& p : generate(k, level, seed).parts) got.push_back(p.label);
        CHECK(got == labels);
      }
    }
}

TEST_CASE("every answer equals the naive reference computed from the exercise's inputs") {
  for (Kind k : kKinds)
    for (int level = 1; level <= 3; ++level)
      for (auto seed : kSeeds) {
        const Exercise e = generate(k, level, seed);
        CAPTURE(kind_name(k));
        CAPTURE(level);
        CAPTURE(seed);
        REQUIRE(!e.parts.empty());
        const auto naive_runs = practice_test::run(e, Slip::none);
        for (const auto& p : e.parts) {
          CAPTURE(p.label);
          const Matrix want = practice_test::read(p, naive_runs);
          attn_test::expect_matrix("answer", p.answer, want, 1e-9);
          CHECK(!p.steps.empty());
        }
      }
}

TEST_CASE("the numbers given are small integers or have one decimal, and none is degenerate") {
  for (Kind k : kKinds)
    for (int level = 1; level <= 3; ++level)
      for (auto seed : kSeeds) {
        const Exercise e = generate(k, level, seed);
        CAPTURE(kind_name(k));
        CAPTURE(level);
        for (const auto& p : e.problems)
          for (const auto* m :
               {&p.x, &p.wq, &p.wk, &p.wv, &p.q, &p.k, &p.v, &p.wo, &p.bq, &p.bk, &p.bv})
            if (*m) CHECK(hand_sized(**m));
        if (e.start == Start::weights) {
          CHECK(hand_sized(e.weights));
          CHECK((e.weights.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
        }
        CHECK(e.tolerance.value <= 0.01);
        for (const auto& g : e.givens)
          for (Eigen::Index i = 0; i < g.matrix.rows(); ++i)
            CHECK_FALSE(g.matrix.row(i).isZero(0.0));
        for (const auto& p : e.parts) CHECK_FALSE(p.answer.isZero(0.0));
      }
}

TEST_CASE("exercises grow with the level") {
  for (Kind k : kKinds) {
    if (k == Kind::shapes) continue;  // sizes are drawn; the level changes the question instead
    CAPTURE(kind_name(k));
    for (auto seed : kSeeds) {
      const std::size_t l1 = work_size(generate(k, 1, seed));
      const std::size_t l3 = work_size(generate(k, 3, seed));
      CHECK(l1 < l3);
    }
  }
  // Shapes: one head, then several heads with W_o, then three sequence lengths.
  CHECK(generate(Kind::shapes, 1, 5).problems.front().heads == 1);
  CHECK(generate(Kind::shapes, 2, 5).problems.front().heads > 1);
  CHECK(generate(Kind::shapes, 3, 5).problems.size() == 3);
}

TEST_CASE("the main mistakes of each kind can be told apart from the right answer") {
  struct Want {
    Kind kind;
    int level;
    std::vector<std::string> mistakes;
  };
  const std::vector<Want> wants = {
      {Kind::score, 1, {"unscaled", "scaled-by-d"}},
      {Kind::score, 3, {"unscaled", "scaled-by-d", "no-transpose"}},
      {Kind::softmax, 3, {"unscaled", "scaled-by-d", "softmax-columns"}},
      {Kind::output, 1, {"keys-as-values"}},
      {Kind::attention, 2, {"unscaled", "scaled-by-d", "softmax-columns", "keys-as-values"}},
      {Kind::mask, 1, {"mask-after-softmax", "mask-to-zero", "causal-flipped"}},
      {Kind::mask, 2, {"unscaled", "mask-after-softmax", "mask-to-zero", "causal-flipped"}},
      {Kind::kv_cache, 2, {"unscaled", "causal-flipped"}},
      {Kind::multihead, 1, {"unscaled", "scaled-by-d", "scaled-by-dmodel"}},
  };
  for (const auto& w : wants)
    for (auto seed : kSeeds) {
      const Exercise e = generate(w.kind, w.level, seed);
      CAPTURE(kind_name(w.kind));
      CAPTURE(seed);
      for (const auto& m : w.mistakes) {
        CAPTURE(m);
        CHECK(std::find(e.mistakes.begin(), e.mistakes.end(), m) != e.mistakes.end());
      }
    }
}

TEST_CASE(
    "plan: the first exercise carries the session seed, kinds are dealt from a shuffled deck") {
  const auto a = plan(std::nullopt, 2, 12, 99);
  REQUIRE(a.size() == 12);
  CHECK(a[0].seed == 99);
  CHECK(a[1].seed != 99);
  std::set<Kind> first_nine;
  for (int i = 0; i < 9; ++i) first_nine.insert(a[static_cast<std::size_t>(i)].kind);
  CHECK(first_nine.size() == 9);  // every kind once before any repeats
  for (const auto& p : a) CHECK(p.level == 2);
  const auto b = plan(std::nullopt, 2, 12, 99);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].seed == b[i].seed);
    CHECK(a[i].kind == b[i].kind);
  }
  for (const auto& p : plan(Kind::mask, 1, 4, 5)) CHECK(p.kind == Kind::mask);
  // An exercise's printed seed replays it alone.
  CHECK(dump(generate(a[3].kind, 2, a[3].seed)) ==
        dump(generate(plan(a[3].kind, 2, 1, a[3].seed)[0].kind, 2, a[3].seed)));
}

TEST_CASE("levels outside 1..3 are refused") {
  CHECK_THROWS_AS(generate(Kind::score, 0, 1), Error);
  CHECK_THROWS_AS(generate(Kind::score, 4, 1), Error);
}

TEST_CASE("kind names round-trip") {
  for (Kind k : kKinds) CHECK(parse_kind(kind_name(k)) == k);
  CHECK(parse_kind("kv_cache") == Kind::kv_cache);
  CHECK_FALSE(parse_kind("attn").has_value());
}
