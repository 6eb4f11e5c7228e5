// Every validation rule of pack format v1, table-driven: each case breaks one thing in an
// otherwise valid pack and names the diagnostic it must produce (JSON pointer and message).
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "attention/problem.hpp"
#include "bank/loader.hpp"
#include "practice/question_checks.hpp"

using nlohmann::json;

namespace {

// As the commands read a pack: with practice::check_question, which checks numeric and matrix
// answers against the engine and calculated questions against the generators.
qkv::bank::LoadResult parse_pack(const std::string& text, const std::string& name) {
  qkv::bank::LoadOptions options;
  options.check_question = qkv::practice::check_question;
  return qkv::bank::parse_pack(text, name, options);
}

// A valid pack holding one question of every type (indices 0..6) and two concepts.
json base_pack() {
  return json::parse(R"({
    "format": "qkv-pack/1", "id": "t", "title": "T", "version": "1",
    "concepts": [{"id": "c1", "name": "C1"}, {"id": "c2", "name": "C2", "prerequisites": ["c1"]}],
    "questions": [
      {"id": "single", "type": "single", "concepts": ["c1"], "difficulty": 1, "prompt": "p",
       "options": [{"text": "a", "correct": true}, {"text": "b", "feedback": "no"}]},
      {"id": "multi", "type": "multi", "concepts": ["c1"], "difficulty": 2, "prompt": "p",
       "options": [{"text": "a", "correct": true}, {"text": "b", "correct": true}, {"text": "c"}]},
      {"id": "tf", "type": "true_false", "concepts": ["c2"], "difficulty": 3, "prompt": "p",
       "answer": true, "feedback_false": "f"},
      {"id": "match", "type": "matching", "concepts": ["c2"], "difficulty": 1, "prompt": "p",
       "pairs": [{"left": "l1", "right": "r1"}, {"left": "l2", "right": "r2"}], "distractors": ["r3"]},
      {"id": "order", "type": "ordering", "concepts": ["c1", "c2"], "difficulty": 1, "prompt": "p",
       "items": ["x", "y", "z"]},
      {"id": "short", "type": "short", "concepts": ["c1"], "difficulty": 1, "prompt": "p",
       "accept": ["softmax"], "hints": ["h"], "tags": ["scenario"], "source": "s", "explanation": "e"},
      {"id": "num", "type": "numeric", "concepts": ["c1"], "difficulty": 2, "prompt": "p",
       "answer": 5, "tolerance": 0.5, "tolerance_kind": "relative",
       "calc": {"input": {"q": "1 2", "k": "3 1", "v": "1 0"}, "step": "scores", "row": 0, "col": 0}}
    ]})");
}

struct Case {
  const char* name;
  std::function<void(json&)> mutate;
  const char* pointer;     // where the diagnostic must point
  const char* fragment;    // a part of its message
  std::size_t errors = 1;  // how many errors the pack must have in all
};

json& q(json& p, int i) {
  return p["questions"][static_cast<std::size_t>(i)];
}

