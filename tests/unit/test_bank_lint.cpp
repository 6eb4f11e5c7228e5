// `qkv pack lint`'s checks: each one fires on the pattern it names and stays quiet otherwise.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "support/paths.hpp"

using nlohmann::json;
using qkv::Diagnostic;
using qkv::bank::lint_pack;
using qkv::bank::LintOptions;

namespace {

json option(const std::string& text, bool correct, const std::string& feedback = "because") {
  json o = {{"text", text}, {"feedback", feedback}};
  if (correct) o["correct"] = true;
  return o;
}

// A single-choice question with clean options; `correct` is the index of the right one.
json single(const std::string& id, std::size_t correct = 0, const std::string& concept_id = "c") {
  json q = {{"id", id},           {"type", "single"},        {"concepts", {concept_id}},
            {"difficulty", 1},    {"prompt", "Which one?"},  {"explanation", "Because."},
            {"source", "a book"}, {"options", json::array()}};
  const char* texts[] = {"alpha", "beta", "gamma", "delta"};
  for (std::size_t i = 0; i < 4; ++i) q["options"].push_back(option(texts[i], i == correct));
  return q;
}

json pack_with(const json& questions) {
  return {{"format", "qkv-pack/1"},
          {"id", "l"},
          {"title", "L"},
          {"version", "1"},
          {"concepts", {{{"id", "c"}, {"name", "C"}}}},
          {"questions", questions}};
}

// Loads the pack text, lints it with `opts`, and places the warnings in the text.
std::vector<Diagnostic> lint(const json& pack, LintOptions opts = {}) {
  const std::string text = pack.dump(1);
  const auto r = qkv::bank::parse_pack(text, "lint.json");
  REQUIRE(r.ok());
  auto ds = lint_pack(*r.pack, opts);
  qkv::bank::locate(ds, "lint.json", text);
  for (const auto& d : ds) {
    CHECK(d.severity == qkv::Severity::warning);
    CHECK(d.line > 0);
  }
  return ds;
}

bool has(const std::vector<Diagnostic>& ds, const std::string& pointer,
         const std::string& fragment) {
  for (const auto& d : ds)
    if (d.pointer == pointer && d.message.find(fragment) != std::string::npos) return true;
  return false;
}

// Four questions with their correct answers at varied positions: no warnings at all.
json clean_questions() {
  return {single("q0", 0), single("q1", 1), single("q2", 2), single("q3", 3)};
}

}  // namespace

TEST_CASE("a clean pack has no lint warnings") {
  CHECK(lint(pack_with(clean_questions())).empty());
}

