#include "render/trace_text.hpp"

#include <algorithm>
#include <cmath>

#include "core/numbers.hpp"
#include "core/text.hpp"
#include "render/matrix_text.hpp"
#include "render/step_select.hpp"
#include "term/heatmap.hpp"

namespace qkv::render {

using attention::DecodeRecord;
using attention::MaskKind;
using attention::shape_text;
using attention::Step;
using attention::Trace;

namespace {

std::string vector_text(const Eigen::RowVectorXd& v, int precision) {
  std::string s = "[";
  for (Eigen::Index j = 0; j < v.size(); ++j) s += (j ? "  " : "") + cell_text(v(j), precision);
  return s + "]";
}

std::string mask_words(const Trace& t) {
  switch (t.mask.kind) {
    case MaskKind::none:
      return "none";
    case MaskKind::causal_top_left:
      return "causal (top-left, as PyTorch's is_causal)";
    case MaskKind::causal_bottom_right:
      return "causal, aligned bottom-right";
    case MaskKind::keep:
      return "a keep mask (1 = may attend)";
    case MaskKind::additive:
      return "an additive mask";
  }
  return "none";
}

bool named_tokens(const Trace& t) {
  for (std::size_t i = 0; i < t.key_labels.size(); ++i)
    if (t.key_labels[i] != std::to_string(i + 1)) return true;
  return false;
}

}  // namespace

std::string problem_line(const Trace& t) {
  const auto& s = t.shapes;
  std::string line = s.n == s.m
                         ? plural(s.n, "token", "tokens")
                         : plural(s.n, "query", "queries") + ", " + plural(s.m, "key", "keys");
  if (s.d_model > 0) line += ", d_model " + std::to_string(s.d_model);
  line += ", d_k " + std::to_string(s.d_k) + ", d_v " + std::to_string(s.d_v);
  line += ", " + plural(s.heads, "head", "heads");
  if (s.heads > 1)
    line += " of width " + std::to_string(s.d_head_k()) +
            (s.d_head_v() != s.d_head_k() ? "/" + std::to_string(s.d_head_v()) : "");
  line += "; mask: " + mask_words(t) + "; scale " + format_number(t.scale, 4);
  const int dh = s.heads > 0 ? s.d_k / s.heads : s.d_k;
  if (dh > 0 && std::abs(t.scale - 1.0 / std::sqrt(static_cast<double>(dh))) < 1e-15)
    line += " = 1/√" + std::to_string(dh);
  return line;
}

namespace {

class TextWriter {
 public:
  TextWriter(const Trace& t, const RenderOptions& o) : t_(t), o_(o) {}

  std::string all() {
    header();
    if (!o_.step.empty()) {
      for (const auto& sel : select_steps(t_, o_.step)) step(sel.id, *sel.step, *sel.owner);
      return out_;
    }
    for (const auto& s : t_.steps) {
      if (s.id == "concat" || (s.id == "output" && !t_.heads.empty())) continue;
      step(s.id, s, t_);
    }
    for (std::size_t h = 0; h < t_.heads.size(); ++h) {
      out_ += "\n" +
              o_.style.bold("── Head " + std::to_string(h + 1) + " of " +
                            std::to_string(t_.heads.size()) + " ──") +
              "\n";
      for (const auto& s : t_.heads[h].steps)
        step(attention::head_step_id(h, s.id), s, t_.heads[h]);
    }
    if (!t_.heads.empty()) {
      out_ += "\n" + o_.style.bold("── All heads together ──") + "\n";
      for (const auto& s : t_.steps)
        if (s.id == "concat" || s.id == "output") step(s.id, s, t_);
    }
    decoding();
    return out_;
  }

  std::string some(const std::vector<std::string>& ids, DecodeView decode) {
    header();
    for (const auto& want : ids)
      for (const auto& sel : select_steps(t_, want)) step(sel.id, *sel.step, *sel.owner);
    if (decode == DecodeView::show) decoding();
    return out_;
  }

