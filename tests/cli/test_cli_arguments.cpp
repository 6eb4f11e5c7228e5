// Argument errors in qkv's voice (issue 14): every one starts with "qkv: error: ", says what was
// wrong and what is allowed, suggests the nearest name for a misspelt one, exits 2 and prints
// nothing on stdout. And `qkv help [COMMAND]`.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "harness.hpp"
#include "helpers.hpp"

using qkv_test::contains;
using qkv_test::data_path;
using qkv_test::run_qkv;

namespace {

struct BadArguments {
  std::vector<std::string> args;
  std::vector<std::string> said;  ///< each must be in stderr
};

}  // namespace

TEST_CASE("every argument error says what was wrong and what is allowed, and exits 2") {
  const std::string exam_pack = data_path("exam/pack.json");
  const std::vector<BadArguments> cases = {
      // Numbers: the range in words, never CLI11's 300-digit one.
      {{"quiz", "-n", "-1"}, {"-n: must be a whole number from 0 to 1000000", "not '-1'"}},
      {{"review", "--limit", "-3"}, {"--limit: must be a whole number from 1 to 1000000, not '-3'"}},
      {{"review", "--new", "-1"}, {"--new: must be a whole number from 0 to 1000000, not '-1'"}},
      {{"review", "--retention", "2"}, {"--retention: must be a number from 0.7 to 0.99, not '2'"}},
      {{"review", "--seed", "-1"}, {"--seed: must be a whole number, 0 or more"}},
      {{"exam", "--pass", "101%"}, {"--pass: must be a percentage from 0 to 100", "not '101%'"}},
      // Commands and subcommands.
      {{"quizz"},
       {"qkv: error: there is no command 'quizz'; did you mean 'quiz'?",
        "The commands are: quiz, review, ", "help or completion."}},
      {{"pack"}, {"qkv pack needs a command: validate, info, lint, import or export."}},
      {{"pack", "infoo", "core"},
       {"qkv pack has no command 'infoo'; did you mean 'info'?", "The commands are: validate,"}},
      {{"progress", "rest"}, {"qkv progress has no command 'rest'; did you mean 'reset'?"}},
      // Options and arguments.
      {{"quiz", "--sed", "4"}, {"qkv quiz has no option '--sed'; did you mean '--seed'?"}},
      {{"quiz", "--bogus"}, {"qkv quiz has no option '--bogus'"}},
      {{"drill", "--level=9"}, {"--level: must be a whole number from 1 to 3, not '9'"}},
      {{"quiz", "extra"}, {"qkv quiz takes no arguments, and was given 'extra'"}},
      // Choices: --mask, --color, --format.
      {{"calc", "--example", "tiny", "--mask", "casual"},
       {"--mask: 'casual' is not a mask; did you mean 'causal'?",
        "Use none, causal (top-left, as PyTorch's is_causal), causal-bottom-right, or a keep"}},
      {{"--color", "blue", "quiz"}, {"--color: must be auto, always or never, not 'blue'"}},
      {{"calc", "--example", "tiny", "--color", "alway"},
       {"--color: must be auto, always or never, not 'alway' (did you mean 'always'?)"}},
      {{"calc", "--example", "tiny", "--format", "jsn"},
       {"--format: must be text, markdown, json or summary, not 'jsn' (did you mean 'json'?)"}},
      {{"calc", "--example", "tny"}, {"there is no example 'tny'; did you mean 'tiny'?"}},
      // Concept ids, in every command that takes one; exam ids.
      {{"quiz", "--concept", "scalng"},
       {"--concept 'scalng' is not a concept of this bank; did you mean 'scaling'?",
        "The concepts in this bank are:\n  qkv-overview"}},
      {{"review", "--concept", "scalng"}, {"did you mean 'scaling'?"}},
      {{"exam", "--concept", "scalng"}, {"did you mean 'scaling'?"}},
      {{"stats", "--concept", "softmax"},
       {"--concept 'softmax' is not a concept of this bank; did you mean 'softmax-weights'?",
        "The concepts in this bank are:"}},
      {{"progress", "reset", "--concept", "scalng"},
       {"--concept 'scalng' is not a concept of this bank; did you mean 'scaling'?"}},
      {{"learn", "scalign"}, {"did you mean 'scaling'?"}},
      {{"exam", "--pack", exam_pack, "--exam", "midtem"},
       {"--exam 'midtem' is not an exam of these packs; did you mean 'midterm'?",
        "The exams are:\n  examdemo/quick"}},
      // qkv help.
      {{"help", "nosuch"}, {"there is no command 'nosuch'", "The commands are: quiz, review"}},
      {{"help", "quizz"}, {"there is no command 'quizz'; did you mean 'quiz'?"}},
      {{"help", "pack", "infoo"}, {"qkv pack has no command 'infoo'; did you mean 'info'?"}},
      {{"help", "quiz", "deeper"}, {"qkv quiz has no command 'deeper' (qkv quiz has no subcommands)"}},
  };
  const std::regex long_number("[0-9]{25}");
  for (const auto& c : cases) {
    std::string line;
    for (const auto& a : c.args) line += a + " ";
    CAPTURE(line);
    const auto r = run_qkv(c.args);
    CAPTURE(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.starts_with("qkv: error: "));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') >= 1);
    CHECK_FALSE(std::regex_search(r.err, long_number));
    for (const auto& s : c.said) CHECK(contains(r.err, s));
  }
}

