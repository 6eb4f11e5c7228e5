// End-to-end: `qkv exam` run as a real process with scripted stdin against the fixture pack
// tests/data/exam/pack.json, which defines four exams:
//   quick    roles-1 (single, a), scores-3 (single, b), softmax-1 (short, softmax); in this
//            order, options as written; 5m, pass mark 60
//   partial  roles-2 (multi), roles-4 (matching), scores-1 (ordering), roles-3 (true/false,
//            false); in this order, options as written; 10m, pass mark 50
//   midterm  6 questions drawn over the pack's concepts; by-concept: 2 on roles, 1 on scores
// QKV_FAKE_CLOCK_STEP (a test clock that moves only after each line read) makes the times exact.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "harness.hpp"
#include "helpers.hpp"

using nlohmann::json;
using qkv_test::data_path;
using qkv_test::read_file;
using qkv_test::run_qkv;
using qkv_test::RunOptions;

namespace {

const std::string kPack = data_path("exam/pack.json");
const std::map<std::string, std::string> kStill = {{"QKV_FAKE_CLOCK_STEP", "0"}};

std::vector<std::string> exam_args(const std::string& exam, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"exam", "--pack", kPack, "--exam", exam, "--seed", "3"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Scripted input with the fake clock standing still (unless told otherwise).
RunOptions given(std::string input, std::map<std::string, std::string> env = kStill) {
  return qkv_test::with_input(std::move(input), std::move(env));
}

bool contains(const std::string& haystack, const std::string& needle) {
  return qkv_test::contains(haystack, needle, /*show_text=*/true);
}

}  // namespace

TEST_CASE("exam: a passed paper exits 0 with the mark and no feedback before the end") {
  const auto r = run_qkv(exam_args("quick"), given("a\nb\nsoftmax\ny\n"));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out,
                 "Exam examdemo/quick: Quick check. 3 questions, time limit 5m, pass mark 60%."));
  CHECK(contains(r.out,
                 "Question 1/3  [--------------------]  answered 0/3, flagged 0  time left 5:00"));
  CHECK(contains(r.out,
                 "Question 3/3  [#############-------]  answered 2/3, flagged 0  time left 5:00"));
  CHECK(contains(r.out, "Answer to question 2 recorded."));
  CHECK(contains(r.out, "Every question has an answer."));
  CHECK(contains(r.out, "Result: 3 of 3 questions answered (submitted)."));
  CHECK(contains(r.out, "Mark: 3/3 (100%)  PASS (pass mark 60%)"));
  CHECK(contains(r.out, "nothing to review"));
  // Nothing says right or wrong before the result.
  const std::string before = r.out.substr(0, r.out.find("Result:"));
  CHECK(before.find("Right") == std::string::npos);
  CHECK(before.find("Wrong") == std::string::npos);
}

TEST_CASE("exam: a failed paper exits 1 and reviews every wrong or unanswered question") {
  // roles-1 wrong (b), scores-3 right (b), softmax-1 skipped, then submit with 1 unanswered.
  const auto r = run_qkv(exam_args("quick"), given("b\nb\nskip\nsubmit\ny\n"));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "Submit with 1 unanswered? [y/N]"));
  CHECK(contains(r.out, "Mark: 1/3 (33.3%)  FAIL (pass mark 60%)"));
  CHECK(contains(r.out, "roles            2      1       1  1, 2"));
  CHECK(contains(r.out, "softmax          1      0       0  3"));
  CHECK(contains(r.out, "Review: 2 questions not fully right (1, 3)"));
  CHECK(contains(r.out, "Question 1  examdemo/roles-1 | single choice | 0 of 1 point"));
  CHECK(contains(r.out, "You answered: b"));
  CHECK(contains(r.out, "The answer: a) The query"));
  CHECK(contains(r.out, "You chose b (wrong): Values are mixed, not compared."));
  CHECK(contains(r.out, "Why: Scores are dot products of the query with each key."));
  CHECK(contains(r.out, "Question 3  examdemo/softmax-1 | short answer | 0 of 1 point"));
  CHECK(contains(r.out, "Not answered."));
  CHECK(contains(r.out, "The answer: softmax (also accepted: soft max)"));
  CHECK(r.out.find("Question 2  examdemo/scores-3") == std::string::npos);  // right: no review
}

