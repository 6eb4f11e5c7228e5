// Largest-remainder apportionment: exact shares, capacities, the one-each minimum, seeded ties.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <set>

#include "exam/apportion.hpp"

using qkv::Rng;
using qkv::exam::apportion;
using qkv::exam::Minimum;
using V = std::vector<std::size_t>;
using W = std::vector<std::uint64_t>;

namespace {
const V kRoomy = {1000, 1000, 1000, 1000};
}

TEST_CASE("exact shares are given exactly") {
  Rng rng(1);
  CHECK(apportion(10, {5, 3, 2}, {100, 100, 100}, Minimum::none, rng) == V{5, 3, 2});
  CHECK(apportion(20, {5, 3, 2}, {100, 100, 100}, Minimum::none, rng) == V{10, 6, 4});
}

TEST_CASE("the seats left after the whole parts go to the largest remainders") {
  Rng rng(1);
  // Quotas 3.5, 2.1, 1.4: whole parts 3+2+1 = 6, the 7th seat to the largest remainder (.5).
  CHECK(apportion(7, {5, 3, 2}, {100, 100, 100}, Minimum::none, rng) == V{4, 2, 1});
  // Quotas 1.6, 1.2, 1.2 for 4 seats of 8:6:6: 1+1+1, then .6 wins.
  CHECK(apportion(4, {8, 6, 6}, {100, 100, 100}, Minimum::none, rng) == V{2, 1, 1});
  // Quotas 2.8, 2.8, 1.4 for 7 of 8:8:4: 2+2+1 = 5, two more to the two .8s.
  CHECK(apportion(7, {8, 8, 4}, {100, 100, 100}, Minimum::none, rng) == V{3, 3, 1});
}

TEST_CASE("a full party's surplus is shared out among the others in proportion") {
  Rng rng(1);
  CHECK(apportion(10, {1, 1}, {3, 100}, Minimum::none, rng) == V{3, 7});
  // 12 seats 2:1:1 would be 6,3,3; the first holds only 2, so 10 more go 1:1.
  CHECK(apportion(12, {2, 1, 1}, {2, 100, 100}, Minimum::none, rng) == V{2, 5, 5});
  // More seats than room: every party full, the rest not given.
  CHECK(apportion(50, {1, 2}, {3, 4}, Minimum::none, rng) == V{3, 4});
}

TEST_CASE("with one_each no party with a weight is left out when the seats allow it") {
  Rng rng(3);
  // 5 seats for 100:1:1 in pure proportion are 5,0,0; with the minimum 3,1,1.
  CHECK(apportion(5, {100, 1, 1}, {1000, 1000, 1000}, Minimum::none, rng) == V{5, 0, 0});
  CHECK(apportion(5, {100, 1, 1}, {1000, 1000, 1000}, Minimum::one_each, rng) == V{3, 1, 1});
  // Parties whose share is already a seat keep their proportion: 10 of 6:3:1 -> 6,3,1.
  CHECK(apportion(10, {6, 3, 1}, {1000, 1000, 1000}, Minimum::one_each, rng) == V{6, 3, 1});
  // Fewer seats than parties: the minimum cannot hold, plain proportion applies.
  const V few = apportion(2, {5, 1, 1, 1}, kRoomy, Minimum::one_each, rng);
  CHECK(std::accumulate(few.begin(), few.end(), std::size_t{0}) == 2);
  CHECK(few[0] >= 1);
  // Weight 0 or no room: nothing, minimum or not.
  CHECK(apportion(4, {1, 0, 1}, {10, 10, 0}, Minimum::one_each, rng) == V{4, 0, 0});
}

TEST_CASE("ties are broken by the seed: the same seed, the same seats; other seeds vary") {
  const W equal = {1, 1, 1, 1};
  std::set<V> outcomes;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    Rng a(seed), b(seed);
    const V first = apportion(2, equal, kRoomy, Minimum::none, a);
    CHECK(first == apportion(2, equal, kRoomy, Minimum::none, b));
    CHECK(std::accumulate(first.begin(), first.end(), std::size_t{0}) == 2);
    for (std::size_t s : first) CHECK(s <= 1);  // two different parties
    outcomes.insert(first);
  }
  CHECK(outcomes.size() == 6);  // every pair of the four parties occurs (4 choose 2)
}

TEST_CASE("the shares always sum to the seats and stay within one of the quota") {
  // Property check against the definition, over many random cases.
  Rng gen(99);
  for (int round = 0; round < 300; ++round) {
    const std::size_t parties = static_cast<std::size_t>(gen.uniform_int(1, 8));
    W weights;
    for (std::size_t i = 0; i < parties; ++i)
      weights.push_back(static_cast<std::uint64_t>(gen.uniform_int(1, 30)));
    const std::uint64_t total = std::accumulate(weights.begin(), weights.end(), std::uint64_t{0});
    const std::size_t seats = static_cast<std::size_t>(gen.uniform_int(0, 60));
    Rng rng(static_cast<std::uint64_t>(round));
    const V got = apportion(seats, weights, V(parties, 1000), Minimum::none, rng);
    CHECK(std::accumulate(got.begin(), got.end(), std::size_t{0}) == seats);
    for (std::size_t i = 0; i < parties; ++i) {
      const double quota =
          static_cast<double>(seats) * static_cast<double>(weights[i]) / static_cast<double>(total);
      CHECK(static_cast<double>(got[i]) >= std::floor(quota));
      CHECK(static_cast<double>(got[i]) <= std::floor(quota) + 1);
    }
  }
}
