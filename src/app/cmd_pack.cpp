// `qkv pack validate|info|lint`: instructors' tools for question packs.
#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>
#include <variant>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "app/number_options.hpp"
#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "core/duration.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"
#include "render/diagnostics_json.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

struct PackOptions {
  std::vector<std::string> paths;  ///< the packs named on the command line
  bool json = false;               ///< --json: one JSON document instead of text
  bool questions = false;          ///< info: list every question (id, type, difficulty, concepts)
  bool strict = false;             ///< lint: warnings fail (exit 65)
  int min_per_concept = bank::LintOptions{}.min_per_concept;   ///< lint: --min-per-concept
  double near_duplicate = bank::LintOptions{}.near_duplicate;  ///< lint: --near-duplicate
};

// A line of prose `width` columns wide (0: as it is), its further lines two spaces in.
std::string line_of(const std::string& text, std::size_t width) {
  return wrap_block(text, width, "", "  ");
}

// The widest word of `text`, in display columns.
std::size_t widest_word(std::string_view text) {
  std::size_t most = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = text.size();
    most = std::max(most, display_width(text.substr(start, end - start)));
    start = end + 1;
  }
  return most;
}

// One row of a table: `lead` (the columns before the last, already padded) and `text` (the last
// column), `width` columns wide. Further lines of the text sit under its first word, or four
// spaces in when its column is too narrow for its widest word (never a word split). Width 0:
// one line, as it is.
std::string row(const std::string& lead, const std::string& text, std::size_t width) {
  if (width == 0) return lead + text + "\n";
  const std::size_t lw = display_width(lead);
  if (widest_word(text) == 0) return wrap(lead, "", "    ", width);
  if (lw + widest_word(text) <= width) return wrap(text, lead, std::string(lw, ' '), width);
  if (lw >= width) return wrap(lead, "", "    ", width) + wrap(text, "    ", width);
  return wrap(text, lead, "    ", width);
}

