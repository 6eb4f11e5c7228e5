// The exam loop over a scripted ExamPrompter: commands and answers told apart, navigation,
// submission with confirmation, the end of input, Ctrl-C in and out of a terminal, and the time
// running out between two lines (a FakeClock moved by the script).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <deque>

#include "exam/command.hpp"
#include "exam/runner.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv::exam;
using namespace qkv_test;
using namespace std::chrono_literals;

namespace {

struct Step {
  Input input;
  std::chrono::milliseconds advance{0};  // moved on the clock after this line is read
};

Step line(std::string s, std::chrono::milliseconds advance = 0ms) {
  return Step{Input{Input::Status::line, std::move(s)}, advance};
}
Step eof() {
  return Step{Input{Input::Status::end_of_input, ""}, 0ms};
}
Step ctrl_c() {
  return Step{Input{Input::Status::interrupted, ""}, 0ms};
}

const char* notice_name(ExamNotice n) {
  switch (n) {
    case ExamNotice::recorded:
      return "recorded";
    case ExamNotice::flagged:
      return "flagged";
    case ExamNotice::unflagged:
      return "unflagged";
    case ExamNotice::at_first:
      return "at_first";
    case ExamNotice::at_last:
      return "at_last";
    case ExamNotice::no_such_question:
      return "no_such_question";
    case ExamNotice::invalid_command:
      return "invalid_command";
    case ExamNotice::not_submitted:
      return "not_submitted";
    case ExamNotice::all_answered:
      return "all_answered";
    case ExamNotice::time_up:
      return "time_up";
    case ExamNotice::interrupted:
      return "interrupted";
    case ExamNotice::input_ended:
      return "input_ended";
  }
  return "?";
}

// Replays a script and logs everything it is asked to show, one line per event.
class ScriptedExam : public ExamPrompter {
 public:
  ScriptedExam(std::deque<Step> script, qkv::FakeClock& clock)
      : script_(std::move(script)), clock_(clock) {}
  void show_question(const PresentedQuestion& pq, const Progress& p) override {
    CHECK(p.kind == Progress::Kind::exam);
    log.push_back("Q" + std::to_string(p.number) + " " + pq.question->id + " answered " +
                  std::to_string(p.answered) + " flagged " + std::to_string(p.flagged) +
                  (p.time_left ? " left " + std::to_string(p.time_left->count()) : ""));
  }
  Input read_answer() override {
    if (script_.empty()) return Input{Input::Status::end_of_input, ""};
    Step s = script_.front();
    script_.pop_front();
    clock_.advance(s.advance);
    return s.input;
  }
  void show_notice(Notice, std::string_view text) override {
    log.push_back("invalid answer: " + std::string(text.substr(0, text.find('.'))));
  }
  void show_result(const Record&, const Progress&) override { log.push_back("FEEDBACK"); }
  void show_exam_notice(ExamNotice kind, const ExamSession&, std::string_view text) override {
    log.push_back(std::string(notice_name(kind)) + (text.empty() ? "" : " " + std::string(text)));
  }
  void show_paper(const ExamSession& exam) override {
    log.push_back("list unanswered " + std::to_string(exam.unanswered().size()) + " flagged " +
                  std::to_string(exam.flagged_count()));
  }
  void show_commands() override { log.push_back("help"); }
  Input confirm(Confirmation what, const ExamSession& exam) override {
    log.push_back(std::string(what == Confirmation::submit         ? "confirm submit "
                              : what == Confirmation::all_answered ? "confirm all answered "
                                                                   : "confirm after ctrl-c ") +
                  std::to_string(exam.unanswered().size()));
    return read_answer();
  }
  std::vector<std::string> log;

 private:
  std::deque<Step> script_;
  qkv::FakeClock& clock_;
};

// single (b right), true/false (false), short (softmax); options as written, 5-minute limit.
struct Fixture {
  Question single = single_q();
  Question tf = true_false_q(false);
  Question text = short_q();
  qkv::FakeClock clock;
  qkv::Rng rng{9};
  std::vector<const Question*> questions() const { return {&single, &tf, &text}; }
  ExamOptions options() const {
    ExamOptions o;
    o.time_limit = 5min;
    o.option_order = OptionOrder::as_written;
    return o;
  }
};

bool logged(const std::vector<std::string>& log, const std::string& entry) {
  if (std::find(log.begin(), log.end(), entry) != log.end()) return true;
  MESSAGE("not logged: " << entry);
  return false;
}

}  // namespace

