// A printable paper: the questions numbered, as a learner would answer them on paper, then the
// answer key with the explanations (the instructor's handout).
#include <algorithm>
#include <cmath>

#include "core/numbers.hpp"
#include "interchange/export.hpp"
#include "interchange/export_detail.hpp"
#include "practice/exercise.hpp"

namespace qkv::interchange {

namespace {

// Markdown that shows `s` as written: a text with layout (leading spaces, runs of spaces, several
// lines) goes in a fenced block; one plain line has its Markdown characters escaped.
std::string block(const std::string& s) {
  const bool layout = s.find('\n') != std::string::npos || s.find("  ") != std::string::npos ||
                      (!s.empty() && s[0] == ' ');
  if (layout) {
    std::size_t longest = 0, run = 0;
    for (char c : s) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    return fence + "text\n" + s + (s.empty() || s.back() != '\n' ? "\n" : "") + fence + "\n";
  }
  return s + "\n";
}

// One line of text inside Markdown: characters that would format are escaped.
std::string inline_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string letter(std::size_t i) {
  return i < 26 ? std::string(1, static_cast<char>('a' + i)) : std::to_string(i + 1);
}

std::string tolerance_note(const Tolerance& t) {
  if (t.value == 0) return "";
  return " (within " + practice::tolerance_words(t) + ")";
}

}  // namespace

ExportResult export_markdown(const bank::Pack& pack) {
  ExportResult r;
  std::string paper = "# " + inline_text(pack.title) + "\n\n";
  paper += "Name: ______________________________   Date: ______________\n\n";
  paper += std::to_string(pack.questions.size()) +
           " questions. Write each answer in the space "
           "given; for choice questions circle the letter(s).\n\n";
  std::string key = "\n---\n\n## Answer key\n\n";
  std::size_t number = 0;
  for (const auto& q : pack.questions) {
    ++number;
    const std::string n = std::to_string(number);
    std::string prompt = q.prompt;
    std::string body, answer;
    switch (q.type) {
      case bank::QuestionType::single:
      case bank::QuestionType::multi: {
        const auto& b = std::get<bank::ChoiceBody>(q.body);
        body += q.type == bank::QuestionType::multi ? "*Choose every right option.*\n\n"
                                                    : "*Choose one.*\n\n";
        std::vector<std::string> right;
        for (std::size_t i = 0; i < b.options.size(); ++i) {
          body += "- **" + letter(i) + ")** " + inline_text(b.options[i].text) + "\n";
          if (b.options[i].correct) right.push_back(letter(i));
        }
        for (std::size_t i = 0; i < right.size(); ++i) answer += (i ? ", " : "") + right[i];
        for (std::size_t i = 0; i < b.options.size(); ++i)
          if (!b.options[i].feedback.empty())
            answer += "\n  - " + letter(i) + ") " + inline_text(b.options[i].feedback);
        break;
      }
      case bank::QuestionType::true_false: {
        const auto& b = std::get<bank::TrueFalseBody>(q.body);
        body = "True / False\n";
        answer = b.answer ? "True" : "False";
        const std::string& f = b.answer ? b.feedback_true : b.feedback_false;
        if (!f.empty()) answer += "\n  - " + inline_text(f);
        break;
      }
      case bank::QuestionType::matching: {
        const auto& b = std::get<bank::MatchingBody>(q.body);
        std::vector<std::string> rights;
        for (const auto& p : b.pairs) rights.push_back(p.right);
        for (const auto& d : b.distractors) rights.push_back(d);
        std::sort(rights.begin(), rights.end());  // a fixed order that does not give it away
        body = "*Write the letter of the matching item after each number.*\n\n";
        for (std::size_t i = 0; i < b.pairs.size(); ++i)
          body += std::to_string(i + 1) + ". " + inline_text(b.pairs[i].left) + " ____\n";
        body += "\n";
        for (std::size_t i = 0; i < rights.size(); ++i)
          body += "- **" + letter(i) + ")** " + inline_text(rights[i]) + "\n";
        for (std::size_t i = 0; i < b.pairs.size(); ++i) {
          const auto at =
              std::find(rights.begin(), rights.end(), b.pairs[i].right) - rights.begin();
          answer += (i ? ", " : "") + std::to_string(i + 1) + letter(static_cast<std::size_t>(at));
        }
        break;
      }
      case bank::QuestionType::ordering: {
        const auto& b = std::get<bank::OrderingBody>(q.body);
        std::vector<std::string> shown = b.items;
        std::sort(shown.begin(), shown.end());
        if (shown == b.items) std::reverse(shown.begin(), shown.end());
        body = "*Put the items in order (write the letters).*\n\n";
        for (std::size_t i = 0; i < shown.size(); ++i)
          body += "- **" + letter(i) + ")** " + inline_text(shown[i]) + "\n";
        body += "\nOrder: ______________________\n";
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          const auto at = std::find(shown.begin(), shown.end(), b.items[i]) - shown.begin();
          answer += (i ? " " : "") + letter(static_cast<std::size_t>(at));
        }
        break;
      }
      case bank::QuestionType::short_text: {
        const auto& b = std::get<bank::ShortBody>(q.body);
        body = "Answer: ______________________________\n";
        for (std::size_t i = 0; i < b.accept.size(); ++i)
          answer += (i == 0 ? "" : i == 1 ? " (also accepted: " : ", ") + inline_text(b.accept[i]);
        if (b.accept.size() > 1) answer += ")";
        break;
      }
      case bank::QuestionType::numeric: {
        const auto& b = std::get<bank::NumericBody>(q.body);
        body = "Answer: ______________\n";
        answer = format_exact(b.answer) + tolerance_note(b.tolerance);
        break;
      }
      case bank::QuestionType::calculated:
      case bank::QuestionType::matrix: {
        const Instance in = instance_of(q);
        prompt = in.prompt;
        body = "Answer: ______________________________\n";
        answer =
            in.number ? format_exact(*in.number) + tolerance_note(in.tolerance) : in.text_answer;
        if (q.type == bank::QuestionType::calculated)
          lose(r, q, "printed with one instance (" + in.description + ")");
        break;
      }
    }
    paper += "### " + n + ".\n\n" + block(prompt) + "\n" + body + "\n";
    key += n + ". **" + answer.substr(0, answer.find('\n')) + "**" +
           (answer.find('\n') == std::string::npos ? "" : answer.substr(answer.find('\n'))) + "\n";
    if (!q.explanation.empty()) key += "   " + inline_text(q.explanation) + "\n";
    key += "\n";
    ++r.questions;
  }
  r.text = paper + key;
  return r;
}

}  // namespace qkv::interchange
