// End-to-end: `qkv quiz` and `qkv` run as real processes with scripted stdin against the fixture
// pack tests/data/quiz/pack.json (one question of every type, in this order with --in-order):
//   1 roles-single  2 roles-multi  3 roles-tf  4 roles-match  5 compute-order  6 compute-short
//   7 compute-numeric
// Options and items are shown shuffled; the tests read the layout from a first run and work out
// the right letters from the pack's texts, then replay the same seed, which checks that a seed
// replays the same layout as well.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness.hpp"
#include "helpers.hpp"

using qkv_test::contains;
using qkv_test::count_of;
using qkv_test::data_path;
using qkv_test::run_qkv;
using qkv_test::RunOptions;
using qkv_test::with_input;

namespace {

const std::string kPack = data_path("quiz/pack.json");

// The pack in order, every question, seed 5; `extra` may not repeat these options.
std::vector<std::string> quiz_args(std::vector<std::string> extra = {}, std::string n = "0") {
  std::vector<std::string> args = {"quiz", "--pack", kPack, "--in-order", "-n", n, "--seed", "5"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The text shown for question `number` (from its header to the next header or the summary).
std::string block_of(const std::string& out, int number) {
  const auto start = out.find("Question " + std::to_string(number) + "/");
  REQUIRE_MESSAGE(start != std::string::npos, "no question " << number << " in:\n" << out);
  auto end = out.find("Question " + std::to_string(number + 1) + "/", start);
  if (end == std::string::npos) end = out.find("Session ", start);
  return out.substr(start, end - start);
}

// The letter shown before an option or item with exactly this text ("  c) The value").
std::string letter_of(const std::string& block, const std::string& text) {
  std::istringstream lines(block);
  for (std::string line; std::getline(lines, line);)
    if (line.size() > 5 && line.rfind("  ", 0) == 0 && line[3] == ')' && line.substr(5) == text)
      return std::string(1, line[2]);
  FAIL("no option '" << text << "' in:\n" << block);
  return "";
}

// Valid answers of the right form for each question, whatever the layout.
const std::string kAnyAnswers = "a\na\nt\n1a 2a 3a\na b c d\nx\n0\n";

// Right answers worked out from the layout of a first run and the pack's texts.
struct Key {
  std::string single, single_wrong, multi, multi_partial, match, order;
};

Key answer_key() {
  const auto first = run_qkv(quiz_args(), with_input(kAnyAnswers));
  REQUIRE(first.exit_code == 0);
  Key k;
  const auto b1 = block_of(first.out, 1);
  k.single = letter_of(b1, "The value");
  k.single_wrong = letter_of(b1, "The key");
  const auto b2 = block_of(first.out, 2);
  k.multi = letter_of(b2, "Q") + "," + letter_of(b2, "K") + "," + letter_of(b2, "V");
  k.multi_partial = letter_of(b2, "Q") + " " + letter_of(b2, "K");
  const auto b4 = block_of(first.out, 4);
  k.match = "1" + letter_of(b4, "what this token is looking for") + " 2" +
            letter_of(b4, "the label others are compared with") + " 3" +
            letter_of(b4, "the content handed over");
  const auto b5 = block_of(first.out, 5);
  k.order = letter_of(b5, "scores QK^T") + " " + letter_of(b5, "scale by 1/sqrt(d_k)") + " " +
            letter_of(b5, "softmax per row") + " " + letter_of(b5, "weights times V");
  return k;
}

}  // namespace

TEST_CASE("quiz: every answer right gives full marks") {
  const Key k = answer_key();
  const std::string input =
      k.single + "\n" + k.multi + "\nf\n" + k.match + "\n" + k.order + "\n  Soft   MAX \n1/2\n";
  const auto r = run_qkv(quiz_args(), with_input(input));
  CHECK(r.exit_code == 0);
  CHECK(count_of(r.out, "Right.") == 7);
  CHECK(contains(r.out, "Session complete: 7 of 7 questions answered."));
  CHECK(contains(r.out, "Score: 7/7 (100%), 7 fully right."));
  CHECK(contains(r.out, "Nothing missed."));
}

TEST_CASE("quiz: a full session with right, wrong and partly right answers") {
  const Key k = answer_key();
  // single wrong (0), multi 2 of 3 (2/3), the rest right: 5 + 2/3 = 5.67 of 7.
  const std::string input = k.single_wrong + "\n" + k.multi_partial + "\nno\n" + k.match + "\n" +
                            k.order + "\nsoftmax\n0.495\n";
  const auto r = run_qkv(quiz_args(), with_input(input));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Seed 5 (replay this session with --seed 5)."));
  // Header, progress bar and running score.
  CHECK(contains(r.out, "Question 1/7  [--------------------]  score 0/0"));
  CHECK(contains(r.out, "Question 3/7  [#####---------------]  score 0.67/2"));
  CHECK(contains(r.out, "Concept: Query, key and value roles | difficulty 1 | single choice"));
  CHECK(contains(r.out, "Answer with the letter of one option (a-c). Type ? for a hint."));
  // Question 1: wrong, with the feedback of the chosen and of the right option.
  const auto b1 = block_of(r.out, 1);
  CHECK(contains(b1, "Wrong."));
  CHECK(contains(b1, "The answer: " + k.single + ") The value"));
  CHECK(contains(b1, "You chose " + k.single_wrong +
                         " (wrong): Keys are compared with the query to score relevance."));
  CHECK(contains(b1, "Why " + k.single + " is right: Values are what the weights average."));
  CHECK(contains(b1, "Why: Output rows are weighted averages of value rows."));
  // Question 2: partial credit, with the missed option's feedback.
  const auto b2 = block_of(r.out, 2);
  CHECK(contains(b2,
                 "Partly right: 2 of 3 correct options chosen, 0 wrong picks (0.67 of 1 point)."));
  CHECK(contains(b2, "You missed " + k.multi.substr(4, 1) + ": V = X W_v."));
  // Question 3: the feedback for answering false.
  CHECK(contains(block_of(r.out, 3),
                 "You said false (right): Right: the query only scores how relevant"));
  CHECK(contains(block_of(r.out, 7), "The answer: 0.5 (within 0.01)"));
  // Summary.
  CHECK(contains(r.out, "Score: 5.67/7 (81%), 5 fully right."));
  CHECK(contains(r.out, "roles           5      3    3.67  Query, key and value roles"));
  CHECK(contains(r.out, "compute         3      3       3  Computing attention"));
  CHECK(contains(r.out, "Missed (2): quizfix/roles-single, quizfix/roles-multi"));
  // Saved (the default): the misses are asked again by --missed, however many there are.
  CHECK(contains(r.out, "Try these again:        qkv quiz --missed --pack"));
  CHECK(contains(r.out, "--concept roles"));
}

TEST_CASE("quiz: invalid input says what is expected, is asked again and is not counted") {
  const Key k = answer_key();
  const auto r =
      run_qkv(quiz_args({}, "2"), with_input("z\n\n" + k.single + "\na,q\n" + k.multi + "\n"));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out,
                 "Not an answer: 'z' is not one of the options. Answer with the letter of "
                 "one option (a-c)."));
  CHECK(contains(r.out, "Type your answer, or help for what you can type here."));
  CHECK(contains(r.out,
                 "Not an answer: 'q' is not one of the options. Answer with the letters of "
                 "every option that applies"));
  CHECK(count_of(r.out, "Question 1/2") == 1);
  CHECK(contains(r.out, "Score: 2/2 (100%)"));
}

