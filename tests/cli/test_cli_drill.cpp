// End-to-end tests of `qkv drill`: the real binary with scripted answers (right, wrong with a
// diagnosis, wrong shape asked again, hints, end of input, Ctrl-C), worksheets and answer keys,
// and the JSON forms. The answers are taken from --format json; for attention exercises those
// numbers are first checked against the naive reference (tests/support/naive_attention.hpp).
#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "helpers.hpp"
#include "support/naive_attention.hpp"

using nlohmann::json;
using qkv_test::contains;
using qkv_test::count_of;
using qkv_test::naive_mat;
using qkv_test::run_qkv;
using qkv_test::typed;
using qkv_test::with_input;

namespace {

json exercises(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"drill", "--format", "json"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_qkv(all);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::string right_answers(const json& doc) {
  std::string in;
  for (const auto& e : doc["exercises"])
    for (const auto& p : e["parts"]) in += typed(p["answer"]) + "\n";
  return in;
}

double max_diff(const json& got, const naive::Mat& want) {
  double worst = 0;
  for (std::size_t i = 0; i < want.size(); ++i)
    for (std::size_t j = 0; j < want[i].size(); ++j)
      worst = std::max(worst, std::abs(got[i][j].get<double>() - static_cast<double>(want[i][j])));
  return worst;
}

}  // namespace

TEST_CASE("drill --help shows examples and the exit codes") {
  const auto r = run_qkv({"drill", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Examples:"));
  CHECK(contains(r.out, "--worksheet markdown"));
  CHECK(contains(r.out, "--answer-key"));
  CHECK(contains(r.out, "exit 130"));
}

TEST_CASE(
    "drill --format json: the exercises with inputs and answers, the same for the same seed") {
  const auto a = run_qkv({"drill", "--kind", "attention", "--level", "2", "-n", "3", "--seed", "11",
                          "--format", "json"});
  const auto b = run_qkv({"drill", "--kind", "attention", "--level", "2", "-n", "3", "--seed", "11",
                          "--format", "json"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  const json doc = json::parse(a.out);
  CHECK(doc["seed"] == 11);
  REQUIRE(doc["exercises"].size() == 3);
  CHECK(doc["exercises"][0]["seed"] == 11);
  for (const auto& e : doc["exercises"]) {
    // The answers agree with the naive reference computed from the inputs shown.
    naive::Input in;
    in.q = naive_mat(e["problem"]["q"]);
    in.k = naive_mat(e["problem"]["k"]);
    in.v = naive_mat(e["problem"]["v"]);
    const naive::Result r = naive::attention(in);
    const auto& h = r.heads.front();
    const naive::Mat* want[] = {&h.scores, &h.scaled, &h.weights, &h.output};
    REQUIRE(e["parts"].size() == 4);
    for (std::size_t i = 0; i < 4; ++i) CHECK(max_diff(e["parts"][i]["answer"], *want[i]) < 1e-9);
    CHECK(e["tolerance"]["value"] == 0.01);
    CHECK(!e["mistakes"].empty());
  }
}

TEST_CASE(
    "drill: right answers from a pipe are graded right, with the worked steps and a summary") {
  const json doc = exercises({"--kind", "mask", "-n", "2", "--seed", "21"});
  const auto r = run_qkv({"drill", "--kind", "mask", "-n", "2", "--seed", "21"},
                         with_input(right_answers(doc)));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Seed 21"));
  CHECK(count_of(r.out, "✓ Right.") == 4);
  CHECK(contains(r.out, "Worked steps"));
  CHECK(contains(r.out, "Masked scores  [masked]"));
  CHECK(contains(r.out, "Exercise 2: right."));
  CHECK(contains(r.out, "2 of 2 exercises right; 4 of 4 parts right."));
  CHECK(contains(r.out, "qkv drill --seed 21 -n 2 --kind mask --level 1"));
  CHECK_FALSE(contains(r.out, "What went wrong"));
}

TEST_CASE("drill: a wrong answer is marked entry by entry and its mistake is named") {
  const json doc = exercises({"--kind", "score", "-n", "1", "--seed", "7"});
  const auto& parts = doc["exercises"][0]["parts"];
  // (a) right; (b) the unscaled score, which is (a)'s number again.
  const std::string in = typed(parts[0]["answer"]) + "\n" + typed(parts[0]["answer"]) + "\n";
  const auto r = run_qkv({"drill", "--kind", "score", "-n", "1", "--seed", "7"}, with_input(in));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "✓ Right."));
  CHECK(contains(r.out, "✗ Wrong"));
  CHECK(contains(r.out, "What went wrong in (b)"));
  CHECK(contains(r.out, "unscaled: forgot to scale the scores by 1/√d_k"));
  CHECK(contains(r.out, "Why:"));
  CHECK(contains(r.out, "0 of 1 exercise right; 1 of 2 parts right."));
}

TEST_CASE("drill: a wrong matrix shows which entries are wrong and the right ones") {
  const json doc = exercises({"--kind", "attention", "-n", "1", "--seed", "4"});
  json scores = doc["exercises"][0]["parts"][0]["answer"];
  scores[1][0] = scores[1][0].get<double>() + 1.0;
  const auto r = run_qkv({"drill", "--kind", "attention", "-n", "1", "--seed", "4"},
                         with_input(typed(scores) + "\n"));
  CHECK(contains(r.out, "✗ Wrong: 3 of 4 entries right."));
  CHECK(contains(r.out, "Yours:"));
  CHECK(contains(r.out, "Right:"));
  CHECK(count_of(r.out, "✗") >= 2);
}

TEST_CASE("drill: an answer of the wrong shape says the shape and asks again") {
  const json doc = exercises({"--kind", "score", "-n", "1", "--seed", "7"});
  const auto& parts = doc["exercises"][0]["parts"];
  const std::string in =
      "1 2\nnot a number\n" + typed(parts[0]["answer"]) + "\n" + typed(parts[1]["answer"]) + "\n";
  const auto r = run_qkv({"drill", "--kind", "score", "-n", "1", "--seed", "7"}, with_input(in));
  CHECK(r.exit_code == 0);
  CHECK(contains(
      r.out, "Wrong shape: you gave a row of 2 numbers, but the answer is a number. Try again."));
  CHECK(contains(r.out, "Not an answer:"));
  CHECK(count_of(r.out, "(a) ") == 1);  // asked once, answered on the third line
  CHECK(count_of(r.out, "✓ Right.") == 2);
  CHECK(contains(r.out, "1 of 1 exercise right"));
}

TEST_CASE("drill: end of input ends cleanly with a summary") {
  const auto r = run_qkv({"drill", "-n", "2", "--seed", "3"}, with_input(""));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Drill over (end of input): 0 of 0 exercises right"));
  CHECK(contains(r.out, "Stopped after 0 of 2 exercises."));
  CHECK(r.err.empty());
}

TEST_CASE("drill: Ctrl-C ends with the summary and exit 130") {
  qkv_test::RunOptions o;
  o.send_sigint_after_bytes = 200;
  o.keep_stdin_open = true;
  o.timeout_seconds = 20;
  const auto r = run_qkv({"drill", "-n", "2", "--seed", "3"}, o);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 130);
  CHECK(contains(r.out, "Drill over (interrupted)"));
}

TEST_CASE("drill: '?' shows the next step's formula and the part is marked as hinted") {
  const json doc = exercises({"--kind", "softmax", "--level", "2", "-n", "1", "--seed", "9"});
  const auto& parts = doc["exercises"][0]["parts"];
  const std::string answers = typed(parts[0]["answer"]) + "\n" + typed(parts[1]["answer"]) + "\n";
  // Hints are offered without --hint.
  const auto r =
      run_qkv({"drill", "--kind", "softmax", "--level", "2", "-n", "1", "--seed", "9", "--json"},
              with_input("?\n" + answers));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "Hint 1 of 1 (Scaled scores): S_scaled = S × 0.5000 = 1/√4"));
  const json result = json::parse(r.out);
  CHECK(result["parts_right"] == 2);
  CHECK(result["hinted"] == 1);
  CHECK(result["exercises"][0]["parts"][0]["hinted"] == true);
  CHECK(result["exercises"][0]["parts"][1]["hinted"] == false);
  // --hint shows each part's first hint before its first try, unasked.
  const auto shown = run_qkv(
      {"drill", "--kind", "softmax", "--level", "2", "-n", "1", "--seed", "9", "--hint", "--json"},
      with_input(answers));
  CHECK(shown.exit_code == 0);
  CHECK(contains(shown.err, "Hint 1 of 1 (Scaled scores): S_scaled = S × 0.5000 = 1/√4"));
  const json hinted = json::parse(shown.out);
  CHECK(hinted["parts_right"] == 2);
  CHECK(hinted["exercises"][0]["parts"][0]["hinted"] == true);
  CHECK(hinted["exercises"][0]["parts"][1]["hinted"] == true);
}

