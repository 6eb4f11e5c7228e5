// `qkv check worked.json`: grades a learner's whole worked solution step by step against the
// attention engine, judging later steps against the learner's own earlier numbers as well, and
// names the mistake behind the first slip. Core: src/practice/check.hpp.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "app/number_options.hpp"
#include "attention/engine.hpp"
#include "attention/problem_json.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/memory.hpp"
#include "core/text.hpp"
#include "json/document.hpp"
#include "json/index.hpp"
#include "json/strings.hpp"
#include "practice/check.hpp"
#include "practice/mistakes.hpp"
#include "render/exercise_json.hpp"
#include "render/render_exercise.hpp"
#include "render/trace_json.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

using nlohmann::json;

struct CheckArgs {
  std::string file;
  std::string format = "text";
  double tolerance = 0.01;
};

struct Worked {
  attention::Problem problem;
  practice::StepValues work;
  JsonIndex index;  ///< where each value of the file is, for later diagnostics
};

// Adds the file name, the prefix of each pointer and, where the index knows it, the line and
// column of each diagnostic.
std::vector<Diagnostic> locate(std::vector<Diagnostic> diags, const JsonIndex& index,
                               const std::string& file, const std::string& prefix) {
  return located(std::move(diags), index, file, prefix);
}

std::optional<Matrix> work_matrix(const json& j, const std::string& pointer,
                                  std::vector<Diagnostic>& diags) {
  auto fail = [&](std::string p, std::string m) {
    diags.push_back(make_error("", std::move(p), std::move(m)));
    return std::nullopt;
  };
  if (j.is_string()) {
    try {
      return parse_matrix(j.get<std::string>(), "the matrix");
    } catch (const Error& e) {
      return fail(pointer, e.diagnostics().empty() ? e.what() : e.diagnostics().front().message);
    }
  }
  if (!j.is_array() || j.empty())
    return fail(pointer,
                "expected a matrix: an array of rows such as [[1, 0], [0, 1]], one row "
                "[1, 0], or a string \"1 0; 0 1\"");
  const bool one_row = !j.front().is_array();
  const std::size_t rows = one_row ? 1 : j.size();
  const std::size_t cols = one_row ? j.size() : j.front().size();
  if (cols == 0) return fail(pointer + "/0", "row 1 is empty");
  Matrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  bool ok = true;
  for (std::size_t r = 0; r < rows; ++r) {
    const json& row = one_row ? j : j[r];
    const std::string rp = one_row ? pointer : pointer + "/" + std::to_string(r);
    if (!row.is_array() || row.size() != cols) {
      fail(rp, "row " + std::to_string(r + 1) +
                   (row.is_array() ? " has " + std::to_string(row.size()) +
                                         " entries but row 1 has " + std::to_string(cols)
                                   : " is not an array"));
      ok = false;
      continue;
    }
    for (std::size_t c = 0; c < cols; ++c) {
      const json& e = row[c];
      const auto at = [&] {
        return std::pair{static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)};
      };
      if (e.is_number()) {
        m(at().first, at().second) = e.get<double>();
      } else if (e.is_null()) {
        m(at().first, at().second) = -std::numeric_limits<double>::infinity();  // a masked score
      } else if (e.is_string()) {
        std::string why;
        const std::string s = e.get<std::string>();
        if (s == "-inf" || s == "−∞" || s == "-∞") {
          m(at().first, at().second) = -std::numeric_limits<double>::infinity();
        } else if (auto v = parse_scalar(s, &why)) {
          m(at().first, at().second) = *v;
        } else {
          fail(rp + "/" + std::to_string(c), why);
          ok = false;
        }
      } else {
        fail(rp + "/" + std::to_string(c), std::string("expected a number (or null for a masked "
                                                       "score), got ") +
                                               e.type_name());
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  return m;
}

Worked read_worked(const std::string& path) {
  // Strictly: a syntax error, a key given twice (a wrong first "scores" would never be checked),
  // a number too large for a double (1e999 is not 0) are errors with their line and column.
  LocatedDocument doc = read_document(read_text_file(path), path, "a worked solution");
  json& j = doc.document;
  JsonIndex& index = doc.index;
  std::vector<Diagnostic> diags;
  auto fail = [&](std::string pointer, std::string message) {
    diags.push_back(make_error("", std::move(pointer), std::move(message)));
  };
  attention::Problem problem;
  practice::StepValues work;
  if (!j.is_object()) {
    fail("", "expected an object {\"problem\": {...}, \"work\": {step: matrix, ...}}");
    throw Error(Exit::data, locate(std::move(diags), index, path, ""));
  }
  for (const auto& [key, value] : j.items())
    if (key != "problem" && key != "work" && key != "comment" && key != "description")
      fail("/" + key, "unknown key '" + key +
                          "'; a worked solution has \"problem\" and \"work\" (and \"comment\")");
  if (!j.contains("problem"))
    fail("",
         "missing \"problem\": the calculator's inputs (x, wq, wk, wv or q, k, v, mask, scale, "
         "heads)");
  if (!j.contains("work"))
    fail("",
         "missing \"work\": your matrices by step id (q, k, v, scores, scaled, masked, weights, "
         "output)");
  if (j.contains("work")) {
    if (!j["work"].is_object() || j["work"].empty()) {
      fail("/work",
           "\"work\" must be an object with at least one step, such as {\"scores\": [[1, 2], [3, "
           "4]]}");
    } else {
      for (const auto& [id, value] : j["work"].items())
        if (auto m = work_matrix(value, "/work/" + pointer_token(id), diags)) work[id] = *m;
    }
  }
  if (j.contains("problem")) {
    try {
      problem = attention::problem_from_json(j["problem"], path);
    } catch (const Error& e) {
      auto located = locate(e.diagnostics(), index, path, "/problem");
      diags.insert(diags.end(), located.begin(), located.end());
    }
  }
  if (!diags.empty()) {
    diags = locate(std::move(diags), index, path, "");
    std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    throw Error(Exit::data, std::move(diags));
  }
  return Worked{std::move(problem), std::move(work), std::move(index)};
}

std::string report_text(const practice::CheckReport& r, const std::string& file,
                        const term::Style& style, std::size_t width) {
  std::string out = "qkv check " + sanitize_line(file) + "\n";
  std::size_t w = 0;
  for (const auto& s : r.steps) w = std::max(w, s.id.size());
  std::size_t slips = 0, carried_wrong = 0;
  for (const auto& s : r.steps) {
    const std::string id = sanitize_line(s.id) + std::string(w - s.id.size(), ' ');
    practice::Part labels;  // for naming entries as the drill does
    labels.answer = s.right;
    labels.row_labels = s.row_labels;
    labels.col_labels = s.col_labels;
    auto name = [&labels](int row, int col) { return render::entry_name(labels, row, col); };
    if (s.correct) {
      out += "  " + style.good("✓") + " " + id + "  right" +
             (s.carried ? " (allowing for the rounding in your earlier steps)" : "") + "\n";
      continue;
    }
    if (!s.shape_ok) {
      ++slips;
      out += "  " + style.bad("✗") + " " + id + "  wrong shape: you gave " +
             attention::shape_text(s.given) + ", the step is " + attention::shape_text(s.right) +
             "\n";
      if (!s.diagnosis.empty())
        out += render::diagnosis_text(s.diagnosis, style, "      ", name, width);
      continue;
    }
    const bool follows = s.consistent.value_or(false);
    if (follows) {
      ++carried_wrong;
      out += "  " + style.warn("~") + " " + id +
             "  wrong, but it follows from your earlier steps\n" + std::string(w + 6, ' ') +
             "(the slip is earlier, so it is not counted again)\n";
      continue;
    }
    ++slips;
    out += "  " + style.bad("✗") + " " + id + "  wrong: " + std::to_string(s.off.size()) + " of " +
           std::to_string(s.right.size()) + " entries off";
    if (s.consistent.has_value()) out += ", and it does not follow from your earlier steps either";
    out += "\n";
    out += "      yours:\n" +
           render::compact_matrix(s.given, s.row_labels, s.col_labels, "        ", width);
    out += "      right:\n" +
           render::compact_matrix(s.right, s.row_labels, s.col_labels, "        ", width);
    out += render::diagnosis_text(s.diagnosis, style, "      ", name, width);
  }
  if (r.all_correct()) {
    out += style.good("All " + std::to_string(r.steps.size()) + " steps right.") + "\n";
  } else {
    out += "First wrong step: " + *r.first_wrong + ". " + plural(slips, "slip", "slips");
    if (carried_wrong > 0)
      out += "; " + plural(carried_wrong, "later step follows", "later steps follow") +
             " from your own numbers";
    out += ".\n";
  }
  return out;
}

int run_check(const CheckArgs& a, Context& ctx) {
  const Worked w = read_worked(a.file);
  Tolerance tol = practice::default_check_tolerance();
  tol.value = a.tolerance;
  // The right computation, the step-by-step pipeline and the engine once per known mistake
  // (for naming a slip) are held together.
  const std::size_t runs = 2 + practice::catalogue().size();
  const std::size_t one = attention::memory_needed(w.problem);
  require_memory(one > SIZE_MAX / runs ? SIZE_MAX : one * runs,
                 "checking this problem (" + std::to_string(attention::shapes_of(w.problem).n) +
                     " queries × " + std::to_string(attention::shapes_of(w.problem).m) + " keys)",
                 "check a smaller problem");
  practice::CheckReport report;
  try {
    report = practice::check_work(w.problem, w.work, tol);
  } catch (const Error& e) {
    throw Error(e.code(), locate(e.diagnostics(), w.index, a.file, ""));
  }
  if (a.format == "json")
    std::cout << render::pretty_json(render::check_json(report));
  else
    std::cout << report_text(report, a.file, ctx.out_style(), term::output_width(1));
  std::cout << std::flush;
  return report.all_correct() ? 0 : static_cast<int>(Exit::failed);
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = &app;
  cmd->add_option("file", args->file, "The worked solution, a JSON file (see below)")->required();
  cmd->add_option("--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--tolerance", args->tolerance,
                  "How far an entry may be from the right number (absolute; default 0.01)")
      ->check(real_number(0.0, 1e6));
  cmd->footer(
      "\nThe file holds the problem, with the keys of qkv calc --input (x, wq, wk, wv or q, k, v,\n"
      "mask, scale, heads, tokens, ...), and your work: matrices under the step ids q, k, v,\n"
      "keep (the mask: 1 = may attend), scores, scaled, masked, weights, output (headH/... and\n"
      "concat with several heads), any subset of them. A masked score is \"-inf\" (null is read\n"
      "as -inf too). Duplicate keys and numbers too large for a double are errors.\n"
      "\n  {\"problem\": {\"q\": [[1,0],[0,1]], \"k\": [[1,2],[0,1]], \"v\": [[1,1],[2,0]]},\n"
      "   \"work\": {\"scores\": [[1,0],[2,1]], \"scaled\": [[0.71,0],[1.41,0.71]]}}\n"
      "\nExamples:\n"
      "  qkv check worked.json                 every step right or wrong, the first slip, why\n"
      "  qkv check worked.json --format json   {\"steps\": [{\"id\", \"correct\", \"consistent\",\n"
      "                                        \"diagnosis\"}...], \"first_wrong\": id or null}\n"
      "  qkv check worked.json --tolerance 0.05\n"
      "\nExit codes: 0 every step right; 1 some step wrong; 2 usage error; 65 a malformed file\n"
      "(the message gives the line, column and JSON pointer), or a problem too large for the\n"
      "memory available; 66 a file that cannot be read.\n");
  cmd->callback([args, &ctx]() { ctx.exit_code = run_check(*args, ctx); });
}

}  // namespace qkv::app
