#include "render/exercise_sheet.hpp"

#include "core/numbers.hpp"
#include "practice/solve.hpp"
#include "render/render_exercise.hpp"
#include "render/trace_markdown.hpp"

namespace qkv::render {

namespace {

std::string table(const Matrix& m, const std::vector<std::string>& rows,
                  const std::vector<std::string>& cols) {
  auto label = [](const std::vector<std::string>& l, Eigen::Index i) {
    return static_cast<std::size_t>(i) < l.size() ? markdown_escape(l[static_cast<std::size_t>(i)])
                                                  : std::to_string(i + 1);
  };
  std::string out = "|   |";
  for (Eigen::Index j = 0; j < m.cols(); ++j) out += " " + label(cols, j) + " |";
  out += "\n|---|";
  for (Eigen::Index j = 0; j < m.cols(); ++j) out += "--:|";
  out += "\n";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += "| **" + label(rows, i) + "** |";
    for (Eigen::Index j = 0; j < m.cols(); ++j) out += " " + compact_number(m(i, j)) + " |";
    out += "\n";
  }
  return out;
}

std::string heading(const practice::Exercise& e, std::size_t i) {
  return "## Exercise " + std::to_string(i + 1) + ": " + markdown_escape(e.title) + "\n\n*" +
         markdown_escape(exercise_tag(e)) + "*\n\n";
}

}  // namespace

std::string worksheet_markdown(const std::vector<practice::Exercise>& exercises, std::uint64_t seed,
                               const std::string& replay) {
  std::string out = "# Attention drills\n\n";
  out += "Seed " + std::to_string(seed) + ": `" + replay +
         " --worksheet markdown` makes this sheet again, `" + replay +
         " --answer-key` its solutions.\n\n";
  out +=
      "Tokens are rows. Scores are S = Q·Kᵀ, scaled by 1/√d_k; the softmax runs along each row; "
      "a causal mask lets a token see itself and earlier tokens; the output is P·V. Write "
      "numbers to two decimals.\n";
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const auto& e = exercises[i];
    out += "\n" + heading(e, i) + markdown_escape(e.intro) + "\n";
    for (const auto& g : e.givens)
      out += "\n**" + markdown_escape(g.name) + "** (" + attention::shape_text(g.matrix) + ")\n\n" +
             table(g.matrix, g.row_labels, g.col_labels);
    out += "\n";
    for (const auto& p : e.parts) {
      out += "**(" + p.label + ")** " + markdown_escape(p.question) + " *Answer: " +
             markdown_escape(practice::shape_words(p.answer.rows(), p.answer.cols())) + ".*\n\n";
      for (Eigen::Index r = 0; r < std::max<Eigen::Index>(1, p.answer.rows()); ++r)
        out += "&nbsp;&nbsp;&nbsp;&nbsp;______________________________\n\n";
    }
    out += practice::tolerance_sentence(e.tolerance) + ".\n";
  }
  return out;
}

std::string answer_key_markdown(const std::vector<practice::Exercise>& exercises,
                                std::uint64_t seed) {
  std::string out = "# Answer key\n\nSeed " + std::to_string(seed) +
                    ". Every number below is computed by the qkv attention engine.\n";
  RenderOptions ro;
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const auto& e = exercises[i];
    out += "\n" + heading(e, i);
    for (const auto& p : e.parts)
      out += "**(" + p.label + ")** " + markdown_escape(p.question) + "\n\n" +
             table(p.answer, p.row_labels, p.col_labels) + "\n";
    const auto traces = practice::solve(e);
    out += "**Worked steps**\n";
    if (e.kind == practice::Kind::shapes)
      out += "\n```\n" + worked_text(e, traces, ro) + "```\n";
    else
      out += render_steps_markdown(traces.front(), e.steps(), ro);
  }
  return out;
}

}  // namespace qkv::render
