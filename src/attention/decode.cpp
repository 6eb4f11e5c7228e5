#include "attention/decode.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "attention/steps.hpp"

namespace qkv::attention {

namespace {

Eigen::RowVectorXd project_row(const Matrix& x, Eigen::Index t, const Matrix& w,
                               const std::optional<Matrix>& b) {
  Eigen::RowVectorXd r = x.row(t) * w;
  if (b) r += b->row(0);
  return r;
}

}  // namespace

DecodeResult decode_with_cache(const Problem& p, double scale, HeadRecords records) {
  const Shapes s = shapes_of(p);
  const int heads = p.heads;
  const Eigen::Index dk = s.d_k / heads, dv = s.d_v / heads;
  const int prefilled = s.m - s.n;  // keys already in the cache before the first query

  // One cache for all heads, as real decoders keep it: row j is token j's key (value).
  Matrix k_cache(s.m, s.d_k), v_cache(s.m, s.d_v);
  int length = 0;
  for (; length < prefilled; ++length) {
    k_cache.row(length) = p.k->row(length);
    v_cache.row(length) = p.v->row(length);
  }

  DecodeResult out;
  if (records == HeadRecords::per_head) out.heads.resize(static_cast<std::size_t>(heads));
  for (int t = 0; t < s.n; ++t) {
    // The new token arrives: its query, key and value, from its own row only.
    Eigen::RowVectorXd q, k, v;
    if (p.x) {
      q = project_row(*p.x, t, *p.wq, p.bq);
      k = project_row(*p.x, t, *p.wk, p.bk);
      v = project_row(*p.x, t, *p.wv, p.bv);
    } else {
      q = p.q->row(t);
      k = p.k->row(prefilled + t);
      v = p.v->row(prefilled + t);
    }
    k_cache.row(length) = k;
    v_cache.row(length) = v;
    ++length;

    DecodeRecord whole;
    whole.position = t;
    whole.cache_length = length;
    whole.query = q;
    whole.key = k;
    whole.value = v;
    whole.weights = Eigen::RowVectorXd::Zero(length);
    Eigen::RowVectorXd concat(s.d_v);
    for (int h = 0; h < heads; ++h) {
      const auto qh = q.segment(h * dk, dk);
      const auto kc = k_cache.topRows(length).middleCols(h * dk, dk);
      const auto vc = v_cache.topRows(length).middleCols(h * dv, dv);
      Matrix row_scores = (qh * kc.transpose()) * scale;  // 1×length: the new query's scores
      SoftmaxResult sm = softmax(row_scores);
      Eigen::RowVectorXd o = sm.weights.row(0) * vc;
      concat.segment(h * dv, dv) = o;
      whole.weights += sm.weights.row(0);
      if (records == HeadRecords::per_head) {
        DecodeRecord r;
        r.position = t;
        r.cache_length = length;
        r.query = qh;
        r.key = k.segment(h * dk, dk);
        r.value = v.segment(h * dv, dv);
        r.weights = sm.weights.row(0);
        r.output = o;
        out.heads[static_cast<std::size_t>(h)].push_back(std::move(r));
      }
    }
    whole.weights /= static_cast<double>(heads);
    whole.output = p.wo ? Eigen::RowVectorXd(concat * *p.wo) : concat;
    out.records.push_back(std::move(whole));
  }
  return out;
}

namespace {

void compare(std::vector<DecodeRecord>& records, const Matrix& weights, const Matrix& output) {
  for (auto& r : records) {
    // A mismatch here is a bug in the caller (a trace of another computation), never bad input:
    // refuse it rather than read past a row.
    if (r.position < 0 || r.position >= weights.rows() || r.position >= output.rows() ||
        r.cache_length > weights.cols() || r.weights.size() != r.cache_length ||
        r.output.size() != output.cols())
      throw std::logic_error("compare_with_full: the decoded records (" +
                             std::to_string(r.weights.size()) + " weights, " +
                             std::to_string(r.output.size()) +
                             " outputs) do not fit the full trace (" + shape_text(weights) +
                             " weights, " + shape_text(output) + " output)");
    const auto full_w = weights.row(r.position);
    double dw = (r.weights - full_w.head(r.cache_length)).cwiseAbs().maxCoeff();
    if (r.cache_length < full_w.size())
      dw = std::max(dw, full_w.tail(full_w.size() - r.cache_length).cwiseAbs().maxCoeff());
    r.weights_difference = dw;
    r.output_difference = (r.output - output.row(r.position)).cwiseAbs().maxCoeff();
  }
}

}  // namespace

void compare_with_full(DecodeResult& d, const Trace& full) {
  compare(d.records, full.weights(), full.output());
  for (std::size_t h = 0; h < d.heads.size() && h < full.heads.size(); ++h)
    compare(d.heads[h], full.heads[h].step("weights").matrix, full.heads[h].output());
}

}  // namespace qkv::attention
