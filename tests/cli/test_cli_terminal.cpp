// End-to-end at a terminal: qkv runs in a pseudo-terminal (tests/cli/pty.hpp) with TERM=xterm,
// as a learner at a terminal runs it: line editing and history at the prompts, Tab completion,
// the exam's clock running while nobody types, and Ctrl-D asking before an exam is submitted.
// Piped input is covered by the other tests and must stay as it was.
#include <doctest/doctest.h>

#include "db_query.hpp"
#include "helpers.hpp"
#include "pty.hpp"
#include "support/temp_dir.hpp"

using qkv_test::data_path;
using qkv_test::PtyOptions;
using qkv_test::PtySession;
namespace keys = qkv_test::keys;

namespace {

const std::string kQuizPack = data_path("quiz/pack.json");
const std::string kExamPack = data_path("exam/pack.json");

// The fixture exam "quick": roles-1 (a is right), scores-3 (b), softmax-1 (short: softmax), in
// that order, pass mark 60.
std::vector<std::string> quick_exam(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"exam", "--pack", kExamPack, "--exam", "quick", "--seed", "3"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// What the screen showed, for a failed check.
std::string screen(const PtySession& s) {
  std::string out;
  for (const auto& l : s.lines()) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("terminal: the arrow keys and Home edit the answer instead of typing escape codes") {
  PtySession s({"quiz", "--pack", kQuizPack, "--id", "compute-short", "--seed", "1"});
  REQUIRE(s.expect("> "));
  // "sftmx", then Left and "a" makes "sftmax"; Home, Right and "o" make "softmax".
  s.send("sftmx");
  s.send(keys::left);
  s.send("a");
  s.send(keys::home);
  s.send(keys::right);
  s.send("o");
  s.send(keys::enter);
  CAPTURE(screen(s));
  CHECK(s.expect("Right."));
  // At a terminal the answer is then rated (progress goes to the scratch home): Enter keeps it.
  REQUIRE(s.expect("Rated Good. Enter keeps it, e = Easy, h = Hard: "));
  s.send(keys::enter);
  CHECK(s.wait_exit() == 0);
  CHECK(s.text().find("^[[D") == std::string::npos);
  CHECK(s.text().find("You answered: softmax") == std::string::npos);  // right: no echo needed
}

TEST_CASE("terminal: after the feedback, e rates the answer Easy and h Hard; --no-rate asks nothing") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  {
    PtySession s({"quiz", "--pack", kQuizPack, "--id", "compute-short", "--seed", "1", "--db", db});
    REQUIRE(s.expect("> "));
    s.send_line("softmax");
    CAPTURE(screen(s));
    REQUIRE(s.expect("Rated Good. Enter keeps it, e = Easy, h = Hard: "));
    s.send_line("x");
    REQUIRE(s.expect("Type e, h, or press Enter."));
    REQUIRE(s.expect("Rated Good."));
    s.send_line("e");
    CHECK(s.expect("Saved 1 answer to "));
    CHECK(s.wait_exit() == 0);
  }
  {
    PtySession s({"quiz", "--pack", kQuizPack, "--id", "compute-short", "--seed", "1", "--db", db});
    REQUIRE(s.expect("> "));
    s.send_line("softmax");
    REQUIRE(s.expect("Rated Good."));
    s.send_line("h");
    CHECK(s.expect("Saved 1 answer to "));
    CHECK(s.wait_exit() == 0);
  }
  {
    PtySession s({"quiz", "--pack", kQuizPack, "--id", "compute-short", "--seed", "1", "--db", db,
                  "--no-rate"});
    REQUIRE(s.expect("> "));
    s.send_line("softmax");
    CAPTURE(screen(s));
    CHECK(s.expect("Saved 1 answer to "));
    CHECK(s.wait_exit() == 0);
    CHECK(s.text().find("Rated") == std::string::npos);
  }
  // The log keeps the ratings chosen: Easy (4), Hard (2), then Good (3) as suggested.
  CHECK(qkv_test::query_text(db, "SELECT group_concat(rating, ',') FROM (SELECT rating FROM "
                                 "reviews ORDER BY id)") == "4,2,3");
}

TEST_CASE("terminal: Up recalls an earlier answer of the session") {
  PtySession s(quick_exam());
  REQUIRE(s.expect("Question 1/3"));
  s.send_line("b");  // wrong for question 1
  REQUIRE(s.expect("Question 2/3"));
  s.send(keys::up);  // "b" again: right for question 2
  s.send(keys::enter);
  REQUIRE(s.expect("Answer to question 2 recorded."));
  REQUIRE(s.expect("Question 3/3"));
  s.send_line("softmax");
  REQUIRE(s.expect("Submit the paper now? [y/N]"));
  s.send_line("y");
  CAPTURE(screen(s));
  CHECK(s.expect("Mark: 2/3"));
  CHECK(s.wait_exit() == 0);
}

TEST_CASE("terminal: Tab completes the exam's commands") {
  PtySession s(quick_exam());
  REQUIRE(s.expect("Question 1/3"));
  REQUIRE(s.expect("> "));
  s.send("subm");
  s.send(keys::tab);
  s.send(keys::enter);
  CAPTURE(screen(s));
  CHECK(s.expect("Submit with 3 unanswered? [y/N]"));
  s.send_line("n");
  CHECK(s.expect("Not submitted."));
  // Two candidates: Tab lists them and leaves the line as it was.
  s.send("s");
  s.send(keys::tab);
  CHECK(s.expect("skip  submit"));
  s.send(keys::ctrl_c);
  CHECK(s.expect("Submit the paper now (n carries on)? [y/N]"));
  s.send_line("y");
  CHECK(s.wait_exit() == 1);
}

TEST_CASE("terminal: the exam is submitted when the time runs out, without a key press") {
  PtySession s(quick_exam({"--time-limit", "2s"}));
  REQUIRE(s.expect("Question 1/3"));
  s.send_line("a");
  REQUIRE(s.expect("Answer to question 1 recorded."));
  s.send("b");  // typed, never entered: it must not count
  CAPTURE(screen(s));
  CHECK(s.expect("Time is up: the paper was submitted as it stood.", 6.0));
  CHECK(s.expect("Result: 1 of 3 questions answered (submitted when the time was up)."));
  CHECK(s.expect("Mark: 1/3"));
  CHECK(s.wait_exit() == 1);
  // The notice comes before the result.
  const std::string t = s.text();
  CHECK(t.find("Time is up") < t.find("Result:"));
}

TEST_CASE("terminal: a warning at one minute left does not break the line being typed") {
  PtySession s(quick_exam({"--time-limit", "62s"}));
  REQUIRE(s.expect("Question 1/3"));
  REQUIRE(s.expect("> "));
  s.send("a");  // typing, not entered yet
  CAPTURE(screen(s));
  REQUIRE(s.expect("Time left: ", 6.0));
  CHECK(s.expect("The paper is submitted as it stands when the time is up."));
  s.send(keys::enter);  // the "a" typed before the warning is still the line
  CHECK(s.expect("Answer to question 1 recorded."));
  s.send(keys::ctrl_c);
  REQUIRE(s.expect("[y/N]"));
  s.send_line("y");
  CHECK(s.expect("Mark: 1/3"));
  CHECK(s.wait_exit() == 1);
}

TEST_CASE("terminal: Ctrl-D in an exam asks before submitting") {
  PtySession s(quick_exam());
  REQUIRE(s.expect("Question 1/3"));
  REQUIRE(s.expect("> "));
  s.send(keys::ctrl_d);
  CAPTURE(screen(s));
  REQUIRE(s.expect("Submit the paper now (n carries on)? [y/N]"));
  s.send_line("n");
  REQUIRE(s.expect("Not submitted."));
  s.send_line("a");
  REQUIRE(s.expect("Answer to question 1 recorded."));
  // As a person would: wait for the next question's prompt before pressing Ctrl-D. A key sent
  // while qkv is still printing reaches the terminal between two line editors and can be lost.
  REQUIRE(s.expect("Question 2/3"));
  REQUIRE(s.expect("> "));
  s.send(keys::ctrl_d);
  REQUIRE(s.expect("[y/N]"));
  s.send_line("y");
  CHECK(s.expect("Result: 1 of 3 questions answered (submitted)."));
  CHECK(s.wait_exit() == 1);
}

TEST_CASE("terminal: back to an answered question shows the recorded answer") {
  PtySession s(quick_exam());
  REQUIRE(s.expect("Question 1/3"));
  s.send_line("b");
  REQUIRE(s.expect("Question 2/3"));
  s.send_line("back");
  CAPTURE(screen(s));
  REQUIRE(s.expect("Question 1/3"));
  CHECK(s.expect("Your answer: b (type another answer to change it, or next to keep it)"));
  s.send_line("a");
  CHECK(s.expect("Answer to question 1 recorded."));
  s.send(keys::ctrl_c);
  REQUIRE(s.expect("[y/N]"));
  s.send_line("y");
  CHECK(s.expect("Mark: 1/3"));
  CHECK(s.wait_exit() == 1);
}