TEST_CASE("drill: skip, quit and help are commands; an empty line asks again") {
  const json doc = exercises({"--kind", "score", "-n", "2", "--seed", "7"});
  const auto& parts = doc["exercises"][1]["parts"];
  const std::string in = "\nhelp\nskip\n" + typed(parts[0]["answer"]) + "\nquit\n";
  const auto r =
      run_qkv({"drill", "--kind", "score", "-n", "2", "--seed", "7", "--json"}, with_input(in));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "Type your answer: a number, ? for a hint or help."));
  CHECK(contains(r.err, "skip        leave this exercise and go to the next one"));
  CHECK(contains(r.err, "Skipped: the worked steps follow."));
  CHECK(contains(r.err, "Drill over (quit)"));
  CHECK(r.err.find("Not an answer") == std::string::npos);
  const json result = json::parse(r.out);
  CHECK(result["ended"] == "quit");
  CHECK(result["exercises"][0]["complete"] == false);
  CHECK(result["exercises"][1]["parts"][0]["correct"] == true);
}

TEST_CASE("drill --json: the result on stdout, with each part's diagnosis") {
  const json doc = exercises({"--kind", "output", "-n", "1", "--seed", "5"});
  // The weighted sum of the keys instead of the values.
  const json& e = doc["exercises"][0];
  const naive::Mat wrong = naive::matmul(naive_mat(e["weights"]), naive_mat(e["problem"]["k"]));
  json typed_wrong = json::array();
  for (const auto& row : wrong) {
    json jr = json::array();
    for (auto x : row) jr.push_back(static_cast<double>(x));
    typed_wrong.push_back(jr);
  }
  const auto r = run_qkv({"drill", "--kind", "output", "-n", "1", "--seed", "5", "--json"},
                         with_input(typed(typed_wrong) + "\n"));
  CHECK(r.exit_code == 0);
  const json result = json::parse(r.out);
  CHECK(result["seed"] == 5);
  CHECK(result["ended"] == "completed");
  CHECK(result["exercises_right"] == 0);
  const json& part = result["exercises"][0]["parts"][0];
  CHECK(part["correct"] == false);
  CHECK(part["diagnosis"]["mistakes"][0]["id"] == "keys-as-values");
  CHECK(contains(r.err, "keys-as-values"));  // the session itself went to stderr
}

