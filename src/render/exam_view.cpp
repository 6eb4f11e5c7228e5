#include "render/exam_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/duration.hpp"
#include "core/text.hpp"
#include "render/question_view.hpp"

namespace qkv::render {

namespace {

using exam::ExamNotice;

std::string numbers(const std::vector<std::size_t>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + std::to_string(v[i]);
  return out;
}

std::string seconds_clock(double seconds) {
  return format_clock(std::chrono::seconds(static_cast<long long>(std::floor(seconds))));
}

std::string end_line(const exam::ExamResult& r) {
  std::string how;
  switch (r.end) {
    case exam::ExamEnd::submitted:
      how = "submitted";
      break;
    case exam::ExamEnd::time_up:
      how = "submitted when the time was up";
      break;
    case exam::ExamEnd::end_of_input:
      how = "submitted at the end of input";
      break;
    case exam::ExamEnd::interrupted:
      how = "submitted on Ctrl-C";
      break;
  }
  return "Result: " + std::to_string(r.answered) + " of " +
         plural(r.total, "question", "questions") + " answered (" + how + ").";
}

std::string exam_notice(ExamNotice kind, const exam::ExamSession& exam, std::string_view text,
                        const term::Style& style) {
  const std::string detail = sanitize_line(text);
  switch (kind) {
    case ExamNotice::recorded:
      return style.dim("Answer to question " + detail + " recorded.") + "\n";
    case ExamNotice::flagged:
      return style.accent("Question " + detail + " flagged for review.") + "\n";
    case ExamNotice::unflagged:
      return "Question " + detail + " is not flagged.\n";
    case ExamNotice::at_first:
      return "This is the first question.\n";
    case ExamNotice::at_last:
      return "This is the last question. Type goto N to go to another, or submit.\n";
    case ExamNotice::no_such_question:
      return style.warn("There is no question " + detail + ": the paper has questions 1 to " +
                        std::to_string(exam.size()) + ".") +
             "\n";
    case ExamNotice::invalid_command:
      return style.warn("Not a command: ") + detail + "\n";
    case ExamNotice::not_submitted:
      return "Not submitted. Carry on (list shows what is left); type submit when you are done.\n";
    case ExamNotice::all_answered: {
      std::string out = style.bold("Every question has an answer.");
      const auto flagged = exam.flagged();
      if (!flagged.empty())
        out += " Flagged for review: " + numbers(flagged) + " (goto N to look again).";
      return "\n" + out + "\n";
    }
    case ExamNotice::time_up:
      return "\n" + style.warn("Time is up: the paper was submitted as it stood.") + "\n";
    case ExamNotice::interrupted:
      return "\n" + style.warn("Interrupted: the paper was submitted as it stood.") + "\n";
    case ExamNotice::input_ended:
      return "\nThe input ended: the paper was submitted as it stood.\n";
  }
  return "";
}

std::string confirmation(exam::Confirmation what, const exam::ExamSession& exam) {
  switch (what) {
    case exam::Confirmation::submit: {
      std::string out;
      const auto flagged = exam.flagged();
      if (!flagged.empty()) out += "Flagged for review: " + numbers(flagged) + ".\n";
      const std::size_t left = exam.unanswered().size();
      if (left == 0) return out + "Submit the paper? [y/N]\n";
      return out + "Submit with " + std::to_string(left) + " unanswered? [y/N]\n";
    }
    case exam::Confirmation::all_answered:
      return "Submit the paper now? [y/N]\n";
    case exam::Confirmation::after_interrupt:
      return "\nSubmit the paper now (n carries on)? [y/N]\n";
    case exam::Confirmation::after_end_of_input:
      return "\nThat was the end of input (Ctrl-D). Submit the paper now (n carries on)? [y/N]\n";
  }
  return "";
}

}  // namespace

std::string format_percent(double percent) {
  const double tenths = std::floor(percent * 10.0 + 1e-6) / 10.0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", tenths);
  std::string s(buf);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string format_time_used(const exam::ExamResult& r) {
  const std::string used = seconds_clock(r.seconds_used);
  if (!r.time_limit) return used + " (no time limit)";
  return used + " of " + format_clock(*r.time_limit);
}

std::string render_exam_notice(ExamNotice kind, const exam::ExamSession& exam,
                               std::string_view text, const term::Style& style, std::size_t width) {
  return wrap_block(exam_notice(kind, exam, text, style), width);
}

std::string render_paper(const exam::ExamSession& exam, const term::Style& style,
                         std::size_t width) {
  const auto unanswered = exam.unanswered();
  const auto flagged = exam.flagged();
  std::string out =
      "\n" + wrap(style.bold("The paper:") + " " + plural(exam.size(), "question", "questions") +
                      ", " + std::to_string(exam.answered_count()) + " answered, " +
                      std::to_string(unanswered.size()) + " unanswered, " +
                      std::to_string(flagged.size()) + " flagged.",
                  "", width);
  const std::string hang(14, ' ');
  out += wrap(unanswered.empty() ? std::string("none") : numbers(unanswered),
              "  Unanswered: ", hang, width);
  out +=
      wrap(flagged.empty() ? std::string("none") : numbers(flagged), "  Flagged:    ", hang, width);
  if (const auto left = exam.time_left()) out += "  Time left:  " + format_clock(*left) + "\n";
  out += wrap("You are on question " + std::to_string(exam.position() + 1) +
                  ". Type goto N to go to another, or submit.",
              "", width);
  return out;
}

std::string render_exam_commands(std::size_t width) {
  std::string out = "\n" + wrap(
                               "Commands (the words always work; a one-letter form that is also an "
                               "answer to the question on screen counts as the answer, as f for "
                               "false):",
                               "", width);
  const std::pair<const char*, const char*> rows[] = {
      {"skip, s", "leave this question for now, go to the next unanswered one"},
      {"next, n", "the next question"},
      {"back, p", "the previous one"},
      {"goto N, g N", "question N"},
      {"flag, f", "flag this question for review (again to unflag); unflag, u"},
      {"list, l", "which questions are unanswered and which are flagged"},
      {"submit", "hand the paper in (asks first)"},
      {"help, ?", "this list"}};
  for (const auto& [command, what] : rows)
    out += wrap(what, "  " + pad_right(command, 14), std::string(16, ' '), width);
  out += wrap(
      "Anything else is an answer; you can change it until you submit. No feedback until "
      "then.",
      "", width);
  out += wrap("End of input (Ctrl-D) submits the paper as it stands; at a terminal it asks first.",
              "", width);
  return out;
}

std::string render_time_warning(std::chrono::seconds left, std::size_t width) {
  std::string out = wrap("Time left: " + format_clock(left) +
                             ". The paper is submitted as it stands when the time is up.",
                         "", width);
  out.pop_back();  // the caller ends the line
  return out;
}

std::string render_confirmation(exam::Confirmation what, const exam::ExamSession& exam,
                                std::size_t width) {
  return wrap_block(confirmation(what, exam), width);
}

std::string render_review_entry(const exam::QuestionResult& q, const term::Style& style,
                                std::size_t width) {
  const auto& pq = *q.presented;
  std::string out =
      flow({style.bold("Question " + std::to_string(q.number)),
            sanitize_line(pq.question->full_id()) + " | " + type_label(pq.type()) + " | " +
                format_points(q.result.points) + " of 1 point" + (q.flagged ? " | flagged" : "")},
           width);
  out += render_question_text(pq, width) + "\n";
  if (q.answered) {
    session::Record r;
    r.presented = &pq;
    r.given = q.given;
    r.result = q.result;
    return out + render_result(r, style, width);
  }
  out += style.bad("Not answered.") + "\n";
  const auto& lines = q.result.correct_answer;
  if (lines.size() == 1) {
    out += shown_text(lines[0], width, "The answer: ", std::string(12, ' '));
  } else if (!lines.empty()) {
    out += "The answer:\n";
    for (const auto& l : lines) out += shown_text(l, width, "  ", "  ");
  }
  if (!pq.question->explanation.empty())
    out += shown_text(pq.question->explanation, width, style.dim("Why: "));
  return out;
}

std::string render_exam_result(const exam::ExamResult& r, const ExamResultContext& ctx,
                               const term::Style& style, std::size_t width) {
  std::string out = "\n";
  if (!ctx.title.empty()) out += style.bold(wrap(sanitize_line(ctx.title), "", width));
  out += style.bold(wrap(end_line(r), "", width));
  out += flow({"Mark: " + format_points(r.score) + "/" + std::to_string(r.total) + " (" +
                   format_percent(r.percent) + "%)",
               (r.passed ? style.good("PASS") : style.bad("FAIL")) + " (pass mark " +
                   format_percent(r.pass_mark) + "%)"},
              width);
  out += wrap("Fully right: " + std::to_string(r.correct) + ", answered: " +
                  std::to_string(r.answered) + " of " + std::to_string(r.total) + ".",
              "", width);
  out += "Time used: " + format_time_used(r) + "\n";

  // Per concept; the question numbers wrap under themselves.
  std::size_t id_w = std::string("concept").size();
  for (const auto& c : r.by_concept) id_w = std::max(id_w, display_width(sanitize_line(c.id)));
  const std::string head = pad_right("concept", id_w) + "  questions  right  points  ";
  const bool room = width == 0 || display_width(head) + 16 <= width;
  out += "\n" + style.bold(head + (room ? "question numbers" : "numbers")) + "\n";
  for (const auto& c : r.by_concept) {
    const std::string lead = pad_right(sanitize_line(c.id), id_w) + "  " +
                             pad_left(std::to_string(c.questions), 9) + "  " +
                             pad_left(std::to_string(c.correct), 5) + "  " +
                             pad_left(format_points(c.points), 6) + "  ";
    const std::string row =
        wrap(numbers(c.numbers), lead, std::string(display_width(lead), ' '), width);
    out += c.correct == c.questions ? row : style.warn(row);
  }

  const auto review = r.to_review();
  if (review.empty()) return out + "\nEvery question fully right: nothing to review.\n";
  out += "\n" + style.bold(wrap("Review: " + plural(review.size(), "question", "questions") +
                                    " not fully right (" + numbers(review) + ")",
                                "", width));
  for (std::size_t number : review)
    out += "\n" + render_review_entry(r.questions[number - 1], style, width);
  return out;
}

}  // namespace qkv::render
