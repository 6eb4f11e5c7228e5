#include "render/render_exercise.hpp"

#include <cmath>

#include "core/numbers.hpp"
#include "core/text.hpp"
#include "practice/mistakes.hpp"
#include "render/trace_text.hpp"

namespace qkv::render {

using practice::Exercise;
using practice::Part;

namespace {

// Up to 4 decimals without trailing zeros: "2", "-0.3", "0.42", "0.0474"; −∞ as "−∞".
std::string compact(double v) {
  if (std::isinf(v)) return v < 0 ? "−∞" : "∞";
  return format_trimmed(v, 4);
}

}  // namespace

std::string compact_number(double v) {
  return compact(v);
}

namespace {

std::string table(const std::vector<std::vector<std::string>>& cells,
                  const std::vector<std::string>& row_labels,
                  const std::vector<std::string>& col_labels, std::string_view indent) {
  const std::size_t rows = cells.size(), cols = rows ? cells[0].size() : 0;
  std::vector<std::string> rl(rows), cl(cols);
  for (std::size_t i = 0; i < rows; ++i)
    rl[i] = i < row_labels.size() ? sanitize_line(row_labels[i]) : "";
  for (std::size_t j = 0; j < cols; ++j)
    cl[j] = j < col_labels.size() ? sanitize_line(col_labels[j]) : "";
  std::size_t lw = 0;
  for (const auto& r : rl) lw = std::max(lw, display_width(r));
  std::vector<std::size_t> w(cols, 0);
  for (std::size_t j = 0; j < cols; ++j) {
    w[j] = display_width(cl[j]);
    for (std::size_t i = 0; i < rows; ++i) w[j] = std::max(w[j], display_width(cells[i][j]));
  }
  std::string out;
  bool any_col_label = false;
  for (const auto& c : cl) any_col_label = any_col_label || !c.empty();
  if (any_col_label) {
    out += std::string(indent) + std::string(lw, ' ');
    for (std::size_t j = 0; j < cols; ++j) out += "  " + pad_left(cl[j], w[j]);
    out += "\n";
  }
  for (std::size_t i = 0; i < rows; ++i) {
    out += std::string(indent) + pad_right(rl[i], lw);
    for (std::size_t j = 0; j < cols; ++j) out += "  " + pad_left(cells[i][j], w[j]);
    out += "\n";
  }
  return out;
}

}  // namespace

std::string exercise_tag(const Exercise& e) {
  return "[" + std::string(practice::kind_name(e.kind)) + ", level " + std::to_string(e.level) +
         ", seed " + std::to_string(e.seed) + "]";
}

std::string compact_matrix(const Matrix& m, const std::vector<std::string>& row_labels,
                           const std::vector<std::string>& col_labels, std::string_view indent) {
  std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(m.rows()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      cells[static_cast<std::size_t>(i)].push_back(compact(m(i, j)));
  return table(cells, row_labels, col_labels, indent);
}

namespace {

std::string situation(const Exercise& e, const term::Style& style, std::string_view indent) {
  std::string out = wrap(sanitize_line(e.intro), indent);
  for (const auto& g : e.givens) {
    out += "\n" + std::string(indent) + style.bold(sanitize_line(g.name)) + "  " +
           style.dim("(" + attention::shape_text(g.matrix) + ")") + "\n";
    out += compact_matrix(g.matrix, g.row_labels, g.col_labels, std::string(indent) + "  ");
  }
  return out;
}

}  // namespace

std::string exercise_situation(const Exercise& e, std::string_view indent) {
  return situation(e, term::Style(false), indent);
}

std::string exercise_text(const Exercise& e, const term::Style& style, std::string_view indent) {
  std::string out = situation(e, style, indent);
  out += "\n" + std::string(indent) + practice::tolerance_sentence(e.tolerance) +
         ". Type a number, a row \"1 2 3\" or a matrix \"1 0; 0 1\".\n";
  return out;
}

std::string part_prompt(const Part& p, const term::Style& style) {
  const std::string label = "(" + sanitize_line(p.label) + ")";
  std::string text = wrap(label + " " + sanitize_line(p.question), "    ");
  text = style.bold(label) + text.substr(4 + label.size());
  return text + "    " +
         style.dim("Answer: " + practice::shape_words(p.answer.rows(), p.answer.cols()) + ".") +
         "\n";
}

std::string entry_name(const Part& p, int row, int col) {
  auto label = [](const std::vector<std::string>& l, int i) {
    return static_cast<std::size_t>(i) < l.size()
               ? " (" + sanitize_line(l[static_cast<std::size_t>(i)]) + ")"
               : std::string();
  };
  if (p.answer.rows() == 1 && p.answer.cols() == 1) return "the number";
  if (p.answer.rows() == 1) return "entry " + std::to_string(col + 1) + label(p.col_labels, col);
  return "row " + std::to_string(row + 1) + label(p.row_labels, row) + ", column " +
         std::to_string(col + 1) + label(p.col_labels, col);
}

std::string part_result_text(const Exercise& e, const practice::PartResult& r,
                             const term::Style& style) {
  const Part& p = e.parts[r.part];
  std::string out;
  const std::string hinted = r.hinted ? style.dim(" (after a hint)") : "";
  if (r.correct && !r.carried) return "    " + style.good("✓ Right.") + hinted + "\n";
  if (r.carried)
    return "    " + style.good("✓ Right") +
           ", allowing for the rounding in your earlier answers: " +
           "it is exactly what they give." + hinted + "\n";
  const auto n = r.ok.size();
  const auto good = r.ok.count();
  if (n == 1) {
    const double a = p.answer(0, 0), g = r.given(0, 0);
    const std::string shown = compact(a) == compact(g) ? format_exact(a) : compact(a);
    out += "    " + style.bad("✗ Wrong") + ": the answer is " + shown + "." + hinted + "\n";
  } else {
    out += "    " + style.bad("✗ Wrong") + ": " + std::to_string(good) + " of " +
           std::to_string(n) + " entries right" + hinted + ".\n";
    std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(r.given.rows()));
    for (Eigen::Index i = 0; i < r.given.rows(); ++i)
      for (Eigen::Index j = 0; j < r.given.cols(); ++j)
        cells[static_cast<std::size_t>(i)].push_back(
            compact(r.given(i, j)) + (r.ok(i, j) ? " " + style.good("✓") : " " + style.bad("✗")));
    out += "    Yours:\n" + table(cells, p.row_labels, p.col_labels, "      ");
    out += "    Right:\n" + compact_matrix(p.answer, p.row_labels, p.col_labels, "      ");
  }
  if (r.consistent.value_or(false))
    out += "    " + style.accent("It follows from your earlier answers") +
           ": the slip is earlier, so it is not counted again.\n";
  return out;
}

std::string diagnosis_text(const practice::Diagnosis& d, const term::Style& style,
                           std::string_view indent,
                           const std::function<std::string(int, int)>& name_entry) {
  const std::string in(indent);
  std::string out;
  if (d.empty()) {
    if (d.first_step.empty()) return out;
    out += wrap("None of the known mistakes gives these numbers. The first step that differs is " +
                    d.first_step + ": compare your work with the worked steps, starting there.",
                in);
    return out;
  }
  const bool tie = d.matches.size() > 1;
  if (tie)
    out += wrap("These " + std::to_string(d.matches.size()) +
                    " mistakes give the same numbers here, so it could be any of them:",
                in);
  for (const auto& m : d.matches) {
    const bool arithmetic = std::string_view(m.mistake->id) == practice::kArithmetic;
    std::string head = style.warn(m.mistake->id) + ": " + m.mistake->title;
    if (m.basis == practice::Basis::your_steps) head += ", applied to your own earlier numbers";
    head += ".";
    if (!arithmetic) {
      head += m.partial ? " Most of your entries are what that gives."
                        : " Your numbers are exactly what that gives.";
    }
    out += wrap((tie ? "• " : "") + head, in);
    if (!m.off.empty()) {
      std::string list;
      for (std::size_t i = 0; i < m.off.size() && i < 6; ++i) {
        const auto& e = m.off[i];
        // To 4 decimals, unless that would make two different numbers look the same.
        const bool same = compact(e.given) == compact(e.expected);
        const std::string given = same ? format_exact(e.given) : compact(e.given);
        const std::string expected = same ? format_exact(e.expected) : compact(e.expected);
        list += (list.empty() ? "" : "; ") + name_entry(e.row, e.col) + ": you wrote " + given +
                ", " + (arithmetic ? "it is " : "that gives ") + expected;
      }
      if (m.off.size() > 6) list += "; and " + plural(m.off.size() - 6, "more", "more");
      out += wrap((arithmetic ? "Entries to redo: " : "Also off: ") + list + ".", in + "  ");
    }
    out += wrap("Why: " + std::string(m.mistake->why), in + "  ");
  }
  return out;
}

std::string worked_text(const Exercise& e, const std::vector<attention::Trace>& traces,
                        const RenderOptions& o, std::optional<std::size_t> through) {
  if (traces.empty()) return {};
  const std::size_t last = through ? *through : e.parts.size() - 1;
  if (e.kind != practice::Kind::shapes)
    return render_steps(traces.front(), e.steps_through(last), o);
  std::string out;
  int number = 0;
  for (std::size_t i = 0; i <= last && i < e.parts.size(); ++i) {
    const auto& part = e.parts[i];
    if (part.source.read == practice::Read::shapes) {
      for (const auto& id : part.source.steps) {
        const attention::Step& s = traces.front().step(id);
        out += "\n" + o.style.bold(std::to_string(++number) + ". " + sanitize_line(s.title)) +
               "  " + o.style.dim("[" + id + "]") + "\n";
        out += "   " + o.style.accent(sanitize_line(s.formula)) + "\n   " + sanitize_line(s.shape) +
               "\n";
      }
    } else {
      for (const auto& t : traces) {
        const int heads = t.heads.empty() ? 1 : static_cast<int>(t.heads.size());
        const attention::Step& s =
            t.heads.empty() ? t.step("scores") : t.heads.front().step("scores");
        out +=
            "\n" + o.style.bold(std::to_string(++number) + ". n = " + std::to_string(t.shapes.n)) +
            "\n   each head's S is " + attention::shape_text(s.matrix) + " = " +
            std::to_string(s.matrix.size()) + " scores; " + plural(heads, "head", "heads") + " → " +
            std::to_string(static_cast<long long>(s.matrix.size()) * heads) + " scores\n";
      }
      out += "\n" + wrap(
                        "Doubling n multiplies the number of scores by 4: the cost of attention "
                        "grows with the square of the sequence length.",
                        "   ");
    }
  }
  return out;
}

std::string hint_text(const practice::Hint& h, int number, int total, const term::Style& style) {
  std::string s = style.accent("Hint " + std::to_string(number) + " of " + std::to_string(total) +
                               " (" + sanitize_line(h.title) + "):") +
                  " " + sanitize_line(h.formula);
  if (!h.shape.empty()) s += "\n    " + sanitize_line(h.shape);
  return "    " + s + "\n";
}

}  // namespace qkv::render