  // Only the given steps, no header; the id "decode" stands for the decoding table.
  std::string bare(const std::vector<std::string>& ids) {
    for_each_selected(
        t_, ids, [this](const SelectedStep& sel) { step(sel.id, *sel.step, *sel.owner); },
        [this] { decoding(); });
    return out_;
  }

 private:
  void header() {
    out_ += o_.style.bold("Attention, step by step") + "\n";
    // One fact per line: sizes; mask; scale.
    std::string line = problem_line(t_);
    for (std::size_t at = 0; at <= line.size();) {
      auto next = line.find("; ", at);
      if (next == std::string::npos) next = line.size();
      out_ += wrap(line.substr(at, next - at), "  ", o_.width);
      at = next + 2;
    }
    if (named_tokens(t_)) {
      std::string toks;
      for (const auto& k : t_.key_labels) toks += (toks.empty() ? "" : " ") + sanitize_line(k);
      out_ += wrap("tokens: " + toks, "  ", o_.width);
    }
  }

  void step(const std::string& id, const Step& s, const Trace& owner) {
    ++number_;
    out_ += "\n" + flow({o_.style.bold(std::to_string(number_) + ". " + sanitize_line(s.title)),
                         o_.style.dim("[" + id + "]")},
                        o_.width);
    out_ += o_.style.accent(wrap(sanitize_line(s.formula), "   ", "     ", o_.width));
    out_ += wrap(sanitize_line(s.shape), "   ", "     ", o_.width) + "\n";
    out_ += matrix_text(s.matrix, s.row_labels, s.col_labels, o_.precision, "   ", o_.width);
    out_ += "\n" + wrap(sanitize_line(s.explanation), "   ", o_.width);
    if (s.id == "weights") weights_extra(s, owner);
    if (o_.explain == Explain::with_why && !s.long_explanation.empty())
      out_ += "\n" + wrap((s.long_explanation.rfind("Why", 0) == 0 ? "" : "Why: ") +
                              sanitize_line(s.long_explanation),
                          "   ", o_.width);
  }

  void weights_extra(const Step& s, const Trace& owner) {
    if (!owner.softmax.empty() && owner.options.softmax_axis == attention::SoftmaxAxis::rows) {
      out_ += "\n" + wrap("Row by row: weight = exp(score − max) / Σ exp(score − max)", "   ",
                          "     ", o_.width);
      Matrix d(static_cast<Eigen::Index>(owner.softmax.size()), 2);
      for (std::size_t i = 0; i < owner.softmax.size(); ++i) {
        d(static_cast<Eigen::Index>(i), 0) = owner.softmax[i].max;
        d(static_cast<Eigen::Index>(i), 1) = owner.softmax[i].sum_exp;
      }
      out_ += matrix_text(d, s.row_labels, {"max", "Σ exp"}, o_.precision, "   ", o_.width);
    }
    out_ += "\n" + heatmap_text(s, o_.style, "   ", o_.width);
  }

