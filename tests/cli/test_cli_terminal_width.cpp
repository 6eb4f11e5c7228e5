// Text fits the terminal (issue 14): qkv runs in a pseudo-terminal (tests/cli/pty.hpp) 60 and 120
// columns wide with TERM=xterm, so that its width comes from the terminal itself, and every
// screen of quiz, review, drill, calc, exam, learn, results and stats is checked: no line is
// wider than the terminal (display columns, colour codes left out), no word of a long prompt,
// option or explanation is split, an option's further lines sit under its text, fenced code
// stays verbatim, and a matrix too wide for the terminal is shown in column blocks with every
// entry in it.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "helpers.hpp"
#include "pty.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using qkv_test::contains;
using qkv_test::data_path;
using qkv_test::PtyOptions;
using qkv_test::PtySession;

namespace {

const std::string kWrapPack = data_path("wrap/pack.json");
constexpr int kWidths[] = {60, 120};

json wrap_pack() {
  return json::parse(qkv_test::read_file(kWrapPack));
}

json question(const std::string& id) {
  const json pack = wrap_pack();
  for (const auto& q : pack["questions"])
    if (q["id"] == id) return q;
  FAIL("no question " << id);
  return {};
}

PtyOptions at_width(int columns) {
  PtyOptions o;
  o.columns = columns;
  return o;
}

// What the screen showed, for a failed check.
std::string screen(const PtySession& s) {
  std::string out;
  for (const auto& l : s.lines()) out += l + "\n";
  return out;
}

// Every line as the terminal shows it is at most `width` columns wide. (lines() keeps a line
// longer than the window whole instead of letting the terminal wrap it.) At least `at_least`
// lines were shown.
void check_fits(const PtySession& s, int width, std::size_t at_least = 6) {
  std::size_t lines = 0;
  for (const auto& line : s.lines()) {
    ++lines;
    CHECK_MESSAGE(qkv_test::display_width(line) <= static_cast<std::size_t>(width),
                  "a line of " << qkv_test::display_width(line) << " columns: " << line);
  }
  CHECK(lines >= at_least);  // something was shown
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Every word of the prose of `source` (the lines between ``` fences left out) appears whole
// among the words shown: a word broken across two lines would be two other words.
void check_words_whole(const PtySession& s, const std::string& source) {
  const auto shown_list = words_of(s.text());
  const std::set<std::string> shown(shown_list.begin(), shown_list.end());
  bool code = false;
  for (const auto& line : qkv_test::lines_of(source)) {
    if (line.rfind("```", 0) == 0) {
      code = !code;
      continue;
    }
    if (code) continue;
    for (const auto& w : words_of(line))
      CHECK_MESSAGE(shown.count(w) == 1, "split or missing: " << w);
  }
}

// The line of the screen that starts with `start`, and the one after it.
std::pair<std::string, std::string> line_and_next(const PtySession& s, const std::string& start) {
  const auto lines = s.lines();
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    if (lines[i].rfind(start, 0) == 0) return {lines[i], lines[i + 1]};
  return {};
}

}  // namespace

TEST_CASE(
    "width: a quiz question, its options, the feedback and the explanation fit and wrap "
    "between words") {
  const json q = question("long-single");
  for (int width : kWidths) {
    CAPTURE(width);
    PtySession s({"quiz", "--pack", kWrapPack, "--id", "long-single", "--seed", "1", "--no-save"},
                 at_width(width));
    REQUIRE(s.expect("> "));
    s.send_line("a");
    REQUIRE(s.expect("Why: "));
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    check_fits(s, width);
    check_words_whole(s, q["prompt"]);
    // The option chosen (a) and the right one (b) get their feedback.
    for (const auto& o : q["options"]) check_words_whole(s, o["text"]);
    check_words_whole(s, q["options"][0]["feedback"]);
    check_words_whole(s, q["options"][1]["feedback"]);
    check_words_whole(s, q["explanation"]);
    // The fenced line of the prompt is shown verbatim, four spaces in.
    CHECK(contains(s.text(), "\n    scores = Q @ K.T / sqrt(d_k)\n"));
    // An option longer than a line goes on under its text ("  a) " is five columns), not
    // under its letter.
    const std::string labels[] = {"  a) ", "  b) ", "  c) "};
    std::size_t hanging = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      const std::string text = q["options"][k]["text"];
      if (5 + text.size() <= static_cast<std::size_t>(width)) continue;
      const auto [first, next] = line_and_next(s, labels[k]);
      CAPTURE(k);
      REQUIRE(!first.empty());
      CHECK(next.rfind("     ", 0) == 0);
      CHECK(next.size() > 5);
      CHECK(next[5] != ' ');
      ++hanging;
    }
    CHECK(hanging >= 2);  // a and b are longer than 120 columns, all three than 60
  }
}

