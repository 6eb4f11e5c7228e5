#include "render/trace_markdown.hpp"

#include <cmath>
#include <functional>

#include "core/numbers.hpp"
#include "core/text.hpp"
#include "render/matrix_text.hpp"
#include "render/step_select.hpp"
#include "render/trace_text.hpp"
#include "term/heatmap.hpp"

namespace qkv::render {

using attention::Step;
using attention::Trace;

namespace {

// Untrusted text inside a table cell or heading: sanitised, pipes and backticks escaped.
std::string md(std::string_view s) {
  std::string out;
  for (char c : sanitize_line(s)) {
    if (c == '|' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>') out += '\\';
    out += c;
  }
  return out;
}

// Text for a code span: backticks cannot be escaped inside, so they become quotes.
std::string code(std::string_view s) {
  std::string out = sanitize_line(s);
  for (char& c : out)
    if (c == '`') c = '\'';
  return "`" + out + "`";
}

std::string table(const Matrix& m, const std::vector<std::string>& rows,
                  const std::vector<std::string>& cols,
                  const std::function<std::string(double)>& cell) {
  std::string out = "|   |";
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    out += " " + md(cols[static_cast<std::size_t>(j)]) + " |";
  out += "\n|---|";
  for (Eigen::Index j = 0; j < m.cols(); ++j) out += "--:|";
  out += "\n";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += "| **" + md(rows[static_cast<std::size_t>(i)]) + "** |";
    for (Eigen::Index j = 0; j < m.cols(); ++j) out += " " + cell(m(i, j)) + " |";
    out += "\n";
  }
  return out;
}

class MarkdownWriter {
 public:
  MarkdownWriter(const Trace& t, const RenderOptions& o) : t_(t), o_(o) {}

  std::string all() {
    out_ += "# Attention, step by step\n\n" + md(problem_line(t_)) + "\n";
    if (!o_.step.empty()) {
      for (const auto& sel : select_steps(t_, o_.step)) step(sel.id, *sel.step, *sel.owner);
      return out_;
    }
    for (const auto& s : t_.steps)
      if (t_.heads.empty() || (s.id != "concat" && s.id != "output")) step(s.id, s, t_);
    for (std::size_t h = 0; h < t_.heads.size(); ++h) {
      out_ +=
          "\n## Head " + std::to_string(h + 1) + " of " + std::to_string(t_.heads.size()) + "\n";
      for (const auto& s : t_.heads[h].steps)
        step(attention::head_step_id(h, s.id), s, t_.heads[h]);
    }
    if (!t_.heads.empty()) {
      out_ += "\n## All heads together\n";
      for (const auto& s : t_.steps)
        if (s.id == "concat" || s.id == "output") step(s.id, s, t_);
    }
    decoding();
    return out_;
  }

  std::string some(const std::vector<std::string>& ids) {
    for_each_selected(
        t_, ids, [this](const SelectedStep& sel) { step(sel.id, *sel.step, *sel.owner); },
        [this] { decoding(); });
    return out_;
  }

 private:
  void step(const std::string& id, const Step& s, const Trace& owner) {
    ++number_;
    out_ += "\n### " + std::to_string(number_) + ". " + md(s.title) + " (" + code(id) + ")\n\n";
    out_ += code(s.formula) + " — " + md(s.shape) + "\n\n";
    const int p = o_.precision;
    out_ += table(s.matrix, s.row_labels, s.col_labels, [p](double v) { return cell_text(v, p); });
    out_ += "\n" + md(s.explanation) + "\n";
    if (s.id == "weights") {
      if (!owner.softmax.empty() && owner.options.softmax_axis == attention::SoftmaxAxis::rows) {
        out_ +=
            "\nRow by row, weight = exp(score − max) / Σ exp(score − max):\n\n"
            "| row | max | Σ exp |\n|---|--:|--:|\n";
        for (std::size_t i = 0; i < owner.softmax.size(); ++i)
          out_ += "| " + md(s.row_labels[i]) + " | " + cell_text(owner.softmax[i].max, p) + " | " +
                  cell_text(owner.softmax[i].sum_exp, p) + " |\n";
      }
      out_ += "\nHeatmap (" + term::heat_legend() + "):\n\n";
      out_ += table(s.matrix, s.row_labels, s.col_labels,
                    [](double v) { return term::heat_cell(v, 2, term::Style(false)); });
    }
    if (o_.explain == Explain::with_why && !s.long_explanation.empty())
      out_ += "\n> " + md(s.long_explanation) + "\n";
  }

  void decoding() {
    if (t_.decode.empty()) return;
    out_ +=
        "\n## KV-cache decoding\n\nEach new token's key and value are appended to the cache "
        "and its query attends to the whole cache; each row equals the matching row of full "
        "causal attention.\n\n| position | token | cache | weights | output | largest difference "
        "|\n"
        "|--:|---|--:|---|---|--:|\n";
    auto vec = [this](const Eigen::RowVectorXd& v) {
      std::string s;
      for (Eigen::Index j = 0; j < v.size(); ++j)
        s += (j ? " " : "") + cell_text(v(j), o_.precision);
      return s;
    };
    for (const auto& r : t_.decode)
      out_ += "| " + std::to_string(r.position + 1) + " | " +
              md(t_.query_labels[static_cast<std::size_t>(r.position)]) + " | " +
              std::to_string(r.cache_length) + " | " + vec(r.weights) + " | " + vec(r.output) +
              " | " + format_exact(std::max(r.weights_difference, r.output_difference)) + " |\n";
  }

  const Trace& t_;
  const RenderOptions& o_;
  std::string out_;
  int number_ = 0;
};

}  // namespace

std::string markdown_escape(std::string_view s) {
  return md(s);
}

std::string render_markdown(const Trace& t, const RenderOptions& o) {
  return MarkdownWriter(t, o).all();
}

std::string render_steps_markdown(const Trace& t, const std::vector<std::string>& ids,
                                  const RenderOptions& o) {
  return MarkdownWriter(t, o).some(ids);
}

}  // namespace qkv::render
