#include "practice/attempt.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "practice/solve.hpp"

namespace qkv::practice {

namespace {

const attention::Step* find_step(const std::vector<attention::Trace>& traces,
                                 const std::string& id) {
  if (traces.empty()) return nullptr;
  if (const auto* s = traces.front().find(id)) return s;
  if (!traces.front().heads.empty()) return traces.front().heads.front().find(id);
  return nullptr;
}

bool reads_entries(const Part& p) {
  return p.source.read == Read::entries && !p.source.steps.empty();
}

}  // namespace

std::vector<Hint> hints_for(const std::vector<std::string>& steps,
                            const std::vector<attention::Trace>& traces) {
  std::vector<Hint> out;
  for (const auto& id : steps) {
    if (id == "decode") {
      out.push_back({id, "KV-cache decoding",
                     "append the new token's key and value to the cache; its query then attends "
                     "to every key in the cache (one row of causal attention)",
                     ""});
      continue;
    }
    if (const attention::Step* s = find_step(traces, id))
      out.push_back({id, s->title, s->formula, s->shape});
  }
  return out;
}

Attempt::Attempt(const Exercise& e) : e_(e) {
  right_ = solve(e_);
  if (e_.kind != Kind::shapes) pipeline_.emplace(Pipeline::of(e_));
}

const Attempt::Mistaken& Attempt::mistaken() const {
  if (!mistaken_) {
    mistaken_.emplace();
    for (const auto& id : e_.mistakes) {
      const Mistake* m = find_mistake(id);
      if (!m || !m->options) continue;
      // A mistake that cannot be made here leaves nothing to compare with.
      if (auto traces = try_solve(e_, *m->options)) mistaken_->emplace_back(m, std::move(*traces));
    }
  }
  return *mistaken_;
}

ParsedAnswer Attempt::parse(std::string_view text) const {
  const Part& p = current();
  return parse_answer(text, p.answer.rows(), p.answer.cols());
}

std::optional<Hint> Attempt::next_hint() {
  const auto all = hints_for(current(), right_);
  if (static_cast<std::size_t>(hints_) >= all.size()) return std::nullopt;
  return all[static_cast<std::size_t>(hints_++)];
}

std::vector<Candidate> Attempt::candidates(const Part& part, const StepValues& mine) const {
  std::vector<Candidate> out;
  for (const auto& [m, traces] : mistaken())
    if (auto a = try_read_answer(part, traces)) out.push_back({m, Basis::problem, std::move(*a)});
  if (reads_entries(part) && pipeline_ && !mine.empty()) {
    for (const auto& [m, traces] : mistaken()) {
      if (auto d = pipeline_->derive(part.source.steps.front(), mine, *m->options))
        if (auto a = try_select(*d, part.source.rows, part.source.cols))
          out.push_back({m, Basis::your_steps, std::move(*a)});
    }
  }
  return out;
}

const PartResult& Attempt::answer(const Matrix& given) {
  const std::size_t index = next_;
  const Part& part = current();
  const Tolerance& tol = e_.tolerance;
  PartResult r;
  r.part = index;
  r.given = given;
  r.hinted = hints_ > 0;
  r.ok = entries_ok(given, part.answer, tol);
  const bool right = r.ok.all();

  // What the learner's own earlier parts imply for this one (right method).
  std::optional<Matrix> implied;
  const std::string step = reads_entries(part) ? part.source.steps.front() : std::string();
  bool fed = false;
  if (pipeline_ && !step.empty() && pipeline_->has(step)) {
    const auto& order = pipeline_->order();
    const auto here = std::find(order.begin(), order.end(), step);
    fed = std::any_of(order.begin(), here,
                      [&](const std::string& id) { return work_.count(id) > 0; });
  }
  if (fed) {
    if (auto d = pipeline_->derive(step, work_)) {
      if (auto a = try_select(*d, part.source.rows, part.source.cols)) {
        implied = std::move(*a);
        r.consistent = close(given, *implied, tol);
      }
    }
  }
  const bool earlier_right =
      std::all_of(results_.begin(), results_.end(), [](const PartResult& p) { return p.correct; });
  r.correct = right || (r.consistent.value_or(false) && earlier_right);
  r.carried = !right && r.correct;
  if (!r.correct && !r.consistent.value_or(false)) {
    r.diagnosis =
        diagnose(given, part.answer, implied, candidates(part, fed ? work_ : StepValues{}), tol);
    if (r.diagnosis.empty()) {
      const auto first = std::find_if(results_.begin(), results_.end(),
                                      [](const PartResult& p) { return !p.correct; });
      const Part& at = first == results_.end() ? part : e_.parts[first->part];
      r.diagnosis.first_step = at.source.steps.empty() ? std::string() : at.source.steps.front();
    }
  }

  // Remember the learner's numbers as the whole step (right values in the other entries), so
  // that later parts can be judged against them.
  if (pipeline_ && !step.empty() && pipeline_->has(step)) {
    auto it = work_.find(step);
    if (it == work_.end()) it = work_.emplace(step, pipeline_->right().at(step)).first;
    Matrix& w = it->second;
    const auto& rows = part.source.rows;
    const auto& cols = part.source.cols;
    for (Eigen::Index i = 0; i < given.rows(); ++i)
      for (Eigen::Index j = 0; j < given.cols(); ++j) {
        const Eigen::Index wi = rows.empty() ? i : rows[static_cast<std::size_t>(i)];
        const Eigen::Index wj = cols.empty() ? j : cols[static_cast<std::size_t>(j)];
        if (wi < w.rows() && wj < w.cols()) w(wi, wj) = given(i, j);
      }
  }
  results_.push_back(std::move(r));
  ++next_;
  hints_ = 0;
  return results_.back();
}

bool Attempt::correct() const {
  return done() && std::all_of(results_.begin(), results_.end(),
                               [](const PartResult& p) { return p.correct; });
}

}  // namespace qkv::practice