TEST_CASE("width: the quiz the issue showed, qkv quiz --seed 728998, fits 60 and 120 columns") {
  for (int width : kWidths) {
    CAPTURE(width);
    PtySession s({"quiz", "--seed", "728998", "-n", "3", "--no-save"}, at_width(width));
    for (int i = 0; i < 3; ++i) {
      REQUIRE(s.expect("> "));
      s.send_line("skip");
    }
    REQUIRE(s.expect("Skipped (3)"));
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    check_fits(s, width);
  }
}

TEST_CASE("width: review shows its questions and summary within the terminal") {
  qkv::test::TempDir dir;
  const std::string db = (dir / "p.db").string();
  for (int width : kWidths) {
    CAPTURE(width);
    PtySession s({"review", "--pack", kWrapPack, "--db", db, "--seed", "2", "--no-rate"},
                 at_width(width));
    REQUIRE(s.expect("> "));
    s.send_line("b");
    REQUIRE(s.expect("> "));
    s.send_line("soft max");
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    check_fits(s, width);
    check_words_whole(s, question("long-short")["prompt"]);
    check_words_whole(s, question("long-short")["explanation"]);
    std::filesystem::remove(db);
  }
}

TEST_CASE("width: an exam's screens, commands, confirmation and result with its review fit") {
  for (int width : kWidths) {
    CAPTURE(width);
    PtySession s({"exam", "--pack", kWrapPack, "--exam", "long", "--seed", "1", "--no-save"},
                 at_width(width));
    REQUIRE(s.expect("Question 1/2"));
    REQUIRE(s.expect("> "));
    s.send_line("help");
    REQUIRE(s.expect("submit"));
    s.send_line("list");
    REQUIRE(s.expect("You are on question 1"));
    s.send_line("a");  // wrong: the review shows the question, the feedback and the explanation
    REQUIRE(s.expect("Question 2/2"));
    s.send_line("softmax");
    REQUIRE(s.expect("[y/N]"));
    s.send_line("y");
    REQUIRE(s.expect("Mark: 1/2"));
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    check_fits(s, width);
    const json q = question("long-single");
    check_words_whole(s, q["prompt"]);
    check_words_whole(s, q["explanation"]);
    for (const auto& o : q["options"]) check_words_whole(s, o["text"]);
    check_words_whole(s, wrap_pack()["exams"][0]["title"]);
  }
}

TEST_CASE("width: drill's worked steps fit, and its Yours table stays aligned in colour") {
  for (int width : kWidths) {
    CAPTURE(width);
    PtySession s({"drill", "--seed", "864732", "-n", "1", "--no-save"}, at_width(width));
    REQUIRE(s.expect("> "));
    s.send_line("4 0");
    REQUIRE(s.expect("Yours:"));
    while (s.expect("> ", 3.0)) s.send_line("skip");
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    CHECK(contains(s.raw(), "\x1b["));  // colour is on at a terminal
    check_fits(s, width);
    // In the Yours table every row is as wide as the Right table's: the marks' colour codes
    // take no room.
    const auto lines = s.lines();
    std::size_t yours = 0, right = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i] == "    Yours:") yours = i;
      if (lines[i] == "    Right:") right = i;
    }
    REQUIRE(yours > 0);
    REQUIRE(right > yours + 1);
    std::size_t marked = 0;
    const std::string first = lines[yours + 1];
    for (std::size_t i = yours + 1; i < right; ++i) {
      const auto& row = lines[i];
      CAPTURE(row);
      CHECK(qkv_test::display_width(row) == qkv_test::display_width(first));
      if (row.find("✓") != std::string::npos || row.find("✗") != std::string::npos) ++marked;
    }
    CHECK(marked > 0);
  }
}

