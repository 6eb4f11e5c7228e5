#include "practice/mistakes.hpp"

namespace qkv::practice {

namespace {

using namespace qkv::attention;

Options with(void (*set)(Options&)) {
  Options o;
  set(o);
  return o;
}

}  // namespace

const std::vector<Mistake>& catalogue() {
  static const std::vector<Mistake> all = {
      {"unscaled", "forgot to scale the scores by 1/√d_k",
       "Without 1/√d_k the scores grow with the width of the vectors, so the softmax becomes "
       "too sharp: the largest score takes almost all the weight.",
       with([](Options& o) { o.scale_rule = ScaleRule::none; })},
      {"scaled-by-d", "divided the scores by d_k instead of √d_k",
       "The dot product of two d_k-wide vectors has a spread that grows like √d_k, not d_k; "
       "dividing by d_k shrinks the scores too much and the weights come out too flat.",
       with([](Options& o) { o.scale_rule = ScaleRule::by_d; })},
      {"scaled-by-dmodel", "scaled by 1/√d_model instead of 1/√d_k of one head",
       "Each head compares vectors of its own width d_k = d_model/h, so the scale is 1/√d_k of "
       "that head, not of the model's full width.",
       with([](Options& o) { o.scale_rule = ScaleRule::by_sqrt_d_model; })},
      {"softmax-columns", "normalised the weights over columns instead of rows",
       "Each query shares its attention among the keys, so every row of weights must sum to 1; "
       "a softmax down the columns makes each key's column sum to 1 instead.",
       with([](Options& o) { o.softmax_axis = SoftmaxAxis::columns; })},
      {"mask-after-softmax", "zeroed masked weights after the softmax without renormalising",
       "Masking belongs before the softmax (masked scores become −∞), so the remaining keys share "
       "the whole weight of 1; zeroing afterwards leaves rows that sum to less than 1.",
       with([](Options& o) { o.mask_stage = MaskStage::after_softmax; })},
      {"mask-to-zero", "set masked scores to 0 instead of −∞",
       "A score of 0 still gets the weight exp(0 − max) > 0, so a masked token keeps influencing "
       "the result; only −∞ gives it exactly zero weight.",
       with([](Options& o) { o.mask_fill = MaskFill::zero; })},
      {"causal-flipped", "masked the past instead of the future",
       "A causal mask lets token i see itself and earlier tokens (j ≤ i) and hides later ones, "
       "because when generating, the future is not known yet.",
       with([](Options& o) { o.causal = CausalDirection::hide_past; })},
      {"no-transpose", "multiplied Q·K instead of Q·Kᵀ",
       "Score (i, j) is the dot product of query i with key j, both rows; that is row i of Q "
       "times column j of Kᵀ. Q·K mixes key entries from different tokens.",
       with([](Options& o) { o.product = KeyProduct::q_k; })},
      {"keys-as-values", "took the weighted sum of the keys instead of the values",
       "Keys decide where to look (they are compared with the queries); the values are what is "
       "passed on, so the output is P·V.",
       with([](Options& o) { o.values = ValueSource::k; })},
      {"no-projection", "used X directly where Q, K or V were needed",
       "Queries, keys and values are three different projections of X (X·W_q, X·W_k, X·W_v); "
       "without them every token plays all three roles with the same vector.",
       with([](Options& o) { o.projection = Projection::skip; })},
      {kArithmetic, "the method is right but some entries are off",
       "The other entries agree with the right method, so this is a slip in the arithmetic of "
       "the entries listed; redo just those.",
       std::nullopt},
  };
  return all;
}

const Mistake* find_mistake(std::string_view id) {
  for (const auto& m : catalogue())
    if (id == m.id) return &m;
  return nullptr;
}

}  // namespace qkv::practice
