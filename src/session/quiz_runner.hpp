#pragma once
// The quiz loop over a Prompter: show a question, read lines until one parses as an answer
// (answering "?" or "hint" shows the next hint instead), show the grading, go on. Stops at the
// end of the questions, at the end of input, or on Ctrl-C.
#include <functional>

#include "session/prompter.hpp"
#include "session/session.hpp"

namespace qkv::session {

enum class SessionEnd {
  completed,     ///< every question answered
  end_of_input,  ///< input ended before the last question (a normal end: exit 0)
  interrupted,   ///< Ctrl-C (exit 130)
};

/// The name used in JSON results: "completed", "end_of_input", "interrupted".
const char* end_name(SessionEnd e);

/// True for the inputs that ask for a hint instead of answering: "?", "hint" (any case).
bool is_hint_request(std::string_view input);

/// Called after each answer's result is shown and before the next question (the progress
/// recorder rates and saves the answer here).
using AfterAnswer = std::function<void(const Record&)>;

/// Runs the session to its end through prompter and says why it ended. The summary is then
/// session.summary(); nothing of what was answered is lost on an early end.
SessionEnd run_quiz(Session& session, Prompter& prompter, const AfterAnswer& after_answer = {});

}  // namespace qkv::session
