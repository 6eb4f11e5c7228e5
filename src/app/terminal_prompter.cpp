#include "app/terminal_prompter.hpp"

#include <istream>
#include <ostream>

#include "core/text.hpp"
#include "render/question_view.hpp"
#include "term/line_input.hpp"

namespace qkv::app {

TerminalPrompter::TerminalPrompter(std::istream& in, std::ostream& out, const bank::Bank& bank,
                                   term::Style style, Echo echo)
    : in_(in), out_(out), bank_(bank), style_(style), echo_(echo) {}

void TerminalPrompter::show_question(const session::PresentedQuestion& pq,
                                     const session::Progress& progress) {
  hints_shown_ = 0;
  hints_total_ = session::hints_of(pq).size();
  out_ << render::render_question(pq, progress, bank_, style_);
}

session::Input TerminalPrompter::read_answer() {
  out_ << "> " << std::flush;
  term::InputEnd why = term::InputEnd::eof;
  const auto line = term::read_line(in_, &why);
  if (!line) {
    out_ << '\n';
    return session::Input{why == term::InputEnd::interrupted ? session::Input::Status::interrupted
                                                             : session::Input::Status::end_of_input,
                          ""};
  }
  if (echo_ == Echo::on) out_ << sanitize_line(*line) << '\n';
  return session::Input{session::Input::Status::line, *line};
}

void TerminalPrompter::show_notice(session::Notice kind, std::string_view text) {
  switch (kind) {
    case session::Notice::invalid_answer:
      out_ << style_.warn("Not an answer: ") << sanitize_block(text) << '\n';
      break;
    case session::Notice::hint:
      ++hints_shown_;
      out_ << style_.accent("Hint " + std::to_string(hints_shown_) + " of " +
                            std::to_string(hints_total_) + ": ")
           << sanitize_block(text) << '\n'
           << style_.dim("(This question now counts as answered with a hint.)") << '\n';
      break;
    case session::Notice::no_more_hints:
      out_ << (hints_total_ == 0 ? "This question has no hints." : "No more hints.") << '\n';
      break;
  }
}

void TerminalPrompter::show_result(const session::Record& record, const session::Progress&) {
  out_ << render::render_result(record, style_) << std::flush;
}

}  // namespace qkv::app