TEST_CASE("quiz: hints on ?, counted as a hinted answer") {
  const auto r = run_qkv({"quiz", "--pack", kPack, "--id", "compute-short", "--seed", "1"},
                         with_input("?\n?\nsoftmax\n"));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Hint 1 of 1: It starts with 'soft'."));
  CHECK(contains(r.out, "This question now counts as answered with a hint."));
  CHECK(contains(r.out, "No more hints."));
  CHECK(contains(r.out, "Right. (answered with 1 hint)"));
  CHECK(contains(r.out, "1 answered with hints (quizfix/compute-short)"));
}

TEST_CASE("quiz: end of input mid-session ends with the summary of what was answered") {
  const Key k = answer_key();
  const auto r = run_qkv(quiz_args(), with_input(k.single + "\nt\n"));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Session ended at the end of input: 1 of 7 questions answered."));
  CHECK(contains(r.out, "Score: 1/1 (100%), 1 fully right."));
  const auto none = run_qkv(quiz_args(), with_input(""));
  CHECK(none.exit_code == 0);
  CHECK(contains(none.out, "0 of 7 questions answered."));
}

TEST_CASE("quiz --json: one JSON document on stdout, the session on stderr") {
  const Key k = answer_key();
  const auto r =
      run_qkv(quiz_args({"--json"}), with_input(k.single + "\n" + k.multi_partial + "\nt\n"));
  CHECK(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);  // throws (failing the test) on anything else
  CHECK(doc["seed"] == 5);
  CHECK(doc["ended"] == "end_of_input");
  CHECK(doc["total"] == 3);
  CHECK(doc["planned"] == 7);
  CHECK(doc["score"].get<double>() == doctest::Approx(1.0 + 2.0 / 3.0));
  REQUIRE(doc["questions"].size() == 3);
  CHECK(doc["questions"][0]["id"] == "quizfix/roles-single");
  CHECK(doc["questions"][0]["given"] == k.single);
  CHECK(doc["questions"][0]["correct"] == true);
  CHECK(doc["questions"][1]["points"].get<double>() == doctest::Approx(2.0 / 3.0));
  CHECK(doc["questions"][1]["correct"] == false);
  CHECK(doc["questions"][2]["id"] == "quizfix/roles-tf");
  CHECK(doc["questions"][2]["correct"] == false);
  CHECK(doc["by_concept"]["roles"]["answered"] == 3);
  CHECK(doc["by_concept"]["roles"]["correct"] == 1);
  CHECK(doc["missed"] == nlohmann::json({"quizfix/roles-multi", "quizfix/roles-tf"}));
  CHECK(contains(r.err, "Question 1/7"));
  CHECK(contains(r.err, "Session ended at the end of input"));
}

