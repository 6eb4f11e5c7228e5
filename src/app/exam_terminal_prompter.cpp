#include "app/exam_terminal_prompter.hpp"

#include <ostream>

#include "render/exam_view.hpp"
#include "term/line_input.hpp"

namespace qkv::app {

ExamTerminalPrompter::ExamTerminalPrompter(std::istream& in, std::ostream& out,
                                           const bank::Bank& bank, term::Style style, Echo echo,
                                           std::function<void()> after_line)
    : lines_(in, out, bank, style, echo),
      out_(out),
      style_(style),
      after_line_(std::move(after_line)) {}

void ExamTerminalPrompter::show_question(const session::PresentedQuestion& pq,
                                         const session::Progress& progress) {
  lines_.show_question(pq, progress);
}

session::Input ExamTerminalPrompter::read_answer() {
  session::Input in = lines_.read_answer();
  if (after_line_ && in.status == session::Input::Status::line) after_line_();
  return in;
}

void ExamTerminalPrompter::show_notice(session::Notice kind, std::string_view text) {
  lines_.show_notice(kind, text);
}

void ExamTerminalPrompter::show_result(const session::Record& record,
                                       const session::Progress& progress) {
  lines_.show_result(record, progress);
}

void ExamTerminalPrompter::show_exam_notice(exam::ExamNotice kind, const exam::ExamSession& exam,
                                            std::string_view text) {
  out_ << render::render_exam_notice(kind, exam, text, style_) << std::flush;
}

void ExamTerminalPrompter::show_paper(const exam::ExamSession& exam) {
  out_ << render::render_paper(exam, style_) << std::flush;
}

void ExamTerminalPrompter::show_commands() {
  out_ << render::render_exam_commands() << std::flush;
}

session::Input ExamTerminalPrompter::confirm(exam::Confirmation what,
                                             const exam::ExamSession& exam) {
  out_ << render::render_confirmation(what, exam);
  term::set_interrupted(false);
  return read_answer();
}

}  // namespace qkv::app
