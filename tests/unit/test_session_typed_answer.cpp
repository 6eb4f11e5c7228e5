// Answer parsing for every question type: what is accepted, and that everything else is refused
// with a message saying what is expected.
#include <doctest/doctest.h>

#include "session/typed_answer.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv_test;
using qkv::ToleranceKind;

namespace {

// Choices shown in pack order (a = option 0, ...).
PresentedQuestion as_written(const Question& q) {
  qkv::Rng rng(1);
  return present(q, rng, PresentOptions{.options = OptionOrder::as_written});
}

bool refused_with(const PresentedQuestion& pq, std::string_view input, std::string_view words) {
  const auto out = parse_answer(pq, input);
  if (out.ok()) return false;
  const bool says_what = out.error.find(words) != std::string::npos;
  const bool says_expected = out.error.find(answer_syntax(pq)) != std::string::npos;
  if (!says_what || !says_expected) MESSAGE("message was: " << out.error);
  return says_what && says_expected;
}

}  // namespace

TEST_CASE("single: a letter, a number, any case, a trailing parenthesis") {
  const auto q = single_q();
  const auto pq = as_written(q);
  for (const char* in : {"b", "B", " b ", "2", "b)", "b."}) {
    CAPTURE(in);
    const auto out = parse_answer(pq, in);
    REQUIRE(out.ok());
    CHECK(out.answer->options == std::vector<std::size_t>{1});
  }
}

TEST_CASE("single: letters map through the shuffled layout to pack options") {
  const auto q = single_q();
  qkv::Rng rng(7);
  const auto pq = present(q, rng);
  for (std::size_t pos = 0; pos < pq.choices.size(); ++pos) {
    const auto out = parse_answer(pq, position_label(pos));
    REQUIRE(out.ok());
    CHECK(out.answer->options == std::vector<std::size_t>{pq.choices[pos]});
  }
}

TEST_CASE("single: invalid inputs are refused and say what is expected") {
  const auto q = single_q();
  const auto pq = as_written(q);
  CHECK(answer_syntax(pq) == "Answer with the letter of one option (a-d).");
  CHECK(refused_with(pq, "", "No answer given."));
  CHECK(refused_with(pq, "   ", "No answer given."));
  CHECK(refused_with(pq, "e", "'e' is not one of the options."));
  CHECK(refused_with(pq, "5", "'5' is not one of the options."));
  CHECK(refused_with(pq, "0", "'0' is not one of the options."));
  CHECK(refused_with(pq, "a c", "Choose exactly one option."));
  CHECK(refused_with(pq, "ab", "Choose exactly one option."));
  CHECK(refused_with(pq, "maybe", "'maybe' is not one of the options."));
  CHECK(refused_with(pq, "zz", "'zz' is not one of the options."));
}

TEST_CASE("multi: commas, spaces, run-together letters and numbers") {
  const auto q = multi_q();
  const auto pq = as_written(q);
  const std::vector<std::size_t> ac{0, 2};
  for (const char* in : {"a,c", "a c", "A, C", "ac", "c a", "1 3", "a,c,a", "a;c"}) {
    CAPTURE(in);
    const auto out = parse_answer(pq, in);
    REQUIRE(out.ok());
    CHECK(out.answer->options == ac);
  }
  CHECK(refused_with(pq, "a,f", "'f' is not one of the options."));
  CHECK(refused_with(pq, "a,,x", "'x' is not one of the options."));
  CHECK(refused_with(pq, ", ,", "Choose at least one option."));
}

TEST_CASE("true/false: t f true false yes no in any case") {
  const auto q = true_false_q();
  const auto pq = as_written(q);
  for (const char* in : {"t", "T", "true", "True", "yes", "y"}) {
    CAPTURE(in);
    const auto out = parse_answer(pq, in);
    REQUIRE(out.ok());
    CHECK(out.answer->truth);
  }
  for (const char* in : {"f", "FALSE", "no", "n", " false "}) {
    CAPTURE(in);
    const auto out = parse_answer(pq, in);
    REQUIRE(out.ok());
    CHECK_FALSE(out.answer->truth);
  }
  CHECK(refused_with(pq, "maybe", "'maybe' is neither true nor false."));
  CHECK(refused_with(pq, "a", "is neither true nor false"));
}

