// End-to-end: five learners sit the fixture exam examdemo/quick (tests/data/exam/pack.json:
// roles-1 single, right a of a-c; scores-3 single, right b of a-c; softmax-1 short, "softmax";
// options as written) with scripted answers and `qkv exam --report`, then `qkv results` reads
// the reports.
//
//          roles-1  scores-3  softmax-1  total
//   l1     a (1)    b (1)     softmax 1  3
//   l2     a (1)    b (1)     wrong   0  2
//   l3     a (1)    a (0)     softmax 1  2
//   l4     b (0)    a (0)     nope    0  0
//   l5     a (1)    c (0)     (none)  0  1
// roles-1: facility 4/5 = 0.8; options a 4, b 1, c 0 (a distractor nobody chose).
//   rest 2 1 1 0 0 (mean .8), item deviations .2 .2 .2 -.8 .2, rest deviations 1.2 .2 .2 -.8
//   -.8: Sxy = .24 + .04 + .04 + .64 - .16 = .8, Sxx = .8, Syy = 2.8, r = .8 / sqrt(2.24) =
//   0.534522. SD sqrt(.8 / 4) = 0.447214.
// scores-3: facility 0.4; options a 2, b 2, c 1. softmax-1: facility 0.4, 5 attempts, 4 answered.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness.hpp"
#include "helpers.hpp"

using nlohmann::json;
using qkv_test::data_path;
using qkv_test::read_file;
using qkv_test::run_qkv;

namespace {

namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) {
  return qkv_test::contains(haystack, needle, /*show_text=*/true);
}

// Sits examdemo/quick with these answer lines and writes the report to dir/name.json.
std::string sit(const fs::path& dir, const std::string& name, const std::string& input) {
  const std::string path = (dir / (name + ".json")).string();
  const auto r = run_qkv({"exam", "--pack", data_path("exam/pack.json"), "--exam", "quick",
                          "--seed", "3", "--report", path},
                         qkv_test::with_input(input, {{"QKV_FAKE_CLOCK_STEP", "0"}}));
  CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.err);
  return path;
}

struct Class {
  fs::path dir;
  std::vector<std::string> reports;
};

const Class& the_class() {
  static const Class c = [] {
    Class k;
    k.dir = fs::temp_directory_path() /
            (std::string("qkv-cli-results") + "-" + std::to_string(::getpid()));
    fs::remove_all(k.dir);
    fs::create_directories(k.dir);
    k.reports = {sit(k.dir, "l1", "a\nb\nsoftmax\ny\n"), sit(k.dir, "l2", "a\nb\nwrong\ny\n"),
                 sit(k.dir, "l3", "a\na\nsoftmax\ny\n"), sit(k.dir, "l4", "b\na\nnope\ny\n"),
                 sit(k.dir, "l5", "a\nc\n")};
    return k;
  }();
  return c;
}

const json& question(const json& analysis, const std::string& id) {
  for (const auto& q : analysis["questions"])
    if (q["id"] == id) return q;
  FAIL("no question " << id);
  throw;
}

