#pragma once
// A plain-text progress bar: readable in a pipe, by a screen reader (the numbers are always said
// next to it by the caller) and without colour.
#include <cstddef>
#include <string>

namespace qkv::term {

/// "[#####---------------]": `width` cells, done/total of them filled (rounded down, full only
/// when done == total). total 0 gives an empty bar; done is clamped to total.
std::string progress_bar(std::size_t done, std::size_t total, std::size_t width = 20);

}  // namespace qkv::term
