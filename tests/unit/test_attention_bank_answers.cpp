// Every numeric question of the built-in bank whose answer comes out of an attention computation
// (a "calc" reference: the calculator's input, a step id, a row and a column) has its answer key
// recomputed by the engine, so an author's arithmetic slip cannot reach learners.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "attention/engine.hpp"
#include "attention/problem_json.hpp"
#include "bank/loader.hpp"

using namespace qkv;

TEST_CASE("numeric answer keys in the built-in bank match the engine") {
  const bank::Bank b = bank::load_bank({}, true);
  int checked = 0;
  for (const bank::Question* q : b.all_questions()) {
    const auto* body = std::get_if<bank::NumericBody>(&q->body);
    if (!body || !body->calc) continue;
    CAPTURE(q->full_id());
    const auto& ref = *body->calc;
    const attention::Problem p =
        attention::problem_from_json(nlohmann::json::parse(ref.input_json), q->full_id());
    const attention::Trace t = attention::run(p);
    const double computed = attention::trace_entry(t, ref.step, ref.row, ref.col);
    INFO("step " << ref.step << " (" << ref.row << ", " << ref.col << "): engine " << computed
                 << ", answer key " << body->answer);
    CHECK(body->tolerance.accepts(computed, body->answer));
    ++checked;
  }
  MESSAGE(checked << " calculated answers checked");
  CHECK(checked > 0);
}