// "LINE:COLUMN" of byte `offset` of `text`, counted here by hand (columns in bytes: the texts
// below are ASCII).
std::string line_col(const std::string& text, std::size_t offset) {
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  const std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t column = start == std::string::npos ? offset + 1 : offset - start;
  return std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

TEST_CASE("results --json: real exam reports give the hand-worked statistics") {
  const auto& c = the_class();
  std::vector<std::string> args = {"results", "--json"};
  args.insert(args.end(), c.reports.begin(), c.reports.end());
  const auto r = run_qkv(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.err.empty());
  const json doc = json::parse(r.out);
  CHECK(doc["format"] == "qkv-results/1");
  CHECK(doc["reports"] == 5);
  CHECK(doc["bad_reports"] == 0);
  REQUIRE(doc["analyses"].size() == 1);
  const json& a = doc["analyses"][0];
  CHECK(a["exam"] == "examdemo/quick");
  CHECK(a["packs"]["examdemo"] == "1");
  CHECK(a["learners"] == 5);
  CHECK(a["mean_percent"].get<double>() == doctest::Approx(100.0 * 8 / 15));

  const json& roles = question(a, "examdemo/roles-1");
  CHECK(roles["attempts"] == 5);
  CHECK(roles["facility"].get<double>() == doctest::Approx(0.8));
  CHECK(roles["sd"].get<double>() == doctest::Approx(0.447214).epsilon(1e-5));
  CHECK(roles["discrimination"].get<double>() == doctest::Approx(0.534522).epsilon(1e-5));
  REQUIRE(roles["options"].size() == 3);
  CHECK(roles["options"][0]["text"] == "The query");
  CHECK(roles["options"][0]["correct"] == true);
  CHECK(roles["options"][0]["chosen"] == 4);
  CHECK(roles["options"][1]["chosen"] == 1);
  CHECK(roles["options"][2]["chosen"] == 0);
  REQUIRE(roles["flags"].size() == 1);
  CHECK(roles["flags"][0]["code"] == "unchosen_distractor");

  const json& scores = question(a, "examdemo/scores-3");
  CHECK(scores["facility"].get<double>() == doctest::Approx(0.4));
  CHECK(scores["options"][0]["chosen"] == 2);
  CHECK(scores["options"][1]["chosen"] == 2);
  CHECK(scores["options"][2]["chosen"] == 1);

  const json& soft = question(a, "examdemo/softmax-1");
  CHECK(soft["attempts"] == 5);
  CHECK(soft["answered"] == 4);
  CHECK(soft["facility"].get<double>() == doctest::Approx(0.4));
  CHECK(soft["options"].empty());

  REQUIRE(a["by_learner"].size() == 5);
  CHECK(a["by_learner"][0]["report"] == c.reports[0]);
  CHECK(a["by_learner"][0]["score"] == 3.0);
  CHECK(a["by_learner"][3]["percent"] == 0.0);
  // roles: roles-1 and scores-3 (learners 100 100 50 0 50: mean 60).
  bool saw_roles = false;
  for (const auto& k : a["by_concept"])
    if (k["id"] == "roles") {
      saw_roles = true;
      CHECK(k["mean_percent"].get<double>() == doctest::Approx(60.0));
    }
  CHECK(saw_roles);
}

TEST_CASE("results: the table, the CSV file, and a bad report among good ones") {
  const auto& c = the_class();
  const std::string junk = (c.dir / "junk.json").string();
  const std::string md = (c.dir / "l1.md").string();
  const std::string v2 = (c.dir / "v2.json").string();
  {
    std::ofstream(junk) << "{\"score\": 1,";
    std::ofstream(md) << "# Exam result\n";
    json doc = json::parse(read_file(c.reports[0]));
    doc["format"] = "qkv-exam-report/2";
    std::ofstream(v2) << doc.dump();
  }
  const std::string missing = (c.dir / "absent.json").string();
  const std::string csv = (c.dir / "items.csv").string();
  std::vector<std::string> args = {"results", "--csv", csv, junk};
  args.insert(args.end(), c.reports.begin(), c.reports.end());
  args.insert(args.end(), {md, missing, v2});
  const auto r = run_qkv(args, qkv_test::with_input("", {{"COLUMNS", "100"}}));
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, junk + ":1:13: error: not JSON"));
  CHECK(contains(r.err, md + ":1:1: error: not JSON"));
  CHECK(contains(r.err, missing));
  const std::string v2_text = read_file(v2);
  CHECK(contains(r.err, v2 + ":" + line_col(v2_text, v2_text.find("\"qkv-exam-report/2\"")) +
                            ": /format: error: a report of another version"));
  CHECK(contains(r.err, "4 bad reports left out; analysing the other 5"));
  CHECK(contains(r.out, "Item analysis of examdemo/quick (examdemo 1): Quick check"));
  CHECK(contains(r.out, "5 learners, mean 53.3%"));
  CHECK(contains(r.out,
                 "  1 examdemo/roles-1    single          5      0.80  0.45    0.53  "
                 "unchosen distractor"));
  CHECK(contains(r.out, "distractor 3 (\"The output\") was chosen by nobody"));
  for (const auto& line : qkv_test::lines_of(r.out)) CHECK_MESSAGE(line.size() <= 100, line);

  const std::string rows = read_file(csv);
  CHECK(contains(rows,
                 "exam,question,type,attempts,answered,facility,sd,discrimination,option_counts,"
                 "flags\r\n"));
  CHECK(contains(rows,
                 "examdemo/quick,examdemo/roles-1,single,5,5,0.8000,0.4472,0.5345,4* 1 0,"
                 "unchosen_distractor\r\n"));
  CHECK(qkv_test::count_of(rows, "\r\n") == 4);

  // Nothing readable: 66, and no table.
  const auto none = run_qkv({"results", junk, missing});
  CHECK(none.exit_code == 66);
  CHECK(none.out.empty());
  CHECK(contains(none.err, "none of the 2 reports could be read"));
}

