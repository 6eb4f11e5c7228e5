// One grammar of options across commands, held for every command qkv lists:
// - every global option (the "Global options" of `qkv --help`: --color, --db, --no-save)
//   parses before and after every subcommand, and changes nothing about whether the command
//   works, but for --no-save with a command that needs the saved progress: a usage error;
// - every subcommand's --help shows the global options;
// - every subcommand with a result prints it, with --json, as one JSON document on stdout.
// The commands and the global options are read from qkv's own help, and the table below must
// name each of them: a new command or global option fails this test until it is added here.
// Then: --db before the command is the database the command uses, and --no-save before it
// saves nothing.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "db_query.hpp"
#include "harness.hpp"
#include "helpers.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using qkv_test::contains;
using qkv_test::content_path;
using qkv_test::data_path;
using qkv_test::run_qkv;
using qkv_test::with_input;

namespace {

// The names in a section of a help text ("Subcommands:", "Global options:"): the first word of
// each line indented by two spaces, up to the next blank line.
std::vector<std::string> section_names(const std::string& help, const std::string& title) {
  std::vector<std::string> names;
  std::istringstream in(help);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside) {
      inside = line == title;
      continue;
    }
    if (line.empty()) break;
    if (line.rfind("  ", 0) != 0 || line[2] == ' ') continue;  // a wrapped description
    std::istringstream words(line);
    std::string first;
    words >> first;
    names.push_back(first);
  }
  return names;
}

// Every command path qkv lists: the subcommands of `qkv --help` and, for a command that has
// subcommands of its own (pack, progress), each of those ("pack validate").
std::vector<std::string> listed_commands() {
  const auto root = run_qkv({"--help"});
  REQUIRE(root.exit_code == 0);
  std::vector<std::string> out;
  for (const auto& name : section_names(root.out, "Subcommands:")) {
    const auto help = run_qkv({name, "--help"});
    REQUIRE_MESSAGE(help.exit_code == 0, name);
    const auto subs = section_names(help.out, "Subcommands:");
    if (subs.empty()) out.push_back(name);
    for (const auto& s : subs) out.push_back(name + " " + s);
  }
  return out;
}

// The global options (their long names).
std::vector<std::string> listed_global_options() {
  const auto root = run_qkv({"--help"});
  REQUIRE(root.exit_code == 0);
  return section_names(root.out, "Global options:");
}

