#pragma once
// Random attention problems of any size, for `qkv calc --random` and the benchmark.
#include "attention/problem.hpp"
#include "core/rng.hpp"

namespace qkv::attention {

/// n tokens of width d: X with standard normal entries, W_q, W_k, W_v (and W_o when heads > 1)
/// with normal entries of variance 1/d, so that Q, K, V entries have variance about 1. Entries
/// are drawn from `rng` in a fixed order (X, W_q, W_k, W_v, W_o; each row by row), so the same
/// seed gives the same problem. REQUIRES: n, d >= 1 and heads divides d.
Problem random_problem(Rng& rng, int n, int d, int heads = 1);

}  // namespace qkv::attention
