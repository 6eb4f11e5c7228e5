// Grading of every question type, the partial-credit rules of multi, matching and ordering, and
// numeric tolerances. Expected points are worked out by hand in each case from the rule stated in
// session/grade.hpp, not read back from the code.
#include <doctest/doctest.h>

#include "session/grade.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv_test;

namespace {

PresentedQuestion as_written(const Question& q) {
  qkv::Rng rng(1);
  return present(q, rng, PresentOptions{.options = OptionOrder::as_written});
}

GradedAnswer grade_text(const PresentedQuestion& pq, std::string_view input) {
  const auto parsed = parse_answer(pq, input);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  return grade(pq, *parsed.answer);
}

}  // namespace

TEST_CASE("single: right and wrong, with the feedback of the chosen and the right option") {
  const auto q = single_q();
  const auto pq = as_written(q);
  const auto right = grade_text(pq, "b");
  CHECK(right.correct);
  CHECK(right.points == 1.0);
  REQUIRE(right.feedback.size() == 1);
  CHECK(right.feedback[0].note == "B is right");
  CHECK(right.feedback[0].kind == FeedbackKind::right_pick);
  CHECK(right.answer_key == "b");
  CHECK(right.correct_answer == std::vector<std::string>{"b) B"});

  const auto wrong = grade_text(pq, "c");
  CHECK_FALSE(wrong.correct);
  CHECK(wrong.points == 0.0);
  REQUIRE(wrong.feedback.size() == 2);
  CHECK(wrong.feedback[0].label == "c");
  CHECK(wrong.feedback[0].note == "C is wrong");
  CHECK(wrong.feedback[0].kind == FeedbackKind::wrong_pick);
  CHECK(wrong.feedback[1].label == "b");
  CHECK(wrong.feedback[1].note == "B is right");
  CHECK(wrong.feedback[1].kind == FeedbackKind::missed);
}

TEST_CASE("single: the answer key follows the shuffled layout") {
  const auto q = single_q();
  qkv::Rng rng(99);
  const auto pq = present(q, rng);
  std::size_t shown = 0;
  while (pq.choices[shown] != 1) ++shown;  // option B is the right one
  const auto r = grade_text(pq, position_label(shown));
  CHECK(r.correct);
  CHECK(r.answer_key == position_label(shown));
}

