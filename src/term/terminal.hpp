#pragma once
// How wide the terminal is, so that prose (notes, explanations) can be wrapped to fit.
#include <cstddef>
#include <optional>

namespace qkv::term {

/// The width of the terminal on file descriptor `fd` in columns: from the terminal itself when
/// fd is one, otherwise from $COLUMNS when that is a number from 20 to 1000; nullopt when neither
/// says (a pipe with no COLUMNS), so the caller picks its own default.
std::optional<std::size_t> terminal_width(int fd);

/// terminal_width(fd), or `fallback` when unknown, and at most `most` (long lines of prose are
/// hard to read on a very wide terminal).
std::size_t text_width(int fd, std::size_t fallback = 80, std::size_t most = 100);

}  // namespace qkv::term
