// Loading calculated and matrix questions with the checks the commands use (the bank's reader plus
// practice::check_question): what is accepted, and each rule's diagnostic with its JSON pointer
// (the generator's kind, level and part; a matrix's rows; a matrix that does not agree with the
// engine).
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "attention/problem.hpp"
#include "bank/loader.hpp"
#include "practice/question_checks.hpp"

using nlohmann::json;
using qkv::bank::parse_pack;
namespace bank = qkv::bank;

namespace {

json base_pack() {
  return json::parse(R"({
    "format": "qkv-pack/1", "id": "t", "title": "T", "version": "1",
    "concepts": [{"id": "c1", "name": "C1"}],
    "questions": [
      {"id": "calc", "type": "calculated", "concepts": ["c1"], "difficulty": 2, "prompt": "Work it by hand.",
       "generator": {"kind": "softmax", "level": 2, "seed": 17, "part": "a"}},
      {"id": "drawn", "type": "calculated", "concepts": ["c1"], "difficulty": 1, "prompt": "p",
       "generator": {"kind": "kv-cache", "level": 1}, "tolerance": 0.05},
      {"id": "mat", "type": "matrix", "concepts": ["c1"], "difficulty": 2, "prompt": "p",
       "answer": [[0.7071, 0], [0.7071, 1.4142]], "tolerance": 0.01,
       "calc": {"input": {"q": [[1,0],[0,1]], "k": [[1,1],[0,2]], "v": [[1,0],[0,1]]}, "step": "scaled"}},
      {"id": "inline", "type": "matrix", "concepts": ["c1"], "difficulty": 1, "prompt": "p",
       "answer": "1 0; 0 1", "tolerance": 0}
    ]})");
}

json& q(json& p, int i) {
  return p["questions"][static_cast<std::size_t>(i)];
}

const bank::LoadOptions kChecked{.check_question = qkv::practice::check_question};

std::vector<qkv::Diagnostic> problems(const json& pack) {
  return parse_pack(pack.dump(), "pack.json", kChecked).diagnostics;
}

struct Case {
  const char* name;
  std::function<void(json&)> mutate;
  const char* pointer;
  const char* fragment;
};

const Case kCases[] = {
    {"generator missing", [](json& p) { q(p, 0).erase("generator"); }, "/questions/0", "generator"},
    {"unknown kind", [](json& p) { q(p, 0)["generator"]["kind"] = "sofmax"; },
     "/questions/0/generator/kind", "did you mean \"softmax\""},
    {"level out of range", [](json& p) { q(p, 0)["generator"]["level"] = 4; },
     "/questions/0/generator/level", "level"},
    {"no such part", [](json& p) { q(p, 0)["generator"]["part"] = "e"; },
     "/questions/0/generator/part", "has no part \"e\""},
    {"negative seed", [](json& p) { q(p, 0)["generator"]["seed"] = -1; },
     "/questions/0/generator/seed", "seed"},
    {"unknown generator field", [](json& p) { q(p, 0)["generator"]["levle"] = 1; },
     "/questions/0/generator/levle", "did you mean \"level\""},
    {"tolerance kind alone",
     [](json& p) {
       q(p, 1).erase("tolerance");
       q(p, 1)["tolerance_kind"] = "relative";
     },
     "/questions/1/tolerance_kind", "needs a tolerance"},
    {"matrix tolerance missing", [](json& p) { q(p, 3).erase("tolerance"); }, "/questions/3",
     "tolerance"},
    {"ragged matrix",
     [](json& p) {
       q(p, 2)["answer"] = json::parse("[[1, 2], [3]]");
       q(p, 2).erase("calc");
     },
     "/questions/2/answer/1", "row 2 has 1 entries"},
    {"entry not a number",
     [](json& p) {
       q(p, 2)["answer"] = json::parse("[[1, \"x\"], [3, 4]]");
       q(p, 2).erase("calc");
     },
     "/questions/2/answer/0/1", "expected a number"},
    {"inline matrix bad", [](json& p) { q(p, 3)["answer"] = "1 0; 0"; }, "/questions/3/answer",
     "row 2 has 1 entries"},
    {"matrix disagrees with the engine", [](json& p) { q(p, 2)["answer"][1][1] = 2; },
     "/questions/2/answer/1/1", "the engine computes 1.414"},
    {"matrix of another shape", [](json& p) { q(p, 2)["answer"] = json::parse("[[1, 2, 3]]"); },
     "/questions/2/answer", "shape of step \"scaled\", 2×2"},
    {"calc step unknown", [](json& p) { q(p, 2)["calc"]["step"] = "scaled2"; },
     "/questions/2/calc/step", "did you mean \"scaled\""},
    {"calc input invalid", [](json& p) { q(p, 2)["calc"]["input"]["k"] = "1 1 1; 0 2 2"; },
     "/questions/2/calc/input", "K"},
    {"calculated with an answer", [](json& p) { q(p, 0)["answer"] = 1; }, "/questions/0/answer",
     "does not belong in a calculated question"},
};

}  // namespace

