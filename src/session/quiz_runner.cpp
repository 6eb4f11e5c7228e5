#include "session/quiz_runner.hpp"

#include "core/text.hpp"
#include "session/typed_answer.hpp"

namespace qkv::session {

const char* end_name(SessionEnd e) {
  switch (e) {
    case SessionEnd::completed:
      return "completed";
    case SessionEnd::end_of_input:
      return "end_of_input";
    case SessionEnd::interrupted:
      return "interrupted";
    case SessionEnd::quit:
      return "quit";
  }
  return "?";
}

bool is_hint_request(std::string_view input) {
  const std::string t = normalize_answer(input);
  return t == "?" || t == "hint";
}

StudyCommand study_command(std::string_view input, bool q_is_answer) {
  const std::string t = normalize_answer(input);
  if (t.empty()) return StudyCommand::empty;
  if (t == "?" || t == "hint") return StudyCommand::hint;
  if (t == "skip") return StudyCommand::skip;
  if (t == "quit" || (t == "q" && !q_is_answer)) return StudyCommand::quit;
  if (t == "help") return StudyCommand::help;
  return StudyCommand::none;
}

namespace {

Progress progress_of(const QuizSession& s, std::size_t number) {
  return Progress{
      .number = number, .total = s.size(), .answered = s.records().size(), .points = s.points()};
}

}  // namespace

SessionEnd run_quiz(QuizSession& session, Prompter& prompter, const AfterAnswer& after_answer) {
  while (!session.finished()) {
    const std::size_t number = session.position() + 1;
    prompter.show_question(session.current(), progress_of(session, number));
    for (;;) {
      Input in = prompter.read_answer();
      if (in.status == Input::Status::end_of_input) return SessionEnd::end_of_input;
      if (in.status == Input::Status::interrupted) return SessionEnd::interrupted;
      if (in.status == Input::Status::time_up) continue;  // a quiz has no time limit
      const bool q_is_answer = parse_answer(session.current(), in.text).ok();
      const StudyCommand cmd = study_command(in.text, q_is_answer);
      if (cmd == StudyCommand::quit) return SessionEnd::quit;
      if (cmd == StudyCommand::empty || cmd == StudyCommand::help) {
        prompter.show_notice(cmd == StudyCommand::help ? Notice::help : Notice::empty_line, "");
        continue;
      }
      if (cmd == StudyCommand::skip) {
        session.skip();
        prompter.show_notice(Notice::skipped, "");
        break;
      }
      if (cmd == StudyCommand::hint) {
        if (auto hint = session.next_hint()) {
          prompter.show_notice(Notice::hint, *hint);
        } else {
          prompter.show_notice(Notice::no_more_hints, "");
        }
        continue;
      }
      const AnswerOutcome out = session.answer(in.text);
      if (!out.accepted()) {
        prompter.show_notice(Notice::invalid_answer, out.error);
        continue;
      }
      prompter.show_result(*out.record, progress_of(session, number));
      if (after_answer) after_answer(*out.record);
      break;
    }
  }
  return SessionEnd::completed;
}

}  // namespace qkv::session