TEST_CASE(
    "width: calc shows a matrix wider than the terminal in column blocks, every entry "
    "in it") {
  // 3 tokens of width 14: Q (the first step) is 3×14, wider than 60 columns at 4 decimals.
  const auto j = qkv_test::run_qkv({"calc", "--random", "3x14", "--seed", "5", "--format", "json"});
  REQUIRE(j.exit_code == 0);
  const json trace = json::parse(j.out);
  const json x = trace["steps"][0];
  REQUIRE(x["id"] == "q");
  REQUIRE(x["columns"].size() == 14);
  for (int width : kWidths) {
    CAPTURE(width);
    PtySession s({"calc", "--random", "3x14", "--seed", "5"}, at_width(width));
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    check_fits(s, width);
    const std::string t = s.text();
    CHECK(contains(t, "columns 1 to "));
    // Every entry of Q is printed (4 decimals), none cut off.
    const std::set<std::string> shown = [&] {
      const auto w = words_of(t);
      return std::set<std::string>(w.begin(), w.end());
    }();
    for (const auto& row : x["matrix"])
      for (const auto& v : row) {
        char entry[32];
        std::snprintf(entry, sizeof entry, "%.4f", v.get<double>());
        if (std::string(entry) == "-0.0000") std::snprintf(entry, sizeof entry, "0.0000");
        CHECK_MESSAGE(shown.count(entry) == 1, "missing entry " << entry);
      }
    // The last block ends with column 14.
    CHECK(contains(t, " to 14 of 14:"));
  }
}

TEST_CASE("width: learn's map and a concept's note fit; its fenced block stays whole") {
  const json c = wrap_pack()["concepts"][0];
  for (int width : kWidths) {
    CAPTURE(width);
    {
      PtySession s({"learn"}, at_width(width));
      CHECK(s.wait_exit() == 0);
      CAPTURE(screen(s));
      check_fits(s, width);
    }
    {
      PtySession s({"learn", "scaling"}, at_width(width));
      CHECK(s.wait_exit() == 0);
      CAPTURE(screen(s));
      check_fits(s, width);
    }
    PtySession s({"learn", "long-roles", "--pack", kWrapPack}, at_width(width));
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    check_fits(s, width);
    check_words_whole(s, c["note"]);
    check_words_whole(s, c["summary"]);
    CHECK(contains(s.text(), "\n    Q = X W_q    K = X W_k    V = X W_v\n"));
  }
}

TEST_CASE("width: results and stats fit the terminal") {
  qkv::test::TempDir dir;
  std::vector<std::string> reports;
  for (const std::string answers : {"b\nsoftmax\ny\n", "a\nnone\ny\n"}) {
    const std::string path = (dir / ("r" + std::to_string(reports.size()) + ".json")).string();
    const auto r = qkv_test::run_qkv({"exam", "--pack", kWrapPack, "--exam", "long", "--seed", "1",
                                      "--no-save", "--report", path},
                                     qkv_test::with_input(answers));
    REQUIRE_MESSAGE(std::filesystem::exists(path), r.err);
    reports.push_back(path);
  }
  const std::string db = (dir / "p.db").string();
  const auto quiz =
      qkv_test::run_qkv({"quiz", "--pack", kWrapPack, "--db", db, "--seed", "1", "--in-order"},
                        qkv_test::with_input("a\nsoftmax\n"));
  REQUIRE_MESSAGE(quiz.exit_code == 0, quiz.err);
  for (int width : kWidths) {
    CAPTURE(width);
    {
      std::vector<std::string> args = {"results"};
      args.insert(args.end(), reports.begin(), reports.end());
      PtySession s(args, at_width(width));
      CHECK(s.wait_exit() == 0);
      CAPTURE(screen(s));
      check_fits(s, width);
      check_words_whole(s, question("long-single")["options"][0]["text"]);
    }
    PtySession s({"stats", "--pack", kWrapPack, "--db", db}, at_width(width));
    CHECK(s.wait_exit() == 0);
    CAPTURE(screen(s));
    check_fits(s, width);
  }
}

TEST_CASE("width: in a pipe nothing is wrapped unless COLUMNS is set") {
  const json q = question("long-single");
  const std::vector<std::string> args = {"quiz",        "--pack", kWrapPack, "--id",
                                         "long-single", "--seed", "1",       "--no-save"};
  const auto piped = qkv_test::run_qkv(args, qkv_test::with_input("b\n", {{"COLUMNS", "<unset>"}}));
  REQUIRE(piped.exit_code == 0);
  // The explanation is one line, as written.
  CHECK(contains(piped.out, "Why: " + q["explanation"].get<std::string>() + "\n"));
  const auto narrow = qkv_test::run_qkv(args, qkv_test::with_input("b\n", {{"COLUMNS", "60"}}));
  REQUIRE(narrow.exit_code == 0);
  for (const auto& line : qkv_test::lines_of(narrow.out))
    CHECK_MESSAGE(qkv_test::display_width(line) <= 60, line);
  CHECK(narrow.out.find(q["explanation"].get<std::string>()) == std::string::npos);
}

