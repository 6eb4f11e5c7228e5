// The non-throwing forms of practice/solve (try_solve, try_read_answer, try_select) and of the
// engine (attention::try_run): for every kind and every mistake of the catalogue they give what
// the throwing forms give, or as a value the reason those throw; and some mistakes do fail (a
// mask step a mistake does not have, a projection an exercise without X cannot skip).
#include <doctest/doctest.h>

#include <string>

#include "attention/engine.hpp"
#include "practice/generate.hpp"
#include "practice/mistakes.hpp"
#include "practice/solve.hpp"
#include "support/attention_test_util.hpp"

namespace {

using qkv::Matrix;

bool same(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}

// The message of the Error that f throws, or "" when it does not throw.
template <class F>
std::string thrown(F f) {
  try {
    f();
  } catch (const qkv::Error& e) {
    REQUIRE(e.code() == qkv::Exit::data);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("try_solve and try_read_answer agree with solve and read_answer for every mistake") {
  using namespace qkv::practice;
  int solve_failures = 0, read_failures = 0, reads = 0;
  for (const Kind kind : kKinds)
    for (int level = kMinLevel; level <= kMaxLevel; ++level) {
      const Exercise e = generate(kind, level, 7);
      for (const auto& m : catalogue()) {
        if (!m.options) continue;
        INFO(kind_name(kind), " level ", level, " mistake ", m.id);
        auto traces = try_solve(e, *m.options);
        const std::string solve_throws = thrown([&] { (void)solve(e, *m.options); });
        if (!traces.ok()) {
          ++solve_failures;
          CHECK(traces.failure().code == qkv::Exit::data);
          CHECK(traces.failure().message() == solve_throws);
          continue;
        }
        CHECK(solve_throws.empty());
        for (const auto& part : e.parts) {
          ++reads;
          const auto a = try_read_answer(part, *traces);
          const std::string read_throws = thrown([&] { (void)read_answer(part, *traces); });
          if (a.ok()) {
            CHECK(read_throws.empty());
            CHECK(same(*a, read_answer(part, *traces)));
          } else {
            ++read_failures;
            CHECK(a.failure().message() == read_throws);
          }
        }
      }
    }
  // Solving fails for some mistake over the catalogue, or the failure path went untested. (The
  // generators keep only parts every applicable mistake can answer, so reads rarely fail here;
  // the next test makes one fail on purpose.)
  CHECK(solve_failures > 0);
  CHECK(reads > read_failures);
}

TEST_CASE("try_read_answer says which step a mistaken computation lacks, as read_answer throws it") {
  using namespace qkv::practice;
  const Exercise e = generate(Kind::mask, 1, 7);
  const Mistake* after = find_mistake("mask-after-softmax");
  REQUIRE(after != nullptr);
  REQUIRE(after->options);
  const auto traces = try_solve(e, *after->options);
  REQUIRE(traces.ok());
  Part masked;
  masked.source.steps = {"masked"};  // mask applied after the softmax: no masked scores
  const auto a = try_read_answer(masked, *traces);
  REQUIRE_FALSE(a.ok());
  CHECK(a.failure().message() == "this computation has no step 'masked'");
  CHECK_THROWS_WITH(read_answer(masked, *traces), "this computation has no step 'masked'");
  masked.source.read = Read::shapes;
  const auto shapes = try_read_answer(masked, *traces);
  REQUIRE_FALSE(shapes.ok());
  CHECK(shapes.failure().message().rfind("there is no step 'masked' in this computation", 0) == 0);
  const auto right = try_solve(e);
  REQUIRE(right.ok());
  const auto read = try_read_answer(masked, *right);  // the right computation has the step
  REQUIRE(read.ok());
  CHECK(read->cols() == 2);
}

TEST_CASE("try_select gives the selected entries, or says which index is outside the matrix") {
  using qkv::practice::try_select;
  const Matrix m = attn_test::M({{1, 2, 3}, {4, 5, 6}});
  const auto all = try_select(m, {}, {});
  REQUIRE(all.ok());
  CHECK(same(*all, m));
  const auto some = try_select(m, {1}, {2, 0});
  REQUIRE(some.ok());
  CHECK(same(*some, attn_test::M({{6, 4}})));
  const auto outside = try_select(m, {2}, {0});
  REQUIRE_FALSE(outside.ok());
  CHECK(outside.failure().message() == "row 3, column 1 is outside a 2×3 matrix");
  CHECK_THROWS_WITH(qkv::practice::select(m, {2}, {0}), "row 3, column 1 is outside a 2×3 matrix");
}

TEST_CASE("attention::try_run gives run's trace, or every diagnostic run would throw") {
  qkv::attention::Problem p;
  p.q = attn_test::M({{1, 0}, {0, 1}});
  p.k = attn_test::M({{1, 0}, {0, 1}});
  p.v = attn_test::M({{1, 2}, {3, 4}});
  const auto ok = qkv::attention::try_run(p);
  REQUIRE(ok.ok());
  CHECK(same(ok->output(), qkv::attention::run(p).output()));

  p.k = attn_test::M({{1, 0, 0}, {0, 1, 0}});  // Q·Kᵀ does not fit
  p.v = attn_test::M({{1, 2}, {3, 4}, {5, 6}});  // and V has another number of rows
  const auto bad = qkv::attention::try_run(p);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().code == qkv::Exit::data);
  try {
    (void)qkv::attention::run(p);
    FAIL("run accepted a problem try_run refused");
  } catch (const qkv::Error& e) {
    REQUIRE(e.diagnostics().size() == bad.failure().diagnostics.size());
    for (std::size_t i = 0; i < e.diagnostics().size(); ++i)
      CHECK(e.diagnostics()[i].message == bad.failure().diagnostics[i].message);
  }
}
