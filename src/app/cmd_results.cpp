// `qkv results REPORT.json... [--json] [--csv FILE]`: item analysis over a class's exam reports.
// The statistics are exam/item_analysis's; this file reads the files, reports the bad ones on
// stderr and lays the analysis out as a table, one JSON document or a CSV file.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "exam/item_analysis.hpp"
#include "json/document.hpp"
#include "json/writer.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

using exam::ExamAnalysis;
using nlohmann::ordered_json;

struct ResultsArgs {
  std::vector<std::string> reports;
  bool json = false;
  std::string csv;
};

// Reads and checks one report with the located reader, as every JSON file qkv reads: a key
// given twice or a number too large is an error, and every error has its line and column.
// Throws Error (with the file named) when the report is bad.
exam::Sitting load_report(const std::string& path) {
  const LocatedDocument d =
      read_document(read_text_file(path), path, "an exam report",
                    "not JSON, so not a qkv exam report (write one with qkv exam --report "
                    "FILE.json)");
  try {
    return exam::read_sitting(d.document, path);
  } catch (const Error& e) {
    if (e.diagnostics().empty()) throw;
    throw Error(e.code(), located(e.diagnostics(), d.index, path));
  }
}

std::string num(double x, int decimals = 2) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string opt_num(const std::optional<double>& x, int decimals = 2) {
  return x ? num(*x, decimals) : std::string("-");
}

std::string flag_words(const exam::ItemStats& it) {
  std::vector<std::string> words;
  for (const auto& f : it.flags) {
    std::string w = f.code;
    std::replace(w.begin(), w.end(), '_', ' ');
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  }
  return join(words, ", ");
}

// The analysis as tables for people, `width` columns wide (0: no limit). Text that does not fit
// (ids, option texts, names) wraps under itself (core/text.hpp wrap); nothing is cut.
void print_text(std::ostream& out, const ExamAnalysis& a, std::size_t width) {
  auto fits = [width](std::size_t columns) { return width == 0 || columns <= width; };
  std::string head = "Item analysis of " + sanitize_line(exam::group_name(a));
  if (!a.title.empty()) head += ": " + sanitize_line(a.title);
  out << wrap(head, "", "  ", width);
  std::string summary =
      plural(a.learners, "learner", "learners") + ", mean " + num(a.mean_percent, 1) + "%";
  if (a.sd_percent) summary += " (SD " + num(*a.sd_percent, 1) + ")";
  out << wrap(summary + ".", "", "  ", width) << "\n";

  // The question table. Wide: one row per question, the id column taking what the numbers leave
  // and the flags the rest (or a line of their own below). When the ids do not fit beside the
  // numbers, each question takes two lines: its number and id, then its numbers indented.
  const std::size_t numbers = 2 + 10 + 7 + 10 + 6 + 8;  // type to discr., with the gap before type
  std::size_t id_width = 8;
  for (const auto& it : a.items) id_width = std::max(id_width, display_width(sanitize_line(it.id)));
  const bool wide = fits(4 + id_width + numbers);
  auto numbers_of = [](const exam::ItemStats& it) {
    return pad_right(sanitize_line(it.type), 10) + pad_left(std::to_string(it.attempts), 7) +
           pad_left(num(it.facility), 10) + pad_left(opt_num(it.sd), 6) +
           pad_left(opt_num(it.discrimination), 8);
  };
  const std::string numbers_head = pad_right("type", 10) + pad_left("tries", 7) +
                                   pad_left("facility", 10) + pad_left("SD", 6) +
                                   pad_left("discr.", 8);
  if (wide) {
    out << pad_left("#", 3) << " " << pad_right("question", id_width) << "  " << numbers_head
        << (fits(4 + id_width + numbers + 7) ? "  flags" : "") << "\n";
  } else {
    out << pad_left("#", 3) << " question\n    " << numbers_head << "\n";
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const auto& it = a.items[i];
    std::string row = pad_left(std::to_string(i + 1), 3) + " ";
    if (wide) {
      row += pad_right(sanitize_line(it.id), id_width) + "  " + numbers_of(it);
    } else {
      out << wrap(sanitize_line(it.id), row, "    ", width);
      row = "    " + numbers_of(it);
    }
    const std::string flags = flag_words(it);
    if (flags.empty()) {
      out << row << "\n";
    } else if (fits(display_width(row) + 2 + display_width(flags))) {
      out << row << "  " << flags << "\n";
    } else {
      out << row << "\n" << wrap(flags, "    ", width);
    }
  }

  bool any_options = false;
  for (const auto& it : a.items) any_options = any_options || !it.options.empty();
  if (any_options) {
    out << "\n"
        << wrap("Options chosen (share of answered attempts; * marks a right option):", "", "  ",
                width);
    for (std::size_t i = 0; i < a.items.size(); ++i) {
      const auto& it = a.items[i];
      if (it.options.empty()) continue;
      out << wrap(sanitize_line(it.id) + " (" + std::to_string(it.answered) + " answered)",
                  pad_left(std::to_string(i + 1), 3) + " ", std::string(6, ' '), width);
      for (std::size_t k = 0; k < it.options.size(); ++k) {
        const auto& o = it.options[k];
        const std::string lead = "      " + pad_left(std::to_string(k + 1), 2) +
                                 (o.correct ? "*" : " ") + " " +
                                 pad_left(std::to_string(o.chosen), 4) + " " +
                                 pad_left(num(100.0 * o.share, 0) + "%", 5) + "  ";
        out << wrap(sanitize_line(o.text), lead, std::string(display_width(lead), ' '), width);
      }
    }
  }

  std::size_t flagged = 0;
  for (const auto& it : a.items) flagged += it.flags.empty() ? 0 : 1;
  out << "\nQuestions that need attention: " << (flagged ? std::to_string(flagged) : "none")
      << "\n";
  for (std::size_t i = 0; i < a.items.size(); ++i)
    for (const auto& f : a.items[i].flags)
      out << wrap(sanitize_line(a.items[i].id) + ": " + sanitize_line(f.reason),
                  pad_left(std::to_string(i + 1), 3) + " ", std::string(6, ' '), width);

  // A name wider than its column goes on a line of its own (wrapped), its numbers below it.
  auto name_cell = [&](const std::string& name, std::size_t column) {
    if (display_width(name) <= column) return "  " + pad_right(name, column);
    out << wrap(name, "  ", width);
    return "  " + std::string(column, ' ');
  };
  std::size_t lw = 7;
  for (const auto& l : a.by_learner) lw = std::max(lw, display_width(sanitize_line(l.learner)));
  if (width) lw = std::min(lw, width > 40 ? width - 32 : std::size_t{8});
  out << "\nLearners:\n  " << pad_right("learner", lw) << "     score  percent  result\n";
  for (const auto& l : a.by_learner)
    out << name_cell(sanitize_line(l.learner), lw)
        << pad_left(num(l.score, 2) + "/" + std::to_string(l.total), 10)
        << pad_left(num(l.percent, 1) + "%", 9) << "  " << (l.passed ? "pass" : "fail") << "\n";

  std::size_t cw = 7;
  for (const auto& c : a.by_concept) cw = std::max(cw, display_width(sanitize_line(c.id)));
  cw = std::min(cw, fits(50) ? std::size_t{30} : std::size_t{12});
  out << "\n"
      << wrap("Concepts (class mean of each learner's percent on it):", "", "  ", width) << "  "
      << pad_right("concept", cw) << "  learners   mean  name\n";
  for (const auto& c : a.by_concept) {
    const std::string lead = name_cell(sanitize_line(c.id), cw) +
                             pad_left(std::to_string(c.learners), 10) +
                             pad_left(num(c.mean_percent, 1) + "%", 7) + "  ";
    out << wrap(sanitize_line(c.name), lead, std::string(display_width(lead), ' '), width);
  }
}

