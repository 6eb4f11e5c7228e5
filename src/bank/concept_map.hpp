#pragma once
// The concept map of a bank: its concepts in study order (each after its prerequisites), with
// each concept's prerequisites, the concepts that build on it, and how many questions practise
// it. Data only; `qkv learn` prints it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"

namespace qkv::bank {

/// One concept on the map.
struct ConceptNode {
  Concept definition;                  ///< as its pack defines it (id, name, summary, note, ...)
  std::string pack_id;                 ///< the pack that defines it
  std::size_t position = 0;            ///< 0-based place in the study order
  std::vector<std::string> followers;  ///< ids of the concepts that list it as a prerequisite,
                                       ///< in study order ("learn after")
  int questions = 0;                   ///< questions of any pack naming it among their concepts

  const std::string& id() const { return definition.id; }
  /// Its prerequisites ("learn before"), as the pack lists them.
  const std::vector<std::string>& prerequisites() const { return definition.prerequisites; }
};

struct ConceptMap {
  std::vector<ConceptNode> nodes;  ///< in study order

  /// The concept with this id, or nullptr.
  const ConceptNode* find(std::string_view id) const;
  /// Every concept id, in study order.
  std::vector<std::string> ids() const;
  /// Where a new learner starts: the first concept in study order; nullptr when there is none.
  const ConceptNode* start() const { return nodes.empty() ? nullptr : &nodes.front(); }
};

/// The indices of `concepts` in study order: a topological sort of the prerequisites in which,
/// whenever several concepts are ready (all their prerequisites placed), the one that comes first
/// in `concepts` goes first. So the order is stable: a list already in a valid order is kept as
/// it is, and ties follow the pack. Prerequisites that name no concept of the list are ignored.
/// Concepts on a prerequisite cycle (which pack validation rejects) cannot be ordered; they are
/// appended at the end in list order, so that every concept appears exactly once.
std::vector<std::size_t> study_order(const std::vector<Concept>& concepts);

/// The map of every pack of the bank together, in study_order() over the concepts in pack order.
/// A concept id defined by several packs appears once, as the first pack defines it; questions of
/// every pack count towards it.
ConceptMap concept_map(const Bank& bank);

}  // namespace qkv::bank
