#include "bank/json_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "term/text.hpp"

namespace qkv::bank {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads four hex digits at raw[i]; -1 when they are not there.
long hex4(std::string_view raw, std::size_t i) {
  if (i + 4 > raw.size()) return -1;
  long v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const int h = hex_value(raw[i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// A number's text that can be too large for a double: it has an exponent or very many digits.
bool may_overflow(std::string_view lexeme) {
  return lexeme.size() > 300 || lexeme.find_first_of("eE") != std::string_view::npos;
}

}  // namespace

std::string decode_json_string(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out += raw[i];
      continue;
    }
    const char e = raw[i + 1];
    const char* simple = nullptr;
    switch (e) {
      case '"': simple = "\""; break;
      case '\\': simple = "\\"; break;
      case '/': simple = "/"; break;
      case 'b': simple = "\b"; break;
      case 'f': simple = "\f"; break;
      case 'n': simple = "\n"; break;
      case 'r': simple = "\r"; break;
      case 't': simple = "\t"; break;
      default: break;
    }
    if (simple) {
      out += simple;
      ++i;
      continue;
    }
    long cp = e == 'u' ? hex4(raw, i + 2) : -1;
    if (cp < 0) {  // malformed: keep as written
      out += raw[i];
      continue;
    }
    std::size_t used = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= raw.size() && raw[i + 6] == '\\' &&
        raw[i + 7] == 'u') {
      const long lo = hex4(raw, i + 8);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        used = 12;
      }
    }
    append_utf8(out, static_cast<std::uint32_t>(cp));
    i += used - 1;
  }
  return out;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

JsonIndex::JsonIndex(std::string text, int max_depth) : text_(std::move(text)) {
  line_starts_.push_back(0);
  if (text_.size() >= kNone) return;  // offsets are 32-bit; callers refuse such sizes earlier
  for (const char* p = text_.data(); (p = static_cast<const char*>(std::memchr(
                                          p, '\n', text_.data() + text_.size() - p)));) {
    ++p;
    line_starts_.push_back(static_cast<std::uint32_t>(p - text_.data()));
  }
  bom_ = text_.rfind("\xEF\xBB\xBF", 0) == 0;
  scan(max_depth);
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const ScanProblem& a, const ScanProblem& b) { return a.offset < b.offset; });
}