TEST_CASE("each per-question lint check fires where the problem is") {
  struct Case {
    const char* name;
    void (*mutate)(json& q);
    const char* pointer;
    const char* fragment;
  };
  const Case cases[] = {
      {"wrong option without feedback", [](json& q) { q["options"][2].erase("feedback"); },
       "/questions/0/options/2", "wrong option without feedback"},
      {"wrong option with empty feedback", [](json& q) { q["options"][1]["feedback"] = ""; },
       "/questions/0/options/1", "wrong option without feedback"},
      {"no explanation", [](json& q) { q.erase("explanation"); }, "/questions/0",
       "has no explanation"},
      {"no source", [](json& q) { q["source"] = ""; }, "/questions/0", "has no source"},
      {"duplicate option text", [](json& q) { q["options"][3]["text"] = "  Beta "; },
       "/questions/0/options/3", "same text as option 1"},
      {"all of the above", [](json& q) { q["options"][3]["text"] = "All of the above"; },
       "/questions/0/options/3", "all/none of the above"},
      {"none of these", [](json& q) { q["options"][2]["text"] = "None of these."; },
       "/questions/0/options/2", "all/none of the above"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    json qs = clean_questions();
    c.mutate(qs[0]);
    const auto ds = lint(pack_with(qs));
    CHECK(ds.size() == 1);
    CHECK(has(ds, c.pointer, c.fragment));
  }
}

TEST_CASE("a correct option without feedback is not a lint warning") {
  json qs = clean_questions();
  qs[0]["options"][0].erase("feedback");
  CHECK(lint(pack_with(qs)).empty());
}

TEST_CASE("true/false questions need feedback for the wrong answer") {
  json tf = {{"id", "tf"},         {"type", "true_false"}, {"concepts", {"c"}},
             {"difficulty", 1},    {"prompt", "p"},        {"answer", true},
             {"explanation", "e"}, {"source", "s"},        {"feedback_true", "right"}};
  json qs = clean_questions();
  qs.push_back(tf);
  auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(has(ds, "/questions/4", "no feedback for the wrong answer (false)"));
  qs[4]["feedback_false"] = "no: ...";
  CHECK(lint(pack_with(qs)).empty());
}

TEST_CASE("concepts with too few questions, or none, are reported at the concept") {
  json p = pack_with(clean_questions());
  p["concepts"].push_back({{"id", "thin"}, {"name", "Thin"}});
  p["concepts"].push_back({{"id", "unused"}, {"name", "Unused"}});
  p["questions"].push_back(single("t1", 1, "thin"));
  auto ds = lint(p);
  REQUIRE(ds.size() == 2);
  CHECK(has(ds, "/concepts/1", "concept \"thin\" has 1 question, fewer than 3"));
  CHECK(has(ds, "/concepts/2", "concept \"unused\" is not named by any question"));

  LintOptions off;
  off.min_per_concept = 0;
  ds = lint(p, off);
  REQUIRE(ds.size() == 1);
  CHECK(has(ds, "/concepts/2", "not named by any question"));
  LintOptions eight;
  eight.min_per_concept = 8;
  CHECK(has(lint(p, eight), "/concepts/0", "concept \"c\" has 4 questions, fewer than 8"));
}

TEST_CASE("correct answers piling up in one position are reported once for the pack") {
  json qs = json::array();
  for (int i = 0; i < 10; ++i) qs.push_back(single("q" + std::to_string(i), i < 7 ? 1 : i % 4));
  auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer.empty());
  CHECK(ds[0].line == 1);
  CHECK(ds[0].message.find(
            "the correct option is option b in 8 of 10 single-choice questions (80%)") == 0);

  // The same spread over too few questions says nothing.
  json few = json::array();
  for (int i = 0; i < 5; ++i) few.push_back(single("q" + std::to_string(i), 1));
  CHECK(lint(pack_with(few)).empty());
}

TEST_CASE("true/false answers piling up on one side are reported") {
  json qs = clean_questions();
  for (int i = 0; i < 9; ++i)
    qs.push_back({{"id", "tf" + std::to_string(i)},
                  {"type", "true_false"},
                  {"concepts", {"c"}},
                  {"difficulty", 1},
                  {"prompt", "p"},
                  {"answer", i != 0},
                  {"explanation", "e"},
                  {"source", "s"},
                  {"feedback_true", "t"},
                  {"feedback_false", "f"}});
  const auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("the answer is true in 8 of 9 true/false questions") == 0);
}

TEST_CASE("the correct option being the longest in most questions is reported") {
  json qs = json::array();
  for (int i = 0; i < 8; ++i) {
    json q = single("q" + std::to_string(i), static_cast<std::size_t>(i % 4));
    if (i < 6)
      q["options"][static_cast<std::size_t>(i % 4)]["text"] = "a much longer correct answer";
    qs.push_back(q);
  }
  const auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find(
            "a correct option is the longest option in 6 of 8 choice questions (75%)") == 0);
  CHECK(ds[0].message.find("q0, q1, q2, ...") != std::string::npos);
}

TEST_CASE("lint warnings about a directory pack point into the right file") {
  const auto r = qkv::bank::load_pack(qkv::test::data_dir() + "/packs/valid-dir");
  REQUIRE(r.ok());
  LintOptions eight;
  eight.min_per_concept = 8;
  auto ds = lint_pack(*r.pack, eight);
  qkv::bank::locate(ds);
  REQUIRE(ds.size() == 2);
  for (const auto& d : ds) {
    CHECK(d.file == qkv::test::data_dir() + "/packs/valid-dir/pack.json");
    CHECK(d.line > 1);
  }
}