TEST_CASE("calculated and matrix questions load into the model") {
  REQUIRE(problems(base_pack()).empty());
  const auto loaded = parse_pack(base_pack().dump(), "pack.json", kChecked);
  REQUIRE(loaded.ok());
  const bank::Pack& p = *loaded.pack;
  REQUIRE(p.questions.size() == 4);
  const auto& c = std::get<bank::CalculatedBody>(p.questions[0].body);
  CHECK(c.kind == "softmax");
  CHECK(c.level == 2);
  CHECK(c.seed == 17u);
  CHECK(c.part == "a");
  CHECK_FALSE(c.tolerance.has_value());
  const auto& d = std::get<bank::CalculatedBody>(p.questions[1].body);
  CHECK_FALSE(d.seed.has_value());
  REQUIRE(d.tolerance.has_value());
  CHECK(d.tolerance->value == 0.05);
  const auto& m = std::get<bank::MatrixBody>(p.questions[2].body);
  CHECK(m.answer.size() == 2);
  REQUIRE(m.calc);
  CHECK(m.calc->step == "scaled");
  const auto& i = std::get<bank::MatrixBody>(p.questions[3].body);
  CHECK(i.answer == std::vector<std::vector<double>>{{1, 0}, {0, 1}});
}

TEST_CASE("each rule of calculated and matrix questions is reported at its pointer") {
  for (const auto& c : kCases) {
    CAPTURE(c.name);
    json pack = base_pack();
    c.mutate(pack);
    const auto diags = problems(pack);
    bool found = false;
    for (const auto& d : diags) {
      INFO(d.pointer << ": " << d.message);
      if (d.pointer.rfind(c.pointer, 0) == 0 && d.message.find(c.fragment) != std::string::npos)
        found = true;
    }
    CHECK(found);
  }
}

TEST_CASE("the bank only reads: the generators and the engine check through the loader's hook") {
  json pack = base_pack();
  q(pack, 0)["generator"]["kind"] = "sofmax";
  q(pack, 2)["answer"][1][1] = 2;
  // Without the check the reader finds nothing wrong with a kind or a matrix it cannot judge ...
  CHECK(parse_pack(pack.dump(), "pack.json").diagnostics.empty());
  // ... with it, both are reported, each placed at its line and column.
  const auto diags = problems(pack);
  REQUIRE(diags.size() == 2);
  for (const auto& d : diags) {
    INFO(d.pointer << ": " << d.message);
    CHECK(d.line > 0);
    CHECK(d.column > 0);
  }
  CHECK(diags[0].pointer == "/questions/0/generator/kind");
  CHECK(diags[1].pointer == "/questions/2/answer/1/1");
}

TEST_CASE("a matrix question's calc holds the problem as read, so grading never parses it again") {
  const auto loaded = parse_pack(base_pack().dump(), "pack.json", kChecked);
  REQUIRE(loaded.ok());
  const auto& m = std::get<bank::MatrixBody>(loaded.pack->questions[2].body);
  REQUIRE(m.calc);
  REQUIRE(m.calc->problem);
  REQUIRE(m.calc->problem->k.has_value());
  CHECK((*m.calc->problem->k)(1, 1) == 2.0);
  CHECK_FALSE(m.calc->problem->x.has_value());
}
