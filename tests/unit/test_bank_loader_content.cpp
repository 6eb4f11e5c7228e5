// The built-in bank (content/packs/core) holds the floors of issue 5, counted from the loaded
// data so that none of them can slip unnoticed: how many questions, per concept, per type, per
// tag and per difficulty; explanations, sources and feedback everywhere; and it validates and
// lints clean.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <variant>

#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "core/fences.hpp"
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
  // With the checks the commands use: calculated kinds and parts, numeric and matrix answers by
  // the engine.
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

// ---- issue 15 (contentfix): hints everywhere, the plain role-mapping skill kept small, the new
// question styles counted, positions counted from 1 and said so, and sources a learner can
// follow. The rule-based checks (near-duplicates, stems and hints that give the answer away,
// multi-select counts, difficulty against the rubric) are lint rules: the lint test above keeps
// the bank clean under them.

TEST_CASE("every core question has a hint") {
  std::size_t with_hint = 0;
  for (const auto& q : core().questions) {
    INFO("question " << q.id);
    CHECK_FALSE(q.hints.empty());
    for (const auto& h : q.hints) CHECK_FALSE(blank(h));
    with_hint += !q.hints.empty();
  }
  CHECK(with_hint == core().questions.size());
}

TEST_CASE("the plain role-mapping skill is at most 12% of the core bank") {
  const Pack& p = core();
  std::size_t role = 0;
  for (const auto& q : p.questions) role += has_tag(q, "role-mapping");
  INFO(role << " role-mapping questions of " << p.questions.size());
  CHECK(role >= 10);  // the skill is still practised, and tagged
  CHECK(static_cast<double>(role) <= 0.12 * static_cast<double>(p.questions.size()));
}

TEST_CASE("the core bank has code-reading and heat-map questions that show code or a matrix") {
  // Counted only when the prompt shows the snippet or the weights in a closed fenced block (an
  // opening ``` line, perhaps naming the language, and a closing one); pack lint checks that
  // every fence is closed.
  std::size_t code = 0, heat = 0;
  for (const auto& q : core().questions) {
    const auto open = q.prompt.find("```");
    const bool block =
        open != std::string::npos && q.prompt.find("\n```", open + 3) != std::string::npos;
    code += block && has_tag(q, "code-reading");
    heat += block && has_tag(q, "heat-map");
  }
  CHECK(code >= 12);
  CHECK(heat >= 8);
}

TEST_CASE("core prompts that name a position say that positions count from 1") {
  // "token 2", "key 3", "position 4", "k_1", "v2", "s_23": names of positions.
  const std::regex names_position(
      R"(\b(token|position|key|query|row|column|sentence)s? [0-9]|\b[qkvxs]_?[0-9])");
  const std::regex says_base(
      R"((count|counted|counting) from 1|positions from 1|positions 1 to [0-9]|1-based|numbered from 1)");
  const std::regex zero_based(R"(\b(token|position|key|query|keys|positions) 0\b|\b[qkv]_?0\b)");
  for (const auto& q : core().questions) {
    INFO("question " << q.id << ": " << q.prompt);
    if (std::regex_search(q.prompt, names_position)) CHECK(std::regex_search(q.prompt, says_base));
    CHECK_FALSE(std::regex_search(q.prompt, zero_based));
  }
}

TEST_CASE("core sources name something a learner can follow, not an internal seed id") {
  const std::regex seed_id(R"(seed [0-9]{3}_[0-9a-f]{16})");
  for (const auto& q : core().questions) {
    INFO("question " << q.id << ": " << q.source);
    CHECK_FALSE(std::regex_search(q.source, seed_id));
  }
}

// Issue 15 ("The bank grows up") sets targets: 27 concepts, 420 questions, 12 per concept, 80
// multi-step items at level 3, 25 code-reading and 15 heat-map items. The floors below are what
// the bank holds after that issue (all above the targets), counted from the loaded data, so that
// none of it can slip away unnoticed. Hints everywhere, the role-mapping share, 1-based positions
// and followable sources are checked above.
namespace {

// The concepts issue 15 adds; each must be defined, with a note and a place in the concept map.
const char* const kIssue15Concepts[] = {
    "attention-shapes",   "padding-masks",    "grouped-query",       "fast-attention",
    "layer-cost",         "position-schemes", "attention-gradients", "attention-block",
    "additive-attention", "heatmap-reading",  "attention-numerics",
};

bool has_code_block(const std::string& text) {
  for (const auto& b : qkv::split_fences(text))
    if (b.code && b.closed && !b.lines.empty()) return true;
  return false;
}

// Difficulty 3 with two or more steps (the issue's list): a calculation (numeric, calculated,
// matrix), the ordering of a procedure, code to read, or an analysis its author tagged
// multi-step.
bool multi_step_level3(const Question& q) {
  if (q.difficulty != 3) return false;
  const std::string type = qkv::bank::type_name(q.type);
  return type == "numeric" || type == "calculated" || type == "matrix" || type == "ordering" ||
         has_tag(q, "code-reading") || has_tag(q, "multi-step");
}

}  // namespace

TEST_CASE(
    "issue 15: 28 concepts and 442 questions (targets 27 and 420), 12 or more on every concept") {
  const Pack& p = core();
  CHECK(p.concepts.size() >= 28);
  CHECK(p.questions.size() >= 442);
  std::map<std::string, int> main_concept;
  for (const auto& q : p.questions) ++main_concept[q.concepts.front()];
  for (const auto& c : p.concepts) {
    INFO("concept " << c.id);
    CHECK(main_concept[c.id] >= 12);
  }
  for (const char* id : kIssue15Concepts) {
    INFO("concept " << id);
    const auto it = std::find_if(p.concepts.begin(), p.concepts.end(),
                                 [&](const auto& c) { return c.id == id; });
    REQUIRE(it != p.concepts.end());
    CHECK_FALSE(blank(it->note));
    CHECK_FALSE(it->prerequisites.empty());  // placed in the concept map, not floating
  }
}

TEST_CASE("issue 15: multi-step items at level 3, code reading and heat maps") {
  int multi_step = 0, code_reading = 0, code_shown = 0, heat_maps_shown = 0;
  for (const auto& q : core().questions) {
    multi_step += multi_step_level3(q);
    if (has_tag(q, "code-reading")) {
      ++code_reading;
      code_shown += has_code_block(q.prompt);
    }
    // A heat-map item shows the weight matrix it asks about, in a fenced block.
    if (has_tag(q, "heat-map")) heat_maps_shown += has_code_block(q.prompt);
  }
  CHECK(multi_step >= 95);       // target 80
  CHECK(code_reading >= 38);     // target 25
  CHECK(code_shown >= 36);       // two code-reading items quote the code in their options instead
  CHECK(heat_maps_shown >= 24);  // target 15; the other heat-map items discuss maps in words
}

TEST_CASE("issue 15: every fence in a core question or note is closed") {
  for (const auto& q : core().questions) {
    INFO("question " << q.id);
    CHECK_FALSE(qkv::unclosed_fence_line(q.prompt));
    CHECK_FALSE(qkv::unclosed_fence_line(q.explanation));
  }
  for (const auto& c : core().concepts) {
    INFO("concept " << c.id);
    CHECK_FALSE(qkv::unclosed_fence_line(c.note));
  }
}
