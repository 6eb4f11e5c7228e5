// `qkv pack validate|info|lint`: instructors' tools for question packs.
#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
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

namespace qkv::app {

namespace {

struct PackOptions {
  std::vector<std::string> paths;  ///< the packs named on the command line
  bool json = false;               ///< info: one JSON document instead of text
  bool questions = false;          ///< info: list every question (id, type, difficulty, concepts)
  bool strict = false;             ///< lint: warnings fail (exit 65)
  int min_per_concept = bank::LintOptions{}.min_per_concept;   ///< lint: --min-per-concept
  double near_duplicate = bank::LintOptions{}.near_duplicate;  ///< lint: --near-duplicate
};

std::size_t count_errors(const std::vector<Diagnostic>& ds) {
  return static_cast<std::size_t>(std::count_if(
      ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

// Loads one pack for a command, printing its errors and a summary on `out` when it cannot be
// used. Returns the pack, or nullopt with `code` set to 65 or 66 (66 wins over 65).
std::optional<bank::Pack> load_or_report(const std::string& path, std::ostream& out,
                                         const term::Style& style, int& code) {
  bool unreadable = false;
  bank::LoadResult r = bank::load_pack(path, &unreadable, pack_load_options());
  print_diagnostics(out, r.diagnostics, style);
  if (r.pack) return std::move(r.pack);
  const std::string shown = sanitize_line(path);
  if (unreadable) {
    out << style.bad(shown + ": cannot be read") << '\n';
    code = static_cast<int>(Exit::no_input);
  } else {
    out << style.bad(shown + ": invalid, " + plural(count_errors(r.diagnostics), "error", "errors"))
        << '\n';
    if (code != static_cast<int>(Exit::no_input)) code = static_cast<int>(Exit::data);
  }
  return std::nullopt;
}

int run_validate(const PackOptions& o, const term::Style& style) {
  int code = 0;
  for (const auto& path : o.paths) {
    auto pack = load_or_report(path, std::cout, style, code);
    if (!pack) continue;
    std::cout << style.good(sanitize_line(pack->id) + ": valid, " +
                            plural(pack->questions.size(), "question", "questions") + ", " +
                            plural(pack->concepts.size(), "concept", "concepts"))
              << '\n';
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
void print_info_text(const bank::Pack& p, const Counts& c, const term::Style& style,
                     bool questions, const std::string& sit_with) {
  auto s = [](const std::string& text) { return sanitize_block(text); };
  std::cout << style.bold(s(p.id)) << "  " << s(p.title) << '\n';
  std::cout << "  version " << s(p.version) << ", " << s(p.format) << ", " << s(p.path) << '\n';
  if (!p.authors.empty()) {
    std::string authors;
    for (const auto& a : p.authors) authors += (authors.empty() ? "" : ", ") + a;
    std::cout << "  by " << s(authors) << '\n';
  }
  if (!p.license.empty()) std::cout << "  license " << s(p.license) << '\n';
  if (!p.description.empty()) std::cout << "  " << s(p.description) << '\n';

  std::cout << '\n' << style.bold(plural(p.questions.size(), "question", "questions")) << '\n';
  std::string types;
  for (auto t : bank::kQuestionTypes) {
    const int n = c.by_type.at(bank::type_name(t));
    if (n)
      types +=
          (types.empty() ? "" : ", ") + std::string(bank::type_name(t)) + " " + std::to_string(n);
  }
  std::cout << "  by type:        " << (types.empty() ? "-" : types) << '\n';
  std::cout << "  by difficulty:  1: " << c.by_difficulty[0] << ", 2: " << c.by_difficulty[1]
            << ", 3: " << c.by_difficulty[2] << '\n';
  if (!c.by_tag.empty()) {
    std::string tags;
    for (const auto& [tag, n] : c.by_tag)
      tags += (tags.empty() ? "" : ", ") + tag + " " + std::to_string(n);
    std::cout << "  by tag:         " << s(tags) << '\n';
  }
  if (c.with_calc) std::cout << "  with calc:      " << c.with_calc << "\n";

  std::cout << '\n'
            << style.bold(plural(p.concepts.size(), "concept", "concepts"))
            << " (questions naming each)\n";
  std::size_t width = 0;
  for (const auto& con : p.concepts) width = std::max(width, display_width(con.id));
  for (const auto& con : p.concepts) {
    const std::string id = s(con.id);
    std::cout << "  " << id << std::string(width - display_width(con.id) + 2, ' ');
    const std::string n = std::to_string(c.by_concept.at(con.id));
    std::cout << std::string(n.size() < 4 ? 4 - n.size() : 0, ' ') << n << "  " << s(con.name)
              << '\n';
  }

  std::cout << '\n' << style.bold(plural(p.exams.size(), "exam", "exams"));
  if (p.exams.empty()) {
    std::cout << " (qkv exam draws a paper from every concept)\n";
  } else {
    std::cout << " (sit one with qkv exam "
              << (sit_with.empty() ? "" : "--pack " + sanitize_line(sit_with) + " ")
              << "--exam ID)\n";
  }
  std::size_t idw = 0;
  for (const auto& e : p.exams) idw = std::max(idw, display_width(sanitize_line(e.id)));
  for (const auto& e : p.exams) {
    const auto [n, drawn] = exam_size(e);
    std::ostringstream pass;
    pass << e.pass_mark;
    std::cout << "  " << pad_right(sanitize_line(e.id), idw) << "  " << s(e.title) << ": "
              << plural(n, "question", "questions") << (drawn ? " drawn at random" : "")
              << ", pass mark " << pass.str() << "%, "
              << (e.time_limit ? format_duration(*e.time_limit) : std::string("no time limit"))
              << '\n';
  }
  if (!questions) return;

  std::cout << '\n' << style.bold("Questions") << " (id, type, difficulty, concepts)\n";
  std::size_t qw = 0, tw = 0;
  for (const auto& q : p.questions) {
    qw = std::max(qw, display_width(sanitize_line(q.id)));
    tw = std::max(tw, display_width(bank::type_name(q.type)));
  }
  for (const auto& q : p.questions)
    std::cout << "  " << pad_right(sanitize_line(q.id), qw) << "  "
              << pad_right(bank::type_name(q.type), tw) << "  " << q.difficulty << "  "
              << sanitize_line(join(q.concepts, ", ")) << '\n';
}

int run_info(const PackOptions& o, const term::Style& style, const term::Style& err_style) {
  // Problems go to stderr: stdout is for the information (JSON with --json).
  int code = 0;
  auto pack = load_or_report(o.paths.front(), std::cerr, err_style, code);
  if (!pack) return code;
  const Counts c = count(*pack);
  if (o.json) {
    print_info_json(*pack, c, o.questions);
  } else {
    const std::string& named = o.paths.front();
    print_info_text(*pack, c, style, o.questions,
                    named == bank::kBuiltinPackName ? std::string() : named);
  }
  return 0;
}

int run_lint(const PackOptions& o, const term::Style& style) {
  int code = 0;
  std::size_t warnings = 0;
  bank::LintOptions lint;
  lint.min_per_concept = o.min_per_concept;
  lint.near_duplicate = o.near_duplicate;
  for (const auto& path : o.paths) {
    auto pack = load_or_report(path, std::cout, style, code);
    if (!pack) continue;
    std::vector<Diagnostic> ds = bank::lint_pack(*pack, lint);
    bank::locate(ds);
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    print_diagnostics(std::cout, ds, style);
    warnings += ds.size();
    const std::string id = sanitize_line(pack->id);
    if (ds.empty()) {
      std::cout << style.good(id + ": no warnings, " +
                              plural(pack->questions.size(), "question", "questions") + ", " +
                              plural(pack->concepts.size(), "concept", "concepts"))
                << '\n';
    } else {
      std::cout << style.warn(id + ": " + plural(ds.size(), "warning", "warnings") +
                              (o.strict ? " (--strict: this fails)" : ""))
                << '\n';
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
  validate->footer(
      "\nPrints each problem as FILE:LINE:COL: /json/pointer: error: message, then one line per\n"
      "pack (\"core: valid, 212 questions, 17 concepts\" or \"PATH: invalid, 3 errors\").\n"
      "\nExamples:\n"
      "  qkv pack validate my-pack.json\n"
      "  qkv pack validate core my-pack/\n"
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
      "\nExit codes: 0 done (warnings or not); 65 an invalid pack, or any warning with --strict;\n"
      "66 a path cannot be read.");
  lint->callback([&ctx, opts] { ctx.exit_code = run_lint(*opts, ctx.out_style()); });
  add_pack_interchange(*pack, ctx);
}

}  // namespace qkv::app