ordered_json analysis_json(const ExamAnalysis& a) {
  auto opt = [](const std::optional<double>& x) { return x ? ordered_json(*x) : ordered_json(); };
  ordered_json packs = ordered_json::object();
  for (const auto& [id, v] : a.packs) packs[id] = v;
  ordered_json items = ordered_json::array();
  for (const auto& it : a.items) {
    ordered_json options = ordered_json::array();
    for (const auto& o : it.options)
      options.push_back(
          {{"text", o.text}, {"correct", o.correct}, {"chosen", o.chosen}, {"share", o.share}});
    ordered_json flags = ordered_json::array();
    for (const auto& f : it.flags) flags.push_back({{"code", f.code}, {"reason", f.reason}});
    items.push_back({{"id", it.id},
                     {"type", it.type},
                     {"concepts", it.concepts},
                     {"attempts", it.attempts},
                     {"answered", it.answered},
                     {"mean_points", it.mean_points},
                     {"max_points", it.max_points},
                     {"facility", it.facility},
                     {"sd", opt(it.sd)},
                     {"discrimination", opt(it.discrimination)},
                     {"options", options},
                     {"flags", flags}});
  }
  ordered_json learners = ordered_json::array();
  for (const auto& l : a.by_learner)
    learners.push_back({{"report", l.learner},
                        {"score", l.score},
                        {"total", l.total},
                        {"percent", l.percent},
                        {"passed", l.passed}});
  ordered_json concepts = ordered_json::array();
  for (const auto& c : a.by_concept)
    concepts.push_back({{"id", c.id},
                        {"name", c.name},
                        {"learners", c.learners},
                        {"mean_percent", c.mean_percent}});
  return {{"exam", a.exam.empty() ? ordered_json() : ordered_json(a.exam)},
          {"title", a.title.empty() ? ordered_json() : ordered_json(a.title)},
          {"packs", packs},
          {"learners", a.learners},
          {"mean_percent", a.mean_percent},
          {"sd_percent", opt(a.sd_percent)},
          {"questions", items},
          {"by_learner", learners},
          {"by_concept", concepts}};
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string results_csv(const std::vector<ExamAnalysis>& all) {
  std::string out =
      "exam,question,type,attempts,answered,facility,sd,discrimination,option_counts,flags\r\n";
  for (const auto& a : all) {
    for (const auto& it : a.items) {
      std::string counts;
      for (const auto& o : it.options)
        counts += (counts.empty() ? "" : " ") + std::to_string(o.chosen) + (o.correct ? "*" : "");
      std::vector<std::string> codes;
      for (const auto& f : it.flags) codes.push_back(f.code);
      out += csv_field(a.exam) + "," + csv_field(it.id) + "," + csv_field(it.type) + "," +
             std::to_string(it.attempts) + "," + std::to_string(it.answered) + "," +
             num(it.facility, 4) + "," + (it.sd ? num(*it.sd, 4) : "") + "," +
             (it.discrimination ? num(*it.discrimination, 4) : "") + "," + csv_field(counts) + "," +
             csv_field(join(codes, " ")) + "\r\n";
    }
  }
  return out;
}

int run_results(const ResultsArgs& args, Context& ctx) {
  if (!args.csv.empty()) check_writable_path(args.csv, "--csv");
  std::vector<exam::Sitting> sittings;
  std::size_t bad = 0;
  for (const auto& path : args.reports) {
    try {
      sittings.push_back(load_report(path));
    } catch (const Error& e) {
      ++bad;
      auto ds = e.diagnostics();
      for (auto& d : ds) {
        if (!d.file.empty()) continue;
        d.file = path;
        // "PATH: no such file" names the file already: say it once.
        if (d.message.rfind(path + ": ", 0) == 0) d.message.erase(0, path.size() + 2);
      }
      print_diagnostics(std::cerr, ds, ctx.err_style(), "qkv: ");
    }
  }
  if (sittings.empty()) {
    std::cerr << "qkv: none of the " << plural(args.reports.size(), "report", "reports")
              << " could be read: nothing to analyse\n";
    return static_cast<int>(Exit::no_input);
  }
  if (bad)
    std::cerr << "qkv: " << plural(bad, "bad report", "bad reports")
              << " left out; analysing the other " << sittings.size() << "\n";

  const auto all = exam::analyse(sittings);
  if (all.size() > 1) {
    std::cerr << "qkv: the reports are of " << all.size()
              << " different exams or pack versions; each is analysed on its own:\n";
    for (const auto& a : all)
      std::cerr << "  " << sanitize_line(exam::group_name(a)) << ": "
                << plural(a.learners, "report", "reports") << "\n";
  }

  if (args.json) {
    ordered_json doc = {{"format", "qkv-results/1"},
                        {"reports", args.reports.size()},
                        {"bad_reports", bad},
                        {"analyses", ordered_json::array()}};
    for (const auto& a : all) doc["analyses"].push_back(analysis_json(a));
    std::cout << json_text(doc);
  } else {
    const std::size_t width = term::output_width(1);
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (i) std::cout << "\n";
      print_text(std::cout, all[i], width);
    }
  }
  if (!args.csv.empty()) write_file_atomically(args.csv, results_csv(all));
  return static_cast<int>(bad ? Exit::data : Exit::ok);
}

}  // namespace

