// The scan of JsonIndex: one strict pass over JSON text (see json_index.hpp).
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/memory.hpp"
#include "core/text.hpp"
#include "json/index.hpp"
#include "json/strings.hpp"

namespace qkv {

using nlohmann::json;

namespace {

bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Bytes that need no attention inside a string: all but '"', '\\' and control characters.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 256; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

// How the character at t[pos] is named in a syntax error message.
std::string shown(std::string_view t, std::size_t pos) {
  if (pos >= t.size()) return "the end of the text";
  const auto c = static_cast<unsigned char>(t[pos]);
  if (c == ' ') return "a space";
  if (c == '\n' || c == '\r') return "a line break";
  if (c > 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", static_cast<unsigned>(c));
  return buf;
}

// Length of the number at t[pos] by the JSON grammar (-?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?), or 0.
std::size_t number_length(std::string_view t, std::size_t pos) {
  std::size_t i = pos;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < t.size() && is_digit(t[i])) ++i;
    return i > from;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return 0;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return 0;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return 0;
  }
  return i - pos;
}

// The value of a number's text (known to match the grammar); sets `overflow` instead of
// returning infinity.
json number_value(std::string_view lexeme, bool& overflow) {
  const char* b = lexeme.data();
  const char* e = b + lexeme.size();
  if (lexeme.find_first_of(".eE") == std::string_view::npos) {
    if (lexeme.front() == '-') {
      std::int64_t v = 0;
      if (std::from_chars(b, e, v).ec == std::errc()) return v;
    } else {
      std::uint64_t v = 0;
      if (std::from_chars(b, e, v).ec == std::errc()) return v;
    }
  }
  double d = 0;
  if (std::from_chars(b, e, d).ec != std::errc())  // out of range: let strtod say which way
    d = std::strtod(std::string(lexeme).c_str(), nullptr);
  overflow = !std::isfinite(d);
  return overflow ? 0.0 : d;
}

}  // namespace

// One pass over the text with an explicit stack of open containers instead of recursion, so that
// no input can exhaust the call stack. Each open container collects its children's node ids (and,
// when building, its json value); when it closes they are appended to children_ in one block, so
// that lookups can index arrays directly.
class JsonIndex::Scanner {
 public:
  Scanner(JsonIndex& index, const JsonScanOptions& options)
      : ix_(index), opt_(options), t_(index.text_), build_(options.document != nullptr) {}

  void run() {
    if (ix_.bom_) pos_ = 3;
    skip_ws();
    if (!value(0, kNone, false)) return;
    while (depth_) {
      skip_ws();
      const Frame& f = stack_[depth_ - 1];
      const bool is_object = f.is_object, has_value = f.has_value;
      const char close = is_object ? '}' : ']';
      if (pos_ >= t_.size()) {
        const TextPos at = ix_.position(ix_.nodes_[f.node].offset);
        fail(t_.size(), std::string("the text ends before the ") + (is_object ? "object" : "list") +
                            " that starts at line " + std::to_string(at.line) + ", column " +
                            std::to_string(at.column) + " is closed with '" + close + "'");
        return;
      }
      if (t_[pos_] == close) {
        close_top();
        continue;
      }
      if (has_value) {
        if (t_[pos_] != ',') {
          fail(pos_, std::string("expected ',' or '") + close + "' after " +
                         (is_object ? "a member" : "an element") + ", found " + shown(t_, pos_));
          return;
        }
        ++pos_;
        skip_ws();
        if (pos_ < t_.size() && t_[pos_] == close) {
          fail(pos_, std::string("a comma before '") + close + "': JSON allows no trailing comma");
          return;
        }
      }
      if (!is_object) {
        if (!value(0, kNone, false)) return;
        continue;
      }
      if (!member()) return;
    }
    skip_ws();
    if (pos_ != t_.size())
      fail(pos_, "unexpected " + shown(t_, pos_) + " after the end of the JSON value");
  }

 private:
  struct Frame {
    std::uint32_t node = 0;
    std::uint32_t children_mark = 0;  // children_.size() when the container opened
    bool is_object = false;
    bool has_value = false;  // a member/element has been read; next comes ',' or the close
    std::vector<std::uint32_t> kids;
    json value;       // when building
    std::string key;  // when building an object: the key of the member being read
  };

  bool fail(std::size_t at, std::string message) {
    ix_.syntax_error_ = SyntaxError{at, std::move(message)};
    return false;
  }

  void skip_ws() {
    while (pos_ < t_.size() && is_ws(t_[pos_])) ++pos_;
  }

