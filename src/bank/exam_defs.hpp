#pragma once
// Exams defined in a pack ("exams": [...]): reading them, checking them against the pack's
// questions and concepts, and the rule that decides which concept a question counts for on a
// paper (shared by the checks and by exam/paper, so that what validates can be drawn).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bank/model.hpp"
#include "bank/pack_fields.hpp"
#include "json/index.hpp"

namespace qkv::bank {

/// Fields of an exam: id, title, questions, concepts, time_limit, pass_mark, shuffle.
const std::vector<std::string>& exam_fields();

/// Reads the "exams" list of a parsed pack file (a single-file pack or pack.json) into
/// pack.exams, reporting every problem of form to ctx: not an object, unknown fields, a bad id,
/// "questions" that is neither a whole number >= 1 nor a list of ids (or a list with an id twice),
/// "concepts" that is not an object of numbers >= 0 (whole numbers when they are counts), concepts
/// next to a list of ids, a "time_limit" that core::parse_duration refuses, a "pass_mark" outside
/// 0..100, a "shuffle" that is not true or false. Exams are appended as far as they could be read.
void read_exams(const ObjectReader& pack_object, const ReadContext& ctx, const JsonIndex& index,
                Pack& pack);

/// Checks the exams of a pack once all its files are read: duplicate exam ids, question ids and
/// concept ids the pack does not define (with a "did you mean"), and papers that ask for more
/// questions than the pack has (in all, or on one concept when counted per concept).
void check_exams(const Pack& pack, DiagnosticLog& log);

/// The questions of `questions` grouped by concept for a paper over `concepts`: entry i holds the
/// questions whose first concept that appears in `concepts` is concepts[i]. Each question is in
/// at most one group (questions on none of them are left out), in the order given.
std::vector<std::vector<const Question*>> concept_pools(
    const std::vector<const Question*>& questions, const std::vector<std::string>& concepts);

/// Finds question `id` of `pack`, given as "question-id" or "pack-id/question-id"; nullptr when
/// the pack has no such question.
const Question* find_in_pack(const Pack& pack, std::string_view id);

}  // namespace qkv::bank
