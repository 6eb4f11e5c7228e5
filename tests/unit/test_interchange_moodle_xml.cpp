// Moodle XML and Aiken import (src/interchange/moodle_xml_reader.cpp, aiken_reader.cpp): each
// type and detail the importer carries, field by field, on files written for these tests, and
// malformed input.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "interchange/formula.hpp"
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
    if ((line == 0 || d.line == line) && d.message.find(part) != std::string::npos) return true;
  return false;
}

std::string quiz(const std::string& questions) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n" + questions + "\n</quiz>\n";
}

}  // namespace

TEST_CASE("Moodle XML: every carried type, field by field") {
  const ReadResult r = read_moodle_xml(fixture("attention.xml"), "attention.xml");
  CHECK(r.errors.empty());
  REQUIRE(r.questions.size() == 8);

  SUBCASE("multichoice, one answer: HTML and CDATA to text, feedback, hints, tags, idnumber") {
    const auto& q = named(r, "Which vector asks");
    CHECK(q.line == 10);
    CHECK(q.source_id == "roles-1");
    CHECK(q.category == "Attention/Query, key and value");
    CHECK(q.category_id == "qkv-roles");
    CHECK(q.question.type == QuestionType::single);
    CHECK(q.question.prompt == "Which vector is compared with every key?\n\n[image: diagram]");
    CHECK(q.question.explanation == "Scores are dot products of the query with each key.");
    CHECK(q.question.hints ==
          std::vector<std::string>{"It asks the question.", "Q stands for it."});
    CHECK(q.question.tags == std::vector<std::string>{"roles", "recall"});
    const auto& b = body<qkv::bank::ChoiceBody>(q);
    REQUIRE(b.options.size() == 3);
    CHECK(b.options[0].text == "The value");
    CHECK(b.options[0].feedback == "Values are mixed, not compared.");
    CHECK_FALSE(b.options[0].correct);
    CHECK(b.options[1].correct);
    CHECK(b.options[2].feedback.empty());
    // The image is named once (its <file> is the same picture).
    CHECK(has_message(r.notes, 0, "image \"@@PLUGINFILE@@/diagram.png\" dropped"));
    CHECK_FALSE(has_message(r.notes, 0, "file \"diagram.png\""));
  }
  SUBCASE("multichoice, several answers: fractions become right and wrong") {
    // 50, 50, -50 is how qkv scores it, (right - wrong picks) / 2: nothing to note.
    const auto& q = named(r, "Same input");
    CHECK(q.question.type == QuestionType::multi);
    const auto& b = body<qkv::bank::ChoiceBody>(q);
    CHECK(b.options[0].correct);
    CHECK(b.options[1].correct);
    CHECK_FALSE(b.options[2].correct);
    CHECK(b.options[0].feedback == "Q = X·W_q.");
    CHECK_FALSE(has_message(r.notes, q.line, "weights"));  // 50/50/-50: scored the same
  }
  SUBCASE("truefalse with both feedbacks and general feedback") {
    const auto& q = named(r, "Values decide");
    const auto& b = body<qkv::bank::TrueFalseBody>(q);
    CHECK_FALSE(b.answer);
    CHECK(b.feedback_true == "No: queries and keys decide.");
    CHECK(b.feedback_false == "Right.");
    CHECK(q.question.explanation == "Weights come from Q and K.");
  }
  SUBCASE("shortanswer: 100% answers, a partial one noted") {
    const auto& q = named(r, "Operation");
    CHECK(q.category == "Attention/Scores");
    CHECK(q.category_id.empty());
    CHECK(body<qkv::bank::ShortBody>(q).accept == std::vector<std::string>{"softmax", "soft max"});
    CHECK(has_message(r.notes, 0, "\"exp\" (50%) is dropped"));
  }
  SUBCASE("numerical with a tolerance; an entity in the text") {
    const auto& q = named(r, "Score");
    CHECK(q.question.prompt == "q = [1 2], k = [3 1]. What is q·k?");
    const auto& b = body<qkv::bank::NumericBody>(q);
    CHECK(b.answer == 5);
    CHECK(b.tolerance.value == doctest::Approx(0.01));
    CHECK(b.tolerance.kind == qkv::ToleranceKind::absolute);
    CHECK(has_message(r.notes, 0, "\"6\" (50%) is dropped"));
  }
  SUBCASE("matching with an empty subquestion as a distractor") {
    const auto& b = body<qkv::bank::MatchingBody>(named(r, "Match roles"));
    REQUIRE(b.pairs.size() == 2);
    CHECK(b.pairs[1].left == "key");
    CHECK(b.pairs[1].right == "the label compared with queries");
    CHECK(b.distractors == std::vector<std::string>{"the next token's probability"});
  }
  SUBCASE("ordering: items in the order of their fractions") {
    CHECK(body<qkv::bank::OrderingBody>(named(r, "Steps")).items ==
          std::vector<std::string>{"scores", "scale", "softmax"});
  }
  SUBCASE("calculated: one instance of the dataset, reported as such") {
    const auto& q = named(r, "Scaled");
    CHECK(q.question.type == QuestionType::numeric);
    CHECK(q.question.prompt == "A score of 6 scaled for d_k = 4?");
    const auto& b = body<qkv::bank::NumericBody>(q);
    CHECK(b.answer == doctest::Approx(3.0));  // 6 / sqrt(4)
    CHECK(b.tolerance.value == doctest::Approx(0.01));
    CHECK(b.tolerance.kind == qkv::ToleranceKind::absolute);  // tolerancetype 2: nominal
    CHECK(has_message(r.notes, q.line, "one instance of its dataset (d = 4, s = 6)"));
  }
  SUBCASE("an essay is reported with its line") {
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].line == 102);
    CHECK(r.skipped[0].message.find("\"essay\"") != std::string::npos);
  }
}

