#include "render/exercise_json.hpp"

#include "attention/problem_json.hpp"
#include "practice/mistakes.hpp"
#include "render/trace_json.hpp"

namespace qkv::render {

using json = nlohmann::ordered_json;

namespace {

json problem_json(const attention::Problem& p) {
  return json::parse(attention::problem_to_json(p).dump());
}

json entries_json(const std::vector<practice::EntryOff>& off) {
  json a = json::array();
  for (const auto& e : off)
    a.push_back({{"row", e.row}, {"column", e.col}, {"given", e.given}, {"expected", e.expected}});
  return a;
}

const char* source_name(practice::Read r) {
  switch (r) {
    case practice::Read::entries:
      return "entries";
    case practice::Read::shapes:
      return "shapes";
    case practice::Read::counts:
      return "counts";
  }
  return "?";
}

}  // namespace

json exercise_json(const practice::Exercise& e) {
  json j;
  j["kind"] = practice::kind_name(e.kind);
  j["level"] = e.level;
  j["seed"] = e.seed;
  j["title"] = e.title;
  j["intro"] = e.intro;
  j["tolerance"] = {
      {"value", e.tolerance.value},
      {"kind", e.tolerance.kind == ToleranceKind::absolute ? "absolute" : "relative"}};
  json givens = json::array();
  for (const auto& g : e.givens)
    givens.push_back({{"name", g.name},
                      {"rows", g.row_labels},
                      {"columns", g.col_labels},
                      {"matrix", matrix_to_json(g.matrix)}});
  j["givens"] = givens;
  if (e.problems.size() == 1) {
    j["problem"] = problem_json(e.problems.front());
  } else {
    json ps = json::array();
    for (const auto& p : e.problems) ps.push_back(problem_json(p));
    j["problems"] = ps;
  }
  if (e.start == practice::Start::weights) j["weights"] = matrix_to_json(e.weights);
  json parts = json::array();
  for (const auto& p : e.parts) {
    json pj;
    pj["label"] = p.label;
    pj["question"] = p.question;
    pj["read"] = source_name(p.source.read);
    pj["step"] = p.source.steps.size() == 1 ? json(p.source.steps.front()) : json(p.source.steps);
    pj["rows"] = p.source.rows;
    pj["columns"] = p.source.cols;
    pj["shape"] = {p.answer.rows(), p.answer.cols()};
    pj["answer"] = matrix_to_json(p.answer);
    pj["steps"] = p.steps;
    parts.push_back(pj);
  }
  j["parts"] = parts;
  j["steps"] = e.steps();
  j["mistakes"] = e.mistakes;
  return j;
}

json diagnosis_json(const practice::Diagnosis& d) {
  if (d.empty() && d.first_step.empty()) return nullptr;
  json ms = json::array();
  for (const auto& m : d.matches)
    ms.push_back({{"id", m.mistake->id},
                  {"title", m.mistake->title},
                  {"basis", m.basis == practice::Basis::problem ? "problem" : "your-steps"},
                  {"partial", m.partial},
                  {"entries", entries_json(m.off)}});
  json j;
  j["mistakes"] = ms;
  j["first_step"] = d.first_step.empty() ? json(nullptr) : json(d.first_step);
  return j;
}

json part_result_json(const practice::Exercise& e, const practice::PartResult& r) {
  const auto& p = e.parts[r.part];
  json j;
  j["label"] = p.label;
  j["step"] = p.source.steps.size() == 1 ? json(p.source.steps.front()) : json(p.source.steps);
  j["given"] = matrix_to_json(r.given);
  j["answer"] = matrix_to_json(p.answer);
  j["correct"] = r.correct;
  j["carried"] = r.carried;
  j["consistent"] = r.consistent ? json(*r.consistent) : json(nullptr);
  j["hinted"] = r.hinted;
  j["diagnosis"] = diagnosis_json(r.diagnosis);
  return j;
}

json check_json(const practice::CheckReport& r) {
  json steps = json::array();
  for (const auto& s : r.steps) {
    json j;
    j["id"] = s.id;
    j["correct"] = s.correct;
    j["consistent"] = s.consistent ? json(*s.consistent) : json(nullptr);
    j["diagnosis"] = s.correct ? json(nullptr) : diagnosis_json(s.diagnosis);
    j["shape_ok"] = s.shape_ok;
    j["carried"] = s.carried;
    j["entries_off"] = entries_json(s.off);
    if (!s.shape_ok) j["expected_shape"] = {s.right.rows(), s.right.cols()};
    steps.push_back(j);
  }
  json out;
  out["steps"] = steps;
  out["first_wrong"] = r.first_wrong ? json(*r.first_wrong) : json(nullptr);
  return out;
}

}  // namespace qkv::render