// The scanner: an explicit stack of open containers instead of recursion, so that no input can
// exhaust the call stack. Each open container collects its children's node ids; when it closes
// they are appended to children_ in one block, so that lookups can index arrays directly.
void JsonIndex::scan(int max_depth) {
  struct Frame {
    std::uint32_t node = 0;
    bool is_object = false;
    bool has_value = false;  // a member/element has been read; next comes ',' or the close
    std::vector<std::uint32_t> kids;
  };
  std::vector<Frame> stack;
  std::size_t depth = 0;  // frames in use (stack keeps capacity to reuse the kids vectors)
  const std::string_view t = text_;
  std::size_t pos = bom_ ? 3 : 0;
  auto skip_ws = [&] {
    while (pos < t.size() && is_ws(t[pos])) ++pos;
  };
  auto fail = [&] {
    stop_ = pos;
    complete_ = false;
  };

  // Scans the string starting at the quote at pos; sets [begin, end) to its body and `bad` to
  // the offsets of bytes that are not UTF-8. False on a syntax problem (unterminated, raw
  // control character).
  std::vector<std::size_t> bad;
  auto scan_string = [&](std::size_t& begin, std::size_t& end) {
    begin = ++pos;
    bad.clear();
    bool ascii = true;
    while (pos < t.size()) {
      const auto c = static_cast<unsigned char>(t[pos]);
      if (c == '"') break;
      if (c < 0x20) return false;
      if (c >= 0x80) ascii = false;
      pos += c == '\\' ? 2 : 1;
    }
    if (pos >= t.size()) {
      pos = t.size();
      return false;
    }
    end = pos++;
    if (!ascii) {
      const std::string_view body = t.substr(begin, end - begin);
      for (std::size_t from = 0, at = 0; from < body.size(); from += at + 1) {
        if (term::valid_utf8(body.substr(from), &at)) break;
        bad.push_back(begin + from + at);
      }
    }
    return true;
  };
  // Records the bad bytes of the string just scanned, which belongs to `node`.
  auto report_bad_utf8 = [&](std::uint32_t node) {
    if (bad.empty()) return;
    add_problem(ScanProblem::Kind::bad_utf8, bad.front(), pointer_of(node)).bytes = bad;
  };

  // Starts the value at pos as a child of the top frame (or as the root). Containers are pushed;
  // scalars are read whole. False on a syntax problem or when nesting is too deep.
  auto begin_value = [&](std::uint32_t key_offset, std::uint32_t key_length) {
    skip_ws();
    if (pos >= t.size()) return false;
    const auto id = static_cast<std::uint32_t>(nodes_.size());
    Node n;
    n.offset = static_cast<std::uint32_t>(pos);
    n.parent = depth ? stack[depth - 1].node : kNone;
    n.key_offset = key_offset;
    n.key_length = key_length;
    if (n.key_length == kNone && depth) n.key_offset = static_cast<std::uint32_t>(stack[depth - 1].kids.size());
    const char c = t[pos];
    if (c == '{' || c == '[') {
      if (static_cast<int>(depth) >= max_depth) {
        too_deep_ = true;
        add_problem(ScanProblem::Kind::too_deep, pos,
                    depth ? pointer_of(stack[depth - 1].node) : "");
        return false;
      }
      n.is_object = c == '{';
      n.is_array = c == '[';
      nodes_.push_back(n);
      if (depth) stack[depth - 1].kids.push_back(id), stack[depth - 1].has_value = true;
      if (stack.size() == depth) stack.emplace_back();
      Frame& f = stack[depth++];
      f.node = id;
      f.is_object = n.is_object;
      f.has_value = false;
      f.kids.clear();
      ++pos;
      return true;
    }
    nodes_.push_back(n);
    if (depth) stack[depth - 1].kids.push_back(id), stack[depth - 1].has_value = true;
    if (c == '"') {
      std::size_t b = 0, e = 0;
      if (!scan_string(b, e)) return false;
      report_bad_utf8(id);
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t b = pos;
      while (pos < t.size() && std::strchr("0123456789+-.eE", t[pos]) && t[pos] != '\0') ++pos;
      const std::string_view lexeme = t.substr(b, pos - b);
      if (may_overflow(lexeme)) {
        const std::string copy(lexeme);
        if (std::isinf(std::strtod(copy.c_str(), nullptr))) {
          auto& p = add_problem(ScanProblem::Kind::number_overflow, b, pointer_of(id));
          p.detail = copy.size() > 40 ? copy.substr(0, 40) + "..." : copy;
          p.bytes = {b, pos};
        }
      }
      return true;
    }
    for (const char* lit : {"true", "false", "null"}) {
      if (t.substr(pos, std::strlen(lit)) == lit) {
        pos += std::strlen(lit);
        return true;
      }
    }
    return false;
  };

  auto close_top = [&] {
    Frame& f = stack[--depth];
    Node& n = nodes_[f.node];
    n.first_child = static_cast<std::uint32_t>(children_.size());
    n.child_count = static_cast<std::uint32_t>(f.kids.size());
    children_.insert(children_.end(), f.kids.begin(), f.kids.end());
    if (f.is_object && f.kids.size() > 1) {
      // Duplicate keys: sort the members by decoded key; equal neighbours are duplicates.
      std::vector<std::pair<std::string, std::uint32_t>> keys;
      keys.reserve(f.kids.size());
      for (auto k : f.kids) keys.emplace_back(key_of(nodes_[k]), k);
      std::stable_sort(keys.begin(), keys.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (std::size_t i = 1; i < keys.size(); ++i) {
        if (keys[i].first != keys[i - 1].first) continue;
        std::size_t first = i - 1;
        while (first > 0 && keys[first - 1].first == keys[i].first) --first;
        const Node& dup = nodes_[keys[i].second];
        auto& p = add_problem(ScanProblem::Kind::duplicate_key, dup.key_offset - 1u,
                              pointer_of(keys[i].second));
        p.detail = keys[i].first;
        p.other = nodes_[keys[first].second].key_offset - 1u;
      }
    }
    ++pos;
  };

  skip_ws();
  if (!begin_value(0, kNone)) return fail();
  while (depth) {
    Frame& f = stack[depth - 1];
    skip_ws();
    if (pos >= t.size()) return fail();
    const char c = t[pos];
    if (c == (f.is_object ? '}' : ']')) {
      close_top();
      continue;
    }
    if (f.has_value) {
      if (c != ',') return fail();
      ++pos;
      skip_ws();
    }
    if (!f.is_object) {
      if (!begin_value(0, kNone)) return fail();
      continue;
    }
    if (pos >= t.size() || t[pos] != '"') return fail();
    std::size_t kb = 0, ke = 0;
    if (!scan_string(kb, ke)) return fail();
    std::vector<std::size_t> bad_key = bad;
    skip_ws();
    if (pos >= t.size() || t[pos] != ':') return fail();
    ++pos;
    const auto member = static_cast<std::uint32_t>(nodes_.size());
    if (!begin_value(static_cast<std::uint32_t>(kb), static_cast<std::uint32_t>(ke - kb)))
      return fail();
    if (!bad_key.empty()) {  // reported once the member (whose pointer names the key) exists
      bad = std::move(bad_key);
      report_bad_utf8(member);
    }
  }
  skip_ws();
  if (pos != t.size()) return fail();
  complete_ = true;
}

ScanProblem& JsonIndex::add_problem(ScanProblem::Kind kind, std::size_t offset,
                                    std::string pointer) {
  ScanProblem& p = problems_.emplace_back();
  p.kind = kind;
  p.offset = offset;
  p.pointer = std::move(pointer);
  return p;
}

std::string JsonIndex::key_of(const Node& n) const {
  return decode_json_string(std::string_view(text_).substr(n.key_offset, n.key_length));
}

std::string JsonIndex::pointer_of(std::uint32_t node) const {
  std::vector<std::string> tokens;
  for (std::uint32_t i = node; i != kNone && nodes_[i].parent != kNone; i = nodes_[i].parent) {
    const Node& n = nodes_[i];
    tokens.push_back(n.key_length == kNone ? std::to_string(n.key_offset)
                                           : pointer_token(key_of(n)));
  }
  std::string out;
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) out += "/" + *it;
  return out;
}

