#include "interchange/export.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/numbers.hpp"
#include "interchange/export_detail.hpp"
#include "practice/exercise.hpp"
#include "practice/generate.hpp"

namespace qkv::interchange {

const char* export_format_name(ExportFormat f) {
  switch (f) {
    case ExportFormat::gift:
      return "gift";
    case ExportFormat::aiken:
      return "aiken";
    case ExportFormat::moodle_xml:
      return "moodle-xml";
    case ExportFormat::markdown:
      return "markdown";
  }
  return "?";
}

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  for (auto f :
       {ExportFormat::gift, ExportFormat::aiken, ExportFormat::moodle_xml, ExportFormat::markdown})
    if (name == export_format_name(f)) return f;
  return std::nullopt;
}

ExportResult export_pack(const bank::Pack& pack, ExportFormat f) {
  switch (f) {
    case ExportFormat::gift:
      return export_gift(pack);
    case ExportFormat::aiken:
      return export_aiken(pack);
    case ExportFormat::moodle_xml:
      return export_moodle_xml(pack);
    case ExportFormat::markdown:
      return export_markdown(pack);
  }
  return {};
}

void lose(ExportResult& r, const bank::Question& q, const std::string& what) {
  r.losses.push_back(
      {q.loc.file, q.loc.line, 0, "", "question " + q.id + ": " + what, Severity::warning});
}

void common_losses(ExportResult& r, const bank::Question& q, bool format_has_hints) {
  if (!format_has_hints && !q.hints.empty())
    lose(r, q, "its " + std::to_string(q.hints.size()) + " hint(s) are dropped");
  if (q.concepts.size() > 1) lose(r, q, "only its first concept is kept (as the category)");
  if (const auto* n = std::get_if<bank::NumericBody>(&q.body); n && n->calc)
    lose(r, q, "the calculator input that checks its answer (calc) is dropped");
}

std::string concept_name(const bank::Pack& pack, const std::string& id) {
  for (const auto& c : pack.concepts)
    if (c.id == id) return c.name.empty() ? id : c.name;
  return id;
}

std::string matrix_text(const std::vector<std::vector<double>>& rows) {
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i) out += "; ";
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      out += (j ? " " : "") + format_exact(rows[i][j]);
  }
  return out;
}

namespace {

// The decimals an answer within tolerance t needs: 2 for ±0.01, 4 without a usable tolerance.
int decimals_for(const Tolerance& t) {
  if (t.kind != ToleranceKind::absolute || !(t.value > 0)) return 4;
  return std::clamp(static_cast<int>(std::ceil(-std::log10(t.value) - 1e-9)), 0, 8);
}

// A vector or matrix answer as text to type: entries rounded to the tolerance's decimals, and the
// instruction that says so, added to the prompt.
void text_answer(Instance& in, const std::vector<std::vector<double>>& rows) {
  const int d = decimals_for(in.tolerance);
  std::string text;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i) text += "; ";
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      text += (j ? " " : "") + format_number(rows[i][j], d);
  }
  in.text_answer = text;
  in.prompt += "\n(Type each entry rounded to " + std::to_string(d) +
               " decimals, separated by spaces" +
               (rows.size() > 1 ? std::string(", rows separated by ';'") : std::string()) + ".)";
}

std::vector<std::vector<double>> rows_of(const Matrix& m) {
  std::vector<std::vector<double>> rows;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    rows.emplace_back();
    for (Eigen::Index j = 0; j < m.cols(); ++j) rows.back().push_back(m(i, j));
  }
  return rows;
}

std::string labelled(const std::vector<std::vector<double>>& rows,
                     const std::vector<std::string>& row_labels) {
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += "  ";
    if (i < row_labels.size()) out += row_labels[i] + ": ";
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      out += (j ? "  " : "") + format_exact(rows[i][j]);
    out += "\n";
  }
  return out;
}

// A stable seed from the question's id (FNV-1a), so that an export is the same every time.
std::uint64_t seed_of(const std::string& id) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return h % 999'999'999 + 1;
}

}  // namespace

Instance instance_of(const bank::Question& q) {
  Instance in;
  if (const auto* m = std::get_if<bank::MatrixBody>(&q.body)) {
    in.prompt = q.prompt;
    in.tolerance = m->tolerance;
    if (m->answer.size() == 1 && m->answer[0].size() == 1)
      in.number = m->answer[0][0];
    else
      text_answer(in, m->answer);
    in.description = "its matrix answer";
    return in;
  }
  const auto& c = std::get<bank::CalculatedBody>(q.body);
  const auto kind = practice::parse_kind(c.kind);
  const std::uint64_t seed = c.seed ? *c.seed : seed_of(q.full_id());
  practice::Exercise e = practice::generate(kind.value_or(practice::Kind::softmax), c.level, seed);
  if (c.tolerance) e.tolerance = *c.tolerance;
  std::size_t part = e.parts.empty() ? 0 : e.parts.size() - 1;
  for (std::size_t i = 0; i < e.parts.size(); ++i)
    if (e.parts[i].label == c.part) part = i;
  std::string text = q.prompt + "\n\n" + e.title + ". " + e.intro + "\n";
  for (const auto& g : e.givens)
    text += "\n" + g.name + " =\n" + labelled(rows_of(g.matrix), g.row_labels);
  in.prompt = text;
  in.tolerance = e.tolerance;
  if (part < e.parts.size()) {
    const auto& p = e.parts[part];
    in.prompt += "\n" + p.question;
    if (p.answer.rows() == 1 && p.answer.cols() == 1)
      in.number = p.answer(0, 0);
    else
      text_answer(in, rows_of(p.answer));
  }
  in.description = "the " + c.kind + " exercise, level " + std::to_string(c.level) + ", seed " +
                   std::to_string(seed) +
                   (part < e.parts.size() ? ", part " + e.parts[part].label : std::string());
  return in;
}

}  // namespace qkv::interchange
