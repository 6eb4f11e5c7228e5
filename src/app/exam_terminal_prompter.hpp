#pragma once
// The ExamPrompter of the front end: the quiz's TerminalPrompter for questions, lines and answer
// errors, plus the exam's notices, the list of the paper, the commands and the confirmations
// (render/exam_view), written to the same stream.
#include <chrono>
#include <functional>
#include <iosfwd>
#include <optional>

#include "app/terminal_prompter.hpp"
#include "exam/runner.hpp"

namespace qkv::app {

class ExamTerminalPrompter final : public exam::ExamPrompter {
 public:
  /// The time left on the exam's clock (nullopt: no limit).
  using TimeLeft = std::function<std::optional<std::chrono::seconds>()>;

  /// in, out and bank must outlive the prompter. While a line is awaited, `time_left` is read
  /// about four times a second: a warning is shown (above the line being typed) when 5 minutes
  /// and when 1 minute are left, and the wait ends when the time is up, so the paper is
  /// submitted then and not at the next Enter. `after_line`, when set, is called after every
  /// line read (the stepping test clock of QKV_FAKE_CLOCK_STEP uses it). Text is wrapped to
  /// `width` columns (0: not at all).
  ExamTerminalPrompter(term::LineReader& in, std::ostream& out, const bank::Bank& bank,
                       term::Style style, std::size_t width, TimeLeft time_left,
                       std::function<void()> after_line = {});

  void show_question(const session::PresentedQuestion& pq,
                     const session::Progress& progress) override;
  session::Input read_answer() override;
  void show_notice(session::Notice kind, std::string_view text) override;
  void show_result(const session::Record& record, const session::Progress& progress) override;

  void show_exam_notice(exam::ExamNotice kind, const exam::ExamSession& exam,
                        std::string_view text) override;
  void show_paper(const exam::ExamSession& exam) override;
  void show_commands() override;
  /// Prints the question, clears a pending Ctrl-C (so that the reply is read, not skipped) and
  /// reads the reply.
  session::Input confirm(exam::Confirmation what, const exam::ExamSession& exam) override;

 private:
  TerminalPrompter lines_;
  std::ostream& out_;
  term::Style style_;
  std::size_t width_;
  std::function<void()> after_line_;
  TimeLeft time_left_;
  std::optional<std::chrono::seconds> last_left_;  ///< at the previous wake-up
};

}  // namespace qkv::app