TEST_CASE("drill --worksheet markdown and --answer-key: a printable sheet and its solutions") {
  const std::vector<std::string> base = {"drill", "-n", "3", "--level", "2", "--seed", "5"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return run_qkv(a);
  };
  const auto sheet = with({"--worksheet", "markdown"});
  CHECK(sheet.exit_code == 0);
  CHECK(contains(sheet.out, "# Attention drills"));
  CHECK(contains(sheet.out, "Seed 5"));
  CHECK(contains(sheet.out, "## Exercise 3:"));
  CHECK(contains(sheet.out, "______"));
  CHECK_FALSE(contains(sheet.out, "# Answer key"));
  CHECK(contains(sheet.err, "seed 5"));
  const auto key = with({"--answer-key"});
  CHECK(key.exit_code == 0);
  CHECK(contains(key.out, "# Answer key"));
  CHECK(contains(key.out, "**Worked steps**"));
  CHECK_FALSE(contains(key.out, "# Attention drills"));
  const auto both = with({"--worksheet", "markdown", "--answer-key"});
  CHECK(contains(both.out, "# Attention drills"));
  CHECK(contains(both.out, "# Answer key"));
  // The key holds the answers of the same exercises.
  const json doc = exercises({"-n", "3", "--level", "2", "--seed", "5"});
  for (const auto& e : doc["exercises"])
    CHECK(contains(key.out, "[" + e["kind"].get<std::string>() + ", level 2, seed " +
                                std::to_string(e["seed"].get<std::uint64_t>()) + "]"));
}

TEST_CASE("drill: an unknown kind is a usage error with a suggestion; --list-kinds lists them") {
  const auto r = run_qkv({"drill", "--kind", "softmx"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "did you mean 'softmax'"));
  const auto l = run_qkv({"drill", "--list-kinds"});
  CHECK(l.exit_code == 0);
  for (const char* k : {"projection", "score", "softmax", "output", "attention", "mask", "kv-cache",
                        "shapes", "multihead"})
    CHECK(contains(l.out, k));
}
