#include "session/quiz_runner.hpp"

#include "term/text.hpp"

namespace qkv::session {

const char* end_name(SessionEnd e) {
  switch (e) {
    case SessionEnd::completed:
      return "completed";
    case SessionEnd::end_of_input:
      return "end_of_input";
    case SessionEnd::interrupted:
      return "interrupted";
  }
  return "?";
}

bool is_hint_request(std::string_view input) {
  const std::string t = term::normalize_answer(input);
  return t == "?" || t == "hint";
}

namespace {

Progress progress_of(const Session& s, std::size_t number) {
  return Progress{
      .number = number, .total = s.size(), .answered = s.records().size(), .points = s.points()};
}

}  // namespace

SessionEnd run_quiz(Session& session, Prompter& prompter, const AfterAnswer& after_answer) {
  while (!session.finished()) {
    const std::size_t number = session.position() + 1;
    prompter.show_question(session.current(), progress_of(session, number));
    for (;;) {
      Input in = prompter.read_answer();
      if (in.status == Input::Status::end_of_input) return SessionEnd::end_of_input;
      if (in.status == Input::Status::interrupted) return SessionEnd::interrupted;
      if (is_hint_request(in.text)) {
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
