// Aiken: a question (one or more lines), its options one per line as "A. text" or "A) text", then
// "ANSWER: X". Every Aiken question is a single-choice question without feedback.
#include "core/text.hpp"
#include "interchange/import.hpp"
#include "interchange/import_detail.hpp"
#include "interchange/text_util.hpp"

namespace qkv::interchange {

namespace {

bool option_line(std::string_view line) {
  return line.size() >= 3 && line[0] >= 'A' && line[0] <= 'Z' &&
         (line[1] == '.' || line[1] == ')') && (line[2] == ' ' || line[2] == '\t');
}

}  // namespace

ReadResult read_aiken(std::string_view input, const std::string& file) {
  ReadResult out;
  std::string text;
  if (!prepare_text(input, file, text, out)) return out;

  struct Pending {
    int line = 0;
    std::string prompt;
    std::vector<char> labels;
    bank::ChoiceBody body;
    bool broken = false;  // an error was reported; wait for ANSWER: to start again
  } q;
  auto error = [&](int line, std::string m) {
    out.errors.push_back({file, line, 0, "", std::move(m), Severity::error});
    q.broken = true;
  };

  std::size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string_view line = trim(std::string_view(text).substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.substr(0, 7) == "ANSWER:") {
      const std::string_view key = trim(line.substr(7));
      if (!q.broken) {
        if (q.prompt.empty()) {
          error(line_no, "'ANSWER:' without a question before it");
        } else if (q.body.options.empty()) {
          error(line_no, "the question on line " + std::to_string(q.line) +
                             " has no options (lines \"A. text\" or \"A) text\") before ANSWER:");
        } else if (key.size() != 1 || key[0] < 'A' || key[0] > 'Z') {
          error(line_no, "'ANSWER: " + std::string(key) +
                             "' must name one option by its capital letter, as in ANSWER: B");
        } else {
          std::size_t found = q.labels.size();
          for (std::size_t i = 0; i < q.labels.size(); ++i)
            if (q.labels[i] == key[0]) found = i;
          if (found == q.labels.size()) {
            error(line_no, std::string("ANSWER: ") + key[0] +
                               " names no option of the question "
                               "on line " +
                               std::to_string(q.line));
          } else if (q.body.options.size() < 2) {
            out.skipped.push_back({file, q.line, 0, "",
                                   "a multiple-choice question needs at least 2 options in qkv, "
                                   "found 1",
                                   Severity::error});
          } else {
            q.body.options[found].correct = true;
            ImportedQuestion iq;
            iq.file = file;
            iq.line = q.line;
            iq.question.type = bank::QuestionType::single;
            iq.question.prompt = q.prompt;
            iq.question.body = std::move(q.body);
            out.questions.push_back(std::move(iq));
          }
        }
      }
      q = Pending{};
      continue;
    }
    if (q.broken) continue;
    if (option_line(line) && !q.prompt.empty()) {
      for (char l : q.labels)
        if (l == line[0]) {
          error(line_no, std::string("a second option ") + line[0] + " in the question on line " +
                             std::to_string(q.line));
          break;
        }
      if (q.broken) continue;
      const std::string t = escape_controls(trim(line.substr(3)));
      if (t.empty()) {
        error(line_no, std::string("option ") + line[0] + " has no text");
        continue;
      }
      q.labels.push_back(line[0]);
      q.body.options.push_back({t, false, ""});
      continue;
    }
    if (!q.body.options.empty()) {
      error(line_no, "after the options of the question on line " + std::to_string(q.line) +
                         " comes a line that is neither an option (\"A. text\") nor "
                         "\"ANSWER: X\"; is the ANSWER: line missing?");
      continue;
    }
    if (q.prompt.empty()) q.line = line_no;
    q.prompt += (q.prompt.empty() ? "" : "\n") + escape_controls(line);
  }
  if (!q.broken && !q.prompt.empty())
    out.errors.push_back({file, q.line, 0, "",
                          "the question has no \"ANSWER: X\" line before the end of the file",
                          Severity::error});
  return out;
}

}  // namespace qkv::interchange
