#pragma once
// The worked examples of `qkv learn`: for each concept with numbers in it, which built-in
// calculator example (content/examples/NAME.json) shows it, and which of its steps to show.
#include <string>
#include <string_view>
#include <vector>

#include "attention/trace.hpp"
#include "render/trace_text.hpp"

namespace qkv::app {

struct WorkedExample {
  std::string concept_id;          ///< the concept it illustrates (ids of the core bank)
  std::string example;             ///< content/examples/<example>.json
  std::vector<std::string> steps;  ///< the steps to show, in order (render::select_steps() ids)
  render::DecodeView decode =
      render::DecodeView::hide;  ///< also show KV-cache decoding (run with --decode)
  std::string lead;              ///< one sentence: what to look at
  std::string command;           ///< the `qkv calc` command that shows it in full
};

/// The worked example for a concept id, or nullptr for a concept without numbers (query-role,
/// analogies, ...). Keyed by the core bank's ids, so a pack reusing an id gets the same example.
const WorkedExample* worked_example_for(std::string_view concept_id);

/// Every worked example, in the core bank's concept order.
const std::vector<WorkedExample>& worked_examples();

/// Runs the engine on the example's input file (with KV-cache decoding when it shows it).
/// Throws Error(Exit::no_input) when the file cannot be read and Error(Exit::data) when it is
/// not a valid calculator input.
attention::Trace run_worked_example(const WorkedExample& w);

}  // namespace qkv::app
