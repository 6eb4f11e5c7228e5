#include "practice/question_checks.hpp"

#include <algorithm>
#include <optional>
#include <variant>

#include "attention/engine.hpp"
#include "core/error.hpp"
#include "core/numbers.hpp"
#include "core/suggest.hpp"
#include "practice/exercise.hpp"
#include "practice/generate.hpp"

namespace qkv::practice {

static_assert(bank::kMinExerciseLevel == kMinLevel && bank::kMaxExerciseLevel == kMaxLevel,
              "the bank reads the levels the generators make");

namespace {

void check_calculated(const bank::CalculatedBody& body, const std::string& pointer,
                      const ReadContext& ctx) {
  if (body.kind.empty()) return;  // missing: reported by the reader
  const std::string generator = pointer + "/generator";
  const auto kind = parse_kind(body.kind);
  if (!kind) {
    std::string message = "unknown exercise kind \"" + body.kind + "\"";
    if (auto near = nearest_name(body.kind, kind_names()))
      message += " (did you mean \"" + *near + "\"?)";
    ctx.error(generator + "/kind", message + "; the kinds are " + quoted_list(kind_names()));
    return;
  }
  if (body.level < kMinLevel || body.level > kMaxLevel || body.part.empty()) return;
  const auto& labels = part_labels(*kind, body.level);
  if (std::find(labels.begin(), labels.end(), body.part) == labels.end())
    ctx.error(generator + "/part", "a " + body.kind + " exercise of level " +
                                       std::to_string(body.level) + " has no part \"" + body.part +
                                       "\"; its parts are " + quoted_list(labels));
}

// The matrix of step `step` as the engine computes `problem`; nullopt after reporting why there
// is none: the engine's own errors under the calc's input, a step the computation lacks under
// calc/step. `pointer` is the question's.
std::optional<Matrix> computed_step(const attention::Problem& problem, const std::string& step,
                                    const std::string& pointer, const ReadContext& ctx) {
  const auto run = attention::try_run(problem);
  if (!run) {
    for (const auto& d : run.failure().diagnostics)
      ctx.error(pointer + "/calc/input" + d.pointer, d.message);
    return std::nullopt;
  }
  const attention::Trace& t = *run;
  const attention::Step* s = t.find(step);
  if (!s) {
    std::string message = "this computation has no step \"" + step + "\"";
    if (auto near = nearest_name(step, t.step_ids()))
      message += " (did you mean \"" + *near + "\"?)";
    ctx.error(pointer + "/calc/step", message + "; its steps are " + quoted_list(t.step_ids()));
    return std::nullopt;
  }
  return s->matrix;
}

void check_numeric(const bank::NumericBody& body, const std::string& pointer,
                   const ReadContext& ctx) {
  if (!body.calc || !body.calc->problem) return;  // no calc, or one with errors (reported)
  const bank::CalcRef& calc = *body.calc;
  const auto m = computed_step(*calc.problem, calc.step, pointer, ctx);
  if (!m) return;
  const std::string shape =
      "step \"" + calc.step + "\" is " + attention::shape_text(*m) + " (row and col count from 0)";
  bool inside = true;
  if (calc.row >= m->rows()) {
    ctx.error(pointer + "/calc/row",
              "row " + std::to_string(calc.row) + " is outside the result: " + shape);
    inside = false;
  }
  if (calc.col >= m->cols()) {
    ctx.error(pointer + "/calc/col",
              "col " + std::to_string(calc.col) + " is outside the result: " + shape);
    inside = false;
  }
  // A negative tolerance is reported on its own; it cannot judge the answer.
  if (!inside || !calc.check_answer || body.tolerance.value < 0) return;
  const double want = (*m)(calc.row, calc.col);
  if (!body.tolerance.accepts(want, body.answer))
    ctx.error(pointer + "/answer",
              "the engine computes " + format_exact(want) + " for step \"" + calc.step + "\" row " +
                  std::to_string(calc.row) + ", col " + std::to_string(calc.col) + " here, not " +
                  format_exact(body.answer) +
                  " (beyond the tolerance); a learner who types the computed value would be "
                  "marked wrong");
}

void check_matrix(const bank::MatrixBody& body, const std::string& pointer,
                  const ReadContext& ctx) {
  if (!body.calc || !body.calc->problem || body.calc->step.empty()) return;
  const std::string& step = body.calc->step;
  const std::string answer = pointer + "/answer";
  const auto m = computed_step(*body.calc->problem, step, pointer, ctx);
  if (!m) return;
  const auto& a = body.answer;
  if (a.empty() || a.size() != static_cast<std::size_t>(m->rows()) ||
      a.front().size() != static_cast<std::size_t>(m->cols())) {
    ctx.error(answer, "the answer must have the shape of step \"" + step + "\", " +
                          attention::shape_text(*m));
    return;
  }
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[i].size(); ++j) {
      const double want = (*m)(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      if (!body.tolerance.accepts(want, a[i][j]))
        ctx.error(answer + "/" + std::to_string(i) + "/" + std::to_string(j),
                  "the engine computes " + format_exact(want) + " for step \"" + step +
                      "\" here, not " + format_exact(a[i][j]) + " (beyond the tolerance)");
    }
}

}  // namespace

void check_question(const bank::Question& q, const std::string& pointer, const ReadContext& ctx) {
  if (const auto* c = std::get_if<bank::CalculatedBody>(&q.body)) {
    check_calculated(*c, pointer, ctx);
  } else if (const auto* m = std::get_if<bank::MatrixBody>(&q.body)) {
    check_matrix(*m, pointer, ctx);
  } else if (const auto* n = std::get_if<bank::NumericBody>(&q.body)) {
    check_numeric(*n, pointer, ctx);
  }
}

}  // namespace qkv::practice
