// Every drill kind at every level over many seeds, through the whole path a learner's session
// takes: generate (which solves the exercise with every candidate mistake), the right traces,
// and a wrong answer to every part (which diagnoses it against every mistake). Issue 11: a
// level-3 kv-cache drill read past a row when it compared its decoding with a trace computed
// with the mistake "no-projection" (values d_model wide, the decoder's d_v wide). The suite runs
// again under ASan+UBSan with assertions on, where any such read fails the run.
#include <doctest/doctest.h>

#include <string>

#include "attention/decode.hpp"
#include "attention/engine.hpp"
#include "practice/attempt.hpp"
#include "practice/generate.hpp"
#include "support/attention_test_util.hpp"
#include "support/naive_attention.hpp"

using namespace qkv;
using namespace qkv::practice;

namespace {

constexpr std::uint64_t kSeedCount = 40;

// The seeds: 1..kSeedCount and some large ones (seeds up to 999999999 are what plan() deals).
std::vector<std::uint64_t> seeds() {
  std::vector<std::uint64_t> s;
  for (std::uint64_t i = 1; i <= kSeedCount; ++i) s.push_back(i);
  for (std::uint64_t big : {999999999ull, 123456789ull, 18446744073709551615ull}) s.push_back(big);
  return s;
}

}  // namespace

TEST_CASE(
    "every drill kind at every level, many seeds: generated, solved, wrong answers diagnosed") {
  int exercises = 0, diagnosed = 0;
  for (Kind kind : kKinds)
    for (int level = kMinLevel; level <= kMaxLevel; ++level)
      for (std::uint64_t seed : seeds()) {
        CAPTURE(kind_name(kind));
        CAPTURE(level);
        CAPTURE(seed);
        const Exercise e = generate(kind, level, seed);
        ++exercises;
        Attempt a(e);
        for (std::size_t i = 0; i < e.parts.size(); ++i) {
          // Off by 1.5 everywhere: wrong in every entry, so the diagnosis tries every mistake.
          const Matrix wrong = (e.parts[i].answer.array() + 1.5).matrix();
          const PartResult& r = a.answer(wrong);
          CHECK_FALSE(r.correct);
          ++diagnosed;
        }
      }
  CHECK(exercises == 9 * 3 * static_cast<int>(seeds().size()));
  CHECK(diagnosed > exercises);
}

TEST_CASE("kv-cache drills at every level: the decoded rows agree with the naive decoder") {
  for (int level = kMinLevel; level <= kMaxLevel; ++level)
    for (std::uint64_t seed : seeds()) {
      CAPTURE(level);
      CAPTURE(seed);
      const Exercise e = generate(Kind::kv_cache, level, seed);
      REQUIRE(e.problems.size() == 1);
      attention::Options o;
      o.decode = attention::Decode::kv_cache;
      const attention::Trace t = attention::run(e.problems.front(), o);
      naive::Input in = attn_test::to_naive(e.problems.front());
      // The decoder computes causal attention aligned bottom-right (the same as top-left for
      // a square problem); the naive decoder takes the alignment from the cache itself.
      const auto want = naive::decode(in);
      REQUIRE(t.decode.size() == want.size());
      for (std::size_t r = 0; r < want.size(); ++r) {
        const auto& got = t.decode[r];
        CHECK(static_cast<std::size_t>(got.cache_length) == want[r].cache_length);
        REQUIRE(static_cast<std::size_t>(got.weights.size()) == want[r].weights.size());
        REQUIRE(static_cast<std::size_t>(got.output.size()) == want[r].output.size());
        for (std::size_t j = 0; j < want[r].weights.size(); ++j)
          CHECK(std::abs(got.weights(static_cast<Eigen::Index>(j)) -
                         static_cast<double>(want[r].weights[j])) < 1e-12);
        for (std::size_t j = 0; j < want[r].output.size(); ++j)
          CHECK(std::abs(got.output(static_cast<Eigen::Index>(j)) -
                         static_cast<double>(want[r].output[j])) < 1e-12);
        CHECK(got.weights_difference < 1e-12);
        CHECK(got.output_difference < 1e-12);
      }
    }
}

TEST_CASE("a trace computed with a mistake carries no decoding, and a mismatched one is refused") {
  const Exercise e = generate(Kind::kv_cache, 3, 5);
  attention::Options o;
  o.decode = attention::Decode::kv_cache;
  o.projection = attention::Projection::skip;  // X (3 wide) as Q, K and V; d_v is 2
  const attention::Trace mistaken = attention::run(e.problems.front(), o);
  CHECK(mistaken.decode.empty());
  CHECK(mistaken.output().cols() == 3);

  // The comparison itself refuses records that do not fit (a bug), rather than reading past a row.
  attention::Options right;
  right.decode = attention::Decode::kv_cache;
  const attention::Trace t = attention::run(e.problems.front(), right);
  REQUIRE_FALSE(t.decode.empty());
  attention::DecodeResult d;
  d.records = t.decode;
  CHECK_THROWS_AS(attention::compare_with_full(d, mistaken), std::logic_error);
}