namespace {

// What qkv prints into a pipe without COLUMNS: nothing wrapped, the source of every word.
qkv_test::RunResult unwrapped(const std::vector<std::string>& args) {
  return qkv_test::run_qkv(args, qkv_test::with_input("", {{"COLUMNS", "<unset>"}}));
}

// The column where the concepts of a row of `pack info --questions` start ("  ID  TYPE  D  ..."),
// read from the unwrapped output; 0 when there is no such row.
std::size_t concepts_column(const std::string& unwrapped_info) {
  static const std::regex row(R"(^  \S+ +\S+ +[123]  (\S.*)$)");
  bool inside = false;
  for (const auto& line : qkv_test::lines_of(unwrapped_info)) {
    if (line.rfind("Questions (", 0) == 0) {
      inside = true;
      continue;
    }
    std::smatch m;
    if (inside && std::regex_match(line, m, row)) return static_cast<std::size_t>(m.position(1));
  }
  return 0;
}

}  // namespace

TEST_CASE(
    "width: pack info --questions fits the terminal; a row's last column wraps under itself") {
  const json core =
      json::parse(qkv_test::read_file(qkv_test::content_path("packs/core/pack.json")));
  const auto piped = unwrapped({"pack", "info", "core", "--questions"});
  REQUIRE(piped.exit_code == 0);
  const std::size_t column = concepts_column(piped.out);
  REQUIRE(column > 20);
  const json counts = json::parse(unwrapped({"pack", "info", "core", "--json"}).out);
  for (int width : kWidths) {
    CAPTURE(width);
    PtySession s({"pack", "info", "core", "--questions"}, at_width(width));
    CHECK(s.wait_exit() == 0);
    check_fits(s, width, 400);
    check_words_whole(s, piped.out);
    check_words_whole(s, core["description"]);
    // Below "Questions", a line is a row ("  ID ...") or the rest of its concepts, under them.
    const auto lines = s.lines();
    std::size_t rows = 0, continued = 0;
    bool inside = false;
    for (const auto& line : lines) {
      if (line.rfind("Questions (", 0) == 0) {
        inside = true;
        continue;
      }
      if (!inside || line.empty()) continue;
      if (line.size() > 2 && line[2] != ' ') {
        ++rows;
        continue;
      }
      CAPTURE(line);
      CHECK(line.find_first_not_of(' ') == column);
      ++continued;
    }
    CHECK(rows == counts["questions"].get<std::size_t>());
    if (width == 60) {
      CHECK(continued > 0);
      // The types (longer than 60 columns) go on under themselves.
      const auto [first, next] = line_and_next(s, "  by type:");
      REQUIRE(!first.empty());
      CHECK(next.find_first_not_of(' ') == std::string("  by type:        ").size());
    }
  }
}

TEST_CASE("width: pack lint and validate diagnostics wrap with a hanging indent") {
  qkv::test::TempDir dir;
  // Short paths, so that "FILE:LINE:COL:" fits a line of 60 columns wherever the tests run.
  const std::string lint = (dir / "l.json").string();
  const std::string bad = (dir / "b.json").string();
  std::filesystem::copy_file(data_path("packs/lint-warnings.json"), lint);
  std::filesystem::copy_file(data_path("packs/bad-many.json"), bad);
  const std::vector<std::pair<std::vector<std::string>, int>> runs = {
      {{"pack", "lint", lint}, 0}, {{"pack", "validate", bad}, 65}};
  for (const auto& run : runs) {
    const std::vector<std::string>& args = run.first;
    const std::string& file = args.back();
    CAPTURE(args[1]);
    const auto piped = unwrapped(args);
    REQUIRE(piped.exit_code == run.second);
    for (int width : kWidths) {
      CAPTURE(width);
      PtySession s(args, at_width(width));
      CHECK(s.wait_exit() == run.second);
      CAPTURE(screen(s));
      check_fits(s, width, qkv_test::lines_of(piped.out).size());
      check_words_whole(s, piped.out);
      // Each diagnostic starts with its file; a line it wraps onto is four spaces in.
      std::size_t continued = 0;
      for (const auto& line : s.lines()) {
        if (line.empty() || line.rfind(file, 0) == 0 || line.rfind("lintme: ", 0) == 0) continue;
        CAPTURE(line);
        CHECK(line.find_first_not_of(' ') == 4);
        ++continued;
      }
      if (width == 60) CHECK(continued > 0);
    }
  }
}

