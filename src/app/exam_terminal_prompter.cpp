#include "app/exam_terminal_prompter.hpp"

#include <ostream>

#include "render/exam_view.hpp"
#include "term/line_input.hpp"

namespace qkv::app {

ExamTerminalPrompter::ExamTerminalPrompter(term::LineReader& in, std::ostream& out,
                                           const bank::Bank& bank, term::Style style,
                                           std::size_t width, TimeLeft time_left,
                                           std::function<void()> after_line)
    : lines_(in, out, bank, style, width),
      out_(out),
      style_(style),
      width_(width),
      after_line_(std::move(after_line)),
      time_left_(std::move(time_left)) {
  term::ReadRequest request;
  request.completions = {"back", "flag", "goto",   "help",  "list",
                         "next", "skip", "submit", "unflag"};
  if (time_left_) {
    last_left_ = time_left_();
    request.on_wakeup = [this]() {
      term::Wakeup w;
      const auto left = time_left_();
      if (!left) return w;
      using std::chrono::minutes;
      for (const minutes mark : {minutes(5), minutes(1)}) {
        if (last_left_ && *last_left_ > mark && *left <= mark && *left > std::chrono::seconds(0))
          w.notice = style_.warn(render::render_time_warning(*left, width_));
      }
      last_left_ = left;
      w.stop = *left <= std::chrono::seconds(0);
      return w;
    };
  }
  lines_.set_read_request(std::move(request));
}

void ExamTerminalPrompter::show_question(const session::PresentedQuestion& pq,
                                         const session::Progress& progress) {
  lines_.show_question(pq, progress);
}

session::Input ExamTerminalPrompter::read_answer() {
  session::Input in = lines_.read_line();
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
  out_ << render::render_exam_notice(kind, exam, text, style_, width_) << std::flush;
}

void ExamTerminalPrompter::show_paper(const exam::ExamSession& exam) {
  out_ << render::render_paper(exam, style_, width_) << std::flush;
}

void ExamTerminalPrompter::show_commands() {
  out_ << render::render_exam_commands(width_) << std::flush;
}

session::Input ExamTerminalPrompter::confirm(exam::Confirmation what,
                                             const exam::ExamSession& exam) {
  out_ << render::render_confirmation(what, exam, width_);
  term::set_interrupted(false);
  return read_answer();
}

}  // namespace qkv::app