TEST_CASE("a parse error names the help of the command it was in") {
  CHECK(contains(run_qkv({"quiz", "--bogus"}).err,
                 "Run 'qkv quiz --help' or 'qkv help quiz' for what it accepts.\n"));
  CHECK(contains(run_qkv({"pack", "info", "--bogus", "core"}).err,
                 "Run 'qkv pack info --help' or 'qkv help pack info' for what it accepts.\n"));
  CHECK(contains(run_qkv({"quizz"}).err, "Run 'qkv --help' for what it accepts.\n"));
}

TEST_CASE("exam --pass takes 70% as 70") {
  const auto r = run_qkv({"exam", "--pass", "70%", "-n", "2", "--seed", "5", "--json"});
  CAPTURE(r.err);
  CHECK(r.exit_code == 1);  // no answers on a closed stdin: below the pass mark
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["pass_mark"] == 70);
}

TEST_CASE("a misspelt --mask is a usage error; a malformed keep matrix stays invalid data") {
  CHECK(run_qkv({"calc", "--example", "tiny", "--mask", "casual"}).exit_code == 2);
  CHECK(run_qkv({"calc", "--example", "tiny", "--mask", "causal"}).exit_code == 0);
  const auto bad = run_qkv({"calc", "--example", "tiny", "--mask", "1 2; 0 1"});
  CHECK(bad.exit_code == 65);
  CHECK(contains(bad.err, "qkv: error: --mask: a keep mask holds 1"));
}

TEST_CASE("qkv help [COMMAND] prints what --help prints") {
  const std::vector<std::vector<std::string>> paths = {
      {}, {"quiz"}, {"pack"}, {"pack", "info"}, {"progress", "reset"}, {"help"}};
  for (const auto& path : paths) {
    std::vector<std::string> help{"help"}, flag = path;
    help.insert(help.end(), path.begin(), path.end());
    flag.push_back("--help");
    const auto a = run_qkv(help);
    const auto b = run_qkv(flag);
    CAPTURE(a.out);
    CHECK(a.exit_code == 0);
    CHECK(b.exit_code == 0);
    CHECK(a.err.empty());
    CHECK(a.out == b.out);
  }
  CHECK(contains(run_qkv({"help", "pack", "info"}).out, "Usage: qkv pack info [OPTIONS] PATH"));
  CHECK(contains(run_qkv({"--help"}).out, "  help "));
}

TEST_CASE("an option without its value says so") {
  const auto n = run_qkv({"quiz", "-n"});
  CHECK(n.exit_code == 2);
  CHECK(contains(n.err, "qkv: error: -n needs a value: a whole number from 0 to 1000000\n"));
  const auto c = run_qkv({"quiz", "--concept"});
  CHECK(c.exit_code == 2);
  CHECK(contains(c.err, "qkv: error: --concept needs a value\n"));
}
