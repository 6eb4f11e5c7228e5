// GIFT import (src/interchange/gift_reader.cpp): every feature Moodle's GIFT reader accepts,
// checked field by field on files written for these tests, and every kind of malformed input.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "interchange/import.hpp"
#include "support/paths.hpp"

using namespace qkv::interchange;
using qkv::bank::QuestionType;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(qkv::test::data_dir() + "/interchange/" + name, std::ios::binary);
  REQUIRE(in);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const ImportedQuestion& named(const ReadResult& r, const std::string& name) {
  for (const auto& q : r.questions)
    if (q.name == name) return q;
  FAIL("no question named " << name);
  return r.questions.front();
}

template <typename Body>
const Body& body(const ImportedQuestion& q) {
  REQUIRE(std::holds_alternative<Body>(q.question.body));
  return std::get<Body>(q.question.body);
}

bool has_message(const std::vector<qkv::Diagnostic>& ds, int line, const std::string& part) {
  for (const auto& d : ds)
    if (d.line == line && d.message.find(part) != std::string::npos) return true;
  return false;
}

// The one error of a malformed text: its line and message.
qkv::Diagnostic only_error(const std::string& text) {
  const ReadResult r = read_gift(text, "t.gift");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].file == "t.gift");
  return r.errors[0];
}

}  // namespace

TEST_CASE("GIFT: a bank with one question of each kind is read field by field") {
  const ReadResult r = read_gift(fixture("attention.gift"), "attention.gift");
  CHECK(r.errors.empty());
  REQUIRE(r.questions.size() == 12);

  SUBCASE("single choice with feedback, general feedback, [id:] and [tag:], a category") {
    const auto& q = named(r, "Which vector asks");
    CHECK(q.line == 7);
    CHECK(q.source_id == "roles-1");
    CHECK(q.question.tags == std::vector<std::string>{"roles", "recall"});
    CHECK(q.category == "$course$/top/Attention/Query, key and value");
    CHECK(q.question.type == QuestionType::single);
    CHECK(q.question.prompt == "Which vector is compared with every key?");
    CHECK(q.question.explanation == "Scores are dot products of the query with each key.");
    const auto& b = body<qkv::bank::ChoiceBody>(q);
    REQUIRE(b.options.size() == 3);
    CHECK(b.options[0].text == "The value");
    CHECK_FALSE(b.options[0].correct);
    CHECK(b.options[0].feedback == "Values are mixed, not compared.");
    CHECK(b.options[1].text == "The query");
    CHECK(b.options[1].correct);
    CHECK(b.options[1].feedback == "Right: the query is scored against each key.");
    CHECK(b.options[2].feedback == "The output is the result.");
  }
  SUBCASE("multiple answers with weights that qkv's scoring holds exactly: no note") {
    const auto& q = named(r, "Same input");
    CHECK(q.question.type == QuestionType::multi);
    CHECK(q.question.prompt == "Which of these are computed from the same input *X*?");
    const auto& b = body<qkv::bank::ChoiceBody>(q);
    REQUIRE(b.options.size() == 3);
    CHECK(b.options[0].correct);
    CHECK(b.options[1].correct);
    CHECK_FALSE(b.options[2].correct);
    CHECK(b.options[2].feedback == "It is fixed.");
    CHECK_FALSE(has_message(r.notes, q.line, "weights"));
  }
  SUBCASE("true/false: the first feedback is for the wrong answer, the second for the right") {
    const auto& q = named(r, "Values decide");
    CHECK(q.question.type == QuestionType::true_false);
    const auto& b = body<qkv::bank::TrueFalseBody>(q);
    CHECK_FALSE(b.answer);
    CHECK(b.feedback_true == "No: weights come from queries and keys.");
    CHECK(b.feedback_false == "Right: values are only mixed.");
    CHECK(q.question.explanation == "Weights = softmax(QKᵀ/√d_k).");
    const auto& t = named(r, "Keys answer");
    CHECK(body<qkv::bank::TrueFalseBody>(t).answer);
  }
  SUBCASE("short answer: 100% answers accepted, a partial one dropped with a note") {
    const auto& q = named(r, "Operation");
    CHECK(q.category == "$course$/top/Attention/Scores");
    CHECK(q.question.type == QuestionType::short_text);
    CHECK(body<qkv::bank::ShortBody>(q).accept == std::vector<std::string>{"softmax", "soft max"});
    CHECK(has_message(r.notes, 29, "\"exp\" (50%) is dropped"));
    CHECK(has_message(r.notes, 28, "feedback of the answer \"soft max\""));
  }
  SUBCASE("matching, with Moodle's empty-left distractor") {
    const auto& q = named(r, "Match roles");
    CHECK(q.question.type == QuestionType::matching);
    const auto& b = body<qkv::bank::MatchingBody>(q);
    REQUIRE(b.pairs.size() == 3);
    CHECK(b.pairs[0].left == "query");
    CHECK(b.pairs[0].right == "what the token looks for");
    CHECK(b.pairs[2].left == "value");
    CHECK(b.distractors == std::vector<std::string>{"the next token's probability"});
  }
  SUBCASE("numerical: value:tolerance, min..max, several answers with weights") {
    const auto& s = named(r, "Score");
    CHECK(s.question.prompt == "q = [1 2], k = [3 1]. What is the score q·k?");
    const auto& sb = body<qkv::bank::NumericBody>(s);
    CHECK(sb.answer == 5);
    CHECK(sb.tolerance.value == doctest::Approx(0.01));
    const auto& rb = body<qkv::bank::NumericBody>(named(r, "Range"));
    CHECK(rb.answer == 3);
    CHECK(rb.tolerance.value == 1);
    const auto& several = named(r, "Several");
    const auto& vb = body<qkv::bank::NumericBody>(several);
    CHECK(vb.answer == 4);
    CHECK(vb.tolerance.value == 0);
    CHECK(has_message(r.notes, 45, "'16:0' (50%) is dropped"));
  }
  SUBCASE("a missing-word question keeps the text after the braces") {
    const auto& q = named(r, "Missing word");
    CHECK(q.question.type == QuestionType::single);
    CHECK(q.question.prompt ==
          "Attention weights are computed with the _____ of the scaled scores.");
    CHECK(body<qkv::bank::ChoiceBody>(q).options[1].correct);
  }
  SUBCASE("escapes are literal characters; \\n is a line break") {
    CHECK(named(r, "Escapes").question.prompt ==
          "Literal marks: ~ = # { } : and a backslash \\ then a line\nbreak.");
  }
  SUBCASE("[html] text becomes plain text: code, entities and lists stay readable") {
    CHECK(named(r, "HTML").question.prompt == "Read `QK^T` & answer:\n\n- one\n- two");
  }
  SUBCASE("an essay and a description are reported with their lines, not dropped") {
    REQUIRE(r.skipped.size() == 2);
    CHECK(r.skipped[0].line == 55);
    CHECK(r.skipped[0].message.find("essay") != std::string::npos);
    CHECK(r.skipped[1].line == 57);
    CHECK(r.skipped[1].message.find("description") != std::string::npos);
  }
}

