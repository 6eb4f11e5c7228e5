// The concept map: study order (prerequisites first, stable, ties in pack order), followers,
// question counts, several packs, and cycles (rejected by validation, harmless to the sort).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "bank/concept_map.hpp"
#include "bank/loader.hpp"
#include "support/paths.hpp"

using nlohmann::json;
using qkv::bank::Bank;
using qkv::bank::Concept;
using qkv::bank::concept_map;
using qkv::bank::ConceptMap;
using qkv::bank::study_order;

namespace {

json concept_json(const std::string& id, std::vector<std::string> prerequisites = {}) {
  return {{"id", id},
          {"name", "Name of " + id},
          {"summary", "About " + id},
          {"prerequisites", prerequisites}};
}

json question(const std::string& id, std::vector<std::string> concepts) {
  return {{"id", id},
          {"type", "true_false"},
          {"concepts", concepts},
          {"difficulty", 1},
          {"prompt", "True?"},
          {"answer", true},
          {"feedback_true", "Yes."},
          {"feedback_false", "No."},
          {"explanation", "Because."},
          {"source", "a book"}};
}

qkv::bank::Pack pack(const std::string& id, const json& concepts, const json& questions) {
  const json p = {{"format", "qkv-pack/1"}, {"id", id},
                  {"title", "T"},           {"version", "1"},
                  {"concepts", concepts},   {"questions", questions}};
  auto r = qkv::bank::parse_pack(p.dump(), id + ".json");
  std::string problems;
  for (const auto& d : r.diagnostics) problems += qkv::format_diagnostic(d) + "\n";
  REQUIRE_MESSAGE(r.ok(), problems);
  return std::move(*r.pack);
}

std::vector<Concept> concepts(
    std::initializer_list<std::pair<const char*, std::vector<std::string>>> list) {
  std::vector<Concept> out;
  for (const auto& [id, pre] : list) {
    Concept c;
    c.id = id;
    c.prerequisites = pre;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> ids_in(const std::vector<Concept>& cs,
                                const std::vector<std::size_t>& order) {
  std::vector<std::string> out;
  for (std::size_t i : order) out.push_back(cs[i].id);
  return out;
}

// Every concept comes after all of its prerequisites, and every concept appears exactly once.
void check_prerequisites_first(const ConceptMap& map, std::size_t expected_size) {
  REQUIRE(map.nodes.size() == expected_size);
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < map.nodes.size(); ++i) {
    CHECK(map.nodes[i].position == i);
    CHECK(at.emplace(map.nodes[i].id(), i).second);
  }
  for (const auto& n : map.nodes)
    for (const auto& p : n.prerequisites()) {
      INFO(n.id() << " needs " << p);
      REQUIRE(at.count(p) == 1);
      CHECK(at[p] < at[n.id()]);
    }
}

}  // namespace

TEST_CASE("study order: prerequisites first, and among ready concepts the earliest in the pack") {
  // c needs a and b, b needs a, d needs nothing: a and d are ready at first; a is earlier.
  const auto cs = concepts({{"c", {"a", "b"}}, {"a", {}}, {"b", {"a"}}, {"d", {}}});
  CHECK(ids_in(cs, study_order(cs)) == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("study order is stable: ties follow the pack, a valid order is kept as it is") {
  const auto none = concepts({{"zeta", {}}, {"alpha", {}}, {"mid", {}}});
  CHECK(ids_in(none, study_order(none)) == std::vector<std::string>{"zeta", "alpha", "mid"});

  const auto valid = concepts({{"root", {}}, {"x", {"root"}}, {"y", {"root"}}, {"z", {"y", "x"}}});
  CHECK(ids_in(valid, study_order(valid)) == std::vector<std::string>{"root", "x", "y", "z"});

  // A late root moves up only as far as its follower needs it: b waits for e, the rest keep
  // their places.
  const auto late = concepts({{"a", {}}, {"b", {"e"}}, {"c", {}}, {"d", {}}, {"e", {}}});
  CHECK(ids_in(late, study_order(late)) == std::vector<std::string>{"a", "c", "d", "e", "b"});
}

TEST_CASE("study order ignores unknown prerequisites and keeps concepts on a cycle") {
  const auto unknown = concepts({{"a", {"nowhere"}}, {"b", {}}});
  CHECK(ids_in(unknown, study_order(unknown)) == std::vector<std::string>{"a", "b"});

  // Validation rejects cycles (below); the sort still lists everything once.
  const auto cyclic = concepts({{"p", {"q"}}, {"q", {"p"}}, {"r", {}}, {"s", {"p"}}});
  CHECK(ids_in(cyclic, study_order(cyclic)) == std::vector<std::string>{"r", "p", "q", "s"});

  const auto self = concepts({{"me", {"me"}}, {"you", {}}});
  CHECK(ids_in(self, study_order(self)) == std::vector<std::string>{"you", "me"});
}

TEST_CASE("a pack whose prerequisites form a cycle is rejected by validation") {
  const json p = {
      {"format", "qkv-pack/1"},
      {"id", "cyc"},
      {"title", "T"},
      {"version", "1"},
      {"concepts", {concept_json("a", {"c"}), concept_json("b", {"a"}), concept_json("c", {"b"})}},
      {"questions", json::array()}};
  const auto r = qkv::bank::parse_pack(p.dump(), "cyc.json");
  CHECK_FALSE(r.ok());
  const bool says_cycle =
      std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                  [](const auto& d) { return d.message.find("cycle") != std::string::npos; });
  CHECK(says_cycle);
}

TEST_CASE("the concept map lists prerequisites, followers and question counts") {
  Bank bank;
  bank.packs.push_back(pack("p",
                            {concept_json("c", {"a", "b"}), concept_json("a"),
                             concept_json("b", {"a"}), concept_json("d")},
                            {question("q1", {"a"}), question("q2", {"a", "b"}),
                             question("q3", {"c", "a"}), question("q4", {"b"})}));
  // Validation refuses a concept named twice by one question; a bank built in code may have it.
  bank.packs[0].questions[2].concepts.push_back("c");
  const ConceptMap map = concept_map(bank);
  check_prerequisites_first(map, 4);
  CHECK(map.ids() == std::vector<std::string>{"a", "b", "c", "d"});
  REQUIRE(map.start() != nullptr);
  CHECK(map.start()->id() == "a");

  const auto* a = map.find("a");
  const auto* b = map.find("b");
  const auto* c = map.find("c");
  const auto* d = map.find("d");
  REQUIRE((a && b && c && d));
  CHECK(map.find("nope") == nullptr);
  CHECK(a->followers == std::vector<std::string>{"b", "c"});  // in study order
  CHECK(b->followers == std::vector<std::string>{"c"});
  CHECK(c->followers.empty());
  CHECK(c->prerequisites() == std::vector<std::string>{"a", "b"});
  CHECK(a->questions == 3);  // q1, q2, q3
  CHECK(b->questions == 2);  // q2, q4
  CHECK(c->questions == 1);  // q3 names c twice: counted once
  CHECK(d->questions == 0);
  CHECK(a->pack_id == "p");
  CHECK(a->definition.name == "Name of a");
}

TEST_CASE("the concept map of several packs: first definition wins, every pack's questions count") {
  Bank bank;
  bank.packs.push_back(pack("first", {concept_json("a"), concept_json("b", {"a"})},
                            json::array({question("q1", {"b"})})));
  bank.packs.push_back(pack("second",
                            {concept_json("x", {"b"}), concept_json("b"), concept_json("a", {"b"})},
                            {question("q2", {"b"}), question("q3", {"x"})}));
  const ConceptMap map = concept_map(bank);
  check_prerequisites_first(map, 3);
  CHECK(map.ids() == std::vector<std::string>{"a", "b", "x"});
  CHECK(map.find("b")->pack_id == "first");
  CHECK(map.find("b")->prerequisites() == std::vector<std::string>{"a"});
  CHECK(map.find("a")->prerequisites().empty());  // the second pack's "a needs b" is not used
  CHECK(map.find("b")->questions == 2);
  CHECK(map.find("x")->pack_id == "second");
  CHECK(map.find("b")->followers == std::vector<std::string>{"x"});
}

TEST_CASE("the core bank's concept map: prerequisites first, in pack order, all 17 concepts") {
  Bank bank;
  auto r = qkv::bank::load_pack(qkv::test::content_dir() + "/packs/core");
  REQUIRE(r.ok());
  bank.packs.push_back(std::move(*r.pack));
  const ConceptMap map = concept_map(bank);
  check_prerequisites_first(map, bank.packs[0].concepts.size());
  CHECK(map.nodes.size() >= 17);
  REQUIRE(map.start() != nullptr);
  CHECK(map.start()->id() == "qkv-overview");
  CHECK(map.start()->prerequisites().empty());

  // The pack lists its concepts in a valid order already, so the stable sort keeps it.
  std::vector<std::string> pack_order;
  for (const auto& c : bank.packs[0].concepts) pack_order.push_back(c.id);
  CHECK(map.ids() == pack_order);

  // Followers are the inverse of prerequisites.
  for (const auto& n : map.nodes)
    for (const auto& f : n.followers) {
      INFO(n.id() << " -> " << f);
      const auto& pre = map.find(f)->prerequisites();
      CHECK(std::find(pre.begin(), pre.end(), n.id()) != pre.end());
    }
  const auto* scaling = map.find("scaling");
  REQUIRE(scaling != nullptr);
  CHECK(scaling->prerequisites() == std::vector<std::string>{"dot-product-scores"});
  // Concepts that build on scaling (softmax weights first, later ones such as gradients) follow it.
  REQUIRE_FALSE(scaling->followers.empty());
  CHECK(scaling->followers.front() == "softmax-weights");
  CHECK(scaling->questions >= 8);
}
