#pragma once
// The steps of attention as separate pure functions, so that the engine, the KV-cache decoder and
// the drills (which re-run single steps the way a known mistake would) share one implementation.
// None of them prints; shape problems throw Error(Exit::data) naming the matrices and shapes.
#include <Eigen/Core>
#include <functional>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "attention/options.hpp"
#include "attention/problem.hpp"

namespace qkv::attention {

/// Which scores may be attended: n×m, true = may attend (PyTorch's keep convention).
using KeepMask = Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>;

/// X·W (+ b, one row added to every row). Throws when W does not have one row per column of X
/// or b is not 1×(columns of W); `what` names the result in messages ("Q", "K", "V").
Matrix project(const Matrix& x, const Matrix& w, const std::optional<Matrix>& bias,
               std::string_view what);

/// S = Q·Kᵀ (n×m), or with KeyProduct::q_k the mistaken Q·K, which throws unless d_k equals the
/// number of rows of K.
Matrix scores(const Matrix& q, const Matrix& k, KeyProduct product = KeyProduct::q_kt);

/// S × factor (the "scaled" step).
Matrix scale_scores(const Matrix& s, double factor);

/// The score multiplier. `given` (the problem's scale) wins under ScaleRule::standard; otherwise
/// 1/√d_head, or the mistaken 1, 1/d_head, 1/√d_all (d_all = width of Q over all heads).
double scale_for(int d_head, int d_all, std::optional<double> given,
                 ScaleRule rule = ScaleRule::standard);

/// Which entries a mask keeps for n queries and m keys. Causal top-left keeps j <= i; bottom-right
/// keeps j <= i + (m - n); CausalDirection::hide_past flips both to j >= i (+ (m - n)). A keep
/// matrix keeps its 1 entries; an additive mask keeps entries above kAdditiveMaskedAtOrBelow.
/// REQUIRES: a keep/additive matrix is n×m (validate() checks it).
KeepMask keep_matrix(const MaskSpec& mask, int n, int m,
                     CausalDirection direction = CausalDirection::hide_future);

/// 0-based indices of the rows in which nothing is kept.
std::vector<int> fully_masked_rows(const KeepMask& keep);

/// The masked scores (before the softmax): an additive mask is added; otherwise masked entries
/// become −∞ (MaskFill::zero: the mistaken 0). Throws Error(Exit::data) naming the row when a row
/// would have no key left.
Matrix apply_mask(const Matrix& scaled, const MaskSpec& mask, const KeepMask& keep,
                  MaskFill fill = MaskFill::minus_infinity);

/// What a learner needs to follow one softmax row by hand.
struct SoftmaxDetail {
  double max = 0.0;      ///< the row's maximum, subtracted before exponentiating
  double sum_exp = 0.0;  ///< Σ exp(s_j − max): each weight is exp(s_j − max) / sum_exp
};

struct SoftmaxResult {
  Matrix weights;
  std::vector<SoftmaxDetail> details;  ///< one per row (per column for SoftmaxAxis::columns)
};

/// Softmax along rows (or, as the mistake, columns), subtracting each row's maximum so nothing
/// overflows; −∞ entries get weight exactly 0. Throws Error(Exit::data) naming the row (column)
/// when all of its entries are −∞.
SoftmaxResult softmax(const Matrix& s, SoftmaxAxis axis = SoftmaxAxis::rows);

/// The mistake "mask after softmax": masked weights set to 0, the rest left as they are.
Matrix zero_masked(const Matrix& weights, const KeepMask& keep);

/// O = P·V. Throws unless P has one column per row of V.
Matrix weighted_sum(const Matrix& p, const Matrix& v);

/// Says, for an entry of a step, what it is made of ("the dot product of query 1 and key 2").
using EntryCause = std::function<std::string(Eigen::Index row, Eigen::Index col)>;
/// Says whether a −∞ at this entry is the mask's (and so not an overflow).
using MaskedAt = std::function<bool(Eigen::Index row, Eigen::Index col)>;

/// Throws Error(Exit::data) when `m`, the matrix of step `step_id` ("scores", "head2/output"),
/// holds a value that is not finite, other than a −∞ where `masked` (when given) says the mask
/// put one. The message names the step, the first such entry (row and column, from 1), its
/// value (+inf, -inf or nan), what overflowed (`cause`) and the range of a double. The inputs are
/// finite (validate()), so such a value can only come from an overflow: 1e200 · 1e200.
void require_finite(const Matrix& m, std::string_view step_id, const EntryCause& cause,
                    const MaskedAt& masked = {});

/// An uninitialised rows×cols matrix. Large ones (n×m scores and weights) are advised to use
/// transparent huge pages where the kernel offers them (as NumPy does), which saves most of the
/// page faults of touching fresh memory; the contents are the same either way.
Matrix uninitialized_matrix(Eigen::Index rows, Eigen::Index cols);

/// Columns [h·w, (h+1)·w) of m, w = m.cols() / heads. REQUIRES: heads divides m.cols().
Matrix head_slice(const Matrix& m, int head, int heads);

/// The heads' outputs side by side (all with the same number of rows).
Matrix concat_heads(const std::vector<Matrix>& parts);

}  // namespace qkv::attention