TEST_CASE("exam: navigation and a declined submit through the real binary") {
  const auto r = run_qkv(exam_args("quick"),
                         given("s\nflag\nl\ng 9\ngoto 1\na\nsubmit\nn\nhelp\nsubmit\ny\n"));
  CHECK(r.exit_code == 1);  // 1 of 3
  CHECK(contains(r.out, "Question 2 flagged for review."));
  CHECK(contains(r.out,
                 "The paper: 3 questions, 0 answered, 3 unanswered, 1 flagged.\n"
                 "  Unanswered: 1, 2, 3\n  Flagged:    2\n  Time left:  5:00\n"
                 "You are on question 2."));
  CHECK(contains(r.out, "There is no question 9: the paper has questions 1 to 3."));
  CHECK(contains(r.out, "Flagged for review: 2.\nSubmit with 2 unanswered? [y/N]"));
  CHECK(contains(r.out, "Not submitted."));
  CHECK(contains(r.out, "goto N, g N   question N"));
  CHECK(contains(r.out, "Question 2  examdemo/scores-3 | single choice | 0 of 1 point | flagged"));
}

TEST_CASE("exam --json: the result document on stdout, the sitting on stderr") {
  const auto r = run_qkv(exam_args("quick", {"--json"}), given("b\nb\n"));
  CHECK(r.exit_code == 1);
  const json doc = json::parse(r.out);  // nothing else on stdout
  CHECK(doc["score"] == 1.0);
  CHECK(doc["total"] == 3);
  CHECK(doc["percent"].get<double>() == doctest::Approx(100.0 / 3));
  CHECK(doc["passed"] == false);
  CHECK(doc["pass_mark"] == 60.0);
  CHECK(doc["seed"] == 3);
  CHECK(doc["exam"] == "examdemo/quick");
  CHECK(doc["ended"] == "end_of_input");  // the input ended after two answers
  CHECK(doc["time_limit_seconds"] == 300);
  CHECK(doc["seconds_used"] == 0.0);
  REQUIRE(doc["questions"].size() == 3);
  CHECK(doc["questions"][0]["id"] == "examdemo/roles-1");
  CHECK(doc["questions"][0]["given"] == "b");
  CHECK(doc["questions"][0]["correct"] == false);
  CHECK(doc["questions"][0]["answer"] == "a");
  CHECK(doc["questions"][1]["points"] == 1.0);
  CHECK(doc["questions"][2]["given"].is_null());
  CHECK(doc["by_concept"]["roles"]["numbers"] == json::array({1, 2}));
  CHECK(doc["by_concept"]["softmax"]["points"] == 0.0);
  CHECK(contains(r.err, "Question 1/3"));
  CHECK(contains(r.err, "Mark: 1/3"));
}

TEST_CASE("exam: partial credit for multi, matching and ordering, worked out from the rules") {
  // A first sitting that answers nothing gives, for this seed, the full-marks answer of each
  // question as laid out (matching and ordering items are always shuffled).
  const auto keys = json::parse(run_qkv(exam_args("partial", {"--json"}), given("")).out);
  const std::string multi = keys["questions"][0]["answer"];  // "a,b"
  const std::string match = keys["questions"][1]["answer"];  // "1a 2d 3c" for example
  const std::string order = keys["questions"][2]["answer"];  // "a b d c" for example
  REQUIRE(multi == "a,b");
  REQUIRE(match.size() == 8);
  REQUIRE(order.size() == 7);
  // multi: one of the two right options, no wrong one -> (1 - 0) / 2.
  // matching: the partners of items 1 and 2 swapped -> 1 of 3 pairs.
  std::string swapped_match = match;
  std::swap(swapped_match[1], swapped_match[4]);
  // ordering: the first two steps swapped -> longest run in order 3 of 4 -> (3 - 1) / (4 - 1).
  std::string swapped_order = order;
  std::swap(swapped_order[0], swapped_order[2]);
  const std::string input = "a\n" + swapped_match + "\n" + swapped_order + "\nfalse\ny\n";
  const auto r = run_qkv(exam_args("partial", {"--json"}), given(input));
  const json doc = json::parse(r.out);
  const double expected[] = {0.5, 1.0 / 3.0, 2.0 / 3.0, 1.0};
  double sum = 0;
  for (int i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(doc["questions"][i]["points"].get<double>() == doctest::Approx(expected[i]));
    sum += expected[i];
  }
  CHECK(doc["score"].get<double>() == doctest::Approx(sum));
  CHECK(doc["passed"] == true);  // 2.5 of 4 = 62.5% >= 50
  CHECK(r.exit_code == 0);
  CHECK(doc["questions"][1]["detail"] == "1 of 3 pairs right");
  CHECK(contains(r.err,
                 "Partly right: 1 of 2 correct options chosen, 0 wrong picks (0.5 of 1 point)."));
}

