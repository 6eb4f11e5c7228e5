#include "practice/solve.hpp"

#include "attention/describe.hpp"
#include "attention/engine.hpp"
#include "attention/steps.hpp"
#include "core/error.hpp"

namespace qkv::practice {

namespace {

using attention::Trace;

// The output exercise: K, V and the weights are given; only O = P·V is computed.
Trace weights_trace(const Exercise& e, const attention::Options& o) {
  const attention::Problem& p = e.problems.at(0);
  if (!p.k || !p.v) throw_data("an exercise that starts from the weights needs K and V");
  Trace t;
  t.options = o;
  t.mask = p.mask;
  const int m = static_cast<int>(p.k->rows());
  t.key_labels = p.tokens.empty() ? attention::describe::numbered(m) : p.tokens;
  t.query_labels = e.parts.empty() || e.parts.front().row_labels.empty()
                       ? attention::describe::numbered(static_cast<int>(e.weights.rows()))
                       : e.parts.front().row_labels;
  t.shapes.n = static_cast<int>(e.weights.rows());
  t.shapes.m = m;
  t.shapes.d_k = static_cast<int>(p.k->cols());
  t.shapes.d_v = t.shapes.d_out = static_cast<int>(p.v->cols());
  const attention::describe::HeadLabels c{t.query_labels, t.key_labels, !p.tokens.empty(), -1, 1};
  using attention::describe::Origin;
  t.steps.push_back(attention::describe::projection('k', Origin::given, *p.k, c, nullptr, nullptr,
                                                    attention::describe::Bias::none, nullptr));
  t.steps.push_back(attention::describe::projection('v', Origin::given, *p.v, c, nullptr, nullptr,
                                                    attention::describe::Bias::none, nullptr));
  attention::Step w;
  w.id = "weights";
  w.title = "Attention weights (given)";
  w.formula = "P (given): row i says how much token i takes from each token";
  w.shape = "P (" + attention::shape_text(e.weights) + ")";
  w.explanation = "Every row is non-negative and sums to 1.";
  w.row_labels = t.query_labels;
  w.col_labels = t.key_labels;
  w.matrix = e.weights;
  t.steps.push_back(std::move(w));
  const Matrix& vals = o.values == attention::ValueSource::k ? *p.k : *p.v;
  Matrix out = attention::weighted_sum(e.weights, vals);
  t.steps.push_back(attention::describe::output(std::move(out), e.weights, vals, o, c));
  return t;
}

}  // namespace

std::vector<Trace> solve(const Exercise& e, const attention::Options& o) {
  std::vector<Trace> out;
  if (e.start == Start::weights) {
    out.push_back(weights_trace(e, o));
    return out;
  }
  attention::Options with_decode = o;
  with_decode.decode = e.decode;
  for (const auto& p : e.problems) out.push_back(attention::run(p, with_decode));
  return out;
}

StepValues values_of(const Trace& t) {
  StepValues v;
  auto add = [&v](const Trace& tr, const std::string& prefix) {
    for (const auto& s : tr.steps) v[prefix + s.id] = s.matrix;
    const attention::Step* scores = tr.find("scores");
    if (tr.mask.kind != attention::MaskKind::none && scores) {
      const auto keep =
          attention::keep_matrix(tr.mask, static_cast<int>(scores->matrix.rows()),
                                 static_cast<int>(scores->matrix.cols()), tr.options.causal);
      v[prefix + "keep"] = keep.cast<double>().matrix();
    }
  };
  add(t, "");
  for (std::size_t h = 0; h < t.heads.size(); ++h) add(t.heads[h], attention::head_step_id(h));
  return v;
}

const attention::Step* labelling_step(const Trace& t, std::string id) {
  if (id == "keep" || id.ends_with("/keep")) id.replace(id.size() - 4, 4, "scores");
  return t.find(id);
}

Matrix select(const Matrix& m, const std::vector<int>& rows, const std::vector<int>& cols) {
  std::vector<int> r = rows, c = cols;
  if (r.empty())
    for (int i = 0; i < m.rows(); ++i) r.push_back(i);
  if (c.empty())
    for (int j = 0; j < m.cols(); ++j) c.push_back(j);
  Matrix out(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(c.size()));
  for (std::size_t i = 0; i < r.size(); ++i)
    for (std::size_t j = 0; j < c.size(); ++j) {
      if (r[i] < 0 || r[i] >= m.rows() || c[j] < 0 || c[j] >= m.cols())
        throw_data("row " + std::to_string(r[i] + 1) + ", column " + std::to_string(c[j] + 1) +
                   " is outside a " + attention::shape_text(m) + " matrix");
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = m(r[i], c[j]);
    }
  return out;
}

Matrix read_answer(const Part& part, const std::vector<Trace>& traces) {
  const Source& s = part.source;
  if (traces.empty() || s.steps.empty()) throw_data("nothing to read the answer from");
  switch (s.read) {
    case Read::entries: {
      const StepValues v = values_of(traces.front());
      const auto it = v.find(s.steps.front());
      if (it == v.end()) throw_data("this computation has no step '" + s.steps.front() + "'");
      return select(it->second, s.rows, s.cols);
    }
    case Read::shapes: {
      Matrix out(static_cast<Eigen::Index>(s.steps.size()), 2);
      for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const Matrix& m = traces.front().step(s.steps[i]).matrix;
        out(static_cast<Eigen::Index>(i), 0) = static_cast<double>(m.rows());
        out(static_cast<Eigen::Index>(i), 1) = static_cast<double>(m.cols());
      }
      return out;
    }
    case Read::counts: {
      Matrix out(1, static_cast<Eigen::Index>(traces.size()));
      for (std::size_t i = 0; i < traces.size(); ++i) {
        double count = 0;
        if (traces[i].heads.empty()) {
          count = static_cast<double>(traces[i].step(s.steps.front()).matrix.size());
        } else {
          for (const auto& h : traces[i].heads)
            count += static_cast<double>(h.step(s.steps.front()).matrix.size());
        }
        out(0, static_cast<Eigen::Index>(i)) = count;
      }
      return out;
    }
  }
  return {};
}

}  // namespace qkv::practice
