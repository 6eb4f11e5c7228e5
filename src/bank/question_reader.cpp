#include "bank/question_reader.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>

#include "attention/problem.hpp"
#include "attention/problem_json.hpp"
#include "bank/pack_fields.hpp"
#include "core/error.hpp"
#include "core/numbers.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"

namespace qkv::bank {

using nlohmann::json;

namespace {

std::vector<std::string> type_names() {
  std::vector<std::string> names;
  for (auto t : kQuestionTypes) names.emplace_back(type_name(t));
  return names;
}

// "single and multi questions" for the types that have field `key`.
std::string types_with_field(const std::string& key) {
  std::vector<std::string> owners;
  for (auto t : kQuestionTypes) {
    const auto& f = type_fields(t);
    if (std::find(f.begin(), f.end(), key) != f.end()) owners.emplace_back(type_name(t));
  }
  std::string out;
  for (std::size_t i = 0; i < owners.size(); ++i)
    out += (i == 0 ? "" : i + 1 == owners.size() ? " and " : ", ") + owners[i];
  return out;
}

// A text in a question that must not repeat (a matching item, an ordering item, a concept id):
// where it is, as the list's pointer, its index and the field inside the element (if any). The
// pointer is only spelt out for a duplicate.
struct Entry {
  std::string text;
  const std::string* list;
  std::size_t index;
  const char* field;
  std::string pointer() const {
    return element_pointer(*list, index) + (field ? std::string("/") + field : std::string());
  }
};

// Reports entries that are equal after normalize_answer, at the later one.
void report_duplicates(const std::vector<Entry>& entries, std::string_view what,
                       const ReadContext& ctx) {
  if (entries.size() < 2) return;
  std::vector<std::pair<std::size_t, std::size_t>> dups;  // (duplicate, first), in text order
  constexpr std::size_t kPairwise = 16;
  if (entries.size() <= kPairwise) {
    // The usual few items: compared pairwise, without sorting.
    std::array<std::string, kPairwise> norm;
    for (std::size_t i = 0; i < entries.size(); ++i) norm[i] = normalize_answer(entries[i].text);
    for (std::size_t i = 1; i < entries.size(); ++i)
      for (std::size_t k = 0; k < i; ++k)
        if (norm[k] == norm[i]) {
          dups.emplace_back(i, k);
          break;
        }
  } else {
    std::vector<std::pair<std::string, std::size_t>> seen;  // normalised text, entry index
    seen.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
      seen.emplace_back(normalize_answer(entries[i].text), i);
    std::stable_sort(seen.begin(), seen.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1, first = 0; i < seen.size(); ++i) {
      if (seen[i].first != seen[first].first) {
        first = i;
      } else {
        dups.emplace_back(seen[i].second, seen[first].second);
      }
    }
    std::sort(dups.begin(), dups.end());
  }
  for (const auto& [d, first] : dups)
    ctx.error(entries[d].pointer(), std::string(what) + " \"" + entries[d].text +
                                        "\" appears twice (first at " + entries[first].pointer() +
                                        "); each must be different");
}

// Appends the non-empty strings of list field `key` (whose pointer is `list`).
void append_entries(const ObjectReader& r, const char* key, const std::string& list,
                    std::vector<Entry>& out) {
  const json* v = r.find(key);
  if (!v || !v->is_array()) return;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& e = (*v)[i];
    if (e.is_string() &&
        e.get_ref<const std::string&>().find_first_not_of(" \t\r\n") != std::string::npos)
      out.push_back({e.get<std::string>(), &list, i, nullptr});
  }
}

std::string index_list(const std::vector<std::size_t>& indices) {
  std::string out;
  for (std::size_t i = 0; i < indices.size(); ++i)
    out += (i == 0 ? "" : i + 1 == indices.size() ? " and " : ", ") + std::to_string(indices[i]);
  return out;
}

ChoiceBody read_choice(const ObjectReader& r, QuestionType type, const ReadContext& ctx) {
  ChoiceBody body;
  const json* options = r.array("options", Need::required);
  if (!options) return body;
  const std::string list = r.field_pointer("options");
  std::vector<std::size_t> correct;
  for (std::size_t i = 0; i < options->size(); ++i) {
    const std::string ptr = element_pointer(list, i);
    const json& o = (*options)[i];
    if (!o.is_object()) {
      ctx.error(ptr,
                "an option must be an object {\"text\": ..., \"correct\": ..., "
                "\"feedback\": ...}, found " +
                    json_kind(o));
      continue;
    }
    ObjectReader orr(o, ptr, ctx);
    orr.reject_unknown(option_fields(), "an option");
    Option opt;
    opt.text = orr.string("text", Need::required).value_or("");
    opt.correct = orr.boolean("correct", Need::optional).value_or(false);
    opt.feedback = orr.string("feedback", Need::optional, Empty::allowed).value_or("");
    if (opt.correct) correct.push_back(i);
    body.options.push_back(std::move(opt));
  }
  const std::string kind = type_name(type);
  if (options->size() < 2)
    ctx.error(list, "a " + kind + " question needs at least 2 options, found " +
                        std::to_string(options->size()));
  if (correct.empty() && !options->empty()) {
    ctx.error(list, "no option is marked \"correct\": true; a " + kind + " question needs " +
                        (type == QuestionType::single ? "exactly one" : "at least one"));
  } else if (type == QuestionType::single && correct.size() > 1) {
    ctx.error(list, "options " + index_list(correct) +
                        " are all marked correct; a single question has exactly one correct "
                        "option (use \"type\": \"multi\" for several)");
  }
  return body;
}

TrueFalseBody read_true_false(const ObjectReader& r) {
  TrueFalseBody body;
  body.answer = r.boolean("answer", Need::required).value_or(false);
  body.feedback_true = r.string("feedback_true", Need::optional, Empty::allowed).value_or("");
  body.feedback_false = r.string("feedback_false", Need::optional, Empty::allowed).value_or("");
  return body;
}

MatchingBody read_matching(const ObjectReader& r, const ReadContext& ctx) {
  MatchingBody body;
  const json* pairs = r.array("pairs", Need::required);
  const std::string list = r.field_pointer("pairs");
  const std::string distractors = r.field_pointer("distractors");
  std::vector<Entry> lefts, rights;
  if (pairs) {
    for (std::size_t i = 0; i < pairs->size(); ++i) {
      const std::string ptr = element_pointer(list, i);
      const json& p = (*pairs)[i];
      if (!p.is_object()) {
        ctx.error(
            ptr, "a pair must be an object {\"left\": ..., \"right\": ...}, found " + json_kind(p));
        continue;
      }
      ObjectReader pr(p, ptr, ctx);
      pr.reject_unknown(pair_fields(), "a pair");
      MatchPair mp;
      mp.left = pr.string("left", Need::required).value_or("");
      mp.right = pr.string("right", Need::required).value_or("");
      if (!mp.left.empty()) lefts.push_back({mp.left, &list, i, "left"});
      if (!mp.right.empty()) rights.push_back({mp.right, &list, i, "right"});
      body.pairs.push_back(std::move(mp));
    }
    if (pairs->size() < 2)
      ctx.error(list, "a matching question needs at least 2 pairs, found " +
                          std::to_string(pairs->size()));
  }
  body.distractors = r.strings("distractors", Need::optional);
  append_entries(r, "distractors", distractors, rights);
  report_duplicates(lefts, "left item", ctx);
  report_duplicates(rights, "right item", ctx);
  return body;
}

// Reads a list of strings that must hold at least 2 distinct entries (ordering items).
std::vector<std::string> read_distinct_list(const ObjectReader& r, const char* key,
                                            const char* what, const ReadContext& ctx) {
  std::vector<std::string> items = r.strings(key, Need::required, 2);
  const std::string list = r.field_pointer(key);
  std::vector<Entry> entries;
  append_entries(r, key, list, entries);
  report_duplicates(entries, what, ctx);
  return items;
}

// A calc's "input" object (the same as `qkv calc --input` reads), read and validated; its
// problems are reported under the calc's "input" and give null.
std::shared_ptr<const attention::Problem> read_calc_input(const json& input,
                                                          const ObjectReader& calc,
                                                          const ReadContext& ctx) {
  std::vector<Diagnostic> problems;
  try {
    attention::Problem p = attention::problem_from_json(input, ctx.file);
    problems = attention::validate(p, ctx.file);
    if (problems.empty()) return std::make_shared<const attention::Problem>(std::move(p));
  } catch (const Error& e) {
    problems = e.diagnostics();
  }
  for (const auto& d : problems) ctx.error(calc.field_pointer("input") + d.pointer, d.message);
  return nullptr;
}

// The numeric question's calc: the step must be one of calc_steps() and the problem must be valid
// (shapes that fit); it is read here once. Whether row and col lie inside the step's matrix and
// the answer is the entry the engine computes there (within the tolerance), so that a learner
// who types the right number is never marked wrong, is checked by practice/question_checks.
// `answer_read` is false when the answer itself is missing or mistyped (already reported).
std::optional<CalcRef> read_calc(const ObjectReader& r, bool answer_read, const ReadContext& ctx) {
  const json* c = r.object("calc", Need::optional);
  if (!c) return std::nullopt;
  ObjectReader cr(*c, r.field_pointer("calc"), ctx);
  cr.reject_unknown(calc_fields(), "calc");
  CalcRef calc;
  calc.check_answer = answer_read;
  const json* input = cr.object("input", Need::required);
  if (input) calc.input_json = input->dump();
  bool known_step = false;
  if (auto step = cr.string("step", Need::required)) {
    const auto& steps = calc_steps();
    known_step = std::find(steps.begin(), steps.end(), *step) != steps.end();
    if (!known_step) {
      std::string message = "unknown calc step \"" + *step + "\"";
      if (auto near = nearest_name(*step, steps)) message += " (did you mean \"" + *near + "\"?)";
      ctx.error(cr.field_pointer("step"), message + "; the steps are " + quoted_list(steps));
    }
    calc.step = *step;
  }
  const auto row = cr.integer("row", Need::required, 0, 1'000'000'000);
  const auto col = cr.integer("col", Need::required, 0, 1'000'000'000);
  calc.row = static_cast<int>(row.value_or(0));
  calc.col = static_cast<int>(col.value_or(0));
  if (!input) return calc;
  auto problem = read_calc_input(*input, cr, ctx);
  if (known_step && row && col) calc.problem = std::move(problem);
  return calc;
}

// "tolerance" (a number >= 0) and "tolerance_kind"; nullopt when the tolerance is absent.
std::optional<Tolerance> read_tolerance(const ObjectReader& r, Need need, const ReadContext& ctx) {
  const auto tol = r.number("tolerance", need);
  Tolerance t;
  if (tol) {
    if (*tol < 0)
      ctx.error(r.field_pointer("tolerance"),
                "tolerance must be 0 or more, found " + r.find("tolerance")->dump());
    t.value = *tol;
  }
  if (auto kind = r.string("tolerance_kind", Need::optional)) {
    if (*kind == "relative") {
      t.kind = ToleranceKind::relative;
    } else if (*kind != "absolute") {
      ctx.error(r.field_pointer("tolerance_kind"),
                "tolerance_kind must be \"absolute\" or \"relative\", found \"" + *kind + "\"");
    }
    if (!tol && need == Need::optional)
      ctx.error(r.field_pointer("tolerance_kind"), "tolerance_kind needs a tolerance as well");
  }
  if (!tol) return std::nullopt;
  return t;
}

NumericBody read_numeric(const ObjectReader& r, const ReadContext& ctx) {
  NumericBody body;
  const auto answer = r.number("answer", Need::required);
  body.answer = answer.value_or(0.0);
  if (auto t = read_tolerance(r, Need::required, ctx)) body.tolerance = *t;
  body.calc = read_calc(r, answer.has_value(), ctx);
  return body;
}

CalculatedBody read_calculated(const ObjectReader& r, const ReadContext& ctx) {
  CalculatedBody body;
  body.tolerance = read_tolerance(r, Need::optional, ctx);
  const json* g = r.object("generator", Need::required);
  if (!g) return body;
  ObjectReader gr(*g, r.field_pointer("generator"), ctx);
  gr.reject_unknown(generator_fields(), "a generator");
  // The kind and the part are checked against the generators by practice/question_checks.
  body.kind = gr.string("kind", Need::required).value_or("");
  const auto level = gr.integer("level", Need::required, kMinExerciseLevel, kMaxExerciseLevel);
  body.level = static_cast<int>(level.value_or(0));
  if (auto seed = gr.integer("seed", Need::optional, 0, 9'007'199'254'740'992LL))
    body.seed = static_cast<std::uint64_t>(*seed);
  body.part = gr.string("part", Need::optional).value_or("");
  return body;
}

// A matrix given as an array of rows, one row, or a string in the inline syntax ("1 0; 0 1").
std::vector<std::vector<double>> read_rows(const ObjectReader& r, const char* key,
                                           const ReadContext& ctx) {
  std::vector<std::vector<double>> rows;
  const json* a = r.find(key);
  const std::string ptr = r.field_pointer(key);
  if (!a) {
    ctx.error(r.pointer(), std::string("missing \"") + key +
                               "\": the matrix, such as [[1, 0], [0, 1]] or \"1 0; 0 1\"");
    return rows;
  }
  if (a->is_string()) {
    const auto m = try_parse_matrix(a->get<std::string>(), key);
    if (!m) {
      ctx.error(ptr, m.failure().message());
      return rows;
    }
    for (Eigen::Index i = 0; i < m->rows(); ++i) {
      rows.emplace_back();
      for (Eigen::Index j = 0; j < m->cols(); ++j) rows.back().push_back((*m)(i, j));
    }
    return rows;
  }
  if (!a->is_array() || a->empty()) {
    ctx.error(
        ptr, "expected a matrix such as [[1, 0], [0, 1]], one row [1, 0], or \"1 0; 0 1\", found " +
                 json_kind(*a));
    return rows;
  }
  const bool one_row = !a->front().is_array();
  const std::size_t n = one_row ? 1 : a->size();
  for (std::size_t i = 0; i < n; ++i) {
    const json& row = one_row ? *a : (*a)[i];
    const std::string rp = one_row ? ptr : ptr + "/" + std::to_string(i);
    if (!row.is_array() || row.empty()) {
      ctx.error(rp, "row " + std::to_string(i + 1) +
                        " must be a non-empty array of numbers, found " + json_kind(row));
      continue;
    }
    rows.emplace_back();
    for (std::size_t j = 0; j < row.size(); ++j) {
      if (row[j].is_number())
        rows.back().push_back(row[j].get<double>());
      else
        ctx.error(rp + "/" + std::to_string(j), "expected a number, found " + json_kind(row[j]));
    }
    if (rows.size() > 1 && rows.back().size() != rows.front().size())
      ctx.error(rp, "row " + std::to_string(i + 1) + " has " + std::to_string(row.size()) +
                        " entries but row 1 has " + std::to_string(rows.front().size()));
  }
  return rows;
}

// The matrix's calc: the problem is read and validated here; whether the step exists and the
// answer is what the engine computes is checked by practice/question_checks.
std::optional<StepRef> read_step_ref(const ObjectReader& r, const ReadContext& ctx) {
  const json* c = r.object("calc", Need::optional);
  if (!c) return std::nullopt;
  ObjectReader cr(*c, r.field_pointer("calc"), ctx);
  cr.reject_unknown(step_ref_fields(), "calc");
  StepRef ref;
  const json* input = cr.object("input", Need::required);
  ref.step = cr.string("step", Need::required).value_or("");
  if (input) ref.problem = read_calc_input(*input, cr, ctx);
  return ref;
}

MatrixBody read_matrix(const ObjectReader& r, const ReadContext& ctx) {
  MatrixBody body;
  body.answer = read_rows(r, "answer", ctx);
  if (auto t = read_tolerance(r, Need::required, ctx)) body.tolerance = *t;
  body.calc = read_step_ref(r, ctx);
  return body;
}

}  // namespace

const std::vector<std::string>& generator_fields() {
  static const std::vector<std::string> f = {"kind", "level", "seed", "part"};
  return f;
}

const std::vector<std::string>& step_ref_fields() {
  static const std::vector<std::string> f = {"input", "step"};
  return f;
}

namespace {

// The fields a question of this type may have (of any type when the type is unknown): the
// common ones, then the type's own, without repeats. Built once per type, not per question.
const std::vector<std::string>& allowed_question_fields(std::optional<QuestionType> type) {
  static const auto lists = [] {
    constexpr std::size_t n = std::size(kQuestionTypes);
    std::array<std::vector<std::string>, n + 1> out;  // [n]: any type
    for (std::size_t i = 0; i <= n; ++i) {
      out[i] = common_question_fields();
      for (std::size_t t = 0; t < n; ++t) {
        if (i < n && t != i) continue;
        for (const auto& f : type_fields(kQuestionTypes[t]))
          if (std::find(out[i].begin(), out[i].end(), f) == out[i].end()) out[i].push_back(f);
      }
    }
    return out;
  }();
  if (!type) return lists.back();
  for (std::size_t i = 0; i < std::size(kQuestionTypes); ++i)
    if (kQuestionTypes[i] == *type) return lists[i];
  return lists.back();
}

}  // namespace

const std::vector<std::string>& common_question_fields() {
  static const std::vector<std::string> f = {
      "id", "type", "concepts", "difficulty", "prompt", "explanation", "hints", "source", "tags"};
  return f;
}

const std::vector<std::string>& type_fields(QuestionType type) {
  static const std::vector<std::string> choice = {"options"};
  static const std::vector<std::string> true_false = {"answer", "feedback_true", "feedback_false"};
  static const std::vector<std::string> matching = {"pairs", "distractors"};
  static const std::vector<std::string> ordering = {"items"};
  static const std::vector<std::string> short_text = {"accept"};
  static const std::vector<std::string> numeric = {"answer", "tolerance", "tolerance_kind", "calc"};
  static const std::vector<std::string> calculated = {"generator", "tolerance", "tolerance_kind"};
  static const std::vector<std::string> matrix = {"answer", "tolerance", "tolerance_kind", "calc"};
  switch (type) {
    case QuestionType::single:
    case QuestionType::multi:
      return choice;
    case QuestionType::true_false:
      return true_false;
    case QuestionType::matching:
      return matching;
    case QuestionType::ordering:
      return ordering;
    case QuestionType::short_text:
      return short_text;
    case QuestionType::numeric:
      return numeric;
    case QuestionType::calculated:
      return calculated;
    case QuestionType::matrix:
      return matrix;
  }
  return choice;
}

const std::vector<std::string>& option_fields() {
  static const std::vector<std::string> f = {"text", "correct", "feedback"};
  return f;
}

const std::vector<std::string>& pair_fields() {
  static const std::vector<std::string> f = {"left", "right"};
  return f;
}

const std::vector<std::string>& calc_fields() {
  static const std::vector<std::string> f = {"input", "step", "row", "col"};
  return f;
}

const std::vector<std::string>& calc_steps() {
  static const std::vector<std::string> f = {"q",      "k",      "v",       "scores",
                                             "scaled", "masked", "weights", "output"};
  return f;
}

std::optional<Question> read_question(const json& j, const std::string& pointer,
                                      const ReadContext& ctx) {
  if (!j.is_object()) {
    ctx.error(pointer, "a question must be an object, found " + json_kind(j));
    return std::nullopt;
  }
  const ObjectReader r(j, pointer, ctx);
  Question q;
  q.loc = {.file = ctx.file, .pointer = pointer};

  if (auto id = r.string("id", Need::required)) {
    if (!valid_id(*id)) ctx.error(r.field_pointer("id"), invalid_id_message("question", *id));
    q.id = *id;
  }
  std::optional<QuestionType> type;
  if (auto name = r.string("type", Need::required)) {
    type = parse_type(*name);
    if (!type) {
      std::string message = "unknown question type \"" + *name + "\"";
      if (auto near = nearest_name(*name, type_names()))
        message += " (did you mean \"" + *near + "\"?)";
      ctx.error(r.field_pointer("type"), message + "; the types are " + quoted_list(type_names()));
    }
  }

  // Fields: the common ones and the type's own; a field of another type gets its own message.
  r.reject_unknown(allowed_question_fields(type), "a question", [&](const std::string& key) {
    const std::string owners = types_with_field(key);
    if (!type || owners.empty()) return std::string();
    return "field \"" + key + "\" does not belong in a " + type_name(*type) +
           " question (it is used by " + owners + " questions)";
  });

  q.concepts = r.strings("concepts", Need::required, 1);
  const std::string concept_list = r.field_pointer("concepts");
  std::vector<Entry> concept_entries;
  append_entries(r, "concepts", concept_list, concept_entries);
  report_duplicates(concept_entries, "concept", ctx);
  q.difficulty = static_cast<int>(r.integer("difficulty", Need::required, 1, 3).value_or(1));
  q.prompt = r.string("prompt", Need::required).value_or("");
  q.explanation = r.string("explanation", Need::optional, Empty::allowed).value_or("");
  q.hints = r.strings("hints", Need::optional);
  q.source = r.string("source", Need::optional, Empty::allowed).value_or("");
  q.tags = r.strings("tags", Need::optional);

  if (!type) return q;
  q.type = *type;
  switch (*type) {
    case QuestionType::single:
    case QuestionType::multi:
      q.body = read_choice(r, *type, ctx);
      break;
    case QuestionType::true_false:
      q.body = read_true_false(r);
      break;
    case QuestionType::matching:
      q.body = read_matching(r, ctx);
      break;
    case QuestionType::ordering:
      q.body = OrderingBody{read_distinct_list(r, "items", "item", ctx)};
      break;
    case QuestionType::short_text:
      q.body = ShortBody{r.strings("accept", Need::required, 1)};
      break;
    case QuestionType::numeric:
      q.body = read_numeric(r, ctx);
      break;
    case QuestionType::calculated:
      q.body = read_calculated(r, ctx);
      break;
    case QuestionType::matrix:
      q.body = read_matrix(r, ctx);
      break;
  }
  return q;
}

}  // namespace qkv::bank
