// Generators for the single-step kinds: projection, score, softmax, output, shapes.
#include "attention/describe.hpp"
#include "attention/engine.hpp"
#include "core/text.hpp"
#include "practice/generate_detail.hpp"

namespace qkv::practice::detail {

using attention::MaskKind;
using attention::Problem;

Draft projection(Rng& rng, int level) {
  Draft d = hand_draft("Projection");
  Exercise& e = d.e;
  const int n = 3;
  const int dm = level == 1 ? 2 : 3;
  const int dk = level == 2 ? 2 : dm;
  Problem p;
  p.tokens = words(rng, n);
  p.x = ints(rng, n, dm, -1, 2);
  auto weights = [&] { return level == 3 ? tenths(rng, dm, dk, -5, 5) : ints(rng, dm, dk, -1, 2); };
  p.wq = weights();
  p.wk = weights();
  p.wv = weights();
  const char* names[] = {"q", "k", "v"};
  const char* roles[] = {"query", "key", "value"};
  const int which = static_cast<int>(rng.uniform_int(0, 2));
  const std::string w = std::string("W_") + names[which];
  const Matrix& wm = which == 0 ? *p.wq : which == 1 ? *p.wk : *p.wv;
  if (level == 1) {
    const int i = static_cast<int>(rng.uniform_int(0, n - 1));
    const std::string tok = quoted(p.tokens[static_cast<std::size_t>(i)]);
    e.intro = "Each token's vector x (a row) is projected by learned matrices. The token " + tok +
              " has the vector x below; W_" + names[which] + " turns it into its " + roles[which] +
              ".";
    e.givens = {
        given("x(" + tok + ")", rows_of(*p.x, i, 1), {p.tokens[static_cast<std::size_t>(i)]}),
        given(w, wm)};
    e.parts.push_back(entries_part(
        "The " + std::string(roles[which]) + " of " + tok + ": " + names[which] + " = x·" + w + ".",
        names[which], {i}, {}, {names[which]}));
  } else if (level == 2) {
    const std::string big(1, static_cast<char>(names[which][0] - 'a' + 'A'));
    e.intro = "Three tokens, " + token_list(p.tokens) + ", are the rows of X. The learned matrix " +
              w + " projects every token at once.";
    e.givens = {given("X", *p.x, p.tokens), given(w, wm)};
    e.parts.push_back(entries_part("The whole " + big + " = X·" + w + ", one row per token.",
                                   names[which], {}, {}, {names[which]}));
  } else {
    p.bk = tenths(rng, 1, dk, -5, 5);
    p.bv = tenths(rng, 1, dk, -5, 5);
    e.intro = "Three tokens, " + token_list(p.tokens) +
              ", are the rows of X. Keys and values are "
              "projections with a bias: the bias row is added to every token's row.";
    e.givens = {given("X", *p.x, p.tokens), given("W_k", *p.wk), given("b_k", *p.bk),
                given("W_v", *p.wv), given("b_v", *p.bv)};
    e.parts.push_back(entries_part("The keys K = X·W_k + b_k.", "k", {}, {}, {"k"}));
    e.parts.push_back(entries_part("The values V = X·W_v + b_v.", "v", {}, {}, {"v"}));
  }
  e.problems.push_back(std::move(p));
  d.candidates = {"no-projection"};
  return d;
}

Draft score(Rng& rng, int level) {
  Draft d = hand_draft("Scores");
  Exercise& e = d.e;
  Problem p;
  const int n = level == 1 ? 2 : 3;
  const int dk = level == 1 ? 4 : 3;
  p.tokens = words(rng, n);
  p.q = ints(rng, n, dk, -2, 2);
  p.k = level == 3 ? tenths(rng, n, dk, -9, 9) : ints(rng, n, dk, -2, 2);
  p.v = ints(rng, n, 2, -2, 3);
  const int i = static_cast<int>(rng.uniform_int(0, n - 1));
  const std::string qi = quoted(p.tokens[static_cast<std::size_t>(i)]);
  if (level == 1) {
    const int j = (i + 1) % n;  // another token
    const std::string kj = quoted(p.tokens[static_cast<std::size_t>(j)]);
    e.intro = "How well does the key of " + kj + " match the query of " + qi +
              "? The vectors are d_k = " + std::to_string(dk) + " wide.";
    e.givens = {
        given("q(" + qi + ")", rows_of(*p.q, i, 1), {p.tokens[static_cast<std::size_t>(i)]}),
        given("k(" + kj + ")", rows_of(*p.k, j, 1), {p.tokens[static_cast<std::size_t>(j)]})};
    e.parts.push_back(entries_part("The score of " + qi + " with " + kj + ": the dot product q·k.",
                                   "scores", {i}, {j}, {"scores"}));
    e.parts.push_back(entries_part("The score of " + qi + " with " + kj +
                                       ", scaled as scaled dot-product attention scales it.",
                                   "scaled", {i}, {j}, {"scaled"}));
    d.candidates = {"unscaled", "scaled-by-d"};
  } else if (level == 2) {
    e.intro = "The query of " + qi +
              " is compared with the key of every token (the rows of K). "
              "d_k = " +
              std::to_string(dk) + ".";
    e.givens = {
        given("q(" + qi + ")", rows_of(*p.q, i, 1), {p.tokens[static_cast<std::size_t>(i)]}),
        given("K", *p.k, p.tokens)};
    e.parts.push_back(
        entries_part("The scores of " + qi + " with each token, in the order of K's rows.",
                     "scores", {i}, {}, {"scores"}));
    e.parts.push_back(entries_part("The scores of " + qi + ", scaled as attention scales them.",
                                   "scaled", {i}, {}, {"scaled"}));
    d.candidates = {"unscaled", "scaled-by-d", "no-transpose"};
  } else {
    e.intro = "Three tokens, " + token_list(p.tokens) +
              ", with queries Q and keys K (rows are "
              "tokens, d_k = " +
              std::to_string(dk) + ").";
    e.givens = {given("Q", *p.q, p.tokens), given("K", *p.k, p.tokens)};
    e.parts.push_back(entries_part("The score matrix S (row i: query i against every key).",
                                   "scores", {}, {}, {"scores"}));
    e.parts.push_back(entries_part("The scaled scores.", "scaled", {}, {}, {"scaled"}));
    d.candidates = {"unscaled", "scaled-by-d", "no-transpose"};
  }
  d.required = {"unscaled", "scaled-by-d"};
  if (level == 3) d.required.push_back("no-transpose");
  e.problems.push_back(std::move(p));
  return d;
}

Draft softmax(Rng& rng, int level) {
  Draft d = hand_draft("Softmax");
  Exercise& e = d.e;
  const int n = level == 2 ? 4 : 3;
  Problem p;
  p.tokens = words(rng, n);
  give_scores(p, level == 1 ? tenths(rng, n, n, -20, 20) : ints(rng, n, n, -3, 3));
  if (level == 1) p.scale = 1.0;
  const int i = static_cast<int>(rng.uniform_int(0, n - 1));
  const std::string qi = quoted(p.tokens[static_cast<std::size_t>(i)]);
  if (level == 1) {
    e.intro = "These are the scaled scores of " + qi + " with the tokens " + token_list(p.tokens) +
              " (already divided by √d_k).";
    e.givens = {given("scaled scores of " + qi, rows_of(*p.q, i, 1), {}, p.tokens)};
    e.parts.push_back(entries_part("The attention weights of " + qi + " (softmax).", "weights", {i},
                                   {}, {"weights"}));
  } else if (level == 2) {
    e.intro = "These are the raw scores q·k of " + qi + " with the tokens " + token_list(p.tokens) +
              ", not yet scaled; the vectors were d_k = " + std::to_string(n) + " wide.";
    e.givens = {given("scores of " + qi, rows_of(*p.q, i, 1), {}, p.tokens)};
    e.parts.push_back(
        entries_part("The scaled scores of " + qi + ".", "scaled", {i}, {}, {"scaled"}));
    e.parts.push_back(
        entries_part("The attention weights of " + qi + ".", "weights", {i}, {}, {"weights"}));
    d.candidates = d.required = {"unscaled", "scaled-by-d"};
  } else {
    e.intro = "The raw score matrix S = Q·Kᵀ of the tokens " + token_list(p.tokens) +
              " (row: query, column: key), not yet scaled; d_k = " + std::to_string(n) + ".";
    e.givens = {given("S", *p.q, p.tokens, p.tokens)};
    e.parts.push_back(entries_part("The scaled scores.", "scaled", {}, {}, {"scaled"}));
    e.parts.push_back(entries_part("The attention weights P.", "weights", {}, {}, {"weights"}));
    d.candidates = d.required = {"unscaled", "scaled-by-d", "softmax-columns"};
  }
  e.problems.push_back(std::move(p));
  return d;
}

Draft output(Rng& rng, int level) {
  Draft d = hand_draft("Weighted sum of values");
  Exercise& e = d.e;
  e.start = Start::weights;
  const int m = level == 2 ? 4 : 3;
  const int dv = level == 2 ? 3 : 2;
  Problem p;
  p.tokens = words(rng, m);
  p.k = ints(rng, m, dv, -2, 3);
  p.v = ints(rng, m, dv, -2, 3);
  Part part;
  if (level < 3) {
    const int i = static_cast<int>(rng.uniform_int(0, m - 1));
    const std::string qi = quoted(p.tokens[static_cast<std::size_t>(i)]);
    e.weights = weight_rows(rng, 1, m);
    e.intro = "The tokens " + token_list(p.tokens) +
              " have keys K and values V (rows are tokens). "
              "The softmax has already given the attention weights of " +
              qi + ".";
    e.givens = {given("K", *p.k, p.tokens), given("V", *p.v, p.tokens),
                given("weights of " + qi, e.weights, {}, p.tokens)};
    part = entries_part("The output for " + qi + ".", "output", {}, {}, {"output"});
    part.row_labels = {p.tokens[static_cast<std::size_t>(i)]};
  } else {
    e.weights = weight_rows(rng, m, m, WeightShape::causal);
    e.intro = "The tokens " + token_list(p.tokens) +
              " have keys K and values V (rows are tokens), "
              "and the attention weights P (row: query, column: key) are known.";
    e.givens = {given("K", *p.k, p.tokens), given("V", *p.v, p.tokens),
                given("P", e.weights, p.tokens, p.tokens)};
    part = entries_part("The output O, one row per token.", "output", {}, {}, {"output"});
    part.row_labels = p.tokens;
  }
  part.col_labels = attention::describe::numbered(dv);
  e.parts.push_back(std::move(part));
  e.problems.push_back(std::move(p));
  d.candidates = d.required = {"keys-as-values"};
  return d;
}

Draft shapes(Rng& rng, int level) {
  Draft d;
  Exercise& e = d.e;
  e.title = "Shapes";
  e.tolerance = Tolerance{};  // exactly
  auto problem = [&](int n, int dm, int dk, int dv, int heads, bool wo) {
    Problem p;
    p.x = ints(rng, n, dm, 0, 1);
    p.wq = ints(rng, dm, dk, 0, 1);
    p.wk = ints(rng, dm, dk, 0, 1);
    p.wv = ints(rng, dm, dv, 0, 1);
    if (wo) p.wo = ints(rng, dv, dm, 0, 1);
    p.heads = heads;
    return p;
  };
  Part part;
  if (level == 1) {
    const int n = static_cast<int>(rng.uniform_int(3, 8));
    const int dm = pick(rng, {4, 6, 8, 12});
    const int dk = pick(rng, {2, 3, 4});
    const int dv = pick(rng, {2, 3, 5});
    e.problems.push_back(problem(n, dm, dk, dv, 1, false));
    e.intro = "One attention head reads n = " + std::to_string(n) +
              " tokens of width d_model = " + std::to_string(dm) + ". W_q and W_k are " +
              std::to_string(dm) + "×" + std::to_string(dk) + "; W_v is " + std::to_string(dm) +
              "×" + std::to_string(dv) + ".";
    part.question =
        "The shapes of Q, K, V, the score matrix S and the output O, one per row as "
        "\"rows columns\", rows separated by ';' (5 rows).";
    part.source = Source{Read::shapes, {"q", "k", "v", "scores", "output"}, {}, {}};
    part.steps = {"q", "k", "v", "scores", "output"};
    part.row_labels = {"Q", "K", "V", "S", "O"};
  } else if (level == 2) {
    const int heads = pick(rng, {2, 4});
    const int dm = heads * pick(rng, {2, 3, 4});
    const int n = static_cast<int>(rng.uniform_int(3, 8));
    e.problems.push_back(problem(n, dm, dm, dm, heads, true));
    e.intro = "Multi-head attention with h = " + std::to_string(heads) +
              " heads reads n = " + std::to_string(n) +
              " tokens of width d_model = " + std::to_string(dm) + ". W_q, W_k, W_v and W_o are " +
              std::to_string(dm) + "×" + std::to_string(dm) +
              "; the heads split the columns of Q, K and V evenly.";
    part.question =
        "The shapes of Q (all heads), Q of one head, the score matrix of one head, "
        "the heads' outputs side by side (Concat), and the output Concat·W_o: one per "
        "row as \"rows columns\", rows separated by ';' (5 rows).";
    part.source =
        Source{Read::shapes, {"q", "head1/q", "head1/scores", "concat", "output"}, {}, {}};
    part.steps = {"q", "head1/q", "head1/scores", "concat", "output"};
    part.row_labels = {"Q", "Q₁", "S₁", "Concat", "O"};
  } else {
    const int heads = pick(rng, {1, 2, 4});
    const int n = pick(rng, {3, 4, 5, 6, 8});
    for (int f : {1, 2, 4}) e.problems.push_back(problem(n * f, 8, 8, 8, heads, heads > 1));
    e.intro = "Attention with h = " + plural(heads, "head", "heads") +
              " computes a score for every pair of a query and a key in each head. The sequence "
              "grows from n = " +
              std::to_string(n) + " to " + std::to_string(2 * n) + " and " + std::to_string(4 * n) +
              " tokens.";
    part.question =
        "How many scores are computed in all (every head) for n = " + std::to_string(n) + ", " +
        std::to_string(2 * n) + " and " + std::to_string(4 * n) + " tokens? Three numbers.";
    part.source = Source{Read::counts, {"scores"}, {}, {}};
    part.steps = {"scores"};
    part.row_labels = {"scores"};
    part.col_labels = {"n=" + std::to_string(n), "n=" + std::to_string(2 * n),
                       "n=" + std::to_string(4 * n)};
  }
  if (level < 3) part.col_labels = {"rows", "columns"};
  e.parts.push_back(std::move(part));
  return d;
}

}  // namespace qkv::practice::detail
