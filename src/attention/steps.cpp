#include "attention/steps.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/memory.hpp"

namespace qkv::attention {

namespace {
constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
}

Matrix uninitialized_matrix(Eigen::Index rows, Eigen::Index cols) {
  Matrix m(rows, cols);
  constexpr std::size_t kHuge = 2u << 20;  // 2 MiB, the x86-64 huge page
  const std::size_t bytes = static_cast<std::size_t>(m.size()) * sizeof(double);
  if (bytes >= 2 * kHuge) {
    // malloc maps blocks this large on their own, and recent kernels align such mappings to
    // 2 MiB, so most of the block can be huge pages.
    advise_huge_pages(m.data(), bytes, 2 * kHuge);
    prefault_for_writing(m.data(), bytes);
  }
  return m;
}

Matrix scale_scores(const Matrix& s, double factor) {
  Matrix out = uninitialized_matrix(s.rows(), s.cols());
  out.noalias() = s * factor;
  return out;
}

Matrix project(const Matrix& x, const Matrix& w, const std::optional<Matrix>& bias,
               std::string_view what) {
  const std::string wname = "W_" + std::string(what == "Q" ? "q" : what == "K" ? "k" : "v");
  if (w.rows() != x.cols())
    throw_data(std::string(what) + " = X·" + wname + " needs " + wname + " to have one row per " +
               "column of X: X is " + shape_text(x) + ", " + wname + " is " + shape_text(w));
  Matrix out(x.rows(), w.cols());
  out.noalias() = x * w;
  if (bias) {
    if (bias->rows() != 1 || bias->cols() != w.cols())
      throw_data("the bias of " + std::string(what) + " must be 1×" + std::to_string(w.cols()) +
                 ", one entry per column of " + wname + ", but it is " + shape_text(*bias));
    out.rowwise() += bias->row(0);
  }
  return out;
}

Matrix scores(const Matrix& q, const Matrix& k, KeyProduct product) {
  if (product == KeyProduct::q_k) {
    if (q.cols() != k.rows())
      throw_data("Q·K (without the transpose) needs Q's columns to match K's rows: Q is " +
                 shape_text(q) + ", K is " + shape_text(k));
    Matrix s = uninitialized_matrix(q.rows(), k.cols());
    s.noalias() = q * k;
    return s;
  }
  if (q.cols() != k.cols())
    throw_data("Q·Kᵀ needs Q and K to have the same number of columns (d_k): Q is " +
               shape_text(q) + ", K is " + shape_text(k));
  Matrix s = uninitialized_matrix(q.rows(), k.rows());
  s.noalias() = q * k.transpose();
  return s;
}

double scale_for(int d_head, int d_all, std::optional<double> given, ScaleRule rule) {
  switch (rule) {
    case ScaleRule::standard:
      return given ? *given : 1.0 / std::sqrt(static_cast<double>(d_head));
    case ScaleRule::none:
      return 1.0;
    case ScaleRule::by_d:
      return 1.0 / static_cast<double>(d_head);
    case ScaleRule::by_sqrt_d_model:
      return 1.0 / std::sqrt(static_cast<double>(d_all));
  }
  return 1.0;
}

KeepMask keep_matrix(const MaskSpec& mask, int n, int m, CausalDirection direction) {
  KeepMask keep(n, m);
  switch (mask.kind) {
    case MaskKind::none:
      keep.setConstant(true);
      break;
    case MaskKind::causal_top_left:
    case MaskKind::causal_bottom_right: {
      const int offset = mask.kind == MaskKind::causal_bottom_right ? m - n : 0;
      for (int j = 0; j < m; ++j)
        for (int i = 0; i < n; ++i)
          keep(i, j) =
              direction == CausalDirection::hide_future ? j <= i + offset : j >= i + offset;
      break;
    }
    case MaskKind::keep:
      keep = mask.matrix.array() != 0.0;
      break;
    case MaskKind::additive:
      keep = mask.matrix.array() > kAdditiveMaskedAtOrBelow;
      break;
  }
  return keep;
}

std::vector<int> fully_masked_rows(const KeepMask& keep) {
  std::vector<int> rows;
  for (Eigen::Index i = 0; i < keep.rows(); ++i)
    if (!keep.row(i).any()) rows.push_back(static_cast<int>(i));
  return rows;
}

Matrix apply_mask(const Matrix& scaled, const MaskSpec& mask, const KeepMask& keep, MaskFill fill) {
  if (keep.rows() != scaled.rows() || keep.cols() != scaled.cols())
    throw_data("the mask is " + std::to_string(keep.rows()) + "×" + std::to_string(keep.cols()) +
               " but the scores are " + shape_text(scaled) +
               "; the mask needs one row per query and one column per key");
  if (fill == MaskFill::minus_infinity && mask.kind != MaskKind::additive) {
    if (auto rows = fully_masked_rows(keep); !rows.empty())
      throw_data("the mask hides every key from query row " + std::to_string(rows.front() + 1) +
                 "; a softmax over no keys is undefined, so let each query see at least one key");
  }
  Matrix out = uninitialized_matrix(scaled.rows(), scaled.cols());
  if (mask.kind == MaskKind::additive) {
    if (mask.matrix.rows() != scaled.rows() || mask.matrix.cols() != scaled.cols())
      throw_data("the additive mask is " + shape_text(mask.matrix) + " but the scores are " +
                 shape_text(scaled));
    out.noalias() = scaled + mask.matrix;
    if (fill == MaskFill::zero) out = keep.select(out, 0.0);
    return out;
  }
  out = keep.select(scaled, fill == MaskFill::zero ? 0.0 : kMinusInf);
  return out;
}

namespace {

// Below this, exp(x) is not a normal double: Eigen's vectorised exp clamps its argument there
// and returns about 2.2e-308 (5.6e-309 after its rounding) where exp(x) is a subnormal or 0.
constexpr double kExpNormalBelow = -708.0;

// exp of column j of `s` minus the row maxima, into `w`, the same way for every row. Eigen's
// vectorised exp works on packets of rows and leaves the rows that do not fill a packet to the
// scalar std::exp, which can differ in the last bit, so identical rows at different positions
// could get different weights. The exponents are therefore written to a buffer padded to whole
// packets (an aligned ArrayXd of such a size is evaluated with packets only), and every entry
// below kExpNormalBelow (−∞, a masked score, included) is recomputed with std::exp, which is
// exact there: 0 below about −745, the subnormal exp(x) between.
void exp_column(const Matrix& s, Eigen::Index j, const Eigen::VectorXd& mx, Eigen::ArrayXd& buf,
                Eigen::ArrayXd& exponents, Eigen::Ref<Eigen::VectorXd> w) {
  const Eigen::Index n = s.rows();
  buf.head(n) = (s.col(j) - mx).array();
  buf.tail(buf.size() - n).setZero();
  const bool small = (buf.head(n) < kExpNormalBelow).any();
  if (small) exponents = buf.head(n);
  buf = buf.exp();
  w = buf.head(n).matrix();
  if (small)
    for (Eigen::Index i = 0; i < n; ++i) {
      const double e = exponents(i);
      if (e == kMinusInf)
        w(i) = 0.0;  // a masked score
      else if (e < kExpNormalBelow)
        w(i) = std::exp(e);
    }
}

// Row-wise softmax. The storage is column-major, so every pass below runs down whole columns,
// which Eigen vectorises (exp included); a broadcast expression over the whole matrix would not
// be (it falls back to scalar exp).
SoftmaxResult softmax_rows(const Matrix& s, const char* row_word) {
  SoftmaxResult r;
  const Eigen::Index n = s.rows(), m = s.cols();
  Eigen::VectorXd mx = Eigen::VectorXd::Constant(n, kMinusInf);
  for (Eigen::Index j = 0; j < m; ++j) mx = mx.cwiseMax(s.col(j));
  for (Eigen::Index i = 0; i < n; ++i)
    if (mx(i) == kMinusInf)
      throw_data(std::string("every entry of ") + row_word + " " + std::to_string(i + 1) +
                 " is masked (−∞); a softmax over no keys is undefined, so let each query see "
                 "at least one key");
  r.weights = uninitialized_matrix(n, m);
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(n);
  constexpr Eigen::Index kPacket = Eigen::internal::packet_traits<double>::size;
  Eigen::ArrayXd buf((n + kPacket - 1) / kPacket * kPacket), exponents(n);
  for (Eigen::Index j = 0; j < m; ++j) {
    exp_column(s, j, mx, buf, exponents, r.weights.col(j));
    sum += r.weights.col(j);
  }
  for (Eigen::Index j = 0; j < m; ++j) r.weights.col(j).array() /= sum.array();
  r.details.resize(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i)
    r.details[static_cast<std::size_t>(i)] = SoftmaxDetail{mx(i), sum(i)};
  return r;
}

}  // namespace

SoftmaxResult softmax(const Matrix& s, SoftmaxAxis axis) {
  if (axis == SoftmaxAxis::rows) return softmax_rows(s, "row");
  SoftmaxResult t = softmax_rows(s.transpose(), "column");
  t.weights.transposeInPlace();
  return t;
}

Matrix zero_masked(const Matrix& weights, const KeepMask& keep) {
  return keep.select(weights, 0.0);
}

Matrix weighted_sum(const Matrix& p, const Matrix& v) {
  if (p.cols() != v.rows())
    throw_data("P·V needs one weight per row of V: the weights are " + shape_text(p) + ", V is " +
               shape_text(v));
  Matrix o(p.rows(), v.cols());
  // In bands of rows: Eigen packs the left operand into a fresh buffer per product, and for a
  // large P that buffer alone would cost thousands of page faults; a band's buffer is small and
  // malloc hands the same one back for the next band.
  constexpr Eigen::Index kBand = 256;
  for (Eigen::Index i = 0; i < p.rows(); i += kBand) {
    const Eigen::Index rows = std::min(kBand, p.rows() - i);
    o.middleRows(i, rows).noalias() = p.middleRows(i, rows) * v;
  }
  return o;
}

void require_finite(const Matrix& m, std::string_view step_id, const EntryCause& cause,
                    const MaskedAt& masked) {
  if (m.allFinite()) return;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const double x = m(i, j);
      if (std::isfinite(x) || (x == kMinusInf && masked && masked(i, j))) continue;
      const std::string value = std::isnan(x) ? "nan" : x < 0 ? "-inf" : "+inf";
      throw Error(Exit::data,
                  "step " + std::string(step_id) + ", row " + std::to_string(i + 1) +
                      ", column " + std::to_string(j + 1) + ": " + cause(i, j) +
                      (std::isnan(x) ? " is not a number (nan)" : " overflowed to " + value) +
                      "; a double holds magnitudes up to about 1.8e308, so use smaller inputs "
                      "(or a smaller scale)");
    }
}

Matrix head_slice(const Matrix& m, int head, int heads) {
  const Eigen::Index w = m.cols() / heads;
  return m.middleCols(head * w, w);
}

Matrix concat_heads(const std::vector<Matrix>& parts) {
  Eigen::Index cols = 0;
  for (const auto& p : parts) cols += p.cols();
  Matrix out(parts.empty() ? 0 : parts.front().rows(), cols);
  Eigen::Index at = 0;
  for (const auto& p : parts) {
    out.middleCols(at, p.cols()) = p;
    at += p.cols();
  }
  return out;
}

}  // namespace qkv::attention
