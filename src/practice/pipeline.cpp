#include "practice/pipeline.hpp"

#include <algorithm>

#include "attention/engine.hpp"
#include "attention/steps.hpp"
#include "core/error.hpp"

namespace qkv::practice {

namespace {

using attention::MaskKind;

const Matrix& need(const StepValues& v, const std::string& id) {
  const auto it = v.find(id);
  if (it == v.end()) throw_data("no value for step '" + id + "'");
  return it->second;
}

attention::KeepMask keep_of(const Matrix& m) {
  return m.array() != 0.0;
}

void same_shape(const Matrix& a, const Matrix& b, const char* what) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    throw_data(std::string(what) + ": " + attention::shape_text(a) + " and " +
               attention::shape_text(b) + " do not fit");
}

}  // namespace

Pipeline::Pipeline(attention::Problem p) : p_(std::move(p)) {
  attention::check(p_);
  shapes_ = attention::shapes_of(p_);
  const bool masked = p_.mask.kind != MaskKind::none;
  auto head_steps = [&](const std::string& prefix) {
    for (const char* s : {"q", "k", "v"}) order_.push_back(prefix + s);
    if (masked) order_.push_back(prefix + "keep");
    order_.push_back(prefix + "scores");
    order_.push_back(prefix + "scaled");
    if (masked) order_.push_back(prefix + "masked");
    order_.push_back(prefix + "weights");
    order_.push_back(prefix + "output");
  };
  if (p_.heads == 1 && !p_.wo) {
    head_steps("");
  } else {
    for (const char* s : {"q", "k", "v"}) order_.emplace_back(s);
    for (int h = 0; h < p_.heads; ++h)
      head_steps(attention::head_step_id(static_cast<std::size_t>(h)));
    order_.emplace_back("concat");
    order_.emplace_back("output");
  }
  const attention::Options standard;
  for (const auto& id : order_) right_[id] = compute(id, right_, standard);
}

Pipeline::Pipeline(attention::Problem p, Matrix weights)
    : p_(std::move(p)), fixed_weights_(std::move(weights)) {
  if (!p_.k || !p_.v) throw_data("the weights need K and V to be given");
  shapes_.n = static_cast<int>(fixed_weights_->rows());
  shapes_.m = static_cast<int>(p_.k->rows());
  order_ = {"k", "v", "weights", "output"};
  const attention::Options standard;
  for (const auto& id : order_) right_[id] = compute(id, right_, standard);
}

Pipeline Pipeline::of(const Exercise& e) {
  if (e.start == Start::weights) return Pipeline(e.problems.at(0), e.weights);
  return Pipeline(e.problems.at(0));
}

bool Pipeline::has(std::string_view id) const {
  return std::find(order_.begin(), order_.end(), id) != order_.end();
}