TEST_CASE("multi: partial credit is (right - wrong) / correct options, floored at 0") {
  const auto q = multi_q();  // correct: a, c, e (3 of them)
  const auto pq = as_written(q);
  struct Case {
    const char* input;
    bool correct;
    double points;
  };
  const Case cases[] = {
      {"a,c,e", true, 1.0},             // all three, nothing wrong
      {"e c a", true, 1.0},             // order does not matter
      {"a,c", false, 2.0 / 3.0},        // 2 right
      {"a", false, 1.0 / 3.0},          // 1 right
      {"a,c,b", false, 1.0 / 3.0},      // 2 right - 1 wrong
      {"a,b,d", false, 0.0},            // 1 right - 2 wrong = -1 -> 0
      {"a,b,c,d,e", false, 1.0 / 3.0},  // picking everything: 3 - 2
      {"b,d", false, 0.0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    const auto r = grade_text(pq, c.input);
    CHECK(r.correct == c.correct);
    CHECK(r.points == doctest::Approx(c.points));
  }
  const auto r = grade_text(pq, "a,b");
  CHECK(r.detail == "1 of 3 correct options chosen, 1 wrong pick");
  CHECK(r.answer_key == "a,c,e");
  CHECK(r.correct_answer == std::vector<std::string>{"a) A", "c) C", "e) E"});
  // Feedback for the chosen a (right) and b (wrong), then for the missed c and e.
  REQUIRE(r.feedback.size() == 4);
  CHECK(r.feedback[0].kind == FeedbackKind::right_pick);
  CHECK(r.feedback[1].kind == FeedbackKind::wrong_pick);
  CHECK(r.feedback[1].note == "B no");
  CHECK(r.feedback[2].kind == FeedbackKind::missed);
  CHECK(r.feedback[3].label == "e");
}

TEST_CASE("true/false: both sides, with the feedback for the side chosen") {
  const auto q = true_false_q(true);
  const auto pq = as_written(q);
  const auto right = grade_text(pq, "t");
  CHECK(right.correct);
  CHECK(right.points == 1.0);
  REQUIRE(right.feedback.size() == 1);
  CHECK(right.feedback[0].note == "said true");
  const auto wrong = grade_text(pq, "no");
  CHECK_FALSE(wrong.correct);
  CHECK(wrong.points == 0.0);
  REQUIRE(wrong.feedback.size() == 1);
  CHECK(wrong.feedback[0].note == "said false");
  CHECK(wrong.answer_key == "true");

  const auto q2 = true_false_q(false);
  const auto pq2 = as_written(q2);
  CHECK(grade_text(pq2, "f").correct);
  CHECK_FALSE(grade_text(pq2, "t").correct);
}

TEST_CASE("matching: points are the fraction of left items given their partner") {
  const auto q = matching_q();  // Q-query, K-key, V-value, distractor bias
  PresentedQuestion pq;
  pq.question = &q;
  pq.rights = {"key", "query", "bias", "value"};  // a=key b=query c=bias d=value
  CHECK(grade_text(pq, "1b 2a 3d").correct);
  CHECK(grade_text(pq, "1b 2a 3d").points == 1.0);
  const auto two = grade_text(pq, "1b 2a 3c");  // V matched to the distractor
  CHECK_FALSE(two.correct);
  CHECK(two.points == doctest::Approx(2.0 / 3.0));
  CHECK(two.detail == "2 of 3 pairs right");
  const auto one = grade_text(pq, "1b 2d 3a");
  CHECK(one.points == doctest::Approx(1.0 / 3.0));
  CHECK(grade_text(pq, "1a 2b 3c").points == 0.0);
  CHECK(two.answer_key == "1b 2a 3d");
  CHECK(two.correct_answer ==
        std::vector<std::string>{"1 Q -> b) query", "2 K -> a) key", "3 V -> d) value"});
}

TEST_CASE("ordering: (longest run in the right relative order - 1) / (n - 1)") {
  const auto q = ordering_q();  // scores, scale, softmax, weighted sum
  PresentedQuestion pq;
  pq.question = &q;
  pq.items = {0, 1, 2, 3};  // a..d already in order, to keep the cases readable
  struct Case {
    const char* input;
    double points;
  };
  const Case cases[] = {
      {"a b c d", 1.0},
      {"d a b c", 2.0 / 3.0},  // last moved to the front: a b c still in order (run 3)
      {"b a c d", 2.0 / 3.0},  // one swap: run 3 (a c d)
      {"b a d c", 1.0 / 3.0},  // two swaps: run 2
      {"d c b a", 0.0},        // reversed: run 1
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    const auto r = grade_text(pq, c.input);
    CHECK(r.correct == (c.points == 1.0));
    CHECK(r.points == doctest::Approx(c.points));
  }
  CHECK(grade_text(pq, "d a b c").detail ==
        "3 of 4 items in the right order relative to each other");
}

TEST_CASE("ordering: letters follow the shuffled layout") {
  const auto q = ordering_q();
  PresentedQuestion pq;
  pq.question = &q;
  pq.items = {2, 0, 3, 1};  // a=softmax b=scores c=weighted sum d=scale
  const auto r = grade_text(pq, "b d a c");
  CHECK(r.correct);
  CHECK(r.answer_key == "b d a c");
  CHECK(r.correct_answer == std::vector<std::string>{"1. b) scores", "2. d) scale", "3. a) softmax",
                                                     "4. c) weighted sum"});
  CHECK_FALSE(grade_text(pq, "a b c d").correct);
}

TEST_CASE("longest_increasing_run") {
  using V = std::vector<std::size_t>;
  CHECK(longest_increasing_run(V{}) == 0);
  CHECK(longest_increasing_run(V{3}) == 1);
  CHECK(longest_increasing_run(V{0, 1, 2, 3}) == 4);
  CHECK(longest_increasing_run(V{3, 2, 1, 0}) == 1);
  CHECK(longest_increasing_run(V{2, 0, 3, 1, 4}) == 3);
  CHECK(longest_increasing_run(V{4, 0, 1, 5, 2, 3}) == 4);
}

TEST_CASE("short: case, spacing and surrounding blanks do not matter; spelling does") {
  const auto q = short_q();  // softmax, soft max, Soft-Max
  const auto pq = as_written(q);
  for (const char* in : {"softmax", "SoftMax", "  soft   max ", "soft-max"}) {
    CAPTURE(in);
    CHECK(grade_text(pq, in).correct);
  }
  for (const char* in : {"softmaxx", "soft_max", "argmax"}) {
    CAPTURE(in);
    const auto r = grade_text(pq, in);
    CHECK_FALSE(r.correct);
    CHECK(r.points == 0.0);
  }
  const auto r = grade_text(pq, "argmax");
  CHECK(r.answer_key == "softmax");
  CHECK(r.correct_answer ==
        std::vector<std::string>{"softmax (also accepted: soft max; Soft-Max)"});
}

TEST_CASE("short: trailing punctuation and surrounding quotes are ignored") {
  const auto q = short_q();  // softmax, soft max, Soft-Max
  const auto pq = as_written(q);
  for (const char* in : {"softmax.", "softmax!", "Soft max?", "\"softmax\"", "'softmax'",
                         "`soft-max`.", "\"softmax.\"", "\u201csoftmax\u201d", " 'softmax' ",
                         "softmax...", "' softmax '"}) {
    CAPTURE(in);
    const auto r = grade_text(pq, in);
    CHECK(r.correct);
    CHECK(r.detail.empty());
  }
  // Only the ends: punctuation or quotes inside still count, and nothing is not an answer.
  for (const char* in : {"soft.max", "\"softmax", "softmax'x'", ".", "\"\"", ".softmax"}) {
    CAPTURE(in);
    CHECK_FALSE(grade_text(pq, in).correct);
  }
}

TEST_CASE("short: an accepted answer that ends in a mark keeps it") {
  // Only the typed answer is peeled: "n" must not match an accepted "n!".
  const auto q = make_question("short-f", QuestionType::short_text, ShortBody{{"n!", "O(n)"}});
  const auto pq = as_written(q);
  for (const char* in : {"n!", "N!", "n!.", "\"n!\"", "o(n).", "'O(n)'"}) {
    CAPTURE(in);
    CHECK(grade_text(pq, in).correct);
  }
  for (const char* in : {"n", "n.", "o(n", "O(n"}) {
    CAPTURE(in);
    CHECK_FALSE(grade_text(pq, in).correct);
  }
}

TEST_CASE("short: one letter off a word of an accepted answer is wrong, told to check the spelling") {
  const auto q = short_q();  // softmax, soft max, Soft-Max
  const auto pq = as_written(q);
  // A letter dropped, added, changed; two swapped; with the marks that are ignored anyway.
  for (const char* in : {"sofmax", "softmaxx", "sotfmax", "softnax", "Softmx.", "'sofmax'",
                         "softmac"}) {
    CAPTURE(in);
    const auto r = grade_text(pq, in);
    CHECK_FALSE(r.correct);
    CHECK(r.points == 0.0);
    CHECK(r.detail == "Close: check the spelling");
  }
  // Two edits, another word, or a change in a word of three letters ("max" in "soft max").
  for (const char* in : {"argmax", "sfmx", "maxsoft", "softmaxxx", "soft maxs", "soft-mas",
                         "soft min", "softmax softmax"}) {
    CAPTURE(in);
    const auto r = grade_text(pq, in);
    CHECK_FALSE(r.correct);
    CHECK(r.detail.empty());
  }
  // Never for a right answer, even one edit from another accepted form (soft max / Soft-Max).
  for (const char* in : {"softmax", "soft max", "soft-max"}) {
    CAPTURE(in);
    CHECK(grade_text(pq, in).detail.empty());
  }
}

TEST_CASE("short: no spelling hint where one edit makes another answer") {
  // Short words, digits and symbols must match exactly: W_q is not W_k, O(n) is not O(d), 512 is
  // not 513, key is not kez. A long word in the same answer still gets the hint.
  const auto q = make_question("short-s", QuestionType::short_text,
                               ShortBody{{"W_q", "O(n)", "512", "key", "d_model", "query"}});
  const auto pq = as_written(q);
  for (const char* in : {"w_k", "o(d)", "o(m)", "513", "5120", "kez", "keys", "d_k", "queue",
                         "d-model"}) {
    CAPTURE(in);
    const auto r = grade_text(pq, in);
    CHECK_FALSE(r.correct);
    CHECK(r.detail.empty());
  }
  for (const char* in : {"d_modl", "d_modal", "qeury", "querry"}) {
    CAPTURE(in);
    CHECK(grade_text(pq, in).detail == "Close: check the spelling");
  }
}

TEST_CASE("numeric: absolute tolerance accepts |given - answer| <= tolerance") {
  const auto q = numeric_q(0.42, 0.01, qkv::ToleranceKind::absolute);
  const auto pq = as_written(q);
  for (const char* in : {"0.42", "0.41", "0.43", "0.425", "21/50"}) {
    CAPTURE(in);
    CHECK(grade_text(pq, in).correct);
  }
  for (const char* in : {"0.4", "0.44", "0.4299999e1", "-0.42"}) {
    CAPTURE(in);
    CHECK_FALSE(grade_text(pq, in).correct);
  }
  const auto r = grade_text(pq, "1");
  CHECK(r.answer_key == "0.42");
  CHECK(r.correct_answer == std::vector<std::string>{"0.42 (within 0.01)"});
}

TEST_CASE("numeric: relative tolerance scales with the answer") {
  const auto q = numeric_q(200.0, 0.05, qkv::ToleranceKind::relative);  // 5%: 190..210
  const auto pq = as_written(q);
  for (const char* in : {"200", "190", "210", "205.5"}) {
    CAPTURE(in);
    CHECK(grade_text(pq, in).correct);
  }
  for (const char* in : {"189.9", "210.1", "0.2"}) {
    CAPTURE(in);
    CHECK_FALSE(grade_text(pq, in).correct);
  }
  CHECK(grade_text(pq, "1").correct_answer == std::vector<std::string>{"200 (within 5%)"});
}

TEST_CASE("numeric: zero tolerance wants the exact value") {
  const auto q = numeric_q(3.0, 0.0, qkv::ToleranceKind::absolute);
  const auto pq = as_written(q);
  CHECK(grade_text(pq, "3").correct);
  CHECK(grade_text(pq, "6/2").correct);
  CHECK_FALSE(grade_text(pq, "3.001").correct);
  CHECK(grade_text(pq, "3").correct_answer == std::vector<std::string>{"3"});
}
