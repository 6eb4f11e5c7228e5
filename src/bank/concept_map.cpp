#include "bank/concept_map.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace qkv::bank {

const ConceptNode* ConceptMap::find(std::string_view id) const {
  for (const auto& n : nodes)
    if (n.id() == id) return &n;
  return nullptr;
}

std::vector<std::string> ConceptMap::ids() const {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (const auto& n : nodes) out.push_back(n.id());
  return out;
}

std::vector<std::size_t> study_order(const std::vector<Concept>& concepts) {
  const std::size_t n = concepts.size();
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(concepts[i].id, i);  // first definition wins

  // Kahn's algorithm; `ready` is ordered by list position, which makes the sort stable.
  std::vector<std::size_t> waiting_for(n, 0);        // prerequisites not yet placed
  std::vector<std::vector<std::size_t>> unlocks(n);  // i -> concepts that list i
  for (std::size_t i = 0; i < n; ++i) {
    std::set<std::size_t> prerequisites;
    for (const auto& p : concepts[i].prerequisites)
      if (const auto it = index.find(p); it != index.end()) prerequisites.insert(it->second);
    waiting_for[i] = prerequisites.size();
    for (std::size_t p : prerequisites) unlocks[p].push_back(i);
  }
  std::set<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (waiting_for[i] == 0) ready.insert(i);

  std::vector<std::size_t> order;
  std::vector<bool> placed(n, false);
  order.reserve(n);
  while (!ready.empty()) {
    const std::size_t i = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(i);
    placed[i] = true;
    for (std::size_t f : unlocks[i])
      if (--waiting_for[f] == 0) ready.insert(f);
  }
  for (std::size_t i = 0; i < n; ++i)  // left on a cycle: keep them, in list order
    if (!placed[i]) order.push_back(i);
  return order;
}

ConceptMap concept_map(const Bank& bank) {
  // The first definition of each id, in pack order.
  std::vector<Concept> concepts;
  std::vector<std::string> packs;
  std::set<std::string> seen;
  for (const auto& p : bank.packs)
    for (const auto& c : p.concepts)
      if (seen.insert(c.id).second) {
        concepts.push_back(c);
        packs.push_back(p.id);
      }

  ConceptMap map;
  for (std::size_t i : study_order(concepts)) {
    ConceptNode node;
    node.definition = concepts[i];
    node.pack_id = packs[i];
    node.position = map.nodes.size();
    map.nodes.push_back(std::move(node));
  }

  std::unordered_map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < map.nodes.size(); ++i) at.emplace(map.nodes[i].id(), i);
  // Walking in study order lists each concept's followers in study order.
  for (const auto& node : map.nodes) {
    const auto& pre = node.prerequisites();
    for (std::size_t k = 0; k < pre.size(); ++k) {
      if (std::find(pre.begin(), pre.begin() + static_cast<long>(k), pre[k]) !=
          pre.begin() + static_cast<long>(k))
        continue;  // listed twice
      if (const auto it = at.find(pre[k]); it != at.end() && pre[k] != node.id())
        map.nodes[it->second].followers.push_back(node.id());
    }
  }
  for (const Question* q : bank.all_questions()) {
    const std::set<std::string> named(q->concepts.begin(), q->concepts.end());
    for (const auto& id : named)
      if (const auto it = at.find(id); it != at.end()) ++map.nodes[it->second].questions;
  }
  return map;
}

}  // namespace qkv::bank
