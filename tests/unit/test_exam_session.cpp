// ExamSession: answers kept without feedback, navigation (skip, next, back, goto, flags), the
// time limit read from a FakeClock, submission as it stands, and the result: mark, pass mark,
// per-concept table, partial credit and the review data of unanswered questions.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <variant>

#include "exam/session.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv::exam;
using namespace qkv_test;
using qkv::ToleranceKind;
using namespace std::chrono_literals;

namespace {

// The typed answer that pairs every left item of a matching question with its partner, as laid
// out ("1c 2a 3d"), optionally with the partners of items i and j swapped.
std::string matching_answer(const PresentedQuestion& pq, int swap_i = -1, int swap_j = -1) {
  const auto& pairs = std::get<MatchingBody>(pq.question->body).pairs;
  std::vector<std::string> letters;
  for (const auto& p : pairs) {
    const auto at = std::find(pq.rights.begin(), pq.rights.end(), p.right) - pq.rights.begin();
    letters.push_back(position_label(static_cast<std::size_t>(at)));
  }
  if (swap_i >= 0)
    std::swap(letters[static_cast<std::size_t>(swap_i)], letters[static_cast<std::size_t>(swap_j)]);
  std::string out;
  for (std::size_t i = 0; i < letters.size(); ++i)
    out += (i ? " " : "") + std::to_string(i + 1) + letters[i];
  return out;
}

// The typed answer that puts the items of an ordering question in the pack order `order` (pack
// indices, first to last), as laid out ("c a d b").
std::string ordering_answer(const PresentedQuestion& pq, const std::vector<std::size_t>& order) {
  std::string out;
  for (std::size_t idx : order) {
    const auto at = std::find(pq.items.begin(), pq.items.end(), idx) - pq.items.begin();
    out += (out.empty() ? "" : " ") + position_label(static_cast<std::size_t>(at));
  }
  return out;
}

// Six questions: single (c1), multi (c1), matching (c2), ordering (c2), true/false (c1, c3),
// numeric (c3). Options as written, 10-minute limit, pass mark 50.
struct Paper {
  Question single = single_q();
  Question multi = multi_q();
  Question match = matching_q();
  Question order = ordering_q();
  Question tf = true_false_q(false);
  Question num = numeric_q(0.25, 0.01, ToleranceKind::absolute);
  qkv::FakeClock clock;
  qkv::Rng rng{3};
  Paper() {
    match.concepts = {"c2"};
    order.concepts = {"c2"};
    tf.concepts = {"c1", "c3"};
    num.concepts = {"c3"};
  }
  std::vector<const Question*> questions() const {
    return {&single, &multi, &match, &order, &tf, &num};
  }
  ExamOptions options(double pass = 50) const {
    ExamOptions o;
    o.time_limit = 10min;
    o.pass_mark = pass;
    o.option_order = OptionOrder::as_written;
    return o;
  }
};

}  // namespace

TEST_CASE("answers are kept without feedback and moved past; grading waits for submission") {
  Paper p;
  ExamSession exam(p.questions(), p.rng, p.clock, p.options());
  REQUIRE(exam.size() == 6);
  CHECK(exam.position() == 0);
  const auto bad = exam.answer("z");
  CHECK(bad.status == ExamStatus::invalid);
  CHECK(bad.error.find("'z' is not one of the options") != std::string::npos);
  CHECK(exam.position() == 0);
  CHECK(exam.answered_count() == 0);

  CHECK(exam.answer(" a ").status == ExamStatus::done);  // wrong (B is right): nothing says so
  CHECK(exam.state(0).given == "a");
  CHECK(exam.state(0).answer.has_value());
  CHECK(exam.position() == 1);
  CHECK_FALSE(exam.submitted());

  // Going back and answering again replaces the answer, then moves to the next unanswered one.
  CHECK(exam.go_to(1) == ExamStatus::done);
  CHECK(exam.answer("b").status == ExamStatus::done);
  CHECK(exam.state(0).given == "b");
  CHECK(exam.answered_count() == 1);
  CHECK(exam.position() == 1);
}

