#pragma once
// Reading one question of a pack (pack format v1) from parsed JSON, with every rule of its type.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bank/json_fields.hpp"
#include "bank/model.hpp"

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

/// Reads the question at `pointer` (for example /questions/12). Reports to ctx every missing,
/// mistyped, empty or unknown field and every rule of the type (a single question with exactly
/// one correct option, a multi with at least one, at least 2 pairs or items and no duplicates,
/// a finite tolerance >= 0, difficulty 1..3, a known exercise kind and part for a calculated
/// question, a rectangular matrix that agrees with the engine when its calc is given, ...). Returns
/// the question as far as it could be read, so that pack-wide checks still see its id and concepts;
/// nullopt when it is not an object.
std::optional<Question> read_question(const nlohmann::json& j, const std::string& pointer,
                                      const ReadContext& ctx);

}  // namespace qkv::bank
