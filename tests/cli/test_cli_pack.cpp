// `qkv pack validate|info|lint` run as a user runs them: the real binary, exit codes, output.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness.hpp"
#include "helpers.hpp"
#include "support/temp_dir.hpp"

using qkv_test::data_path;
using qkv_test::lines_of;
using qkv_test::run_qkv;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool has_line_starting(const std::string& text, const std::string& prefix) {
  for (const auto& l : lines_of(text))
    if (l.rfind(prefix, 0) == 0) return true;
  return false;
}

const std::string kExample = qkv_test::content_path("examples/packs/example-pack.json");

}  // namespace

TEST_CASE("pack validate accepts valid packs, files and directories, with exit 0") {
  const auto r = run_qkv(
      {"pack", "validate", data_path("packs/valid-small.json"), data_path("packs/valid-dir")});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "small: valid, 3 questions, 2 concepts\ndirpack: valid, 4 questions, 2 concepts\n");
  CHECK(r.err.empty());
}

TEST_CASE("pack validate lists every error with file:line:col and pointer, and exits 65") {
  const std::string file = data_path("packs/bad-many.json");
  const auto r = run_qkv({"pack", "validate", file});
  CHECK(r.exit_code == 65);
  const struct {
    int line;
    const char* pointer;
  } expected[] = {
      {8, "/concepts/1/prerequisites/0"},  {9, "/concepts/2/id"},
      {10, "/concepts/3/prerequisites/0"}, {13, "/questions/0/type"},
      {15, "/questions/1/options"},        {17, "/questions/2/options"},
      {19, "/questions/3/options"},        {21, "/questions/4/pairs"},
      {23, "/questions/5/items"},          {25, "/questions/6/tolerance"},
      {26, "/questions/7/concepts/0"},     {28, "/questions/8/id"},
      {28, "/questions/8/difficulty"},     {28, "/questions/8/prompt"},
      {30, "/questions/9/explaination"},   {31, "/questions/10/prompt"},
      {31, "/questions/10/answer"},
  };
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == std::size(expected) + 1);
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    CAPTURE(lines[i]);
    const std::string prefix = file + ":" + std::to_string(expected[i].line) + ":";
    CHECK(lines[i].rfind(prefix, 0) == 0);
    CHECK(lines[i].find(std::string(": ") + expected[i].pointer + ": error: ") !=
          std::string::npos);
  }
  CHECK(lines.back() == file + ": invalid, 17 errors");
  CHECK(r.out.find("cycle: a -> b -> a") != std::string::npos);
  CHECK(r.out.find("did you mean \"single\"?") != std::string::npos);
}

TEST_CASE("pack validate recomputes numeric answers from their calc blocks") {
  // A wrong key, a row and col outside the 1×3 result, and Q and K that do not fit: each an
  // error at its place, so that no learner who types the computed number is marked wrong.
  const std::string file = data_path("packs/bad-calc.json");
  const auto r = run_qkv({"pack", "validate", file});
  CHECK(r.exit_code == 65);
  CHECK(r.out.find("/questions/0/answer: error: the engine computes 2 for step \"scores\" row 0, "
                   "col 0 here, not 3") != std::string::npos);
  CHECK(r.out.find("/questions/1/calc/row: error: row 7 is outside the result: step \"scores\" is "
                   "1×3") != std::string::npos);
  CHECK(r.out.find("/questions/1/calc/col: error: col 9 is outside the result") !=
        std::string::npos);
  CHECK(r.out.find("/questions/2/calc/input/k: error: Q and K must have the same number of "
                   "columns") != std::string::npos);
  CHECK(r.out.find(file + ":") != std::string::npos);
  CHECK(lines_of(r.out).back() == file + ": invalid, 4 errors");
}

