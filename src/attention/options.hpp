#pragma once
// How the engine computes. The defaults are scaled dot-product attention exactly as PyTorch's
// scaled_dot_product_attention; every other value is one known mistake, so that drills can re-run
// the engine "the way a learner who made that mistake would" and compare (see issue 4's catalogue).
namespace qkv::attention {

/// The score multiplier used when the problem does not give one (a given scale always wins for
/// `standard`; the mistakes ignore it).
enum class ScaleRule {
  standard,         ///< 1/√d_head (d_head = width of one head of Q), or the problem's scale
  none,             ///< mistake "unscaled": multiplier 1
  by_d,             ///< mistake "scaled-by-d": 1/d_head instead of 1/√d_head
  by_sqrt_d_model,  ///< mistake "scaled-by-dmodel": 1/√d_model (width of X; of Q over all
                    ///< heads when Q is given directly)
};

/// Which way the softmax normalises the masked scores.
enum class SoftmaxAxis {
  rows,     ///< each query's weights sum to 1 (right)
  columns,  ///< mistake "softmax-columns": each key's column sums to 1
};

/// When the mask is applied.
enum class MaskStage {
  before_softmax,  ///< masked scores become −∞ (or get the additive mask), then softmax (right)
  after_softmax,   ///< mistake "mask-after-softmax": softmax of the unmasked scores, then masked
                   ///< weights set to 0 without renormalising
};

/// What a masked score becomes (before the softmax).
enum class MaskFill {
  minus_infinity,  ///< exp(−∞) = 0: the key gets no weight (right)
  zero,            ///< mistake "mask-to-zero": the score is set to 0, which still gets weight
};

/// Which side of the diagonal a causal mask hides.
enum class CausalDirection {
  hide_future,  ///< a token sees itself and earlier tokens (right)
  hide_past,    ///< mistake "causal-flipped": a token sees itself and later tokens
};

/// How the scores are formed from Q and K.
enum class KeyProduct {
  q_kt,  ///< S = Q·Kᵀ (right)
  q_k,   ///< mistake "no-transpose": S = Q·K, only possible when d_k equals the number of keys
};

/// What the weights average.
enum class ValueSource {
  v,  ///< O = P·V (right)
  k,  ///< mistake "keys-as-values": O = P·K
};

/// Whether X is projected.
enum class Projection {
  apply,  ///< Q = X·W_q + b_q, and so on (right)
  skip,   ///< mistake "no-projection": Q = K = V = X (needs X)
};

/// Whether to also decode token by token with a KV cache.
enum class Decode {
  off,
  kv_cache,  ///< also run the cache decoder and compare it with full causal attention
};

struct Options {
  ScaleRule scale_rule = ScaleRule::standard;        ///< default scale, or a scaling mistake
  SoftmaxAxis softmax_axis = SoftmaxAxis::rows;      ///< softmax over rows (right) or columns
  MaskStage mask_stage = MaskStage::before_softmax;  ///< mask before softmax (right) or after
  MaskFill mask_fill = MaskFill::minus_infinity;     ///< masked scores become −∞ (right) or 0
  CausalDirection causal = CausalDirection::hide_future;  ///< causal masks hide the future (right)
  KeyProduct product = KeyProduct::q_kt;                  ///< Q·Kᵀ (right) or Q·K
  ValueSource values = ValueSource::v;                    ///< weights times V (right) or K
  Projection projection = Projection::apply;              ///< project X (right) or use X as is
  Decode decode = Decode::off;                            ///< also decode with a KV cache
};

/// True when every field has its correct (default) value.
constexpr bool is_standard(const Options& o) {
  return o.scale_rule == ScaleRule::standard && o.softmax_axis == SoftmaxAxis::rows &&
         o.mask_stage == MaskStage::before_softmax && o.mask_fill == MaskFill::minus_infinity &&
         o.causal == CausalDirection::hide_future && o.product == KeyProduct::q_kt &&
         o.values == ValueSource::v && o.projection == Projection::apply;
}

}  // namespace qkv::attention
