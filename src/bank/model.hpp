#pragma once
// The question bank's data model: what a pack holds once loaded and validated. Pack format v1 is
// documented in docs/packs.md and content/schema/pack.schema.json; the loader in
// bank/loader.hpp turns files into these structs.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/tolerance.hpp"

namespace qkv::attention {
struct Problem;  // attention/problem.hpp
}  // namespace qkv::attention

namespace qkv::bank {

enum class QuestionType {
  single,      ///< exactly one correct option
  multi,       ///< one or more correct options
  true_false,  ///< a statement that is true or false
  matching,    ///< pair each left item with a right item
  ordering,    ///< put items in order
  short_text,  ///< free text against a list of accepted answers ("short" in packs)
  numeric,     ///< a number with an absolute or relative tolerance
  calculated,  ///< a drill exercise generated when shown; the engine computes the answer
  matrix,      ///< a fixed matrix (or vector) answer, entry by entry within a tolerance
};

/// Every question type, in the order type_name lists them (the loader accepts exactly these).
inline constexpr QuestionType kQuestionTypes[] = {
    QuestionType::single,   QuestionType::multi,      QuestionType::true_false,
    QuestionType::matching, QuestionType::ordering,   QuestionType::short_text,
    QuestionType::numeric,  QuestionType::calculated, QuestionType::matrix,
};

/// The name used in pack files: "single", "multi", "true_false", "matching", "ordering", "short",
/// "numeric", "calculated", "matrix".
const char* type_name(QuestionType t);
/// Inverse of type_name; std::nullopt for an unknown name.
std::optional<QuestionType> parse_type(std::string_view name);

/// Where a thing was defined, for messages: the file and the JSON pointer inside it (and the line
/// and column of the value when the loader knows them).
struct SourceLoc {
  std::string file;
  std::string pointer;
  int line = 0;
  int column = 0;
};

struct Option {
  std::string text;
  bool correct = false;
  std::string feedback;  ///< why this option is right or wrong; may be empty
};

struct ChoiceBody {  // single, multi
  std::vector<Option> options;
};

struct TrueFalseBody {
  bool answer = false;
  std::string feedback_true;   ///< shown to a learner who answered "true"
  std::string feedback_false;  ///< shown to a learner who answered "false"
};

struct MatchPair {
  std::string left;
  std::string right;
};

struct MatchingBody {
  std::vector<MatchPair> pairs;          ///< the correct pairing
  std::vector<std::string> distractors;  ///< extra right-hand items that match nothing
};

struct OrderingBody {
  std::vector<std::string> items;  ///< in the correct order
};

struct ShortBody {
  std::vector<std::string> accept;  ///< compared after normalize_answer
};

/// For a numeric question whose answer comes out of an attention computation: the calculator
/// input (the same JSON object `qkv calc --input` reads: x, wq, wk, wv, wo, q, k, v, mask,
/// additive_mask, scale, heads) and the trace entry that holds the answer, so that tests recompute
/// the answer key with the engine instead of trusting the author's arithmetic.
/// The bank reads and validates the calc; whether the step has that entry and the answer is what
/// the engine computes there is practice::check_question's to check.
struct CalcRef {
  std::string input_json;  ///< the "input" object, serialised as written (hashed and exported)
  /// The "input" object, read and validated once by the loader; null when the calc has errors
  /// (an invalid input, an unknown step, a missing row or col: the pack is then invalid).
  std::shared_ptr<const attention::Problem> problem;
  std::string step;  ///< a trace step id: q, k, v, scores, scaled, masked, weights, output
  int row = 0;       ///< 0-based
  int col = 0;       ///< 0-based
  /// False when the question's answer could not be read (already reported): the check then
  /// leaves the answer alone and checks the rest.
  bool check_answer = true;
};

struct NumericBody {
  double answer = 0.0;
  Tolerance tolerance;
  std::optional<CalcRef> calc;  ///< present when the answer is an entry of a computed trace
};

/// A calculated question: a drill exercise (src/practice) generated when the question is shown,
/// its answer computed by the attention engine. The learner answers one part of it.
/// The levels of a calculated question's exercise (practice::kMinLevel..kMaxLevel, which
/// practice/question_checks.cpp holds equal to these).
inline constexpr int kMinExerciseLevel = 1;
inline constexpr int kMaxExerciseLevel = 3;

struct CalculatedBody {
  std::string kind;  ///< a drill kind: "softmax", "kv-cache", ... (qkv drill --list-kinds)
  int level = 1;     ///< 1..3; 0 in a question whose level could not be read
  std::optional<std::uint64_t> seed;   ///< fixed numbers; absent: drawn from the session's seed
  std::string part;                    ///< the part asked ("a", "b", ...); empty: the last one
  std::optional<Tolerance> tolerance;  ///< absent: the exercise's (±0.01; shapes exactly)
};

/// For a matrix question whose answer is a whole step of an attention computation: the
/// calculator input and the step id, so that wrong answers can be diagnosed by re-running the
/// engine with each known mistake, and tests recompute the answer.
struct StepRef {
  /// The "input" object, read and validated once by the loader; null when it has errors (the
  /// pack is then invalid).
  std::shared_ptr<const attention::Problem> problem;
  std::string step;  ///< a trace step id: q, k, v, scores, scaled, masked, weights, output
};

struct MatrixBody {
  std::vector<std::vector<double>> answer;  ///< rows (a vector is one row)
  Tolerance tolerance;                      ///< for every entry
  std::optional<StepRef> calc;              ///< present when the answer is a computed step
};

using Body = std::variant<ChoiceBody, TrueFalseBody, MatchingBody, OrderingBody, ShortBody,
                          NumericBody, CalculatedBody, MatrixBody>;

struct Question {
  std::string id;       ///< unique within its pack
  std::string pack_id;  ///< the pack it came from; full id is pack_id + "/" + id
  QuestionType type = QuestionType::single;
  std::vector<std::string> concepts;  ///< concept ids defined by the pack
  int difficulty = 1;                 ///< 1 (recall) .. 3 (apply / analyse)
  std::string prompt;                 ///< may span lines; layout is kept
  std::string explanation;            ///< shown after the answer
  std::vector<std::string> hints;
  std::string source;             ///< where the facts come from (a reference a learner can follow)
  std::vector<std::string> tags;  ///< free labels; "scenario" and "misconception" are counted
  Body body;
  SourceLoc loc;

