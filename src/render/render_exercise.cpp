#include "render/render_exercise.hpp"

#include <cmath>

#include "core/numbers.hpp"
#include "core/text.hpp"
#include "practice/mistakes.hpp"
#include "render/matrix_text.hpp"
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

// Cells under their labels (sanitised here), in column blocks when wider than `width`.
std::string table(const std::vector<std::vector<std::string>>& cells,
                  const std::vector<std::string>& row_labels,
                  const std::vector<std::string>& col_labels, std::string_view indent,
                  std::size_t width) {
  std::vector<std::string> rl, cl;
  for (const auto& r : row_labels) rl.push_back(sanitize_line(r));
  for (const auto& c : col_labels) cl.push_back(sanitize_line(c));
  return grid_text(cells, rl, cl, indent, width);
}

}  // namespace

std::string exercise_tag(const Exercise& e) {
  return "[" + std::string(practice::kind_name(e.kind)) + ", level " + std::to_string(e.level) +
         ", seed " + std::to_string(e.seed) + "]";
}

std::string compact_matrix(const Matrix& m, const std::vector<std::string>& row_labels,
                           const std::vector<std::string>& col_labels, std::string_view indent,
                           std::size_t width) {
  std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(m.rows()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      cells[static_cast<std::size_t>(i)].push_back(compact(m(i, j)));
  return table(cells, row_labels, col_labels, indent, width);
}

namespace {

std::string situation(const Exercise& e, const term::Style& style, std::string_view indent,
                      std::size_t width) {
  std::string out = wrap(sanitize_line(e.intro), indent, width);
  for (const auto& g : e.givens) {
    out += "\n" + std::string(indent) + style.bold(sanitize_line(g.name)) + "  " +
           style.dim("(" + attention::shape_text(g.matrix) + ")") + "\n";
    out += compact_matrix(g.matrix, g.row_labels, g.col_labels, std::string(indent) + "  ", width);
  }
  return out;
}

}  // namespace

std::string exercise_situation(const Exercise& e, std::string_view indent, std::size_t width) {
  return situation(e, term::Style(false), indent, width);
}

std::string exercise_text(const Exercise& e, const term::Style& style, std::string_view indent,
                          std::size_t width) {
  std::string out = situation(e, style, indent, width);
  out += "\n" + wrap(practice::tolerance_sentence(e.tolerance) +
                         ". Type a number, a row \"1 2 3\" or a matrix \"1 0; 0 1\".",
                     indent, width);
  return out;
}

std::string part_prompt(const Part& p, const term::Style& style, std::size_t width) {
  const std::string label = "(" + sanitize_line(p.label) + ")";
  return wrap(style.bold(label) + " " + sanitize_line(p.question), "", "    ", width) +
         style.dim(wrap("Answer: " + practice::shape_words(p.answer.rows(), p.answer.cols()) + ".",
                        "    ", width));
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
                             const term::Style& style, std::size_t width) {
  const Part& p = e.parts[r.part];
  std::string out;
  const std::string hinted = r.hinted ? style.dim(" (after a hint)") : "";
  if (r.correct && !r.carried) return "    " + style.good("✓ Right.") + hinted + "\n";
  if (r.carried)
    return wrap(style.good("✓ Right") + ", allowing for the rounding in your earlier answers: " +
                    "it is exactly what they give." + hinted,
                "    ", "      ", width);
  const auto n = r.ok.size();
  const auto good = r.ok.count();
  if (n == 1) {
    const double a = p.answer(0, 0), g = r.given(0, 0);
    const std::string shown = compact(a) == compact(g) ? format_exact(a) : compact(a);
    out += wrap(style.bad("✗ Wrong") + ": the answer is " + shown + "." + hinted, "    ", "      ",
                width);
  } else {
    out += "    " + style.bad("✗ Wrong") + ": " + std::to_string(good) + " of " +
           std::to_string(n) + " entries right" + hinted + ".\n";
    std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(r.given.rows()));
    for (Eigen::Index i = 0; i < r.given.rows(); ++i)
      for (Eigen::Index j = 0; j < r.given.cols(); ++j)
        cells[static_cast<std::size_t>(i)].push_back(
            compact(r.given(i, j)) + (r.ok(i, j) ? " " + style.good("✓") : " " + style.bad("✗")));
    out += "    Yours:\n" + table(cells, p.row_labels, p.col_labels, "      ", width);
    out += "    Right:\n" + compact_matrix(p.answer, p.row_labels, p.col_labels, "      ", width);
  }
  if (r.consistent.value_or(false))
    out += wrap(style.accent("It follows from your earlier answers") +
                    ": the slip is earlier, so it is not counted again.",
                "    ", "      ", width);
  return out;
}

