#pragma once
// The record of one attention computation: the ordered steps with their matrices, formulas and
// explanations, per-row softmax details, per-head traces and KV-cache decoding records. The
// engine (engine.hpp) fills it; renderers, drills and checks only read it.
//
// Step ids (stable, used by --step, JSON, answer keys and `qkv check`):
//   q, k, v, scores, scaled, masked (only with a mask), weights, output   one head
//   q, k, v, concat, output                                               several heads, whose own
//                                                                         steps are in heads[h]
// Lookups accept "head2/weights" (1-based head number) for a head's step.
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "attention/problem.hpp"
#include "attention/steps.hpp"

namespace qkv::attention {

struct Step {
  std::string id;                       ///< see the list above
  std::string title;                    ///< "Attention weights"
  std::string formula;                  ///< "P = softmax(S_masked), row by row"
  std::string shape;                    ///< "Q (3×2) · Kᵀ (2×3) = S (3×3)"
  std::string explanation;              ///< one or two sentences about what it means for the tokens
  std::string long_explanation;         ///< the why (for --explain); may be empty
  Matrix matrix;                        ///< may hold −∞ (masked scores)
  std::vector<std::string> row_labels;  ///< one per row: tokens, or "1", "2", ...
  std::vector<std::string> col_labels;  ///< one per column: tokens for keys, "1".. for features
};

/// One position of KV-cache decoding: the token's key and value are appended to the cache, then
/// its query attends to everything in the cache.
struct DecodeRecord {
  int position = 0;            ///< 0-based query index (the row of full attention it matches)
  int cache_length = 0;        ///< keys in the cache after appending this token's key
  Eigen::RowVectorXd query;    ///< the new query (this head's columns, or all of them)
  Eigen::RowVectorXd key;      ///< the key appended to the cache
  Eigen::RowVectorXd value;    ///< the value appended to the cache
  Eigen::RowVectorXd weights;  ///< cache_length weights (several heads: their mean)
  Eigen::RowVectorXd output;   ///< the new output row (several heads: after concat and W_o)
  double weights_difference =
      0;  ///< max |weights − full causal weights row| (incl. zeros past the cache)
  double output_difference = 0;  ///< max |output − full causal output row|
};

struct Trace {
  Shapes shapes;
  Options options;                        ///< how it was computed (standard unless a mistake)
  double scale = 1.0;                     ///< the multiplier applied to the scores
  MaskSpec mask;                          ///< the mask applied (decoding turns none into causal)
  std::vector<std::string> query_labels;  ///< n labels
  std::vector<std::string> key_labels;    ///< m labels
  std::vector<Step> steps;                ///< in computation order
  std::vector<SoftmaxDetail> softmax;     ///< one head: one per row of the weights
  std::vector<Trace> heads;               ///< several heads: one full trace each
  std::vector<DecodeRecord> decode;       ///< with Decode::kv_cache: one per query, in order

  /// The step with this id (or "headH/id"), or nullptr.
  const Step* find(std::string_view id) const;
  /// As find(), but throws Error(Exit::data) saying no_step(id).
  const Step& step(std::string_view id) const;
  /// Why find(id) is nullptr: the id and the ids there are.
  std::string no_step(std::string_view id) const;
  /// The final output (the "output" step).
  const Matrix& output() const { return step("output").matrix; }
  /// The attention weights: one head's, or for several heads their mean (as PyTorch's
  /// MultiheadAttention with average_attn_weights=True).
  Matrix weights() const;
  /// The ids that find() accepts, in order (heads' steps as "headH/id").
  std::vector<std::string> step_ids() const;
};

/// A step id split into its head and the step within it: "head2/scores" -> {1, "scores"};
/// "scores" -> {-1, "scores"}. An id whose "headN/" prefix is not a head number from 1 is
/// returned whole as a top-level id.
struct StepId {
  int head = -1;  ///< 0-based; -1 for a top-level step
  std::string_view step;
};
StepId split_step_id(std::string_view id);

/// The full id of a head's step, the inverse of split_step_id: (1, "scores") -> "head2/scores";
/// with an empty step, the prefix "head2/". `head` is 0-based.
std::string head_step_id(std::size_t head, std::string_view step = {});

/// One entry of one step (0-based row and column), for answer keys and calculated questions.
/// Throws Error(Exit::data) naming the step, or the row/column and the step's shape.
double trace_entry(const Trace& trace, std::string_view step, int row, int col);

}  // namespace qkv::attention
