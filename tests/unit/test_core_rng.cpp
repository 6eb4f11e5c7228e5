#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "core/rng.hpp"

using qkv::Rng;

TEST_CASE("the same seed gives the same stream, another seed another stream") {
  Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    CHECK(x == b.next());
    differs |= x != c.next();
  }
  CHECK(differs);
}

TEST_CASE("uniform_int stays in range and reaches both ends") {
  Rng r(7);
  std::set<long> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto v = r.uniform_int(-3, 3);
    REQUIRE(v >= -3);
    REQUIRE(v <= 3);
    seen.insert(static_cast<long>(v));
  }
  CHECK(seen.size() == 7);
  CHECK(r.uniform_int(5, 5) == 5);
}

TEST_CASE("uniform01 is in [0,1) and averages about one half") {
  Rng r(1);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    const double u = r.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  CHECK(sum / 10000 == doctest::Approx(0.5).epsilon(0.03));
}

TEST_CASE("shuffle is a reproducible permutation") {
  std::vector<int> v(20), w;
  std::iota(v.begin(), v.end(), 0);
  w = v;
  Rng a(9), b(9);
  a.shuffle(v);
  b.shuffle(w);
  CHECK(v == w);
  CHECK(v != [] {
    std::vector<int> id(20);
    std::iota(id.begin(), id.end(), 0);
    return id;
  }());
  std::sort(v.begin(), v.end());
  for (int i = 0; i < 20; ++i) CHECK(v[i] == i);
}
