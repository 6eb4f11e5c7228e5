#include "attention/describe.hpp"

#include <cmath>

#include "core/numbers.hpp"

namespace qkv::attention::describe {

namespace {

std::string subscript(int head) {
  if (head < 0) return "";
  static const char* digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string s;
  for (char ch : std::to_string(head + 1)) s += digits[ch - '0'];
  return s;
}

std::string upper(char which) {
  return std::string(1, static_cast<char>(which - 'a' + 'A'));
}

// "Q₂" for head 2, "Q" for the whole problem.
std::string name(const std::string& base, const HeadLabels& c) {
  return base + subscript(c.head);
}

std::string with_shape(const std::string& label, const Matrix& m) {
  return label + " (" + shape_text(m) + ")";
}

std::string query_name(const HeadLabels& c, Eigen::Index i) {
  const auto& l = c.query_labels[static_cast<std::size_t>(i)];
  return c.named_tokens ? "\"" + l + "\"" : "token " + l;
}

std::string key_name(const HeadLabels& c, Eigen::Index j) {
  const auto& l = c.key_labels[static_cast<std::size_t>(j)];
  return c.named_tokens ? "\"" + l + "\"" : "token " + l;
}

std::string num(double v) {
  return format_number(v, 2);
}

// The last row's query and the key it scores or weighs highest (the first of equal ones), with
// that entry. The explanations name the last row: it sees every key, under a causal mask too.
struct LastRowBest {
  std::string query, key, value;
};
LastRowBest last_row_best(const Matrix& m, const HeadLabels& c) {
  const Eigen::Index i = m.rows() - 1;
  Eigen::Index j = 0;
  m.row(i).maxCoeff(&j);
  return {query_name(c, i), key_name(c, j), num(m(i, j))};
}

std::string head_note(const HeadLabels& c) {
  if (c.head < 0) return "";
  return " (head " + std::to_string(c.head + 1) + " of " + std::to_string(c.heads) + ")";
}

}  // namespace

std::vector<std::string> numbered(int count) {
  std::vector<std::string> out;
  for (int i = 1; i <= count; ++i) out.push_back(std::to_string(i));
  return out;
}

Step projection(char which, Origin origin, Matrix result, const HeadLabels& c, const Matrix* x,
                const Matrix* w, Bias bias, const Matrix* full) {
  Step s;
  s.id = std::string(1, which);
  const std::string big = upper(which);
  const std::string me = name(big, c);
  const char* role = which == 'q' ? "Queries" : which == 'k' ? "Keys" : "Values";
  s.title = std::string(role) + head_note(c);
  const std::string w_name = std::string("W_") + which;
  switch (origin) {
    case Origin::projected:
      s.formula =
          me + " = X·" + w_name + (bias == Bias::added ? " + b_" + std::string(1, which) : "");
      s.shape =
          with_shape("X", *x) + " · " + with_shape(w_name, *w) + " = " + with_shape(me, result);
      break;
    case Origin::given:
      s.formula = me + " (given)";
      s.shape = with_shape(me, result);
      break;
    case Origin::x_as_is:
      s.formula = me + " = X (mistake: no projection)";
      s.shape = with_shape(me, result);
      break;
    case Origin::head_part: {
      const Eigen::Index w0 = result.cols() * c.head + 1, w1 = result.cols() * (c.head + 1);
      s.formula = me + " = columns " + std::to_string(w0) + "–" + std::to_string(w1) + " of " + big;
      s.shape = with_shape(big, *full) + " → " + with_shape(me, result);
      break;
    }
  }
  switch (which) {
    case 'q':
      s.explanation =
          "Row i of " + me + " is token i's query: what it is looking for in the other tokens.";
      break;
    case 'k':
      s.explanation = "Row j of " + me +
                      " is token j's key: what it offers, compared with every query to decide "
                      "how well j matches.";
      break;
    default:
      s.explanation = "Row j of " + me +
                      " is token j's value: what it hands over to the tokens that attend to it.";
  }
  if (origin == Origin::head_part)
    s.explanation += " This head sees only its own " + std::to_string(result.cols()) +
                     " columns, so it can attend differently from the other heads.";
  if (which == 'q')
    s.long_explanation =
        "The same token plays three roles: as a query (what it looks for), as a key (how it can "
        "be found) and as a value (what it passes on). Three learned matrices W_q, W_k, W_v give "
        "it a different vector for each role. Without them (Q = K = V = X) a token would match "
        "itself most of all, and what it is found by would be what it hands over. Each row is "
        "projected on its own: row i of Q depends only on row i of X.";
  s.row_labels = which == 'q' ? c.query_labels : c.key_labels;
  s.col_labels = numbered(static_cast<int>(result.cols()));
  s.matrix = std::move(result);
  return s;
}

Step scores(Matrix m, const Matrix& q, const Matrix& k, KeyProduct product, const HeadLabels& c) {
  Step s;
  s.id = "scores";
  s.title = "Scores" + head_note(c);
  const std::string S = name("S", c), Q = name("Q", c), K = name("K", c);
  if (product == KeyProduct::q_kt) {
    s.formula = S + " = " + Q + "·" + K + "ᵀ   (S_ij = q_i · k_j)";
    s.shape = with_shape(Q, q) + " · " + K + "ᵀ (" + std::to_string(k.cols()) + "×" +
              std::to_string(k.rows()) + ") = " + with_shape(S, m);
  } else {
    s.formula = S + " = " + Q + "·" + K + "   (mistake: K not transposed)";
    s.shape = with_shape(Q, q) + " · " + with_shape(K, k) + " = " + with_shape(S, m);
  }
  s.explanation =
      "Entry (i, j) is the dot product of token i's query with token j's key: how "
      "well j matches what i is looking for.";
  if (product == KeyProduct::q_kt && m.size() > 0) {
    const auto b = last_row_best(m, c);
    s.explanation +=
        " In the last row, " + b.query + " matches " + b.key + " best (" + b.value + ").";
  }
  s.long_explanation =
      "A dot product is large when two vectors point the same way and negative when they point "
      "apart. S has one row per query and one column per key: n×m numbers, which is why the cost "
      "of attention grows with the square of the sequence length.";
  s.row_labels = c.query_labels;
  s.col_labels = product == KeyProduct::q_kt ? c.key_labels : numbered(static_cast<int>(m.cols()));
  s.matrix = std::move(m);
  return s;
}

Step scaled(Matrix m, double scale, int d_head, ScaleSource source, const Options& o,
            const HeadLabels& c) {
  Step s;
  s.id = "scaled";
  s.title = "Scaled scores" + head_note(c);
  const std::string S = name("S", c);
  const std::string sq = "√" + std::to_string(d_head);
  std::string factor;
  switch (o.scale_rule) {
    case ScaleRule::standard:
      factor = source == ScaleSource::given ? format_exact(scale) + " (given)"
                                            : format_number(scale, 4) + " = 1/" + sq +
                                                  " (d_k = " + std::to_string(d_head) + ")";
      break;
    case ScaleRule::none:
      factor = "1 (mistake: not scaled)";
      break;
    case ScaleRule::by_d:
      factor = format_number(scale, 4) + " = 1/" + std::to_string(d_head) + " (mistake: 1/d_k)";
      break;
    case ScaleRule::by_sqrt_d_model:
      factor = format_number(scale, 4) + " (mistake: 1/√ of the full width, not of one head)";
      break;
  }
  s.formula = S + "_scaled = " + S + " × " + factor;
  s.shape = with_shape(S + "_scaled", m);
  s.explanation =
      "Every score is multiplied by the same number, so the order within a row does "
      "not change; what changes is how sharply the softmax will pick the largest.";
  s.long_explanation =
      "Why 1/√d_k: if the entries of a query and a key are independent with mean 0 and variance "
      "1, their dot product adds up d_k such products and has variance d_k. Dividing by √d_k "
      "brings the variance back to 1 whatever d_k is. Without it, wide heads give large scores, "
      "the softmax saturates into an almost one-hot row and its gradients vanish. With several "
      "heads, d_k is the width of one head (d_model / h), not d_model.";
  s.row_labels = c.query_labels;
  s.col_labels = c.key_labels;
  s.matrix = std::move(m);
  return s;
}

Step masked(Matrix m, const MaskSpec& mask, const Options& o, const HeadLabels& c) {
  Step s;
  s.id = "masked";
  s.title = "Masked scores" + head_note(c);
  const std::string S = name("S", c);
  const std::string fill = o.mask_fill == MaskFill::zero ? "0 (mistake: should be −∞)" : "−∞";
  const bool flipped = o.causal == CausalDirection::hide_past;
  switch (mask.kind) {
    case MaskKind::causal_top_left:
      s.formula = S + "_masked = " + S + "_scaled, with entries j " + (flipped ? "<" : ">") +
                  " i set to " + fill + (flipped ? " (mistake: hides the past)" : "");
      s.explanation = flipped ? "Each token sees only itself and later tokens: the wrong side of "
                                "the diagonal is masked."
                              : "Causal mask (top-left, as PyTorch's is_causal): token i may "
                                "look only at itself and earlier tokens, so scores of later "
                                "tokens are removed.";
      break;
    case MaskKind::causal_bottom_right: {
      const Eigen::Index off = m.cols() - m.rows();
      s.formula = S + "_masked = " + S + "_scaled, with entries j " + (flipped ? "<" : ">") +
                  " i + " + std::to_string(off) + " set to " + fill +
                  (flipped ? " (mistake: hides the past)" : "");
      s.explanation = "Causal mask aligned bottom-right: the " + std::to_string(m.rows()) +
                      " queries are the last of the " + std::to_string(m.cols()) +
                      " tokens, so query i sees keys up to i + " + std::to_string(off) +
                      " (the last query sees every key, as in decoding with a KV cache).";
      break;
    }
    case MaskKind::keep:
      s.formula = S + "_masked = " + S + "_scaled, with entries where the mask is 0 set to " + fill;
      s.explanation =
          "Where the mask holds 0, token i may not look at token j: that score is "
          "removed. Where it holds 1 the score is kept.";
      break;
    case MaskKind::additive:
      s.formula = S + "_masked = " + S + "_scaled + M";
      s.explanation =
          "The additive mask is added to every scaled score: 0 leaves a score alone, "
          "a large negative number such as −1e9 all but removes that key.";
      break;
    case MaskKind::none:
      break;
  }
  s.shape = with_shape(S + "_masked", m);
  s.long_explanation =
      "Why mask before the softmax: exp(−∞) = 0, so a masked score gets exactly zero weight and "
      "the softmax shares the whole of 1 among the keys that remain. Zeroing weights after the "
      "softmax leaves rows that no longer sum to 1; setting masked scores to 0 instead of −∞ "
      "still gives them the weight exp(0 − max). Top-left and bottom-right causal masks are the "
      "same when there are as many queries as keys; they differ when queries are fewer.";
  s.row_labels = c.query_labels;
  s.col_labels = c.key_labels;
  s.matrix = std::move(m);
  return s;
}

Step weights(Matrix p, SoftmaxInput in, const Options& o, const HeadLabels& c) {
  Step s;
  s.id = "weights";
  s.title = "Attention weights" + head_note(c);
  const std::string P = name("P", c), S = name("S", c);
  const bool cols = o.softmax_axis == SoftmaxAxis::columns;
  const bool masked_after = in == SoftmaxInput::scaled_mask_after;
  const std::string input = in == SoftmaxInput::masked ? S + "_masked" : S + "_scaled";
  s.formula = P + " = softmax(" + input + ")" +
              (cols ? " column by column (mistake: should be row by row)" : " row by row") +
              ": p_ij = exp(s_ij − max_i) / Σ_j exp(s_ij − max_i)";
  if (masked_after) s.formula += ", then masked weights set to 0 (mistake: mask after softmax)";
  s.shape = with_shape(P, p);
  s.explanation =
      "Row i says how much token i takes from each token; every row is non-negative "
      "and sums to 1.";
  if (!cols && p.size() > 0) {
    const auto b = last_row_best(p, c);
    s.explanation +=
        " The last row, " + b.query + ", takes most from " + b.key + " (" + b.value + ").";
  }
  s.long_explanation =
      "softmax(s)_j = exp(s_j) / Σ_k exp(s_k). Subtracting the row maximum first changes nothing "
      "(the factor exp(−max) cancels) but keeps every exponent at or below 0, so nothing "
      "overflows: exp(1000) is infinite in double precision, while exp(0) = 1 and the sum is at "
      "least 1. For each row, the maximum and the sum of exponentials are listed so you can "
      "follow it by hand.";
  s.row_labels = c.query_labels;
  s.col_labels = c.key_labels;
  s.matrix = std::move(p);
  return s;
}

Step output(Matrix out, const Matrix& p, const Matrix& v, const Options& opt, const HeadLabels& c) {
  Step s;
  s.id = "output";
  s.title = "Output" + head_note(c);
  const std::string O = name("O", c), P = name("P", c);
  const std::string V = name(opt.values == ValueSource::k ? "K" : "V", c);
  s.formula = O + " = " + P + "·" + V +
              (opt.values == ValueSource::k ? " (mistake: keys used as values)" : "");
  s.shape = with_shape(P, p) + " · " + with_shape(V, v) + " = " + with_shape(O, out);
  s.explanation = "Row i is token i's new vector: the value rows mixed with row i's weights.";
  if (p.rows() > 0 && p.cols() <= 5) {
    const Eigen::Index i = p.rows() - 1;
    std::string sum;
    for (Eigen::Index j = 0; j < p.cols(); ++j) {
      if (p(i, j) == 0.0) continue;
      sum += (sum.empty() ? "" : " + ") + num(p(i, j)) + "·v(" +
             c.key_labels[static_cast<std::size_t>(j)] + ")";
    }
    s.explanation += " The last row, " + query_name(c, i) + ", is " + sum + ".";
  }
  s.long_explanation =
      "Because each row of weights is non-negative and sums to 1, each output row is a weighted "
      "average of the value rows: it lies within their range and leans toward the tokens with "
      "the largest weights. This is how information moves between tokens.";
  s.row_labels = c.query_labels;
  s.col_labels = numbered(static_cast<int>(out.cols()));
  s.matrix = std::move(out);
  return s;
}

Step concat(Matrix cat, int heads, const HeadLabels& c) {
  Step s;
  s.id = "concat";
  s.title = "Heads side by side";
  std::string parts;
  for (int h = 0; h < heads; ++h) parts += (h ? ", " : "") + std::string("O") + subscript(h);
  s.formula = "Concat = [" + parts + "]";
  s.shape = std::to_string(heads) + " × (" + std::to_string(cat.rows()) + "×" +
            std::to_string(cat.cols() / heads) + ") → Concat (" + shape_text(cat) + ")";
  s.explanation = "Each head's output keeps its own columns: columns 1–" +
                  std::to_string(cat.cols() / heads) + " come from head 1, the next " +
                  std::to_string(cat.cols() / heads) + " from head 2, and so on.";
  s.long_explanation =
      "Several narrower heads instead of one wide one let the model attend to different things "
      "at once (one head may follow the previous token, another the subject of the sentence). "
      "Together they cost about as much as one head of full width.";
  s.row_labels = c.query_labels;
  s.col_labels = numbered(static_cast<int>(cat.cols()));
  s.matrix = std::move(cat);
  return s;
}

Step output_projection(Matrix out, const Matrix& cat, const Matrix* wo, const HeadLabels& c) {
  Step s;
  s.id = "output";
  s.title = "Output";
  if (wo) {
    s.formula = "O = Concat·W_o";
    s.shape =
        with_shape("Concat", cat) + " · " + with_shape("W_o", *wo) + " = " + with_shape("O", out);
    s.explanation = "W_o mixes the heads' results back into one vector per token.";
  } else {
    s.formula = "O = Concat (no W_o given)";
    s.shape = with_shape("O", out);
    s.explanation = "Without W_o the output is the heads' outputs side by side.";
  }
  s.long_explanation =
      "In a transformer the output projection W_o is learned; it lets every output column draw "
      "on every head.";
  s.row_labels = c.query_labels;
  s.col_labels = numbered(static_cast<int>(out.cols()));
  s.matrix = std::move(out);
  return s;
}

}  // namespace qkv::attention::describe
