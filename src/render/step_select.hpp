#pragma once
// Choosing the steps of a Trace to show by id ("weights", "head2/scores", "decode"), shared by
// the text and Markdown renderers.
#include <string>
#include <string_view>
#include <vector>

#include "attention/trace.hpp"

namespace qkv::render {

/// A step picked out of a trace: its full id ("head2/weights"), the step, and the trace it
/// belongs to (the head's own trace for a head's step, whose softmax details and labels go
/// with it).
struct SelectedStep {
  std::string id;
  const attention::Step* step = nullptr;
  const attention::Trace* owner = nullptr;
};

/// The steps that `id` selects: all top-level steps when id is empty; the step itself for a
/// full id; for a plain id such as "weights" in a multi-head trace, that step of every head.
/// Empty when none.
std::vector<SelectedStep> select_steps(const attention::Trace& t, std::string_view id);

/// For each id in order: on_decode() when it is "decode" (the decoding table, which is not a
/// step), otherwise on_step(selected) for every step select_steps() finds for it.
template <class OnStep, class OnDecode>
void for_each_selected(const attention::Trace& t, const std::vector<std::string>& ids,
                       OnStep on_step, OnDecode on_decode) {
  for (const auto& id : ids) {
    if (id == "decode")
      on_decode();
    else
      for (const auto& sel : select_steps(t, id)) on_step(sel);
  }
}

}  // namespace qkv::render
