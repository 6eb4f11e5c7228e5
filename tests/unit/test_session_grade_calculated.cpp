// Calculated and matrix questions in a session: the exercise drawn when the question is laid out
// (from the session's seed, or a fixed one), answers parsed with their shape, graded entry by
// entry against the naive reference's numbers, and wrong answers diagnosed as in drills.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "attention/problem_json.hpp"
#include "practice/generate.hpp"
#include "session/grade.hpp"
#include "support/practice_naive.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv::bank;
using namespace qkv_test;
using practice_test::Slip;
using qkv::ToleranceKind;

namespace {

Question calculated_q(std::string kind, int level, std::optional<std::uint64_t> seed,
                      std::string part = "") {
  CalculatedBody b;
  b.kind = std::move(kind);
  b.level = level;
  b.seed = seed;
  b.part = std::move(part);
  Question q = make_question("calc-1", QuestionType::calculated, b);
  q.hints = {"a hint from the pack"};
  return q;
}

// REQUIRES: q outlives the result (a PresentedQuestion points at its question).
PresentedQuestion laid_out(const Question& q, std::uint64_t session_seed) {
  qkv::Rng rng(session_seed);
  return present(q, rng);
}

std::string typed(const qkv::Matrix& m) {
  std::string s;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    if (i) s += "; ";
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6f", m(i, j));
      s += (j ? " " : "") + std::string(buf);
    }
  }
  return s;
}

GradedAnswer grade_text(const PresentedQuestion& pq, const std::string& input) {
  const auto parsed = parse_answer(pq, input);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  return grade(pq, *parsed.answer);
}

}  // namespace

TEST_CASE("calculated: the numbers are drawn from the session's seed, or fixed by the pack") {
  const Question drawn = calculated_q("attention", 1, std::nullopt);
  const auto a = laid_out(drawn, 7), b = laid_out(drawn, 7), c = laid_out(drawn, 8);
  REQUIRE(a.exercise);
  CHECK(a.exercise->seed == b.exercise->seed);
  CHECK(expected_matrix(a) == expected_matrix(b));
  CHECK(a.exercise->seed != c.exercise->seed);
  const Question fixed = calculated_q("attention", 1, 42);
  CHECK(laid_out(fixed, 7).exercise->seed == 42);
  CHECK(laid_out(fixed, 8).exercise->seed == 42);
  // The same exercise a drill gives for that seed.
  CHECK(expected_matrix(laid_out(fixed, 7)) ==
        qkv::practice::generate(qkv::practice::Kind::attention, 1, 42).parts.back().answer);
}

TEST_CASE("calculated: the part asked is the last unless the pack names one") {
  const Question q1 = calculated_q("softmax", 2, 17);
  const auto last = laid_out(q1, 1);
  CHECK(last.part == last.exercise->parts.size() - 1);
  const Question q2 = calculated_q("softmax", 2, 17, "a");
  const auto first = laid_out(q2, 1);
  CHECK(first.part == 0);
  CHECK(first.exercise->parts[0].source.steps.front() == "scaled");
}

TEST_CASE("calculated: right answers (the naive reference's) are right and not diagnosed") {
  for (const char* kind : {"projection", "score", "softmax", "output", "attention", "mask",
                           "kv-cache", "shapes", "multihead"})
    for (int level = 1; level <= 3; ++level)
      for (std::uint64_t seed : {1u, 2u, 3u}) {
        const Question q3 = calculated_q(kind, level, std::nullopt);
        const auto pq = laid_out(q3, seed);
        CAPTURE(kind);
        CAPTURE(level);
        const auto& e = *pq.exercise;
        const qkv::Matrix want =
            practice_test::read(e.parts[pq.part], practice_test::run(e, Slip::none));
        const GradedAnswer r = grade_text(pq, typed(want));
        CHECK(r.correct);
        CHECK(r.points == 1.0);
        REQUIRE(r.matrix);
        CHECK(r.matrix->diagnosis.empty());
        // The answer key, typed, earns full marks too.
        CHECK(grade_text(pq, r.answer_key).correct);
      }
}

