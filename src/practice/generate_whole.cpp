// Generators for the kinds that chain several steps: attention, mask, kv-cache, multihead.
#include "attention/engine.hpp"
#include "practice/generate_detail.hpp"

namespace qkv::practice::detail {

namespace {

using attention::MaskKind;
using attention::Problem;

std::vector<std::string> slice(const std::vector<std::string>& v, int first, int count) {
  return std::vector<std::string>(v.begin() + first, v.begin() + first + count);
}

}  // namespace

Draft attention(Rng& rng, int level) {
  Draft d = hand_draft("Attention, start to finish");
  Exercise& e = d.e;
  Problem p;
  const int n = level == 1 ? 2 : 3;
  p.tokens = words(rng, n);
  if (level < 3) {
    const int dk = level == 1 ? 4 : 2;
    p.q = ints(rng, n, dk, level == 1 ? -1 : -2, 2);
    p.k = ints(rng, n, dk, level == 1 ? -1 : -2, 2);
    p.v = ints(rng, n, 2, -2, 3);
    e.intro = "Self-attention over the tokens " + token_list(p.tokens) +
              " (rows are tokens), "
              "d_k = " +
              std::to_string(dk) + ", no mask.";
    e.givens = {given("Q", *p.q, p.tokens), given("K", *p.k, p.tokens), given("V", *p.v, p.tokens)};
  } else {
    p.x = ints(rng, n, 3, 0, 2);
    p.wq = ints(rng, 3, 2, -1, 1);
    p.wk = ints(rng, 3, 2, -1, 1);
    p.wv = ints(rng, 3, 2, -1, 1);
    e.intro = "Self-attention over the tokens " + token_list(p.tokens) +
              ": X holds their vectors "
              "(rows), W_q, W_k and W_v project them (d_k = 2), no mask.";
    e.givens = {given("X", *p.x, p.tokens), given("W_q", *p.wq), given("W_k", *p.wk),
                given("W_v", *p.wv)};
    e.parts.push_back(entries_part("The queries Q.", "q", {}, {}, {"q"}));
    e.parts.push_back(entries_part("The keys K.", "k", {}, {}, {"k"}));
    e.parts.push_back(entries_part("The values V.", "v", {}, {}, {"v"}));
  }
  e.parts.push_back(entries_part("The scores S = Q·Kᵀ.", "scores", {}, {}, {"scores"}));
  e.parts.push_back(entries_part("The scaled scores.", "scaled", {}, {}, {"scaled"}));
  e.parts.push_back(entries_part("The attention weights P.", "weights", {}, {}, {"weights"}));
  e.parts.push_back(entries_part("The output O.", "output", {}, {}, {"output"}));
  e.problems.push_back(std::move(p));
  d.candidates = {"unscaled",     "scaled-by-d",    "softmax-columns",
                  "no-transpose", "keys-as-values", "no-projection"};
  d.required = {"unscaled", "scaled-by-d", "softmax-columns"};
  if (level > 1) d.required.push_back("keys-as-values");
  return d;
}

Draft mask(Rng& rng, int level) {
  Draft d = hand_draft("Causal mask");
  Exercise& e = d.e;
  const int n = level == 1 ? 3 : level == 2 ? 4 : 2;
  const int m = level == 1 ? 3 : 4;
  Problem p;
  p.tokens = words(rng, m);
  give_scores(p, level == 2 ? ints(rng, n, m, -3, 3) : ints(rng, n, m, -2, 2));
  p.mask.kind = level == 3 ? MaskKind::causal_bottom_right : MaskKind::causal_top_left;
  if (level != 2) p.scale = 1.0;
  const std::string shape = std::to_string(n) + "×" + std::to_string(m);
  if (level == 1) {
    e.intro = "A decoder computes causal self-attention over " + token_list(p.tokens) +
              ". These are the scaled scores (row: query, column: key).";
    e.givens = {given("S_scaled", *p.q, p.tokens, p.tokens)};
  } else if (level == 2) {
    e.intro = "A decoder computes causal self-attention over " + token_list(p.tokens) +
              ". These are the raw scores Q·Kᵀ (row: query, column: key), not yet scaled; d_k = " +
              std::to_string(m) + ".";
    e.givens = {given("S", *p.q, p.tokens, p.tokens)};
  } else {
    const auto queries = slice(p.tokens, m - n, n);
    e.intro = "A decoder has already processed " + token_list(slice(p.tokens, 0, m - n)) +
              "; now the last " + std::to_string(n) + " tokens " + token_list(queries) +
              " attend to all " + std::to_string(m) + " tokens " + token_list(p.tokens) +
              " under a causal mask. These are their scaled scores (row: query, column: key).";
    e.givens = {given("S_scaled", *p.q, queries, p.tokens)};
  }
  e.parts.push_back(
      entries_part("Which scores does the causal mask keep? The keep mask (" + shape +
                       "): 1 where the query may attend, 0 where the score is removed.",
                   "keep", {}, {}, {"masked"}));
  e.parts.push_back(entries_part("The attention weights P after masking.", "weights", {}, {},
                                 level == 2
                                     ? std::vector<std::string>{"scaled", "masked", "weights"}
                                     : std::vector<std::string>{"masked", "weights"}));
  e.problems.push_back(std::move(p));
  d.candidates = {"unscaled",           "scaled-by-d",  "softmax-columns",
                  "mask-after-softmax", "mask-to-zero", "causal-flipped"};
  d.required = {"mask-after-softmax", "mask-to-zero", "causal-flipped"};
  if (level == 2) d.required.push_back("unscaled");
  return d;
}

Draft kv_cache(Rng& rng, int level) {
  Draft d = hand_draft("One step of decoding with a KV cache");
  Exercise& e = d.e;
  e.decode = attention::Decode::kv_cache;
  const int m = level == 3 ? 4 : 3;  // tokens once the new one is appended
  const int last = m - 1;
  Problem p;
  p.tokens = words(rng, m);
  const std::string cached = token_list(slice(p.tokens, 0, last));
  const std::string tok = quoted(p.tokens[static_cast<std::size_t>(last)]);
  const auto cached_labels = slice(p.tokens, 0, last);
  if (level == 1) {
    p.q = ints(rng, 1, 2, -2, 2);
    p.k = ints(rng, m, 2, -2, 2);
    p.v = ints(rng, m, 2, -2, 3);
    p.mask.kind = MaskKind::causal_bottom_right;
    e.intro = "A decoder has cached the keys and values of " + cached + ". The new token " + tok +
              " arrives with its query q, key k and value v (d_k = 2).";
    e.givens = {given("K cache", rows_of(*p.k, 0, last), cached_labels),
                given("V cache", rows_of(*p.v, 0, last), cached_labels), given("q", *p.q),
                given("k", rows_of(*p.k, last, 1)), given("v", rows_of(*p.v, last, 1))};
    e.parts.push_back(entries_part("The K cache after this step (" + std::to_string(m) + "×2).",
                                   "k", {}, {}, {"k"}));
    e.parts.push_back(entries_part("The attention weights of the new query over the cache.",
                                   "weights", {}, {}, {"scores", "scaled", "weights"}));
    e.parts.push_back(entries_part("The new output.", "output", {}, {}, {"output", "decode"}));
  } else {
    const int dm = level == 2 ? 2 : 3;
    p.x = ints(rng, m, dm, -1, 2);
    p.wq = ints(rng, dm, 2, -1, 1);
    p.wk = ints(rng, dm, 2, -1, 1);
    p.wv = ints(rng, dm, 2, -1, 2);
    p.mask.kind = MaskKind::causal_top_left;
    const auto t = attention::run(p);  // the cache shown is the engine's K and V
    e.intro = "A decoder has cached the keys and values of " + cached + ". The new token " + tok +
              " arrives with its vector x; W_q, W_k and W_v project it (d_k = 2).";
    e.givens = {given("K cache", rows_of(t.step("k").matrix, 0, last), cached_labels),
                given("V cache", rows_of(t.step("v").matrix, 0, last), cached_labels),
                given("x(" + tok + ")", rows_of(*p.x, last, 1)),
                given("W_q", *p.wq),
                given("W_k", *p.wk),
                given("W_v", *p.wv)};
    e.parts.push_back(entries_part("The key appended to the K cache.", "k", {last}, {}, {"k"}));
    e.parts.push_back(entries_part("The value appended to the V cache.", "v", {last}, {}, {"v"}));
    e.parts.push_back(entries_part("The attention weights of " + tok + " over the cache.",
                                   "weights", {last}, {}, {"q", "scores", "scaled", "weights"}));
    e.parts.push_back(entries_part("The new output for " + tok + ".", "output", {last}, {},
                                   {"output", "decode"}));
  }
  e.problems.push_back(std::move(p));
  d.candidates = {"unscaled", "scaled-by-d", "causal-flipped", "keys-as-values", "no-projection"};
  d.required = {"unscaled", "causal-flipped"};
  return d;
}

Draft multihead(Rng& rng, int level) {
  Draft d = hand_draft("Multi-head attention");
  Exercise& e = d.e;
  const int n = level == 2 ? 3 : 2;
  const int heads = level == 2 ? 3 : 2;
  const int dh = level == 2 ? 2 : 3;
  const int dm = heads * dh;
  Problem p;
  p.tokens = words(rng, n);
  p.q = ints(rng, n, dm, -1, 2);
  p.k = ints(rng, n, dm, -1, 2);
  p.v = ints(rng, n, dm, -2, 2);
  p.heads = heads;
  if (level == 3) p.wo = ints(rng, dm, 2, -1, 1);
  e.intro = "Multi-head self-attention over " + token_list(p.tokens) +
            " with h = " + std::to_string(heads) +
            " heads: Q, K and V (d_model = " + std::to_string(dm) + " columns) are split into " +
            std::to_string(heads) + " heads of " + std::to_string(dh) +
            " columns each, in order; no mask.";
  e.givens = {given("Q", *p.q, p.tokens), given("K", *p.k, p.tokens), given("V", *p.v, p.tokens)};
  if (level == 1) {
    e.parts.push_back(entries_part("Q₂, the queries of head 2.", "head2/q", {}, {}, {"head2/q"}));
    e.parts.push_back(entries_part("The scaled scores of head 2.", "head2/scaled", {}, {},
                                   {"head2/k", "head2/scores", "head2/scaled"}));
    e.parts.push_back(entries_part("The attention weights of head 2.", "head2/weights", {}, {},
                                   {"head2/weights"}));
  } else if (level == 2) {
    const auto t = attention::run(p);  // the other heads' outputs shown are the engine's
    e.givens.push_back(given("O₁ (head 1's output)", t.heads[0].output(), p.tokens));
    e.givens.push_back(given("O₃ (head 3's output)", t.heads[2].output(), p.tokens));
    e.parts.push_back(entries_part("The scaled scores of head 2.", "head2/scaled", {}, {},
                                   {"head2/q", "head2/k", "head2/scores", "head2/scaled"}));
    e.parts.push_back(entries_part("The attention weights of head 2.", "head2/weights", {}, {},
                                   {"head2/weights"}));
    e.parts.push_back(
        entries_part("The output of head 2.", "head2/output", {}, {}, {"head2/v", "head2/output"}));
    e.parts.push_back(entries_part("The heads' outputs side by side (Concat, " + std::to_string(n) +
                                       "×" + std::to_string(dm) + ").",
                                   "concat", {}, {}, {"concat"}));
  } else {
    e.givens.push_back(given("W_o", *p.wo));
    e.parts.push_back(entries_part("The output of head 1.", "head1/output", {}, {},
                                   {"head1/scaled", "head1/weights", "head1/output"}));
    e.parts.push_back(entries_part("The output of head 2.", "head2/output", {}, {},
                                   {"head2/scaled", "head2/weights", "head2/output"}));
    e.parts.push_back(
        entries_part("Concat, the heads' outputs side by side.", "concat", {}, {}, {"concat"}));
    e.parts.push_back(entries_part("The output Concat·W_o.", "output", {}, {}, {"output"}));
  }
  e.problems.push_back(std::move(p));
  d.candidates = {"unscaled", "scaled-by-d", "scaled-by-dmodel", "softmax-columns",
                  "keys-as-values"};
  d.required = {"unscaled", "scaled-by-d", "scaled-by-dmodel"};
  return d;
}

}  // namespace qkv::practice::detail
