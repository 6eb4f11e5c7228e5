#include "exam/apportion.hpp"

#include <algorithm>
#include <numeric>

namespace qkv::exam {

std::vector<std::size_t> apportion(std::size_t seats, const std::vector<std::uint64_t>& weights,
                                   const std::vector<std::size_t>& capacity, Minimum minimum,
                                   Rng& rng) {
  const std::size_t n = weights.size();
  std::vector<std::size_t> out(n, 0);
  // A random priority for each party, used only to break ties between equal remainders.
  std::vector<std::size_t> order(n), priority(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  rng.shuffle(order);
  for (std::size_t k = 0; k < n; ++k) priority[order[k]] = k;

  std::vector<std::size_t> active;
  std::size_t room_total = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (weights[i] > 0 && capacity[i] > 0) active.push_back(i), room_total += capacity[i];
  seats = std::min(seats, room_total);
  auto given = [&]() { return std::accumulate(out.begin(), out.end(), std::size_t{0}); };

  // Shares the seats not yet given among the parties `eligible` accepts, in proportion to their
  // weights, capped by capacity (capped parties are filled and the rest shared again).
  auto share = [&](auto eligible) {
    for (;;) {
      const std::uint64_t left = seats - given();
      std::vector<std::size_t> open;
      std::uint64_t total = 0;
      for (std::size_t i : active)
        if (out[i] < capacity[i] && eligible(i)) open.push_back(i), total += weights[i];
      if (left == 0 || open.empty()) return;
      bool capped = false;
      for (std::size_t i : open) {
        const std::uint64_t room = capacity[i] - out[i];
        if (left * weights[i] >= room * total) out[i] = capacity[i], capped = true;
      }
      if (capped) continue;
      std::vector<std::uint64_t> remainder(n, 0);
      for (std::size_t i : open) {
        out[i] += static_cast<std::size_t>(left * weights[i] / total);
        remainder[i] = left * weights[i] % total;
      }
      std::sort(open.begin(), open.end(), [&](std::size_t a, std::size_t b) {
        if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
        return priority[a] < priority[b];
      });
      const std::size_t extra = seats - given();
      for (std::size_t k = 0; k < extra && k < open.size(); ++k) ++out[open[k]];
      return;
    }
  };

  std::vector<bool> minimum_only(n, false);
  if (minimum == Minimum::one_each && seats >= active.size()) {
    // Parties whose proportional share of what is left is below one seat get exactly one; the
    // shares of the others are then worked out again without them.
    for (bool changed = true; changed;) {
      changed = false;
      const std::uint64_t left = seats - given();
      std::uint64_t total = 0;
      for (std::size_t i : active)
        if (!minimum_only[i]) total += weights[i];
      for (std::size_t i : active)
        if (!minimum_only[i] && left * weights[i] < total)
          out[i] = 1, minimum_only[i] = true, changed = true;
    }
  }
  share([&](std::size_t i) { return !minimum_only[i]; });
  // Seats the others could not hold (their capacity ran out) go to the minimum-only parties.
  share([](std::size_t) { return true; });
  return out;
}

}  // namespace qkv::exam
