#pragma once
// The drills' answers recomputed with the naive reference (naive_attention.hpp), independently of
// the engine, with each known mistake applied by hand: the tests feed these numbers to the
// grading and the diagnosis. Nothing here calls src/attention's computations.
#include <cmath>
#include <map>
#include <string>

#include "practice/exercise.hpp"
#include "support/attention_test_util.hpp"
#include "support/naive_attention.hpp"

namespace practice_test {

/// A mistake applied by hand (the catalogue's ids, spelt out again here on purpose).
enum class Slip {
  none,
  unscaled,
  scaled_by_d,
  scaled_by_dmodel,
  softmax_columns,
  mask_after_softmax,
  mask_to_zero,
  causal_flipped,
  no_transpose,
  keys_as_values,
  no_projection,
};

struct SlipName {
  Slip slip;
  const char* id;
};
inline constexpr SlipName kSlips[] = {
    {Slip::unscaled, "unscaled"},
    {Slip::scaled_by_d, "scaled-by-d"},
    {Slip::scaled_by_dmodel, "scaled-by-dmodel"},
    {Slip::softmax_columns, "softmax-columns"},
    {Slip::mask_after_softmax, "mask-after-softmax"},
    {Slip::mask_to_zero, "mask-to-zero"},
    {Slip::causal_flipped, "causal-flipped"},
    {Slip::no_transpose, "no-transpose"},
    {Slip::keys_as_values, "keys-as-values"},
    {Slip::no_projection, "no-projection"},
};

using Steps = std::map<std::string, naive::Mat>;

/// True when query i may attend key j under the mask (flipped: the other side of the diagonal).
inline bool keeps(const naive::Mask& mask, std::size_t i, std::size_t j, std::size_t n,
                  std::size_t m, bool flipped) {
  if (flipped && (mask.kind == naive::MaskKind::causal_top_left ||
                  mask.kind == naive::MaskKind::causal_bottom_right)) {
    const std::size_t offset = mask.kind == naive::MaskKind::causal_bottom_right ? m - n : 0;
    return j >= i + offset;
  }
  return naive::keeps(mask, i, j, n, m);
}

/// Every step of one problem, naive, with the slip applied. Throws std::invalid_argument when the
/// slip cannot be made (shapes that do not fit, no X).
inline Steps run(const qkv::attention::Problem& p, Slip slip) {
  using naive::Mat;
  using naive::Real;
  const naive::Input in = attn_test::to_naive(p);
  Steps s;
  Mat q, k, v;
  if (slip == Slip::no_projection) {
    if (!in.x) throw std::invalid_argument("no X");
    q = k = v = *in.x;
  } else if (in.x) {
    q = naive::matmul(*in.x, *in.wq);
    k = naive::matmul(*in.x, *in.wk);
    v = naive::matmul(*in.x, *in.wv);
    if (in.bq) q = naive::add_row(q, *in.bq);
    if (in.bk) k = naive::add_row(k, *in.bk);
    if (in.bv) v = naive::add_row(v, *in.bv);
  } else {
    q = *in.q;
    k = *in.k;
    v = *in.v;
  }
  s["q"] = q;
  s["k"] = k;
  s["v"] = v;
  const std::size_t H = in.heads, n = naive::rows(q);
  const std::size_t dk = naive::cols(q) / H, dv = naive::cols(v) / H;
  const std::size_t d_model = in.x ? naive::cols(*in.x) : naive::cols(q);
  Real scale = in.scale ? *in.scale : 1.0L / std::sqrt(static_cast<Real>(dk));
  if (slip == Slip::unscaled) scale = 1;
  if (slip == Slip::scaled_by_d) scale = 1.0L / static_cast<Real>(dk);
  if (slip == Slip::scaled_by_dmodel) scale = 1.0L / std::sqrt(static_cast<Real>(d_model));
  const bool multi = H > 1 || in.wo.has_value();
  Mat concat = naive::zeros(n, naive::cols(v));
  for (std::size_t h = 0; h < H; ++h) {
    const std::string pre = multi ? "head" + std::to_string(h + 1) + "/" : "";
    const Mat qh = naive::columns(q, h * dk, dk), kh = naive::columns(k, h * dk, dk),
              vh = naive::columns(v, h * dv, dv);
    if (multi) {
      s[pre + "q"] = qh;
      s[pre + "k"] = kh;
      s[pre + "v"] = vh;
    }
    const Mat scores = slip == Slip::no_transpose ? naive::matmul(qh, kh)
                                                  : naive::matmul(qh, naive::transpose(kh));
    s[pre + "scores"] = scores;
    const Mat scaled = naive::times(scores, scale);
    s[pre + "scaled"] = scaled;
    const std::size_t cols = naive::cols(scaled);
    Mat keep = naive::zeros(n, cols);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < cols; ++j)
        keep[i][j] = keeps(in.mask, i, j, n, cols, slip == Slip::causal_flipped) ? 1 : 0;
    const bool masked = in.mask.kind != naive::MaskKind::none;
    if (masked) s[pre + "keep"] = keep;
    Mat weights;
    if (masked && slip == Slip::mask_after_softmax) {
      weights = naive::softmax_rows(scaled);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < cols; ++j)
          if (keep[i][j] == 0) weights[i][j] = 0;
    } else {
      Mat mk = scaled;
      if (masked)
        for (std::size_t i = 0; i < n; ++i)
          for (std::size_t j = 0; j < cols; ++j)
            if (keep[i][j] == 0)
              mk[i][j] = slip == Slip::mask_to_zero ? 0.0L : -std::numeric_limits<Real>::infinity();
      if (masked) s[pre + "masked"] = mk;
      weights = slip == Slip::softmax_columns
                    ? naive::transpose(naive::softmax_rows(naive::transpose(mk)))
                    : naive::softmax_rows(mk);
    }
    s[pre + "weights"] = weights;
    const Mat out = naive::matmul(weights, slip == Slip::keys_as_values ? kh : vh);
    s[pre + "output"] = out;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < dv && h * dv + j < naive::cols(concat); ++j)
        concat[i][h * dv + j] = out[i][j];
  }
  if (multi) {
    s["concat"] = concat;
    s["output"] = in.wo ? naive::matmul(concat, *in.wo) : concat;
  }
  return s;
}