TEST_CASE("exam: when the time runs out the paper is submitted as it stood") {
  // The test clock moves 2 minutes after each line: the third answer arrives at 6:00.
  const auto r = run_qkv(exam_args("quick", {"--json"}),
                         given("a\nb\nsoftmax\ny\n", {{"QKV_FAKE_CLOCK_STEP", "120"}}));
  const json doc = json::parse(r.out);
  CHECK(doc["ended"] == "time_up");
  CHECK(doc["seconds_used"] == 300.0);
  CHECK(doc["answered"] == 2);
  CHECK(doc["questions"][2]["given"].is_null());
  CHECK(doc["score"] == 2.0);
  CHECK(r.exit_code == 0);  // 2 of 3 = 66.7% >= 60
  CHECK(contains(r.err, "time left 3:00"));
  CHECK(contains(r.err, "time left 1:00"));
  CHECK(contains(r.err, "Time is up: the paper was submitted as it stood."));
  CHECK(contains(r.err, "Time used: 5:00 of 5:00"));
}

TEST_CASE("exam --time-limit and --pass override the exam's; --now fixes the start") {
  const auto r = run_qkv(exam_args("quick", {"--time-limit", "1m30s", "--pass", "100", "--json",
                                             "--now", "2026-03-01T09:00:00Z"}),
                         given("a\nb\nsoftmx\ny\n", {{"QKV_FAKE_CLOCK_STEP", "10"}}));
  const json doc = json::parse(r.out);
  CHECK(doc["time_limit_seconds"] == 90);
  CHECK(doc["pass_mark"] == 100.0);
  CHECK(doc["passed"] == false);
  CHECK(doc["started_at"] == "2026-03-01T09:00:00Z");
  CHECK(doc["seconds_used"] == 40.0);  // four lines, 10 s each
  CHECK(r.exit_code == 1);
}

TEST_CASE("exam --now refuses a year the clock cannot hold instead of wrapping it") {
  // 2300 once wrapped around the nanosecond clock and became 1715.
  for (const char* when : {"2300-01-01T00:00:00Z", "2300-01-01T00:00", "1600-05-01T12:00Z"}) {
    CAPTURE(when);
    const auto r = run_qkv(exam_args("quick", {"--json", "--now", when}), given("a\nb\nc\ny\n"));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "is outside 1900–2261, the years qkv's clock can hold"));
    CHECK(r.out.empty());
  }
  const auto bad = run_qkv(exam_args("quick", {"--now", "2300-01-01"}), given(""));
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "is not a date and time; write it as 2026-03-01T09:30:00Z"));
  const auto edge = run_qkv(exam_args("quick", {"--json", "--now", "2261-06-01T00:00:00Z"}),
                            given("a\nb\nsoftmx\ny\n", {{"QKV_FAKE_CLOCK_STEP", "10"}}));
  CHECK(json::parse(edge.out)["started_at"] == "2261-06-01T00:00:00Z");
}

TEST_CASE("exam Ctrl-C in a pipe submits at once and exits 130") {
  const auto probe = run_qkv(exam_args("quick"), given("a\n"));
  const auto q2 = probe.out.find("Question 2/3");
  REQUIRE(q2 != std::string::npos);
  const auto prompt = probe.out.find("> ", q2);
  REQUIRE(prompt != std::string::npos);
  RunOptions opts = given("a\n");
  opts.send_sigint_after_bytes = static_cast<int>(prompt + 2);
  opts.keep_stdin_open = true;
  const auto r = run_qkv(exam_args("quick"), opts);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 130);
  CHECK(contains(r.out, "Interrupted: the paper was submitted as it stood."));
  CHECK(contains(r.out, "Result: 1 of 3 questions answered (submitted on Ctrl-C)."));
  CHECK(r.out.find("[y/N]") == std::string::npos);  // no confirmation outside a terminal
}