const Case kCases[] = {
    // the pack itself
    {"format missing", [](json& p) { p.erase("format"); }, "", "missing required field \"format\""},
    {"format unknown", [](json& p) { p["format"] = "qkv-pack/9"; }, "/format",
     "unsupported format"},
    {"pack id invalid", [](json& p) { p["id"] = "my pack"; }, "/id", "not a valid id"},
    {"title mistyped", [](json& p) { p["title"] = 3; }, "/title",
     "title must be a string, found a number"},
    {"title empty", [](json& p) { p["title"] = " "; }, "/title", "title is empty"},
    {"version missing", [](json& p) { p.erase("version"); }, "",
     "missing required field \"version\""},
    {"authors not strings",
     [](json& p) {
       p["authors"] = {"a", 1};
     },
     "/authors/1", "must be a string"},
    {"unknown pack field", [](json& p) { p["titel"] = "x"; }, "/titel", "did you mean \"title\"?"},
    {"questions missing", [](json& p) { p.erase("questions"); }, "",
     "missing required field \"questions\""},
    {"questions not a list", [](json& p) { p["questions"] = json::object(); }, "/questions",
     "must be a list"},
    // concepts
    {"concepts not a list", [](json& p) { p["concepts"] = "c1"; }, "/concepts", "must be a list",
     9},
    {"concept not an object", [](json& p) { p["concepts"].push_back(1); }, "/concepts/2",
     "a concept must be an object"},
    {"concept name missing", [](json& p) { p["concepts"][0].erase("name"); }, "/concepts/0",
     "missing required field \"name\""},
    {"concept note mistyped", [](json& p) { p["concepts"][0]["note"] = true; }, "/concepts/0/note",
     "note must be a string"},
    {"concept unknown field", [](json& p) { p["concepts"][0]["summry"] = "s"; },
     "/concepts/0/summry", "did you mean \"summary\"?"},
    {"concept id invalid",
     [](json& p) {
       p["concepts"].push_back({{"id", "-x"}, {"name", "n"}});
     },
     "/concepts/2/id", "not a valid id"},
    {"concept id duplicate",
     [](json& p) {
       p["concepts"].push_back({{"id", "c1"}, {"name", "n"}});
     },
     "/concepts/2/id", "duplicate concept id \"c1\""},
    {"prerequisite undefined", [](json& p) { p["concepts"][1]["prerequisites"] = {"c11"}; },
     "/concepts/1/prerequisites/0", "concept \"c11\" is not defined"},
    {"prerequisite of itself", [](json& p) { p["concepts"][0]["prerequisites"] = {"c1"}; },
     "/concepts/0/prerequisites/0", "cycle: c1 -> c1"},
    {"prerequisite cycle", [](json& p) { p["concepts"][0]["prerequisites"] = {"c2"}; },
     "/concepts/1/prerequisites/0", "cycle: c1 -> c2 -> c1"},
    // common question fields
    {"question not an object", [](json& p) { p["questions"].push_back("q"); }, "/questions/7",
     "a question must be an object, found a string"},
    {"id missing", [](json& p) { q(p, 0).erase("id"); }, "/questions/0",
     "missing required field \"id\""},
    {"id invalid", [](json& p) { q(p, 0)["id"] = "a/b"; }, "/questions/0/id", "not a valid id"},
    {"id duplicate", [](json& p) { q(p, 1)["id"] = "single"; }, "/questions/1/id",
     "duplicate question id \"single\""},
    {"type missing", [](json& p) { q(p, 4).erase("type"); }, "/questions/4",
     "missing required field \"type\""},
    {"type unknown", [](json& p) { q(p, 4)["type"] = "orderng"; }, "/questions/4/type",
     "did you mean \"ordering\"?"},
    {"type not in v1", [](json& p) { q(p, 6)["type"] = "essay"; }, "/questions/6/type",
     "unknown question type \"essay\""},
    {"unknown field, typo", [](json& p) { q(p, 0)["promt"] = "p"; }, "/questions/0/promt",
     "did you mean \"prompt\"?"},
    {"field of another type", [](json& p) { q(p, 0)["accept"] = {"a"}; }, "/questions/0/accept",
     "does not belong in a single question (it is used by short questions)"},
    {"concepts missing", [](json& p) { q(p, 0).erase("concepts"); }, "/questions/0",
     "missing required field \"concepts\""},
    {"concepts empty", [](json& p) { q(p, 0)["concepts"] = json::array(); },
     "/questions/0/concepts", "needs at least 1 entry"},
    {"concept undefined", [](json& p) { q(p, 0)["concepts"] = {"c3"}; }, "/questions/0/concepts/0",
     "concept \"c3\" is not defined"},
    {"concept suggestion", [](json& p) { q(p, 0)["concepts"] = {"cc1"}; },
     "/questions/0/concepts/0", "did you mean \"c1\"?"},
    {"concept twice",
     [](json& p) {
       q(p, 0)["concepts"] = {"c1", "c1"};
     },
     "/questions/0/concepts/1", "appears twice"},
    {"difficulty missing", [](json& p) { q(p, 0).erase("difficulty"); }, "/questions/0",
     "missing required field \"difficulty\""},
    {"difficulty 0", [](json& p) { q(p, 0)["difficulty"] = 0; }, "/questions/0/difficulty",
     "must be 1, 2 or 3"},
    {"difficulty 4", [](json& p) { q(p, 0)["difficulty"] = 4; }, "/questions/0/difficulty",
     "found a number (4)"},
    {"difficulty fraction", [](json& p) { q(p, 0)["difficulty"] = 1.5; }, "/questions/0/difficulty",
     "must be 1, 2 or 3"},
    {"difficulty string", [](json& p) { q(p, 0)["difficulty"] = "2"; }, "/questions/0/difficulty",
     "found a string"},
    {"difficulty huge", [](json& p) { q(p, 0)["difficulty"] = 1e300; }, "/questions/0/difficulty",
     "must be 1, 2 or 3"},
    {"prompt missing", [](json& p) { q(p, 2).erase("prompt"); }, "/questions/2",
     "missing required field \"prompt\""},
    {"prompt empty", [](json& p) { q(p, 2)["prompt"] = ""; }, "/questions/2/prompt",
     "prompt is empty"},
    {"prompt blank", [](json& p) { q(p, 2)["prompt"] = " \n\t"; }, "/questions/2/prompt",
     "prompt is empty"},
    {"prompt mistyped", [](json& p) { q(p, 2)["prompt"] = json::array(); }, "/questions/2/prompt",
     "found a list"},
    {"hints not a list", [](json& p) { q(p, 5)["hints"] = "h"; }, "/questions/5/hints",
     "a list of strings"},
    {"tag empty",
     [](json& p) {
       q(p, 5)["tags"] = {"ok", ""};
     },
     "/questions/5/tags/1", "entry of tags is empty"},
    {"explanation mistyped", [](json& p) { q(p, 5)["explanation"] = 1; },
     "/questions/5/explanation", "must be a string"},
    {"source mistyped", [](json& p) { q(p, 5)["source"] = nullptr; }, "/questions/5/source",
     "found null"},
    // single and multi
    {"single none correct", [](json& p) { q(p, 0)["options"][0]["correct"] = false; },
     "/questions/0/options",
     "no option is marked \"correct\": true; a single question needs exactly one"},
    {"single two correct", [](json& p) { q(p, 0)["options"][1]["correct"] = true; },
     "/questions/0/options", "options 0 and 1 are all marked correct"},
    {"single one option", [](json& p) { q(p, 0)["options"].erase(1); }, "/questions/0/options",
     "needs at least 2 options, found 1"},
    {"options missing", [](json& p) { q(p, 0).erase("options"); }, "/questions/0",
     "missing required field \"options\""},
    {"option not an object", [](json& p) { q(p, 0)["options"][1] = "b"; }, "/questions/0/options/1",
     "an option must be an object"},
    {"option text missing", [](json& p) { q(p, 0)["options"][1].erase("text"); },
     "/questions/0/options/1", "missing required field \"text\""},
    {"option correct mistyped", [](json& p) { q(p, 0)["options"][1]["correct"] = "no"; },
     "/questions/0/options/1/correct", "must be true or false"},
    {"option unknown field", [](json& p) { q(p, 0)["options"][1]["feedbak"] = "x"; },
     "/questions/0/options/1/feedbak", "did you mean \"feedback\"?"},
    {"multi none correct",
     [](json& p) {
       for (auto& o : q(p, 1)["options"]) o.erase("correct");
     },
     "/questions/1/options", "a multi question needs at least one"},
    // true_false
    {"true_false answer missing", [](json& p) { q(p, 2).erase("answer"); }, "/questions/2",
     "missing required field \"answer\""},
    {"true_false answer mistyped", [](json& p) { q(p, 2)["answer"] = "true"; },
     "/questions/2/answer", "must be true or false"},
    {"true_false feedback mistyped", [](json& p) { q(p, 2)["feedback_true"] = 1; },
     "/questions/2/feedback_true", "must be a string"},
    // matching
    {"matching one pair", [](json& p) { q(p, 3)["pairs"].erase(1); }, "/questions/3/pairs",
     "at least 2 pairs, found 1"},
    {"pair right missing", [](json& p) { q(p, 3)["pairs"][1].erase("right"); },
     "/questions/3/pairs/1", "missing required field \"right\""},
    {"pair not an object",
     [](json& p) {
       q(p, 3)["pairs"][1] = {"l2", "r2"};
     },
     "/questions/3/pairs/1", "a pair must be an object"},
    {"pair unknown field", [](json& p) { q(p, 3)["pairs"][1]["rigth"] = "x"; },
     "/questions/3/pairs/1/rigth", "did you mean \"right\"?"},
    {"duplicate left", [](json& p) { q(p, 3)["pairs"][1]["left"] = "L1"; },
     "/questions/3/pairs/1/left", "left item \"L1\" appears twice"},
    {"distractor equals a right", [](json& p) { q(p, 3)["distractors"] = {"r1"}; },
     "/questions/3/distractors/0", "right item \"r1\" appears twice"},
    // ordering
    {"ordering one item", [](json& p) { q(p, 4)["items"] = {"x"}; }, "/questions/4/items",
     "needs at least 2 entries, found 1"},
    {"ordering duplicate",
     [](json& p) {
       q(p, 4)["items"] = {"x", "y", "x "};
     },
     "/questions/4/items/2", "item \"x \" appears twice"},
    {"ordering not strings",
     [](json& p) {
       q(p, 4)["items"] = {"x", "y", 3};
     },
     "/questions/4/items/2", "must be a string"},
    // short
    {"short accept empty", [](json& p) { q(p, 5)["accept"] = json::array(); },
     "/questions/5/accept", "needs at least 1 entry"},
    {"short accept missing", [](json& p) { q(p, 5).erase("accept"); }, "/questions/5",
     "missing required field \"accept\""},
    // numeric
    {"numeric answer missing", [](json& p) { q(p, 6).erase("answer"); }, "/questions/6",
     "missing required field \"answer\""},
    {"numeric answer mistyped", [](json& p) { q(p, 6)["answer"] = "5"; }, "/questions/6/answer",
     "must be a number"},
    {"tolerance negative", [](json& p) { q(p, 6)["tolerance"] = -0.1; }, "/questions/6/tolerance",
     "must be 0 or more"},
    {"tolerance missing", [](json& p) { q(p, 6).erase("tolerance"); }, "/questions/6",
     "missing required field \"tolerance\""},
    {"tolerance kind unknown", [](json& p) { q(p, 6)["tolerance_kind"] = "percent"; },
     "/questions/6/tolerance_kind", "\"absolute\" or \"relative\""},
    {"calc not an object", [](json& p) { q(p, 6)["calc"] = "scores"; }, "/questions/6/calc",
     "must be an object"},
    {"calc input mistyped",
     [](json& p) {
       q(p, 6)["calc"]["input"] = {1, 2};
     },
     "/questions/6/calc/input", "must be an object"},
    {"calc step unknown", [](json& p) { q(p, 6)["calc"]["step"] = "score"; },
     "/questions/6/calc/step", "did you mean \"scores\"?"},
    {"calc row negative", [](json& p) { q(p, 6)["calc"]["row"] = -1; }, "/questions/6/calc/row",
     "at least 0"},
    {"calc col missing", [](json& p) { q(p, 6)["calc"].erase("col"); }, "/questions/6/calc",
     "missing required field \"col\""},
    {"calc unknown field", [](json& p) { q(p, 6)["calc"]["column"] = 1; },
     "/questions/6/calc/column", "unknown field \"column\" in calc"},
    // the numeric answer is recomputed from its calc block (q·k = 1·3 + 2·1 = 5)
    {"numeric answer the engine does not compute", [](json& p) { q(p, 6)["answer"] = 2; },
     "/questions/6/answer", "the engine computes 5 for step \"scores\" row 0, col 0 here, not 2"},
    {"numeric answer just outside an absolute tolerance",
     [](json& p) {
       q(p, 6)["answer"] = 5.02;
       q(p, 6)["tolerance"] = 0.01;
       q(p, 6)["tolerance_kind"] = "absolute";
     },
     "/questions/6/answer", "the engine computes 5"},
    {"calc row outside the result", [](json& p) { q(p, 6)["calc"]["row"] = 7; },
     "/questions/6/calc/row", "row 7 is outside the result: step \"scores\" is 1×1"},
    {"calc col outside the result", [](json& p) { q(p, 6)["calc"]["col"] = 9; },
     "/questions/6/calc/col", "col 9 is outside the result"},
    {"calc row and col both outside",
     [](json& p) {
       q(p, 6)["calc"]["row"] = 7;
       q(p, 6)["calc"]["col"] = 9;
     },
     "/questions/6/calc/col", "col 9 is outside the result", 2},
    {"calc Q and K shapes that do not fit",
     [](json& p) { q(p, 6)["calc"]["input"]["k"] = "3 1 0"; }, "/questions/6/calc/input/k",
     "Q and K must have the same number of columns"},
    {"calc step the computation lacks", [](json& p) { q(p, 6)["calc"]["step"] = "masked"; },
     "/questions/6/calc/step", "this computation has no step \"masked\""},
};

}  // namespace