TEST_CASE("quiz --json: an answer with bytes that are not UTF-8 still gives valid JSON") {
  const auto r =
      run_qkv({"quiz", "--pack", kPack, "--id", "compute-short", "--seed", "1", "--json"},
              with_input("soft\xff\xfe max\n"));
  CHECK(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["questions"][0]["correct"] == false);
  CHECK(doc["questions"][0]["given"] == "soft\xEF\xBF\xBD\xEF\xBF\xBD max");  // U+FFFD twice
  CHECK(r.err.find('\xff') == std::string::npos);                             // echoed sanitised
}

TEST_CASE("quiz: Ctrl-C prints the summary and exits 130") {
  const Key k = answer_key();
  // Everything up to the prompt of question 2 is the same in any run with this seed and this
  // first answer; interrupt once that much is on stdout, while qkv waits for the next line.
  const auto probe = run_qkv(quiz_args(), with_input(k.single + "\n"));
  const auto q2 = probe.out.find("Question 2/7");
  REQUIRE(q2 != std::string::npos);
  const auto prompt = probe.out.find("> ", q2);
  REQUIRE(prompt != std::string::npos);
  RunOptions opts = with_input(k.single + "\n");
  opts.send_sigint_after_bytes = static_cast<int>(prompt + 2);
  opts.keep_stdin_open = true;
  const auto r = run_qkv(quiz_args(), opts);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 130);
  CHECK(contains(r.out, "Session interrupted: 1 of 7 questions answered."));
  CHECK(contains(r.out, "Score: 1/1 (100%)"));
}

TEST_CASE("quiz: no escape codes in a pipe or with NO_COLOR; colour only when asked") {
  const std::string input = "a\na\nt\n";
  const auto no_color = run_qkv(quiz_args(), with_input(input));
  CHECK(no_color.out.find('\x1b') == std::string::npos);
  const auto pipe = run_qkv(quiz_args(), with_input(input, {{"NO_COLOR", "<unset>"}}));
  CHECK(pipe.out.find('\x1b') == std::string::npos);
  const auto forced =
      run_qkv(quiz_args({"--color", "always"}), with_input(input, {{"NO_COLOR", "<unset>"}}));
  CHECK(forced.out.find("\x1b[1mQuestion 1/7") != std::string::npos);
  // Colour never replaces the words.
  CHECK(forced.out.find("Wrong.") != std::string::npos);
}

TEST_CASE("quiz: control characters in a pack are shown neutralised, layout kept") {
  const auto r =
      run_qkv({"quiz", "--pack", data_path("quiz/hostile.json"), "--in-order", "--seed", "1"},
              with_input("a\n", {{"NO_COLOR", "<unset>"}}));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find('\a') == std::string::npos);
  CHECK(contains(r.out, "Evil \\x1b[31mred\\x1b[0m prompt\\x07 with a bell.\nSecond line kept."));
  CHECK(contains(r.out, "Option \\x1b]0;title\\x07 with OSC"));
}

TEST_CASE("quiz: a selection that matches nothing is a usage error listing the concepts") {
  const auto r = run_qkv({"quiz", "--pack", kPack, "--concept", "nope"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--concept 'nope' is not a concept of this bank"));
  CHECK(contains(r.err, "roles    Query, key and value roles (5 questions)"));
  CHECK(contains(r.err, "compute  Computing attention (3 questions)"));
  const auto none =
      run_qkv({"quiz", "--pack", kPack, "--concept", "compute", "--type", "matching"});
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, "no question matches"));
  CHECK(run_qkv({"quiz", "--pack", kPack, "--difficulty", "5"}).exit_code == 2);
  CHECK(run_qkv({"quiz", "--pack", kPack, "--type", "essay"}).exit_code == 2);
}

