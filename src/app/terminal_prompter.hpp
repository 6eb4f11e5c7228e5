#pragma once
// The Prompter of the front end: renders with render/question_view to a stream (stdout, or stderr
// when --json keeps stdout for the document) and reads answers line by line from a stream with
// term::read_line, so Ctrl-C and the end of input are reported instead of killing the process.
#include <iosfwd>

#include "bank/model.hpp"
#include "session/prompter.hpp"
#include "term/style.hpp"

namespace qkv::app {

/// Whether to write the learner's line back after the "> " prompt. A terminal echoes what is
/// typed itself; from a pipe the transcript would otherwise lack the answers.
enum class Echo { off, on };

class TerminalPrompter final : public session::Prompter {
 public:
  /// in, out and bank must outlive the prompter.
  TerminalPrompter(std::istream& in, std::ostream& out, const bank::Bank& bank, term::Style style,
                   Echo echo);

  void show_question(const session::PresentedQuestion& pq,
                     const session::Progress& progress) override;
  session::Input read_answer() override;
  void show_notice(session::Notice kind, std::string_view text) override;
  void show_result(const session::Record& record, const session::Progress& progress) override;

 private:
  std::istream& in_;
  std::ostream& out_;
  const bank::Bank& bank_;
  term::Style style_;
  Echo echo_;
  int hints_shown_ = 0;  ///< for "Hint 2 of 3"
  std::size_t hints_total_ = 0;
};

}  // namespace qkv::app