// A scratch directory for the commands that read or write files, made once.
struct Files {
  fs::path dir;
  std::string report, db;
  Files()
      : dir(fs::temp_directory_path() /
            (std::string("qkv-cli-commands") + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    report = (dir / "sitting.json").string();
    db = (dir / "progress.db").string();
    const auto r = run_qkv({"exam", "--pack", data_path("exam/pack.json"), "--exam", "quick",
                            "--seed", "3", "--db", db, "--report", report},
                           qkv_test::with_input("a\nb\nsoftmax\ny\n"));
    REQUIRE_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.err);
  }
  ~Files() { fs::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

// Each global option as it is given here.
std::map<std::string, std::vector<std::string>> global_values(const Files& f) {
  return {
      {"--color", {"--color", "never"}},
      {"--db", {"--db", f.db}},
      {"--no-save", {"--no-save"}},
  };
}

// How one command is run here: its arguments (after the command's name), its standard input,
// whether it has a result to print as JSON (completion prints a script), and whether it needs
// the saved progress (then --no-save is a usage error). Every run has QKV_DB set to the scratch
// database (so that --db, given too, names the same one: --db twice is a usage error).
struct Row {
  std::vector<std::string> args;
  std::string input;
  bool has_json = true;
  bool needs_db = false;
};

std::map<std::string, Row> table(const Files& f) {
  const std::string core = content_path("packs/core");
  return {
      {"quiz", {{"-n", "2", "--seed", "7"}, "a\nb\n"}},
      {"review", {{"--limit", "2", "--seed", "7", "--no-rate"}, "a\nb\n"}},
      {"stats", {{}, "", true, true}},
      {"progress export", {{}, "", true, true}},
      {"progress reset", {{"--concept", "softmax-weights"}, "", true, true}},
      {"learn", {{"softmax-weights"}, ""}},
      {"exam", {{"-n", "2", "--seed", "7", "--no-save"}, "a\nb\nsubmit\ny\n"}},
      {"calc", {{"--example", "tiny"}, ""}},
      {"drill", {{"--kind", "score", "-n", "1", "--seed", "7", "--no-save"}, "3\n1.5\n"}},
      {"check", {{data_path("check/slip.json")}, ""}},
      {"pack validate", {{core}, ""}},
      {"pack info", {{core}, ""}},
      {"pack lint", {{core}, ""}},
      {"pack import",
       {{data_path("interchange/attention.gift"), "--skip-unsupported", "-o",
         f.path("imported.json")},
        ""}},
      {"pack export", {{core, "--to", "gift", "-o", f.path("core.gift")}, ""}},
      {"results", {{f.report}, ""}},
      {"completion", {{"bash"}, "", false}},
      {"help", {{"quiz"}, "", false}},  // prints quiz's help text, not a result
  };
}

std::vector<std::string> words(const std::string& command) {
  std::vector<std::string> out;
  std::istringstream in(command);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

qkv_test::RunOptions input_of(const Row& row, const Files& f) {
  return with_input(row.input, {{"QKV_DB", f.db}});
}

}  // namespace

TEST_CASE("the table names every command and every global option qkv lists") {
  const Files f;
  const auto rows = table(f);
  const auto listed = listed_commands();
  REQUIRE(listed.size() >= 15);
  for (const auto& c : listed) CHECK_MESSAGE(rows.count(c) == 1, "add a row for: qkv " << c);
  const std::set<std::string> known(listed.begin(), listed.end());
  for (const auto& entry : rows) {
    const std::string& name = entry.first;
    CHECK_MESSAGE(known.count(name) == 1, "not listed: " << name);
  }

  const auto globals = listed_global_options();
  REQUIRE_FALSE(globals.empty());
  const auto values = global_values(f);
  for (const auto& g : globals) CHECK_MESSAGE(values.count(g) == 1, "add a value for " << g);
  for (const auto& entry : values) {
    const std::string& option = entry.first;
    CHECK_MESSAGE(std::count(globals.begin(), globals.end(), option) == 1,
                  "qkv --help lists " << option << " once, as a global option");
  }
}

TEST_CASE("every command's --help shows every global option") {
  const auto globals = listed_global_options();
  REQUIRE(globals.size() >= 3);
  for (const auto& name : listed_commands()) {
    CAPTURE(name);
    const auto help = run_qkv(joined(words(name), {"--help"}));
    REQUIRE(help.exit_code == 0);
    const auto shown = section_names(help.out, "Global options:");
    for (const auto& g : globals)
      CHECK_MESSAGE(std::count(shown.begin(), shown.end(), g) == 1, "missing: " << g);
  }
}

TEST_CASE("every command with a result prints it as one JSON document with --json") {
  const Files f;
  for (const auto& entry : table(f)) {
    const std::string& name = entry.first;
    const Row& row = entry.second;
    if (!row.has_json) continue;
    CAPTURE(name);
    const auto r = run_qkv(joined(joined(words(name), row.args), {"--json"}), input_of(row, f));
    CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.err);
    nlohmann::json doc;
    CHECK_NOTHROW(doc = nlohmann::json::parse(r.out));  // one document, nothing else on stdout
    CHECK((doc.is_object() || doc.is_array()));
  }
}

TEST_CASE("every global option parses before and after every command and changes no outcome") {
  const Files f;
  for (const auto& entry : table(f)) {
    const std::string& name = entry.first;
    const Row& row = entry.second;
    CAPTURE(name);
    const auto cmd = words(name);
    const auto plain = run_qkv(joined(cmd, row.args), input_of(row, f));
    CHECK_MESSAGE(plain.exit_code != 2, plain.err);
    for (const auto& global : global_values(f)) {
      const std::string& option = global.first;
      const std::vector<std::string>& given = global.second;
      CAPTURE(option);
      const auto before = run_qkv(joined(joined(given, cmd), row.args), input_of(row, f));
      const auto after = run_qkv(joined(joined(cmd, row.args), given), input_of(row, f));
      if (option == "--no-save" && row.needs_db) {
        // The command needs the saved progress: a usage error in qkv's words, nothing done.
        for (const auto* r : {&before, &after}) {
          CHECK(r->exit_code == 2);
          CHECK(contains(r->err, "; leave out --no-save"));
          CHECK(r->out.empty());
        }
        continue;
      }
      CHECK_MESSAGE(before.exit_code == plain.exit_code, before.err);
      CHECK_MESSAGE(after.exit_code == plain.exit_code, after.err);
    }
  }
}

TEST_CASE("a global option with a bad value is a usage error wherever it stands") {
  for (const auto& place : {std::vector<std::string>{"--color", "sometimes", "calc", "--example",
                                                     "tiny"},
                            std::vector<std::string>{"calc", "--example", "tiny", "--color",
                                                     "sometimes"}}) {
    const auto r = run_qkv(place);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--color"));
  }
}

TEST_CASE("--db before the command is the database it uses; QKV_DB when there is no --db") {
  qkv::test::TempDir dir;
  const std::string db = (dir / "before.db").string();
  const std::string other = (dir / "env.db").string();
  const std::string pack = data_path("progress/tf10.json");
  // quiz writes to it...
  auto r = run_qkv({"--db", db, "quiz", "--pack", pack, "-n", "2", "--seed", "1"},
                   with_input("t\nt\n", {{"QKV_DB", other}}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(contains(r.out, "Saved 2 answers to " + db + "."));
  CHECK(qkv_test::query_int(db, "SELECT count(*) FROM reviews") == 2);
  CHECK_FALSE(fs::exists(other));
  // ...and so do review and drill.
  r = run_qkv({"--db", db, "review", "--pack", pack, "--limit", "1", "--no-rate", "--seed", "1"},
              with_input("t\n"));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = run_qkv({"--db", db, "drill", "--kind", "score", "-n", "1", "--seed", "7"},
              with_input("3\n1.5\n"));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(qkv_test::query_int(db, "SELECT count(*) FROM reviews") == 4);
  CHECK(qkv_test::query_int(db, "SELECT count(*) FROM reviews WHERE pack = 'drill'") == 1);
  // stats reads it (QKV_DB names another file)...
  r = run_qkv({"--db", db, "stats", "--pack", pack, "--json"}, with_input("", {{"QKV_DB", other}}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["database"] == db);
  CHECK(doc["totals"]["reviews_all"] == 4);  // the whole log, the drill's review too
  // ...and progress export, a subcommand's subcommand, exports it.
  r = run_qkv({"--db", db, "progress", "export", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(nlohmann::json::parse(r.out).size() == 4);
  r = run_qkv({"--db", db, "progress", "reset", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(nlohmann::json::parse(r.out)["reviews"] == 4);
  // QKV_DB still counts when --db is not given.
  r = run_qkv({"stats", "--pack", pack, "--json"}, with_input("", {{"QKV_DB", db}}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(nlohmann::json::parse(r.out)["database"] == db);
  // A command that keeps no progress accepts --db and leaves it alone.
  const std::string unused = (dir / "unused.db").string();
  for (const auto& args : {std::vector<std::string>{"--db", unused, "calc", "--example", "tiny"},
                           std::vector<std::string>{"pack", "validate", "core", "--db", unused},
                           std::vector<std::string>{"--db", unused, "learn", "scaling"}}) {
    CAPTURE(args.front());
    CHECK(run_qkv(args).exit_code == 0);
  }
  CHECK_FALSE(fs::exists(unused));
}

TEST_CASE("--no-save before the command saves nothing; where progress is needed it is refused") {
  qkv::test::TempDir dir;
  const std::string pack = data_path("progress/tf10.json");
  const std::map<std::string, std::string> env = {{"XDG_DATA_HOME", (dir / "xdg").string()},
                                                  {"HOME", (dir / "home").string()}};
  auto r = run_qkv({"--no-save", "quiz", "--pack", pack, "-n", "2", "--seed", "1"},
                   with_input("t\nt\n", env));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(contains(r.out, "Not saved (--no-save): 2 answers forgotten."));
  const std::string db = (dir / "named.db").string();
  r = run_qkv({"--no-save", "--db", db, "review", "--pack", pack, "--limit", "1", "--no-rate"},
              with_input("t\n", env));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(contains(r.out, "--no-save: nothing is saved."));
  r = run_qkv({"--no-save", "exam", "--pack", pack, "-n", "2", "--seed", "1", "--db", db},
              with_input("t\nt\n", env));
  CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 1), r.err);
  r = run_qkv({"--no-save", "drill", "--kind", "score", "-n", "1", "--seed", "7"},
              with_input("3\n1.5\n", env));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(contains(r.out, "Not saved (--no-save)"));
  CHECK_FALSE(fs::exists(db));
  CHECK_FALSE(fs::exists(dir / "xdg"));
  CHECK_FALSE(fs::exists(dir / "home"));

  // The commands that need the saved progress say so, before or after their name (exit 2).
  REQUIRE(run_qkv({"quiz", "--pack", pack, "-n", "1", "--db", db}, with_input("f\n")).exit_code ==
          0);
  const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
      {{"--no-save", "stats", "--db", db}, "stats shows the saved progress"},
      {{"stats", "--db", db, "--no-save"}, "stats shows the saved progress"},
      {{"--no-save", "progress", "export", "--db", db},
       "progress export writes out the saved progress"},
      {{"progress", "reset", "--yes", "--db", db, "--no-save"},
       "progress reset deletes saved progress"},
      {{"--no-save", "quiz", "--missed", "--pack", pack, "--db", db},
       "--missed needs the saved progress"},
  };
  for (const auto& entry : refused) {
    const std::vector<std::string>& args = entry.first;
    const std::string& why = entry.second;
    CAPTURE(why);
    r = run_qkv(args, with_input("t\n"));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "qkv: error: " + why + "; leave out --no-save\n"));
    CHECK(r.out.empty());
  }
  CHECK(qkv_test::query_int(db, "SELECT count(*) FROM reviews") == 1);  // reset deleted nothing
}