std::string diagnosis_text(const practice::Diagnosis& d, const term::Style& style,
                           std::string_view indent,
                           const std::function<std::string(int, int)>& name_entry,
                           std::size_t width) {
  const std::string in(indent);
  std::string out;
  if (d.empty()) {
    if (d.first_step.empty()) return out;
    out += wrap("None of the known mistakes gives these numbers. The first step that differs is " +
                    d.first_step + ": compare your work with the worked steps, starting there.",
                in, width);
    return out;
  }
  const bool tie = d.matches.size() > 1;
  if (tie)
    out += wrap("These " + std::to_string(d.matches.size()) +
                    " mistakes give the same numbers here, so it could be any of them:",
                in, width);
  for (const auto& m : d.matches) {
    const bool arithmetic = std::string_view(m.mistake->id) == practice::kArithmetic;
    std::string head = style.warn(m.mistake->id) + ": " + m.mistake->title;
    if (m.basis == practice::Basis::your_steps) head += ", applied to your own earlier numbers";
    head += ".";
    if (!arithmetic) {
      head += m.partial ? " Most of your entries are what that gives."
                        : " Your numbers are exactly what that gives.";
    }
    out += wrap((tie ? "• " : "") + head, in, in + (tie ? "  " : ""), width);
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
      out += wrap((arithmetic ? "Entries to redo: " : "Also off: ") + list + ".", in + "  ", width);
    }
    out += wrap("Why: " + std::string(m.mistake->why), in + "  ", width);
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
        out += "\n" + flow({o.style.bold(std::to_string(++number) + ". " + sanitize_line(s.title)),
                            o.style.dim("[" + id + "]")},
                           o.width);
        out += o.style.accent(wrap(sanitize_line(s.formula), "   ", "     ", o.width)) +
               wrap(sanitize_line(s.shape), "   ", "     ", o.width);
      }
    } else {
      for (const auto& t : traces) {
        const int heads = t.heads.empty() ? 1 : static_cast<int>(t.heads.size());
        const attention::Step& s =
            t.heads.empty() ? t.step("scores") : t.heads.front().step("scores");
        out += "\n" +
               o.style.bold(std::to_string(++number) + ". n = " + std::to_string(t.shapes.n)) +
               "\n" +
               wrap("each head's S is " + attention::shape_text(s.matrix) + " = " +
                        std::to_string(s.matrix.size()) + " scores; " +
                        plural(heads, "head", "heads") + " → " +
                        std::to_string(static_cast<long long>(s.matrix.size()) * heads) + " scores",
                    "   ", "     ", o.width);
      }
      out += "\n" + wrap(
                        "Doubling n multiplies the number of scores by 4: the cost of attention "
                        "grows with the square of the sequence length.",
                        "   ", o.width);
    }
  }
  return out;
}

std::string hint_text(const practice::Hint& h, int number, int total, const term::Style& style,
                      std::size_t width) {
  std::string out =
      wrap(style.accent("Hint " + std::to_string(number) + " of " + std::to_string(total) + " (" +
                        sanitize_line(h.title) + "):") +
               " " + sanitize_line(h.formula),
           "    ", "      ", width);
  if (!h.shape.empty()) out += wrap(sanitize_line(h.shape), "    ", "      ", width);
  return out;
}

}  // namespace qkv::render
