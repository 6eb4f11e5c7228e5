// --json, the one machine-output flag: what each command's document holds, the --format aliases
// of calc, check and progress export, drill's two JSON documents kept apart, and the
// diagnostics of pack validate and pack lint for CI and editors.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "helpers.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using qkv_test::contains;
using qkv_test::content_path;
using qkv_test::data_path;
using qkv_test::run_qkv;

TEST_CASE("calc and check: --json is --format json, byte for byte; with another --format, exit 2") {
  const auto a = run_qkv({"calc", "--example", "tiny", "--json"});
  const auto b = run_qkv({"calc", "--example", "tiny", "--format", "json"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(json::parse(a.out)["shapes"]["n"] == 3);
  CHECK(run_qkv({"calc", "--example", "tiny", "--json", "--format", "json"}).exit_code == 0);
  const auto both = run_qkv({"calc", "--example", "tiny", "--json", "--format", "markdown"});
  CHECK(both.exit_code == 2);
  CHECK(contains(both.err, "--json is --format json"));

  const std::string slip = data_path("check/slip.json");
  const auto c = run_qkv({"check", slip, "--json"});
  const auto d = run_qkv({"check", slip, "--format", "json"});
  CHECK(c.exit_code == 1);  // the slip is a wrong step
  CHECK(c.exit_code == d.exit_code);
  CHECK(c.out == d.out);
  CHECK(json::parse(c.out).contains("steps"));
  CHECK(run_qkv({"check", slip, "--format", "text", "--json"}).exit_code == 2);
}

TEST_CASE("drill: --json is the result of a drill, --worksheet json the exercises, never both") {
  const std::vector<std::string> sheet = {"drill", "--kind", "score", "-n", "2", "--seed", "7"};
  auto with = [](std::vector<std::string> a, std::vector<std::string> more) {
    a.insert(a.end(), more.begin(), more.end());
    return a;
  };
  const auto exercises = run_qkv(with(sheet, {"--worksheet", "json"}));
  REQUIRE(exercises.exit_code == 0);
  const json ex = json::parse(exercises.out);
  CHECK(ex["seed"] == 7);
  CHECK(ex["exercises"].size() == 2);
  CHECK(ex["exercises"][0].contains("parts"));
  // The old spelling still gives the same document.
  CHECK(run_qkv(with(sheet, {"--format", "json"})).out == exercises.out);

  const auto drilled = run_qkv(with(sheet, {"--no-save", "--json"}), qkv_test::with_input("3\n"));
  REQUIRE(drilled.exit_code == 0);
  const json result = json::parse(drilled.out);
  CHECK(result.contains("ended"));
  CHECK(result.contains("exercises_right"));
  CHECK(result["exercises"][0].contains("complete"));  // how it went, not the exercise
  CHECK_FALSE(result["exercises"][0].contains("givens"));
  CHECK(ex["exercises"][0].contains("givens"));

  const auto both = run_qkv(with(sheet, {"--json", "--worksheet", "json"}));
  CHECK(both.exit_code == 2);
  CHECK(contains(both.err, "--json prints the result of a drill you answer"));
  CHECK(run_qkv(with(sheet, {"--json", "--format", "json"})).exit_code == 2);
  CHECK(run_qkv(with(sheet, {"--worksheet", "json", "--answer-key"})).exit_code == 2);
  CHECK(run_qkv(with(sheet, {"--worksheet", "markdown", "--format", "json"})).exit_code == 2);
  // --help shows --worksheet's two formats and not the old --format.
  const auto help = run_qkv({"drill", "--help"});
  CHECK(contains(help.out, "--worksheet"));
  CHECK(help.out.find("--format") == std::string::npos);
}

TEST_CASE("pack validate --json: every diagnostic with file, line, column, pointer, severity") {
  const std::string file = data_path("packs/bad-many.json");
  const auto r = run_qkv({"pack", "validate", file, data_path("packs/valid-small.json"), "--json"});
  CHECK(r.exit_code == 65);  // the exit code is the text mode's
  CHECK(r.err.empty());
  const json doc = json::parse(r.out);
  CHECK(doc["command"] == "pack validate");
  CHECK(doc["ok"] == false);
  CHECK(doc["exit_code"] == 65);
  CHECK(doc["errors"] == 17);
  REQUIRE(doc["packs"].size() == 2);
  CHECK(doc["packs"][0]["status"] == "invalid");
  CHECK(doc["packs"][0]["id"].is_null());
  CHECK(doc["packs"][0]["errors"] == 17);
  CHECK(doc["packs"][1]["status"] == "valid");
  CHECK(doc["packs"][1]["id"] == "small");
  CHECK(doc["packs"][1]["questions"] == 3);
  REQUIRE(doc["diagnostics"].size() == 17);
  // The same problems, at the same places, as the text (held by test_cli_pack.cpp).
  const json& first = doc["diagnostics"][0];
  CHECK(first["file"] == file);
  CHECK(first["line"] == 8);
  CHECK(first["column"].is_number_integer());
  CHECK(first["pointer"] == "/concepts/1/prerequisites/0");
  CHECK(first["severity"] == "error");
  CHECK(first["message"].is_string());
  const auto text = run_qkv({"pack", "validate", file});
  const auto lines = qkv_test::lines_of(text.out);
  for (std::size_t i = 0; i < doc["diagnostics"].size(); ++i) {
    const json& d = doc["diagnostics"][i];
    const std::string where = d["file"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()) +
                              ":" + std::to_string(d["column"].get<int>()) + ": " +
                              d["pointer"].get<std::string>() + ": error: " +
                              d["message"].get<std::string>();
    CHECK(lines[i] == where);
  }

  const auto good = run_qkv({"pack", "validate", content_path("packs/core"), "--json"});
  CHECK(good.exit_code == 0);
  const json g = json::parse(good.out);
  CHECK(g["ok"] == true);
  CHECK(g["diagnostics"].empty());
  CHECK(g["packs"][0]["id"] == "core");

  const auto missing = run_qkv({"pack", "validate", "/nonexistent/pack.json", "--json"});
  CHECK(missing.exit_code == 66);
  CHECK(json::parse(missing.out)["packs"][0]["status"] == "unreadable");
}

TEST_CASE("pack lint --json: the warnings with their places; --strict fails as in text") {
  const std::string file = data_path("packs/lint-warnings.json");
  const auto r = run_qkv({"pack", "lint", file, "--json"});
  CHECK(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["command"] == "pack lint");
  CHECK(doc["ok"] == true);
  CHECK(doc["warnings"] == 6);
  CHECK(doc["errors"] == 0);
  CHECK(doc["packs"][0]["status"] == "linted");
  CHECK(doc["packs"][0]["warnings"] == 6);
  bool found = false;
  for (const auto& d : doc["diagnostics"]) {
    CHECK(d["severity"] == "warning");
    if (d["pointer"] == "/questions/0/options/1") {
      found = true;
      CHECK(d["line"] == 15);
      CHECK(d["column"] == 8);
      CHECK(contains(d["message"].get<std::string>(), "wrong option without feedback"));
    }
  }
  CHECK(found);
  const auto strict = run_qkv({"pack", "lint", file, "--strict", "--json"});
  CHECK(strict.exit_code == 65);
  CHECK(json::parse(strict.out)["ok"] == false);
  const auto invalid = run_qkv({"pack", "lint", data_path("packs/bad-many.json"), "--json"});
  CHECK(invalid.exit_code == 65);
  const json inv = json::parse(invalid.out);
  CHECK(inv["errors"] == 17);
  CHECK(inv["packs"][0]["status"] == "invalid");
}

TEST_CASE("review --json: the session on stderr, the result on stdout") {
  const fs::path dir = fs::temp_directory_path() /
                       (std::string("qkv-cli-json-review") + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "p.db").string();
  const auto r = run_qkv({"review", "--limit", "2", "--seed", "3", "--db", db, "--no-rate",
                          "--json"},
                         qkv_test::with_input("a\n1e 2b 3a\n"));  // the first two new ones
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const json doc = json::parse(r.out);
  CHECK(doc["seed"] == 3);
  CHECK(doc["correct"] == 2);
  CHECK(doc["answered"] == 2);
  CHECK(doc["questions"].size() == 2);
  CHECK(doc["new"] == 2);
  CHECK(doc["due"] == 0);
  CHECK(contains(r.err, "Review: "));
  // Nothing new and nothing due: the same keys, no questions.
  const auto none = run_qkv({"review", "--new", "0", "--db", db, "--json"});
  REQUIRE(none.exit_code == 0);
  const json empty = json::parse(none.out);
  CHECK(empty["questions"].empty());
  CHECK(empty["answered"] == 0);
  fs::remove_all(dir);
}

TEST_CASE("progress export --json and progress reset --json") {
  const fs::path dir = fs::temp_directory_path() /
                       (std::string("qkv-cli-json-progress") + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "p.db").string();
  REQUIRE(run_qkv({"quiz", "-n", "1", "--seed", "1", "--db", db}, qkv_test::with_input("a\n"))
              .exit_code == 0);
  const auto a = run_qkv({"progress", "export", "--db", db, "--json"});
  const auto b = run_qkv({"progress", "export", "--db", db, "--format", "json"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(json::parse(a.out).size() == 1);  // one review
  CHECK(run_qkv({"progress", "export", "--db", db, "--json", "--format", "csv"}).exit_code == 2);

  const auto would = run_qkv({"progress", "reset", "--db", db, "--json"});
  REQUIRE(would.exit_code == 0);
  const json w = json::parse(would.out);
  CHECK(w["exists"] == true);
  CHECK(w["deleted"] == false);
  CHECK(w["cards"] == 1);
  CHECK(w["reviews"] == 1);
  const auto did = run_qkv({"progress", "reset", "--db", db, "--yes", "--json"});
  const json d = json::parse(did.out);
  CHECK(d["deleted"] == true);
  CHECK(d["reviews"] == 1);
  CHECK(json::parse(run_qkv({"progress", "reset", "--db", db, "--json"}).out)["reviews"] == 0);
  fs::remove_all(dir);
}

TEST_CASE("pack import --json and pack export --json say what was written") {
  const fs::path dir = fs::temp_directory_path() /
                       (std::string("qkv-cli-json-interchange") + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string out = (dir / "a.json").string();
  const auto imp = run_qkv({"pack", "import", data_path("interchange/attention.gift"),
                            "--skip-unsupported", "-o", out, "--json"});
  REQUIRE_MESSAGE(imp.exit_code == 0, imp.err);
  const json i = json::parse(imp.out);
  CHECK(i["output"] == out);
  CHECK(i["pack"] == "a");
  CHECK(i["questions"].get<int>() > 0);
  CHECK(i["skipped"].is_array());
  CHECK(fs::exists(out));

  const std::string gift = (dir / "a.gift").string();
  const auto exp = run_qkv({"pack", "export", out, "--to", "gift", "-o", gift, "--json"});
  REQUIRE_MESSAGE(exp.exit_code == 0, exp.err);
  const json e = json::parse(exp.out);
  CHECK(e["output"] == gift);
  CHECK(e["format"] == "gift");
  CHECK(e["questions"] == i["questions"]);
  CHECK(e["losses"].is_array());
  fs::remove_all(dir);
}
