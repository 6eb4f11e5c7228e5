// What the learner and scripts get after an exam: the result on screen, the JSON document and
// the Markdown report (the review of every question not fully right), and a report file that is
// written whole or not at all.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "exam/session.hpp"
#include "render/exam_report.hpp"
#include "render/exam_view.hpp"
#include "support/session_fixtures.hpp"

namespace fs = std::filesystem;
using namespace qkv::session;
using namespace qkv::exam;
using namespace qkv::bank;
using namespace qkv_test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A bank holding the fixture questions, so that concept names can be looked up.
struct Sitting {
  Bank bank;
  qkv::FakeClock clock{*qkv::parse_iso_time("2026-03-01T09:00:00Z")};
  qkv::Rng rng{4};
  std::unique_ptr<ExamSession> exam;

  Sitting() {
    Pack pack;
    pack.id = "t";
    pack.concepts = {Concept{"c1", "First concept", "", "", {}, {}},
                     Concept{"c2", "Second concept", "", "", {}, {}}};
    pack.questions = {single_q(), multi_q(), true_false_q(false), short_q()};
    pack.questions[2].concepts = {"c2"};
    pack.questions[2].explanation = "Because | pipes are escaped";
    bank.packs.push_back(std::move(pack));
    std::vector<const Question*> qs;
    for (const auto& q : bank.packs[0].questions) qs.push_back(&q);
    ExamOptions o;
    o.time_limit = 20min;
    o.pass_mark = 60;
    o.option_order = OptionOrder::as_written;
    exam = std::make_unique<ExamSession>(qs, rng, clock, o);
    // 1 single right; 2 multi partly right (a,c of a,c,e: 2/3); 3 true/false wrong; 4 unanswered.
    exam->answer("b");
    exam->answer("a,c");
    exam->flag(FlagAction::set);
    exam->answer("true");
    clock.advance(754s);
    exam->submit(ExamEnd::submitted);
  }
  const ExamResult& result() const { return exam->result(); }
  qkv::render::ReportInfo info() const {
    qkv::render::ReportInfo i;
    i.seed = 77;
    i.exam = "t/mid";
    i.title = "Midterm";
    i.started = exam->started();
    return i;
  }
};

}  // namespace

TEST_CASE("the JSON result holds the mark, the pass mark, the concepts and every question") {
  Sitting s;
  const json j = json::parse(qkv::render::exam_report_json(s.result(), s.bank, s.info()).dump());
  const double score = 1.0 + 2.0 / 3.0;
  CHECK(j["score"].get<double>() == doctest::Approx(score));
  CHECK(j["total"] == 4);
  CHECK(j["percent"].get<double>() == doctest::Approx(100.0 * score / 4));
  CHECK(j["passed"] == false);  // 41.7% < 60%
  CHECK(j["pass_mark"] == 60.0);
  CHECK(j["seconds_used"].get<double>() == doctest::Approx(754.0));
  CHECK(j["time_limit_seconds"] == 1200);
  CHECK(j["seed"] == 77);
  CHECK(j["exam"] == "t/mid");
  CHECK(j["started_at"] == "2026-03-01T09:00:00Z");
  CHECK(j["ended"] == "submitted");
  CHECK(j["answered"] == 3);
  CHECK(j["correct"] == 1);
  CHECK(j["flagged"] == json::array({3}));  // flag set on the question on screen after 2 answers

  const json& c1 = j["by_concept"]["c1"];
  CHECK(c1["name"] == "First concept");
  CHECK(c1["questions"] == 3);
  CHECK(c1["numbers"] == json::array({1, 2, 4}));
  CHECK(c1["ids"] == json::array({"t/single-1", "t/multi-1", "t/short-1"}));
  CHECK(c1["points"].get<double>() == doctest::Approx(score));
  CHECK(j["by_concept"]["c2"]["points"] == 0.0);

  const json& qs = j["questions"];
  REQUIRE(qs.size() == 4);
  CHECK(qs[0]["id"] == "t/single-1");
  CHECK(qs[0]["given"] == "b");
  CHECK(qs[0]["correct"] == true);
  CHECK(qs[0]["points"] == 1.0);
  CHECK(qs[1]["points"].get<double>() == doctest::Approx(2.0 / 3.0));
  CHECK(qs[1]["answer"] == "a,c,e");
  CHECK(qs[1]["detail"] == "2 of 3 correct options chosen, 0 wrong picks");
  CHECK(qs[2]["given"] == "true");
  CHECK(qs[2]["feedback"][0]["note"] == "said true");
  CHECK(qs[2]["feedback"][0]["kind"] == "wrong_pick");
  CHECK(qs[2]["flagged"] == true);
  CHECK(qs[3]["given"].is_null());
  CHECK(qs[3]["answered"] == false);
  CHECK(qs[3]["answer"] == "softmax");
}

