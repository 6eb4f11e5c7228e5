#include "bank/exam_defs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "bank/pack_fields.hpp"
#include "core/duration.hpp"
#include "core/suggest.hpp"

namespace qkv::bank {

using nlohmann::json;

namespace {

/// The most questions one exam may ask for (a guard against typos such as 2000 for 20).
constexpr long long kMaxExamQuestions = 10000;
/// The largest weight or count accepted for one concept.
constexpr double kMaxConceptValue = 1e6;

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void read_questions_field(const ObjectReader& er, const ReadContext& ctx, ExamDef& def) {
  const json* qs = er.find("questions");
  if (!qs) return;
  if (qs->is_array()) {
    def.question_ids = er.strings("questions", Need::optional, 1);
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < qs->size(); ++i) {
      const json& e = (*qs)[i];
      if (!e.is_string()) continue;
      auto [it, fresh] = seen.emplace(e.get<std::string>(), i);
      if (!fresh)
        ctx.error(element_pointer(er.field_pointer("questions"), i),
                  "question \"" + it->first + "\" is listed twice (first at " +
                      element_pointer(er.field_pointer("questions"), it->second) +
                      "); a paper asks each question once");
    }
  } else if (qs->is_number()) {
    if (auto n = er.integer("questions", Need::optional, 1, kMaxExamQuestions))
      def.count = static_cast<std::size_t>(*n);
  } else {
    ctx.error(er.field_pointer("questions"),
              "questions must be a number of questions (20) or a list of question ids "
              "([\"q1\", \"q2\"]), found " +
                  json_kind(*qs));
  }
}

void read_concepts_field(const ObjectReader& er, const ReadContext& ctx, ExamDef& def) {
  const json* qs = er.find("questions");
  const json* cs = er.object("concepts", Need::optional);
  def.share = qs ? ConceptShare::weights : ConceptShare::counts;
  if (!cs) return;
  const std::string ptr = er.field_pointer("concepts");
  if (qs && qs->is_array()) {
    ctx.error(ptr,
              "an exam that lists its questions cannot also share them out by concept; remove "
              "\"concepts\", or give \"questions\" as a number");
    return;
  }
  if (cs->empty()) {
    ctx.error(ptr, "concepts is empty; give at least one concept id with " +
                       std::string(def.share == ConceptShare::weights ? "a weight" : "a count"));
    return;
  }
  const char* what = def.share == ConceptShare::weights
                         ? "a weight (this exam has a \"questions\" number to share out)"
                         : "a count of questions (this exam has no \"questions\" number)";
  bool any_positive = false;
  for (const auto& [key, value] : cs->items()) {
    const std::string p = member_pointer(ptr, key);
    if (!value.is_number()) {
      ctx.error(p, "the value for concept \"" + key + "\" must be " + what + ", found " +
                       json_kind(value));
      continue;
    }
    const double v = value.get<double>();
    if (!std::isfinite(v) || v < 0 || v > kMaxConceptValue) {
      ctx.error(p, "the value for concept \"" + key + "\" must be " + what +
                       " from 0 to 1000000, found " + number_text(v));
      continue;
    }
    if (def.share == ConceptShare::counts && v != std::floor(v)) {
      ctx.error(p, "the value for concept \"" + key + "\" is " + what +
                       ", so it must be a whole number; found " + number_text(v));
      continue;
    }
    any_positive = any_positive || v > 0;
    def.concepts.push_back({key, v});
  }
  if (!any_positive && def.concepts.size() == cs->size())
    ctx.error(ptr, "every concept has 0 questions; give at least one concept more than 0");
}

ExamDef read_exam(const ObjectReader& er, const ReadContext& ctx) {
  ExamDef def;
  er.reject_unknown(exam_fields(), "an exam");
  if (auto id = er.string("id", Need::required)) {
    if (!valid_id(*id)) ctx.error(er.field_pointer("id"), invalid_id_message("exam", *id));
    def.id = *id;
  }
  def.title = er.string("title", Need::optional).value_or(def.id);
  read_questions_field(er, ctx, def);
  read_concepts_field(er, ctx, def);
  if (!er.find("questions") && !er.find("concepts"))
    ctx.error(er.pointer(),
              "an exam needs \"questions\" (a number, or a list of question ids) or \"concepts\" "
              "(a count of questions for each concept)");
  if (auto t = er.string("time_limit", Need::optional)) {
    const DurationParse d = parse_duration(*t);
    if (d.value) {
      def.time_limit = d.value;
    } else {
      ctx.error(er.field_pointer("time_limit"), "time_limit " + d.error);
    }
  }
  if (auto mark = er.number("pass_mark", Need::optional)) {
    if (*mark < 0 || *mark > 100) {
      ctx.error(er.field_pointer("pass_mark"),
                "pass_mark is a percentage from 0 to 100, found " + number_text(*mark));
    } else {
      def.pass_mark = *mark;
    }
  }
  def.shuffle = er.boolean("shuffle", Need::optional).value_or(true);
  return def;
}

}  // namespace

