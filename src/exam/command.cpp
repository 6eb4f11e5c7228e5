#include "exam/command.hpp"

#include <utility>

#include "core/text.hpp"
#include "session/typed_answer.hpp"

namespace qkv::exam {

namespace {

using Kind = ExamCommand::Kind;

struct Word {
  std::string_view word;
  std::string_view letter;  // the one-letter form; empty when there is none
  Kind kind;
};

constexpr Word kWords[] = {
    {"skip", "s", Kind::skip},     {"next", "n", Kind::next},    {"back", "p", Kind::back},
    {"prev", "", Kind::back},      {"previous", "", Kind::back}, {"flag", "f", Kind::flag},
    {"unflag", "u", Kind::unflag}, {"list", "l", Kind::list},    {"submit", "", Kind::submit},
    {"help", "?", Kind::help},
};

// "3" -> 3; nullopt for anything but digits (at most 6 of them).
std::optional<std::size_t> parse_number(std::string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  std::size_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// A one-letter form yields to an answer when the question would accept the line as one.
bool answers_question(const session::PresentedQuestion& pq, std::string_view line) {
  return pq.type() != bank::QuestionType::short_text && session::parse_answer(pq, line).ok();
}

}  // namespace

ExamCommand parse_exam_command(const session::PresentedQuestion& pq, std::string_view line) {
  const std::string t = normalize_answer(line);
  ExamCommand answer{Kind::answer, 0, std::string(line)};

  // goto N / g N / gN
  std::string_view rest;
  bool is_goto_word = false;
  if (t == "goto" || t.rfind("goto ", 0) == 0) {
    rest = std::string_view(t).substr(4);
    is_goto_word = true;
  } else if (t == "g" || t.rfind("g ", 0) == 0 ||
             (t.size() > 1 && t[0] == 'g' && parse_number(std::string_view(t).substr(1)))) {
    rest = std::string_view(t).substr(1);
  }
  if (is_goto_word || !rest.empty() || t == "g") {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!is_goto_word && answers_question(pq, line)) return answer;
    if (const auto n = parse_number(rest)) return ExamCommand{Kind::go_to, *n, ""};
    return ExamCommand{Kind::invalid, 0, "'" + t + "' needs a question number: goto 3 (or g 3)"};
  }

  for (const auto& w : kWords) {
    if (t == w.word) return ExamCommand{w.kind, 0, ""};
    if (!w.letter.empty() && t == w.letter) {
      if (answers_question(pq, line)) return answer;
      return ExamCommand{w.kind, 0, ""};
    }
  }
  return answer;
}

bool is_yes(std::string_view reply) {
  const std::string t = normalize_answer(reply);
  return t == "y" || t == "yes";
}

}  // namespace qkv::exam
