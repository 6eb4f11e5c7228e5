// The content hash changes when what a question asks or accepts changes, and only then.
#include <doctest/doctest.h>

#include "bank/content_hash.hpp"
#include "support/session_fixtures.hpp"

using qkv::bank::content_hash;

TEST_CASE("content hash: stable, 16 hex digits, and blind to explanation, hints and feedback") {
  auto q = qkv_test::single_q();
  const std::string h = content_hash(q);
  CHECK(h.size() == 16);
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(content_hash(q) == h);
  q.explanation = "a better explanation";
  q.hints = {"a new hint"};
  std::get<qkv::bank::ChoiceBody>(q.body).options[0].feedback = "new feedback";
  q.tags = {"scenario"};
  CHECK(content_hash(q) == h);
  // The id is the card's name, not its content: the same content under another id hashes alike.
  q.id = "renamed";
  CHECK(content_hash(q) == h);
}

TEST_CASE("content hash: the prompt, an option, which option is right, or the type change it") {
  const auto base = qkv_test::single_q();
  const std::string h = content_hash(base);
  auto q = base;
  q.prompt += " (edited)";
  CHECK(content_hash(q) != h);
  q = base;
  std::get<qkv::bank::ChoiceBody>(q.body).options[2].text = "C, reworded";
  CHECK(content_hash(q) != h);
  q = base;
  std::get<qkv::bank::ChoiceBody>(q.body).options[1].correct = false;
  std::get<qkv::bank::ChoiceBody>(q.body).options[2].correct = true;
  CHECK(content_hash(q) != h);
  q = base;
  q.type = qkv::bank::QuestionType::multi;
  CHECK(content_hash(q) != h);
  // Field boundaries count: "AB"+"C" is not "A"+"BC".
  auto a = base, b = base;
  std::get<qkv::bank::ChoiceBody>(a.body).options[0].text = "AB";
  std::get<qkv::bank::ChoiceBody>(a.body).options[1].text = "C";
  std::get<qkv::bank::ChoiceBody>(b.body).options[0].text = "A";
  std::get<qkv::bank::ChoiceBody>(b.body).options[1].text = "BC";
  CHECK(content_hash(a) != content_hash(b));
}

TEST_CASE("content hash: numbers and tolerances of a numeric question count") {
  const auto q = qkv_test::make_question(
      "n", qkv::bank::QuestionType::numeric,
      qkv::bank::NumericBody{0.5, {0.01, qkv::ToleranceKind::absolute}, std::nullopt});
  auto r = q;
  std::get<qkv::bank::NumericBody>(r.body).answer = 0.25;
  CHECK(content_hash(r) != content_hash(q));
  r = q;
  std::get<qkv::bank::NumericBody>(r.body).tolerance.value = 0.02;
  CHECK(content_hash(r) != content_hash(q));
}