TEST_CASE("exam commands: words always, one letter only when it is not an answer") {
  Fixture f;
  qkv::Rng rng(1);
  const auto single = present(f.single, rng, {OptionOrder::as_written});
  const auto tf = present(f.tf, rng);
  const auto text = present(f.text, rng);
  using K = ExamCommand::Kind;
  CHECK(parse_exam_command(single, "skip").kind == K::skip);
  CHECK(parse_exam_command(single, " S ").kind == K::skip);
  CHECK(parse_exam_command(single, "f").kind == K::flag);  // 4 options: f is no letter
  CHECK(parse_exam_command(tf, "f").kind == K::answer);    // f is false here
  CHECK(parse_exam_command(tf, "flag").kind == K::flag);
  CHECK(parse_exam_command(tf, "n").kind == K::answer);  // n is "no"
  CHECK(parse_exam_command(text, "s").kind == K::skip);  // free text: commands win
  CHECK(parse_exam_command(text, "skip").kind == K::skip);
  CHECK(parse_exam_command(single, "goto 3").kind == K::go_to);
  CHECK(parse_exam_command(single, "goto 3").number == 3);
  CHECK(parse_exam_command(single, "g3").number == 3);
  CHECK(parse_exam_command(single, "G 12").number == 12);
  CHECK(parse_exam_command(single, "goto x").kind == K::invalid);
  CHECK(parse_exam_command(single, "goto").text.find("goto 3") != std::string::npos);
  CHECK(parse_exam_command(single, "b").kind == K::answer);
  CHECK(parse_exam_command(single, "submit").kind == K::submit);
  CHECK(parse_exam_command(single, "?").kind == K::help);
  CHECK(parse_exam_command(single, "l").kind == K::list);
  CHECK(parse_exam_command(single, "back").kind == K::back);
  CHECK(parse_exam_command(single, "u").kind == K::unflag);
  CHECK(is_yes("Y"));
  CHECK(is_yes(" yes "));
  CHECK_FALSE(is_yes(""));
  CHECK_FALSE(is_yes("n"));
}

TEST_CASE("sitting a paper: skip, flag, list, goto, a declined and then a confirmed submit") {
  Fixture f;
  ExamSession exam(f.questions(), f.rng, f.clock, f.options());
  ScriptedExam p({line("s"), line("f"), line("flag"), line("l"), line("g 1"), line("a"),
                  line("g 9"), line("next"), line("next"), line("submit"), line("n"),
                  line("goto two"), line("help"), line("submit"), line("y")},
                 f.clock);
  CHECK(run_exam(exam, p, OnInterrupt::submit) == ExamEnd::submitted);
  const auto& log = p.log;
  CHECK(logged(log, "Q2 tf-1 answered 0 flagged 0 left 300"));
  CHECK(logged(log, "recorded 2"));  // "f" answered the true/false question
  CHECK(logged(log, "Q3 short-1 answered 1 flagged 0 left 300"));
  CHECK(logged(log, "flagged 3"));
  CHECK(logged(log, "list unanswered 2 flagged 1"));
  CHECK(logged(log, "recorded 1"));
  CHECK(logged(log, "no_such_question 9"));
  CHECK(logged(log, "at_last"));
  CHECK(logged(log, "confirm submit 1"));
  CHECK(logged(log, "not_submitted"));
  CHECK(logged(log, "invalid_command 'goto two' needs a question number: goto 3 (or g 3)"));
  CHECK(logged(log, "help"));
  CHECK(std::count(log.begin(), log.end(), "FEEDBACK") == 0);  // no feedback before the end
  const ExamResult& r = exam.result();
  CHECK(r.answered == 2);
  CHECK(r.questions[0].given == "a");
  CHECK(r.questions[1].given == "f");
  CHECK(r.questions[1].result.correct);
  CHECK(r.questions[2].flagged);
  CHECK_FALSE(r.questions[2].answered);
}

