#pragma once
// The seam between a session and whoever shows it: a terminal, a pipe, or a test script. The
// core calls a Prompter; it never touches stdin or stdout. The quiz front end implements it in
// src/app/terminal_prompter.*, tests with a scripted fake, and the exam reuses it (exam_runner.hpp
// adds what only an exam needs).
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "session/presented.hpp"
#include "session/session.hpp"

namespace qkv::session {

/// Where the learner is, for the header of a question.
struct Progress {
  std::size_t number = 1;    ///< 1-based position of the question shown
  std::size_t total = 0;     ///< questions in the session
  std::size_t answered = 0;  ///< answered so far
  double points = 0.0;       ///< points so far, 0..answered
  // An exam shows no score (nor hints): how many are flagged and the time left instead.
  enum class Kind { quiz, exam };
  Kind kind = Kind::quiz;
  std::size_t flagged = 0;  ///< exam: questions flagged for review
  std::optional<std::chrono::seconds> time_left = std::nullopt;  ///< exam: nullopt: no limit
  std::optional<std::string> recorded = std::nullopt;  ///< exam: the answer given so far, as typed
};

/// One line of learner input, or why there is none.
struct Input {
  enum class Status {
    line,          ///< a line was read
    end_of_input,  ///< the input ended (Ctrl-D, the end of a pipe)
    interrupted,   ///< Ctrl-C
    time_up,       ///< the wait ended without a line because the time limit passed (exam)
  };
  Status status = Status::line;
  std::string text;  ///< the line, without its newline (Status::line only)
};

/// Things said to the learner between a question and its result.
enum class Notice {
  invalid_answer,  ///< the text says what was wrong and what is expected; asked again
  hint,            ///< the text is a hint (counted against the question)
  no_more_hints,   ///< the question has no (more) hints
  empty_line,      ///< an empty line: asked again with a short reminder
  help,            ///< "help": say what may be typed for the question on screen
  skipped,         ///< the question was skipped (not answered); the next one follows
};

class Prompter {
 public:
  virtual ~Prompter() = default;
  /// Shows a question that is about to be answered.
  virtual void show_question(const PresentedQuestion& pq, const Progress& progress) = 0;
  /// Reads the learner's next line (blocking).
  virtual Input read_answer() = 0;
  /// Says something about the input just read.
  virtual void show_notice(Notice kind, std::string_view text) = 0;
  /// Shows the grading of the answer just given.
  virtual void show_result(const Record& record, const Progress& progress) = 0;
};

}  // namespace qkv::session
