#pragma once
// A second, deliberately naive implementation of scaled dot-product attention, written apart
// from src/attention so that the engine's numbers can be checked against something independent:
// plain nested loops over std::vector, long double arithmetic, only the standard library (so
// the end-to-end tests can use it too; conversions to Eigen are in attention_test_util.hpp).
// Semantics follow PyTorch's scaled_dot_product_attention:
// keep mask 1 = may attend, is_causal = top-left (j <= i), bottom-right causal keeps
// j <= i + (m - n), an additive mask is added to the scaled scores, default scale 1/sqrt(d_head).
//
// The building blocks (matmul, transpose, softmax_rows, ...) are exposed so that tests of the
// drills can compose known mistakes from them too.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace naive {

using Real = long double;
using Mat = std::vector<std::vector<Real>>;

inline std::size_t rows(const Mat& a) {
  return a.size();
}
inline std::size_t cols(const Mat& a) {
  return a.empty() ? 0 : a[0].size();
}

inline Mat zeros(std::size_t r, std::size_t c) {
  return Mat(r, std::vector<Real>(c, 0.0L));
}

inline Mat matmul(const Mat& a, const Mat& b) {
  if (cols(a) != rows(b)) throw std::invalid_argument("naive::matmul: shapes do not fit");
  Mat out = zeros(rows(a), cols(b));
  for (std::size_t i = 0; i < rows(a); ++i)
    for (std::size_t j = 0; j < cols(b); ++j) {
      Real s = 0;
      for (std::size_t k = 0; k < cols(a); ++k) s += a[i][k] * b[k][j];
      out[i][j] = s;
    }
  return out;
}

inline Mat transpose(const Mat& a) {
  Mat out = zeros(cols(a), rows(a));
  for (std::size_t i = 0; i < rows(a); ++i)
    for (std::size_t j = 0; j < cols(a); ++j) out[j][i] = a[i][j];
  return out;
}

/// Adds the one-row matrix b to every row of a.
inline Mat add_row(const Mat& a, const Mat& b) {
  Mat out = a;
  for (auto& row : out)
    for (std::size_t j = 0; j < row.size(); ++j) row[j] += b[0][j];
  return out;
}

inline Mat times(const Mat& a, Real s) {
  Mat out = a;
  for (auto& row : out)
    for (auto& x : row) x *= s;
  return out;
}

/// Columns [first, first + count).
inline Mat columns(const Mat& a, std::size_t first, std::size_t count) {
  Mat out = zeros(rows(a), count);
  for (std::size_t i = 0; i < rows(a); ++i)
    for (std::size_t j = 0; j < count; ++j) out[i][j] = a[i][first + j];
  return out;
}

enum class MaskKind { none, causal_top_left, causal_bottom_right, keep, additive };

struct Mask {
  MaskKind kind = MaskKind::none;
  Mat matrix;  ///< keep (1/0) or additive
};

/// True when query i may attend to key j (n queries, m keys).
inline bool keeps(const Mask& mask, std::size_t i, std::size_t j, std::size_t n, std::size_t m) {
  switch (mask.kind) {
    case MaskKind::none:
      return true;
    case MaskKind::causal_top_left:
      return j <= i;
    case MaskKind::causal_bottom_right:
      return j + n <= i + m;  // j <= i + (m - n), unsigned-safe
    case MaskKind::keep:
      return mask.matrix[i][j] != 0.0L;
    case MaskKind::additive:
      return true;
  }
  return true;
}

/// Masked scores: additive masks added; otherwise masked entries become -infinity.
inline Mat apply_mask(const Mat& s, const Mask& mask) {
  Mat out = s;
  const std::size_t n = rows(s), m = cols(s);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j) {
      if (mask.kind == MaskKind::additive)
        out[i][j] += mask.matrix[i][j];
      else if (!keeps(mask, i, j, n, m))
        out[i][j] = -std::numeric_limits<Real>::infinity();
    }
  return out;
}

/// Row-wise softmax, subtracting the row maximum.
inline Mat softmax_rows(const Mat& s) {
  Mat out = s;
  for (auto& row : out) {
    Real mx = -std::numeric_limits<Real>::infinity();
    for (Real x : row) mx = std::max(mx, x);
    if (std::isinf(mx)) throw std::invalid_argument("naive::softmax_rows: a row is fully masked");
    Real sum = 0;
    for (Real& x : row) {
      x = std::isinf(x) ? 0.0L : std::exp(x - mx);
      sum += x;
    }
    for (Real& x : row) x /= sum;
  }
  return out;
}