TEST_CASE("the base pack of the validation table is valid") {
  const auto r = parse_pack(base_pack().dump(2), "base.json");
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
  REQUIRE(r.pack);
  CHECK(r.pack->questions.size() == 7);
}

TEST_CASE("each validation rule reports its problem at the right JSON pointer") {
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    json pack = base_pack();
    c.mutate(pack);
    const auto r = parse_pack(pack.dump(2), "t.json");
    CHECK_FALSE(r.ok());
    bool found = false;
    for (const auto& d : r.diagnostics) {
      CAPTURE(d.pointer);
      CAPTURE(d.message);
      CHECK(d.file == "t.json");
      CHECK(d.line > 0);  // every problem is placed in the text
      if (d.pointer == c.pointer && d.message.find(c.fragment) != std::string::npos) found = true;
    }
    CHECK_MESSAGE(found, "expected " << c.pointer << ": " << c.fragment);
    std::string all;
    for (const auto& d : r.diagnostics) all += "\n  " + d.pointer + ": " + d.message;
    INFO("case " << std::string(c.name) << all);
    CHECK(r.diagnostics.size() == c.errors);
  }
}

TEST_CASE("every problem of a pack is reported at once, not only the first") {
  json pack = base_pack();
  for (const Case& c : kCases) {
    const std::string name = c.name;
    // Apply the mutations that touch different questions' fields and cannot mask each other.
    if (name == "single two correct" || name == "tolerance negative" || name == "prompt empty" ||
        name == "ordering duplicate" || name == "concept undefined" || name == "id duplicate")
      c.mutate(pack);
  }
  const auto r = parse_pack(pack.dump(), "all.json");
  CHECK(r.diagnostics.size() == 6);
}

