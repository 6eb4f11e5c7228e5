#pragma once
// The JSON forms of drill exercises and their grading (`qkv drill --format json`, `--json`,
// `qkv check --format json`). Keys are stable and documented in the man page (docs/qkv.1,
// QKV DRILL and QKV CHECK). Matrices are arrays of rows (−∞ as null); rows, columns from 0.
#include <nlohmann/json.hpp>

#include "practice/attempt.hpp"
#include "practice/check.hpp"
#include "practice/diagnose.hpp"
#include "practice/exercise.hpp"

namespace qkv::render {

/// {kind, level, seed, title, intro, tolerance {value, kind}, givens [{name, rows, columns,
/// matrix}], problem (the calculator's --input format; "problems" when there are several),
/// weights (when the weights are given), parts [{label, question, step, rows, columns, shape,
/// answer, steps}], steps, mistakes}.
nlohmann::ordered_json exercise_json(const practice::Exercise& e);

/// null for an empty diagnosis; else {mistakes [{id, title, basis ("problem" |
/// "your-steps"), partial, entries [{row, column, given, expected}]}], first_step}.
nlohmann::ordered_json diagnosis_json(const practice::Diagnosis& d);

/// {label, step, given, answer, correct, carried, consistent (or null), hinted, diagnosis}.
nlohmann::ordered_json part_result_json(const practice::Exercise& e, const practice::PartResult& r);

/// {steps [{id, correct, consistent, diagnosis, shape_ok, carried, entries_off}], first_wrong}.
nlohmann::ordered_json check_json(const practice::CheckReport& r);

}  // namespace qkv::render
