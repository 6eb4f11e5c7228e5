#pragma once
// What the attention engine is asked to compute: the inputs of one attention problem, exactly as
// a learner, an example file or a drill states them, before anything is computed.
//
// Conventions (docs/ARCHITECTURE.md, "Attention engine"): tokens are rows; X is n×d_model;
// W_q, W_k are d_model×d_k, W_v is d_model×d_v; biases are one row; Q is n×d_k, K is m×d_k,
// V is m×d_v. Keep masks use PyTorch's convention: 1 means "may attend".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/numbers.hpp"

namespace qkv::attention {

enum class MaskKind {
  none,                 ///< every query sees every key
  causal_top_left,      ///< keep j <= i (PyTorch is_causal, torch.tril(diagonal=0))
  causal_bottom_right,  ///< keep j <= i + (m - n): the last query sees every key (KV-cache
                        ///< decoding)
  keep,                 ///< an explicit n×m matrix of 1 (may attend) and 0 (masked)
  additive,             ///< an explicit n×m matrix added to the scaled scores
};

/// The name used on the command line and in JSON: "none", "causal", "causal-bottom-right",
/// "keep", "additive".
const char* mask_kind_name(MaskKind kind);

/// Additive-mask entries at or below this (−∞ included) count as "masked" where a yes/no answer
/// is needed: for the keep matrix a drill shows and for the mistakes that treat masked entries
/// specially (mask-to-zero, mask-after-softmax). The computation itself adds every entry as
/// PyTorch does; only a row that is entirely −∞ is refused.
inline constexpr double kAdditiveMaskedAtOrBelow = -1e9;

/// The largest problem qkv computes: at most kMaxTokens queries and keys, widths (d_model, d_k,
/// d_v, d_out) and heads up to kMaxWidth. validate() applies them to every way a problem comes
/// in (options, --input, --random, examples, `qkv check`); `qkv calc --help` names them. Within
/// them, memory_needed() (engine.hpp) says whether the machine can hold the computation.
inline constexpr int kMaxTokens = 8192;
inline constexpr int kMaxWidth = 4096;

struct MaskSpec {
  MaskKind kind = MaskKind::none;
  Matrix matrix;  ///< n×m; only for keep (entries 0/1) and additive
};

struct Problem {
  // Either X with W_q, W_k, W_v (self-attention, n = m), or Q, K, V given directly.
  std::optional<Matrix> x;      ///< n×d_model
  std::optional<Matrix> wq;     ///< d_model×d_k (all heads side by side)
  std::optional<Matrix> wk;     ///< d_model×d_k
  std::optional<Matrix> wv;     ///< d_model×d_v
  std::optional<Matrix> bq;     ///< 1×d_k, added to every row of X·W_q (optional)
  std::optional<Matrix> bk;     ///< 1×d_k (optional)
  std::optional<Matrix> bv;     ///< 1×d_v (optional)
  std::optional<Matrix> q;      ///< n×d_k
  std::optional<Matrix> k;      ///< m×d_k
  std::optional<Matrix> v;      ///< m×d_v
  std::optional<Matrix> wo;     ///< d_v×d_out, applied to the concatenated heads (optional)
  MaskSpec mask;                ///< applied to the scaled scores before the softmax
  std::optional<double> scale;  ///< the score multiplier; default 1/√(head width of Q)
  int heads = 1;                ///< the columns of Q, K, V are split evenly into this many heads
  std::vector<std::string>
      tokens;  ///< labels: m of them (one per key; also the queries when n = m)
};

/// The sizes of a valid problem.
struct Shapes {
  int n = 0;        ///< queries (rows of Q)
  int m = 0;        ///< keys and values (rows of K and V)
  int d_model = 0;  ///< columns of X; 0 when Q, K, V were given
  int d_k = 0;      ///< columns of Q and K (all heads)
  int d_v = 0;      ///< columns of V (all heads)
  int d_out = 0;    ///< columns of the output: d_v, or the columns of W_o
  int heads = 1;
  int d_head_k() const { return d_k / heads; }
  int d_head_v() const { return d_v / heads; }
};

/// "2×3".
std::string shape_text(const Matrix& m);

/// Every problem with the problem, each a Diagnostic naming the matrices and their shapes (file
/// is `name`, pointer the JSON key such as "/wq"): missing or conflicting inputs, shapes that do
/// not fit, non-finite entries, keep-mask entries other than 0/1, heads that do not divide the
/// widths, a wrong number of tokens, rows in which the mask hides every key, and sizes past
/// kMaxTokens and kMaxWidth. Empty when valid.
std::vector<Diagnostic> validate(const Problem& p, std::string_view name = {});

/// Throws Error(Exit::data) with every diagnostic of validate() when there is any.
void check(const Problem& p, std::string_view name = {});

/// The sizes of a problem that check() accepts.
Shapes shapes_of(const Problem& p);

}  // namespace qkv::attention
