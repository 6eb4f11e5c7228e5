#include "core/text.hpp"

#include <cstdint>
#include <cstdio>

#include "core/fences.hpp"
#include "core/unicode.hpp"

namespace qkv {

std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  std::uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_hidden_format(std::uint32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C ||
         cp == 0xFEFF;
}

namespace {

std::string escape(std::string_view text, bool keep_newlines, bool mark_hidden) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    char buf[16];
    if ((cp == '\n' || cp == '\t') && keep_newlines) {
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp >= 0x80 && cp <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else if (mark_hidden && is_hidden_format(cp)) {
      std::snprintf(buf, sizeof buf, "<U+%04X>", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace

std::string sanitize_line(std::string_view text) {
  return escape(text, false, true);
}

std::string sanitize_block(std::string_view text) {
  return escape(text, true, true);
}

std::string escape_controls(std::string_view text) {
  return escape(text, true, false);
}

bool valid_utf8(std::string_view text, std::size_t* bad_offset) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII, most of any text: no decoding
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

namespace {

struct Range {
  std::uint32_t first, last;
};

// Code points a terminal draws in no column: combining marks, variation selectors, the
// zero-width characters. (Sanitised text shows the invisible ones as "<U+...>" anyway.)
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2060, 0x2064}, {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF}};

// East Asian Wide and Fullwidth code points (Unicode 15, UAX #11), which take two columns.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F2FF}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};

template <std::size_t N>
bool in(const Range (&table)[N], std::uint32_t cp) {
  std::size_t lo = 0, hi = N;  // binary search: the tables are sorted
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (cp < table[mid].first)
      hi = mid;
    else if (cp > table[mid].last)
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

// The columns one code point takes: 0, 1 or 2.
std::size_t columns_of(std::uint32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;  // controls draw nothing
  if (cp < 0x300) return 1;
  if (in(kZeroWidth, cp)) return 0;
  return in(kWide, cp) ? 2 : 1;
}

}  // namespace

std::size_t escape_length(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size()) return 1;
  const char kind = s[i + 1];
  if (kind == '[') {  // CSI: parameter and intermediate bytes, then a final byte 0x40..0x7E
    std::size_t j = i + 2;
    while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7E)) ++j;
    return j < s.size() ? j - i + 1 : s.size() - i;
  }
  if (kind == ']') {  // OSC (a hyperlink, a title): up to BEL or ESC backslash
    for (std::size_t j = i + 2; j < s.size(); ++j) {
      if (s[j] == '\a') return j - i + 1;
      if (s[j] == '\x1b' && j + 1 < s.size() && s[j + 1] == '\\') return j - i + 2;
    }
    return s.size() - i;
  }
  return 2;  // ESC and one more byte (ESC 7, ESC 8, ...)
}

namespace {

// The length of the glyph (a code point, or a whole escape sequence) at text[i], and in
// `columns` how many columns it takes.
std::size_t next_glyph(std::string_view text, std::size_t i, std::size_t& columns) {
  if (text[i] == '\x1b') {
    columns = 0;
    return escape_length(text, i);
  }
  std::uint32_t cp = 0;
  const std::size_t len = decode_utf8(text, i, cp);
  if (len == 0) {  // a stray byte: shown as one replacement character
    columns = 1;
    return 1;
  }
  columns = columns_of(cp);
  return len;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t w = 0;
    i += next_glyph(text, i, w);
    n += w;
  }
  return n;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string pad_left(std::string text, std::size_t width) {
  const std::size_t w = display_width(text);
  if (w < width) text.insert(0, width - w, ' ');
  return text;
}

std::string pad_right(std::string text, std::size_t width) {
  const std::size_t w = display_width(text);
  if (w < width) text.append(width - w, ' ');
  return text;
}

std::string normalize_answer(std::string_view text) {
  // Written into a buffer of the input's size (the output is never longer), not appended char by
  // char: pack validation normalises every matching and ordering item.
  std::string out(text.size(), '\0');
  std::size_t n = 0;
  bool space = false;
  for (char c : text) {
    const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (ws) {
      space = n > 0;
      continue;
    }
    if (space) out[n++] = ' ';
    space = false;
    out[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out.resize(n);
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Splits `word` after at most `columns` display columns (at least one code point, so that a
// character wider than the room still moves on); escape sequences stay with the head.
std::size_t cut_at(std::string_view word, std::size_t columns) {
  std::size_t used = 0, i = 0;
  while (i < word.size()) {
    std::size_t w = 0;
    const std::size_t len = next_glyph(word, i, w);
    if (w > 0 && used + w > columns && used > 0) break;
    used += w;
    i += len;
  }
  return i;
}

}  // namespace

std::string wrap(std::string_view text, std::string_view first, std::string_view rest,
                 std::size_t width) {
  const std::size_t rest_w = display_width(rest);
  std::string out;
  std::string line(first);
  std::size_t used = display_width(first);
  bool empty = true;  // no word on `line` yet
  auto next_line = [&] {
    const std::size_t keep = line.find_last_not_of(' ');  // a lead alone keeps no trailing space
    out += line.substr(0, keep == std::string::npos ? 0 : keep + 1) + "\n";
    line.assign(rest);
    used = rest_w;
    empty = true;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    std::string_view word = text.substr(i, end - i);
    i = end;
    std::size_t w = display_width(word);
    if (width > 0 && !empty && used + 1 + w > width) next_line();
    // After a first lead wider than `rest`, a word that fits a later line goes there whole.
    if (width > 0 && empty && used + w > width && used > rest_w && rest_w + w <= width) next_line();
    // A word wider than a whole line is the one thing broken: at the width, on as many lines
    // as it takes.
    while (width > 0 && empty && used + w > width && !word.empty()) {
      if (used >= width) {  // the lead fills the line: on to the next, unless `rest` does too
        if (used > rest_w) {
          next_line();
          continue;
        }
        break;
      }
      const std::size_t cut = cut_at(word, width - used);
      line += word.substr(0, cut);
      word.remove_prefix(cut);
      w = display_width(word);
      empty = false;
      if (!word.empty()) next_line();
    }
    if (word.empty()) continue;
    if (!empty) {
      line += ' ';
      ++used;
    }
    line += word;
    used += w;
    empty = false;
  }
  if (!empty) out += line + "\n";
  return out;
}

std::string flow(const std::vector<std::string>& parts, std::size_t width) {
  std::string out;
  std::size_t used = 0;
  for (const auto& part : parts) {
    const std::size_t w = display_width(part);
    if (used > 0 && width > 0 && used + 2 + w > width) {
      out += "\n";
      used = 0;
    }
    if (used > 0) {
      out += "  ";
      used += 2;
    }
    out += part;
    used += w;
  }
  return out + "\n";
}

namespace {

// The marker that starts a list item ("- ", "* ", "• ", "1. ", "2) "), or "" when none.
std::string_view list_marker(std::string_view line) {
  for (std::string_view bullet : {"- ", "* ", "+ ", "• "})
    if (line.substr(0, bullet.size()) == bullet) return line.substr(0, bullet.size());
  std::size_t d = 0;
  while (d < line.size() && d < 3 && line[d] >= '0' && line[d] <= '9') ++d;
  if (d > 0 && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ')
    return line.substr(0, d + 2);
  return {};
}

}  // namespace

std::string wrap_block(std::string_view text, std::size_t width, std::string_view first,
                       std::string_view rest, std::string_view code_indent) {
  std::string out;
  bool at_first = true;
  for (const auto& block : split_fences(text)) {
    for (const auto& line : block.lines) {
      const std::string_view lead = at_first ? first : rest;
      at_first = false;
      if (block.code) {  // verbatim, whatever the width
        out += std::string(lead) + std::string(code_indent) + line + "\n";
        continue;
      }
      const std::size_t start = line.find_first_not_of(" \t");
      if (start == std::string::npos) {  // a blank line stays one, without trailing spaces
        const std::size_t keep = lead.find_last_not_of(' ');
        out += std::string(lead.substr(0, keep == std::string_view::npos ? 0 : keep + 1)) + "\n";
        continue;
      }
      const bool tabs = line.find('\t') != std::string::npos;
      if (width == 0 || (!tabs && display_width(lead) + display_width(line) <= width)) {
        out += std::string(lead) + line + "\n";  // fits: spacing kept as written
        continue;
      }
      // Its own indentation and a list marker hang over the lines it wraps onto.
      std::string own;
      for (std::size_t k = 0; k < start; ++k) own += line[k] == '\t' ? "    " : " ";
      const std::string_view body = std::string_view(line).substr(start);
      const std::string hang(display_width(list_marker(body)), ' ');
      out += wrap(body, std::string(lead) + own, std::string(rest) + own + hang, width);
    }
  }
  return out;
}

}  // namespace qkv
