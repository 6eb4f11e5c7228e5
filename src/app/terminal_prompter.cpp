#include "app/terminal_prompter.hpp"

#include <ostream>

#include "core/text.hpp"
#include "render/question_view.hpp"
#include "session/typed_answer.hpp"

namespace qkv::app {

std::string study_help(const session::PresentedQuestion& pq) {
  std::string out = "Type your answer. " + session::answer_syntax(pq) + "\nOr a command:\n";
  if (!session::hints_of(pq).empty())
    out += "  ? or hint   the next hint (the question then counts as hinted)\n";
  out +=
      "  skip        leave this question unanswered and go on\n"
      "  quit, q     end the session here, with the summary\n"
      "  help        this text\n";
  return out;
}

TerminalPrompter::TerminalPrompter(term::LineReader& in, std::ostream& out, const bank::Bank& bank,
                                   term::Style style)
    : in_(in), out_(out), bank_(bank), style_(style) {
  request_.completions = {"help", "hint", "quit", "skip"};
}

void TerminalPrompter::show_question(const session::PresentedQuestion& pq,
                                     const session::Progress& progress) {
  shown_ = &pq;
  hints_shown_ = 0;
  hints_total_ = session::hints_of(pq).size();
  out_ << render::render_question(pq, progress, bank_, style_);
}

session::Input TerminalPrompter::read_line() {
  const term::ReadResult r = in_.read(request_);
  switch (r.status) {
    case term::ReadStatus::line:
      return session::Input{session::Input::Status::line, r.text};
    case term::ReadStatus::end_of_input:
      return session::Input{session::Input::Status::end_of_input, ""};
    case term::ReadStatus::interrupted:
      return session::Input{session::Input::Status::interrupted, ""};
    case term::ReadStatus::stopped:
      return session::Input{session::Input::Status::time_up, ""};
  }
  return session::Input{session::Input::Status::end_of_input, ""};
}

session::Input TerminalPrompter::read_answer() {
  return read_line();
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
    case session::Notice::empty_line:
      out_ << style_.dim("Type your answer, or help for what you can type here.") << '\n';
      break;
    case session::Notice::help:
      if (shown_) out_ << study_help(*shown_);
      break;
    case session::Notice::skipped:
      out_ << style_.dim("Skipped.") << '\n';
      break;
  }
}

void TerminalPrompter::show_result(const session::Record& record, const session::Progress&) {
  out_ << render::render_result(record, style_) << std::flush;
}

}  // namespace qkv::app