TEST_CASE("GIFT: a BOM, Windows line ends, numbers with spaces, no blank line at the end") {
  const ReadResult r = read_gift(fixture("crlf-bom.gift"), "crlf-bom.gift");
  CHECK(r.errors.empty());
  REQUIRE(r.questions.size() == 2);
  CHECK(r.questions[0].name == "crlf");
  CHECK(r.questions[0].line == 2);
  CHECK(r.questions[0].question.prompt == "Is this read?");
  CHECK(body<qkv::bank::TrueFalseBody>(r.questions[0]).answer);
  const auto& n = body<qkv::bank::NumericBody>(r.questions[1]);
  CHECK(n.answer == 3.5);
  CHECK(n.tolerance.value == 0.5);
  CHECK(r.questions[1].line == 4);
}

TEST_CASE("GIFT: the edge cases users hit") {
  SUBCASE("an escaped = inside an option's text") {
    const auto r = read_gift("Pick {=a \\= b ~c}", "t.gift");
    REQUIRE(r.questions.size() == 1);
    CHECK(body<qkv::bank::ChoiceBody>(r.questions[0]).options[0].text == "a = b");
  }
  SUBCASE("'->' in a short answer's feedback does not make it a matching question") {
    const auto r = read_gift("Name it {=softmax#rows -> weights}", "t.gift");
    REQUIRE(r.questions.size() == 1);
    CHECK(r.questions[0].question.type == QuestionType::short_text);
    CHECK(body<qkv::bank::ShortBody>(r.questions[0]).accept == std::vector<std::string>{"softmax"});
  }
  SUBCASE("'->' in a choice's feedback stays in the feedback") {
    const auto r = read_gift("Pick {=a#a -> b ~c}", "t.gift");
    REQUIRE(r.questions.size() == 1);
    CHECK(body<qkv::bank::ChoiceBody>(r.questions[0]).options[0].feedback == "a -> b");
  }
  SUBCASE("TRUE and F with feedback only for the wrong answer") {
    const auto r = read_gift("A{TRUE#wrong}\n\nB{F}", "t.gift");
    REQUIRE(r.questions.size() == 2);
    const auto& a = body<qkv::bank::TrueFalseBody>(r.questions[0]);
    CHECK(a.answer);
    CHECK(a.feedback_false == "wrong");
    CHECK(a.feedback_true.empty());
    CHECK_FALSE(body<qkv::bank::TrueFalseBody>(r.questions[1]).answer);
  }
  SUBCASE("multiple answers with unequal weights: kept as right/wrong, and the loss noted") {
    const auto r = read_gift("Pick {~%70%a ~%30%b ~c}", "t.gift");
    REQUIRE(r.questions.size() == 1);
    const auto& b = body<qkv::bank::ChoiceBody>(r.questions[0]);
    CHECK(b.options[0].correct);
    CHECK(b.options[1].correct);
    CHECK_FALSE(b.options[2].correct);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].message.find("70%, 30%, 0%") != std::string::npos);
  }
  SUBCASE("a partial-credit option of a single-choice question is noted") {
    const auto r = read_gift("Pick {=a ~%50%b ~c}", "t.gift");
    REQUIRE(r.questions.size() == 1);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].message.find("50%") != std::string::npos);
  }
  SUBCASE("format markers: [plain] keeps tags as text, [moodle] converts HTML") {
    const auto r =
        read_gift("[plain]<b>bold</b>?{T}\n\n[moodle]Is <b>this</b> &lt; that?{T}", "t.gift");
    REQUIRE(r.questions.size() == 2);
    CHECK(r.questions[0].question.prompt == "<b>bold</b>?");
    CHECK(r.questions[1].question.prompt == "Is this < that?");
  }
  SUBCASE("control characters in the text are shown as escapes, never passed on") {
    const auto r = read_gift("Bell \x07 and \x1b[31mred{T}", "t.gift");
    REQUIRE(r.questions.size() == 1);
    CHECK(r.questions[0].question.prompt == "Bell \\x07 and \\x1b[31mred");
  }
  SUBCASE("a comment line between two questions without a blank line joins them") {
    const auto r = read_gift("A{T}\n// note\nB{F}", "t.gift");
    CHECK(r.questions.empty());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 3);
  }
  SUBCASE("two identical right items cannot be carried: reported, not dropped") {
    const auto r = read_gift("M {=a -> x =b -> x}", "t.gift");
    CHECK(r.questions.empty());
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].message.find("\"x\" answers two left items") != std::string::npos);
  }
}