TEST_CASE("results: on a narrow terminal every line fits, and a missing report is named once") {
  const auto& c = the_class();
  const std::string missing = (c.dir / "absent.json").string();
  for (const std::string columns : {"60", "50"}) {
    CAPTURE(columns);
    std::vector<std::string> args = {"results"};
    args.insert(args.end(), c.reports.begin(), c.reports.end());
    args.push_back(missing);
    const auto r = run_qkv(args, qkv_test::with_input("", {{"COLUMNS", columns}}));
    CHECK(r.exit_code == 65);
    const std::size_t width = std::stoul(columns);
    for (const auto& line : qkv_test::lines_of(r.out)) CHECK_MESSAGE(line.size() <= width, line);
    // Each question's numbers are still there, under its id, with its flags on their own line.
    CHECK(contains(r.out,
                   "  1 examdemo/roles-1\n    single          5      0.80  0.45    0.53\n"
                   "    unchosen distractor\n"));
    CHECK(
        contains(r.out, "  3 examdemo/softmax-1\n    short           5      0.40  0.55    0.33\n"));
    CHECK(contains(r.out, "    3.00/3   100.0%  pass"));  // learner names (paths here) are cut
    CHECK(contains(r.err, missing + ": error: no such file"));
    CHECK(qkv_test::count_of(r.err, missing) == 1);
  }
}

TEST_CASE("results: a key given twice, or a wrong field, is named with its line and column") {
  const auto& c = the_class();
  const std::string report = json::parse(read_file(c.reports[0])).dump(2);
  REQUIRE(report.rfind("{\n", 0) == 0);
  // The same report with "format" given twice: a JSON library would keep one of them silently.
  const std::string dup_text = "{\n  \"format\": \"qkv-exam-report/1\"," + report.substr(1);
  const std::string dup = (c.dir / "dup.json").string();
  std::ofstream(dup) << dup_text;
  // A report of another version, pretty-printed, so that its format is not on line 1.
  json v2doc = json::parse(report);
  v2doc["format"] = "qkv-exam-report/2";
  const std::string v2_text = v2doc.dump(2);
  const std::string v2 = (c.dir / "v2-pretty.json").string();
  std::ofstream(v2) << v2_text;

  const auto r = run_qkv({"results", c.reports[0], dup, v2});
  CHECK(r.exit_code == 65);
  const std::size_t second = dup_text.find("\"format\"", dup_text.find("\"format\"") + 1);
  REQUIRE(second != std::string::npos);
  CHECK_MESSAGE(contains(r.err, dup + ":" + line_col(dup_text, second) +
                                    ": /format: error: duplicate key \"format\" (first at line 2, "
                                    "column 3)"),
                r.err);
  const std::size_t value = v2_text.find("\"qkv-exam-report/2\"");
  REQUIRE(value != std::string::npos);
  CHECK_MESSAGE(contains(r.err, v2 + ":" + line_col(v2_text, value) +
                                    ": /format: error: a report of another version"),
                r.err);
  CHECK(contains(r.err, "2 bad reports left out; analysing the other 1"));
}

TEST_CASE("results: reports of two exams are analysed apart and said so") {
  const auto& c = the_class();
  const std::string other = (c.dir / "partial.json").string();
  const auto sat = run_qkv({"exam", "--pack", data_path("exam/pack.json"), "--exam", "partial",
                            "--seed", "3", "--report", other},
                           qkv_test::with_input("a\n", {{"QKV_FAKE_CLOCK_STEP", "0"}}));
  REQUIRE_MESSAGE(sat.exit_code == 1, sat.err);
  const auto r = run_qkv({"results", "--json", c.reports[0], other, c.reports[1]});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "the reports are of 2 different exams or pack versions"));
  CHECK(contains(r.err, "examdemo/quick (examdemo 1): 2 reports"));
  CHECK(contains(r.err, "examdemo/partial (examdemo 1): 1 report"));
  const json doc = json::parse(r.out);
  REQUIRE(doc["analyses"].size() == 2);
  CHECK(doc["analyses"][0]["learners"] == 2);
  CHECK(doc["analyses"][1]["exam"] == "examdemo/partial");
}

TEST_CASE("results --help states the statistics and the exit codes") {
  const auto r = run_qkv({"results", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "facility index"));
  CHECK(contains(r.out, "65 some report was bad"));
  CHECK(contains(r.out, "66 none could be read"));
}
