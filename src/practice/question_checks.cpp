#include "practice/question_checks.hpp"

#include <algorithm>
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

void check_matrix(const bank::MatrixBody& body, const std::string& pointer,
                  const ReadContext& ctx) {
  if (!body.calc || !body.calc->problem || body.calc->step.empty()) return;
  const std::string& step = body.calc->step;
  const std::string answer = pointer + "/answer";
  const auto run = attention::try_run(*body.calc->problem);
  if (!run) {
    for (const auto& d : run.failure().diagnostics)
      ctx.error(pointer + "/calc/input" + d.pointer, d.message);
    return;
  }
  const attention::Trace& t = *run;
  const attention::Step* s = t.find(step);
  if (!s) {
    std::string message = "this computation has no step \"" + step + "\"";
    if (auto near = nearest_name(step, t.step_ids()))
      message += " (did you mean \"" + *near + "\"?)";
    ctx.error(pointer + "/calc/step", message + "; its steps are " + quoted_list(t.step_ids()));
    return;
  }
  const auto& a = body.answer;
  if (a.empty() || a.size() != static_cast<std::size_t>(s->matrix.rows()) ||
      a.front().size() != static_cast<std::size_t>(s->matrix.cols())) {
    ctx.error(answer, "the answer must have the shape of step \"" + step + "\", " +
                          attention::shape_text(s->matrix));
    return;
  }
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[i].size(); ++j) {
      const double want = s->matrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
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
  }
}

}  // namespace qkv::practice