const std::vector<std::string>& exam_fields() {
  static const std::vector<std::string> f = {"id",         "title",     "questions", "concepts",
                                             "time_limit", "pass_mark", "shuffle"};
  return f;
}

void read_exams(const ObjectReader& r, const ReadContext& ctx, const JsonIndex& index, Pack& pack) {
  const json* exams = r.array("exams", Need::optional);
  if (!exams) return;
  const std::string list = r.field_pointer("exams");
  for (std::size_t i = 0; i < exams->size(); ++i) {
    const std::string ptr = element_pointer(list, i);
    const json& e = (*exams)[i];
    if (!e.is_object()) {
      ctx.error(ptr, "an exam must be an object {\"id\": ..., \"questions\": ...}, found " +
                         json_kind(e));
      continue;
    }
    ExamDef def = read_exam(ObjectReader(e, ptr, ctx), ctx);
    def.loc = source_loc(ctx.file, index, ptr);
    pack.exams.push_back(std::move(def));
  }
}

const Question* find_in_pack(const Pack& pack, std::string_view id) {
  if (id.size() > pack.id.size() && id.substr(0, pack.id.size()) == pack.id &&
      id[pack.id.size()] == '/')
    id.remove_prefix(pack.id.size() + 1);
  for (const auto& q : pack.questions)
    if (q.id == id) return &q;
  return nullptr;
}

std::vector<std::vector<const Question*>> concept_pools(
    const std::vector<const Question*>& questions, const std::vector<std::string>& concepts) {
  std::vector<std::vector<const Question*>> pools(concepts.size());
  for (const auto* q : questions) {
    for (const auto& c : q->concepts) {
      const auto it = std::find(concepts.begin(), concepts.end(), c);
      if (it == concepts.end()) continue;
      pools[static_cast<std::size_t>(it - concepts.begin())].push_back(q);
      break;
    }
  }
  return pools;
}

void check_exams(const Pack& pack, DiagnosticLog& log) {
  auto error = [&](const ExamDef& e, const std::string& suffix, std::string message) {
    log.add(make_error(e.loc.file, e.loc.pointer + suffix, std::move(message)));
  };
  std::vector<std::string> defined, question_ids;
  for (const auto& c : pack.concepts) defined.push_back(c.id);
  std::vector<const Question*> all;
  for (const auto& q : pack.questions) {
    all.push_back(&q);
    question_ids.push_back(q.id);
  }

  std::unordered_map<std::string, const ExamDef*> seen;
  for (const auto& exam : pack.exams) {
    if (!exam.id.empty()) {
      auto [it, fresh] = seen.emplace(exam.id, &exam);
      if (!fresh)
        error(exam, "/id",
              "duplicate exam id \"" + exam.id + "\"; first defined at " +
                  where_defined(it->second->loc));
    }
    for (std::size_t k = 0; k < exam.question_ids.size(); ++k) {
      const std::string& id = exam.question_ids[k];
      if (find_in_pack(pack, id)) continue;
      std::string message = "question \"" + id + "\" is not in this pack";
      if (auto near = nearest_name(id, question_ids))
        message += "; did you mean \"" + *near + "\"?";
      else
        message += " (an exam draws only on the questions of its own pack)";
      error(exam, "/questions/" + std::to_string(k), std::move(message));
    }
    bool concepts_known = true;
    for (const auto& c : exam.concepts) {
      if (std::find(defined.begin(), defined.end(), c.id) != defined.end()) continue;
      concepts_known = false;
      error(exam, member_pointer("/concepts", c.id), undefined_concept_message(c.id, defined, ""));
    }
    if (!concepts_known || !exam.question_ids.empty()) continue;

    // Enough questions to draw from?
    std::vector<std::string> listed;
    std::vector<double> values;
    for (const auto& c : exam.concepts)
      if (c.value > 0) listed.push_back(c.id), values.push_back(c.value);
    if (listed.empty()) {
      if (exam.count > all.size())
        error(exam, "/questions",
              "the exam asks for " + std::to_string(exam.count) +
                  " questions but the pack has only " + std::to_string(all.size()));
      continue;
    }
    const auto pools = concept_pools(all, listed);
    if (exam.share == ConceptShare::weights) {
      std::size_t available = 0;
      for (const auto& p : pools) available += p.size();
      if (exam.count > available)
        error(exam, "/questions",
              "the exam asks for " + std::to_string(exam.count) +
                  " questions but the pack has only " + std::to_string(available) +
                  " on the concepts it weights (" + quoted_list(listed) + ")");
      continue;
    }
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const auto wanted = static_cast<std::size_t>(values[i]);
      if (wanted > pools[i].size())
        error(exam, member_pointer("/concepts", listed[i]),
              "the exam asks for " + std::to_string(wanted) + " questions on concept \"" +
                  listed[i] + "\" but the pack has only " + std::to_string(pools[i].size()) +
                  " (a question counts for the first of its concepts that the exam lists)");
    }
  }
}

}  // namespace qkv::bank
