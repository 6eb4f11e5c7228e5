// Rendering of questions, results and summaries as text (shared by quiz and exam).
#include <doctest/doctest.h>

#include "render/question_view.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::render;
using namespace qkv::session;
using namespace qkv::bank;
using namespace qkv_test;

namespace {

Bank bank_with_concept() {
  Bank b;
  b.packs.emplace_back();
  Concept c;
  c.id = "c1";
  c.name = "Concept one";
  b.packs[0].concepts.push_back(c);
  return b;
}

}  // namespace

TEST_CASE("format_points drops trailing zeros and rounds to two decimals") {
  CHECK(format_points(2.0) == "2");
  CHECK(format_points(1.5) == "1.5");
  CHECK(format_points(2.0 / 3.0) == "0.67");
  CHECK(format_points(0.0) == "0");
}

TEST_CASE("a question shows header, concept name, prompt, lettered options and how to answer") {
  auto q = single_q();
  q.prompt = "Line one\n  indented line two";
  std::get<ChoiceBody>(q.body).options[0].text = "first line\nsecond line";
  q.hints = {"h"};
  qkv::Rng rng(1);
  const auto pq = present(q, rng, PresentOptions{.options = OptionOrder::as_written});
  const auto text =
      render_question(pq, Progress{3, 10, 2, 1.5}, bank_with_concept(), qkv::term::Style(false));
  CHECK(text.find("Question 3/10  [####----------------]  score 1.5/2\n") != std::string::npos);
  CHECK(text.find("Concept: Concept one | difficulty 1 | single choice") != std::string::npos);
  CHECK(text.find("Line one\n  indented line two\n") != std::string::npos);
  // A multi-line option keeps its continuation lines in the option's column.
  CHECK(text.find("  a) first line\n     second line\n  b) B\n") != std::string::npos);
  CHECK(text.find("Answer with the letter of one option (a-d). Type ? for a hint.") !=
        std::string::npos);
}

TEST_CASE("a fenced block in a prompt, option or explanation is shown verbatim and indented") {
  auto q = single_q();
  q.prompt = "Find the bug:\n```python\nw  =  s.softmax(dim=0)\n```\nWhich line?";
  std::get<ChoiceBody>(q.body).options[0].text = "Line:\n```\n  a  b\n```";
  q.explanation = "Rows:\n```\n0.5   0.5\n```";
  qkv::Rng rng(1);
  const auto pq = present(q, rng, PresentOptions{.options = OptionOrder::as_written});
  const auto text =
      render_question(pq, Progress{1, 1, 0, 0}, bank_with_concept(), qkv::term::Style(false));
  // The fence lines go; the code keeps its spaces, four spaces in (under the option's text).
  CHECK(text.find("Find the bug:\n    w  =  s.softmax(dim=0)\nWhich line?\n") != std::string::npos);
  CHECK(text.find("  a) Line:\n           a  b\n  b) B\n") != std::string::npos);
  CHECK(text.find("```") == std::string::npos);
  CHECK(shown_text(q.explanation) == "Rows:\n    0.5   0.5\n");
}

TEST_CASE("matching shows numbered left items and lettered right items") {
  const auto q = matching_q();
  PresentedQuestion pq;
  pq.question = &q;
  pq.rights = {"key", "query", "bias", "value"};
  const auto text =
      render_question(pq, Progress{1, 1, 0, 0}, bank_with_concept(), qkv::term::Style(false));
  CHECK(text.find("  1) Q\n  2) K\n  3) V\nwith one of:\n  a) key\n  b) query\n  c) bias\n"
                  "  d) value\n") != std::string::npos);
}

TEST_CASE("pack text with escape sequences is neutralised in questions and results") {
  auto q = single_q();
  q.prompt = "bad \x1b[2J prompt";
  q.explanation = "bad \x1b]0;x\x07 explanation";
  std::get<ChoiceBody>(q.body).options[1].feedback = "fb \x1b[31m";
  qkv::Rng rng(1);
  const auto pq = present(q, rng, PresentOptions{.options = OptionOrder::as_written});
  const auto question =
      render_question(pq, Progress{1, 1, 0, 0}, bank_with_concept(), qkv::term::Style(false));
  CHECK(question.find('\x1b') == std::string::npos);
  CHECK(question.find("bad \\x1b[2J prompt") != std::string::npos);
  Record rec;
  rec.presented = &pq;
  rec.given = "b\x1b";
  rec.result = grade(pq, *parse_answer(pq, "a").answer);
  const auto result = render_result(rec, qkv::term::Style(false));
  CHECK(result.find('\x1b') == std::string::npos);
  CHECK(result.find('\a') == std::string::npos);
  CHECK(result.find("Wrong.") != std::string::npos);
}

TEST_CASE("a summary with nothing answered says so instead of a score") {
  Summary s;
  s.planned = 4;
  const auto text = render_summary(
      s, bank_with_concept(), SummaryContext{SessionEnd::interrupted, {}}, qkv::term::Style(false));
  CHECK(text.find("Session interrupted: 0 of 4 questions answered.") != std::string::npos);
  CHECK(text.find("Nothing was answered, so there is no score.") != std::string::npos);
  CHECK(text.find("Score") == std::string::npos);
}
