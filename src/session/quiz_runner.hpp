#pragma once
// The quiz loop over a Prompter: show a question, read lines until one parses as an answer,
// show the grading, go on. A line may instead be a command (study_command): "?" or "hint" shows
// the next hint, "skip" moves on, "quit" ends the session, "help" says what may be typed; an
// empty line asks again. Stops at the end of the questions, on quit, at the end of input, or on
// Ctrl-C.
#include <functional>

#include "session/prompter.hpp"
#include "session/session.hpp"

namespace qkv::session {

enum class SessionEnd {
  completed,     ///< every question answered
  end_of_input,  ///< input ended before the last question (a normal end: exit 0)
  interrupted,   ///< Ctrl-C (exit 130)
  quit,          ///< the learner typed quit (a normal end: exit 0)
};

/// The name used in JSON results: "completed", "end_of_input", "interrupted", "quit".
const char* end_name(SessionEnd e);

/// True for the inputs that ask for a hint instead of answering: "?", "hint" (any case).
bool is_hint_request(std::string_view input);

/// The commands of a study prompt (quiz and drill), typed instead of an answer.
enum class StudyCommand {
  none,   ///< an answer (or something to parse as one)
  empty,  ///< an empty line: ask again
  hint,   ///< "?" or "hint"
  skip,   ///< "skip": leave the question unanswered and go on
  quit,   ///< "quit" or "q": end with the summary
  help,   ///< "help": what may be typed here
};

/// What `input` asks for (any case, surrounding spaces ignored). "q" counts as quit only when
/// `q_is_answer` is false: a one-letter command that is also an answer is the answer.
StudyCommand study_command(std::string_view input, bool q_is_answer = false);

/// Called after each answer's result is shown and before the next question (the progress
/// recorder rates and saves the answer here).
using AfterAnswer = std::function<void(const Record&)>;

/// Runs the session to its end through prompter and says why it ended. The summary is then
/// session.summary(); nothing of what was answered is lost on an early end.
SessionEnd run_quiz(QuizSession& session, Prompter& prompter, const AfterAnswer& after_answer = {});

}  // namespace qkv::session
