#pragma once
// Text that came from outside (packs, learner input, file names) is untrusted: it goes through
// sanitize() before it reaches the terminal.
#include <string>
#include <string_view>
#include <vector>

namespace qkv::term {

/// Returns text safe to print: C0 controls other than newline and tab, DEL, C1 controls and
/// escape sequences are shown as visible escapes ("\x1b", "\u009b"); invalid UTF-8 bytes become
/// U+FFFD. Newlines and tabs are kept unless keep_newlines is false (then shown as "\n").
std::string sanitize(std::string_view text, bool keep_newlines = true);

/// True when text is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
/// On false, *bad_offset (if given) is the byte offset of the first bad sequence.
bool valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

/// Number of terminal columns text takes, counting each code point as one column (good enough
/// for the Latin, Greek and math symbols qkv prints).
std::size_t display_width(std::string_view text);

/// text with spaces added on the left (pad_left) or right (pad_right) up to `width` display
/// columns; text already as wide or wider comes back unchanged.
std::string pad_left(std::string text, std::size_t width);
std::string pad_right(std::string text, std::size_t width);

/// "1 question", "3 questions": the count and the word that goes with it.
std::string plural(std::size_t n, const char* one, const char* many);

/// The parts with `sep` between them.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// Lower-cases ASCII, trims both ends and collapses runs of white space to one space.
std::string normalize_answer(std::string_view text);

}  // namespace qkv::term