TEST_CASE("quiz: filters by type and difficulty, -n, and the seed in --json") {
  const auto r = run_qkv({"quiz", "--pack", kPack, "--type", "true_false", "--type", "numeric",
                          "--difficulty", "1-2", "--json", "--seed", "9"},
                         with_input("f\n"));
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["planned"] == 1);  // the numeric question is difficulty 3
  CHECK(doc["questions"][0]["id"] == "quizfix/roles-tf");
  CHECK(doc["questions"][0]["correct"] == true);
  const auto three = run_qkv({"quiz", "--pack", kPack, "-n", "3", "--json", "--seed", "9"});
  CHECK(nlohmann::json::parse(three.out)["planned"] == 3);
}

TEST_CASE("quiz: the same seed picks the same questions; without --seed one is printed") {
  const auto a = run_qkv({"quiz", "--pack", kPack, "-n", "3", "--seed", "77"});
  const auto b = run_qkv({"quiz", "--pack", kPack, "-n", "3", "--seed", "77"});
  CHECK(a.out == b.out);
  const auto fresh = run_qkv({"quiz", "--pack", kPack, "-n", "1"});
  CHECK(contains(fresh.out, "Seed "));
  CHECK(contains(fresh.out, "(replay this session with --seed "));
}

TEST_CASE("qkv with no arguments: a 5-question session on the built-in bank, and how to do more") {
  // The built-in bank is replaced by a copy of the fixture (directory form) through
  // QKV_CONTENT_DIR, so this test does not depend on the real content.
  const auto r = run_qkv({}, with_input("", {{"QKV_CONTENT_DIR", data_path("quiz/content")}}));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "a short study session (5 questions from the built-in bank)"));
  CHECK(contains(r.out, "Question 1/5"));
  CHECK(contains(r.out, "qkv quiz -n 20"));
  CHECK(contains(r.out, "qkv quiz --concept ID"));
  CHECK(contains(r.out, "0 of 5 questions answered."));
}

TEST_CASE("quiz --help shows examples, the answer syntax and the options") {
  const auto r = run_qkv({"quiz", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Examples:"));
  CHECK(contains(r.out, "1b 2a 3c for matching"));
  CHECK(contains(r.out, "--difficulty"));
}

TEST_CASE("quiz: the commands suggested after a session repeat --pack, quoted when it must be") {
  const auto dir = std::filesystem::temp_directory_path() /
                   (std::string("qkv cli quiz pack") + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "p.json").string();
  std::filesystem::copy_file(kPack, path, std::filesystem::copy_options::overwrite_existing);
  const auto r =
      run_qkv({"quiz", "--pack", path, "--id", "compute-numeric"}, with_input("12345\n"));
  std::filesystem::remove_all(dir);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Try these again:        qkv quiz --missed --pack '" + path + "'"));
  // A plain path is repeated as it is; unsaved (--no-save), the missed ids are listed instead.
  const auto plain = run_qkv({"quiz", "--pack", kPack, "--id", "compute-numeric", "--no-save"},
                             with_input("12345\n"));
  CHECK(contains(plain.out, "qkv quiz --pack " + kPack + " --id quizfix/compute-numeric"));
}

TEST_CASE("quiz: skip, quit and help are commands, and ? is offered only where there are hints") {
  // Question 1 (roles-single) has hints; question 2 (roles-multi) has none.
  const auto r = run_qkv(quiz_args({"--json"}), with_input("skip\nhelp\n?\n\nquit\n"));
  CHECK(r.exit_code == 0);
  CHECK(contains(block_of(r.err, 1), "Skipped."));
  const std::string q2 = block_of(r.err, 2);
  CHECK(q2.find("Type ? for a hint") == std::string::npos);
  CHECK(contains(q2, "Type your answer. Answer with the letters of every option that applies"));
  CHECK(contains(q2, "skip        leave this question unanswered and go on"));
  CHECK(q2.find("? or hint") == std::string::npos);  // help offers no hint where there is none
  CHECK(contains(q2, "This question has no hints."));
  CHECK(contains(q2, "Type your answer, or help for what you can type here."));
  CHECK(q2.find("Not an answer") == std::string::npos);
  CHECK(contains(r.err, "Session ended by quit: 0 of 7 questions answered."));
  CHECK(contains(r.err, "Skipped (1): quizfix/roles-single"));
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["ended"] == "quit");
  CHECK(doc["skipped"] == nlohmann::json::array({"quizfix/roles-single"}));
  CHECK(doc["answered"] == 0);

  const auto hinted = run_qkv({"quiz", "--pack", kPack, "--id", "compute-short", "--seed", "1"},
                              with_input("help\nquit\n"));
  CHECK(contains(hinted.out, "Type ? for a hint."));
  CHECK(contains(hinted.out, "? or hint   the next hint"));
  CHECK(contains(hinted.out, "Session ended by quit"));
}
