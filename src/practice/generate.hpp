#pragma once
// Exercise generators: one per kind, three levels each, every number drawn from a qkv::Rng built
// from the exercise's seed, so that a seed gives the same exercise on any machine. Numbers are
// small integers or have one decimal, so the work can be done by hand; sizes grow with the level.
// The answers come from the attention engine (solve.hpp), never from the generator's own sums.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "practice/exercise.hpp"

namespace qkv::practice {

/// The exercise of this kind and level for this seed (always the same one). Its `mistakes` are
/// the catalogue entries that change some answer by more than the tolerance; numbers are redrawn
/// (from the same Rng, a bounded number of times) until the kind's main mistakes can be told
/// apart from the right answer and from each other, and no given matrix has a row of zeros nor
/// any answer is all zeros. Throws Error(Exit::usage) for a level
/// outside 1..3.
Exercise generate(Kind kind, int level, std::uint64_t seed);

/// The labels of the parts ("a", "b", ...) of every exercise of this kind and level: they do
/// not depend on the seed. Worked out once per kind and level (by generating one exercise),
/// then remembered, so that a pack with many calculated questions loads quickly.
const std::vector<std::string>& part_labels(Kind kind, int level);

/// Which exercise to generate.
struct Planned {
  Kind kind = Kind::attention;
  int level = 1;
  std::uint64_t seed = 0;
};

/// `count` exercises for a session with this seed. The first has the session seed itself, so
/// that `--kind K --level L --seed S -n 1` gives again any exercise whose seed was printed; the
/// others have seeds from 1 to 999999999 drawn from Rng(seed). Without a kind, the kinds are taken
/// in a shuffled order (every kind once before any repeats).
std::vector<Planned> plan(std::optional<Kind> kind, int level, int count, std::uint64_t seed);

}  // namespace qkv::practice
