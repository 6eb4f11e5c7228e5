#include "practice/solve.hpp"

#include "attention/describe.hpp"
#include "attention/engine.hpp"
#include "attention/steps.hpp"
#include "core/error.hpp"

namespace qkv::practice {

namespace {

using attention::Trace;

// The output exercise: K, V and the weights are given; only O = P·V is computed.
Expected<Trace> weights_trace(const Exercise& e, const attention::Options& o) {
  const attention::Problem& p = e.problems.at(0);
  if (!p.k || !p.v) return data_failure("an exercise that starts from the weights needs K and V");
  const Matrix& vals = o.values == attention::ValueSource::k ? *p.k : *p.v;
  if (e.weights.cols() != vals.rows())  // what weighted_sum would refuse
    return data_failure("P·V needs one weight per row of V: the weights are " +
                        attention::shape_text(e.weights) + ", V is " + attention::shape_text(vals));
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
  Matrix out = attention::weighted_sum(e.weights, vals);
  t.steps.push_back(attention::describe::output(std::move(out), e.weights, vals, o, c));
  return t;
}

}  // namespace

Expected<std::vector<Trace>> try_solve(const Exercise& e, const attention::Options& o) {
  std::vector<Trace> out;
  if (e.start == Start::weights) {
    auto t = weights_trace(e, o);
    if (!t) return t.failure();
    out.push_back(std::move(*t));
    return out;
  }
  attention::Options with_decode = o;
  with_decode.decode = e.decode;
  for (const auto& p : e.problems) {
    auto t = attention::try_run(p, with_decode);
    if (!t) return t.failure();
    out.push_back(std::move(*t));
  }
  return out;
}

std::vector<Trace> solve(const Exercise& e, const attention::Options& o) {
  return try_solve(e, o).value_or_raise();
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

Expected<Matrix> try_select(const Matrix& m, const std::vector<int>& rows,
                            const std::vector<int>& cols) {
  std::vector<int> r = rows, c = cols;
  if (r.empty())
    for (int i = 0; i < m.rows(); ++i) r.push_back(i);
  if (c.empty())
    for (int j = 0; j < m.cols(); ++j) c.push_back(j);
  Matrix out(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(c.size()));
  for (std::size_t i = 0; i < r.size(); ++i)
    for (std::size_t j = 0; j < c.size(); ++j) {
      if (r[i] < 0 || r[i] >= m.rows() || c[j] < 0 || c[j] >= m.cols())
        return data_failure("row " + std::to_string(r[i] + 1) + ", column " +
                            std::to_string(c[j] + 1) + " is outside a " +
                            attention::shape_text(m) + " matrix");
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = m(r[i], c[j]);
    }
  return out;
}

Matrix select(const Matrix& m, const std::vector<int>& rows, const std::vector<int>& cols) {
  return try_select(m, rows, cols).value_or_raise();
}

Expected<Matrix> try_read_answer(const Part& part, const std::vector<Trace>& traces) {
  const Source& s = part.source;
  if (traces.empty() || s.steps.empty()) return data_failure("nothing to read the answer from");
  switch (s.read) {
    case Read::entries: {
      const StepValues v = values_of(traces.front());
      const auto it = v.find(s.steps.front());
      if (it == v.end())
        return data_failure("this computation has no step '" + s.steps.front() + "'");
      return try_select(it->second, s.rows, s.cols);
    }
    case Read::shapes: {
      Matrix out(static_cast<Eigen::Index>(s.steps.size()), 2);
      for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const attention::Step* step = traces.front().find(s.steps[i]);
        if (!step) return data_failure(traces.front().no_step(s.steps[i]));
        const Matrix& m = step->matrix;
        out(static_cast<Eigen::Index>(i), 0) = static_cast<double>(m.rows());
        out(static_cast<Eigen::Index>(i), 1) = static_cast<double>(m.cols());
      }
      return out;
    }
    case Read::counts: {
      Matrix out(1, static_cast<Eigen::Index>(traces.size()));
      for (std::size_t i = 0; i < traces.size(); ++i) {
        double count = 0;
        // A trace of one head holds the step once; a trace of several, once per head.
        std::vector<const Trace*> holders;
        if (traces[i].heads.empty()) holders.push_back(&traces[i]);
        for (const auto& h : traces[i].heads) holders.push_back(&h);
        for (const Trace* h : holders) {
          const attention::Step* step = h->find(s.steps.front());
          if (!step) return data_failure(h->no_step(s.steps.front()));
          count += static_cast<double>(step->matrix.size());
        }
        out(0, static_cast<Eigen::Index>(i)) = count;
      }
      return out;
    }
  }
  return Matrix{};
}

Matrix read_answer(const Part& part, const std::vector<Trace>& traces) {
  return try_read_answer(part, traces).value_or_raise();
}

}  // namespace qkv::practice
