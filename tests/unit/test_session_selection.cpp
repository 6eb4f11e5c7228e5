// Choosing a session's questions: filters, count, order, and the usage errors that list the
// bank's concepts.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/error.hpp"
#include "session/selection.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv::bank;
using namespace qkv_test;

namespace {

// Pack "t": concepts c1, c2, c3; twelve questions whose concepts, difficulty and type vary.
Bank make_bank() {
  Pack p;
  p.id = "t";
  for (const char* c : {"c1", "c2", "c3"}) {
    Concept k;
    k.id = c;
    k.name = std::string("Concept ") + c;
    p.concepts.push_back(k);
  }
  const QuestionType types[] = {QuestionType::single, QuestionType::multi, QuestionType::true_false,
                                QuestionType::numeric};
  for (int i = 0; i < 12; ++i) {
    std::vector<std::string> concepts = {i % 3 == 0 ? "c1" : i % 3 == 1 ? "c2" : "c3"};
    if (i == 4) concepts.push_back("c1");  // a c2 question that also tests c1
    auto q =
        make_question("q" + std::to_string(i), types[i % 4],
                      i % 4 == 2 ? Body{TrueFalseBody{}} : Body{ChoiceBody{}}, concepts, 1 + i % 3);
    p.questions.push_back(q);
  }
  Bank b;
  b.packs.push_back(p);
  return b;
}

std::vector<std::string> ids(const std::vector<const Question*>& qs) {
  std::vector<std::string> out;
  for (const auto* q : qs) out.push_back(q->id);
  return out;
}

std::string usage_message(const Bank& bank, const Selection& sel) {
  qkv::Rng rng(1);
  try {
    select_questions(bank, sel, rng);
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::usage);
    return e.diagnostics().at(0).message;
  }
  FAIL("expected a usage error");
  return "";
}

}  // namespace

TEST_CASE("in pack order, no filters: the first N questions") {
  const auto bank = make_bank();
  qkv::Rng rng(1);
  Selection sel;
  sel.order = QuestionOrder::as_written;
  sel.count = 3;
  CHECK(ids(select_questions(bank, sel, rng)) == std::vector<std::string>{"q0", "q1", "q2"});
  sel.count = 0;
  CHECK(select_questions(bank, sel, rng).size() == 12);
  sel.count = 50;
  CHECK(select_questions(bank, sel, rng).size() == 12);
}

TEST_CASE("shuffled: reproducible from the seed, a different order for another seed") {
  const auto bank = make_bank();
  Selection sel;
  sel.count = 0;
  qkv::Rng a(77), b(77), c(78);
  const auto first = ids(select_questions(bank, sel, a));
  CHECK(first == ids(select_questions(bank, sel, b)));
  CHECK(first != ids(select_questions(bank, sel, c)));
  std::vector<std::string> sorted = first;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted.size() == 12);
  CHECK(std::unique(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("filters: concept (any of a question's concepts), difficulty, type, id") {
  const auto bank = make_bank();
  qkv::Rng rng(1);
  Selection sel;
  sel.order = QuestionOrder::as_written;
  sel.count = 0;
  sel.concepts = {"c1"};
  CHECK(ids(select_questions(bank, sel, rng)) ==
        std::vector<std::string>{"q0", "q3", "q4", "q6", "q9"});
  sel.concepts = {"c2", "c3"};
  CHECK(select_questions(bank, sel, rng).size() == 8);
  sel.concepts = {};
  sel.difficulties = {3};  // i % 3 == 2
  CHECK(ids(select_questions(bank, sel, rng)) == std::vector<std::string>{"q2", "q5", "q8", "q11"});
  sel.types = {QuestionType::true_false};  // i % 4 == 2, and difficulty 3
  CHECK(ids(select_questions(bank, sel, rng)) == std::vector<std::string>{"q2"});
  sel = Selection{};
  sel.order = QuestionOrder::as_written;
  sel.ids = {"t/q7", "q1"};
  CHECK(ids(select_questions(bank, sel, rng)) == std::vector<std::string>{"q1", "q7"});
}

TEST_CASE("an unknown concept is a usage error that lists the valid concepts") {
  const auto bank = make_bank();
  Selection sel;
  sel.concepts = {"c1", "nope"};
  const auto msg = usage_message(bank, sel);
  CHECK(msg.find("--concept 'nope' is not a concept of this bank") != std::string::npos);
  CHECK(msg.find("c1  Concept c1 (5 questions)") != std::string::npos);
  CHECK(msg.find("c3  Concept c3 (4 questions)") != std::string::npos);
}

TEST_CASE("a selection that matches nothing is a usage error that lists the concepts") {
  const auto bank = make_bank();
  Selection sel;
  sel.concepts = {"c1"};
  sel.types = {QuestionType::short_text};
  const auto msg = usage_message(bank, sel);
  CHECK(msg.find("no question matches") != std::string::npos);
  CHECK(msg.find("c2  Concept c2") != std::string::npos);
  Selection by_id;
  by_id.ids = {"t/q99"};
  CHECK(usage_message(bank, by_id).find("--id 't/q99' is not a question") != std::string::npos);
}

TEST_CASE("parse_difficulty: single levels, ranges and lists; anything else is a usage error") {
  CHECK(parse_difficulty("2") == std::vector<int>{2});
  CHECK(parse_difficulty("1-2") == std::vector<int>{1, 2});
  CHECK(parse_difficulty("2,3") == std::vector<int>{2, 3});
  CHECK(parse_difficulty("3,1-2") == std::vector<int>{1, 2, 3});
  CHECK(parse_difficulty("1, 1") == std::vector<int>{1});
  for (const char* bad : {"", "0", "4", "2-1", "a", "1-", "1,,2", "12"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_difficulty(bad), qkv::Error);
  }
}

TEST_CASE("parse_types: pack names, a dash for the underscore; unknown names refused") {
  CHECK(parse_types({"single", "true-false", "short", "single"}) ==
        std::vector<QuestionType>{QuestionType::single, QuestionType::true_false,
                                  QuestionType::short_text});
  CHECK_THROWS_AS(parse_types({"essay"}), qkv::Error);
}
