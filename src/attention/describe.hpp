#pragma once
// The words of the trace: titles, formulas, shapes and explanations of each step, written about
// the tokens of the problem at hand ("row 2 of the weights says how much \"cat\" takes from each
// token"). Pure text building, no printing; the engine calls these as it computes.
#include <string>
#include <vector>

#include "attention/trace.hpp"

namespace qkv::attention::describe {

/// What the steps of one head (or of the whole problem) are about.
struct HeadLabels {
  std::vector<std::string> query_labels;  ///< n labels
  std::vector<std::string> key_labels;    ///< m labels
  bool named_tokens = false;              ///< labels are the learner's tokens, not numbers
  int head = -1;                          ///< 0-based head number, -1 for the whole problem
  int heads = 1;
};

/// How Q (K, V) was obtained.
enum class Origin {
  projected,  ///< X·W (+ b)
  given,      ///< given directly
  x_as_is,    ///< the mistake "no projection": X itself
  head_part,  ///< the columns of one head, cut out of the full matrix
};

/// Labels "1".."count".
std::vector<std::string> numbered(int count);

/// Whether a bias was added in a projection.
enum class Bias { none, added };

/// Where the scale came from.
enum class ScaleSource { default_rule, given };

/// Step q, k or v (`which` is 'q', 'k' or 'v'). `x`, `w` are used for Origin::projected;
/// `full` (the whole Q, K or V) for Origin::head_part.
Step projection(char which, Origin origin, Matrix result, const HeadLabels& c, const Matrix* x,
                const Matrix* w, Bias bias, const Matrix* full);
Step scores(Matrix s, const Matrix& q, const Matrix& k, KeyProduct product, const HeadLabels& c);
Step scaled(Matrix s, double scale, int d_head, ScaleSource source, const Options& o,
            const HeadLabels& c);
Step masked(Matrix s, const MaskSpec& mask, const Options& o, const HeadLabels& c);
/// What the softmax was applied to.
enum class SoftmaxInput {
  scaled,             ///< no mask
  masked,             ///< the masked scores (right)
  scaled_mask_after,  ///< the mistake: unmasked scores, masked weights zeroed afterwards
};
Step weights(Matrix p, SoftmaxInput input, const Options& o, const HeadLabels& c);
Step output(Matrix o, const Matrix& p, const Matrix& v, const Options& opt, const HeadLabels& c);
Step concat(Matrix cat, int heads, const HeadLabels& c);
Step output_projection(Matrix out, const Matrix& cat, const Matrix* wo, const HeadLabels& c);

}  // namespace qkv::attention::describe
