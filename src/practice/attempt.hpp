#pragma once
// One learner working one exercise, part by part: hints, grading with the exercise's tolerance,
// judging each part also against the learner's own earlier parts, and the diagnosis of a wrong
// part. Holds the engine's traces (right, and once per applicable mistake); never prints.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attention/trace.hpp"
#include "practice/diagnose.hpp"
#include "practice/exercise.hpp"
#include "practice/matrix_answer.hpp"
#include "practice/pipeline.hpp"

namespace qkv::practice {

/// The formula of one worked step, shown when the learner asks for a hint.
struct Hint {
  std::string step;     ///< step id
  std::string title;    ///< "Scaled scores"
  std::string formula;  ///< "S_scaled = S × 0.5000 = 1/√4 (d_k = 4)"
  std::string shape;    ///< "S_scaled (3×3)"
};

struct PartResult {
  std::size_t part = 0;
  Matrix given;
  EntryMask ok;                    ///< per entry: within tolerance of the right answer
  bool correct = false;            ///< right, possibly by `carried`
  bool carried = false;            ///< not within tolerance of the right answer, but exactly what
                                   ///< the learner's own earlier (right) parts give: rounding
  std::optional<bool> consistent;  ///< agrees with what the learner's earlier parts imply;
                                   ///< nullopt when no earlier part feeds this one
  bool hinted = false;
  Diagnosis diagnosis;  ///< empty when correct, or wrong only through earlier parts
};

class Attempt {
 public:
  /// Runs the engine on e (right, and with each of e.mistakes). e must outlive the attempt.
  /// Throws Error(Exit::data) when the exercise's problem does not validate.
  explicit Attempt(const Exercise& e);
  Attempt(const Attempt&) = delete;
  Attempt& operator=(const Attempt&) = delete;

  const Exercise& exercise() const { return e_; }
  /// The right computation (one trace per problem): the worked steps.
  const std::vector<attention::Trace>& traces() const { return right_; }

  /// Skips to part `index`: the parts before it are not asked (a calculated question asks one
  /// part on its own). REQUIRES: no part answered yet, index < number of parts.
  void start_at(std::size_t index) { next_ = index; }

  bool done() const { return next_ >= e_.parts.size(); }
  /// The part to answer now. REQUIRES: !done().
  const Part& current() const { return e_.parts[next_]; }

  /// Parses a typed answer for the current part (see parse_answer). REQUIRES: !done().
  ParsedAnswer parse(std::string_view text) const;

  /// The next worked step of the current part, marking the part as hinted; nullopt when every
  /// step of the part was shown. REQUIRES: !done().
  std::optional<Hint> next_hint();
  /// Hints shown for the current part.
  int hints_shown() const { return hints_; }

  /// Grades `given` (the current part's shape) and moves to the next part.
  const PartResult& answer(const Matrix& given);

  const std::vector<PartResult>& results() const { return results_; }
  /// True when every part asked was answered right.
  bool correct() const;

 private:
  using Mistaken = std::vector<std::pair<const Mistake*, std::vector<attention::Trace>>>;
  std::vector<Candidate> candidates(const Part& part, const StepValues& mine) const;
  /// The exercise solved with each of its mistakes, the first time a wrong answer needs them.
  const Mistaken& mistaken() const;

  const Exercise& e_;
  std::vector<attention::Trace> right_;
  mutable std::optional<Mistaken> mistaken_;
  std::optional<Pipeline> pipeline_;
  StepValues work_;  ///< the learner's answers so far, as whole steps (right values elsewhere)
  std::vector<PartResult> results_;
  std::size_t next_ = 0;  ///< index of the part to answer now
  int hints_ = 0;
};

/// Worked steps (ids, as in Part::steps) as hints, in order; ids the traces lack are skipped.
std::vector<Hint> hints_for(const std::vector<std::string>& steps,
                            const std::vector<attention::Trace>& traces);
/// The worked steps of a part as hints (all of them, in order).
inline std::vector<Hint> hints_for(const Part& part, const std::vector<attention::Trace>& traces) {
  return hints_for(part.steps, traces);
}

}  // namespace qkv::practice
