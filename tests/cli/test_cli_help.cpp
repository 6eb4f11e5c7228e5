// The help qkv gives: every example shown by --help runs as printed, from any directory.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "harness.hpp"
#include "helpers.hpp"
#include "support/temp_dir.hpp"

using qkv_test::lines_of;
using qkv_test::run_qkv;

namespace {

// The subcommands listed under "Subcommands:" in a help text.
std::vector<std::string> subcommands_of(const std::string& help) {
  std::vector<std::string> out;
  bool in = false;
  for (const auto& line : lines_of(help)) {
    if (line == "Subcommands:") {
      in = true;
    } else if (in && line.starts_with("  ") && line.size() > 2 && line[2] != ' ') {
      out.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in && !line.starts_with("  ")) {
      in = false;
    }
  }
  return out;
}

// The example commands of a help text: the lines under "Examples:" that start with "qkv",
// without their description (two or more spaces on), continuation lines joined.
std::vector<std::string> examples_of(const std::string& help) {
  std::vector<std::string> out;
  bool in = false;
  std::string pending;
  for (const auto& line : lines_of(help)) {
    if (line == "Examples:") {
      in = true;
      continue;
    }
    if (!in) continue;
    if (!line.starts_with("  ")) {
      in = false;
      continue;
    }
    std::string text = line.substr(2);
    if (!pending.empty()) text.erase(0, text.find_first_not_of(' '));  // a continuation
    if (pending.empty() && !text.starts_with("qkv")) continue;
    std::string command = text;
    bool quoted = false;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      if (text[i] == '"' || text[i] == '\'') quoted = !quoted;
      if (!quoted && text[i] == ' ' && text[i + 1] == ' ') {
        command = text.substr(0, i);
        break;
      }
    }
    while (!command.empty() && command.back() == ' ') command.pop_back();
    if (command.ends_with("\\")) {
      command.pop_back();
      pending += command;
      continue;
    }
    out.push_back(pending + command);
    pending.clear();
  }
  return out;
}

// Words as a POSIX shell splits them (blanks, '...' and "..." quotes); the first word, qkv, is
// dropped.
std::vector<std::string> words_of(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool have = false;
  char quote = 0;
  for (char c : command) {
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        word += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      have = true;
    } else if (c == ' ') {
      if (have) words.push_back(word);
      word.clear();
      have = false;
    } else {
      word += c;
      have = true;
    }
  }
  if (have) words.push_back(word);
  words.erase(words.begin());
  return words;
}

// Examples that name a user's own files (a pack, a worked solution, reports) or that need a shell
// (pipes, redirections, globs) are not run.
bool needs_user_files_or_shell(const std::string& command) {
  for (const char* mark : {"|", ">", "<", "*", "$(", "my-pack", "mypack/", "course/",
                           "worked.json", "problem.json", ".gift", "a.txt", "moodle-export.xml"})
    if (command.find(mark) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("every --help example that needs no file of the user's runs from any directory") {
  std::vector<std::vector<std::string>> paths{{}};
  std::set<std::string> examples;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    auto args = paths[i];
    args.push_back("--help");
    const auto help = run_qkv(args);
    REQUIRE(help.exit_code == 0);
    for (const auto& e : examples_of(help.out)) examples.insert(e);
    for (const auto& sub : subcommands_of(help.out)) {
      auto deeper = paths[i];
      deeper.push_back(sub);
      paths.push_back(deeper);
    }
  }
  CHECK(paths.size() >= 18);  // qkv, its 12 commands, pack's 5 and progress's 2

  std::size_t ran = 0;
  for (const auto& example : examples) {
    if (needs_user_files_or_shell(example)) continue;
    // Its own directory, home and progress: away from the source tree, and an example that
    // resets progress touches nothing another example saved.
    const qkv::test::TempDir dir("qkv-help-example");
    qkv_test::RunOptions where;
    where.cwd = dir.path().string();
    where.env = {{"HOME", dir.path().string()}, {"XDG_DATA_HOME", (dir / "data").string()}};
    // The examples include a 1024-token calc: 24 s in the sanitizer build (-O0) at load 6.
    // This test asks whether each example runs, not how fast.
    where.timeout_seconds = 300;
    const auto r = run_qkv(words_of(example), where);
    INFO(example);
    INFO(r.err);
    CHECK_FALSE(r.timed_out);
    // 1 is a paper below the pass mark: the exam examples end at once on a closed stdin.
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CHECK(r.err.find("qkv: error") == std::string::npos);
    ++ran;
  }
  // Most examples need nothing of the user's: a parser that found none would pass vacuously.
  CHECK(ran >= 40);
}