TEST_CASE("exam --json and --report: an answer that is not UTF-8 is kept as U+FFFD, not a crash") {
  const auto dir = std::filesystem::temp_directory_path() /
                   (std::string("qkv-cli-exam-bytes") + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "result.json").string();
  const auto r =
      run_qkv(exam_args("quick", {"--json", "--report", path}), given("b\nb\nsoft\xffmax\n"));
  CHECK(r.exit_code == 1);
  const json doc = json::parse(r.out);
  CHECK(doc["questions"][2]["given"] == "soft\xEF\xBF\xBDmax");
  CHECK(json::parse(read_file(path))["questions"][2]["given"] == "soft\xEF\xBF\xBDmax");
  std::filesystem::remove_all(dir);
}

TEST_CASE("exam --report writes the full result as JSON or Markdown") {
  const auto dir = std::filesystem::temp_directory_path() /
                   (std::string("qkv-cli-exam-report") + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto json_path = (dir / "result.json").string();
  const auto md_path = (dir / "result.md").string();
  const auto a = run_qkv(exam_args("quick", {"--report", json_path}), given("b\nb\n"));
  CHECK(a.exit_code == 1);
  CHECK(contains(a.out, "Report saved to " + json_path));
  const json doc = json::parse(read_file(json_path));
  CHECK(doc["score"] == 1.0);
  CHECK(doc["questions"][0]["feedback"][0]["note"] == "Values are mixed, not compared.");
  const auto b = run_qkv(exam_args("quick", {"--report", md_path}), given("b\nb\n"));
  const std::string md = read_file(md_path);
  CHECK(contains(md, "| Result | **FAIL** (pass mark 60%) |"));
  CHECK(contains(md, "## Review"));
  CHECK(contains(md, "### Question 1: `examdemo/roles-1` (0 of 1 point)"));
  CHECK(contains(md, "- The answer: a) The query"));
  CHECK(contains(md, "### Question 3: `examdemo/softmax-1` (0 of 1 point)"));

  // A report that cannot be written is refused before the paper starts.
  const auto bad =
      run_qkv(exam_args("quick", {"--report", (dir / "r.txt").string()}), given("a\n"));
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "must end in .json"));
  CHECK(bad.out.find("Question 1") == std::string::npos);
  const auto nodir =
      run_qkv(exam_args("quick", {"--report", (dir / "no" / "r.md").string()}), given("a\n"));
  CHECK(nodir.exit_code == 74);  // an output that cannot be written, as for every output file
  CHECK(contains(nodir.err, "does not exist"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("exam --list lists the packs' exams with their settings") {
  const auto r = run_qkv({"exam", "--pack", kPack, "--list"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out,
                 "  examdemo/quick  Quick check\n    3 listed questions, time limit 5m, "
                 "pass mark 60%, in the order given\n"));
  CHECK(contains(r.out,
                 "  examdemo/midterm  Midterm practice\n    6 questions over the pack's "
                 "concepts, time limit 15m, pass mark 70%, shuffled\n"));
  CHECK(contains(r.out,
                 "  examdemo/by-concept  Roles and scores\n    3 questions: 2 roles, 1 "
                 "scores, time limit 10m, pass mark 70%, shuffled\n"));
  const auto none = run_qkv({"exam", "--list"});  // the built-in bank
  CHECK(none.exit_code == 0);
  CHECK(contains(none.out, "These packs define no exams."));
}

TEST_CASE("exam: a paper drawn from a pack covers every concept and replays from its seed") {
  auto sit = [](const std::string& seed) {
    const auto r =
        run_qkv({"exam", "--pack", kPack, "-n", "6", "--seed", seed, "--json"}, given(""));
    CHECK(r.exit_code == 1);  // nothing answered
    std::vector<std::string> ids;
    std::set<std::string> concepts;
    const json doc = json::parse(r.out);
    for (const auto& q : doc["questions"]) {
      ids.push_back(q["id"]);
      concepts.insert(q["concepts"][0].get<std::string>());
    }
    CHECK(concepts.size() == 3);
    return ids;
  };
  const auto first = sit("21");
  CHECK(first.size() == 6);
  CHECK(first == sit("21"));
  const auto midterm = json::parse(run_qkv(exam_args("midterm", {"--json"}), given("")).out);
  CHECK(midterm["questions"].size() == 6);
  CHECK(midterm["time_limit_seconds"] == 900);
  const auto counted = json::parse(run_qkv(exam_args("by-concept", {"--json"}), given("")).out);
  std::map<std::string, int> per;
  for (const auto& q : counted["questions"]) ++per[q["concepts"][0].get<std::string>()];
  CHECK(per == std::map<std::string, int>{{"roles", 2}, {"scores", 1}});
}

TEST_CASE("exam: usage errors exit 2 and say what to do") {
  const auto n = run_qkv(exam_args("quick", {"-n", "3"}), given(""));
  CHECK(n.exit_code == 2);
  CHECK(contains(n.err, "--exam takes its questions from the exam's definition"));
  const auto unknown = run_qkv({"exam", "--pack", kPack, "--exam", "final"}, given(""));
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "is not an exam of these packs"));
  CHECK(contains(unknown.err, "examdemo/midterm"));
  const auto limit = run_qkv({"exam", "--pack", kPack, "--time-limit", "30"}, given(""));
  CHECK(limit.exit_code == 2);
  CHECK(contains(limit.err, "has no unit"));
  const auto many = run_qkv({"exam", "--pack", kPack, "-n", "10"}, given(""));
  CHECK(many.exit_code == 2);
  CHECK(contains(many.err, "use -n 9 or fewer"));
  const auto pass = run_qkv({"exam", "--pack", kPack, "--pass", "120"}, given(""));
  CHECK(pass.exit_code == 2);
  const auto help = run_qkv({"exam", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "qkv exam --pack course/ --exam midterm --report midterm.md"));
}

