// The QuizSession and the quiz loop: answers, parse errors that change nothing, hints, timing from
// the injected clock, early ends, and the summary.
#include <doctest/doctest.h>

#include <chrono>
#include <deque>

#include "session/quiz_runner.hpp"
#include "session/session.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv_test;
using namespace std::chrono_literals;

namespace {

// Three questions: single (c1), true/false (c1, c2), numeric (c2). Options in pack order.
struct Fixture {
  Question single = single_q();
  Question tf = true_false_q(true);
  Question num = numeric_q(0.5, 0.01, qkv::ToleranceKind::absolute);
  qkv::FakeClock clock;
  qkv::Rng rng{11};
  Fixture() {
    single.hints = {"first hint", "second hint"};
    tf.concepts = {"c1", "c2"};
    num.concepts = {"c2"};
  }
  std::vector<const Question*> questions() const { return {&single, &tf, &num}; }
};

// A Prompter that replays scripted lines and records what it was asked to show.
class ScriptedPrompter : public Prompter {
 public:
  explicit ScriptedPrompter(std::deque<Input> script) : script_(std::move(script)) {}
  void show_question(const PresentedQuestion& pq, const Progress& p) override {
    log.push_back("question " + pq.question->id + " " + std::to_string(p.number) + "/" +
                  std::to_string(p.total) + " answered " + std::to_string(p.answered));
  }
  Input read_answer() override {
    if (script_.empty()) return Input{Input::Status::end_of_input, ""};
    Input in = script_.front();
    script_.pop_front();
    return in;
  }
  void show_notice(Notice kind, std::string_view text) override {
    const char* k = kind == Notice::hint            ? "hint"
                    : kind == Notice::no_more_hints ? "no more hints"
                                                    : "invalid";
    log.push_back(std::string(k) + ": " + std::string(text));
  }
  void show_result(const Record& r, const Progress& p) override {
    log.push_back(std::string(r.result.correct ? "right" : "wrong") + " " + r.given + " points " +
                  std::to_string(p.points));
  }
  std::vector<std::string> log;

 private:
  std::deque<Input> script_;
};

Input line(std::string s) {
  return Input{Input::Status::line, std::move(s)};
}

}  // namespace

TEST_CASE("a session yields its questions in order and grades each answer") {
  Fixture f;
  QuizSession s(f.questions(), f.rng, f.clock,
                SessionOptions{.option_order = OptionOrder::as_written});
  REQUIRE(s.size() == 3);
  CHECK(s.current().question->id == "single-1");
  const auto bad = s.answer("z");
  CHECK_FALSE(bad.accepted());
  CHECK(bad.error.find("'z' is not one of the options") != std::string::npos);
  CHECK(s.position() == 0);  // a parse error is not an answer

  f.clock.advance(4s);
  const auto first = s.answer("b");
  REQUIRE(first.accepted());
  CHECK(first.record->result.correct);
  CHECK(first.record->seconds == doctest::Approx(4.0));
  CHECK(s.current().question->id == "tf-1");
  f.clock.advance(2s);
  CHECK_FALSE(s.answer("f").record->result.correct);
  f.clock.advance(1s);
  CHECK(s.answer("1/2").record->result.correct);
  CHECK(s.finished());
  CHECK(s.points() == doctest::Approx(2.0));
  const auto sum = s.summary();
  CHECK(sum.seconds == doctest::Approx(7.0));
}

TEST_CASE("the summary counts score, concepts (every concept a question lists) and misses") {
  Fixture f;
  QuizSession s(f.questions(), f.rng, f.clock,
                SessionOptions{.option_order = OptionOrder::as_written});
  REQUIRE(s.answer("b").accepted());    // single, c1: right
  REQUIRE(s.answer("f").accepted());    // tf, c1+c2: wrong
  REQUIRE(s.answer("0.7").accepted());  // numeric, c2: wrong
  const auto sum = s.summary();
  CHECK(sum.planned == 3);
  CHECK(sum.answered == 3);
  CHECK(sum.correct == 1);
  CHECK(sum.points == doctest::Approx(1.0));
  CHECK(sum.missed == std::vector<std::string>{"t/tf-1", "t/num-1"});
  REQUIRE(sum.by_concept.size() == 2);
  CHECK(sum.by_concept[0].id == "c1");
  CHECK(sum.by_concept[0].answered == 2);
  CHECK(sum.by_concept[0].correct == 1);
  CHECK(sum.by_concept[0].missed == std::vector<std::string>{"t/tf-1"});
  CHECK(sum.by_concept[1].id == "c2");
  CHECK(sum.by_concept[1].answered == 2);
  CHECK(sum.by_concept[1].correct == 0);
  CHECK(sum.by_concept[1].points == 0.0);
}

