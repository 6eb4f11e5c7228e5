#pragma once
// The one seeded random generator of qkv. Every random choice in the program draws from an Rng
// passed in explicitly, so a run is replayed exactly from its seed. The algorithms (SplitMix64
// seeding, xoshiro256**, Lemire-free rejection sampling, Fisher-Yates) are written here rather
// than taken from <random>, whose distributions differ between standard libraries.
#include <cstdint>
#include <utility>
#include <vector>

namespace qkv {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  /// Next raw 64-bit value.
  std::uint64_t next();
  /// Uniform integer in [lo, hi] (inclusive); lo must not exceed hi.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  /// Uniform double in [0, 1).
  double uniform01();
  /// Standard normal (Box-Muller).
  double normal();
  /// Shuffles v in place (Fisher-Yates).
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) {
      auto j = static_cast<std::size_t>(uniform_int(0, static_cast<std::int64_t>(i) - 1));
      std::swap(v[i - 1], v[j]);
    }
  }
  /// A new generator whose stream is independent of this one's (for sub-tasks).
  Rng fork();

 private:
  std::uint64_t s_[4];
};

/// A fresh seed from the operating system, for commands run without --seed (they print it).
std::uint64_t fresh_seed();

}  // namespace qkv