TEST_CASE("answering the last question offers to submit; no goes on, yes submits") {
  Fixture f;
  ExamSession exam(f.questions(), f.rng, f.clock, f.options());
  ScriptedExam p({line("b"), line("f"), line("soft max"), line("n"), line("g 1"), line("c"),
                  line("submit"), line("yes")},
                 f.clock);
  CHECK(run_exam(exam, p, OnInterrupt::submit) == ExamEnd::submitted);
  CHECK(logged(p.log, "all_answered"));
  CHECK(logged(p.log, "confirm all answered 0"));
  CHECK(logged(p.log, "confirm submit 0"));
  // Changing an answer does not ask again; only "submit" did.
  CHECK(std::count(p.log.begin(), p.log.end(), "confirm all answered 0") == 1);
  const ExamResult& r = exam.result();
  CHECK(r.score == 2.0);  // c is wrong, f and "soft max" right
  CHECK(r.questions[0].given == "c");
}

TEST_CASE("the end of input submits the paper as it stands") {
  Fixture f;
  ExamSession exam(f.questions(), f.rng, f.clock, f.options());
  ScriptedExam p({line("b"), eof()}, f.clock);
  CHECK(run_exam(exam, p, OnInterrupt::confirm) == ExamEnd::end_of_input);
  CHECK(logged(p.log, "input_ended"));
  CHECK(exam.result().answered == 1);
  CHECK(exam.result().score == 1.0);

  Fixture g;  // ... also when it comes instead of a reply to "Submit?"
  ExamSession other(g.questions(), g.rng, g.clock, g.options());
  ScriptedExam q({line("submit"), eof()}, g.clock);
  CHECK(run_exam(other, q, OnInterrupt::confirm) == ExamEnd::end_of_input);
}

TEST_CASE("Ctrl-C submits at once outside a terminal, and asks first in one") {
  {
    Fixture f;
    ExamSession exam(f.questions(), f.rng, f.clock, f.options());
    ScriptedExam p({line("b"), ctrl_c(), line("y")}, f.clock);
    CHECK(run_exam(exam, p, OnInterrupt::submit) == ExamEnd::interrupted);
    CHECK(logged(p.log, "interrupted"));
    CHECK(std::none_of(p.log.begin(), p.log.end(),
                       [](const std::string& s) { return s.rfind("confirm", 0) == 0; }));
  }
  {
    Fixture f;
    ExamSession exam(f.questions(), f.rng, f.clock, f.options());
    ScriptedExam p({line("b"), ctrl_c(), line("n"), line("f"), ctrl_c(), line("y")}, f.clock);
    CHECK(run_exam(exam, p, OnInterrupt::confirm) == ExamEnd::submitted);
    CHECK(std::count(p.log.begin(), p.log.end(), "confirm after ctrl-c 2") == 1);
    CHECK(std::count(p.log.begin(), p.log.end(), "confirm after ctrl-c 1") == 1);
    CHECK(exam.result().answered == 2);  // "n" declined, the paper went on
  }
  {
    Fixture f;  // a second Ctrl-C instead of a reply submits
    ExamSession exam(f.questions(), f.rng, f.clock, f.options());
    ScriptedExam p({ctrl_c(), ctrl_c()}, f.clock);
    CHECK(run_exam(exam, p, OnInterrupt::confirm) == ExamEnd::interrupted);
  }
}

TEST_CASE("time running out between two lines: the late line does not count") {
  Fixture f;
  ExamSession exam(f.questions(), f.rng, f.clock, f.options());
  // 2 minutes per line: the third line is read at 6:00, after the 5:00 limit.
  ScriptedExam p({line("b", 2min), line("f", 2min), line("softmax", 2min), line("y")}, f.clock);
  CHECK(run_exam(exam, p, OnInterrupt::submit) == ExamEnd::time_up);
  CHECK(logged(p.log, "Q2 tf-1 answered 1 flagged 0 left 180"));
  CHECK(logged(p.log, "Q3 short-1 answered 2 flagged 0 left 60"));
  CHECK(logged(p.log, "time_up"));
  const ExamResult& r = exam.result();
  CHECK(r.answered == 2);
  CHECK(r.score == 2.0);
  CHECK(r.seconds_used == doctest::Approx(300.0));
  CHECK_FALSE(r.questions[2].answered);
}