TEST_CASE("exam definitions that do not validate: every problem located, exit 65") {
  const std::string bad = data_path("exam/bad-exams.json");
  const auto r = run_qkv({"pack", "validate", bad});  // diagnostics on stdout, as its report
  CHECK(r.exit_code == 65);
  CHECK(contains(r.out,
                 bad + ":9:39: /exams/0/questions/1: error: question \"q3\" is not in this pack"));
  CHECK(contains(r.out, bad + ":10:61: /exams/1/concepts/role: error: concept \"role\" is not "
                              "defined in this pack; did you mean \"roles\"?"));
  CHECK(contains(r.out, bad + ":11:50: /exams/2/time_limit: error: time_limit '30' has no unit (is "
                              "it minutes or seconds?)"));
  CHECK(contains(
      r.out,
      bad +
          ":12:49: /exams/3/pass_mark: error: pass_mark is a percentage from 0 to 100, found 101"));
  CHECK(contains(r.out, bad + ":13:33: /exams/4/questions: error: the exam asks for 3 questions "
                              "but the pack has only 2"));
  CHECK(contains(r.out, bad + ":14:12: /exams/5/id: error: duplicate exam id \"ids\""));
  const auto sit = run_qkv({"exam", "--pack", bad, "--list"});
  CHECK(sit.exit_code == 65);
  CHECK(contains(sit.err, "qkv: " + bad + ":14:12: /exams/5/id: error: duplicate exam id"));
}

TEST_CASE("exam: text from a pack never reaches the terminal raw, in the list, sitting or review") {
  const std::string hostile = data_path("exam/hostile.json");
  const auto list = run_qkv({"exam", "--pack", hostile, "--list"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find('\x1b') == std::string::npos);
  CHECK(contains(list.out, "Title \\x1b[41m here"));
  const auto sit =
      run_qkv({"exam", "--pack", hostile, "--exam", "x", "--seed", "1"}, given("b\ny\n"));
  CHECK(sit.out.find('\x1b') == std::string::npos);
  CHECK(sit.out.find("\xc2\x9b") == std::string::npos);  // C1 CSI
  CHECK(sit.out.find('\x07') == std::string::npos);
  CHECK(contains(sit.out, "Clear the screen? \\x1b[2J"));
  CHECK(contains(sit.out, "Review: 1 question not fully right (1)"));
}