  std::string full_id() const { return pack_id + "/" + id; }
};

struct Concept {
  std::string id;
  std::string name;
  std::string summary;                     ///< one or two sentences
  std::string note;                        ///< the longer note shown by `qkv learn` (optional)
  std::vector<std::string> prerequisites;  ///< concept ids, learnt before this one
  SourceLoc loc;
};

/// How the numbers of an exam's "concepts" object are read.
enum class ConceptShare {
  weights,  ///< with "questions": N, the N questions are shared out in proportion to them
  counts,   ///< without "questions", each is the number of questions on that concept
};

/// One entry of an exam's "concepts" object.
struct ExamConcept {
  std::string id;      ///< a concept id of the pack
  double value = 0.0;  ///< a weight (>= 0) or a count (a whole number >= 0); see ConceptShare
};

/// An exam an instructor defines in a pack ("exams"; docs/packs.md, "Exams in a pack"). The
/// questions are either listed, or drawn from the pack's own questions: N of them spread over
/// the concepts and levels in proportion to the pack (or weights), or a count per concept.
struct ExamDef {
  std::string id;                         ///< unique among the pack's exams
  std::string title;                      ///< the id when the pack gives none
  std::size_t count = 0;                  ///< "questions": N; 0 when listed or counted per concept
  std::vector<std::string> question_ids;  ///< "questions": [ids of this pack], in paper order
  std::vector<ExamConcept> concepts;      ///< "concepts"; empty when not given
  ConceptShare share = ConceptShare::weights;      ///< counts when "questions" is absent
  std::optional<std::chrono::seconds> time_limit;  ///< "time_limit"; nullopt: no limit
  double pass_mark = 70.0;                         ///< "pass_mark", a percentage 0..100
  bool shuffle = true;  ///< "shuffle": questions (and options) in a seeded random order
  SourceLoc loc;
};

struct Pack {
  std::string format;  ///< "qkv-pack/1"
  std::string id;
  std::string title;
  std::string version;
  std::vector<std::string> authors;
  std::string license;
  std::string description;
  std::vector<Concept> concepts;
  std::vector<Question> questions;
  std::vector<ExamDef> exams;  ///< "exams": instructor-defined papers (optional)
  std::string path;            ///< the file or directory it was loaded from
};

/// One or more packs in use together. Questions are addressed as "pack-id/question-id".
struct Bank {
  std::vector<Pack> packs;

  const Question* find_question(std::string_view full_id) const;
  const Concept* find_concept(std::string_view concept_id) const;
  /// The concept's name, or its id when the bank does not name it.
  std::string concept_name(const std::string& concept_id) const;
  /// Every question of every pack, in pack order.
  std::vector<const Question*> all_questions() const;
};

}  // namespace qkv::bank