std::optional<std::size_t> JsonIndex::offset_of(std::string_view pointer) const {
  if (nodes_.empty() || !complete_) return std::nullopt;
  std::uint32_t cur = 0;
  if (!pointer.empty() && pointer.front() != '/') return std::nullopt;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);
    const std::size_t slash = pointer.find('/');
    const std::string_view raw = pointer.substr(0, slash);
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[++i] == '0' ? '~' : '/';
      } else {
        token += raw[i];
      }
    }
    const Node& n = nodes_[cur];
    std::optional<std::uint32_t> next;
    if (n.is_array) {
      if (token.empty() || token.size() > 9 ||
          token.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
      const auto index = static_cast<std::uint32_t>(std::stoul(token));
      if (index < n.child_count) next = children_[n.first_child + index];
    } else if (n.is_object) {
      // The last of equal keys wins, as it does in the parsed document.
      for (std::uint32_t k = 0; k < n.child_count; ++k) {
        const std::uint32_t child = children_[n.first_child + k];
        if (key_of(nodes_[child]) == token) next = child;
      }
    }
    if (!next) return std::nullopt;
    cur = *next;
  }
  return nodes_[cur].offset;
}

TextPos JsonIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<int>(it - line_starts_.begin());
  std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
  if (line == 1 && bom_ && offset >= 3) start = 3;
  int column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  return {line, column};
}

std::optional<TextPos> JsonIndex::find(std::string_view pointer) const {
  const auto offset = offset_of(pointer);
  if (!offset) return std::nullopt;
  return position(*offset);
}

}  // namespace qkv::bank
