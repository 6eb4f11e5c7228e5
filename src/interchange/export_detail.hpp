#pragma once
// What the exporters share (not part of the interface of src/interchange).
#include <optional>
#include <string>
#include <vector>

#include "bank/model.hpp"
#include "interchange/export.hpp"

namespace qkv::interchange {

/// One concrete instance of a calculated or matrix question: its full text and its answer, as a
/// number (numeric) or as text "1 0; 0 1" (a vector or matrix).
struct Instance {
  std::string prompt;
  std::optional<double> number;
  std::string text_answer;  ///< when not a single number
  Tolerance tolerance;
  std::string description;  ///< "seed 7 of softmax level 2, part b" for the loss message
};

/// The instance of a calculated question (its fixed seed, else a seed from its id) or of a matrix
/// question (its own answer). REQUIRES: q is calculated or matrix.
Instance instance_of(const bank::Question& q);

/// Adds a loss for question q to r.
void lose(ExportResult& r, const bank::Question& q, const std::string& what);

/// The losses every format shares for q: hints (when the format has none), source, difficulty,
/// secondary concepts, calc references.
void common_losses(ExportResult& r, const bank::Question& q, bool format_has_hints);

/// The concept's name, or its id.
std::string concept_name(const bank::Pack& pack, const std::string& id);

/// A matrix written as qkv reads it: "1 0; 0 1".
std::string matrix_text(const std::vector<std::vector<double>>& rows);

}  // namespace qkv::interchange
