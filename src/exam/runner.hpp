#pragma once
// The exam loop over a session::Prompter: show the question on screen (with its position, the time
// left and how many are answered and flagged), read a line, act on it (exam_command.hpp), and go on
// until the paper is submitted: by the learner after a confirmation, when the time runs out, at
// the end of input, or on Ctrl-C. No feedback is shown before the end.
#include <string_view>

#include "exam/session.hpp"
#include "session/prompter.hpp"

namespace qkv::exam {

/// Things the exam loop tells the learner.
enum class ExamNotice {
  recorded,          ///< an answer was stored (no feedback)
  flagged,           ///< the question on screen is now flagged
  unflagged,         ///< ... and now not
  at_first,          ///< "back" on the first question
  at_last,           ///< "next" on the last question
  no_such_question,  ///< "goto N" outside the paper
  invalid_command,   ///< a command with a bad argument; the text says what to type
  not_submitted,     ///< the learner answered no to a confirmation
  all_answered,      ///< every question now has an answer
  time_up,           ///< the time limit passed: the paper was submitted as it stood
  interrupted,       ///< Ctrl-C outside a terminal: the paper was submitted as it stood
  input_ended,       ///< the input ended: the paper was submitted as it stood
};

/// The yes/no questions of an exam.
enum class Confirmation {
  submit,              ///< "Submit with K unanswered? [y/N]" (or "Submit the paper?")
  all_answered,        ///< "All N questions are answered. Submit now? [y/N]"
  after_interrupt,     ///< Ctrl-C in a terminal: "Submit the paper now? [y/N]"
  after_end_of_input,  ///< Ctrl-D in a terminal: "Submit the paper now? [y/N]"
};

/// The session::Prompter of an exam: the study session's (show_question with a session::Progress of
/// Kind::exam, read_answer, show_notice for answers that do not parse) plus what only an exam
/// needs.
class ExamPrompter : public session::Prompter {
 public:
  /// Says `kind` about `exam` (the text, when not empty, is the detail: a message, a number).
  virtual void show_exam_notice(ExamNotice kind, const ExamSession& exam,
                                std::string_view text) = 0;
  /// Shows every question's state: answered or not, flagged or not.
  virtual void show_paper(const ExamSession& exam) = 0;
  /// Shows the commands.
  virtual void show_commands() = 0;
  /// Asks `what` and reads the reply (a line, or why there is none). A reply to a question asked
  /// after Ctrl-C must be read afresh, not cut short by the same Ctrl-C.
  virtual session::Input confirm(Confirmation what, const ExamSession& exam) = 0;
};

/// What Ctrl-C and the end of input (Ctrl-D) do.
enum class OnInterrupt {
  confirm,  ///< ask first (a terminal: the learner may have pressed it by mistake)
  submit,   ///< submit at once (not a terminal: nobody can answer)
};

/// The progress line for the question on screen.
session::Progress exam_progress(const ExamSession& exam);

/// Runs the exam until the paper is submitted and returns why it ended (exam.result().end).
ExamEnd run_exam(ExamSession& exam, ExamPrompter& prompter, OnInterrupt on_interrupt);

}  // namespace qkv::exam
