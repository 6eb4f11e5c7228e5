#pragma once
// Attention recomputed from a learner's own numbers. `qkv check` and multi-part drills judge a
// later step against what the learner's earlier steps imply (so one slip is not counted many
// times), and look for a known mistake applied to those numbers. This composes the engine's step
// functions (steps.hpp) with the same Options as the engine, step by step, substituting the
// learner's matrix wherever the learner gave one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attention/options.hpp"
#include "attention/problem.hpp"
#include "practice/exercise.hpp"
#include "practice/solve.hpp"

namespace qkv::practice {

class Pipeline {
 public:
  /// For a problem computed from its inputs. Throws Error(Exit::data) when check(p) fails.
  explicit Pipeline(attention::Problem p);
  /// For given weights P (n×m) over K and V: the steps are k, v, weights (fixed) and output.
  Pipeline(attention::Problem p, Matrix weights);
  /// For an exercise's first problem, with its start.
  static Pipeline of(const Exercise& e);

  /// The step ids in computation order: q, k, v, keep, scores, scaled, masked, weights, output
  /// (keep and masked only with a mask); with several heads (or W_o) q, k, v, then for each head
  /// headH/q, headH/k, headH/v, headH/keep, headH/scores ... headH/output, then concat, output.
  const std::vector<std::string>& order() const { return order_; }
  /// True when `id` is one of order().
  bool has(std::string_view id) const;
  /// The right value of every step (standard options, nothing substituted).
  const StepValues& right() const { return right_; }

  /// Step `target` computed under o from the learner's matrices for the steps before it (those
  /// `learner` holds with the right shape; the others are computed under o as well). nullopt
  /// when it cannot be computed: an unknown step, shapes that do not fit (Q·K, a projection
  /// without X), a fully masked row, or a step the mistake does not have (masked, when the mask
  /// is applied after the softmax).
  std::optional<Matrix> derive(std::string_view target, const StepValues& learner,
                               const attention::Options& o = {}) const;

 private:
  Matrix compute(const std::string& id, const StepValues& values,
                 const attention::Options& o) const;

  attention::Problem p_;
  attention::Shapes shapes_;
  std::optional<Matrix> fixed_weights_;
  std::vector<std::string> order_;
  StepValues right_;
};

}  // namespace qkv::practice
