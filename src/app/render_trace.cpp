#include "app/render_trace.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/numbers.hpp"
#include "term/heatmap.hpp"
#include "term/text.hpp"

namespace qkv::app {

using attention::DecodeRecord;
using attention::MaskKind;
using attention::shape_text;
using attention::Step;
using attention::Trace;

using term::pad_left;
using term::pad_right;

namespace {

std::string clean(std::string_view s) {
  return term::sanitize(s, false);
}

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

std::string wrap(std::string_view text, std::string_view indent, std::size_t width) {
  std::string out, line;
  std::istringstream words{std::string(text)};
  for (std::string w; words >> w;) {
    if (!line.empty() &&
        term::display_width(indent) + term::display_width(line) + 1 + term::display_width(w) >
            width) {
      out += std::string(indent) + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  if (!line.empty()) out += std::string(indent) + line + "\n";
  return out;
}

std::string cell_text(double v, int precision) {
  if (std::isinf(v)) return v < 0 ? "−∞" : "∞";
  return format_number(v, precision);
}

std::vector<SelectedStep> select_steps(const Trace& t, std::string_view id) {
  std::vector<SelectedStep> out;
  if (id.empty()) {
    for (const auto& s : t.steps) out.push_back({s.id, &s, &t});
    return out;
  }
  // A full id names one step: "weights" of a single head, or "head2/weights".
  if (const Step* s = t.find(id)) {
    const int head = attention::split_step_id(id).head;
    out.push_back({std::string(id), s, head < 0 ? &t : &t.heads[static_cast<std::size_t>(head)]});
    return out;
  }
  for (std::size_t h = 0; h < t.heads.size(); ++h)
    if (const Step* s = t.heads[h].find(id))
      out.push_back({"head" + std::to_string(h + 1) + "/" + std::string(id), s, &t.heads[h]});
  return out;
}

std::string matrix_text(const Matrix& m, const std::vector<std::string>& row_labels,
                        const std::vector<std::string>& col_labels, int precision,
                        std::string_view indent) {
  std::vector<std::string> rows, cols;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    rows.push_back(clean(static_cast<std::size_t>(i) < row_labels.size()
                             ? row_labels[static_cast<std::size_t>(i)]
                             : std::to_string(i + 1)));
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    cols.push_back(clean(static_cast<std::size_t>(j) < col_labels.size()
                             ? col_labels[static_cast<std::size_t>(j)]
                             : std::to_string(j + 1)));
  std::size_t label_w = 0;
  for (const auto& r : rows) label_w = std::max(label_w, term::display_width(r));
  std::vector<std::size_t> width(static_cast<std::size_t>(m.cols()));
  std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(m.rows()));
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    width[static_cast<std::size_t>(j)] = term::display_width(cols[static_cast<std::size_t>(j)]);
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      cells[static_cast<std::size_t>(i)].push_back(cell_text(m(i, j), precision));
      width[static_cast<std::size_t>(j)] =
          std::max(width[static_cast<std::size_t>(j)],
                   term::display_width(cells[static_cast<std::size_t>(i)].back()));
    }
  std::string out = std::string(indent) + std::string(label_w, ' ');
  for (std::size_t j = 0; j < cols.size(); ++j) out += "  " + pad_left(cols[j], width[j]);
  out += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += std::string(indent) + pad_right(rows[i], label_w);
    for (std::size_t j = 0; j < cols.size(); ++j) out += "  " + pad_left(cells[i][j], width[j]);
    out += "\n";
  }
  return out;
}

std::string heatmap_text(const Step& weights, const term::Style& style, std::string_view indent) {
  const Matrix& m = weights.matrix;
  std::size_t label_w = 0;
  for (const auto& r : weights.row_labels)
    label_w = std::max(label_w, term::display_width(clean(r)));
  std::size_t cell_w = 6;  // "█ 1.00"
  for (const auto& c : weights.col_labels) cell_w = std::max(cell_w, term::display_width(clean(c)));
  std::string out = std::string(indent) + "Heatmap (" + term::heat_legend() + "):\n";
  out += std::string(indent) + std::string(label_w, ' ');
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const std::string label = clean(weights.col_labels[static_cast<std::size_t>(j)]);
    out += "  " + (j + 1 < m.cols() ? pad_right(label, cell_w) : label);
  }
  out += "\n";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += std::string(indent) +
           pad_right(clean(weights.row_labels[static_cast<std::size_t>(i)]), label_w);
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const std::string plain = term::heat_cell(m(i, j), 2, term::Style(false));
      const std::string shown = term::heat_cell(m(i, j), 2, style);
      out += "  " + shown;
      if (j + 1 < m.cols()) out += std::string(cell_w - term::display_width(plain), ' ');
    }
    out += "\n";
  }
  return out;
}