/// The inputs: either x with wq, wk, wv (and optional biases) or q, k, v.
struct Input {
  std::optional<Mat> x, wq, wk, wv, bq, bk, bv, q, k, v, wo;
  Mask mask;
  std::optional<Real> scale;  ///< default 1/sqrt(d_head)
  std::size_t heads = 1;
};

/// Everything one head computes.
struct Head {
  Mat q, k, v, scores, scaled, masked, weights, output;
};

struct Result {
  Mat q, k, v;  ///< full width
  std::vector<Head> heads;
  Mat concat;  ///< the heads' outputs side by side
  Mat output;  ///< concat · wo, or concat
  Real scale = 0;
};

inline Result attention(const Input& in) {
  Result r;
  if (in.x) {
    r.q = matmul(*in.x, *in.wq);
    r.k = matmul(*in.x, *in.wk);
    r.v = matmul(*in.x, *in.wv);
    if (in.bq) r.q = add_row(r.q, *in.bq);
    if (in.bk) r.k = add_row(r.k, *in.bk);
    if (in.bv) r.v = add_row(r.v, *in.bv);
  } else {
    r.q = *in.q;
    r.k = *in.k;
    r.v = *in.v;
  }
  const std::size_t h_count = in.heads;
  const std::size_t dk = cols(r.q) / h_count, dv = cols(r.v) / h_count;
  r.scale = in.scale ? *in.scale : 1.0L / std::sqrt(static_cast<Real>(dk));
  r.concat = zeros(rows(r.q), cols(r.v));
  for (std::size_t h = 0; h < h_count; ++h) {
    Head hd;
    hd.q = columns(r.q, h * dk, dk);
    hd.k = columns(r.k, h * dk, dk);
    hd.v = columns(r.v, h * dv, dv);
    hd.scores = matmul(hd.q, transpose(hd.k));
    hd.scaled = times(hd.scores, r.scale);
    hd.masked = apply_mask(hd.scaled, in.mask);
    hd.weights = softmax_rows(hd.masked);
    hd.output = matmul(hd.weights, hd.v);
    for (std::size_t i = 0; i < rows(hd.output); ++i)
      for (std::size_t j = 0; j < dv; ++j) r.concat[i][h * dv + j] = hd.output[i][j];
    r.heads.push_back(std::move(hd));
  }
  r.output = in.wo ? matmul(r.concat, *in.wo) : r.concat;
  return r;
}

/// One decoding position: the cache length after appending, the new query's weights over the
/// cache (mean over heads) and the new output row.
struct DecodeRow {
  std::size_t cache_length = 0;
  std::vector<Real> weights;
  std::vector<Real> output;
};

/// Decodes with a growing cache: before query t the cache holds keys 0 .. (m - n + t).
inline std::vector<DecodeRow> decode(const Input& in) {
  const Result full = attention(in);  // only for Q, K, V and the scale
  const std::size_t n = rows(full.q), m = rows(full.k), H = in.heads;
  const std::size_t dk = cols(full.q) / H, dv = cols(full.v) / H;
  std::vector<DecodeRow> out;
  Mat kc, vc;  // the cache, grown one row at a time
  for (std::size_t j = 0; j + n < m; ++j) {
    kc.push_back(full.k[j]);
    vc.push_back(full.v[j]);
  }
  for (std::size_t t = 0; t < n; ++t) {
    kc.push_back(full.k[m - n + t]);
    vc.push_back(full.v[m - n + t]);
    DecodeRow row;
    row.cache_length = kc.size();
    row.weights.assign(kc.size(), 0.0L);
    std::vector<Real> concat(cols(full.v), 0.0L);
    for (std::size_t h = 0; h < H; ++h) {
      std::vector<Real> s(kc.size());
      Real mx = -std::numeric_limits<Real>::infinity();
      for (std::size_t j = 0; j < kc.size(); ++j) {
        Real d = 0;
        for (std::size_t c = 0; c < dk; ++c) d += full.q[t][h * dk + c] * kc[j][h * dk + c];
        s[j] = d * full.scale;
        mx = std::max(mx, s[j]);
      }
      Real sum = 0;
      for (auto& x : s) sum += (x = std::exp(x - mx));
      for (std::size_t j = 0; j < kc.size(); ++j) {
        s[j] /= sum;
        row.weights[j] += s[j] / static_cast<Real>(H);
        for (std::size_t c = 0; c < dv; ++c) concat[h * dv + c] += s[j] * vc[j][h * dv + c];
      }
    }
    if (in.wo) {
      row.output = matmul(Mat{concat}, *in.wo)[0];
    } else {
      row.output = concat;
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace naive
