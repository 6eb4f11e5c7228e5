// Diagnosis: for every mistake in the catalogue, the numbers that mistake produces (computed with
// the naive reference and the mistake applied by hand) are diagnosed as that mistake; right
// answers (exact, or rounded to two decimals as a learner writes them) never are.
#include <doctest/doctest.h>

#include <cmath>

#include "practice/attempt.hpp"
#include "practice/diagnose.hpp"
#include "practice/generate.hpp"
#include "practice/mistakes.hpp"
#include "support/practice_naive.hpp"

using namespace qkv;
using namespace qkv::practice;
using practice_test::Slip;

namespace {

Matrix rounded(const Matrix& m, int decimals) {
  const double f = std::pow(10.0, decimals);
  Matrix r = m;
  for (Eigen::Index i = 0; i < r.rows(); ++i)
    for (Eigen::Index j = 0; j < r.cols(); ++j)
      if (std::isfinite(r(i, j))) r(i, j) = std::round(r(i, j) * f) / f;
  return r;
}

bool differs(const Matrix& a, const Matrix& b, double tol) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;  // cannot be typed: shape
  return attn_test::max_diff(a, b) > tol;
}

struct Where {
  Kind kind;
  int level;
};

// Exercises in which each mistake is worth making.
const std::vector<std::pair<Slip, std::vector<Where>>>& places() {
  static const std::vector<std::pair<Slip, std::vector<Where>>> p = {
      {Slip::unscaled,
       {{Kind::score, 1}, {Kind::softmax, 2}, {Kind::attention, 2}, {Kind::kv_cache, 1}}},
      {Slip::scaled_by_d,
       {{Kind::score, 2}, {Kind::softmax, 3}, {Kind::attention, 1}, {Kind::multihead, 1}}},
      {Slip::scaled_by_dmodel, {{Kind::multihead, 1}, {Kind::multihead, 2}, {Kind::multihead, 3}}},
      {Slip::softmax_columns, {{Kind::softmax, 3}, {Kind::attention, 1}, {Kind::mask, 1}}},
      {Slip::mask_after_softmax, {{Kind::mask, 1}, {Kind::mask, 2}, {Kind::mask, 3}}},
      {Slip::mask_to_zero, {{Kind::mask, 1}, {Kind::mask, 2}, {Kind::mask, 3}}},
      {Slip::causal_flipped, {{Kind::mask, 1}, {Kind::mask, 3}, {Kind::kv_cache, 2}}},
      {Slip::no_transpose, {{Kind::score, 2}, {Kind::score, 3}}},
      {Slip::keys_as_values, {{Kind::output, 1}, {Kind::output, 3}, {Kind::attention, 2}}},
      {Slip::no_projection, {{Kind::attention, 3}, {Kind::projection, 1}, {Kind::kv_cache, 3}}},
  };
  return p;
}

const char* id_of(Slip s) {
  for (const auto& n : practice_test::kSlips)
    if (n.slip == s) return n.id;
  return "?";
}

}  // namespace

TEST_CASE("each mistake's own numbers are diagnosed as that mistake") {
  for (const auto& [slip, where] : places()) {
    const std::string id = id_of(slip);
    CAPTURE(id);
    int diagnosed = 0;
    for (const auto& w : where)
      for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const Exercise e = generate(w.kind, w.level, seed);
        CAPTURE(kind_name(w.kind));
        CAPTURE(w.level);
        CAPTURE(seed);
        std::vector<practice_test::Steps> mistaken;
        try {
          mistaken = practice_test::run(e, slip);
        } catch (const std::exception&) {
          continue;  // the mistake cannot be made here (shapes)
        }
        const auto right = practice_test::run(e, Slip::none);
        // A learner who makes the mistake throughout: every part answered with its numbers,
        // until the first part where they differ from the right answer.
        Attempt a(e);
        for (const auto& p : e.parts) {
          Matrix wrong;
          try {
            wrong = practice_test::read(p, mistaken);
          } catch (const std::exception&) {
            break;
          }
          const Matrix good = practice_test::read(p, right);
          if (!differs(wrong, good, e.tolerance.value)) {
            if (wrong.rows() != good.rows() || wrong.cols() != good.cols()) break;
            a.answer(good);
            continue;
          }
          const PartResult& r = a.answer(wrong);
          CHECK_FALSE(r.correct);
          INFO("diagnosed as: " << (r.diagnosis.empty() ? "nothing"
                                                        : r.diagnosis.matches.front().mistake->id));
          CHECK(r.diagnosis.names(id));
          for (const auto& m : r.diagnosis.matches) CHECK_FALSE(m.partial);  // exact, not partial
          ++diagnosed;
          break;
        }
      }
    CHECK(diagnosed >= 5);  // the test is not vacuous
  }
}

TEST_CASE("a mistake's numbers rounded to two decimals are still that mistake") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const Exercise e = generate(Kind::mask, 1, seed);
    const auto mistaken = practice_test::run(e, Slip::mask_to_zero);
    Attempt a(e);
    a.answer(practice_test::read(e.parts[0], mistaken));  // the keep mask: unchanged by it
    const PartResult& r = a.answer(rounded(practice_test::read(e.parts[1], mistaken), 2));
    CHECK(r.diagnosis.names("mask-to-zero"));
  }
}

