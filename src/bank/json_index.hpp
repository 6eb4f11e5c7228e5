#pragma once
// A position index for JSON text: where each value starts (line and column), found by its JSON
// pointer. nlohmann::json keeps no positions, so the loader scans the text once with this small,
// non-recursive scanner before parsing it. The scan also finds what a JSON parser would hide or
// choke on: duplicate object keys (nlohmann keeps one silently), invalid UTF-8 inside strings,
// nesting deeper than a limit (guarded before any recursive code sees the document) and numbers
// too large for a double.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qkv::bank {

/// A place in text: 1-based line, and 1-based column counted in code points (as editors do).
struct TextPos {
  int line = 0;
  int column = 0;
};

/// Something the scan found that the loader reports or repairs before parsing.
struct ScanProblem {
  enum class Kind {
    duplicate_key,    ///< a key appears twice in one object; `other` is the first one's offset
    bad_utf8,         ///< a string holds bytes that are not UTF-8; `repair` lists them all
    too_deep,         ///< arrays/objects nested deeper than the limit; the scan stopped here
    number_overflow,  ///< a number too large for a double (1e999)
  };
  Kind kind = Kind::duplicate_key;
  std::size_t offset = 0;          ///< where the problem is
  std::string pointer;             ///< JSON pointer of the value concerned
  std::string detail;              ///< the key, or the number's text
  std::size_t other = 0;           ///< duplicate_key: offset of the first key
  std::vector<std::size_t> bytes;  ///< bad_utf8: every bad byte; number_overflow: the number's span
};

/// Scans JSON text into an index of value positions. Never throws on bad input (other than
/// std::bad_alloc) and never recurses; on text that is not JSON it stops at the first syntax
/// problem (complete() is false) and leaves describing it to the parser. Owns the text.
class JsonIndex {
 public:
  /// Scans `text`. `max_depth` is the deepest nesting of arrays and objects accepted.
  explicit JsonIndex(std::string text, int max_depth = 64);

  JsonIndex(const JsonIndex&) = delete;
  JsonIndex& operator=(const JsonIndex&) = delete;
  JsonIndex(JsonIndex&&) = default;
  JsonIndex& operator=(JsonIndex&&) = default;

  const std::string& text() const { return text_; }
  /// True when the whole text was one well-formed JSON value (as far as this scanner checks).
  bool complete() const { return complete_; }
  /// True when the scan stopped because nesting passed max_depth.
  bool too_deep() const { return too_deep_; }
  /// Offset at which the scan stopped when it was not complete (for "unexpected" messages).
  std::size_t stop_offset() const { return stop_; }
  const std::vector<ScanProblem>& problems() const { return problems_; }

  /// Offset of the first byte of the value at `pointer` ("" is the whole document), or nullopt
  /// when there is no such value or the pointer is malformed.
  std::optional<std::size_t> offset_of(std::string_view pointer) const;
  /// Line and column of a byte offset in the text (offsets past the end give the end).
  TextPos position(std::size_t offset) const;
  /// position(offset_of(pointer)), or nullopt.
  std::optional<TextPos> find(std::string_view pointer) const;

 private:
  struct Node {
    std::uint32_t offset = 0;       // first byte of the value
    std::uint32_t parent = 0;       // index of the parent node (kNone for the root)
    std::uint32_t key_offset = 0;   // member: first byte of the raw key in text_; element: index
    std::uint32_t key_length = 0;   // member: raw key length; element: kNone
    std::uint32_t first_child = 0;  // containers: first entry in children_
    std::uint32_t child_count = 0;
    bool is_object = false;
    bool is_array = false;
  };
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  void scan(int max_depth);
  std::string pointer_of(std::uint32_t node) const;
  ScanProblem& add_problem(ScanProblem::Kind kind, std::size_t offset, std::string pointer);
  std::string key_of(const Node& n) const;  // the decoded key of a member

  std::string text_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> children_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<ScanProblem> problems_;
  bool bom_ = false;
  bool complete_ = false;
  bool too_deep_ = false;
  std::size_t stop_ = 0;
};

/// Decodes the body of a JSON string (between the quotes): escapes such as \n and \u00e9 become
/// their characters. Malformed escapes are kept as written.
std::string decode_json_string(std::string_view raw);

/// Escapes a key for use as a JSON pointer token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace qkv::bank
