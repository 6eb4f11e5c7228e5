#pragma once
// `qkv check`: a learner's whole worked solution (any subset of the steps) judged step by step:
// right or wrong against the engine, and also against what the learner's own earlier steps imply,
// so that one slip is counted once; a wrong step that does not follow from earlier ones is
// diagnosed (diagnose.hpp) against every mistake in the catalogue.
#include <optional>
#include <string>
#include <vector>

#include "attention/problem.hpp"
#include "core/tolerance.hpp"
#include "practice/diagnose.hpp"
#include "practice/solve.hpp"

namespace qkv::practice {

struct StepCheck {
  std::string id;
  Matrix given;                    ///< the learner's matrix
  Matrix right;                    ///< the engine's
  bool shape_ok = true;            ///< given has right's shape (otherwise nothing else is judged)
  std::vector<EntryOff> off;       ///< entries not within tolerance of the right answer
  bool correct = false;            ///< right, possibly by `carried`
  bool carried = false;            ///< off only by what the learner's earlier right steps imply
                                   ///< (their rounding carried forward)
  std::optional<bool> consistent;  ///< agrees with what the learner's earlier steps imply (right
                                   ///< method); nullopt when no earlier step was given
  Diagnosis diagnosis;             ///< for a wrong step that does not follow from earlier steps
  std::vector<std::string> row_labels;  ///< the step's rows (tokens or numbers), for display
  std::vector<std::string> col_labels;  ///< its columns
};

struct CheckReport {
  std::vector<StepCheck> steps;            ///< in computation order
  std::optional<std::string> first_wrong;  ///< id of the first step that is not correct
  bool all_correct() const { return !first_wrong.has_value(); }
};

/// The default tolerance of `qkv check`: ±0.01 absolute, for numbers worked by hand.
Tolerance default_check_tolerance();

/// Checks `work` (step id -> learner matrix; masked scores may hold −∞) for problem p.
/// Throws Error(Exit::data) when p does not validate or a key of work is not a step of p (the
/// message lists the steps there are).
CheckReport check_work(const attention::Problem& p, const StepValues& work,
                       const Tolerance& tol = default_check_tolerance());

/// The diagnosis of a learner's matrix for one step of p (full id such as "head2/weights"),
/// comparing it with what every mistake in the catalogue gives when the engine is re-run with
/// it. Empty when `given` is within tol of the engine's step; first_step is set to `step` when no
/// mistake explains it. Throws Error(Exit::data) when p does not validate or has no such step.
Diagnosis diagnose_step(const attention::Problem& p, std::string_view step, const Matrix& given,
                        const Tolerance& tol);

}  // namespace qkv::practice
