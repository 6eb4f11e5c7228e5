#include "exam/result.hpp"

#include <algorithm>
#include <numeric>
#include <variant>

namespace qkv::exam {

namespace {

using bank::QuestionType;

// The answer that earns full marks, in pack terms (what parse_answer would make of answer_key).
session::Answer full_marks_answer(const session::PresentedQuestion& pq) {
  const auto& q = *pq.question;
  session::Answer a;
  a.type = q.type;
  switch (q.type) {
    case QuestionType::single:
    case QuestionType::multi: {
      const auto& options = std::get<bank::ChoiceBody>(q.body).options;
      for (std::size_t i = 0; i < options.size(); ++i)
        if (options[i].correct) a.options.push_back(i);
      break;
    }
    case QuestionType::true_false:
      a.truth = std::get<bank::TrueFalseBody>(q.body).answer;
      break;
    case QuestionType::matching:
      for (const auto& pair : std::get<bank::MatchingBody>(q.body).pairs)
        a.matches.push_back(static_cast<std::size_t>(
            std::find(pq.rights.begin(), pq.rights.end(), pair.right) - pq.rights.begin()));
      break;
    case QuestionType::ordering:
      a.order.resize(std::get<bank::OrderingBody>(q.body).items.size());
      std::iota(a.order.begin(), a.order.end(), std::size_t{0});
      break;
    case QuestionType::short_text: {
      const auto& accept = std::get<bank::ShortBody>(q.body).accept;
      if (!accept.empty()) a.text = accept.front();
      break;
    }
    case QuestionType::numeric:
      a.number = std::get<bank::NumericBody>(q.body).answer;
      break;
    case QuestionType::calculated:
    case QuestionType::matrix:
      a.matrix = session::expected_matrix(pq);
      break;
  }
  return a;
}

}  // namespace

const char* exam_end_name(ExamEnd e) {
  switch (e) {
    case ExamEnd::submitted:
      return "submitted";
    case ExamEnd::time_up:
      return "time_up";
    case ExamEnd::end_of_input:
      return "end_of_input";
    case ExamEnd::interrupted:
      return "interrupted";
  }
  return "?";
}

session::GradedAnswer unanswered_result(const session::PresentedQuestion& pq) {
  const session::GradedAnswer full = session::grade(pq, full_marks_answer(pq));
  session::GradedAnswer r;
  r.detail = "not answered";
  r.answer_key = full.answer_key;
  r.correct_answer = full.correct_answer;
  return r;
}

std::vector<std::size_t> ExamResult::to_review() const {
  std::vector<std::size_t> out;
  for (const auto& q : questions)
    if (!q.result.correct) out.push_back(q.number);
  return out;
}

ExamResult grade_exam(const std::vector<QuestionState>& paper, double pass_mark) {
  ExamResult r;
  r.total = paper.size();
  r.pass_mark = pass_mark;
  for (std::size_t i = 0; i < paper.size(); ++i) {
    const QuestionState& s = paper[i];
    QuestionResult qr;
    qr.number = i + 1;
    qr.presented = &s.presented;
    qr.flagged = s.flagged;
    qr.answered = s.answer.has_value();
    if (qr.answered) {
      qr.given = s.given;
      qr.result = session::grade(s.presented, *s.answer);
      ++r.answered;
    } else {
      qr.result = unanswered_result(s.presented);
    }
    r.score += qr.result.points;
    if (qr.result.correct) ++r.correct;
    for (const auto& c : s.presented.question->concepts) {
      auto it = std::find_if(r.by_concept.begin(), r.by_concept.end(),
                             [&](const ConceptResult& cr) { return cr.id == c; });
      if (it == r.by_concept.end()) {
        r.by_concept.push_back(ConceptResult{});
        it = r.by_concept.end() - 1;
        it->id = c;
      }
      ++it->questions;
      if (qr.result.correct) ++it->correct;
      it->points += qr.result.points;
      it->numbers.push_back(qr.number);
    }
    r.questions.push_back(std::move(qr));
  }
  r.percent = r.total == 0 ? 0.0 : 100.0 * r.score / static_cast<double>(r.total);
  // Compared on points so that 7 of 10 passes a pass mark of 70 despite rounding in the percent.
  r.passed = r.total > 0 && r.score * 100.0 >= pass_mark * static_cast<double>(r.total) - 1e-9;
  return r;
}

}  // namespace qkv::exam
