#include "bank/model.hpp"

#include <cmath>

namespace qkv::bank {

namespace {
struct TypeName {
  QuestionType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {QuestionType::single, "single"},         {QuestionType::multi, "multi"},
    {QuestionType::true_false, "true_false"}, {QuestionType::matching, "matching"},
    {QuestionType::ordering, "ordering"},     {QuestionType::short_text, "short"},
    {QuestionType::numeric, "numeric"},       {QuestionType::calculated, "calculated"},
    {QuestionType::matrix, "matrix"},
};
}  // namespace

const char* type_name(QuestionType t) {
  for (const auto& tn : kTypeNames)
    if (tn.type == t) return tn.name;
  return "?";
}

std::optional<QuestionType> parse_type(std::string_view name) {
  for (const auto& tn : kTypeNames)
    if (name == tn.name) return tn.type;
  return std::nullopt;
}

const Question* Bank::find_question(std::string_view full_id) const {
  for (const auto& p : packs)
    for (const auto& q : p.questions)
      if (q.full_id() == full_id) return &q;
  return nullptr;
}

const Concept* Bank::find_concept(std::string_view concept_id) const {
  for (const auto& p : packs)
    for (const auto& c : p.concepts)
      if (c.id == concept_id) return &c;
  return nullptr;
}

std::string Bank::concept_name(const std::string& concept_id) const {
  const Concept* c = find_concept(concept_id);
  return c && !c->name.empty() ? c->name : concept_id;
}

std::vector<const Question*> Bank::all_questions() const {
  std::vector<const Question*> out;
  for (const auto& p : packs)
    for (const auto& q : p.questions) out.push_back(&q);
  return out;
}

}  // namespace qkv::bank
