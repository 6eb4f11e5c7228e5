#pragma once
// The JSON form of an attention Trace (`qkv calc --format json`), with full double precision.
// Keys (stable, documented in the man page, QKV CALC):
//   shapes {n, m, d_model, d_k, d_v, d_out, heads}, scale, mask, tokens (key labels),
//   queries (query labels), steps [{id, title, formula, shape, explanation, long_explanation,
//   rows, columns, matrix}], softmax [{row, max, sum_exp}] (one head), weights (one head's, or
//   the mean over heads), output, heads [{head, steps, softmax, weights, output, decode}] and
//   concat (several heads), decode [{position, token, cache_length, query, key, value, weights,
//   output, weights_difference, output_difference}] (with decoding).
// Matrices are arrays of rows. JSON has no infinities, so a number that is not finite is a
// string: "-inf" (a masked score, −∞), "inf" and "nan" (which a computation never outputs: qkv
// refuses it with exit 65). Positions, rows and columns count from 0.
#include <nlohmann/json.hpp>
#include <string_view>

#include "attention/trace.hpp"

namespace qkv::render {

/// The whole trace, or with a non-empty `step` only {shapes, scale, mask, tokens, queries,
/// steps: [the selected steps, ids in full such as "head2/weights"]} (see select_steps()).
/// Keys keep the order above.
nlohmann::ordered_json trace_to_json(const attention::Trace& t, std::string_view step = {});

/// A number, or for one that is not finite the string "-inf", "inf" or "nan".
nlohmann::ordered_json number_to_json(double x);

/// A matrix as an array of rows, entries as number_to_json() writes them.
nlohmann::ordered_json matrix_to_json(const Matrix& m);

/// JSON text for people and diff tools: objects indented, every array of numbers, strings or
/// nulls kept on one line (so a matrix prints one row per line), numbers with full precision.
std::string pretty_json(const nlohmann::ordered_json& j);

}  // namespace qkv::render