TEST_CASE("matching: '1b 2a 3c' and its spellings, or letters in order") {
  const auto q = matching_q();
  PresentedQuestion pq;
  pq.question = &q;
  pq.rights = {"key", "query", "bias", "value"};  // a=key b=query c=bias d=value
  const std::vector<std::size_t> right{1, 0, 3};  // 1b 2a 3d
  for (const char* in :
       {"1b 2a 3d", "1B,2A,3D", "3d 1b 2a", "1-b 2:a 3=d", "1 b 2 a 3 d", "b a d", "b,a,d"}) {
    CAPTURE(in);
    const auto out = parse_answer(pq, in);
    REQUIRE(out.ok());
    CHECK(out.answer->matches == right);
  }
  CHECK(answer_syntax(pq) ==
        "Give each numbered item a letter, e.g. \"1b 2a\" (items 1-3, letters a-d).");
  CHECK(refused_with(pq, "1b 2a", "Item 3 has no letter."));
  CHECK(refused_with(pq, "1b 1a 3d", "Item 1 is matched twice."));
  CHECK(refused_with(pq, "1b 2a 4d", "There is no item 4"));
  CHECK(refused_with(pq, "1b 2a 3e", "'e' is not one of the letters a-d."));
  CHECK(refused_with(pq, "1b 2a 3", "'3' is not an item number followed by a letter."));
  CHECK(refused_with(pq, "b a", "Give a letter for each of the 3 numbered items."));
  CHECK(refused_with(pq, "b a z", "'z' is not one of the letters a-d."));
}

TEST_CASE("matching: the same right item may serve two left items") {
  const auto q = matching_q();
  PresentedQuestion pq;
  pq.question = &q;
  pq.rights = {"key", "query", "bias", "value"};
  const auto out = parse_answer(pq, "1a 2a 3a");
  REQUIRE(out.ok());
  CHECK(out.answer->matches == std::vector<std::size_t>{0, 0, 0});
}

TEST_CASE("ordering: every letter once, spaced, comma-separated or run together") {
  const auto q = ordering_q();
  PresentedQuestion pq;
  pq.question = &q;
  pq.items = {2, 0, 3, 1};  // a=softmax b=scores c=weighted sum d=scale
  const std::vector<std::size_t> correct{0, 1, 2, 3};
  for (const char* in : {"b d a c", "B,D,A,C", "bdac", "2 4 1 3", " b  d a c "}) {
    CAPTURE(in);
    const auto out = parse_answer(pq, in);
    REQUIRE(out.ok());
    CHECK(out.answer->order == correct);
  }
  CHECK(answer_syntax(pq) ==
        "Put the letters in order from first to last, e.g. \"c a b\" (every letter a-d once).");
  CHECK(refused_with(pq, "b d a", "Every item must appear once; missing: c."));
  CHECK(refused_with(pq, "b d a a", "a appears twice."));
  CHECK(refused_with(pq, "b d a e", "'e' is not one of the items."));
  CHECK(refused_with(pq, "softmax first", "is not one of the items."));
}

TEST_CASE("short: any non-empty text, trimmed") {
  const auto q = short_q();
  const auto pq = as_written(q);
  const auto out = parse_answer(pq, "  Soft  Max \r");
  REQUIRE(out.ok());
  CHECK(out.answer->text == "Soft  Max");
  CHECK(refused_with(pq, " \t ", "No answer given."));
}

TEST_CASE("numeric: decimals, exponents and fractions; words refused") {
  const auto q = numeric_q(0.25, 0.01, ToleranceKind::absolute);
  const auto pq = as_written(q);
  struct Case {
    const char* in;
    double value;
  };
  for (const auto& c : {Case{"0.25", 0.25}, Case{"1/4", 0.25}, Case{"2.5e-1", 0.25},
                        Case{" -3 ", -3.0}, Case{"+1", 1.0}}) {
    CAPTURE(c.in);
    const auto out = parse_answer(pq, c.in);
    REQUIRE(out.ok());
    CHECK(out.answer->number == doctest::Approx(c.value));
  }
  CHECK(answer_syntax(pq) ==
        "Type a number such as 0.25, 1e-3 or 1/4 (within 0.01 of the answer counts as right).");
  CHECK(refused_with(pq, "a quarter", "is not a number"));
  CHECK(refused_with(pq, "1/0", "divides by zero"));
  CHECK(refused_with(pq, "", "No answer given."));
}

TEST_CASE("numeric: the syntax line states a relative tolerance as a percentage") {
  const auto q = numeric_q(2.0, 0.05, ToleranceKind::relative);
  const auto pq = as_written(q);
  CHECK(answer_syntax(pq).find("within 5% of the answer") != std::string::npos);
}

TEST_CASE("error messages neutralise control characters the learner typed") {
  const auto q = single_q();
  const auto pq = as_written(q);
  const auto out = parse_answer(pq, "\x1b[2J");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error.find('\x1b') == std::string::npos);
  CHECK(out.error.find("\\x1b") != std::string::npos);
}
