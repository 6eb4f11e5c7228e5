// Presentation: the layout of options, matching items and ordering items comes from the seed,
// replays exactly, and never gives the answer away when the texts allow it.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "session/presented.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::session;
using namespace qkv_test;

namespace {

bool is_permutation_of_iota(const std::vector<std::size_t>& v) {
  std::vector<std::size_t> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i)
    if (sorted[i] != i) return false;
  return true;
}

}  // namespace

TEST_CASE("the same seed gives the same layout; other seeds give others") {
  const Question qs[] = {single_q(), multi_q(), matching_q(), ordering_q()};
  for (const auto& q : qs) {
    CAPTURE(q.id);
    qkv::Rng a(2024), b(2024);
    const auto pa = present(q, a), pb = present(q, b);
    CHECK(pa.choices == pb.choices);
    CHECK(pa.rights == pb.rights);
    CHECK(pa.items == pb.items);
    std::set<std::vector<std::size_t>> choice_layouts, item_layouts;
    std::set<std::vector<std::string>> right_layouts;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      qkv::Rng r(seed);
      const auto p = present(q, r);
      choice_layouts.insert(p.choices);
      right_layouts.insert(p.rights);
      item_layouts.insert(p.items);
    }
    // 40 seeds over 4 or 5 elements: a fixed layout would give one; expect several.
    CHECK(choice_layouts.size() + right_layouts.size() + item_layouts.size() > 10);
  }
}

TEST_CASE("single/multi options: shuffled permutations, or pack order with as_written") {
  const auto q = multi_q();
  std::set<std::size_t> first_positions;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    qkv::Rng r(seed);
    const auto p = present(q, r);
    REQUIRE(p.choices.size() == 5);
    CHECK(is_permutation_of_iota(p.choices));
    first_positions.insert(p.choices[0]);
  }
  CHECK(first_positions.size() == 5);  // every option comes first for some seed
  qkv::Rng r(5);
  const auto in_order = present(q, r, PresentOptions{.options = OptionOrder::as_written});
  CHECK(in_order.choices == std::vector<std::size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("ordering items are always shuffled and never shown in the correct order") {
  for (std::size_t n : {2u, 3u, 4u, 6u}) {
    auto q = ordering_q();
    auto& items = std::get<OrderingBody>(q.body).items;
    items.clear();
    for (std::size_t i = 0; i < n; ++i) items.push_back("step " + std::to_string(i));
    for (auto order : {OptionOrder::shuffled, OptionOrder::as_written}) {
      for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        qkv::Rng r(seed);
        const auto p = present(q, r, PresentOptions{.options = order});
        REQUIRE(p.items.size() == n);
        CHECK(is_permutation_of_iota(p.items));
        std::vector<std::size_t> identity(n);
        std::iota(identity.begin(), identity.end(), std::size_t{0});
        CHECK(p.items != identity);
      }
    }
  }
}

TEST_CASE("ordering items that cannot be told apart do not hang the layout") {
  auto q = ordering_q();
  std::get<OrderingBody>(q.body).items = {"same", "same", "same"};
  qkv::Rng r(3);
  const auto p = present(q, r);
  CHECK(is_permutation_of_iota(p.items));
}

TEST_CASE("matching: every right item once (distractors too), never lined up with its left") {
  auto q = matching_q();
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    qkv::Rng r(seed);
    const auto p = present(q, r, PresentOptions{.options = OptionOrder::as_written});
    std::vector<std::string> sorted = p.rights;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<std::string>{"bias", "key", "query", "value"});
    const bool lined_up = p.rights[0] == "query" && p.rights[1] == "key" && p.rights[2] == "value";
    CHECK_FALSE(lined_up);
  }
}

TEST_CASE("matching: a right text used by two pairs is shown once") {
  auto q = matching_q();
  std::get<MatchingBody>(q.body) = MatchingBody{{{"Q", "from X"}, {"K", "from X"}}, {"from Y"}};
  qkv::Rng r(1);
  const auto p = present(q, r);
  CHECK(p.rights.size() == 2);
}

TEST_CASE("position labels: letters, then numbers past z") {
  CHECK(position_label(0) == "a");
  CHECK(position_label(25) == "z");
  CHECK(position_label(26) == "27");
}