  // Reads "key": value inside an object.
  bool member() {
    if (pos_ >= t_.size() || t_[pos_] != '"')
      return fail(pos_, std::string("expected a key in double quotes") +
                            (stack_[depth_ - 1].has_value ? "" : " or '}'") + ", found " +
                            shown(t_, pos_));
    const std::size_t key_begin = pos_ + 1;
    std::string key;
    bool escaped = false;
    if (!string(build_ ? &key : nullptr, escaped)) return false;
    const auto key_length = static_cast<std::uint32_t>(pos_ - 1 - key_begin);
    std::vector<std::size_t> bad_key = bad_;
    skip_ws();
    if (pos_ >= t_.size() || t_[pos_] != ':')
      return fail(pos_, "expected ':' after the key, found " + shown(t_, pos_));
    ++pos_;
    if (build_) stack_[depth_ - 1].key = std::move(key);
    const auto node = static_cast<std::uint32_t>(ix_.nodes_.size());
    if (!value(static_cast<std::uint32_t>(key_begin), key_length, escaped)) return false;
    if (!bad_key.empty()) {  // reported once the member (whose pointer names the key) exists
      bad_ = std::move(bad_key);
      report_bad_utf8(node);
    }
    return true;
  }

  // Reads the value at pos_ as a child of the top frame (or as the root). Containers are pushed;
  // scalars are read whole and attached.
  bool value(std::uint32_t key_offset, std::uint32_t key_length, bool key_escaped) {
    skip_ws();
    if (pos_ >= t_.size()) return fail(pos_, "expected a value, found the end of the text");
    const char c = t_[pos_];
    const auto id = static_cast<std::uint32_t>(ix_.nodes_.size());
    Node n;
    n.offset = static_cast<std::uint32_t>(pos_);
    n.parent = depth_ ? stack_[depth_ - 1].node : kNone;
    n.key_offset = key_length == kNone && depth_
                       ? static_cast<std::uint32_t>(stack_[depth_ - 1].kids.size())
                       : key_offset;
    n.key_length = key_length;
    n.key_escaped = key_escaped;
    n.is_object = c == '{';
    n.is_array = c == '[';
    if ((n.is_object || n.is_array) && static_cast<int>(depth_) >= opt_.max_depth) {
      ix_.too_deep_ = true;
      ix_.add_problem(ScanProblem::Kind::too_deep, pos_,
                      depth_ ? ix_.pointer_of(stack_[depth_ - 1].node) : "");
      return false;
    }
    ix_.nodes_.push_back(n);
    if (depth_) {
      stack_[depth_ - 1].kids.push_back(id);
      stack_[depth_ - 1].has_value = true;
    }
    if (n.is_object || n.is_array) {
      if (stack_.size() == depth_) stack_.emplace_back();
      Frame& f = stack_[depth_++];
      f.node = id;
      f.children_mark = static_cast<std::uint32_t>(ix_.children_.size());
      f.is_object = n.is_object;
      f.has_value = false;
      f.kids.clear();
      if (build_) f.value = n.is_object ? json::object() : json::array();
      ++pos_;
      return true;
    }
    if (c == '"') {
      std::string s;
      bool escaped = false;
      if (!string(build_ ? &s : nullptr, escaped)) return false;
      report_bad_utf8(id);
      attach(id, json(std::move(s)));
      return true;
    }
    if (c == '-' || is_digit(c)) {
      const std::size_t len = number_length(t_, pos_);
      std::size_t end = pos_ + len;
      if (len == 0 || (end < t_.size() && std::strchr("0123456789.+-eE", t_[end]) && t_[end])) {
        end = pos_;
        while (end < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[end])) ||
                                   t_[end] == '.' || t_[end] == '-' || t_[end] == '+'))
          ++end;
        return fail(pos_, "invalid number \"" +
                              std::string(t_.substr(pos_, std::min<std::size_t>(end - pos_, 40))) +
                              "\" (JSON numbers look like 3, -0.5 or 1e-3, without leading zeros)");
      }
      bool overflow = false;
      json v = number_value(t_.substr(pos_, len), overflow);
      if (overflow) {
        auto& p = ix_.add_problem(ScanProblem::Kind::number_overflow, pos_, ix_.pointer_of(id));
        p.detail =
            len > 40 ? std::string(t_.substr(pos_, 40)) + "..." : std::string(t_.substr(pos_, len));
      }
      pos_ = end;
      attach(id, std::move(v));
      return true;
    }
    for (const char* lit : {"true", "false", "null"}) {
      if (t_.compare(pos_, std::strlen(lit), lit) == 0) {
        pos_ += std::strlen(lit);
        attach(id, lit[0] == 'n' ? json(nullptr) : json(lit[0] == 't'));
        return true;
      }
    }
    return fail(pos_,
                "expected a value (a string in double quotes, a number, an object, a list, "
                "true, false or null), found " +
                    shown(t_, pos_));
  }

  // Reads the string starting at the quote at pos_, checking escapes and UTF-8 (bad bytes are
  // collected in bad_ and decoded as U+FFFD); `out` (if given) receives the decoded text.
  bool string(std::string* out, bool& escaped) {
    const std::size_t quote = pos_;
    const std::size_t begin = ++pos_;
    unsigned high_bits = 0;  // or of every byte: bit 7 set when the string is not ASCII
    escaped = false;
    while (true) {
      // The common case first: a run of ordinary characters, one table lookup each, in locals
      // (through the members, every step would store pos_ back to memory).
      {
        const char* const data = t_.data();
        const std::size_t size = t_.size();
        std::size_t i = pos_;
        unsigned bits = 0;
        // Eight bytes at a time while none of them is '"', '\\' or a control character
        // (the usual bit tricks: a byte of x is zero iff (x - 0x01..) & ~x & 0x80.. marks it).
        constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        std::uint64_t or_all = 0;
        while (i + 8 <= size) {
          std::uint64_t x;
          std::memcpy(&x, data + i, 8);
          const std::uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
          const std::uint64_t special = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
                                        ((x - ones * 0x20) & ~x);
          if (special & highs) break;
          or_all |= x;
          i += 8;
        }
        if (or_all & highs) bits = 0x80;
        while (i < size && kPlain[static_cast<unsigned char>(data[i])])
          bits |= static_cast<unsigned char>(data[i++]);
        pos_ = i;
        high_bits |= bits;
      }
      if (pos_ >= t_.size()) return fail(quote, "this string is not closed (no closing \")");
      const auto c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') break;
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
        return fail(pos_, std::string("a raw control character (U+") + buf +
                              ") inside a string; write a line break as \\n and a tab as \\t");
      }
      escaped = true;  // c is a backslash
      const char e = pos_ + 1 < t_.size() ? t_[pos_ + 1] : '\0';
      if (e != 'u') {
        if (!e || !std::strchr("\"\\/bfnrt", e))
          return fail(pos_,
                      "invalid escape \\" + std::string(1, e ? e : ' ') +
                          " in a string; JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        pos_ += 2;
        continue;
      }
      const long cp = hex4(t_, pos_ + 2);
      if (cp < 0) return fail(pos_, "\\u must be followed by four hex digits");
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        const bool pair = cp <= 0xDBFF && t_.compare(pos_ + 6, 2, "\\u") == 0 &&
                          hex4(t_, pos_ + 8) >= 0xDC00 && hex4(t_, pos_ + 8) <= 0xDFFF;
        if (!pair)
          return fail(pos_, "a lone UTF-16 surrogate \\u" + std::string(t_.substr(pos_ + 2, 4)) +
                                "; write the character itself, or a full surrogate pair");
        pos_ += 6;
      }
      pos_ += 6;
    }
    const std::size_t end = pos_++;
    const std::string_view body = t_.substr(begin, end - begin);
    bad_.clear();
    if (high_bits & 0x80) {
      for (std::size_t from = 0, at = 0; from < body.size(); from += at + 1) {
        if (valid_utf8(body.substr(from), &at)) break;
        bad_.push_back(begin + from + at);
      }
    }
    if (!out) return true;
    if (bad_.empty()) {
      *out = escaped ? decode_json_string(body) : std::string(body);
      return true;
    }
    std::string clean;
    for (std::size_t i = begin, k = 0; i < end; ++i) {
      if (k < bad_.size() && bad_[k] == i) {
        clean += "\xEF\xBF\xBD";
        ++k;
      } else {
        clean += t_[i];
      }
    }
    *out = decode_json_string(clean);
    return true;
  }

  void report_bad_utf8(std::uint32_t node) {
    if (bad_.empty()) return;
    ix_.add_problem(ScanProblem::Kind::bad_utf8, bad_.front(), ix_.pointer_of(node)).count =
        bad_.size();
  }

  // Gives a finished value to its parent: a member, an element (offered to the hook first for
  // lists in the root object) or the document itself.
  void attach(std::uint32_t id, json&& v) {
    if (!build_) return;
    if (depth_ == 0) {
      *opt_.document = std::move(v);
      return;
    }
    Frame& p = stack_[depth_ - 1];
    if (p.is_object) {
      // Of duplicate keys the last wins (they are reported). The key is moved, not copied.
      p.value.get_ref<json::object_t&>().insert_or_assign(std::move(p.key), std::move(v));
      return;
    }
    if (opt_.on_root_list_element && depth_ == 2 && stack_[0].is_object) {
      const TextPos where = ix_.position(ix_.nodes_[id].offset);
      if (!opt_.on_root_list_element(stack_[0].key, p.kids.size() - 1, where, v)) {
        Node& n = ix_.nodes_[id];
        if (opt_.drop_read_elements && (n.is_object || n.is_array)) {
          // Its frame (just closed) is stack_[depth_]: everything after its opening goes.
          const std::uint32_t mark = stack_[depth_].children_mark;
          n.first_child = mark;
          n.child_count = 0;
          ix_.nodes_.resize(id + 1);
          ix_.children_.resize(mark);
          ix_.partial_ = true;
        }
        return;
      }
    }
    p.value.push_back(std::move(v));
  }

  void close_top() {
    Frame& f = stack_[--depth_];
    Node& n = ix_.nodes_[f.node];
    n.first_child = static_cast<std::uint32_t>(ix_.children_.size());
    n.child_count = static_cast<std::uint32_t>(f.kids.size());
    ix_.children_.insert(ix_.children_.end(), f.kids.begin(), f.kids.end());
    if (f.is_object && f.kids.size() > 1) ix_.report_duplicate_keys(f.kids);
    ++pos_;
    attach(f.node, std::move(f.value));
  }

  JsonIndex& ix_;
  const JsonScanOptions& opt_;
  const std::string_view t_;
  const bool build_;
  std::size_t pos_ = 0;
  std::vector<Frame> stack_;      // keeps its capacity: frames (and their kids vectors) are reused
  std::size_t depth_ = 0;         // frames in use
  std::vector<std::size_t> bad_;  // offsets of bad UTF-8 bytes in the last string read
};

