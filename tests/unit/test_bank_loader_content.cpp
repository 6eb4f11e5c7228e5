// The built-in bank (content/packs/core) holds the floors of issue 5, counted from the loaded
// data so that none of them can slip unnoticed: how many questions, per concept, per type, per
// tag and per difficulty; explanations, sources and feedback everywhere; and it validates and
// lints clean.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "practice/question_checks.hpp"
#include "support/paths.hpp"

using qkv::bank::ChoiceBody;
using qkv::bank::Pack;
using qkv::bank::Question;
using qkv::bank::QuestionType;
using qkv::bank::TrueFalseBody;

namespace {

std::string core_path() {
  return qkv::test::content_dir() + "/packs/core";
}

// Loads the core pack once for all tests in this file.
const Pack& core() {
  static const std::optional<Pack> pack = [] {
    auto r = qkv::bank::load_pack(core_path());
    return r.pack;
  }();
  REQUIRE_MESSAGE(pack.has_value(), "content/packs/core does not load; run qkv pack validate");
  return *pack;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

bool has_tag(const Question& q, const std::string& tag) {
  return std::find(q.tags.begin(), q.tags.end(), tag) != q.tags.end();
}

// The 17 concept ids of issue 5 (/work/notes/CONTENT.md); each must be defined and practised.
const char* const kConceptIds[] = {
    "qkv-overview",    "query-role",         "key-role", "value-role",      "analogies",
    "qkv-projections", "dot-product-scores", "scaling",  "softmax-weights", "weighted-sum",
    "causal-masking",  "multi-head",         "kv-cache", "attention-cost",  "positions-rope",
    "self-vs-cross",   "applications",
};

}  // namespace

TEST_CASE("the core bank validates with no diagnostics at all") {
  // With the checks the commands use: calculated kinds and parts, matrix answers by the engine.
  const auto r =
      qkv::bank::load_pack(core_path(), nullptr, {.check_question = qkv::practice::check_question});
  for (const auto& d : r.diagnostics) FAIL_CHECK(qkv::format_diagnostic(d));
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
}

TEST_CASE("the core bank lints with no warnings, even with 8 questions required per concept") {
  qkv::bank::LintOptions options;
  options.min_per_concept = 8;
  const auto warnings = qkv::bank::lint_pack(core(), options);
  for (const auto& d : warnings) FAIL_CHECK(qkv::format_diagnostic(d));
  CHECK(warnings.empty());
}

TEST_CASE("the core bank has at least 200 questions over the 17 concepts, 8 or more each") {
  const Pack& p = core();
  CHECK(p.questions.size() >= 200);

  std::map<std::string, int> naming, main_concept;
  for (const auto& q : p.questions) {
    REQUIRE_FALSE(q.concepts.empty());
    ++main_concept[q.concepts.front()];
    for (const auto& c : std::set<std::string>(q.concepts.begin(), q.concepts.end())) ++naming[c];
  }
  CHECK(p.concepts.size() >= 17);
  for (const char* id : kConceptIds) {
    INFO("concept " << id);
    const bool defined = std::any_of(p.concepts.begin(), p.concepts.end(),
                                     [&](const auto& c) { return c.id == id; });
    CHECK(defined);
    // Questions whose main (first) concept it is: the stricter count of the two.
    CHECK(main_concept[id] >= 8);
    CHECK(naming[id] >= 8);
  }
  for (const auto& c : p.concepts) {
    INFO("concept " << c.id);
    CHECK_FALSE(blank(c.name));
    CHECK_FALSE(blank(c.summary));
    CHECK_FALSE(blank(c.note));  // `qkv learn CONCEPT` shows it
  }
}

TEST_CASE("the core bank uses every question type and has enough of the structured ones") {
  const Pack& p = core();
  std::map<QuestionType, int> by_type;
  int numeric_or_calculated = 0;
  for (const auto& q : p.questions) {
    ++by_type[q.type];
    // By name, so that a `calculated` type added to the format later counts without an edit.
    const std::string name = qkv::bank::type_name(q.type);
    if (name == "numeric" || name == "calculated") ++numeric_or_calculated;
  }
  for (const auto t : qkv::bank::kQuestionTypes) {
    INFO("type " << qkv::bank::type_name(t));
    CHECK(by_type[t] >= 1);
  }
  CHECK(by_type[QuestionType::matching] + by_type[QuestionType::ordering] >= 20);
  CHECK(numeric_or_calculated >= 30);
}

TEST_CASE("the core bank has enough scenario and misconception questions") {
  int scenario = 0, misconception = 0;
  for (const auto& q : core().questions) {
    scenario += has_tag(q, "scenario");
    misconception += has_tag(q, "misconception");
  }
  CHECK(scenario >= 25);
  CHECK(misconception >= 15);
}

TEST_CASE("the core bank spreads difficulty: about a third at level 1, a fifth or more at 3") {
  const Pack& p = core();
  int level[4] = {0, 0, 0, 0};
  for (const auto& q : p.questions) {
    INFO(q.id);
    REQUIRE((q.difficulty >= 1 && q.difficulty <= 3));
    ++level[q.difficulty];
  }
  const double total = static_cast<double>(p.questions.size());
  INFO("level 1: " << level[1] << ", level 2: " << level[2] << ", level 3: " << level[3]);
  CHECK(level[1] / total >= 0.25);
  CHECK(level[1] / total <= 0.45);
  CHECK(level[3] / total >= 0.20);
}

TEST_CASE("every core question has an explanation, a source and feedback on every wrong option") {
  for (const auto& q : core().questions) {
    INFO("question " << q.id);
    CHECK_FALSE(blank(q.explanation));
    CHECK_FALSE(blank(q.source));
    CHECK_FALSE(blank(q.prompt));
    if (const auto* c = std::get_if<ChoiceBody>(&q.body)) {
      for (std::size_t i = 0; i < c->options.size(); ++i) {
        INFO("option " << i << " (" << c->options[i].text << ")");
        // CONTENT.md asks for feedback on the correct option too; wrong ones must have it.
        CHECK_FALSE(blank(c->options[i].feedback));
      }
    } else if (const auto* tf = std::get_if<TrueFalseBody>(&q.body)) {
      // The feedback for the wrong answer, and for the right one.
      CHECK_FALSE(blank(tf->answer ? tf->feedback_false : tf->feedback_true));
      CHECK_FALSE(blank(tf->answer ? tf->feedback_true : tf->feedback_false));
    }
  }
}
