#pragma once
// What a line typed during an exam means: an answer to the question on screen, or a command.
//   skip, s          leave this question for now: go to the next unanswered one
//   next, n          the next question        back, prev, p   the previous question
//   goto N, g N      question N (also "g3")
//   flag, f          flag this question for review (again: unflag)     unflag, u   unflag it
//   list, l          which questions are unanswered and which are flagged
//   submit           hand the paper in (asks for confirmation)
//   help, ?          the commands
// The words are always commands. A one-letter form that is also an answer to the question on
// screen is taken as the answer: "f" answers "false" to a true/false question, and "s", "f",
// "l"... are option letters of long choice questions; the word then does the command.
// Free-text (short answer) questions take the one-letter forms as commands.
#include <cstddef>
#include <string>
#include <string_view>

#include "session/presented.hpp"

namespace qkv::exam {

struct ExamCommand {
  enum class Kind { answer, skip, next, back, go_to, flag, unflag, list, submit, help, invalid };
  Kind kind = Kind::answer;
  std::size_t number = 0;  ///< go_to: the question number as typed (not checked against the paper)
  std::string text;        ///< answer: the line; invalid: what is wrong and what to type
};

/// Reads one line typed while `pq` is on screen. Case and surrounding spaces never matter.
/// Never throws: a command word with a bad argument ("goto x") is Kind::invalid with a message;
/// anything that is not a command is Kind::answer (ExamSession::answer then parses it).
ExamCommand parse_exam_command(const session::PresentedQuestion& pq, std::string_view line);

/// True when `reply` to a yes/no question means yes: "y" or "yes", any case.
bool is_yes(std::string_view reply);

}  // namespace qkv::exam
