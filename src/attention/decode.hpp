#pragma once
// KV-cache decoding: the tokens are processed one at a time. Each new token's key and value are
// appended to the cache and its query attends to everything in the cache, which is exactly one
// row of full causal (bottom-right) attention — shown by the differences recorded per position.
#include <vector>

#include "attention/problem.hpp"
#include "attention/trace.hpp"

namespace qkv::attention {

struct DecodeResult {
  std::vector<DecodeRecord> records;             ///< one per query, over all heads
  std::vector<std::vector<DecodeRecord>> heads;  ///< per head (empty for one head without W_o)
};

/// Whether decoding records each head separately (the multi-head path) or only the whole.
enum class HeadRecords { none, per_head };

/// Decodes the problem token by token. With X, each token's q, k, v are projected from its own
/// row of X as it arrives; with Q, K, V given and fewer queries than keys, the cache starts with
/// the first m − n keys and values (a prompt already processed). `scale` is the score multiplier;
/// with HeadRecords::per_head each head's results are recorded too (as run_heads() does). The
/// *_difference fields are left 0: compare_with_full() fills them. REQUIRES: check(p) passes.
DecodeResult decode_with_cache(const Problem& p, double scale, HeadRecords records);

/// Fills the *_difference fields of every record against the matching rows of the full causal
/// trace `full` (its weights() and output(), and per head those of full.heads[h]). `full` must be
/// the right (standard-options) computation of the same problem; records that do not fit its
/// shapes throw std::logic_error (a bug), never read past a row.
void compare_with_full(DecodeResult& d, const Trace& full);

}  // namespace qkv::attention
