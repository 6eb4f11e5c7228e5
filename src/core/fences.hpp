#pragma once
// Fenced code blocks in pack text. A line whose first non-space characters are three or more
// backticks opens a block (text after the backticks, such as "python", is its info string); the
// next line holding only backticks, at least as many, closes it. What lies between is shown
// verbatim: never re-wrapped, spaces kept, so code and matrices keep their layout. Everything
// else is prose, which a view may wrap (wrap_block, core/text.hpp). The rule is CommonMark's for
// backtick fences, without the indentation limit.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qkv {

/// One run of lines: prose, or the inside of one fenced block (its fence lines left out).
struct TextBlock {
  bool code = false;
  std::string info;                ///< the opening fence's info string ("python"), trimmed
  std::vector<std::string> lines;  ///< without their newlines
  int first_line = 1;              ///< 1-based line of the text where the block starts
  bool closed = true;              ///< false for a fence still open at the end of the text
};

/// Splits text into prose and code blocks, in order. A fence left open runs to the end of the
/// text (its lines are still code, so they are not re-wrapped) and is marked closed = false.
std::vector<TextBlock> split_fences(std::string_view text);

/// The 1-based line of the text on which a fence opens that is never closed, if any.
std::optional<int> unclosed_fence_line(std::string_view text);

}  // namespace qkv
