#include "render/session_json.hpp"

namespace qkv::render {

nlohmann::json session_json(const session::QuizSession& s, const bank::Bank& bank,
                            std::uint64_t seed, session::SessionEnd end) {
  const auto sum = s.summary();
  nlohmann::json questions = nlohmann::json::array();
  for (const auto& r : s.records()) {
    const auto& q = *r.presented->question;
    questions.push_back({{"id", q.full_id()},
                         {"type", bank::type_name(q.type)},
                         {"concepts", q.concepts},
                         {"difficulty", q.difficulty},
                         {"given", r.given},
                         {"correct", r.result.correct},
                         {"points", r.result.points},
                         {"answer", r.result.answer_key},
                         {"hints_used", r.hints_used},
                         {"seconds", r.seconds}});
  }
  nlohmann::json by_concept = nlohmann::json::object();
  for (const auto& c : sum.by_concept) {
    const auto* k = bank.find_concept(c.id);
    by_concept[c.id] = {{"name", k ? k->name : c.id},
                        {"answered", c.answered},
                        {"correct", c.correct},
                        {"points", c.points},
                        {"missed", c.missed}};
  }
  return {{"seed", seed},
          {"ended", session::end_name(end)},
          {"score", sum.points},
          {"total", sum.answered},
          {"planned", sum.planned},
          {"answered", sum.answered},
          {"correct", sum.correct},
          {"percent", sum.answered ? 100.0 * sum.points / static_cast<double>(sum.answered) : 0.0},
          {"seconds", sum.seconds},
          {"questions", questions},
          {"by_concept", by_concept},
          {"missed", sum.missed},
          {"hinted", sum.hinted},
          {"skipped", sum.skipped}};
}

}  // namespace qkv::render
