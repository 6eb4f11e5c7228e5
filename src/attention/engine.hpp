#pragma once
// The attention engine: from a Problem to its Trace. Semantics are those of PyTorch's
// scaled_dot_product_attention (keep mask 1 = may attend, is_causal = top-left, additive masks
// added to the scaled scores, default scale 1/√ of one head's width), with every step recorded.
// Options other than the defaults reproduce known mistakes for the drills.
#include <cstddef>

#include "attention/options.hpp"
#include "attention/problem.hpp"
#include "attention/trace.hpp"
#include "core/expected.hpp"

namespace qkv::attention {

/// Validates the problem (Error(Exit::data) listing every problem, see validate()) and computes
/// its trace: one head when heads = 1 and there is no W_o, otherwise run_heads(). With
/// Decode::kv_cache it also decodes token by token (decode.hpp); a problem without a mask is then
/// computed with a causal one, and keep or additive masks are refused (Error(Exit::data)). Only a
/// computation with standard options gets decoding records: the decoder computes the right way.
Trace run(const Problem& p, const Options& o = {});

/// run() for callers that expect it may fail (a drill's mistake that cannot be made on this
/// problem, a question's calc block): the trace, or the Failure run() would have thrown as an
/// Error. Only Error becomes a value; anything else (a bug, out of memory) still throws.
Expected<Trace> try_run(const Problem& p, const Options& o = {});

/// The multi-head path even for one head: split Q, K, V into p.heads heads, a full trace for
/// each, concatenation, then W_o when given. Validates like run().
Trace run_heads(const Problem& p, const Options& o = {});

/// About how many bytes run(p, o) holds at its peak, for refusing a problem the machine cannot
/// hold before starting it: every head's n×m matrices (scores, scaled, masked with a mask,
/// weights, and the keep mask's bytes), the mean weights of several heads, the decoding records
/// with Decode::kv_cache, and the n×d matrices. REQUIRES: check(p) passes.
std::size_t memory_needed(const Problem& p, const Options& o = {});

/// The score multiplier run() uses for this problem under these options: the problem's scale
/// or 1/√(one head's width of Q) when standard; for ScaleRule::by_sqrt_d_model 1/√d_model (the
/// width of X; of Q over all heads when Q is given). Validates like run().
double problem_scale(const Problem& p, const Options& o = {});

/// What one head needs besides Q, K and V.
struct HeadSetup {
  MaskSpec mask;                          ///< the problem's mask (shared by all heads)
  double scale = 1.0;                     ///< the score multiplier
  bool scale_given = false;               ///< scale came from the problem (for the formula text)
  std::vector<std::string> query_labels;  ///< n labels
  std::vector<std::string> key_labels;    ///< m labels
  bool named_tokens = false;              ///< labels are tokens, not numbers
  int head = -1;                          ///< 0-based head number; -1 when there is one head
  int heads = 1;
};

/// The steps of one head from its Q, K, V: scores, scaled, masked (when there is a mask),
/// weights, output; plus the softmax details. q, k, v are NOT recorded as steps here (the caller
/// knows where they came from). Throws Error(Exit::data) for shapes that do not fit or a query
/// that the mask leaves nothing to see.
Trace attend(const Matrix& q, const Matrix& k, const Matrix& v, const HeadSetup& setup,
             const Options& o = {});

/// The query labels for n queries over m tokens with this mask: the tokens themselves when n = m;
/// for fewer queries the last n tokens under a bottom-right causal mask, the first n under a
/// top-left one, and "q1".."qn" otherwise. Numbers "1".."n" when there are no tokens.
std::vector<std::string> query_labels_for(const std::vector<std::string>& tokens, int n, int m,
                                          MaskKind mask);

}  // namespace qkv::attention
