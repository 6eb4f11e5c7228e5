#pragma once
// The Prompter of the front end: renders with render/question_view to a stream (stdout, or stderr
// when --json keeps stdout for the document) and reads answers with a term::LineReader (line
// editing at a terminal, plain lines from a pipe), so Ctrl-C and the end of input are reported
// instead of killing the process.
#include <iosfwd>

#include "bank/model.hpp"
#include "session/prompter.hpp"
#include "term/line_reader.hpp"
#include "term/style.hpp"

namespace qkv::app {

class TerminalPrompter final : public session::Prompter {
 public:
  /// in, out and bank must outlive the prompter. Text is wrapped to `width` columns (0: not at
  /// all), term::output_width() of the stream out writes to.
  TerminalPrompter(term::LineReader& in, std::ostream& out, const bank::Bank& bank,
                   term::Style style, std::size_t width);

  void show_question(const session::PresentedQuestion& pq,
                     const session::Progress& progress) override;
  session::Input read_answer() override;
  void show_notice(session::Notice kind, std::string_view text) override;
  void show_result(const session::Record& record, const session::Progress& progress) override;

  /// How lines are read from now on: the words Tab completes, and what to do while waiting
  /// (the exam's clock). The default completes the quiz's commands.
  void set_read_request(term::ReadRequest request) { request_ = std::move(request); }
  /// Reads a line with the current request (also for replies to the exam's questions).
  session::Input read_line();

 private:
  term::LineReader& in_;
  std::ostream& out_;
  const bank::Bank& bank_;
  term::Style style_;
  std::size_t width_;
  term::ReadRequest request_;
  const session::PresentedQuestion* shown_ = nullptr;  ///< the question on screen
  int hints_shown_ = 0;                                ///< for "Hint 2 of 3"
  std::size_t hints_total_ = 0;
};

/// What may be typed at a study prompt for this question: the answer syntax with an example,
/// and the commands (with ? only when the question has hints). For quiz's and drill's help.
std::string study_help(const session::PresentedQuestion& pq, std::size_t width = 0);

}  // namespace qkv::app
