// Exams defined in packs: what the loader reads, and every problem it reports, each at the file,
// line, column and JSON pointer of the value concerned.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "bank/exam_defs.hpp"
#include "bank/loader.hpp"
#include "support/paths.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using qkv::bank::parse_pack;

namespace {

// Three concepts; a1..a4 on a (a4 lists b as well, but a first), b1..b2 on b, c1 on c.
const char* const kHead = R"({
  "format": "qkv-pack/1", "id": "t", "title": "T", "version": "1",
  "concepts": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
  "questions": [
    {"id": "a1", "type": "true_false", "concepts": ["a"], "difficulty": 1, "prompt": "p", "answer": true},
    {"id": "a2", "type": "true_false", "concepts": ["a"], "difficulty": 2, "prompt": "p", "answer": true},
    {"id": "a3", "type": "true_false", "concepts": ["a"], "difficulty": 3, "prompt": "p", "answer": true},
    {"id": "a4", "type": "true_false", "concepts": ["a", "b"], "difficulty": 1, "prompt": "p", "answer": true},
    {"id": "b1", "type": "true_false", "concepts": ["b"], "difficulty": 1, "prompt": "p", "answer": true},
    {"id": "b2", "type": "true_false", "concepts": ["b"], "difficulty": 2, "prompt": "p", "answer": true},
    {"id": "c1", "type": "true_false", "concepts": ["c"], "difficulty": 1, "prompt": "p", "answer": true}
  ],
  "exams": [
)";

std::string pack_with_exams(const std::string& exams) {
  return std::string(kHead) + exams + "\n  ]\n}\n";
}

// Line and column (1-based, ASCII text) of the first occurrence of `needle` in `text`.
std::pair<int, int> position_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, "no " << needle);
  int line = 1, col = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace

TEST_CASE("exams are read with their defaults: title = id, no time limit, pass mark 70, shuffled") {
  const std::string text = pack_with_exams(R"(
    {"id": "listed", "title": "Listed", "questions": ["a1", "t/b2"], "time_limit": "1h30m",
     "pass_mark": 55.5, "shuffle": false},
    {"id": "drawn", "questions": 5},
    {"id": "weighted", "questions": 4, "concepts": {"a": 3, "b": 1.5}},
    {"id": "counted", "concepts": {"a": 2, "c": 1, "b": 0}})");
  const auto r = parse_pack(text, "exams.json");
  INFO(r.diagnostics.size() << " diagnostics, first: "
                            << (r.diagnostics.empty() ? ""
                                                      : qkv::format_diagnostic(r.diagnostics[0])));
  REQUIRE(r.ok());
  const auto& e = r.pack->exams;
  REQUIRE(e.size() == 4);
  CHECK(e[0].id == "listed");
  CHECK(e[0].title == "Listed");
  CHECK(e[0].question_ids == std::vector<std::string>{"a1", "t/b2"});
  CHECK(e[0].time_limit->count() == 5400);
  CHECK(e[0].pass_mark == doctest::Approx(55.5));
  CHECK_FALSE(e[0].shuffle);
  CHECK(e[0].loc.pointer == "/exams/0");
  CHECK(e[0].loc.line == position_of(text, R"({"id": "listed")").first);

  CHECK(e[1].title == "drawn");
  CHECK(e[1].count == 5);
  CHECK_FALSE(e[1].time_limit);
  CHECK(e[1].pass_mark == 70.0);
  CHECK(e[1].shuffle);

  CHECK(e[2].share == qkv::bank::ConceptShare::weights);
  REQUIRE(e[2].concepts.size() == 2);
  CHECK(e[2].concepts[1].value == doctest::Approx(1.5));

  CHECK(e[3].share == qkv::bank::ConceptShare::counts);
  CHECK(e[3].count == 0);
  CHECK(e[3].concepts.size() == 3);
}