void setup_results(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ResultsArgs>();
  CLI::App* cmd = &app;
  cmd->add_option("reports", args->reports,
                  "Exam reports written by qkv exam --report FILE.json, one per learner")
      ->required();
  cmd->add_flag("--json", args->json, "One JSON document on stdout instead of the tables");
  cmd->add_option("--csv", args->csv, "Also write one row per question to this CSV file");
  cmd->footer(
      "\nFor each question: attempts, facility index (mean score / max), standard deviation\n"
      "(n - 1) and discrimination index (Pearson correlation of the question's score with the\n"
      "rest of the paper). Flagged: facility under 0.20 or over 0.95, discrimination under 0.10\n"
      "(or none, when scores do not vary), a distractor nobody chose. For each option of a\n"
      "choice question how often it was chosen; for each learner the total; for each concept\n"
      "the class mean. Reports of different exams or pack versions are analysed separately\n"
      "(said on stderr), never mixed. The file name of a report stands for its learner.\n"
      "\nExamples:\n"
      "  qkv exam --exam mypack/midterm --report alice.json    (each learner, once)\n"
      "  qkv results reports/*.json                            tables for the instructor\n"
      "  qkv results reports/*.json --csv items.csv            and one row per question\n"
      "  qkv results reports/*.json --json                     {\"format\": \"qkv-results/1\",\n"
      "      \"analyses\": [{\"exam\", \"packs\", \"learners\", \"mean_percent\", \"questions\": "
      "[{\"id\",\n"
      "      \"attempts\", \"facility\", \"sd\", \"discrimination\", \"options\", \"flags\"}...],\n"
      "      \"by_learner\", \"by_concept\"}]}\n"
      "\nExit codes: 0 every report analysed; 65 some report was bad (each is named on stderr\n"
      "with its problem; the others are still analysed); 66 none could be read; 2 usage error\n"
      "(a --csv path in a missing directory included); 74 the --csv file could not be written.\n");
  cmd->callback([args, &ctx]() { ctx.exit_code = run_results(*args, ctx); });
}

}  // namespace qkv::app