std::string problem_line(const Trace& t) {
  const auto& s = t.shapes;
  std::string line = s.n == s.m ? std::to_string(s.n) + (s.n == 1 ? " token" : " tokens")
                                : std::to_string(s.n) + (s.n == 1 ? " query, " : " queries, ") +
                                      std::to_string(s.m) + (s.m == 1 ? " key" : " keys");
  if (s.d_model > 0) line += ", d_model " + std::to_string(s.d_model);
  line += ", d_k " + std::to_string(s.d_k) + ", d_v " + std::to_string(s.d_v);
  line += ", " + std::to_string(s.heads) + (s.heads == 1 ? " head" : " heads");
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
        step("head" + std::to_string(h + 1) + "/" + s.id, s, t_.heads[h]);
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
      for (const auto& k : t_.key_labels) toks += (toks.empty() ? "" : " ") + clean(k);
      out_ += wrap("tokens: " + toks, "  ", o_.width);
    }
  }

  void step(const std::string& id, const Step& s, const Trace& owner) {
    ++number_;
    out_ += "\n" + o_.style.bold(std::to_string(number_) + ". " + clean(s.title)) + "  " +
            o_.style.dim("[" + id + "]") + "\n";
    out_ += "   " + o_.style.accent(clean(s.formula)) + "\n";
    out_ += "   " + clean(s.shape) + "\n\n";
    out_ += matrix_text(s.matrix, s.row_labels, s.col_labels, o_.precision, "   ");
    out_ += "\n" + wrap(clean(s.explanation), "   ", o_.width);
    if (s.id == "weights") weights_extra(s, owner);
    if (o_.explain == Explain::with_why && !s.long_explanation.empty())
      out_ += "\n" + wrap((s.long_explanation.rfind("Why", 0) == 0 ? "" : "Why: ") +
                              clean(s.long_explanation),
                          "   ", o_.width);
  }

  void weights_extra(const Step& s, const Trace& owner) {
    if (!owner.softmax.empty() && owner.options.softmax_axis == attention::SoftmaxAxis::rows) {
      out_ += "\n   Row by row: weight = exp(score − max) / Σ exp(score − max)\n";
      Matrix d(static_cast<Eigen::Index>(owner.softmax.size()), 2);
      for (std::size_t i = 0; i < owner.softmax.size(); ++i) {
        d(static_cast<Eigen::Index>(i), 0) = owner.softmax[i].max;
        d(static_cast<Eigen::Index>(i), 1) = owner.softmax[i].sum_exp;
      }
      out_ += matrix_text(d, s.row_labels, {"max", "Σ exp"}, o_.precision, "   ");
    }
    out_ += "\n" + heatmap_text(s, o_.style, "   ");
  }

  void decoding() {
    if (t_.decode.empty()) return;
    out_ += "\n" + o_.style.bold("KV-cache decoding, one token at a time") + "\n";
    out_ += wrap(
        "Each new token's key and value are appended to the cache; only its query is "
        "new, and it attends to everything in the cache. Each result equals the "
        "matching row of full causal attention above.",
        "   ", o_.width);
    double worst = 0;
    for (const DecodeRecord& r : t_.decode) {
      const std::string label = clean(t_.query_labels[static_cast<std::size_t>(r.position)]);
      const std::string who = named_tokens(t_) ? "\"" + label + "\"" : "token " + label;
      out_ += "\n   " + o_.style.bold("position " + std::to_string(r.position + 1) + ", " + who) +
              ": the cache now holds " + std::to_string(r.cache_length) +
              (r.cache_length == 1 ? " key" : " keys") + "\n";
      out_ += "     key appended    " + vector_text(r.key, o_.precision) + "\n";
      out_ += "     value appended  " + vector_text(r.value, o_.precision) + "\n";
      out_ += "     weights         " + vector_text(r.weights, o_.precision) +
              (t_.heads.empty() ? "" : " (mean over heads)") + "\n";
      out_ += "     output          " + vector_text(r.output, o_.precision) + "\n";
      out_ += "     = row " + std::to_string(r.position + 1) +
              " of full causal attention (largest difference " +
              format_exact(std::max(r.weights_difference, r.output_difference)) + ")\n";
      worst = std::max({worst, r.weights_difference, r.output_difference});
    }
    out_ +=
        "\n   " +
        std::string(worst < 1e-12 ? o_.style.good("Decoding matches full causal attention")
                                  : o_.style.bad("Decoding differs from full causal attention")) +
        ": largest difference " + format_exact(worst) + " over " +
        std::to_string(t_.decode.size()) + " positions.\n";
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
  std::string out = "qkv calc: " + problem_line(t) + "\n";
  std::string shapes;
  for (const auto& s : t.steps)
    shapes += (shapes.empty() ? "" : "  ") + s.id + " " + shape_text(s.matrix);
  if (!t.heads.empty()) {
    std::string per_head;
    for (const auto& s : t.heads.front().steps)
      per_head += (per_head.empty() ? "" : "  ") + s.id + " " + shape_text(s.matrix);
    out += wrap("each head: " + per_head, "  ");
  }
  out += wrap("shapes: " + shapes, "  ");
  const Matrix& m = t.output();
  const Eigen::Index show_r = std::min<Eigen::Index>(m.rows(), 8),
                     show_c = std::min<Eigen::Index>(m.cols(), 8);
  const bool whole = show_r == m.rows() && show_c == m.cols();
  out += whole ? "output (" + shape_text(m) + "):\n"
               : "output (" + shape_text(m) + "; first " + std::to_string(show_r) + " rows and " +
                     std::to_string(show_c) + " columns):\n";
  std::vector<std::string> rl(t.query_labels.begin(), t.query_labels.begin() + show_r);
  out += matrix_text(m.topLeftCorner(show_r, show_c), rl, {}, o.precision, "  ");
  out += "  sum of all entries " + format_exact(m.sum()) + ", largest |entry| " +
         format_exact(m.cwiseAbs().maxCoeff()) + "\n";
  if (!t.decode.empty()) {
    double worst = 0;
    for (const auto& r : t.decode)
      worst = std::max({worst, r.weights_difference, r.output_difference});
    out += "decoding: " + std::to_string(t.decode.size()) +
           " positions, largest difference from full causal attention " + format_exact(worst) +
           "\n";
  }
  return out;
}

}  // namespace qkv::app
