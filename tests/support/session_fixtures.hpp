#pragma once
// Questions of every type built in memory for the session tests (no loader involved).
#include <utility>
#include <vector>

#include "bank/model.hpp"

namespace qkv_test {

// Using-declarations, not a using-directive: a header must not pour a namespace into every
// file that includes it (no header says `using namespace`).
using qkv::bank::Body;
using qkv::bank::ChoiceBody;
using qkv::bank::MatchingBody;
using qkv::bank::NumericBody;
using qkv::bank::OrderingBody;
using qkv::bank::Question;
using qkv::bank::QuestionType;
using qkv::bank::ShortBody;
using qkv::bank::TrueFalseBody;

inline Question make_question(std::string id, QuestionType type, Body body,
                              std::vector<std::string> concepts = {"c1"}, int difficulty = 1) {
  Question q;
  q.id = std::move(id);
  q.pack_id =
      std::string("t");  // (operator=(const char*) trips a GCC 12 -Wrestrict false positive)
  q.type = type;
  q.concepts = std::move(concepts);
  q.difficulty = difficulty;
  q.prompt = "prompt of " + q.id;
  q.explanation = "explanation of " + q.id;
  q.body = std::move(body);
  return q;
}

// single: options A (wrong), B (right), C (wrong), D (wrong), each with feedback.
inline Question single_q() {
  return make_question("single-1", QuestionType::single,
                       ChoiceBody{{{"A", false, "A is wrong"},
                                   {"B", true, "B is right"},
                                   {"C", false, "C is wrong"},
                                   {"D", false, "D is wrong"}}});
}

// multi: A right, B wrong, C right, D wrong, E right (three correct).
inline Question multi_q() {
  return make_question("multi-1", QuestionType::multi,
                       ChoiceBody{{{"A", true, "A yes"},
                                   {"B", false, "B no"},
                                   {"C", true, "C yes"},
                                   {"D", false, "D no"},
                                   {"E", true, "E yes"}}});
}

inline Question true_false_q(bool answer = true) {
  return make_question("tf-1", QuestionType::true_false,
                       TrueFalseBody{answer, "said true", "said false"});
}

// matching: Q->query, K->key, V->value, with one distractor.
inline Question matching_q() {
  return make_question("match-1", QuestionType::matching,
                       MatchingBody{{{"Q", "query"}, {"K", "key"}, {"V", "value"}}, {"bias"}});
}

// ordering: four steps in the correct order.
inline Question ordering_q() {
  return make_question("order-1", QuestionType::ordering,
                       OrderingBody{{"scores", "scale", "softmax", "weighted sum"}});
}

inline Question short_q() {
  return make_question("short-1", QuestionType::short_text,
                       ShortBody{{"softmax", "soft max", "Soft-Max"}});
}

inline Question numeric_q(double answer, double tol, qkv::ToleranceKind kind) {
  return make_question("num-1", QuestionType::numeric, NumericBody{answer, {tol, kind}, {}});
}

}  // namespace qkv_test