TEST_CASE("the Markdown report has the summary, the tables and the review of what was missed") {
  Sitting s;
  const std::string md = qkv::render::exam_report_markdown(s.result(), s.bank, s.info());
  auto has = [&](const std::string& part) {
    if (md.find(part) != std::string::npos) return true;
    MESSAGE("not in the report: " << part);
    return false;
  };
  CHECK(has("# Exam result: Midterm"));
  CHECK(has("| Mark | 1.67 / 4 (41.6%) |"));
  CHECK(has("| Result | **FAIL** (pass mark 60%) |"));
  CHECK(has("| Time used | 12:34 of 20:00 |"));
  CHECK(has("| `c1` | First concept | 3 | 1 | 1.67 | 1, 2, 4 |"));
  CHECK(has("| 4 | `t/short-1` | short answer | (not answered) | 0 |"));
  CHECK(has("## Review"));
  // Questions 2, 3 and 4 are reviewed; question 1 (fully right) is not.
  CHECK(has("### Question 2: `t/multi-1` (0.67 of 1 point)"));
  CHECK(has("### Question 3: `t/tf-1` (0 of 1 point)"));
  CHECK(has("### Question 4: `t/short-1` (0 of 1 point)"));
  CHECK(md.find("### Question 1:") == std::string::npos);
  CHECK(has("- You answered: `true`"));
  CHECK(has("- You chose (wrong) true: said true"));
  CHECK(has("- Why: Because \\| pipes are escaped"));
  CHECK(has("- Not answered."));
  CHECK(has("- The answer: softmax (also accepted: soft max; Soft-Max)"));
  CHECK(has("- Missed e) E: E yes"));
  CHECK(has("```text\nprompt of multi-1\n"));
}

TEST_CASE("the result on screen: mark, FAIL against the pass mark, time, table and review") {
  Sitting s;
  const std::string out =
      qkv::render::render_exam_result(s.result(), {"Midterm"}, qkv::term::Style(false));
  CHECK(out.find("Result: 3 of 4 questions answered (submitted).") != std::string::npos);
  CHECK(out.find("Mark: 1.67/4 (41.6%)  FAIL (pass mark 60%)") != std::string::npos);
  CHECK(out.find("Time used: 12:34 of 20:00") != std::string::npos);
  CHECK(out.find("c1               3      1    1.67  1, 2, 4") != std::string::npos);
  CHECK(out.find("Review: 3 questions not fully right (2, 3, 4)") != std::string::npos);
  CHECK(out.find("Question 2  t/multi-1 | multiple select | 0.67 of 1 point") != std::string::npos);
  CHECK(out.find("Question 3  t/tf-1 | true or false | 0 of 1 point | flagged") !=
        std::string::npos);
  CHECK(out.find("Not answered.") != std::string::npos);
  CHECK(out.find("Question 1 ") == std::string::npos);
}

TEST_CASE("format_percent never rounds a mark up past a pass mark") {
  using qkv::render::format_percent;
  CHECK(format_percent(70.0) == "70");
  CHECK(format_percent(69.96) == "69.9");
  CHECK(format_percent(100.0 * 2 / 3) == "66.6");
  CHECK(format_percent(100.0 * 0.7) == "70");  // 70.00000000000001 or 69.99999999999999
}

TEST_CASE("reports: the extension picks the format; files are written whole or not at all") {
  using qkv::render::report_format_for;
  CHECK(report_format_for("r.json") == qkv::render::ReportFormat::json);
  CHECK(report_format_for("dir/R.MD") == qkv::render::ReportFormat::markdown);
  CHECK_FALSE(report_format_for("r.txt"));

  const fs::path dir = fs::temp_directory_path() /
                       (std::string("qkv-test-report") + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "r.json";
  std::ofstream(target) << "old";
  Sitting s;
  qkv::render::save_exam_report(target, s.result(), s.bank, s.info());
  std::ifstream in(target);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(json::parse(text.str())["total"] == 4);  // replaced, complete, valid
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);  // no temporary file left behind

  CHECK_THROWS_AS(qkv::write_file_atomically(dir / "missing" / "r.md", "x"), qkv::Error);
  CHECK_THROWS_WITH(qkv::check_writable_path(dir / "missing" / "r.md", "--report"),
                    doctest::Contains("does not exist"));
  CHECK_THROWS_WITH(qkv::check_writable_path(dir, "--report"), doctest::Contains("is a directory"));
  CHECK_NOTHROW(qkv::check_writable_path(dir / "new.md", "--report"));
  fs::remove_all(dir);
}
