#pragma once
// Naming the mistake behind a wrong answer. The caller lists candidates: what each known mistake
// (mistakes.hpp) would have produced for this answer, computed by re-running the engine with that
// mistake (from the problem) or by applying it to the learner's own earlier numbers (pipeline.hpp).
// The answer is compared with each: an exact match names the mistake (several when they give the
// same numbers: a tie is reported, never hidden); failing that, agreement on most entries names
// the closest method and lists the entries that are off ("arithmetic" when the closest is the
// right method). A right answer is never diagnosed.
#include <optional>
#include <string>
#include <vector>

#include "core/numbers.hpp"
#include "core/tolerance.hpp"
#include "practice/matrix_answer.hpp"
#include "practice/mistakes.hpp"

namespace qkv::practice {

/// What a candidate was computed from.
enum class Basis {
  problem,     ///< the exercise's or problem's inputs, by the engine
  your_steps,  ///< the learner's own earlier answers, by the engine's step functions
};

struct Candidate {
  const Mistake* mistake = nullptr;
  Basis basis = Basis::problem;
  Matrix answer;  ///< what the mistake gives for the answer in question
};

struct Match {
  const Mistake* mistake = nullptr;
  Basis basis = Basis::problem;
  bool partial = false;       ///< only some entries agree with what the mistake gives
  std::vector<EntryOff> off;  ///< partial: the entries that differ (from the mistake's numbers;
                              ///< for arithmetic, from the right answer)
};

struct Diagnosis {
  std::vector<Match> matches;  ///< empty: none of the known mistakes explains the answer
  std::string first_step;      ///< when nothing matches: the first step that differs
  bool empty() const { return matches.empty(); }
  /// True when some match has this mistake id.
  bool names(std::string_view id) const;
};

/// Diagnoses `given` against the right answer and the candidates (all the same shape as `right`;
/// others are ignored, as are candidates that equal the right answer within tol). `consistent`,
/// when given, is what the learner's own earlier answers imply with the right method: agreeing
/// with most of it is "arithmetic" on the learner's basis. Returns an empty diagnosis when
/// `given` is right (within tol). first_step is left for the caller to fill.
Diagnosis diagnose(const Matrix& given, const Matrix& right,
                   const std::optional<Matrix>& consistent,
                   const std::vector<Candidate>& candidates, const Tolerance& tol);

/// For an answer whose shape is not the right one: the candidates of the answer's own shape that
/// it equals (within tol), such as keys-as-values when d_k ≠ d_v or no-projection when
/// d_model ≠ d_k. Empty when the shapes agree or nothing of that shape matches.
Diagnosis diagnose_shape(const Matrix& given, const Matrix& right,
                         const std::vector<Candidate>& candidates, const Tolerance& tol);

}  // namespace qkv::practice
