#pragma once
// Sharing a whole number of seats (questions on a paper) out among parties (concepts, difficulty
// levels) in proportion to their weights: the largest-remainder (Hamilton) method, with an upper
// bound per party and, optionally, at least one seat for every party.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/rng.hpp"

namespace qkv::exam {

/// Whether every party with a weight and room gets a seat before the rest are shared out.
enum class Minimum {
  none,      ///< pure proportion: a small party may get nothing
  one_each,  ///< when seats >= such parties, each gets at least one (no concept missed)
};

/// Seats for each party. Each party i gets floor(seats * w_i / W) or one more, the extra seats
/// going to the largest remainders (ties in a random order drawn from rng, so that a seed replays
/// the same result). A party never gets more than capacity[i]; what a capped party cannot take is
/// shared out again among the others in proportion. With Minimum::one_each (and seats >= the
/// number of parties with weight > 0 and capacity > 0) the parties whose share is below one seat
/// get exactly one and the others share the rest in proportion.
/// Parties with weight 0 or capacity 0 get nothing. The result sums to
/// min(seats, total capacity of the parties with weight > 0).
/// REQUIRES: weights.size() == capacity.size(); sum of weights * seats fits in 64 bits.
std::vector<std::size_t> apportion(std::size_t seats, const std::vector<std::uint64_t>& weights,
                                   const std::vector<std::size_t>& capacity, Minimum minimum,
                                   Rng& rng);

}  // namespace qkv::exam
