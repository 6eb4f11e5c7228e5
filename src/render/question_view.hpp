#pragma once
// Rendering a study session as text: a question with its header, the grading of an answer, and
// the summary. Pure functions returning strings (the caller writes them), so the quiz and the
// exam share them and tests can check them without a process. Every piece of pack or learner
// text goes through sanitize_line or sanitize_block (core/text.hpp); colour (Style) only ever
// repeats what the words say.
#include <string>
#include <vector>

#include "bank/model.hpp"
#include "session/prompter.hpp"
#include "session/quiz_runner.hpp"
#include "session/session.hpp"
#include "term/style.hpp"

namespace qkv::render {

/// Pack text as a terminal shows it: sanitised, each line ended by a newline, and each fenced
/// block (between ``` lines) verbatim, indented by four spaces, without its fence lines.
std::string shown_text(std::string_view text);

/// "single choice", "multiple select", "true or false", "matching", "ordering", "short answer",
/// "number".
const char* type_label(bank::QuestionType t);

/// The header line: "Question 3/10  [####----------------]  score 1.5/2"; in an exam (Progress
/// of Kind::exam) "Question 3/10  [####...]  answered 2/10, flagged 1  time left 12:05".
std::string render_header(const session::Progress& p, const term::Style& style);

/// The prompt (layout kept) and the options / items as laid out, lettered: what a review shows.
std::string render_question_text(const session::PresentedQuestion& pq);

/// Header, concept line, the prompt (layout kept), the options / items as laid out, and the
/// "how to answer" line (in an exam, with the commands instead of the hint).
std::string render_question(const session::PresentedQuestion& pq, const session::Progress& p,
                            const bank::Bank& bank, const term::Style& style);

/// Right / wrong / partly right in words, the correct answer, feedback for the chosen options,
/// the explanation.
std::string render_result(const session::Record& r, const term::Style& style);

/// What the end-of-session text needs besides the summary.
struct SummaryContext {
  session::SessionEnd end = session::SessionEnd::completed;
  /// The options that chose the bank (" --pack P ... --builtin", see bank_args_text()),
  /// repeated in suggested commands.
  std::string bank_args;
  /// The answers were saved: "Try these again" is then `qkv quiz --missed` (the last session's
  /// misses, however many), else the missed ids as --id options (up to 8).
  bool saved = false;
};

/// Score, the per-concept table, the missed questions and the commands to practise them again.
std::string render_summary(const session::Summary& s, const bank::Bank& bank,
                           const SummaryContext& ctx, const term::Style& style);

/// Formats points for people: "2", "1.5", "0.67".
std::string format_points(double points);

}  // namespace qkv::render
