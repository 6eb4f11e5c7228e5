#pragma once
// Internal to the generators (generate*.cpp): the draft a kind's builder returns, and drawing
// small numbers. Not for use outside src/practice.
#include <string>
#include <utility>
#include <vector>

#include "core/rng.hpp"
#include "practice/check.hpp"
#include "practice/exercise.hpp"

namespace qkv::practice::detail {

/// What a builder returns for one draw of numbers. generate() fills in the answers (from the
/// engine), the labels of the parts and the mistakes that apply.
struct Draft {
  Exercise e;
  std::vector<std::string> candidates;  ///< mistake ids worth comparing with, catalogue order
  std::vector<std::string> required;    ///< mistakes that must change some answer (else redraw)
};

/// rows×cols integers in [lo, hi].
Matrix ints(Rng& rng, int rows, int cols, int lo, int hi);
/// rows×cols numbers k/10 with k in [lo, hi] (one decimal).
Matrix tenths(Rng& rng, int rows, int cols, int lo, int hi);
/// Weights with one decimal: each row sums to 1. Row i has `cols` positive entries, or with
/// `causal` only its first i + 1 (the rest 0).
enum class WeightShape { full, causal };
Matrix weight_rows(Rng& rng, int rows, int cols, WeightShape shape = WeightShape::full);
Matrix identity(int n);
/// Makes `scores` the problem's score matrix exactly: Q = scores and K = V = the identity, so that
/// S = Q·Kᵀ is these numbers (and d_k the number of keys). For exercises that start at the scores.
void give_scores(attention::Problem& p, Matrix scores);
/// Rows `first`..`first + count - 1` of m.
Matrix rows_of(const Matrix& m, int first, int count);
/// n distinct short words for token labels.
std::vector<std::string> words(Rng& rng, int n);
/// A uniformly chosen element.
int pick(Rng& rng, std::initializer_list<int> values);
/// "“cat”".
std::string quoted(const std::string& word);
/// "“the”, “cat” and “sat”".
std::string token_list(const std::vector<std::string>& words);
/// A matrix shown to the learner.
Given given(std::string name, Matrix m, std::vector<std::string> rows = {},
            std::vector<std::string> cols = {});
/// A part that reads entries of one step.
Part entries_part(std::string question, std::string step, std::vector<int> rows,
                  std::vector<int> cols, std::vector<std::string> work_steps);
/// The usual tolerance for hand work: ±0.01 (the default of `qkv check` too).
inline Tolerance hand_tolerance() {
  return default_check_tolerance();
}
/// An empty draft titled `title`, checked with hand_tolerance(): how most builders start.
inline Draft hand_draft(std::string title) {
  Draft d;
  d.e.title = std::move(title);
  d.e.tolerance = hand_tolerance();
  return d;
}

Draft projection(Rng& rng, int level);
Draft score(Rng& rng, int level);
Draft softmax(Rng& rng, int level);
Draft output(Rng& rng, int level);
Draft shapes(Rng& rng, int level);
Draft attention(Rng& rng, int level);
Draft mask(Rng& rng, int level);
Draft kv_cache(Rng& rng, int level);
Draft multihead(Rng& rng, int level);

}  // namespace qkv::practice::detail