TEST_CASE("Moodle XML: malformed input gives the line and the reason") {
  SUBCASE("a question without an answer") {
    const auto r = read_moodle_xml(
        quiz("<question type=\"multichoice\">\n<questiontext><text>Q?</text></questiontext>\n"
             "</question>"),
        "t.xml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 3);
    CHECK(r.errors[0].message.find("without an <answer>") != std::string::npos);
  }
  SUBCASE("XML that is not well-formed") {
    const auto r =
        read_moodle_xml(quiz("<question type=\"truefalse\">\n<questiontext>\n</quiz>"), "t.xml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line >= 4);
    CHECK(r.errors[0].message.find("not well-formed XML") != std::string::npos);
  }
  SUBCASE("no <quiz>") {
    const auto r = read_moodle_xml("<?xml version=\"1.0\"?><questions/>", "t.xml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("no <quiz>") != std::string::npos);
  }
  SUBCASE("non-UTF-8 text") {
    const auto r = read_moodle_xml(quiz("<!-- \xff -->"), "t.xml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 3);
  }
  SUBCASE("a numerical answer that is no number") {
    const auto r = read_moodle_xml(
        quiz("<question type=\"numerical\"><questiontext><text>N?</text></questiontext>\n"
             "<answer fraction=\"100\"><text>five</text></answer></question>"),
        "t.xml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 4);
  }
  SUBCASE("a true/false answer that is neither") {
    const auto r = read_moodle_xml(
        quiz("<question type=\"truefalse\"><questiontext><text>T?</text></questiontext>\n"
             "<answer fraction=\"100\"><text>yes</text></answer></question>"),
        "t.xml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("\"yes\"") != std::string::npos);
  }
}

TEST_CASE("Moodle XML: types qkv lacks are listed, and a fraction-less single choice skipped") {
  const auto r = read_moodle_xml(
      quiz("<question type=\"description\"><questiontext><text>x</text></questiontext></question>\n"
           "<question type=\"ddwtos\"><questiontext><text>x</text></questiontext></question>\n"
           "<question type=\"newplugin\"><questiontext><text>x</text></questiontext></question>\n"
           "<question type=\"multichoice\"><questiontext><text>x</text></questiontext>"
           "<answer fraction=\"50\"><text>a</text></answer>"
           "<answer fraction=\"0\"><text>b</text></answer></question>"),
      "t.xml");
  CHECK(r.errors.empty());
  REQUIRE(r.skipped.size() == 4);
  CHECK(r.skipped[0].line == 3);
  CHECK(r.skipped[1].message.find("drag-and-drop") != std::string::npos);
  CHECK(r.skipped[2].message.find("\"newplugin\"") != std::string::npos);
  CHECK(r.skipped[3].message.find("no answer has fraction 100") != std::string::npos);
}

TEST_CASE("calculated formulas are evaluated like Moodle's") {
  const std::map<std::string, double> v = {{"a", 2}, {"b", 3}};
  CHECK(*evaluate_formula("{a} + {b} * 2", v) == 8);
  CHECK(*evaluate_formula("({a} + {b}) * 2", v) == 10);
  CHECK(*evaluate_formula("pow({a}, {b}) - sqrt(16)", v) == 4);
  CHECK(*evaluate_formula("{a}**{b}", v) == 8);
  CHECK(*evaluate_formula("-{a} + abs(-5)", v) == 3);
  CHECK(*evaluate_formula("max(1, {b}, 2) / min(4, {a})", v) == 1.5);
  CHECK(*evaluate_formula("log(exp(1))", v) == doctest::Approx(1));
  CHECK(*evaluate_formula("pi()", v) == doctest::Approx(3.14159265));
  std::string why;
  CHECK_FALSE(evaluate_formula("{c} + 1", v, &why));
  CHECK(why.find("{c}") != std::string::npos);
  CHECK_FALSE(evaluate_formula("1 / 0", v));
  CHECK_FALSE(evaluate_formula("nosuch(1)", v));
  CHECK_FALSE(evaluate_formula("(1 + 2", v));
  CHECK_FALSE(evaluate_formula(std::string(10000, '('), v));  // no stack overflow
  CHECK_FALSE(evaluate_formula(std::string(10000, '-') + "1", v));
}

TEST_CASE("Aiken: options A. and A), the key, several lines of question") {
  const auto r = read_aiken(fixture("attention.aiken"), "attention.aiken");
  CHECK(r.errors.empty());
  REQUIRE(r.questions.size() == 2);
  const auto& q = r.questions[0];
  CHECK(q.line == 1);
  CHECK(q.question.type == QuestionType::single);
  CHECK(q.question.prompt == "Which vector is compared with every key?");
  const auto& b = body<qkv::bank::ChoiceBody>(q);
  REQUIRE(b.options.size() == 3);
  CHECK(b.options[1].text == "The query");
  CHECK(b.options[1].correct);
  CHECK_FALSE(b.options[0].correct);
  const auto& b2 = body<qkv::bank::ChoiceBody>(r.questions[1]);
  CHECK(b2.options[0].text == "0");
  CHECK(b2.options[1].correct);
  CHECK(r.questions[1].line == 7);
}

TEST_CASE("Aiken: malformed input gives the line and the reason") {
  auto one = [](const std::string& text) {
    const auto r = read_aiken(text, "t.aiken");
    REQUIRE(r.errors.size() == 1);
    return r.errors[0];
  };
  CHECK(one("Q?\nA. x\nB. y\nANSWER: C\n").line == 4);
  CHECK(one("Q?\nA. x\nB. y\n").message.find("no \"ANSWER: X\"") != std::string::npos);
  CHECK(one("Q?\nANSWER: A\n").message.find("no options") != std::string::npos);
  CHECK(one("Q?\nA. x\nB. y\nmore text\nANSWER: A\n").line == 4);
  CHECK(one("Q?\nA. x\nA. y\nANSWER: A\n").message.find("second option A") != std::string::npos);
  CHECK(one("Q?\nA. x\nB. y\nANSWER: b\n").line == 4);
  CHECK(one("Q?\nA. x\nB. caf\xe9\nANSWER: A\n").line == 3);
  // After an error, the next question is read again.
  const auto r = read_aiken("Q?\nA. x\nANSWER: Z\n\nR?\nA. x\nB. y\nANSWER: B\n", "t.aiken");
  CHECK(r.errors.size() == 1);
  CHECK(r.questions.size() == 1);
}

TEST_CASE("the format of a file from its name or its content") {
  CHECK(detect_format("a.gift", "") == Format::gift);
  CHECK(detect_format("a.AIKEN", "") == Format::aiken);
  CHECK(detect_format("a.xml", "") == Format::moodle_xml);
  CHECK(detect_format("a.txt", "\xEF\xBB\xBF<?xml version=\"1.0\"?><quiz/>") == Format::moodle_xml);
  CHECK(detect_format("a.txt", "Q?\nA. x\nB) y\nANSWER: A\n") == Format::aiken);
  CHECK(detect_format("a.txt", "::t:: Q {T}") == Format::gift);
  CHECK_FALSE(detect_format("a.txt", "just words").has_value());
}
