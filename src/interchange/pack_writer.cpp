#include "interchange/pack_writer.hpp"

#include <variant>

#include "attention/problem_json.hpp"

namespace qkv::interchange {

namespace {

using nlohmann::ordered_json;

void put_tolerance(ordered_json& j, const Tolerance& t) {
  j["tolerance"] = t.value;
  if (t.kind == ToleranceKind::relative) j["tolerance_kind"] = "relative";
}

ordered_json input_object(const std::string& text) {
  return ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
}

struct BodyWriter {
  ordered_json& j;
  void operator()(const bank::ChoiceBody& b) {
    auto& opts = j["options"] = ordered_json::array();
    for (const auto& o : b.options) {
      ordered_json oj;
      oj["text"] = o.text;
      if (o.correct) oj["correct"] = true;
      if (!o.feedback.empty()) oj["feedback"] = o.feedback;
      opts.push_back(std::move(oj));
    }
  }
  void operator()(const bank::TrueFalseBody& b) {
    j["answer"] = b.answer;
    if (!b.feedback_true.empty()) j["feedback_true"] = b.feedback_true;
    if (!b.feedback_false.empty()) j["feedback_false"] = b.feedback_false;
  }
  void operator()(const bank::MatchingBody& b) {
    auto& pairs = j["pairs"] = ordered_json::array();
    for (const auto& p : b.pairs) pairs.push_back({{"left", p.left}, {"right", p.right}});
    if (!b.distractors.empty()) j["distractors"] = b.distractors;
  }
  void operator()(const bank::OrderingBody& b) { j["items"] = b.items; }
  void operator()(const bank::ShortBody& b) { j["accept"] = b.accept; }
  void operator()(const bank::NumericBody& b) {
    j["answer"] = b.answer;
    put_tolerance(j, b.tolerance);
    if (b.calc)
      j["calc"] = {{"input", input_object(b.calc->input_json)},
                   {"step", b.calc->step},
                   {"row", b.calc->row},
                   {"col", b.calc->col}};
  }
  void operator()(const bank::CalculatedBody& b) {
    ordered_json g;
    g["kind"] = b.kind;
    g["level"] = b.level;
    if (b.seed) g["seed"] = *b.seed;
    if (!b.part.empty()) g["part"] = b.part;
    j["generator"] = std::move(g);
    if (b.tolerance) put_tolerance(j, *b.tolerance);
  }
  void operator()(const bank::MatrixBody& b) {
    j["answer"] = b.answer;
    put_tolerance(j, b.tolerance);
    if (b.calc && b.calc->problem)
      j["calc"] = {{"input", ordered_json(attention::problem_to_json(*b.calc->problem))},
                   {"step", b.calc->step}};
  }
};

}  // namespace

ordered_json question_to_json(const bank::Question& q) {
  ordered_json j;
  j["id"] = q.id;
  j["type"] = bank::type_name(q.type);
  j["concepts"] = q.concepts;
  j["difficulty"] = q.difficulty;
  j["prompt"] = q.prompt;
  std::visit(BodyWriter{j}, q.body);
  if (!q.explanation.empty()) j["explanation"] = q.explanation;
  if (!q.hints.empty()) j["hints"] = q.hints;
  if (!q.source.empty()) j["source"] = q.source;
  if (!q.tags.empty()) j["tags"] = q.tags;
  return j;
}

ordered_json pack_meta_to_json(const bank::Pack& p) {
  ordered_json j;
  j["format"] = p.format.empty() ? "qkv-pack/1" : p.format;
  j["id"] = p.id;
  j["title"] = p.title;
  j["version"] = p.version;
  if (!p.authors.empty()) j["authors"] = p.authors;
  if (!p.license.empty()) j["license"] = p.license;
  if (!p.description.empty()) j["description"] = p.description;
  auto& concepts = j["concepts"] = ordered_json::array();
  for (const auto& c : p.concepts) {
    ordered_json cj;
    cj["id"] = c.id;
    cj["name"] = c.name;
    if (!c.summary.empty()) cj["summary"] = c.summary;
    if (!c.note.empty()) cj["note"] = c.note;
    if (!c.prerequisites.empty()) cj["prerequisites"] = c.prerequisites;
    concepts.push_back(std::move(cj));
  }
  return j;
}

ordered_json pack_to_json(const bank::Pack& p) {
  ordered_json j = pack_meta_to_json(p);
  auto& qs = j["questions"] = ordered_json::array();
  for (const auto& q : p.questions) qs.push_back(question_to_json(q));
  return j;
}

}  // namespace qkv::interchange
