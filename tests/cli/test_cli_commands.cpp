// One grammar of options across commands, held for every command qkv lists:
// - every global option (the "Global options" of `qkv --help`) parses before and after every
//   subcommand, and changes nothing about whether the command works;
// - every subcommand with a result prints it, with --json, as one JSON document on stdout.
// The commands and the global options are read from qkv's own help, and the table below must
// name each of them: a new command or global option fails this test until it is added here.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "harness.hpp"
#include "helpers.hpp"

namespace fs = std::filesystem;
using qkv_test::contains;
using qkv_test::content_path;
using qkv_test::data_path;
using qkv_test::run_qkv;

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

// The global options (their long names) and a value each is given here.
std::vector<std::string> listed_global_options() {
  const auto root = run_qkv({"--help"});
  REQUIRE(root.exit_code == 0);
  return section_names(root.out, "Global options:");
}
const std::map<std::string, std::vector<std::string>> kGlobalValues = {
    {"--color", {"--color", "never"}},
};

// A scratch directory for the commands that read or write files, made once.
struct Files {
  fs::path dir;
  std::string report, db;
  Files() : dir(fs::temp_directory_path() / "qkv-cli-commands") {
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

// How one command is run here: its arguments (after the command's name), its standard input,
// and whether it has a result to print as JSON (completion prints a script).
struct Row {
  std::vector<std::string> args;
  std::string input;
  bool has_json = true;
};

std::map<std::string, Row> table(const Files& f) {
  const std::string core = content_path("packs/core");
  return {
      {"quiz", {{"-n", "2", "--seed", "7", "--db", f.db}, "a\nb\n"}},
      {"review", {{"--limit", "2", "--seed", "7", "--db", f.db, "--no-rate"}, "a\nb\n"}},
      {"stats", {{"--db", f.db}, ""}},
      {"progress export", {{"--db", f.db}, ""}},
      {"progress reset", {{"--db", f.db, "--concept", "softmax-weights"}, ""}},
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
  for (const auto& g : globals) CHECK_MESSAGE(kGlobalValues.count(g) == 1, "add a value for " << g);
}

TEST_CASE("every command with a result prints it as one JSON document with --json") {
  const Files f;
  for (const auto& entry : table(f)) {
    const std::string& name = entry.first;
    const Row& row = entry.second;
    if (!row.has_json) continue;
    CAPTURE(name);
    const auto r =
        run_qkv(joined(joined(words(name), row.args), {"--json"}), qkv_test::with_input(row.input));
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
    const auto plain = run_qkv(joined(cmd, row.args), qkv_test::with_input(row.input));
    CHECK_MESSAGE(plain.exit_code != 2, plain.err);
    for (const auto& global : kGlobalValues) {
      const std::string& option = global.first;
      const std::vector<std::string>& given = global.second;
      CAPTURE(option);
      const auto before =
          run_qkv(joined(joined(given, cmd), row.args), qkv_test::with_input(row.input));
      const auto after =
          run_qkv(joined(joined(cmd, row.args), given), qkv_test::with_input(row.input));
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