  void decoding() {
    if (t_.decode.empty()) return;
    out_ += "\n" + o_.style.bold(wrap("KV-cache decoding, one token at a time", "", o_.width));
    out_ += wrap(
        "Each new token's key and value are appended to the cache; only its query is "
        "new, and it attends to everything in the cache. Each result equals the "
        "matching row of full causal attention above.",
        "   ", o_.width);
    double worst = 0;
    for (const DecodeRecord& r : t_.decode) {
      const std::string label =
          sanitize_line(t_.query_labels[static_cast<std::size_t>(r.position)]);
      const std::string who = named_tokens(t_) ? "\"" + label + "\"" : "token " + label;
      out_ += "\n" + wrap(o_.style.bold("position " + std::to_string(r.position + 1) + ", " + who) +
                              ": the cache now holds " + plural(r.cache_length, "key", "keys"),
                          "   ", "     ", o_.width);
      // A vector too long for the line wraps between its entries, under its first one.
      auto vector_line = [&](const char* name, const Eigen::RowVectorXd& v, const char* after) {
        out_ += wrap_block(vector_text(v, o_.precision) + after, o_.width,
                           "     " + pad_right(name, 16), std::string(22, ' '));
      };
      vector_line("key appended", r.key, "");
      vector_line("value appended", r.value, "");
      vector_line("weights", r.weights, t_.heads.empty() ? "" : " (mean over heads)");
      vector_line("output", r.output, "");
      out_ += wrap("= row " + std::to_string(r.position + 1) +
                       " of full causal attention (largest difference " +
                       format_exact(std::max(r.weights_difference, r.output_difference)) + ")",
                   "     ", "       ", o_.width);
      worst = std::max({worst, r.weights_difference, r.output_difference});
    }
    out_ +=
        "\n" + wrap(std::string(worst < 1e-12
                                    ? o_.style.good("Decoding matches full causal attention")
                                    : o_.style.bad("Decoding differs from full causal attention")) +
                        ": largest difference " + format_exact(worst) + " over " +
                        std::to_string(t_.decode.size()) + " positions.",
                    "   ", o_.width);
  }

  const Trace& t_;
  const RenderOptions& o_;
  std::string out_;
  int number_ = 0;
};

}  // namespace

std::string render_text(const Trace& t, const RenderOptions& o) {
  return TextWriter(t, o).all();
}

std::string render_text_steps(const Trace& t, const std::vector<std::string>& ids,
                              DecodeView decode, const RenderOptions& o) {
  return TextWriter(t, o).some(ids, decode);
}

std::string render_steps(const Trace& t, const std::vector<std::string>& ids,
                         const RenderOptions& o) {
  return TextWriter(t, o).bare(ids);
}

std::string render_summary(const Trace& t, const RenderOptions& o) {
  std::string out = wrap(problem_line(t), "qkv calc: ", "  ", o.width);
  std::string shapes;
  for (const auto& s : t.steps)
    shapes += (shapes.empty() ? "" : "  ") + s.id + " " + shape_text(s.matrix);
  if (!t.heads.empty()) {
    std::string per_head;
    for (const auto& s : t.heads.front().steps)
      per_head += (per_head.empty() ? "" : "  ") + s.id + " " + shape_text(s.matrix);
    out += wrap("each head: " + per_head, "  ", "    ", o.width);
  }
  out += wrap("shapes: " + shapes, "  ", "    ", o.width);
  const Matrix& m = t.output();
  const Eigen::Index show_r = std::min<Eigen::Index>(m.rows(), 8),
                     show_c = std::min<Eigen::Index>(m.cols(), 8);
  const bool whole = show_r == m.rows() && show_c == m.cols();
  out += wrap(whole ? "output (" + shape_text(m) + "):"
                    : "output (" + shape_text(m) + "; first " + std::to_string(show_r) +
                          " rows and " + std::to_string(show_c) + " columns):",
              "", "  ", o.width);
  std::vector<std::string> rl(t.query_labels.begin(), t.query_labels.begin() + show_r);
  out += matrix_text(m.topLeftCorner(show_r, show_c), rl, {}, o.precision, "  ", o.width);
  out += wrap("sum of all entries " + format_exact(m.sum()) + ", largest |entry| " +
                  format_exact(m.cwiseAbs().maxCoeff()),
              "  ", "    ", o.width);
  if (!t.decode.empty()) {
    double worst = 0;
    for (const auto& r : t.decode)
      worst = std::max({worst, r.weights_difference, r.output_difference});
    out +=
        wrap("decoding: " + std::to_string(t.decode.size()) +
                 " positions, largest difference from full causal attention " + format_exact(worst),
             "", "  ", o.width);
  }
  return out;
}

}  // namespace qkv::render
