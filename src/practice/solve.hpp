#pragma once
// Running the attention engine on an exercise, the right way or with a known mistake, and reading
// a part's answer out of the result.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "attention/options.hpp"
#include "attention/trace.hpp"
#include "core/expected.hpp"
#include "practice/exercise.hpp"

namespace qkv::practice {

/// Step id -> matrix.
using StepValues = std::map<std::string, Matrix, std::less<>>;

/// The traces of an exercise under options o: one per problem from attention::run (with the
/// exercise's Decode), or for Start::weights one trace holding K, V, the given weights and
/// O = P·V from the engine's weighted_sum (P·K under ValueSource::k). A Failure (Exit::data)
/// when o cannot be applied to the problem (no-projection without X, Q·K with unfit shapes, a
/// row or column with every key masked): expected for a mistake's options, which callers check.
Expected<std::vector<attention::Trace>> try_solve(const Exercise& e,
                                                  const attention::Options& o = {});
/// try_solve where the exercise must solve (the right computation of a generated exercise):
/// throws its failure as Error(Exit::data).
std::vector<attention::Trace> solve(const Exercise& e, const attention::Options& o = {});

/// Every step's matrix by id ("headH/..." for heads), plus "keep" (each head's "headH/keep")
/// when there is a mask: n×m, 1 where the query may attend (under the trace's options, so a
/// flipped causal mask flips it too).
StepValues values_of(const attention::Trace& t);

/// The trace step whose row and column labels go with value `id` of values_of(): the step
/// itself, or for "keep" (which no step holds) the scores of the same head. nullptr if none.
const attention::Step* labelling_step(const attention::Trace& t, std::string id);

/// The selected rows and columns of m (empty lists select all), or a Failure (Exit::data) for
/// an index out of range (a learner's own matrix of another shape).
Expected<Matrix> try_select(const Matrix& m, const std::vector<int>& rows,
                            const std::vector<int>& cols);
/// try_select, throwing its failure as Error(Exit::data).
Matrix select(const Matrix& m, const std::vector<int>& rows, const std::vector<int>& cols);

/// A part's answer read from traces (see Read), or a Failure (Exit::data) when the traces do not
/// have the step (for example a mistaken computation without a mask step).
Expected<Matrix> try_read_answer(const Part& part, const std::vector<attention::Trace>& traces);
/// try_read_answer, throwing its failure as Error(Exit::data).
Matrix read_answer(const Part& part, const std::vector<attention::Trace>& traces);

}  // namespace qkv::practice