TEST_CASE("calculated: a mistake's numbers are diagnosed as in a drill") {
  // Raw scores of one token with d_k = 4, part b: the weights. Forgetting 1/√d_k:
  const Question q4 = calculated_q("softmax", 2, 17);
  const auto pq = laid_out(q4, 1);
  const auto& e = *pq.exercise;
  const qkv::Matrix wrong =
      practice_test::read(e.parts[pq.part], practice_test::run(e, Slip::unscaled));
  const GradedAnswer r = grade_text(pq, typed(wrong));
  CHECK_FALSE(r.correct);
  CHECK(r.points == 0.0);
  REQUIRE(r.matrix);
  CHECK(r.matrix->diagnosis.names("unscaled"));
  CHECK(r.detail.find("entries right") != std::string::npos);
}

TEST_CASE("calculated: an answer of the wrong shape is not an answer and names the shape") {
  const Question q5 = calculated_q("softmax", 2, 17);
  const auto pq = laid_out(q5, 1);
  const auto parsed = parse_answer(pq, "0.5 0.5");
  CHECK_FALSE(parsed.ok());
  CHECK(parsed.error.find("a row of 4 numbers (1×4)") != std::string::npos);
  CHECK(answer_syntax(pq).find("±0.01") != std::string::npos);
}

TEST_CASE("calculated: hints are the pack's, then the formulas of the part's worked steps") {
  const Question q6 = calculated_q("softmax", 2, 17, "a");
  const auto pq = laid_out(q6, 1);
  const auto hints = hints_of(pq);
  REQUIRE(hints.size() == 2);
  CHECK(hints[0] == "a hint from the pack");
  CHECK(hints[1].find("S_scaled = S × 0.5000 = 1/√4") != std::string::npos);
  // Part b asked on its own: the steps of part a lead to it, so they are offered too.
  const Question b = calculated_q("softmax", 2, 17, "b");
  const auto later = hints_of(laid_out(b, 1));
  REQUIRE(later.size() == 3);
  CHECK(later[1].find("S_scaled") != std::string::npos);
  CHECK(later[2].find("softmax") != std::string::npos);
}

TEST_CASE("matrix: graded entry by entry; with a calc, a mistake is diagnosed by the engine") {
  MatrixBody b;
  // Q = [[1,0],[0,1]], K = [[1,1],[0,2]]: S = [[1,0],[1,2]], scaled by 1/√2.
  const double r2 = 1 / std::sqrt(2.0);
  b.answer = {{r2, 0}, {r2, 2 * r2}};
  b.tolerance = {0.01, ToleranceKind::absolute};
  b.calc = StepRef{
      std::make_shared<const qkv::attention::Problem>(qkv::attention::problem_from_json(
          nlohmann::json::parse(R"({"q": [[1,0],[0,1]], "k": [[1,1],[0,2]], "v": [[1,0],[0,1]]})"),
          "test")),
      "scaled"};
  const Question q = make_question("mat-1", QuestionType::matrix, b);
  const auto pq = laid_out(q, 1);
  CHECK(grade_text(pq, "0.71 0; 0.71 1.41").correct);
  const GradedAnswer unscaled = grade_text(pq, "1 0; 1 2");
  CHECK_FALSE(unscaled.correct);
  CHECK(unscaled.detail == "1 of 4 entries right");
  REQUIRE(unscaled.matrix);
  CHECK(unscaled.matrix->diagnosis.names("unscaled"));
  CHECK_FALSE(unscaled.matrix->ok(0, 0));
  CHECK(unscaled.matrix->ok(0, 1));
  CHECK(unscaled.correct_answer.back().find("(each entry ±0.01)") != std::string::npos);
}

TEST_CASE("matrix: without a calc, a slip in one entry is named as arithmetic") {
  MatrixBody b;
  b.answer = {{1, 0, 0}, {0, 1, 0}};
  b.tolerance = {0.0, ToleranceKind::absolute};
  const Question q7 = make_question("mat-2", QuestionType::matrix, b);
  const auto pq = laid_out(q7, 1);
  const GradedAnswer r = grade_text(pq, "1 0 0; 0 2 0");
  CHECK_FALSE(r.correct);
  REQUIRE(r.matrix);
  REQUIRE(r.matrix->diagnosis.names("arithmetic"));
  CHECK(r.matrix->diagnosis.matches.front().off.size() == 1);
  CHECK_FALSE(parse_answer(pq, "1 0; 0 1").ok());  // 2×2 is not 2×3
}
