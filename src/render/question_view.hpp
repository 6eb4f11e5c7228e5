#pragma once
// Rendering a study session as text: a question with its header, the grading of an answer, and
// the summary. Pure functions returning strings (the caller writes them), so the quiz and the
// exam share them and tests can check them without a process. Every piece of pack or learner
// text goes through sanitize_line or sanitize_block (core/text.hpp); colour (Style) only ever
// repeats what the words say.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bank/model.hpp"
#include "session/prompter.hpp"
#include "session/quiz_runner.hpp"
#include "session/session.hpp"
#include "term/style.hpp"

namespace qkv::render {

/// Pack text as a terminal `width` columns wide shows it (0: no limit): sanitised, its prose
/// wrapped (wrap_block, core/text.hpp), each fenced block (between ``` lines) verbatim, indented
/// by four spaces, without its fence lines; every line ends with a newline. The first line
/// starts with `first` (a label such as "  a) "), the others with `rest`.
std::string shown_text(std::string_view text, std::size_t width = 0, std::string_view first = "",
                       std::string_view rest = "");

/// A shell command after `indent`, on one line when it fits `width` (0: no limit); else broken
/// between words with " \\" continuations (later lines four columns further in), so that it
/// still pastes as one command. Ends with a newline.
std::string command_lines(const std::string& command, std::string_view indent, std::size_t width);

/// `label` and a command on one line when they fit `width`; else the label alone and the command
/// below it (command_lines). Ends with a newline.
std::string command_text(std::string_view label, const std::string& command, std::size_t width);

/// Commands and what they do, in two aligned columns after `indent` ("qkv learn 2   the next
/// concept"), the second wrapping under itself; when two columns leave too little room, each
/// command on its own line with its text below it.
std::string command_table(const std::vector<std::pair<std::string, std::string>>& rows,
                          std::string_view indent, std::size_t width);

/// "single choice", "multiple select", "true or false", "matching", "ordering", "short answer",
/// "number".
const char* type_label(bank::QuestionType t);

/// The header line: "Question 3/10  [####----------------]  score 1.5/2"; in an exam (Progress
/// of Kind::exam) "Question 3/10  [####...]  answered 2/10, flagged 1  time left 12:05". Parts
/// that do not fit `width` go on the next line (flow); ends with a newline.
std::string render_header(const session::Progress& p, const term::Style& style,
                          std::size_t width = 0);

/// The prompt (layout kept) and the options / items as laid out, lettered: what a review shows.
std::string render_question_text(const session::PresentedQuestion& pq, std::size_t width = 0);

/// Header, concept line, the prompt (layout kept), the options / items as laid out, and the
/// "how to answer" line (in an exam, with the commands instead of the hint).
/// Text is laid out for a terminal `width` columns wide (0: no limit) here and in the functions
/// below: prose wrapped between words, an option's further lines under its text.
std::string render_question(const session::PresentedQuestion& pq, const session::Progress& p,
                            const bank::Bank& bank, const term::Style& style,
                            std::size_t width = 0);

/// Right / wrong / partly right in words, the correct answer, feedback for the chosen options,
/// the explanation.
std::string render_result(const session::Record& r, const term::Style& style,
                          std::size_t width = 0);

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
                           const SummaryContext& ctx, const term::Style& style,
                           std::size_t width = 0);

/// Formats points for people: "2", "1.5", "0.67".
std::string format_points(double points);

}  // namespace qkv::render