TEST_CASE("a valid pack is read into the model with every field") {
  const auto r = parse_pack(base_pack().dump(2), "base.json");
  REQUIRE(r.pack);
  const auto& p = *r.pack;
  CHECK(p.format == "qkv-pack/1");
  CHECK(p.id == "t");
  CHECK(p.path == "base.json");
  REQUIRE(p.concepts.size() == 2);
  CHECK(p.concepts[1].prerequisites == std::vector<std::string>{"c1"});
  using namespace qkv::bank;
  const auto& qs = p.questions;
  CHECK(qs[0].type == QuestionType::single);
  CHECK(qs[0].full_id() == "t/single");
  CHECK(qs[0].loc.pointer == "/questions/0");
  CHECK(qs[0].loc.line > 1);
  CHECK(std::get<ChoiceBody>(qs[0].body).options[1].feedback == "no");
  CHECK(std::get<ChoiceBody>(qs[1].body).options.size() == 3);
  CHECK(std::get<TrueFalseBody>(qs[2].body).answer);
  CHECK(std::get<TrueFalseBody>(qs[2].body).feedback_false == "f");
  CHECK(std::get<MatchingBody>(qs[3].body).distractors == std::vector<std::string>{"r3"});
  CHECK(std::get<OrderingBody>(qs[4].body).items.size() == 3);
  CHECK(qs[5].hints == std::vector<std::string>{"h"});
  CHECK(qs[5].tags == std::vector<std::string>{"scenario"});
  const auto& num = std::get<NumericBody>(qs[6].body);
  CHECK(num.answer == 5);
  CHECK(num.tolerance.value == 0.5);
  CHECK(num.tolerance.kind == qkv::ToleranceKind::relative);
  REQUIRE(num.calc);
  CHECK(json::parse(num.calc->input_json) == json({{"q", "1 2"}, {"k", "3 1"}, {"v", "1 0"}}));
  CHECK(num.calc->step == "scores");
  // The calc's input is read once, into the problem the engine runs.
  REQUIRE(num.calc->problem);
  REQUIRE(num.calc->problem->q);
  CHECK(num.calc->problem->q->rows() == 1);
  CHECK((*num.calc->problem->q)(0, 1) == 2);
  CHECK((*num.calc->problem->k)(0, 0) == 3);
}

TEST_CASE("the bank reads a numeric calc; agreement with the engine is the check's to find") {
  json pack = base_pack();
  pack["questions"][6]["answer"] = 2;                               // q·k = 1·3 + 2·1 = 5, not 2
  const auto read = qkv::bank::parse_pack(pack.dump(2), "t.json");  // no check given
  CHECK(read.ok());
  REQUIRE(read.pack);
  CHECK(std::get<qkv::bank::NumericBody>(read.pack->questions[6].body).calc->problem);
  const auto checked = parse_pack(pack.dump(2), "t.json");
  CHECK_FALSE(checked.ok());
  REQUIRE(checked.diagnostics.size() == 1);
  CHECK(checked.diagnostics[0].pointer == "/questions/6/answer");
  // A calc with an error keeps no problem, and the check adds nothing to the reader's error.
  pack["questions"][6]["calc"]["step"] = "score";
  const auto bad = parse_pack(pack.dump(2), "t.json");
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].pointer == "/questions/6/calc/step");
}
