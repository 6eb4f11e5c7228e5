// Aiken holds single-choice questions only: a one-line question, options "A. text", "ANSWER: X".
#include "interchange/export.hpp"
#include "interchange/export_detail.hpp"

namespace qkv::interchange {

namespace {

// One line: line breaks become spaces.
std::string one_line(const std::string& s, bool& changed) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      changed = true;
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

ExportResult export_aiken(const bank::Pack& pack) {
  ExportResult r;
  for (const auto& q : pack.questions) {
    if (q.type != bank::QuestionType::single) {
      lose(r, q,
           std::string("not written: Aiken holds only single-choice questions, this is ") +
               bank::type_name(q.type));
      continue;
    }
    const auto& b = std::get<bank::ChoiceBody>(q.body);
    if (b.options.size() > 26) {
      lose(r, q,
           "not written: Aiken letters options A to Z, this question has " +
               std::to_string(b.options.size()));
      continue;
    }
    bool joined = false;
    std::string text = one_line(q.prompt, joined) + "\n";
    char key = 'A';
    bool feedback = false;
    for (std::size_t i = 0; i < b.options.size(); ++i) {
      const char letter = static_cast<char>('A' + i);
      text += std::string(1, letter) + ". " + one_line(b.options[i].text, joined) + "\n";
      if (b.options[i].correct) key = letter;
      feedback = feedback || !b.options[i].feedback.empty();
    }
    text += std::string("ANSWER: ") + key + "\n\n";
    r.text += text;
    ++r.questions;
    if (joined) lose(r, q, "its line breaks become spaces (Aiken text is one line)");
    if (feedback) lose(r, q, "its option feedback is dropped (Aiken has none)");
    if (!q.explanation.empty()) lose(r, q, "its explanation is dropped (Aiken has none)");
    if (!q.tags.empty()) lose(r, q, "its tags are dropped (Aiken has none)");
    common_losses(r, q, false);
  }
  return r;
}

}  // namespace qkv::interchange
