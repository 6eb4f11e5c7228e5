#include "exam/runner.hpp"

#include <string>

#include "exam/command.hpp"

namespace qkv::exam {

namespace {

enum class Reply { yes, no, input_ended, interrupted };

Reply ask(ExamPrompter& prompter, Confirmation what, const ExamSession& exam) {
  const session::Input in = prompter.confirm(what, exam);
  switch (in.status) {
    case session::Input::Status::end_of_input:
      return Reply::input_ended;
    case session::Input::Status::interrupted:
      return Reply::interrupted;
    case session::Input::Status::time_up:  // the caller sees the time ran out
      return Reply::no;
    case session::Input::Status::line:
      break;
  }
  return is_yes(in.text) ? Reply::yes : Reply::no;
}

class Loop {
 public:
  Loop(ExamSession& exam, ExamPrompter& prompter, OnInterrupt on_interrupt)
      : exam_(exam), prompter_(prompter), on_interrupt_(on_interrupt) {}

  ExamEnd run() {
    while (!exam_.submitted()) {
      if (time_ran_out()) break;
      if (!offered_ && exam_.answered_count() == exam_.size()) {
        offered_ = true;
        say(ExamNotice::all_answered);
        if (settle(ask(prompter_, Confirmation::all_answered, exam_))) break;
      }
      if (show_) {
        prompter_.show_question(exam_.current(), exam_progress(exam_));
        show_ = false;
      }
      const session::Input in = prompter_.read_answer();
      if (time_ran_out()) break;  // whatever was typed after the limit does not count
      if (in.status == session::Input::Status::time_up) continue;
      if (in.status == session::Input::Status::end_of_input) {
        // At a terminal Ctrl-D may be a slip, as Ctrl-C may: ask. From a pipe, submit.
        if (on_interrupt_ == OnInterrupt::confirm) {
          if (settle(ask(prompter_, Confirmation::after_end_of_input, exam_))) break;
          continue;
        }
        end(ExamEnd::end_of_input, ExamNotice::input_ended);
        break;
      }
      if (in.status == session::Input::Status::interrupted) {
        if (on_interrupt_ == OnInterrupt::submit) {
          end(ExamEnd::interrupted, ExamNotice::interrupted);
          break;
        }
        if (settle(ask(prompter_, Confirmation::after_interrupt, exam_))) break;
        continue;
      }
      act(parse_exam_command(exam_.current(), in.text));
      if (exam_.submitted() && exam_.result().end == ExamEnd::time_up) say(ExamNotice::time_up);
    }
    return exam_.result().end;
  }

 private:
  void say(ExamNotice kind, std::string_view text = "") {
    prompter_.show_exam_notice(kind, exam_, text);
  }

  bool time_ran_out() {
    if (exam_.submitted() || !exam_.check_time()) return false;
    say(ExamNotice::time_up);
    return true;
  }

  void end(ExamEnd why, ExamNotice notice) {
    exam_.submit(why);
    say(notice);
  }

  // Acts on the reply to a confirmation; true when the paper is now submitted.
  bool settle(Reply reply) {
    if (time_ran_out()) return true;  // the time ran out while the question was asked
    switch (reply) {
      case Reply::yes:
        exam_.submit(ExamEnd::submitted);
        return true;
      case Reply::input_ended:
        end(ExamEnd::end_of_input, ExamNotice::input_ended);
        return true;
      case Reply::interrupted:
        end(ExamEnd::interrupted, ExamNotice::interrupted);
        return true;
      case Reply::no:
        say(ExamNotice::not_submitted);
        show_ = true;
        return false;
    }
    return false;
  }

  void act(const ExamCommand& cmd) {
    const std::string number = std::to_string(exam_.position() + 1);
    switch (cmd.kind) {
      case ExamCommand::Kind::answer: {
        const bool first_answer = !exam_.state(exam_.position()).answer.has_value();
        const ExamAnswerOutcome out = exam_.answer(cmd.text);
        if (out.status == ExamStatus::invalid) {
          prompter_.show_notice(session::Notice::invalid_answer, out.error);
        } else if (out.status == ExamStatus::done) {
          say(ExamNotice::recorded, number);
          if (first_answer) offered_ = false;  // a new answer may complete the paper
          show_ = true;
        }
        return;
      }
      case ExamCommand::Kind::skip:
        show_ = exam_.skip() == ExamStatus::done;
        return;
      case ExamCommand::Kind::next:
        if (exam_.next() == ExamStatus::invalid) return say(ExamNotice::at_last);
        show_ = true;
        return;
      case ExamCommand::Kind::back:
        if (exam_.back() == ExamStatus::invalid) return say(ExamNotice::at_first);
        show_ = true;
        return;
      case ExamCommand::Kind::go_to:
        if (exam_.go_to(cmd.number) == ExamStatus::invalid)
          return say(ExamNotice::no_such_question, std::to_string(cmd.number));
        show_ = true;
        return;
      case ExamCommand::Kind::flag:
        if (exam_.flag(FlagAction::toggle) == ExamStatus::done)
          say(exam_.state(exam_.position()).flagged ? ExamNotice::flagged : ExamNotice::unflagged,
              number);
        return;
      case ExamCommand::Kind::unflag:
        if (exam_.flag(FlagAction::clear) == ExamStatus::done) say(ExamNotice::unflagged, number);
        return;
      case ExamCommand::Kind::list:
        prompter_.show_paper(exam_);
        show_ = true;
        return;
      case ExamCommand::Kind::submit:
        settle(ask(prompter_, Confirmation::submit, exam_));
        return;
      case ExamCommand::Kind::help:
        prompter_.show_commands();
        return;
      case ExamCommand::Kind::invalid:
        say(ExamNotice::invalid_command, cmd.text);
        return;
    }
  }

  ExamSession& exam_;
  ExamPrompter& prompter_;
  OnInterrupt on_interrupt_;
  bool show_ = true;      // show the question on screen before reading the next line
  bool offered_ = false;  // asked to submit since the paper was last completed
};

}  // namespace

session::Progress exam_progress(const ExamSession& exam) {
  session::Progress p;
  p.number = exam.position() + 1;
  p.total = exam.size();
  p.answered = exam.answered_count();
  p.kind = session::Progress::Kind::exam;
  p.flagged = exam.flagged_count();
  p.time_left = exam.time_left();
  if (const auto& st = exam.state(exam.position()); st.answer) p.recorded = st.given;
  return p;
}

ExamEnd run_exam(ExamSession& exam, ExamPrompter& prompter, OnInterrupt on_interrupt) {
  return Loop(exam, prompter, on_interrupt).run();
}

}  // namespace qkv::exam