std::size_t count_errors(const std::vector<Diagnostic>& ds) {
  return static_cast<std::size_t>(std::count_if(
      ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

// One pack as loaded for a command: the pack, or why not (its diagnostics; unreadable: 66).
struct Loaded {
  std::string path;
  std::optional<bank::Pack> pack;
  std::vector<Diagnostic> diagnostics;
  bool unreadable = false;
};

Loaded load(const std::string& path) {
  Loaded l;
  l.path = path;
  bank::LoadResult r = bank::load_pack(path, &l.unreadable, pack_load_options());
  l.pack = std::move(r.pack);
  l.diagnostics = std::move(r.diagnostics);
  return l;
}

// The exit code of packs that could not be used: 66 wins over 65.
void note_failure(const Loaded& l, int& code) {
  if (l.pack) return;
  if (l.unreadable)
    code = static_cast<int>(Exit::no_input);
  else if (code != static_cast<int>(Exit::no_input))
    code = static_cast<int>(Exit::data);
}

// Loads one pack for a command, printing its errors and a summary on `out` (`width` columns
// wide) when it cannot be used. Returns the pack, or nullopt with `code` set to 65 or 66 (66
// wins over 65).
std::optional<bank::Pack> load_or_report(const std::string& path, std::ostream& out,
                                         const term::Style& style, std::size_t width, int& code) {
  Loaded l = load(path);
  print_diagnostics(out, l.diagnostics, style, "", width);
  if (l.pack) return std::move(l.pack);
  note_failure(l, code);
  const std::string shown = sanitize_line(path);
  if (l.unreadable)
    out << line_of(style.bad(shown + ": cannot be read"), width);
  else
    out << line_of(
        style.bad(shown + ": invalid, " + plural(count_errors(l.diagnostics), "error", "errors")),
        width);
  return std::nullopt;
}

std::size_t count_warnings(const std::vector<Diagnostic>& ds) {
  return ds.size() - count_errors(ds);
}

// One pack's entry in the JSON of validate and lint: {path, status, id, questions, concepts,
// errors, warnings}; `diagnostics` are the ones of this pack.
nlohmann::ordered_json pack_entry(const Loaded& l, const std::vector<Diagnostic>& diagnostics,
                                  const char* usable_status) {
  using J = nlohmann::ordered_json;
  return J{{"path", l.path},
           {"status", l.pack ? usable_status : l.unreadable ? "unreadable" : "invalid"},
           {"id", l.pack ? J(l.pack->id) : J(nullptr)},
           {"questions", l.pack ? J(l.pack->questions.size()) : J(nullptr)},
           {"concepts", l.pack ? J(l.pack->concepts.size()) : J(nullptr)},
           {"errors", count_errors(diagnostics)},
           {"warnings", count_warnings(diagnostics)}};
}

// The document of validate and lint --json: {command, ok (the exit code is 0), exit_code,
// errors, warnings, packs [...], diagnostics [...]}.
void print_check_json(const char* command, int code, const nlohmann::ordered_json& packs,
                      const std::vector<Diagnostic>& all) {
  nlohmann::ordered_json j{{"command", command},
                           {"ok", code == 0},
                           {"exit_code", code},
                           {"errors", count_errors(all)},
                           {"warnings", count_warnings(all)},
                           {"packs", packs},
                           {"diagnostics", render::diagnostics_json(all)}};
  std::cout << json_text(j);
}

int run_validate(const PackOptions& o, const term::Style& style) {
  int code = 0;
  if (o.json) {
    nlohmann::ordered_json packs = nlohmann::ordered_json::array();
    std::vector<Diagnostic> all;
    for (const auto& path : o.paths) {
      const Loaded l = load(path);
      note_failure(l, code);
      packs.push_back(pack_entry(l, l.diagnostics, "valid"));
      all.insert(all.end(), l.diagnostics.begin(), l.diagnostics.end());
    }
    print_check_json("pack validate", code, packs, all);
    return code;
  }
  const std::size_t width = term::output_width(1);
  for (const auto& path : o.paths) {
    auto pack = load_or_report(path, std::cout, style, width, code);
    if (!pack) continue;
    std::cout << line_of(style.good(sanitize_line(pack->id) + ": valid, " +
                                    plural(pack->questions.size(), "question", "questions") + ", " +
                                    plural(pack->concepts.size(), "concept", "concepts")),
                         width);
  }
  return code;
}

struct Counts {
  std::map<std::string, int> by_type, by_tag;
  std::map<std::string, int> by_concept;
  int by_difficulty[3] = {0, 0, 0};
  int with_calc = 0;
};

Counts count(const bank::Pack& p) {
  Counts c;
  for (auto t : bank::kQuestionTypes) c.by_type[bank::type_name(t)] = 0;
  for (const auto& con : p.concepts) c.by_concept[con.id] = 0;
  for (const auto& q : p.questions) {
    ++c.by_type[bank::type_name(q.type)];
    for (const auto& id : q.concepts) ++c.by_concept[id];
    for (const auto& tag : q.tags) ++c.by_tag[tag];
    if (q.difficulty >= 1 && q.difficulty <= 3) ++c.by_difficulty[q.difficulty - 1];
    if (const auto* n = std::get_if<bank::NumericBody>(&q.body); n && n->calc) ++c.with_calc;
    if (const auto* m = std::get_if<bank::MatrixBody>(&q.body); m && m->calc) ++c.with_calc;
  }
  return c;
}

// How many questions a sitting of `e` has, and whether they are drawn at random from a pool
// (a count, or counts per concept) rather than listed by id.
std::pair<std::size_t, bool> exam_size(const bank::ExamDef& e) {
  if (!e.question_ids.empty()) return {e.question_ids.size(), false};
  if (e.count > 0) return {e.count, true};
  std::size_t n = 0;
  for (const auto& c : e.concepts) n += static_cast<std::size_t>(std::max(c.value, 0.0));
  return {n, true};
}

void print_info_json(const bank::Pack& p, const Counts& c, bool questions) {
  nlohmann::ordered_json j;
  j["format"] = p.format;
  j["id"] = p.id;
  j["title"] = p.title;
  j["version"] = p.version;
  j["authors"] = p.authors;
  j["license"] = p.license;
  j["description"] = p.description;
  j["path"] = p.path;
  j["questions"] = p.questions.size();
  j["concept_count"] = p.concepts.size();
  auto& by_type = j["by_type"] = nlohmann::ordered_json::object();
  for (auto t : bank::kQuestionTypes)
    by_type[bank::type_name(t)] = c.by_type.at(bank::type_name(t));
  auto& by_concept = j["by_concept"] = nlohmann::ordered_json::object();
  for (const auto& con : p.concepts) by_concept[con.id] = c.by_concept.at(con.id);
  j["by_difficulty"] = {
      {"1", c.by_difficulty[0]}, {"2", c.by_difficulty[1]}, {"3", c.by_difficulty[2]}};
  j["by_tag"] = c.by_tag;
  j["calc_questions"] = c.with_calc;
  auto& concepts = j["concepts"] = nlohmann::ordered_json::array();
  for (const auto& con : p.concepts)
    concepts.push_back({{"id", con.id},
                        {"name", con.name},
                        {"prerequisites", con.prerequisites},
                        {"questions", c.by_concept.at(con.id)}});
  auto& exams = j["exams"] = nlohmann::ordered_json::array();
  for (const auto& e : p.exams) {
    nlohmann::ordered_json x = {{"id", e.id}, {"title", e.title}, {"pass_mark", e.pass_mark}};
    x["time_limit_seconds"] =
        e.time_limit ? nlohmann::ordered_json(e.time_limit->count()) : nlohmann::ordered_json();
    const auto [n, drawn] = exam_size(e);
    x["questions"] = n;
    x["drawn"] = drawn;
    exams.push_back(std::move(x));
  }
  if (questions) {
    auto& qs = j["question_list"] = nlohmann::ordered_json::array();
    for (const auto& q : p.questions)
      qs.push_back({{"id", q.id},
                    {"type", bank::type_name(q.type)},
                    {"difficulty", q.difficulty},
                    {"concepts", q.concepts}});
  }
  std::cout << json_text(j);
}

// `sit_with`: the --pack argument that names this pack for qkv exam ("" for the built-in bank).
// `width` columns wide (0: no limit): a value too long for its line wraps under its own start.
void print_info_text(const bank::Pack& p, const Counts& c, const term::Style& style, bool questions,
                     const std::string& sit_with, std::size_t width) {
  auto s = [](const std::string& text) { return sanitize_block(text); };
  std::ostream& out = std::cout;
  out << row(style.bold(s(p.id)) + "  ", s(p.title), width);
  out << row("  ", "version " + s(p.version) + ", " + s(p.format) + ", " + s(p.path), width);
  if (!p.authors.empty()) {
    std::string authors;
    for (const auto& a : p.authors) authors += (authors.empty() ? "" : ", ") + a;
    out << row("  ", "by " + s(authors), width);
  }
  if (!p.license.empty()) out << row("  ", "license " + s(p.license), width);
  if (!p.description.empty()) out << wrap_block(s(p.description), width, "  ", "  ");

  out << '\n' << style.bold(plural(p.questions.size(), "question", "questions")) << '\n';
  std::string types;
  for (auto t : bank::kQuestionTypes) {
    const int n = c.by_type.at(bank::type_name(t));
    if (n)
      types +=
          (types.empty() ? "" : ", ") + std::string(bank::type_name(t)) + " " + std::to_string(n);
  }
  out << row("  by type:        ", types.empty() ? "-" : types, width);
  out << row("  by difficulty:  ",
             "1: " + std::to_string(c.by_difficulty[0]) + ", 2: " +
                 std::to_string(c.by_difficulty[1]) + ", 3: " + std::to_string(c.by_difficulty[2]),
             width);
  if (!c.by_tag.empty()) {
    std::string tags;
    for (const auto& [tag, n] : c.by_tag)
      tags += (tags.empty() ? "" : ", ") + tag + " " + std::to_string(n);
    out << row("  by tag:         ", s(tags), width);
  }
  if (c.with_calc) out << "  with calc:      " << c.with_calc << "\n";

  out << '\n'
      << line_of(style.bold(plural(p.concepts.size(), "concept", "concepts")) +
                     " (questions naming each)",
                 width);
  std::size_t idw = 0;
  for (const auto& con : p.concepts) idw = std::max(idw, display_width(s(con.id)));
  for (const auto& con : p.concepts)
    out << row("  " + pad_right(s(con.id), idw) + "  " +
                   pad_left(std::to_string(c.by_concept.at(con.id)), 4) + "  ",
               s(con.name), width);

  out << '\n';
  if (p.exams.empty()) {
    out << line_of(style.bold(plural(p.exams.size(), "exam", "exams")) +
                       " (qkv exam draws a paper from every concept)",
                   width);
  } else {
    out << line_of(
        style.bold(plural(p.exams.size(), "exam", "exams")) + " (sit one with qkv exam " +
            (sit_with.empty() ? "" : "--pack " + sanitize_line(sit_with) + " ") + "--exam ID)",
        width);
  }
  std::size_t exw = 0;
  for (const auto& e : p.exams) exw = std::max(exw, display_width(sanitize_line(e.id)));
  for (const auto& e : p.exams) {
    const auto [n, drawn] = exam_size(e);
    std::ostringstream pass;
    pass << e.pass_mark;
    out << row("  " + pad_right(sanitize_line(e.id), exw) + "  ",
               s(e.title) + ": " + plural(n, "question", "questions") +
                   (drawn ? " drawn at random" : "") + ", pass mark " + pass.str() + "%, " +
                   (e.time_limit ? format_duration(*e.time_limit) : std::string("no time limit")),
               width);
  }
  if (!questions) return;

  out << '\n' << line_of(style.bold("Questions") + " (id, type, difficulty, concepts)", width);
  std::size_t qw = 0, tw = 0;
  for (const auto& q : p.questions) {
    qw = std::max(qw, display_width(sanitize_line(q.id)));
    tw = std::max(tw, display_width(bank::type_name(q.type)));
  }
  for (const auto& q : p.questions)
    out << row("  " + pad_right(sanitize_line(q.id), qw) + "  " +
                   pad_right(bank::type_name(q.type), tw) + "  " + std::to_string(q.difficulty) +
                   "  ",
               sanitize_line(join(q.concepts, ", ")), width);
}

int run_info(const PackOptions& o, const term::Style& style, const term::Style& err_style) {
  // Problems go to stderr: stdout is for the information (JSON with --json).
  int code = 0;
  auto pack = load_or_report(o.paths.front(), std::cerr, err_style, term::output_width(2), code);
  if (!pack) return code;
  const Counts c = count(*pack);
  if (o.json) {
    print_info_json(*pack, c, o.questions);
  } else {
    const std::string& named = o.paths.front();
    print_info_text(*pack, c, style, o.questions,
                    named == bank::kBuiltinPackName ? std::string() : named, term::output_width(1));
  }
  return 0;
}

// The lint warnings of a valid pack, placed at their lines and sorted by position.
std::vector<Diagnostic> lint_of(const bank::Pack& pack, const PackOptions& o) {
  bank::LintOptions lint;
  lint.min_per_concept = o.min_per_concept;
  lint.near_duplicate = o.near_duplicate;
  std::vector<Diagnostic> ds = bank::lint_pack(pack, lint);
  bank::locate(ds);
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return ds;
}

int run_lint(const PackOptions& o, const term::Style& style) {
  int code = 0;
  std::size_t warnings = 0;
  if (o.json) {
    nlohmann::ordered_json packs = nlohmann::ordered_json::array();
    std::vector<Diagnostic> all;
    for (const auto& path : o.paths) {
      Loaded l = load(path);
      note_failure(l, code);
      std::vector<Diagnostic> ds = l.diagnostics;
      if (l.pack) {
        const auto lint = lint_of(*l.pack, o);
        warnings += lint.size();
        ds.insert(ds.end(), lint.begin(), lint.end());
      }
      packs.push_back(pack_entry(l, ds, "linted"));
      all.insert(all.end(), ds.begin(), ds.end());
    }
    if (code == 0 && o.strict && warnings > 0) code = static_cast<int>(Exit::data);
    print_check_json("pack lint", code, packs, all);
    return code;
  }
  const std::size_t width = term::output_width(1);
  for (const auto& path : o.paths) {
    auto pack = load_or_report(path, std::cout, style, width, code);
    if (!pack) continue;
    const std::vector<Diagnostic> ds = lint_of(*pack, o);
    print_diagnostics(std::cout, ds, style, "", width);
    warnings += ds.size();
    const std::string id = sanitize_line(pack->id);
    if (ds.empty()) {
      std::cout << line_of(style.good(id + ": no warnings, " +
                                      plural(pack->questions.size(), "question", "questions") +
                                      ", " + plural(pack->concepts.size(), "concept", "concepts")),
                           width);
    } else {
      std::cout << line_of(style.warn(id + ": " + plural(ds.size(), "warning", "warnings") +
                                      (o.strict ? " (--strict: this fails)" : "")),
                           width);
    }
  }
  if (code == 0 && o.strict && warnings > 0) code = static_cast<int>(Exit::data);
  return code;
}

}  // namespace

void setup_pack(CLI::App& app, Context& ctx) {
  CLI::App* pack = &app;
  pack->require_subcommand(1);
  pack->footer(
      "\nA pack is a .json file, or a directory with pack.json and questions/*.json; the format\n"
      "is described in docs/packs.md and content/schema/pack.schema.json. The name core\n"
      "stands for the built-in bank, from any directory.\n"
      "\nExamples:\n"
      "  qkv pack validate my-pack.json          every error at once, with file:line:column\n"
      "  qkv pack info core --json               counts by type, concept and difficulty\n"
      "  qkv pack lint --strict my-pack/         quality warnings; --strict makes them fail");
  auto opts = std::make_shared<PackOptions>();

  auto* validate = pack->add_subcommand(
      "validate",
      "Check packs and report every problem with its file, line, column and JSON pointer");
  validate->add_option("PATH", opts->paths, "Pack files or directories")
      ->required()
      ->type_name("PATH");
  validate->add_flag("--json", opts->json,
                     "Print one JSON document: ok, exit_code, errors, warnings, packs, and the\n"
                     "diagnostics with file, line, column, pointer, severity and message");
  validate->footer(
      "\nPrints each problem as FILE:LINE:COL: /json/pointer: error: message, then one line per\n"
      "pack (\"core: valid, 212 questions, 17 concepts\" or \"PATH: invalid, 3 errors\").\n"
      "\nExamples:\n"
      "  qkv pack validate my-pack.json\n"
      "  qkv pack validate core my-pack/\n"
      "  qkv pack validate my-pack/ --json | jq -r '.diagnostics[] | .message'   for CI\n"
      "\nExit codes: 0 every pack is valid; 65 a pack is invalid; 66 a path cannot be read.");
  validate->callback([&ctx, opts] { ctx.exit_code = run_validate(*opts, ctx.out_style()); });

  auto* info = pack->add_subcommand(
      "info", "Show a pack's metadata and its questions counted by type, concept and difficulty");
  info->add_option("PATH", opts->paths, "A pack file or directory")
      ->required()
      ->expected(1)
      ->type_name("PATH");
  info->add_flag("--questions", opts->questions,
                 "Also list every question: id, type, difficulty and concepts");
  info->add_flag("--json", opts->json,
                 "Print one JSON object: id, title, version, questions, by_type, by_concept, "
                 "by_difficulty, by_tag, concepts, ...");
  info->footer(
      "\nExamples:\n"
      "  qkv pack info core\n"
      "  qkv pack info my-pack.json --json | jq .by_type\n"
      "\nExit codes: 0 done; 65 the pack is invalid (its errors are listed on stderr); 66 it\n"
      "cannot be read.");
  info->callback(
      [&ctx, opts] { ctx.exit_code = run_info(*opts, ctx.out_style(), ctx.err_style()); });

  auto* lint = pack->add_subcommand(
      "lint", "Quality warnings for valid packs: missing feedback, answer patterns, thin concepts");
  lint->add_option("PATH", opts->paths, "Pack files or directories")->required()->type_name("PATH");
  lint->add_flag("--strict", opts->strict, "Exit 65 when there is any warning (for CI)");
  lint->add_flag("--json", opts->json,
                 "Print one JSON document: ok, exit_code, errors, warnings, packs, and the\n"
                 "diagnostics with file, line, column, pointer, severity and message");
  lint->add_option("--min-per-concept", opts->min_per_concept,
                   "Warn about concepts named by fewer questions than this (default 3; 0: off)")
      ->type_name("N")
      ->check(whole_number(0, 1000000));
  lint->add_option("--near-duplicate", opts->near_duplicate,
                   "Warn about two prompts sharing more than this share of their 3-word shingles "
                   "(default 0.5; above 1: off)")
      ->type_name("SHARE")
      ->check(real_number(0.0, 1e6));
  lint->footer(
      "\nWarns about: a wrong option without feedback (true/false: no feedback for the wrong\n"
      "answer); a question without explanation or source; two options with the same text;\n"
      "\"all/none of the above\"; the correct option being the longest in most questions;\n"
      "correct answers piling up in one position; a concept with fewer than --min-per-concept\n"
      "questions; a concept no question names; near-duplicate prompts (named as a pair); a stem\n"
      "that repeats the correct option's distinctive words; multi-select questions that mostly\n"
      "have the same number of correct options; a difficulty the rubric's signals disagree\n"
      "with (true/false or short at 3, a computed question at 1); a hint that contains the\n"
      "answer. The pack must validate first.\n"
      "\nExamples:\n"
      "  qkv pack lint my-pack.json\n"
      "  qkv pack lint --strict --min-per-concept 8 core\n"
      "  qkv pack lint my-pack.json --json      the warnings for an editor or CI\n"
      "\nExit codes: 0 done (warnings or not); 65 an invalid pack, or any warning with --strict;\n"
      "66 a path cannot be read.");
  lint->callback([&ctx, opts] { ctx.exit_code = run_lint(*opts, ctx.out_style()); });
  add_pack_interchange(*pack, ctx);
}

}  // namespace qkv::app
