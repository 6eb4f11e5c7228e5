#pragma once
// A fingerprint of what a question asks and what counts as right, so that the progress store can
// tell when a question changed after it was learnt. The card itself is named by pack id and
// question id, so an edit keeps its history; only this hash moves.
#include <string>

#include "bank/model.hpp"

namespace qkv::bank {

/// 16 lower-case hex digits (64-bit FNV-1a) over the type, the prompt and the body (options with
/// their correctness, pairs, items, accepted answers, numbers, tolerances, generator settings).
/// Explanations, hints, feedback, tags and the source do not count: editing them does not change
/// what the learner answered.
std::string content_hash(const Question& q);

}  // namespace qkv::bank