TEST_CASE("width: progress messages fit the terminal; the exported data is never wrapped") {
  qkv::test::TempDir dir;
  const std::string db = (dir / "p.db").string();
  const auto quiz = qkv_test::run_qkv(
      {"quiz", "--pack", data_path("progress/tf10.json"), "-n", "2", "--seed", "1", "--db", db},
      qkv_test::with_input("t\nt\n"));
  REQUIRE_MESSAGE(quiz.exit_code == 0, quiz.err);
  const auto piped = unwrapped({"progress", "reset", "--db", db});
  REQUIRE(piped.exit_code == 0);
  const std::string header =
      qkv_test::lines_of(unwrapped({"progress", "export", "--db", db}).out).front();
  REQUIRE(header.size() > 120);
  for (int width : kWidths) {
    CAPTURE(width);
    {
      PtySession s({"progress", "reset", "--db", db}, at_width(width));
      CHECK(s.wait_exit() == 0);
      CAPTURE(screen(s));
      check_fits(s, width, 2);
      check_words_whole(s, piped.out);
      CHECK(s.lines().size() >= (width == 60 ? 4u : 2u));  // both sentences wrap at 60
    }
    {
      PtySession s({"progress", "export", "--db", db, "-o", (dir / "r.csv").string()},
                   at_width(width));
      CHECK(s.wait_exit() == 0);
      check_fits(s, width, 1);
      CHECK(contains(s.text(), "Exported to "));
    }
    // CSV on a terminal is data: its lines stay whole, whatever the width.
    PtySession s({"progress", "export", "--db", db}, at_width(width));
    CHECK(s.wait_exit() == 0);
    CHECK(s.lines().front() == header);
  }
}

TEST_CASE("width: pack and progress output in a pipe is not wrapped unless COLUMNS is set") {
  const std::string lint = data_path("packs/lint-warnings.json");
  const auto piped = unwrapped({"pack", "lint", lint});
  REQUIRE(piped.exit_code == 0);
  // One line per warning and the summary, as written; some longer than 60 columns.
  const auto lines = qkv_test::lines_of(piped.out);
  CHECK(lines.size() == 7);
  std::size_t widest = 0;
  for (const auto& l : lines) widest = std::max(widest, qkv_test::display_width(l));
  CHECK(widest > 60);
  const auto narrow =
      qkv_test::run_qkv({"pack", "lint", lint}, qkv_test::with_input("", {{"COLUMNS", "60"}}));
  REQUIRE(narrow.exit_code == 0);
  CHECK(qkv_test::lines_of(narrow.out).size() > 7);
  for (const auto& line : qkv_test::lines_of(narrow.out))
    CHECK_MESSAGE(qkv_test::display_width(line) <= 60, line);

  // pack info --questions: one line per question in a pipe; within 60 columns with COLUMNS=60.
  const auto info = unwrapped({"pack", "info", "core", "--questions"});
  REQUIRE(info.exit_code == 0);
  const auto counts = json::parse(unwrapped({"pack", "info", "core", "--json"}).out);
  const auto info_lines = qkv_test::lines_of(info.out);
  const auto at = std::find_if(info_lines.begin(), info_lines.end(),
                               [](const std::string& l) { return l.rfind("Questions (", 0) == 0; });
  REQUIRE(at != info_lines.end());
  CHECK(static_cast<std::size_t>(info_lines.end() - at - 1) ==
        counts["questions"].get<std::size_t>());
  const auto info60 = qkv_test::run_qkv({"pack", "info", "core", "--questions"},
                                        qkv_test::with_input("", {{"COLUMNS", "60"}}));
  REQUIRE(info60.exit_code == 0);
  CHECK(qkv_test::lines_of(info60.out).size() > info_lines.size());
  for (const auto& line : qkv_test::lines_of(info60.out))
    CHECK_MESSAGE(qkv_test::display_width(line) <= 60, line);

  // progress reset: each sentence on one line, as written.
  qkv::test::TempDir dir;
  const std::string db = (dir / "p.db").string();
  REQUIRE(qkv_test::run_qkv({"quiz", "--pack", data_path("progress/tf10.json"), "-n", "1", "--seed",
                             "1", "--db", db},
                            qkv_test::with_input("t\n"))
              .exit_code == 0);
  CHECK(contains(unwrapped({"progress", "reset", "--db", db}).out,
                 "\nNothing was deleted. Add --yes to delete them (qkv progress export first "
                 "keeps a copy).\n"));
}