TEST_CASE(
    "skip goes to the next unanswered question, wrapping round; next and back stop at the ends") {
  Paper p;
  ExamSession exam(p.questions(), p.rng, p.clock, p.options());
  CHECK(exam.back() == ExamStatus::invalid);
  CHECK(exam.go_to(3) == ExamStatus::done);
  CHECK(exam.answer("zz").status == ExamStatus::invalid);  // not a matching answer
  CHECK(exam.answer(matching_answer(exam.current())).status == ExamStatus::done);
  CHECK(exam.position() == 3);  // question 4, the next unanswered
  CHECK(exam.go_to(2) == ExamStatus::done);
  CHECK(exam.skip() == ExamStatus::done);
  CHECK(exam.position() == 3);  // skips 3 (answered) to 4
  CHECK(exam.go_to(6) == ExamStatus::done);
  CHECK(exam.next() == ExamStatus::invalid);
  CHECK(exam.skip() == ExamStatus::done);
  CHECK(exam.position() == 0);  // wrapped round to question 1
  CHECK(exam.go_to(0) == ExamStatus::invalid);
  CHECK(exam.go_to(7) == ExamStatus::invalid);
  CHECK(exam.position() == 0);
  CHECK(exam.unanswered() == std::vector<std::size_t>{1, 2, 4, 5, 6});
  CHECK(exam.next() == ExamStatus::done);
  CHECK(exam.next() == ExamStatus::done);
  CHECK(exam.position() == 2);
  CHECK(exam.back() == ExamStatus::done);
  CHECK(exam.position() == 1);  // back to question 2, answered or not
}

TEST_CASE("flags are set, toggled and cleared on the question on screen, and listed") {
  Paper p;
  ExamSession exam(p.questions(), p.rng, p.clock, p.options());
  CHECK(exam.flag(FlagAction::toggle) == ExamStatus::done);
  exam.go_to(4);
  exam.flag(FlagAction::set);
  exam.flag(FlagAction::set);
  CHECK(exam.flagged() == std::vector<std::size_t>{1, 4});
  CHECK(exam.flagged_count() == 2);
  exam.go_to(1);
  exam.flag(FlagAction::toggle);
  CHECK(exam.flagged() == std::vector<std::size_t>{4});
  exam.go_to(4);
  exam.flag(FlagAction::clear);
  CHECK(exam.flagged().empty());
}

