#include "attention/engine.hpp"

#include <cctype>
#include <limits>

#include "attention/decode.hpp"
#include "attention/describe.hpp"
#include "attention/steps.hpp"
#include "core/error.hpp"
#include "core/numbers.hpp"

namespace qkv::attention {

namespace {

using describe::Origin;

// Q, K, V as steps: the trace owns the matrices, the computation reads them from there.
struct Projected {
  Step sq, sk, sv;
  const Matrix& q() const { return sq.matrix; }
  const Matrix& k() const { return sk.matrix; }
  const Matrix& v() const { return sv.matrix; }
};

describe::HeadLabels context_of(const HeadSetup& s) {
  return describe::HeadLabels{s.query_labels, s.key_labels, s.named_tokens, s.head, s.heads};
}

// Q, K or V computed from X: refused when an entry overflowed (X·W too large for a double).
Matrix checked_projection(Matrix m, char which) {
  const std::string w = std::string("W_") + which;
  require_finite(m, std::string(1, which), [&](Eigen::Index i, Eigen::Index j) {
    return "row " + std::to_string(i + 1) + " of X times column " + std::to_string(j + 1) + " of " +
           w + " (the projection " +
           static_cast<char>(std::toupper(static_cast<unsigned char>(which))) + " = X·" + w + ")";
  });
  return m;
}

Projected project_all(const Problem& p, const Options& o, const describe::HeadLabels& c) {
  Projected r;
  if (o.projection == Projection::skip) {
    if (!p.x) throw_data("the mistake 'no projection' (X used as Q, K and V) needs X");
    r.sq = describe::projection('q', Origin::x_as_is, *p.x, c, nullptr, nullptr,
                                describe::Bias::none, nullptr);
    r.sk = describe::projection('k', Origin::x_as_is, *p.x, c, nullptr, nullptr,
                                describe::Bias::none, nullptr);
    r.sv = describe::projection('v', Origin::x_as_is, *p.x, c, nullptr, nullptr,
                                describe::Bias::none, nullptr);
  } else if (p.x) {
    r.sq = describe::projection(
        'q', Origin::projected, checked_projection(project(*p.x, *p.wq, p.bq, "Q"), 'q'), c, &*p.x,
        &*p.wq, p.bq ? describe::Bias::added : describe::Bias::none, nullptr);
    r.sk = describe::projection(
        'k', Origin::projected, checked_projection(project(*p.x, *p.wk, p.bk, "K"), 'k'), c, &*p.x,
        &*p.wk, p.bk ? describe::Bias::added : describe::Bias::none, nullptr);
    r.sv = describe::projection(
        'v', Origin::projected, checked_projection(project(*p.x, *p.wv, p.bv, "V"), 'v'), c, &*p.x,
        &*p.wv, p.bv ? describe::Bias::added : describe::Bias::none, nullptr);
  } else {
    r.sq = describe::projection('q', Origin::given, *p.q, c, nullptr, nullptr, describe::Bias::none,
                                nullptr);
    r.sk = describe::projection('k', Origin::given, *p.k, c, nullptr, nullptr, describe::Bias::none,
                                nullptr);
    r.sv = describe::projection('v', Origin::given, *p.v, c, nullptr, nullptr, describe::Bias::none,
                                nullptr);
  }
  return r;
}

// Puts q, k, v in front of the other steps, moving (never copying) the matrices.
void prepend(std::vector<Step>& steps, Step q, Step k, Step v) {
  std::vector<Step> all;
  all.reserve(steps.size() + 3);
  all.push_back(std::move(q));
  all.push_back(std::move(k));
  all.push_back(std::move(v));
  for (auto& s : steps) all.push_back(std::move(s));
  steps = std::move(all);
}

// The mask decoding computes: none becomes causal; keep/additive masks and a top-left mask on a
// non-square problem are refused.
MaskSpec mask_for_decoding(const Problem& p, const Shapes& s) {
  switch (p.mask.kind) {
    case MaskKind::none:
      return MaskSpec{s.n == s.m ? MaskKind::causal_top_left : MaskKind::causal_bottom_right, {}};
    case MaskKind::causal_top_left:
      if (s.n != s.m)
        throw_data(
            "decoding with a KV cache computes causal attention aligned bottom-right; with " +
            std::to_string(s.n) + " queries and " + std::to_string(s.m) +
            " keys the top-left causal mask differs from it: use the mask "
            "causal-bottom-right");
      return p.mask;
    case MaskKind::causal_bottom_right:
      return p.mask;
    case MaskKind::keep:
    case MaskKind::additive:
      break;
  }
  throw_data("decoding with a KV cache computes causal attention; it cannot be combined with a " +
             std::string(mask_kind_name(p.mask.kind)) +
             " mask (leave the mask out or use "
             "causal)");
}

// The score multiplier: one head's width of Q for the standard rule; for the mistake
// "scaled-by-dmodel" the model width d_model (the width of Q over all heads when there is no X).
double scale_of(const Shapes& s, const Problem& p, const Options& o) {
  const int d_all = s.d_model > 0 ? s.d_model : s.d_k;
  return scale_for(s.d_k / p.heads, d_all, p.scale, o.scale_rule);
}

struct Setup {
  Shapes shapes;
  MaskSpec mask;
  std::vector<std::string> query_labels, key_labels;
  bool named = false;
};

// The shapes the computation works with: with the no-projection mistake, Q, K and V are X.
Shapes working_shapes(const Problem& p, const Options& o) {
  Shapes s = shapes_of(p);
  if (o.projection == Projection::skip && p.x) s.d_k = s.d_v = s.d_model;
  return s;
}

Setup setup_of(const Problem& p, const Options& o) {
  check(p);
  Setup s;
  s.shapes = working_shapes(p, o);
  s.mask = o.decode == Decode::kv_cache ? mask_for_decoding(p, s.shapes) : p.mask;
  s.named = !p.tokens.empty();
  s.query_labels = query_labels_for(p.tokens, s.shapes.n, s.shapes.m, s.mask.kind);
  s.key_labels = p.tokens.empty() ? describe::numbered(s.shapes.m) : p.tokens;
  return s;
}

HeadSetup head_setup(const Setup& s, const Problem& p, double scale, int head) {
  HeadSetup h;
  h.mask = s.mask;
  h.scale = scale;
  h.scale_given = p.scale.has_value();
  h.query_labels = s.query_labels;
  h.key_labels = s.key_labels;
  h.named_tokens = s.named;
  h.head = head;
  h.heads = p.heads;
  return h;
}

// The decoder computes attention the right way, token by token, to show that it matches full
// causal attention. A trace computed with a mistake has nothing of the kind to show (and its
// shapes may differ from the decoder's: with no-projection the values are X, d_model wide, while
// the decoder projects them), so it gets no decoding records.
void add_decoding(Trace& t, const Problem& p, const Options& o, HeadRecords records) {
  if (o.decode != Decode::kv_cache || !is_standard(o)) return;
  DecodeResult d = decode_with_cache(p, t.scale, records);
  compare_with_full(d, t);
  t.decode = std::move(d.records);
  for (std::size_t h = 0; h < d.heads.size() && h < t.heads.size(); ++h)
    t.heads[h].decode = std::move(d.heads[h]);
}

Trace run_single(const Problem& p, const Options& o, const Setup& s) {
  const describe::HeadLabels c{s.query_labels, s.key_labels, s.named, -1, 1};
  Projected pr = project_all(p, o, c);
  const double scale = scale_of(s.shapes, p, o);
  Trace t = attend(pr.q(), pr.k(), pr.v(), head_setup(s, p, scale, -1), o);
  prepend(t.steps, std::move(pr.sq), std::move(pr.sk), std::move(pr.sv));
  t.shapes = s.shapes;
  add_decoding(t, p, o, HeadRecords::none);
  return t;
}

Trace run_multi(const Problem& p, const Options& o, const Setup& s) {
  const describe::HeadLabels c{s.query_labels, s.key_labels, s.named, -1, p.heads};
  Projected pr = project_all(p, o, c);
  const int heads = p.heads;
  if (pr.q().cols() % heads != 0 || pr.v().cols() % heads != 0)
    throw_data(std::to_string(heads) + " heads do not divide the widths of Q (" +
               shape_text(pr.q()) + ") and V (" + shape_text(pr.v()) + ") evenly");
  Trace t;
  t.shapes = s.shapes;
  t.options = o;
  t.mask = s.mask;
  t.scale = scale_of(s.shapes, p, o);
  t.query_labels = s.query_labels;
  t.key_labels = s.key_labels;
  std::vector<Matrix> outs;
  for (int h = 0; h < heads; ++h) {
    const HeadSetup hs = head_setup(s, p, t.scale, h);
    const describe::HeadLabels hc = context_of(hs);
    Step sq = describe::projection('q', Origin::head_part, head_slice(pr.q(), h, heads), hc,
                                   nullptr, nullptr, describe::Bias::none, &pr.q());
    Step sk = describe::projection('k', Origin::head_part, head_slice(pr.k(), h, heads), hc,
                                   nullptr, nullptr, describe::Bias::none, &pr.k());
    Step sv = describe::projection('v', Origin::head_part, head_slice(pr.v(), h, heads), hc,
                                   nullptr, nullptr, describe::Bias::none, &pr.v());
    Trace th = attend(sq.matrix, sk.matrix, sv.matrix, hs, o);
    prepend(th.steps, std::move(sq), std::move(sk), std::move(sv));
    outs.push_back(th.output());
    t.heads.push_back(std::move(th));
  }
  Matrix cat = concat_heads(outs);
  Matrix out;
  if (p.wo) {
    out.resize(cat.rows(), p.wo->cols());
    out.noalias() = cat * *p.wo;
    require_finite(out, "output", [](Eigen::Index i, Eigen::Index j) {
      return "row " + std::to_string(i + 1) + " of the concatenated heads times column " +
             std::to_string(j + 1) + " of W_o";
    });
  } else {
    out = cat;
  }
  t.steps.push_back(std::move(pr.sq));
  t.steps.push_back(std::move(pr.sk));
  t.steps.push_back(std::move(pr.sv));
  Step out_step = describe::output_projection(std::move(out), cat, p.wo ? &*p.wo : nullptr, c);
  t.steps.push_back(describe::concat(std::move(cat), heads, c));
  t.steps.push_back(std::move(out_step));
  add_decoding(t, p, o, HeadRecords::per_head);
  return t;
}

}  // namespace

std::vector<std::string> query_labels_for(const std::vector<std::string>& tokens, int n, int m,
                                          MaskKind mask) {
  if (tokens.empty() || static_cast<int>(tokens.size()) != m) return describe::numbered(n);
  if (n == m) return tokens;
  std::vector<std::string> out;
  if (n < m && mask == MaskKind::causal_bottom_right)
    return std::vector<std::string>(tokens.end() - n, tokens.end());
  if (n < m && mask == MaskKind::causal_top_left)
    return std::vector<std::string>(tokens.begin(), tokens.begin() + n);
  for (int i = 1; i <= n; ++i) out.push_back("q" + std::to_string(i));
  return out;
}

Trace attend(const Matrix& q, const Matrix& k, const Matrix& v, const HeadSetup& setup,
             const Options& o) {
  const describe::HeadLabels c = context_of(setup);
  Trace t;
  t.options = o;
  t.scale = setup.scale;
  t.mask = setup.mask;
  t.query_labels = setup.query_labels;
  t.key_labels = setup.key_labels;
  t.shapes.n = static_cast<int>(q.rows());
  t.shapes.m = static_cast<int>(k.rows());
  t.shapes.d_k = static_cast<int>(q.cols());
  t.shapes.d_v = t.shapes.d_out = static_cast<int>(v.cols());

  const std::string id_prefix =
      setup.head >= 0 ? head_step_id(static_cast<std::size_t>(setup.head)) : std::string();
  Matrix s = scores(q, k, o.product);
  require_finite(s, id_prefix + "scores", [&](Eigen::Index i, Eigen::Index j) {
    return o.product == KeyProduct::q_kt ? "the dot product of query " + std::to_string(i + 1) +
                                               " and key " + std::to_string(j + 1)
                                         : std::string("the product Q·K");
  });
  Matrix scaled = scale_scores(s, setup.scale);
  require_finite(scaled, id_prefix + "scaled", [&](Eigen::Index i, Eigen::Index j) {
    return "the score " + format_exact(s(i, j)) + " times the scale " + format_exact(setup.scale);
  });
  t.steps.push_back(describe::scores(std::move(s), q, k, o.product, c));

  const auto source =
      setup.scale_given ? describe::ScaleSource::given : describe::ScaleSource::default_rule;
  const bool has_mask = setup.mask.kind != MaskKind::none;
  const bool after = has_mask && o.mask_stage == MaskStage::after_softmax;
  KeepMask keep;
  if (has_mask) {
    keep = keep_matrix(setup.mask, static_cast<int>(scaled.rows()), static_cast<int>(scaled.cols()),
                       o.causal);
  }
  SoftmaxResult sm;
  if (has_mask && !after) {
    Matrix masked = apply_mask(scaled, setup.mask, keep, o.mask_fill);
    if (setup.mask.kind == MaskKind::additive)
      require_finite(
          masked, id_prefix + "masked",
          [&](Eigen::Index i, Eigen::Index j) {
            return "the scaled score " + format_exact(scaled(i, j)) + " plus the mask's " +
                   format_exact(setup.mask.matrix(i, j));
          },
          [&](Eigen::Index i, Eigen::Index j) {
            return setup.mask.matrix(i, j) == -std::numeric_limits<double>::infinity() ||
                   (o.mask_fill == MaskFill::zero && !keep(i, j));
          });
    t.steps.push_back(
        describe::scaled(std::move(scaled), setup.scale, static_cast<int>(q.cols()), source, o, c));
    sm = softmax(masked, o.softmax_axis);
    t.steps.push_back(describe::masked(std::move(masked), setup.mask, o, c));
  } else {
    sm = softmax(scaled, o.softmax_axis);
    if (after) sm.weights = zero_masked(sm.weights, keep);
    t.steps.push_back(
        describe::scaled(std::move(scaled), setup.scale, static_cast<int>(q.cols()), source, o, c));
  }
  const Matrix& vals = o.values == ValueSource::k ? k : v;
  Matrix out = weighted_sum(sm.weights, vals);
  require_finite(out, id_prefix + "output", [&](Eigen::Index i, Eigen::Index j) {
    return "the weighted sum of column " + std::to_string(j + 1) + " of " +
           (o.values == ValueSource::k ? "K" : "V") + " for query " + std::to_string(i + 1);
  });
  t.softmax = std::move(sm.details);
  Step out_step = describe::output(std::move(out), sm.weights, vals, o, c);
  const auto input = !has_mask ? describe::SoftmaxInput::scaled
                     : after   ? describe::SoftmaxInput::scaled_mask_after
                               : describe::SoftmaxInput::masked;
  t.steps.push_back(describe::weights(std::move(sm.weights), input, o, c));
  t.steps.push_back(std::move(out_step));
  return t;
}

Trace run(const Problem& p, const Options& o) {
  const Setup s = setup_of(p, o);
  if (p.heads == 1 && !p.wo) return run_single(p, o, s);
  return run_multi(p, o, s);
}

Expected<Trace> try_run(const Problem& p, const Options& o) {
  // The engine's steps report bad input by throwing deep inside (validate, require_finite, an
  // empty row); this is the one place that turns that into a value for the layers above.
  try {
    return run(p, o);
  } catch (const Error& e) {
    return failure_of(e);
  }
}

double problem_scale(const Problem& p, const Options& o) {
  check(p);  // the scale alone: no labels or decoding mask as run() builds them
  return scale_of(working_shapes(p, o), p, o);
}

std::size_t memory_needed(const Problem& p, const Options& o) {
  const Shapes s = working_shapes(p, o);
  const bool masked = p.mask.kind != MaskKind::none || o.decode == Decode::kv_cache;
  const double nm = static_cast<double>(s.n) * static_cast<double>(s.m);
  const double heads = static_cast<double>(p.heads);
  const double d = static_cast<double>(s.d_model + 3 * s.d_k + 3 * s.d_v + s.d_out);
  double bytes = heads * nm * sizeof(double) * (masked ? 4.0 : 3.0);  // the kept steps
  if (masked) bytes += nm;                                            // the keep mask
  if (p.heads > 1 || p.wo) bytes += nm * sizeof(double);              // the mean weights
  if (o.decode == Decode::kv_cache)  // each position's weights over its cache, per head too
    bytes += nm * sizeof(double) * (p.heads > 1 || p.wo ? heads + 1.0 : 1.0);
  bytes += 2.0 * static_cast<double>(s.n + s.m) * d * sizeof(double);  // inputs, Q, K, V, ...
  return bytes >= static_cast<double>(std::numeric_limits<std::size_t>::max())
             ? std::numeric_limits<std::size_t>::max()
             : static_cast<std::size_t>(bytes);
}

Trace run_heads(const Problem& p, const Options& o) {
  const Setup s = setup_of(p, o);
  return run_multi(p, o, s);
}

}  // namespace qkv::attention