// ---- issue 15: near-duplicates, stems and hints that give the answer away, multi-select
// counts, difficulty against the rubric.

namespace {

json multi(const std::string& id, int correct_count) {
  json q = {{"id", id},           {"type", "multi"},         {"concepts", {"c"}},
            {"difficulty", 2},    {"prompt", "Which ones?"}, {"explanation", "Because."},
            {"source", "a book"}, {"options", json::array()}};
  const char* texts[] = {"one", "two", "three", "four", "five"};
  for (int i = 0; i < 5; ++i) q["options"].push_back(option(texts[i], i < correct_count));
  return q;
}

std::size_t count_with(const std::vector<Diagnostic>& ds, const std::string& fragment) {
  std::size_t n = 0;
  for (const auto& d : ds) n += d.message.find(fragment) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("near-duplicate prompts are reported as a pair, at the later question") {
  json qs = clean_questions();
  qs[1]["prompt"] =
      "A decoder with a causal mask processes the token at position 4. Which keys "
      "may its query give a non-zero weight to?";
  qs[3]["prompt"] =
      "A decoder with a causal mask processes the token at position 5. Which keys "
      "may its query give a non-zero weight to?";
  auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(has(ds, "/questions/3/prompt", "near-duplicate of question \"q1\""));
  CHECK(ds[0].message.find("lint.json:") != std::string::npos);  // where q1 is

  // Below the threshold, or with the check turned off, nothing.
  LintOptions strict_share;
  strict_share.near_duplicate = 0.95;
  CHECK(lint(pack_with(qs), strict_share).empty());
  LintOptions off;
  off.near_duplicate = 1.5;
  CHECK(lint(pack_with(qs), off).empty());

  // Different questions on the same topic are not near-duplicates.
  qs[3]["prompt"] =
      "Under a causal mask, how many entries of a 4 × 4 score matrix are kept, "
      "counting the diagonal?";
  CHECK(lint(pack_with(qs)).empty());
}

TEST_CASE("a stem that repeats the correct option's distinctive words is reported") {
  json qs = clean_questions();
  qs[0]["prompt"] =
      "Each page has an index vector built from its title and keywords. Which "
      "vector is the key?";
  qs[0]["options"][0]["text"] = "The index vector from the title and keywords";
  qs[0]["options"][1]["text"] = "The request vector";
  qs[0]["options"][2]["text"] = "The ranked list of pages";
  qs[0]["options"][3]["text"] = "The content vector";
  auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(has(ds, "/questions/0/options/0", "the stem repeats this correct option's distinctive"));
  CHECK(ds[0].message.find("index, keyword, title") != std::string::npos);

  // When the stem describes every option as evenly, nothing is given away.
  qs[0]["prompt"] =
      "Each page has an index vector built from its title and keywords and a "
      "content vector built from its ranked full text. Which vector is the key?";
  qs[0]["options"][3]["text"] = "The content vector from the ranked full text";
  CHECK(lint(pack_with(qs)).empty());

  // A wrong option that the stem repeats is a distractor doing its job, not a cue.
  qs = clean_questions();
  qs[0]["prompt"] = "Is the title index keyword vector the key?";
  qs[0]["options"][1]["text"] = "The title index keyword vector";
  CHECK(lint(pack_with(qs)).empty());
}

TEST_CASE("a hint that contains the correct option or an accepted answer is reported") {
  json qs = clean_questions();
  qs[2]["hints"] = {"Think about the first letters.", "It is gamma, of course."};
  auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(has(ds, "/questions/2/hints/1", "the hint contains the answer \"gamma\""));
  qs[2]["hints"] = {"Think about gammaray bursts."};  // a word that only starts the same
  CHECK(lint(pack_with(qs)).empty());

  json s = {{"id", "s"},
            {"type", "short"},
            {"concepts", {"c"}},
            {"difficulty", 1},
            {"prompt", "Name the function that normalises the scores."},
            {"accept", {"softmax", "V"}},
            {"explanation", "e"},
            {"source", "s"},
            {"hints", {"Not V: the softmax."}}};
  qs = clean_questions();
  qs.push_back(s);
  ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(has(ds, "/questions/4/hints/0", "\"softmax\""));
  qs[4]["hints"] = {"Not V: it exponentiates and divides by the sum."};  // one letter: too short
  CHECK(lint(pack_with(qs)).empty());
}

TEST_CASE("multi-select questions that mostly have the same number of correct options") {
  json qs = clean_questions();
  for (int i = 0; i < 5; ++i) qs.push_back(multi("m" + std::to_string(i), i < 4 ? 3 : 1));
  auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer.empty());
  CHECK(ds[0].message.find("4 of 5 multi-select questions (80%) have exactly 3 correct") == 0);

  // Varied counts (3, 3, 2, 1, 4): no warning; too few multi questions: no warning either.
  qs[6] = multi("m2", 2);
  qs[7] = multi("m3", 4);
  CHECK(lint(pack_with(qs)).empty());
  json few = clean_questions();
  for (int i = 0; i < 3; ++i) few.push_back(multi("m" + std::to_string(i), 3));
  CHECK(lint(pack_with(few)).empty());
}

TEST_CASE("difficulty that disagrees with the rubric's cheap signals is reported") {
  json tf = {{"id", "tf"},           {"type", "true_false"}, {"concepts", {"c"}},
             {"difficulty", 3},      {"prompt", "p"},        {"answer", true},
             {"explanation", "e"},   {"source", "s"},        {"feedback_true", "t"},
             {"feedback_false", "f"}};
  json calc = {{"id", "n"},
               {"type", "numeric"},
               {"concepts", {"c"}},
               {"difficulty", 1},
               {"prompt", "q·k?"},
               {"answer", 5},
               {"tolerance", 0},
               {"explanation", "e"},
               {"source", "s"},
               {"calc",
                {{"input", {{"q", "1 2"}, {"k", "3 1"}, {"v", "1 0"}}},
                 {"step", "scores"},
                 {"row", 0},
                 {"col", 0}}}};
  json qs = clean_questions();
  qs.push_back(tf);
  qs.push_back(calc);
  auto ds = lint(pack_with(qs));
  REQUIRE(ds.size() == 2);
  CHECK(has(ds, "/questions/4/difficulty", "a true_false question at difficulty 3"));
  CHECK(has(ds, "/questions/5/difficulty", "a computed question at difficulty 1"));

  qs[4]["difficulty"] = 2;
  qs[5]["difficulty"] = 2;
  CHECK(lint(pack_with(qs)).empty());
  // A numeric question without a calc block may be a recalled number.
  qs[5].erase("calc");
  qs[5]["difficulty"] = 1;
  CHECK(lint(pack_with(qs)).empty());
  CHECK(count_with(lint(pack_with(qs)), "difficulty") == 0);
}

TEST_CASE("a code fence left open is reported at its text, with the line where it opens") {
  json q = single("q1");
  q["prompt"] = "Which line is wrong?\n```python\nw = s.softmax(dim=0)";
  q["options"][1]["feedback"] = "```\nfine\n```";  // closed: no warning
  q["hints"] = {"Look at the axis.", "Compare:\n\n```\nx"};
  json pack = pack_with(json::array({q}));
  pack["concepts"][0]["note"] = "Shapes:\n```\n(B, h, n, d)\n```";
  const auto ds = lint(pack);
  CHECK(has(ds, "/questions/0/prompt", "code fence opened on line 2 of this text is never closed"));
  CHECK(has(ds, "/questions/0/hints/1", "opened on line 3"));
  CHECK_FALSE(has(ds, "/questions/0/options/1/feedback", "code fence"));
  CHECK_FALSE(has(ds, "/questions/0/hints/0", "code fence"));
  CHECK_FALSE(has(ds, "/concepts/0/note", "code fence"));
  pack["concepts"][0]["note"] = "Shapes:\n```\n(B, h, n, d)";
  CHECK(has(lint(pack), "/concepts/0/note", "opened on line 2"));
}
