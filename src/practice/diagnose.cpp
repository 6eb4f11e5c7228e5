#include "practice/diagnose.hpp"

#include <algorithm>

namespace qkv::practice {

bool Diagnosis::names(std::string_view id) const {
  return std::any_of(matches.begin(), matches.end(),
                     [&](const Match& m) { return m.mistake && id == m.mistake->id; });
}

namespace {

bool same_shape(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols();
}

void add_unique(std::vector<Match>& out, Match m) {
  for (const auto& x : out)
    if (x.mistake == m.mistake && x.partial == m.partial) return;
  out.push_back(std::move(m));
}

}  // namespace

Diagnosis diagnose(const Matrix& given, const Matrix& right,
                   const std::optional<Matrix>& consistent,
                   const std::vector<Candidate>& candidates, const Tolerance& tol) {
  Diagnosis d;
  if (!same_shape(given, right) || close(given, right, tol)) return d;

  // Candidates that can be told apart from the right answer. One worked out from the learner's
  // own steps that gives what the right method gives from them (`consistent`) did not change
  // anything there: naming it would name a mistake that did not happen (no-projection once came
  // out as a tie with scaled-by-dmodel).
  std::vector<const Candidate*> usable;
  for (const auto& c : candidates)
    if (c.mistake && same_shape(c.answer, right) && !close(c.answer, right, tol) &&
        !(c.basis == Basis::your_steps && consistent && same_shape(*consistent, right) &&
          close(c.answer, *consistent, tol)))
      usable.push_back(&c);

  // 1. Exact matches: every one is reported (ties included). A mistake found both from the
  //    problem and from the learner's own steps is reported once, from the problem.
  for (const Candidate* c : usable)
    if (close(given, c->answer, tol)) add_unique(d.matches, Match{c->mistake, c->basis, false, {}});
  if (!d.empty()) return d;

  // 2. Partial agreement: the method that agrees with the most entries, if that is at least half
  //    of them (and the answer has at least two entries, so "most" means something).
  const auto n = given.size();
  if (n < 2) return d;
  const auto agree = [&](const Matrix& m) { return entries_ok(given, m, tol).count(); };
  const Mistake* arithmetic = find_mistake(kArithmetic);
  Eigen::Index best = agree(right);
  Basis best_basis = Basis::problem;
  if (consistent && same_shape(*consistent, right)) {
    const Eigen::Index a = agree(*consistent);
    if (a > best) {
      best = a;
      best_basis = Basis::your_steps;
    }
  }
  Eigen::Index best_mistake = 0;
  for (const Candidate* c : usable) best_mistake = std::max(best_mistake, agree(c->answer));
  const Eigen::Index half = (n + 1) / 2;
  if (std::max(best, best_mistake) < half) return d;
  if (best >= best_mistake) {
    const Matrix& basis = best_basis == Basis::your_steps ? *consistent : right;
    d.matches.push_back(Match{arithmetic, best_basis, true, entries_off(given, basis, tol)});
    return d;
  }
  for (const Candidate* c : usable)
    if (agree(c->answer) == best_mistake)
      add_unique(d.matches, Match{c->mistake, c->basis, true, entries_off(given, c->answer, tol)});
  return d;
}

Diagnosis diagnose_shape(const Matrix& given, const Matrix& right,
                         const std::vector<Candidate>& candidates, const Tolerance& tol) {
  Diagnosis d;
  if (same_shape(given, right)) return d;
  for (const auto& c : candidates)
    if (c.mistake && same_shape(c.answer, given) && close(given, c.answer, tol))
      add_unique(d.matches, Match{c.mistake, c.basis, false, {}});
  return d;
}

}  // namespace qkv::practice
