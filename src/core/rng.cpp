#include "core/rng.hpp"

#include <cmath>
#include <numbers>
#include <random>

namespace qkv {

static std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& s : s_) s = splitmix64(x);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::int64_t Rng::uniform_int(std::int64_t lo, std::int64_t hi) {
  const std::uint64_t range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (range == UINT64_MAX) return static_cast<std::int64_t>(next());
  const std::uint64_t span = range + 1;
  const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % span);  // reject the biased tail
  std::uint64_t r;
  do r = next();
  while (r >= limit);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + r % span);
}

double Rng::uniform01() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::normal() {
  double u1;
  do u1 = uniform01();
  while (u1 <= 0.0);
  const double u2 = uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

Rng Rng::fork() {
  return Rng(next());
}

std::uint64_t fresh_seed() {
  std::random_device rd;
  // Keep seeds short enough to type back: 1 .. 999999.
  return 1 + (static_cast<std::uint64_t>(rd()) % 999999);
}

}  // namespace qkv
