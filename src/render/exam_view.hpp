#pragma once
// Rendering an exam as text: the notices and lists shown while sitting it, and the result (mark,
// pass or fail, time used, the per-concept table and the review of every question not fully
// right). Pure functions returning strings, like question_view (whose question and result
// rendering they reuse); pack and learner text goes through sanitize_line or sanitize_block
// (core/text.hpp).
#include <chrono>
#include <string>
#include <string_view>

#include "exam/result.hpp"
#include "exam/runner.hpp"
#include "exam/session.hpp"
#include "term/style.hpp"

namespace qkv::render {

/// One line (or two) for a notice of the exam loop, ending in a newline.
/// Every function here lays its text out for a terminal `width` columns wide (0: no limit).
std::string render_exam_notice(exam::ExamNotice kind, const exam::ExamSession& exam,
                               std::string_view text, const term::Style& style,
                               std::size_t width = 0);

/// The state of the paper: how many are answered and flagged, the numbers of the unanswered and
/// of the flagged questions, and where the learner is.
std::string render_paper(const exam::ExamSession& exam, const term::Style& style,
                         std::size_t width = 0);

/// The commands that can be typed during an exam.
std::string render_exam_commands(std::size_t width = 0);

/// The warning shown while the candidate types, when `left` is the time left (5 or 1 minutes).
std::string render_time_warning(std::chrono::seconds left, std::size_t width = 0);

/// The yes/no question, such as "Submit with 3 unanswered? [y/N]" (preceded by the flagged
/// questions when there are any).
std::string render_confirmation(exam::Confirmation what, const exam::ExamSession& exam,
                                std::size_t width = 0);

/// A percentage for people, never rounded up past a pass mark: 65 -> "65", 66.666 -> "66.6".
std::string format_percent(double percent);

/// "12:31 of 30:00" or "12:31 (no time limit)".
std::string format_time_used(const exam::ExamResult& r);

/// What the result says besides the result itself.
struct ExamResultContext {
  std::string title;  ///< the exam's title, or empty for a paper drawn from the bank
};

/// How the paper ended, the mark, PASS/FAIL against the pass mark, the time used, the
/// per-concept table, and a review of every question not fully right: its prompt as laid out,
/// what was answered, the right answer, the feedback for what was chosen, the explanation.
std::string render_exam_result(const exam::ExamResult& r, const ExamResultContext& ctx,
                               const term::Style& style, std::size_t width = 0);

/// The review of one question (used by render_exam_result).
std::string render_review_entry(const exam::QuestionResult& q, const term::Style& style,
                                std::size_t width = 0);

}  // namespace qkv::render
