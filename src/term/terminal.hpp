#pragma once
// How wide the terminal is, so that text can be wrapped to fit (core/text.hpp wrap, wrap_block)
// and matrices laid out in column blocks.
#include <cstddef>

namespace qkv::term {

/// The columns text written to file descriptor `fd` may use. At a terminal: its width
/// (TIOCGWINSZ), else $COLUMNS, else 80. Elsewhere (a pipe, a file): $COLUMNS when set, else 0,
/// which means no limit, so nothing is wrapped. $COLUMNS counts only as a number from 20 to
/// 1000.
std::size_t output_width(int fd);

}  // namespace qkv::term