TEST_CASE("hints are given in order, then run out, and are recorded against the question") {
  Fixture f;
  QuizSession s(f.questions(), f.rng, f.clock);
  CHECK(s.next_hint() == std::optional<std::string>("first hint"));
  CHECK(s.next_hint() == std::optional<std::string>("second hint"));
  CHECK(s.next_hint() == std::nullopt);
  CHECK(s.hints_used() == 2);
  const auto& pq = s.current();
  std::size_t right = 0;
  while (pq.choices[right] != 1) ++right;
  const auto out = s.answer(position_label(right));
  REQUIRE(out.accepted());
  CHECK(out.record->hints_used == 2);
  CHECK(s.hints_used() == 0);            // the next question starts without
  CHECK(s.next_hint() == std::nullopt);  // the true/false question has none
  CHECK(s.summary().hinted == std::vector<std::string>{"t/single-1"});
}

TEST_CASE("the same seed lays the session out the same way") {
  Fixture f;
  qkv::Rng a(5), b(5);
  QuizSession s1(f.questions(), a, f.clock), s2(f.questions(), b, f.clock);
  for (std::size_t i = 0; i < s1.size(); ++i)
    CHECK(s1.questions()[i].choices == s2.questions()[i].choices);
}

TEST_CASE("run_quiz: invalid input is re-asked, hints on '?' and 'hint', results shown") {
  Fixture f;
  QuizSession s(f.questions(), f.rng, f.clock,
                SessionOptions{.option_order = OptionOrder::as_written});
  ScriptedPrompter p({line("?"), line("e"), line("HINT"), line("?"), line("b"), line("maybe"),
                      line("t"), line("0.5")});
  CHECK(run_quiz(s, p) == SessionEnd::completed);
  const std::vector<std::string> expected = {
      "question single-1 1/3 answered 0",
      "hint: first hint",
      "invalid: 'e' is not one of the options. Answer with the letter of one option (a-d).",
      "hint: second hint",
      "no more hints: ",
      "right b points 1.000000",
      "question tf-1 2/3 answered 1",
      "invalid: 'maybe' is neither true nor false. Answer t (true) or f (false).",
      "right t points 2.000000",
      "question num-1 3/3 answered 2",
      "right 0.5 points 3.000000",
  };
  CHECK(p.log == expected);
  CHECK(s.summary().hinted == std::vector<std::string>{"t/single-1"});
}

TEST_CASE("run_quiz: end of input mid-session keeps what was answered") {
  Fixture f;
  QuizSession s(f.questions(), f.rng, f.clock,
                SessionOptions{.option_order = OptionOrder::as_written});
  ScriptedPrompter p({line("a"), line("nonsense")});
  CHECK(run_quiz(s, p) == SessionEnd::end_of_input);
  const auto sum = s.summary();
  CHECK(sum.planned == 3);
  CHECK(sum.answered == 1);
  CHECK(sum.missed == std::vector<std::string>{"t/single-1"});
}

TEST_CASE("run_quiz: an interrupt ends the session at once") {
  Fixture f;
  QuizSession s(f.questions(), f.rng, f.clock,
                SessionOptions{.option_order = OptionOrder::as_written});
  ScriptedPrompter p({line("b"), Input{Input::Status::interrupted, ""}, line("t")});
  CHECK(run_quiz(s, p) == SessionEnd::interrupted);
  CHECK(s.summary().answered == 1);
  CHECK(s.summary().correct == 1);
}

TEST_CASE("is_hint_request") {
  CHECK(is_hint_request("?"));
  CHECK(is_hint_request(" Hint "));
  CHECK_FALSE(is_hint_request("hints"));
  CHECK_FALSE(is_hint_request("a?"));
}