TEST_CASE("GIFT: malformed input gives the line and the reason") {
  SUBCASE("an unclosed brace") {
    const auto d = only_error("Q1{T}\n\nWhat is it? {\n=yes\n=no\n");
    CHECK(d.line == 3);
    CHECK(d.message.find("unclosed brace") != std::string::npos);
  }
  SUBCASE("a closing brace without an opening one") {
    const auto d = only_error("a\nb } {T}");
    CHECK(d.line == 2);
    CHECK(d.message.find("without an opening") != std::string::npos);
  }
  SUBCASE("'->' without '='") {
    const auto d = only_error("Match\n{a -> b\nc -> d}");
    CHECK(d.line == 2);
    CHECK(d.message.find("'->' without '='") != std::string::npos);
  }
  SUBCASE("a matching pair without '->'") {
    const auto d = only_error("Match {\n=a -> b\n=c d\n}");
    CHECK(d.line == 3);
    CHECK(d.message.find("without '->'") != std::string::npos);
  }
  SUBCASE("a numerical answer that is no number") {
    const auto d = only_error("N {#\n=abc:1}");
    CHECK(d.line == 2);
    CHECK(d.message.find("'abc:1' is not a numerical answer") != std::string::npos);
  }
  SUBCASE("a title that is not closed") {
    CHECK(only_error("::title Q{T}").message.find("not closed") != std::string::npos);
  }
  SUBCASE("a nested brace") {
    const auto d = only_error("Q {=a\n{=b}}");
    CHECK(d.line == 2);
  }
  SUBCASE("non-UTF-8 text names the line") {
    const auto d = only_error("Q{T}\n\nCaf\xe9 {F}");
    CHECK(d.line == 3);
    CHECK(d.message.find("not UTF-8") != std::string::npos);
  }
  SUBCASE("an answer block that is none of GIFT's kinds") {
    CHECK(only_error("Q {maybe}").message.find("none of GIFT's kinds") != std::string::npos);
  }
  SUBCASE("every error of a file is reported, not only the first") {
    const auto r = read_gift("A {\n\nB {=x -> y =z}\n\nC{T}", "t.gift");
    CHECK(r.errors.size() == 2);
    CHECK(r.questions.size() == 1);
  }
}