TEST_CASE("every problem in the exams is reported at once, at its line, column and pointer") {
  const std::string text = pack_with_exams(R"(
    {"id": "e0", "questions": ["a1", "a11", "a1"]},
    {"id": "e1", "questions": 2, "concepts": {"sofmax": 1}},
    {"id": "e2", "questions": 2, "time_limit": "30"},
    {"id": "e3", "questions": 2, "pass_mark": 150},
    {"id": "e4", "questions": 50},
    {"id": "e5", "concepts": {"b": 4}},
    {"id": "e0", "questions": 1},
    {"id": "e7", "questions": ["a1"], "concepts": {"a": 1}},
    {"id": "e8", "concepts": {"a": 1.5}},
    {"id": "e9", "title": "no questions"},
    {"id": "e10", "questions": 2, "time-limit": "5m"},
    {"id": "e11", "questions": 0},
    {"id": "e12", "questions": 7, "concepts": {"a": 1, "c": 1}},
    "not an exam")");
  const auto r = parse_pack(text, "bad.json");
  CHECK_FALSE(r.ok());

  struct Expected {
    const char* pointer;
    const char* at;        // the text whose first character the diagnostic must point at
    const char* fragment;  // part of the message
  };
  const Expected expected[] = {
      {"/exams/0/questions/1", R"("a11")",
       "question \"a11\" is not in this pack; did you mean \"a1\"?"},
      {"/exams/0/questions/2", R"("a1"]},)", "listed twice"},
      {"/exams/1/concepts/sofmax", R"(1}},
    {"id": "e2")",
       "concept \"sofmax\" is not defined"},
      {"/exams/2/time_limit", R"("30")", "time_limit '30' has no unit"},
      {"/exams/3/pass_mark", "150", "pass_mark is a percentage from 0 to 100, found 150"},
      {"/exams/4/questions", R"(50},
    {"id": "e5")",
       "asks for 50 questions but the pack has only 7"},
      {"/exams/5/concepts/b", R"(4}},)",
       "asks for 4 questions on concept \"b\" but the pack has only 3 (a question counts for "
       "the first of its concepts"},
      {"/exams/6/id", R"("e0", "questions": 1)",
       "duplicate exam id \"e0\"; first defined at bad.json:"},
      {"/exams/7/concepts", R"({"a": 1}},
    {"id": "e8")",
       "cannot also share them out by concept"},
      {"/exams/8/concepts/a", R"(1.5)", "must be a whole number; found 1.5"},
      {"/exams/9", R"({"id": "e9")", "an exam needs \"questions\""},
      {"/exams/10/time-limit", R"("5m")", "did you mean \"time_limit\"?"},
      {"/exams/11/questions", R"(0},
    {"id": "e12")",
       "questions must be a whole number from 1 to 10000"},
      {"/exams/12/questions", R"(7, "concepts")",
       "asks for 7 questions but the pack has only 5 on the concepts it weights"},
      {"/exams/13", R"("not an exam")", "an exam must be an object"},
  };
  std::set<std::string> seen;
  for (const auto& d : r.diagnostics) seen.insert(d.pointer);
  for (const auto& e : expected) {
    CAPTURE(std::string(e.pointer));
    const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                 [&](const qkv::Diagnostic& d) { return d.pointer == e.pointer; });
    REQUIRE_MESSAGE(it != r.diagnostics.end(), "no diagnostic at " << e.pointer);
    CHECK(it->file == "bad.json");
    CHECK_MESSAGE(it->message.find(e.fragment) != std::string::npos, it->message);
    const auto [line, col] = position_of(text, e.at);
    CHECK(it->line == line);
    CHECK(it->column == col);
  }
  CHECK(r.diagnostics.size() == std::size(expected));
}

TEST_CASE("a directory pack defines its exams in pack.json over the questions of its files") {
  const fs::path dir = fs::temp_directory_path() /
                       (std::string("qkv-test-exam-dir") + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "questions");
  {
    std::ofstream(dir / "pack.json")
        << R"({"format": "qkv-pack/1", "id": "d", "title": "D", "version": "1",
      "concepts": [{"id": "a", "name": "A"}],
      "exams": [{"id": "mid", "questions": ["q1", "q2"]}, {"id": "big", "questions": 3}]})";
    std::ofstream(dir / "questions" / "01.json") << R"({"questions": [
      {"id": "q1", "type": "true_false", "concepts": ["a"], "difficulty": 1, "prompt": "p", "answer": true},
      {"id": "q2", "type": "true_false", "concepts": ["a"], "difficulty": 1, "prompt": "p", "answer": false}]})";
  }
  auto r = qkv::bank::load_pack(dir);
  // Only "big" is wrong: it asks for 3 of the 2 questions that live in questions/01.json.
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].file == (dir / "pack.json").string());
  CHECK(r.diagnostics[0].pointer == "/exams/1/questions");
  CHECK(r.diagnostics[0].line == 3);

  // Exams belong in pack.json, not in a questions file.
  std::ofstream(dir / "questions" / "02.json") << R"({"questions": [], "exams": []})";
  r = qkv::bank::load_pack(dir);
  const bool refused = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const auto& d) {
    return d.pointer == "/exams" && d.message.find("belongs in pack.json") != std::string::npos;
  });
  CHECK(refused);
  fs::remove_all(dir);
}

TEST_CASE("concept_pools puts each question under the first of its concepts on the paper") {
  const auto r = parse_pack(pack_with_exams(R"({"id": "x", "questions": 1})"), "p.json");
  REQUIRE(r.ok());
  std::vector<const qkv::bank::Question*> all;
  for (const auto& q : r.pack->questions) all.push_back(&q);
  auto ids = [](const std::vector<const qkv::bank::Question*>& v) {
    std::vector<std::string> out;
    for (const auto* q : v) out.push_back(q->id);
    return out;
  };
  auto pools = qkv::bank::concept_pools(all, {"a", "b", "c"});
  CHECK(ids(pools[0]) == std::vector<std::string>{"a1", "a2", "a3", "a4"});
  CHECK(ids(pools[1]) == std::vector<std::string>{"b1", "b2"});
  CHECK(ids(pools[2]) == std::vector<std::string>{"c1"});
  // Without a, a4 counts for b (its next concept); a1..a3 are on no listed concept.
  pools = qkv::bank::concept_pools(all, {"b"});
  CHECK(ids(pools[0]) == std::vector<std::string>{"a4", "b1", "b2"});
}

TEST_CASE("the schema describes the exam fields the loader reads") {
  std::ifstream in(qkv::test::content_dir() + "/schema/pack.schema.json");
  REQUIRE(in);
  const json s = json::parse(in);
  std::set<std::string> schema_fields;
  for (const auto& [k, v] : s["$defs"]["exam"]["properties"].items()) schema_fields.insert(k);
  const auto& loader = qkv::bank::exam_fields();
  CHECK(schema_fields == std::set<std::string>(loader.begin(), loader.end()));
  CHECK(s["$defs"]["pack"]["properties"]["exams"]["items"]["$ref"] == "#/$defs/exam");
}
