#pragma once
// Reading one question of a pack (pack format v1) from parsed JSON, with every rule of its type.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bank/model.hpp"
#include "bank/pack_fields.hpp"

namespace qkv::bank {

/// Fields every question may have: id, type, concepts, difficulty, prompt, explanation, hints,
/// source, tags.
const std::vector<std::string>& common_question_fields();
/// Fields only questions of `type` have (single: options; numeric: answer, tolerance, ...).
const std::vector<std::string>& type_fields(QuestionType type);
/// Fields of the objects inside questions.
const std::vector<std::string>& option_fields();     ///< text, correct, feedback
const std::vector<std::string>& pair_fields();       ///< left, right
const std::vector<std::string>& calc_fields();       ///< input, step, row, col
const std::vector<std::string>& generator_fields();  ///< kind, level, seed, part (calculated)
const std::vector<std::string>& step_ref_fields();   ///< input, step (a matrix question's calc)
/// Trace steps a numeric question's calc may name: q, k, v, scores, scaled, masked, weights,
/// output.
const std::vector<std::string>& calc_steps();

/// A check of a question that needs more than the bank knows, run on every question as soon as it
/// is read, with the question's pointer: a calculated question's exercise kind and part (the
/// generators), a numeric or matrix question's answer against its calc step (the engine). The
/// bank only reads; practice::check_question is the check the commands give the loader.
using QuestionCheck =
    std::function<void(const Question& q, const std::string& pointer, const ReadContext& ctx)>;

/// Reads the question at `pointer` (for example /questions/12). Reports to ctx every missing,
/// mistyped, empty or unknown field and every rule of the type (a single question with exactly
/// one correct option, a multi with at least one, at least 2 pairs or items and no duplicates,
/// a finite tolerance >= 0, difficulty 1..3, a level 1..3 for a calculated question, a
/// rectangular matrix, a calc input that is a valid attention problem, ...). Returns
/// the question as far as it could be read, so that pack-wide checks still see its id and concepts;
/// nullopt when it is not an object.
std::optional<Question> read_question(const nlohmann::json& j, const std::string& pointer,
                                      const ReadContext& ctx);

}  // namespace qkv::bank
