#include "app/terminal_prompter.hpp"

#include <ostream>

#include "core/text.hpp"
#include "render/question_view.hpp"
#include "session/typed_answer.hpp"

namespace qkv::app {

std::string study_help(const session::PresentedQuestion& pq, std::size_t width) {
  std::string out = wrap("Type your answer. " + session::answer_syntax(pq), "", width);
  out += "Or a command:\n";
  auto command = [&](const char* name, const char* what) {
    out += wrap(what, "  " + pad_right(name, 12), std::string(14, ' '), width);
  };
  if (!session::hints_of(pq).empty())
    command("? or hint", "the next hint (the question then counts as hinted)");
  command("skip", "leave this question unanswered and go on");
  command("quit, q", "end the session here, with the summary");
  command("help", "this text");
  return out;
}

TerminalPrompter::TerminalPrompter(term::LineReader& in, std::ostream& out, const bank::Bank& bank,
                                   term::Style style, std::size_t width)
    : in_(in), out_(out), bank_(bank), style_(style), width_(width) {
  request_.completions = {"help", "hint", "quit", "skip"};
}

void TerminalPrompter::show_question(const session::PresentedQuestion& pq,
                                     const session::Progress& progress) {
  shown_ = &pq;
  hints_shown_ = 0;
  hints_total_ = session::hints_of(pq).size();
  out_ << render::render_question(pq, progress, bank_, style_, width_);
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
      out_ << wrap(sanitize_block(text), style_.warn("Not an answer: "), "  ", width_);
      break;
    case session::Notice::hint:
      ++hints_shown_;
      out_ << wrap_block(sanitize_block(text), width_,
                         style_.accent("Hint " + std::to_string(hints_shown_) + " of " +
                                       std::to_string(hints_total_) + ": "),
                         "  ")
           << style_.dim(wrap("(This question now counts as answered with a hint.)", "", width_));
      break;
    case session::Notice::no_more_hints:
      out_ << (hints_total_ == 0 ? "This question has no hints." : "No more hints.") << '\n';
      break;
    case session::Notice::empty_line:
      out_ << style_.dim(wrap("Type your answer, or help for what you can type here.", "", width_));
      break;
    case session::Notice::help:
      if (shown_) out_ << study_help(*shown_, width_);
      break;
    case session::Notice::skipped:
      out_ << style_.dim("Skipped.") << '\n';
      break;
  }
}

void TerminalPrompter::show_result(const session::Record& record, const session::Progress&) {
  out_ << render::render_result(record, style_, width_) << std::flush;
}

}  // namespace qkv::app
