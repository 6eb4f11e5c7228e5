#include "practice/check.hpp"

#include <algorithm>
#include <optional>

#include "attention/engine.hpp"
#include "core/error.hpp"
#include "core/suggest.hpp"
#include "practice/pipeline.hpp"

namespace qkv::practice {

Tolerance default_check_tolerance() {
  Tolerance t;
  t.value = 0.01;
  t.kind = ToleranceKind::absolute;
  return t;
}

CheckReport check_work(const attention::Problem& p, const StepValues& work, const Tolerance& tol) {
  const Pipeline pipe(p);
  std::vector<Diagnostic> unknown;
  for (const auto& [id, m] : work) {
    if (pipe.has(id)) continue;
    std::string message =
        "'" + id + "' is not a step of this problem; its steps are: " + quoted_list(pipe.order());
    if (auto near = nearest_name(id, pipe.order())) message += " (did you mean '" + *near + "'?)";
    unknown.push_back(make_error("", "/work/" + id, std::move(message)));
  }
  if (!unknown.empty()) throw Error(Exit::data, std::move(unknown));

  // The engine with each mistake, once, when the first wrong step needs it.
  using Mistaken = std::vector<std::pair<const Mistake*, StepValues>>;
  std::optional<Mistaken> mistaken_values;
  auto mistaken = [&]() -> const Mistaken& {
    if (!mistaken_values) {
      mistaken_values.emplace();
      for (const auto& m : catalogue()) {
        if (!m.options) continue;
        // A mistake that cannot be made on this problem has no values to compare with.
        if (const auto t = attention::try_run(p, *m.options))
          mistaken_values->emplace_back(&m, values_of(*t));
      }
    }
    return *mistaken_values;
  };

  const attention::Trace trace = attention::run(p);  // for the labels of each step
  CheckReport report;
  StepValues earlier;  // the learner's steps seen so far
  bool earlier_right = true;
  for (const auto& id : pipe.order()) {
    const auto it = work.find(id);
    if (it == work.end()) continue;
    StepCheck c;
    c.id = id;
    c.given = it->second;
    c.right = pipe.right().at(id);
    c.shape_ok = c.given.rows() == c.right.rows() && c.given.cols() == c.right.cols();
    if (const attention::Step* s = labelling_step(trace, id)) {
      c.row_labels = s->row_labels;
      c.col_labels = s->col_labels;
    }
    // What each mistake gives for this step: from the problem, and from the learner's own
    // earlier steps when there are any.
    auto candidates_for_step = [&] {
      std::vector<Candidate> candidates;
      for (const auto& [m, values] : mistaken())
        if (auto v = values.find(id); v != values.end())
          candidates.push_back({m, Basis::problem, v->second});
      if (!earlier.empty())
        for (const auto& [m, values] : mistaken())
          if (auto d = pipe.derive(id, earlier, *m->options))
            candidates.push_back({m, Basis::your_steps, *d});
      return candidates;
    };
    if (!c.shape_ok) {
      // A mistake that changes the shape (keys-as-values when d_k ≠ d_v, no-projection when
      // d_model ≠ d_k) is still named when the answer is exactly what it gives.
      c.diagnosis = diagnose_shape(c.given, c.right, candidates_for_step(), tol);
    } else {
      c.off = entries_off(c.given, c.right, tol);
      std::optional<Matrix> implied;
      if (!earlier.empty()) {
        implied = pipe.derive(id, earlier);
        if (implied) c.consistent = close(c.given, *implied, tol);
      }
      c.correct = c.off.empty() || (c.consistent.value_or(false) && earlier_right);
      c.carried = !c.off.empty() && c.correct;
      if (!c.correct && !c.consistent.value_or(false))
        c.diagnosis = diagnose(c.given, c.right, implied, candidates_for_step(), tol);
    }
    if (!c.correct && !report.first_wrong) report.first_wrong = id;
    if (!c.correct) earlier_right = false;
    if (c.shape_ok) earlier[id] = c.given;
    report.steps.push_back(std::move(c));
  }
  for (auto& c : report.steps)
    if (!c.correct && !c.consistent.value_or(false) && c.diagnosis.empty() && report.first_wrong)
      c.diagnosis.first_step = *report.first_wrong;
  return report;
}

Diagnosis diagnose_step(const attention::Problem& p, std::string_view step, const Matrix& given,
                        const Tolerance& tol) {
  const StepValues right_values = values_of(attention::run(p));
  const auto right = right_values.find(step);
  if (right == right_values.end())
    throw_data("this computation has no step '" + std::string(step) + "'");
  if (close(given, right->second, tol)) return {};  // right: nothing to diagnose, no mistakes run
  std::vector<Candidate> candidates;
  for (const auto& m : catalogue()) {
    if (!m.options) continue;
    const auto t = attention::try_run(p, *m.options);
    if (!t) continue;  // this mistake cannot be made on this problem
    const StepValues v = values_of(*t);
    if (auto it = v.find(step); it != v.end())
      candidates.push_back({&m, Basis::problem, it->second});
  }
  Diagnosis d = diagnose(given, right->second, std::nullopt, candidates, tol);
  if (d.empty() && !close(given, right->second, tol)) d.first_step = std::string(step);
  return d;
}

}  // namespace qkv::practice