Matrix Pipeline::compute(const std::string& id, const StepValues& values,
                         const attention::Options& o) const {
  using namespace attention;
  const auto [head, step_name] = split_step_id(id);
  const std::string step(step_name);
  const std::string prefix = head < 0 ? "" : id.substr(0, id.find('/') + 1);
  if (head >= 0 && (step == "q" || step == "k" || step == "v")) {
    const Matrix& full = need(values, step);
    if (full.cols() % p_.heads != 0)
      throw_data(std::to_string(p_.heads) + " heads do not divide " + shape_text(full));
    return head_slice(full, head, p_.heads);
  }
  if (step == "q" || step == "k" || step == "v") {
    const std::optional<Matrix>& given = step == "q" ? p_.q : step == "k" ? p_.k : p_.v;
    if (fixed_weights_) return *given;
    if (o.projection == Projection::skip) {
      if (!p_.x) throw_data("no X to use as " + step);
      return *p_.x;
    }
    if (!p_.x) return *given;
    if (step == "q") return project(*p_.x, *p_.wq, p_.bq, "Q");
    if (step == "k") return project(*p_.x, *p_.wk, p_.bk, "K");
    return project(*p_.x, *p_.wv, p_.bv, "V");
  }
  if (step == "keep")
    return keep_matrix(p_.mask, shapes_.n, shapes_.m, o.causal).cast<double>().matrix();
  if (step == "scores")
    return scores(need(values, prefix + "q"), need(values, prefix + "k"), o.product);
  if (step == "scaled") {
    if (o.projection == Projection::skip && !fixed_weights_) {
      // The scale follows the width of the Q actually used: X when it was not projected, but
      // the learner's own (projected) Q when the steps come from them.
      const Matrix& q_used = need(values, prefix + "q");
      const int d_all = static_cast<int>(need(values, "q").cols());
      return scale_scores(need(values, prefix + "scores"),
                          scale_for(static_cast<int>(q_used.cols()), d_all, p_.scale,
                                    o.scale_rule));
    }
    return scale_scores(need(values, prefix + "scores"), problem_scale(p_, o));
  }
  if (step == "masked") {
    if (o.mask_stage == MaskStage::after_softmax)
      throw_data("with the mask applied after the softmax there are no masked scores");
    return apply_mask(need(values, prefix + "scaled"), p_.mask,
                      keep_of(need(values, prefix + "keep")), o.mask_fill);
  }
  if (step == "weights") {
    if (fixed_weights_) return *fixed_weights_;
    if (p_.mask.kind == MaskKind::none)
      return softmax(need(values, prefix + "scaled"), o.softmax_axis).weights;
    if (o.mask_stage == MaskStage::after_softmax) {
      const Matrix w = softmax(need(values, prefix + "scaled"), o.softmax_axis).weights;
      const Matrix& keep = need(values, prefix + "keep");
      same_shape(w, keep, "the weights and the mask");
      return zero_masked(w, keep_of(keep));
    }
    return softmax(need(values, prefix + "masked"), o.softmax_axis).weights;
  }
  if (step == "output" && (head >= 0 || (p_.heads == 1 && !p_.wo) || fixed_weights_)) {
    const Matrix& vals = need(values, prefix + (o.values == ValueSource::k ? "k" : "v"));
    return weighted_sum(need(values, prefix + "weights"), vals);
  }
  if (step == "concat") {
    std::vector<Matrix> parts;
    for (int h = 0; h < p_.heads; ++h) {
      parts.push_back(need(values, attention::head_step_id(static_cast<std::size_t>(h), "output")));
      if (parts.back().rows() != parts.front().rows())
        throw_data("the heads' outputs have different numbers of rows");
    }
    return concat_heads(parts);
  }
  if (step == "output") {
    const Matrix& cat = need(values, "concat");
    if (!p_.wo) return cat;
    if (cat.cols() != p_.wo->rows())
      throw_data("Concat·W_o: " + shape_text(cat) + " and " + shape_text(*p_.wo) + " do not fit");
    return cat * *p_.wo;
  }
  throw_data("there is no step '" + id + "'");
}

std::optional<Matrix> Pipeline::derive(std::string_view target, const StepValues& learner,
                                       const attention::Options& o) const {
  if (!has(target)) return std::nullopt;
  StepValues values;
  try {
    for (const auto& id : order_) {
      if (id == target) return compute(id, values, o);
      const auto mine = learner.find(id);
      const Matrix& right = right_.at(id);
      if (mine != learner.end() && mine->second.rows() == right.rows() &&
          mine->second.cols() == right.cols()) {
        values[id] = mine->second;
      } else if (id.size() > 7 && id.compare(id.size() - 7, 7, "/masked") == 0 &&
                 o.mask_stage == attention::MaskStage::after_softmax) {
        continue;  // this mistake has no masked step
      } else if (id == "masked" && o.mask_stage == attention::MaskStage::after_softmax) {
        continue;
      } else {
        values[id] = compute(id, values, o);
      }
    }
  } catch (const Error&) {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace qkv::practice