TEST_CASE("a right answer is never diagnosed, exact or rounded as a learner writes it") {
  int parts = 0;
  for (Kind k : kKinds)
    for (int level = 1; level <= 3; ++level)
      for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        const Exercise e = generate(k, level, seed);
        const auto right = practice_test::run(e, Slip::none);
        CAPTURE(kind_name(k));
        CAPTURE(level);
        CAPTURE(seed);
        for (int decimals : {-1, 2}) {
          Attempt a(e);
          for (const auto& p : e.parts) {
            const Matrix want = practice_test::read(p, right);
            const PartResult& r = a.answer(decimals < 0 ? want : rounded(want, decimals));
            CAPTURE(p.label);
            CHECK(r.correct);
            CHECK(r.diagnosis.empty());
            CHECK(r.diagnosis.first_step.empty());
            ++parts;
          }
          CHECK(a.correct());
        }
      }
  CHECK(parts > 1000);
}

TEST_CASE("arithmetic: the method is right but one entry is off, and the diagnosis says which") {
  int checked = 0;
  for (Kind k : {Kind::attention, Kind::score, Kind::softmax, Kind::mask, Kind::multihead})
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      const Exercise e = generate(k, 3, seed);
      const auto right = practice_test::run(e, Slip::none);
      Attempt a(e);
      const Part& p = e.parts.back();
      for (std::size_t i = 0; i + 1 < e.parts.size(); ++i)
        a.answer(practice_test::read(e.parts[i], right));
      Matrix slip = practice_test::read(p, right);
      if (slip.size() < 4) continue;
      const int r0 = static_cast<int>(slip.rows()) - 1, c0 = 0;
      slip(r0, c0) += 0.37;
      const PartResult& r = a.answer(slip);
      CHECK_FALSE(r.correct);
      REQUIRE(r.diagnosis.names(kArithmetic));
      const auto& off = r.diagnosis.matches.front().off;
      REQUIRE(off.size() == 1);
      CHECK(off[0].row == r0);
      CHECK(off[0].col == c0);
      CHECK(off[0].expected == doctest::Approx(slip(r0, c0) - 0.37));
      ++checked;
    }
  CHECK(checked >= 20);
}

TEST_CASE(
    "numbers no mistake explains are said to be unexplained, pointing at the first step that "
    "differs") {
  const Exercise e = generate(Kind::attention, 1, 3);
  const auto right = practice_test::run(e, Slip::none);
  Attempt a(e);
  a.answer(practice_test::read(e.parts[0], right));
  Matrix odd = practice_test::read(e.parts[1], right);
  odd.setConstant(42.0);
  const PartResult& r = a.answer(odd);
  CHECK_FALSE(r.correct);
  CHECK(r.diagnosis.empty());
  CHECK(r.diagnosis.first_step == "scaled");
}

TEST_CASE("a later part that follows from the learner's own wrong answer is not diagnosed again") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const Exercise e = generate(Kind::attention, 2, seed);  // scores, scaled, weights, output
    Attempt a(e);
    Matrix scores = e.parts[0].answer;
    scores(0, 0) += 1.0;  // a slip in one score
    a.answer(scores);
    CHECK(a.results()[0].diagnosis.names(kArithmetic));
    // The learner scales their own scores correctly.
    const Matrix scaled = scores / std::sqrt(2.0);
    const PartResult& r = a.answer(scaled);
    CHECK_FALSE(r.correct);
    REQUIRE(r.consistent.has_value());
    CHECK(*r.consistent);
    CHECK(r.diagnosis.empty());
  }
}

TEST_CASE("ties: two mistakes giving the same numbers are both reported") {
  const Mistake* d = find_mistake("scaled-by-d");
  const Mistake* dm = find_mistake("scaled-by-dmodel");
  Matrix right(1, 2), same(1, 2);
  right << 0.7, 0.3;
  same << 0.6, 0.4;
  const std::vector<Candidate> c = {{d, Basis::problem, same}, {dm, Basis::problem, same}};
  const Diagnosis diag =
      diagnose(same, right, std::nullopt, c, Tolerance{0.01, ToleranceKind::absolute});
  CHECK(diag.matches.size() == 2);
  CHECK(diag.names("scaled-by-d"));
  CHECK(diag.names("scaled-by-dmodel"));
  // And the right answer is never diagnosed, whatever the candidates say.
  CHECK(diagnose(right, right, std::nullopt, c, Tolerance{0.01, ToleranceKind::absolute}).empty());
}

TEST_CASE("the catalogue has stable ids, explanations and engine options for every mistake") {
  const std::vector<std::string> ids = {"unscaled",        "scaled-by-d",        "scaled-by-dmodel",
                                        "softmax-columns", "mask-after-softmax", "mask-to-zero",
                                        "causal-flipped",  "no-transpose",       "keys-as-values",
                                        "no-projection",   "arithmetic"};
  REQUIRE(catalogue().size() == ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CHECK(catalogue()[i].id == ids[i]);
    CHECK(std::string(catalogue()[i].why).size() > 40);
    CHECK(catalogue()[i].options.has_value() == (ids[i] != "arithmetic"));
    if (catalogue()[i].options) CHECK_FALSE(attention::is_standard(*catalogue()[i].options));
  }
}