TEST_CASE("pack validate exits 66 for a path that cannot be read, after checking the others") {
  const std::string missing = data_path("packs/does-not-exist.json");
  const auto r = run_qkv({"pack", "validate", data_path("packs/valid-small.json"), missing});
  CHECK(r.exit_code == 66);
  CHECK(has_line_starting(r.out, "small: valid"));
  CHECK(has_line_starting(r.out, missing + ": error: no such file"));
  CHECK(has_line_starting(r.out, missing + ": cannot be read"));
}

TEST_CASE("pack validate without a path is a usage error") {
  const auto r = run_qkv({"pack", "validate"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("PATH") != std::string::npos);
}

TEST_CASE("text from a pack is sanitised before it reaches the terminal") {
  const auto r = run_qkv({"pack", "validate", data_path("packs/bad-escape.json")});
  CHECK(r.exit_code == 65);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("esc\\x1b[2J") != std::string::npos);
}

TEST_CASE("pack info --json gives the counts as one JSON document") {
  const auto r = run_qkv({"pack", "info", data_path("packs/valid-small.json"), "--json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["id"] == "small");
  CHECK(j["title"] == "Small valid pack");
  CHECK(j["version"] == "0.1.0");
  CHECK(j["format"] == "qkv-pack/1");
  CHECK(j["questions"] == 3);
  CHECK(j["concept_count"] == 2);
  CHECK(j["by_type"] == nlohmann::json({{"single", 1},
                                        {"multi", 0},
                                        {"true_false", 1},
                                        {"matching", 0},
                                        {"ordering", 0},
                                        {"short", 0},
                                        {"numeric", 1},
                                        {"calculated", 0},
                                        {"matrix", 0}}));
  CHECK(j["by_concept"] == nlohmann::json({{"keys", 2}, {"values", 2}}));
  CHECK(j["by_difficulty"] == nlohmann::json({{"1", 1}, {"2", 1}, {"3", 1}}));
  REQUIRE(j["concepts"].size() == 2);
  CHECK(j["concepts"][1]["prerequisites"] == nlohmann::json({"keys"}));
}

TEST_CASE("pack info prints metadata and counts for people; a directory works the same") {
  const auto r = run_qkv({"pack", "info", data_path("packs/valid-dir")});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("dirpack  A valid directory pack\n", 0) == 0);
  CHECK(r.out.find("by Test Author") != std::string::npos);
  CHECK(r.out.find("4 questions") != std::string::npos);
  CHECK(r.out.find("by type:        single 0") == std::string::npos);  // zero counts left out
  CHECK(r.out.find("multi 1, matching 1, ordering 1, short 1") != std::string::npos);
  CHECK(r.out.find("by difficulty:  1: 2, 2: 1, 3: 1") != std::string::npos);
}

TEST_CASE("pack info on an invalid pack lists its errors on stderr and exits 65") {
  const auto r = run_qkv({"pack", "info", data_path("packs/bad-many.json"), "--json"});
  CHECK(r.exit_code == 65);
  CHECK(r.out.empty());  // nothing a script would mistake for the JSON
  CHECK(r.err.find("/questions/0/type: error: unknown question type") != std::string::npos);
  CHECK(r.err.find("invalid, 17 errors") != std::string::npos);
}

TEST_CASE("pack lint prints warnings with locations; --strict makes them fail") {
  const std::string file = data_path("packs/lint-warnings.json");
  const auto r = run_qkv({"pack", "lint", file});
  CHECK(r.exit_code == 0);
  CHECK(has_line_starting(r.out, file + ":8:5: /concepts/1: warning: concept \"unused\""));
  CHECK(has_line_starting(
      r.out, file + ":15:8: /questions/0/options/1: warning: wrong option without feedback"));
  CHECK(has_line_starting(
      r.out, file + ":16:8: /questions/0/options/2: warning: \"all/none of the above\""));
  CHECK(has_line_starting(
      r.out, file + ":11:5: /questions/0: warning: question \"s1\" has no explanation"));
  CHECK(has_line_starting(r.out,
                          file + ":19:5: /questions/1: warning: no feedback for the wrong answer"));
  CHECK(has_line_starting(r.out,
                          file + ":22:5: /questions/2: warning: question \"s3\" has no source"));
  CHECK(lines_of(r.out).back() == "lintme: 6 warnings");

  const auto strict = run_qkv({"pack", "lint", "--strict", file});
  CHECK(strict.exit_code == 65);
  CHECK(lines_of(strict.out).back() == "lintme: 6 warnings (--strict: this fails)");
}

TEST_CASE("pack lint --min-per-concept sets the floor for questions per concept") {
  const std::string file = data_path("packs/valid-small.json");
  const auto clean = run_qkv({"pack", "lint", "--strict", "--min-per-concept", "2", file});
  CHECK(clean.exit_code == 0);
  CHECK(clean.out == "small: no warnings, 3 questions, 2 concepts\n");
  const auto thin = run_qkv({"pack", "lint", "--strict", "--min-per-concept", "3", file});
  CHECK(thin.exit_code == 65);
  CHECK(thin.out.find("concept \"keys\" has 2 questions, fewer than 3") != std::string::npos);
  CHECK(run_qkv({"pack", "lint", "--min-per-concept", "-1", file}).exit_code == 2);
}

TEST_CASE("pack lint on an invalid pack reports the errors and exits 65") {
  const auto r = run_qkv({"pack", "lint", data_path("packs/bad-many.json")});
  CHECK(r.exit_code == 65);
  CHECK(r.out.find(": error: ") != std::string::npos);
  CHECK(r.out.find(": warning: ") == std::string::npos);
}

TEST_CASE("pack --help and its subcommands' help show examples") {
  for (const char* sub : {"validate", "info", "lint"}) {
    CAPTURE(sub);
    const auto r = run_qkv({"pack", sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Examples:") != std::string::npos);
    CHECK(r.out.find("qkv pack " + std::string(sub)) != std::string::npos);
  }
  const auto r = run_qkv({"pack"});
  CHECK(r.exit_code == 2);
}

TEST_CASE(
    "the example pack in docs/packs.md is the example file, and it validates and lints clean") {
  const std::string readme = slurp(qkv_test::content_path("../docs/packs.md"));
  const std::string marker = "<!-- example-pack.json -->\n```json\n";
  const auto start = readme.find(marker);
  REQUIRE(start != std::string::npos);
  const auto body = start + marker.size();
  const auto end = readme.find("```\n", body);
  REQUIRE(end != std::string::npos);
  CHECK(readme.substr(body, end - body) == slurp(kExample));

  const auto v = run_qkv({"pack", "validate", kExample});
  CHECK(v.exit_code == 0);
  CHECK(v.out == "example: valid, 9 questions, 2 concepts\n");
  const auto l = run_qkv({"pack", "lint", "--strict", kExample});
  CHECK(l.exit_code == 0);
  const auto info = nlohmann::json::parse(run_qkv({"pack", "info", "--json", kExample}).out);
  for (const auto& item : info["by_type"].items()) {
    const std::string type = item.key();  // not a binding: clang 14's CAPTURE cannot take one
    CAPTURE(type);
    CHECK(item.value() == 1);  // the example shows every question type
  }
}

TEST_CASE("the built-in bank validates and passes lint --strict") {
  const std::string core = qkv_test::content_path("packs/core");
  const auto v = run_qkv({"pack", "validate", core});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("core: valid, ", 0) == 0);
  const auto l = run_qkv({"pack", "lint", "--strict", core});
  CAPTURE(l.out);
  CHECK(l.exit_code == 0);
}

TEST_CASE("core names the built-in bank wherever a pack path is accepted, from any directory") {
  // Run where there is no content/ folder, next to a file named core (a core dump, say).
  const qkv::test::TempDir dir("qkv-core-name");
  std::ofstream(dir / "core") << "not a pack";
  qkv_test::RunOptions elsewhere;
  elsewhere.cwd = dir.path().string();
  const auto by_name = run_qkv({"pack", "info", "core", "--json"}, elsewhere);
  const auto by_path =
      run_qkv({"pack", "info", qkv_test::content_path("packs/core"), "--json"}, elsewhere);
  REQUIRE(by_name.exit_code == 0);
  REQUIRE(by_path.exit_code == 0);
  const auto j = nlohmann::json::parse(by_name.out);
  CHECK(j["id"] == "core");
  CHECK(j == nlohmann::json::parse(by_path.out));
  CHECK(run_qkv({"pack", "validate", "core"}, elsewhere).out.starts_with("core: valid, "));
  CHECK(run_qkv({"pack", "lint", "--strict", "core"}, elsewhere).exit_code == 0);
  qkv_test::RunOptions quiz_in = elsewhere;
  quiz_in.input = "skip\n";
  const auto quiz =
      run_qkv({"quiz", "--pack", "core", "-n", "1", "--seed", "3", "--no-save"}, quiz_in);
  CHECK(quiz.exit_code == 0);
  CHECK(quiz.out.find("Question 1/1") != std::string::npos);
  // ./core is the local file (not a pack: 65), and a name that is not core stays a path (66).
  CHECK(run_qkv({"pack", "info", "./core"}, elsewhere).exit_code == 65);
  CHECK(run_qkv({"pack", "info", "cor"}, elsewhere).exit_code == 66);
}

TEST_CASE("pack info lists the pack's exams, and with --questions every question") {
  const std::string pack = data_path("exam/pack.json");
  const auto r = run_qkv({"pack", "info", pack});
  REQUIRE(r.exit_code == 0);
  CAPTURE(r.out);
  // Listed, drawn by count, drawn per concept (2 + 1); a pass mark and a limit from the pack.
  CHECK(r.out.find("4 exams (sit one with qkv exam --pack " + pack + " --exam ID)\n") !=
        std::string::npos);
  CHECK(has_line_starting(r.out, "  quick       Quick check: 3 questions, pass mark 60%, 5m"));
  CHECK(has_line_starting(
      r.out, "  midterm     Midterm practice: 6 questions drawn at random, pass mark 70%, 15m"));
  CHECK(has_line_starting(
      r.out, "  by-concept  Roles and scores: 3 questions drawn at random, pass mark 70%, 10m"));
  CHECK(r.out.find("roles-1") == std::string::npos);  // questions only with --questions

  const auto q = run_qkv({"pack", "info", pack, "--questions"});
  REQUIRE(q.exit_code == 0);
  CAPTURE(q.out);
  CHECK(q.out.find("Questions (id, type, difficulty, concepts)\n") != std::string::npos);
  CHECK(q.out.find("  roles-1    single      1  roles\n") != std::string::npos);
  CHECK(q.out.find("  scores-3   single      1  scores, roles\n") != std::string::npos);
  CHECK(q.out.find("  softmax-2  true_false  3  softmax\n") != std::string::npos);

  // The same in JSON: every exam with its size, every question with its type and concepts.
  const auto j = nlohmann::json::parse(run_qkv({"pack", "info", pack, "--json", "--questions"}).out);
  REQUIRE(j["exams"].size() == 4);
  CHECK(j["exams"][0] == nlohmann::json{{"id", "quick"}, {"title", "Quick check"},
                                        {"pass_mark", 60.0}, {"time_limit_seconds", 300},
                                        {"questions", 3}, {"drawn", false}});
  CHECK(j["exams"][3]["questions"] == 3);
  CHECK(j["exams"][3]["drawn"] == true);
  REQUIRE(j["question_list"].size() == 9);
  CHECK(j["question_list"][6] == nlohmann::json{{"id", "scores-3"}, {"type", "single"},
                                                {"difficulty", 1},
                                                {"concepts", {"scores", "roles"}}});
  CHECK_FALSE(nlohmann::json::parse(run_qkv({"pack", "info", pack, "--json"}).out)
                  .contains("question_list"));

  // The built-in bank has no exams of its own: qkv exam draws one.
  const auto core = run_qkv({"pack", "info", "core"});
  CHECK(core.out.find("0 exams (qkv exam draws a paper from every concept)") != std::string::npos);
}
