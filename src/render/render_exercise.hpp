#pragma once
// Printing drill exercises for people: the exercise as posed, a part's grading entry by entry, a
// diagnosis, and the worked steps (the calculator's trace renderer, trace_text.hpp). Shared by
// `qkv drill`, `qkv check` and calculated questions in `qkv quiz`. Markdown sheets are in
// exercise_sheet.hpp, JSON in exercise_json.hpp. Every function here with a `width` lays its
// text out for a terminal that many columns wide (0: no limit), matrices in column blocks.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attention/trace.hpp"
#include "practice/attempt.hpp"
#include "practice/diagnose.hpp"
#include "practice/exercise.hpp"
#include "render/options.hpp"
#include "term/style.hpp"

namespace qkv::render {

/// "[score, level 2, seed 42]".
std::string exercise_tag(const practice::Exercise& e);

/// The situation and the given matrices, numbers as in exercise_text() (used by calculated
/// questions, whose answering instructions come from the session).
std::string exercise_situation(const practice::Exercise& e, std::string_view indent = "",
                               std::size_t width = 0);

/// The situation and the given matrices (numbers exactly as drawn; computed ones to 4 decimals),
/// then the tolerance. Every line starts with `indent`.
std::string exercise_text(const practice::Exercise& e, const term::Style& style,
                          std::string_view indent = "", std::size_t width = 0);

/// "(b) The scaled scores. Answer: a 2×2 matrix (2 rows of 2, rows separated by ';')."
std::string part_prompt(const practice::Part& p, const term::Style& style, std::size_t width = 0);

/// A matrix of compact_number()s with its labels (sanitised); every line starts with `indent`.
std::string compact_matrix(const Matrix& m, const std::vector<std::string>& row_labels,
                           const std::vector<std::string>& col_labels, std::string_view indent,
                           std::size_t width = 0);

/// A number with up to 4 decimals and no trailing zeros ("2", "0.42", "0.0474"), −∞ as "−∞".
std::string compact_number(double v);

/// "row 2 (“cat”), column 1" for a 0-based entry of a part's answer.
std::string entry_name(const practice::Part& p, int row, int col);

/// The grading of one part: right or wrong; when wrong, the answer with ✓/✗ per entry and the
/// right answer; notes on rounding carried from earlier parts, consistency with them, and hints.
std::string part_result_text(const practice::Exercise& e, const practice::PartResult& r,
                             const term::Style& style, std::size_t width = 0);

/// What went wrong: each matching mistake with its id, what the learner did and why it is wrong
/// (ties: all of them, said to give the same numbers), entries off for partial matches, or an
/// honest "none of the known mistakes" pointing at the first step that differs. `name_entry`
/// names a 0-based entry. Empty for an empty diagnosis without a first step.
std::string diagnosis_text(const practice::Diagnosis& d, const term::Style& style,
                           std::string_view indent,
                           const std::function<std::string(int, int)>& name_entry,
                           std::size_t width = 0);

/// The worked steps of the exercise (with `through`, only those leading to that part): its steps
/// rendered from the right traces; for shape questions, the shape of each step; for counts, the
/// sum over heads for each length.
std::string worked_text(const practice::Exercise& e, const std::vector<attention::Trace>& traces,
                        const RenderOptions& o, std::optional<std::size_t> through = std::nullopt);

/// The hint line: "Hint 1 of 3 (Scaled scores): S_scaled = S × 0.5000 = 1/√4 (d_k = 4)".
std::string hint_text(const practice::Hint& h, int number, int total, const term::Style& style,
                      std::size_t width = 0);

}  // namespace qkv::render