/// The naive steps of an exercise (one map per problem); Start::weights: k, v, weights, output.
inline std::vector<Steps> run(const qkv::practice::Exercise& e, Slip slip) {
  std::vector<Steps> out;
  if (e.start == qkv::practice::Start::weights) {
    const auto& p = e.problems.at(0);
    Steps s;
    s["k"] = naive::from_eigen(*p.k);
    s["v"] = naive::from_eigen(*p.v);
    s["weights"] = naive::from_eigen(e.weights);
    s["output"] = naive::matmul(s["weights"], slip == Slip::keys_as_values ? s["k"] : s["v"]);
    out.push_back(std::move(s));
    return out;
  }
  for (const auto& p : e.problems) out.push_back(run(p, slip));
  return out;
}

/// A part's answer read from naive steps, as the Source says.
inline qkv::Matrix read(const qkv::practice::Part& part, const std::vector<Steps>& runs) {
  using qkv::practice::Read;
  const auto& src = part.source;
  if (src.read == Read::entries) {
    const naive::Mat& m = runs.front().at(src.steps.front());
    std::vector<int> r = src.rows, c = src.cols;
    if (r.empty())
      for (std::size_t i = 0; i < naive::rows(m); ++i) r.push_back(static_cast<int>(i));
    if (c.empty())
      for (std::size_t j = 0; j < naive::cols(m); ++j) c.push_back(static_cast<int>(j));
    qkv::Matrix out(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(c.size()));
    for (std::size_t i = 0; i < r.size(); ++i)
      for (std::size_t j = 0; j < c.size(); ++j)
        out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = static_cast<double>(
            m.at(static_cast<std::size_t>(r[i])).at(static_cast<std::size_t>(c[j])));
    return out;
  }
  if (src.read == Read::shapes) {
    qkv::Matrix out(static_cast<Eigen::Index>(src.steps.size()), 2);
    for (std::size_t i = 0; i < src.steps.size(); ++i) {
      const naive::Mat& m = runs.front().at(src.steps[i]);
      out(static_cast<Eigen::Index>(i), 0) = static_cast<double>(naive::rows(m));
      out(static_cast<Eigen::Index>(i), 1) = static_cast<double>(naive::cols(m));
    }
    return out;
  }
  qkv::Matrix out(1, static_cast<Eigen::Index>(runs.size()));
  for (std::size_t i = 0; i < runs.size(); ++i) {
    double count = 0;
    for (const auto& [id, m] : runs[i]) {
      const bool per_head =
          id.size() > src.steps.front().size() && id.ends_with("/" + src.steps.front());
      const bool single =
          id == src.steps.front() && runs[i].count("head1/" + src.steps.front()) == 0;
      if (per_head || single) count += static_cast<double>(naive::rows(m) * naive::cols(m));
    }
    out(0, static_cast<Eigen::Index>(i)) = count;
  }
  return out;
}

}  // namespace practice_test