JsonIndex::JsonIndex(std::string text, const JsonScanOptions& options) : text_(std::move(text)) {
  // A small text (one question file of a directory pack, say) gets room for a line per 16 bytes
  // at once instead of growing the vector seven times; a large one grows as it needs.
  if (text_.size() <= kSmallText) line_starts_.reserve(text_.size() / 16 + 2);
  line_starts_.push_back(0);
  if (text_.size() >= kNone) {  // offsets are 32-bit; callers refuse such sizes earlier
    syntax_error_ = SyntaxError{0, "the text is too large"};
    return;
  }
  for (const char* p = text_.data();
       (p = static_cast<const char*>(std::memchr(p, '\n', text_.data() + text_.size() - p)));) {
    ++p;
    line_starts_.push_back(static_cast<std::uint32_t>(p - text_.data()));
  }
  bom_ = text_.rfind("\xEF\xBB\xBF", 0) == 0;
  points_pending_ = true;
  // Packs hold a value every ~25 bytes; reserving more than needed costs address space only
  // (pages never touched are never resident), while growing would copy the nodes repeatedly.
  const std::size_t nodes = text_.size() / 8 + 16;
  if (std::vector<Node>& spare = spare_nodes(); spare.capacity() >= nodes) {
    nodes_ = std::move(spare);  // leaves spare empty
    nodes_.clear();
  }
  nodes_.reserve(nodes);
  children_.reserve(text_.size() / 8 + 16);
  advise_huge_pages(nodes_.data(), nodes_.capacity() * sizeof(Node));
  advise_huge_pages(children_.data(), children_.capacity() * sizeof(std::uint32_t));
  Scanner(*this, options).run();
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const ScanProblem& a, const ScanProblem& b) { return a.offset < b.offset; });
}

// A directory pack of 100,000 question files makes 100,000 small indexes one after the other.
// A new node array for each (a request of a few KiB) made glibc's malloc consolidate and sort
// every small block freed since the last file, about a third of the load's time; the next index
// on this thread takes this array instead (bench/README.md, issue 11).
std::vector<JsonIndex::Node>& JsonIndex::spare_nodes() {
  thread_local std::vector<Node> spare;
  return spare;
}

JsonIndex::~JsonIndex() {
  std::vector<Node>& spare = spare_nodes();
  if (nodes_.capacity() <= kSpareNodes && nodes_.capacity() > spare.capacity())
    spare = std::move(nodes_);
}

}  // namespace qkv
