#pragma once
// How a Trace is rendered for people (text and Markdown): decimals, explanations, the step
// chosen, colour and width.
#include <cstddef>
#include <string>

#include "term/style.hpp"

namespace qkv::render {

enum class Explain {
  short_only,  ///< each step's one-line explanation
  with_why,    ///< also the longer "why" (why √d_k, why subtract the maximum, ...)
};

struct RenderOptions {
  int precision = 4;                      ///< decimals shown in matrices
  Explain explain = Explain::short_only;  ///< add each step's long explanation
  std::string step;       ///< show only this step ("weights", "head2/scores"); empty: all
  term::Style style;      ///< colour for headings and the heatmap (off by default)
  std::size_t width = 0;  ///< text renderer: the terminal's columns (0: no limit); prose
                          ///< wraps and wide matrices go in column blocks to fit
};

}  // namespace qkv::render
