#pragma once
// Pure functions on UTF-8 text, shared by every layer. Text that came from outside (packs, learner
// input, file names) is untrusted: it goes through sanitize_line() or sanitize_block() before it
// reaches the terminal.
#include <string>
#include <string_view>
#include <vector>

namespace qkv {

/// Text safe to print as part of one line: C0 controls (newline and tab included), DEL, C1
/// controls and escape sequences are shown as visible escapes ("\n", "\x1b", "\u009b"); invalid
/// UTF-8 bytes become U+FFFD. For ids, file names, a learner's answer echoed back.
std::string sanitize_line(std::string_view text);

/// The same for a block of text (a prompt, an explanation, a diagnostic): newlines and tabs are
/// kept, everything else is escaped as by sanitize_line().
std::string sanitize_block(std::string_view text);

/// Text to be stored rather than shown (an importer's output): as sanitize_block(), but hidden
/// format characters (bidi controls, zero-width characters) are kept as they are, so that
/// `pack lint` can still name where they stand; they are marked when the text is shown.
std::string escape_controls(std::string_view text);

/// True when text is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
/// On false, *bad_offset (if given) is the byte offset of the first bad sequence.
bool valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

/// The number of terminal columns text takes: East Asian wide and fullwidth characters (CJK,
/// most emoji) two, combining marks and zero-width characters none, every other code point one,
/// and terminal escape sequences (colours) none. A byte that is not UTF-8 counts as one.
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

/// text with ASCII letters lower-cased (other bytes unchanged).
std::string lower_ascii(std::string_view text);
inline char lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// The one wrapper: lays text out as one paragraph in lines of at most `width` display columns
/// (display_width(): colours count nothing, wide characters two), the first line starting with
/// `first` and every later one with `rest` (a hanging indent), each ending with a newline. Runs
/// of white space, newlines included, become one space. Lines break only between words; a word
/// longer than a line is the one exception, broken at the width. width 0: no limit (one line).
/// Empty text gives "".
std::string wrap(std::string_view text, std::string_view first, std::string_view rest,
                 std::size_t width);
inline std::string wrap(std::string_view text, std::string_view indent, std::size_t width) {
  return wrap(text, indent, indent, width);
}

/// Short parts (a header's fields) on one line, two spaces apart, starting a new line where the
/// next part would pass `width` (0: no limit); a part is never broken. Ends with a newline.
std::string flow(const std::vector<std::string>& parts, std::size_t width);

/// Text of several lines (a prompt, an option, a note) laid out for a terminal `width` columns
/// wide (0: no limit): each line of prose that fits stays as written, a longer one is wrap()ped
/// keeping its own leading spaces, and a list item ("- ", "1. ") hangs under its text; blank
/// lines stay; fenced code blocks (core/fences.hpp) are shown verbatim after `code_indent`,
/// never re-wrapped, without their fence lines. The first line starts with `first`, every
/// other with `rest`. The caller sanitises untrusted text first (sanitize_block).
std::string wrap_block(std::string_view text, std::size_t width, std::string_view first = "",
                       std::string_view rest = "", std::string_view code_indent = "    ");

}  // namespace qkv