TEST_CASE("when the clock passes the limit the paper is submitted as it stands") {
  Paper p;
  ExamSession exam(p.questions(), p.rng, p.clock, p.options());
  CHECK(exam.time_left() == 600s);
  p.clock.advance(250s);
  CHECK(exam.answer("b").status == ExamStatus::done);  // single right
  p.clock.advance(std::chrono::milliseconds(349'500));
  CHECK(exam.time_left() == 1s);  // rounded up: 0.5 s left
  CHECK_FALSE(exam.time_up());
  p.clock.advance(500ms);
  CHECK(exam.time_up());
  CHECK(exam.time_left() == 0s);
  // The next request finds the time up: it is not carried out, and the paper is submitted.
  CHECK(exam.answer("a,c,e").status == ExamStatus::time_up);
  REQUIRE(exam.submitted());
  const ExamResult& r = exam.result();
  CHECK(r.end == ExamEnd::time_up);
  CHECK(r.seconds_used == doctest::Approx(600.0));
  CHECK(r.answered == 1);
  CHECK(r.score == doctest::Approx(1.0));
  CHECK(r.questions[1].answered == false);  // the late answer did not count
  CHECK(r.questions[1].result.points == 0.0);
  // Everything after submission is refused.
  CHECK(exam.go_to(2) == ExamStatus::closed);
  CHECK(exam.flag(FlagAction::set) == ExamStatus::closed);
}

TEST_CASE("a submission long after the limit still counts only the limit, as time_up") {
  Paper p;
  ExamSession exam(p.questions(), p.rng, p.clock, p.options());
  p.clock.advance(1h);
  const ExamResult& r = exam.submit(ExamEnd::end_of_input);
  CHECK(r.end == ExamEnd::time_up);
  CHECK(r.seconds_used == doctest::Approx(600.0));
  CHECK(&exam.submit(ExamEnd::submitted) == &r);  // idempotent
}

TEST_CASE("without a limit there is no time left and no expiry") {
  Paper p;
  ExamOptions o = p.options();
  o.time_limit.reset();
  ExamSession exam(p.questions(), p.rng, p.clock, o);
  p.clock.advance(24h);
  CHECK_FALSE(exam.time_left());
  CHECK_FALSE(exam.check_time());
  CHECK(exam.answer("b").status == ExamStatus::done);
  CHECK(exam.submit(ExamEnd::submitted).seconds_used == doctest::Approx(86400.0));
}

TEST_CASE("partial credit: multi, matching and ordering earn a share, the others all or nothing") {
  Paper p;
  ExamSession exam(p.questions(), p.rng, p.clock, p.options(0));
  exam.answer("b");  // 1 single: right
  // 2 multi: A, C, E are right (3); a, b, c picks two right and one wrong -> (2 - 1) / 3.
  exam.answer("a,b,c");
  // 3 matching: 3 pairs, two partners swapped -> 1 of 3 right.
  exam.answer(matching_answer(exam.current(), 0, 1));
  // 4 ordering of 4: the last item moved to the front, [3, 0, 1, 2]: the longest run in the
  // right relative order is 0, 1, 2 (length 3) -> (3 - 1) / (4 - 1).
  exam.answer(ordering_answer(exam.current(), {3, 0, 1, 2}));
  exam.answer("t");  // 5 true/false: the answer is false -> 0
  // 6 numeric: left unanswered.
  const ExamResult& r = exam.submit(ExamEnd::submitted);
  REQUIRE(r.questions.size() == 6);
  CHECK(r.questions[0].result.points == 1.0);
  CHECK(r.questions[1].result.points == doctest::Approx(1.0 / 3.0));
  CHECK(r.questions[2].result.points == doctest::Approx(1.0 / 3.0));
  CHECK(r.questions[3].result.points == doctest::Approx(2.0 / 3.0));
  CHECK(r.questions[4].result.points == 0.0);
  CHECK(r.questions[5].result.points == 0.0);
  const double expected = 1.0 + 1.0 / 3 + 1.0 / 3 + 2.0 / 3;
  CHECK(r.score == doctest::Approx(expected));
  CHECK(r.percent == doctest::Approx(100.0 * expected / 6));
  CHECK(r.correct == 1);
  CHECK(r.answered == 5);
  CHECK(r.to_review() == std::vector<std::size_t>{2, 3, 4, 5, 6});

  // The reversed order scores nothing; multi with as many wrong as right picks neither.
  Paper q;
  ExamSession other(q.questions(), q.rng, q.clock, q.options());
  other.go_to(2);
  other.answer("a,b");
  other.go_to(4);
  other.answer(ordering_answer(other.current(), {3, 2, 1, 0}));
  const ExamResult& r2 = other.submit(ExamEnd::submitted);
  CHECK(r2.questions[1].result.points == 0.0);
  CHECK(r2.questions[3].result.points == 0.0);
}

TEST_CASE("an unanswered question scores zero and still carries its answer for the review") {
  Paper p;
  ExamSession exam(p.questions(), p.rng, p.clock, p.options());
  const ExamResult& r = exam.submit(ExamEnd::end_of_input);
  CHECK(r.end == ExamEnd::end_of_input);
  CHECK(r.score == 0.0);
  for (const auto& q : r.questions) {
    CHECK_FALSE(q.answered);
    CHECK(q.result.points == 0.0);
    CHECK_FALSE(q.result.correct);
    CHECK(q.result.feedback.empty());  // nothing was chosen
    CHECK_FALSE(q.result.answer_key.empty());
    CHECK_FALSE(q.result.correct_answer.empty());
  }
  CHECK(r.questions[0].result.answer_key == "b");
  CHECK(r.questions[1].result.answer_key == "a,c,e");
  CHECK(r.questions[2].result.answer_key == matching_answer(exam.state(2).presented));
  CHECK(r.questions[4].result.answer_key == "false");
  CHECK(r.questions[5].result.correct_answer[0] == "0.25 (within 0.01)");
}

TEST_CASE("the mark is compared with the pass mark on points; the concept table names questions") {
  // 3 of 6 right is exactly 50%: a pass at 50, a fail at 50.1.
  for (double pass : {50.0, 50.1}) {
    Paper q;
    ExamSession exam(q.questions(), q.rng, q.clock, q.options(pass));
    exam.answer("b");
    exam.answer("a,c,e");
    exam.answer(matching_answer(exam.current()));
    const ExamResult& r = exam.submit(ExamEnd::submitted);
    CHECK(r.score == 3.0);
    CHECK(r.percent == doctest::Approx(50.0));
    CHECK(r.passed == (pass == 50.0));
    CHECK(r.pass_mark == pass);

    // A question counts for each of its concepts: tf is on c1 and c3.
    REQUIRE(r.by_concept.size() == 3);
    CHECK(r.by_concept[0].id == "c1");
    CHECK(r.by_concept[0].numbers == std::vector<std::size_t>{1, 2, 5});
    CHECK(r.by_concept[0].points == 2.0);
    CHECK(r.by_concept[0].correct == 2);
    CHECK(r.by_concept[1].id == "c2");
    CHECK(r.by_concept[1].numbers == std::vector<std::size_t>{3, 4});
    CHECK(r.by_concept[1].points == 1.0);
    CHECK(r.by_concept[2].id == "c3");
    CHECK(r.by_concept[2].numbers == std::vector<std::size_t>{5, 6});
    CHECK(r.by_concept[2].questions == 2);
  }
}
