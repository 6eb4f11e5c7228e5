#pragma once
// Helpers shared by the attention tests: building matrices from literals, comparing with a
// tolerance, and turning an engine Problem into the naive reference's Input.
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>

#include "attention/problem.hpp"
#include "support/naive_attention.hpp"

// Conversions between Eigen and the naive reference (kept out of naive_attention.hpp so that
// header needs only the standard library).
namespace naive {

inline naive::Mat from_eigen(const Eigen::MatrixXd& m) {
  naive::Mat out(static_cast<std::size_t>(m.rows()),
                 std::vector<naive::Real>(static_cast<std::size_t>(m.cols())));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      out[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = m(i, j);
  return out;
}

inline Eigen::MatrixXd to_eigen(const naive::Mat& m) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(m.size()),
                      static_cast<Eigen::Index>(m.empty() ? 0 : m[0].size()));
  for (std::size_t i = 0; i < m.size(); ++i)
    for (std::size_t j = 0; j < m[i].size(); ++j)
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          static_cast<double>(m[i][j]);
  return out;
}

/// Largest |a - b| over all entries (infinities equal when they match). Shapes must agree.
inline double max_abs_diff(const Eigen::MatrixXd& a, const naive::Mat& b) {
  if (static_cast<std::size_t>(a.rows()) != naive::rows(b) ||
      static_cast<std::size_t>(a.cols()) != naive::cols(b))
    return std::numeric_limits<double>::infinity();
  double worst = 0;
  for (std::size_t i = 0; i < naive::rows(b); ++i)
    for (std::size_t j = 0; j < naive::cols(b); ++j) {
      const double x = a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      const double y = static_cast<double>(b[i][j]);
      if (std::isinf(x) || std::isinf(y)) {
        if (x != y) return std::numeric_limits<double>::infinity();
        continue;
      }
      worst = std::max(worst, std::abs(x - y));
    }
  return worst;
}

}  // namespace naive

namespace attn_test {

inline constexpr double INF = std::numeric_limits<double>::infinity();

using Rows = std::initializer_list<std::initializer_list<double>>;

inline qkv::Matrix M(Rows rows) {
  qkv::Matrix m(static_cast<Eigen::Index>(rows.size()),
                static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& r : rows) {
    Eigen::Index j = 0;
    for (double x : r) m(i, j++) = x;
    ++i;
  }
  return m;
}

/// Largest |a - b| (matching infinities count as equal; a shape mismatch is infinite).
inline double max_diff(const qkv::Matrix& a, const qkv::Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return INF;
  double worst = 0;
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      if (std::isinf(a(i, j)) || std::isinf(b(i, j))) {
        if (a(i, j) != b(i, j)) return INF;
        continue;
      }
      worst = std::max(worst, std::abs(a(i, j) - b(i, j)));
    }
  return worst;
}

/// CHECKs that got equals want within tol, naming what is compared.
inline void expect_matrix(const std::string& what, const qkv::Matrix& got, const qkv::Matrix& want,
                          double tol = 1e-12) {
  INFO(what << ": got\n" << got << "\nwant\n" << want);
  CHECK(max_diff(got, want) <= tol);
}

inline naive::MaskKind naive_kind(qkv::attention::MaskKind k) {
  using K = qkv::attention::MaskKind;
  switch (k) {
    case K::none:
      return naive::MaskKind::none;
    case K::causal_top_left:
      return naive::MaskKind::causal_top_left;
    case K::causal_bottom_right:
      return naive::MaskKind::causal_bottom_right;
    case K::keep:
      return naive::MaskKind::keep;
    case K::additive:
      return naive::MaskKind::additive;
  }
  return naive::MaskKind::none;
}

/// The same problem for the naive reference.
inline naive::Input to_naive(const qkv::attention::Problem& p) {
  naive::Input in;
  auto conv = [](const std::optional<qkv::Matrix>& m) -> std::optional<naive::Mat> {
    if (!m) return std::nullopt;
    return naive::from_eigen(*m);
  };
  in.x = conv(p.x);
  in.wq = conv(p.wq);
  in.wk = conv(p.wk);
  in.wv = conv(p.wv);
  in.bq = conv(p.bq);
  in.bk = conv(p.bk);
  in.bv = conv(p.bv);
  in.q = conv(p.q);
  in.k = conv(p.k);
  in.v = conv(p.v);
  in.wo = conv(p.wo);
  in.mask.kind = naive_kind(p.mask.kind);
  if (p.mask.matrix.size() > 0) in.mask.matrix = naive::from_eigen(p.mask.matrix);
  if (p.scale) in.scale = *p.scale;
  in.heads = static_cast<std::size_t>(p.heads);
  return in;
}

}  // namespace attn_test
