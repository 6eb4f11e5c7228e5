#pragma once
// The catalogue of known mistakes (issue 4, "Diagnosis"). Each has a stable id, a short title
// and an explanation of why it is wrong; all but "arithmetic" are engine options (options.hpp),
// so a mistake's numbers come from re-running the engine the way a learner who made it would.
#include <optional>
#include <string_view>
#include <vector>

#include "attention/options.hpp"

namespace qkv::practice {

struct Mistake {
  const char* id;     ///< stable: "unscaled", "scaled-by-d", ...
  const char* title;  ///< what the learner did, in a few words
  const char* why;    ///< why it is wrong, one or two sentences
  std::optional<attention::Options> options;  ///< how the engine makes it; nullopt: arithmetic
};

/// Every mistake, in catalogue order: unscaled, scaled-by-d, scaled-by-dmodel, softmax-columns,
/// mask-after-softmax, mask-to-zero, causal-flipped, no-transpose, keys-as-values,
/// no-projection, arithmetic.
const std::vector<Mistake>& catalogue();

/// The entry with this id, or nullptr.
const Mistake* find_mistake(std::string_view id);

/// The id every "method right, some entries off" diagnosis carries.
inline constexpr const char* kArithmetic = "arithmetic";

}  // namespace qkv::practice
