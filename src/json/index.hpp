#pragma once
// JSON text with an index of where each value is. nlohmann::json keeps no positions, so packs are
// parsed here instead: one strict, non-recursive pass that records each value's place (found again
// by JSON pointer, as line and column), optionally builds the nlohmann::json document, and finds
// what a JSON library would hide or choke on: duplicate object keys (nlohmann keeps one silently),
// invalid UTF-8 inside strings, nesting deeper than a limit, numbers too large for a double.
// Syntax errors get a position and a plain message.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qkv {

/// A place in text: 1-based line, and 1-based column counted in code points (as editors do).
struct TextPos {
  int line = 0;
  int column = 0;
};

/// Something the scan found in text that is otherwise JSON. Strings with bad bytes get U+FFFD
/// for each and numbers too large get 0 in the document, so that the rest can still be checked.
struct ScanProblem {
  enum class Kind {
    duplicate_key,    ///< a key appears twice in one object; `other` is the first one's offset
    bad_utf8,         ///< a string holds bytes that are not UTF-8; `count` of them
    too_deep,         ///< arrays/objects nested deeper than the limit; the scan stopped here
    number_overflow,  ///< a number too large for a double (1e999); `detail` is its text
  };
  Kind kind = Kind::duplicate_key;
  std::size_t offset = 0;  ///< where the problem is
  std::string pointer;     ///< JSON pointer of the value concerned
  std::string detail;      ///< the key, or the number's text
  std::size_t other = 0;   ///< duplicate_key: offset of the first key
  std::size_t count = 0;   ///< bad_utf8: how many bad bytes the string holds
};

/// The first syntax error in text that is not JSON.
struct SyntaxError {
  std::size_t offset = 0;
  std::string message;  ///< "expected ',' or '}' after a member, found 'x'"
};

struct JsonScanOptions {
  /// The deepest nesting of arrays and objects accepted (the scan stops past it).
  int max_depth = 64;
  /// When set, the document is built here as well (partial when the text has a syntax error).
  nlohmann::json* document = nullptr;
  /// With `document`: offered each element of an array that is a member of the root object
  /// (for example each of a pack's "questions") as soon as it is complete, with the member's
  /// key, the element's index and its position. Returning false leaves the element out of the
  /// document, so a caller can read a large list one element at a time.
  std::function<bool(std::string_view key, std::size_t index, TextPos where,
                     nlohmann::json& element)>
      on_root_list_element;
  /// With `on_root_list_element`: an element left out of the document is left out of the index
  /// as well, but for its own node (its place is still found; values inside it are not). A long
  /// list is then read in memory for one element at a time. partial() tells the caller that
  /// pointers into such elements need a full index (a new scan of text()).
  bool drop_read_elements = false;
};

/// Parses JSON text into an index of value positions (and, if asked, a document). Never throws
/// on bad input (other than std::bad_alloc) and never recurses. Owns the text.
class JsonIndex {
 public:
  explicit JsonIndex(std::string text, const JsonScanOptions& options = {});

  JsonIndex(const JsonIndex&) = delete;
  JsonIndex& operator=(const JsonIndex&) = delete;
  JsonIndex(JsonIndex&&) = default;
  JsonIndex& operator=(JsonIndex&&) = default;
  ~JsonIndex();  // keeps a small node array for the next index on this thread

  const std::string& text() const { return text_; }
  /// Gives the text back (moved out) and leaves the index empty: for a caller that keeps the
  /// text but not the index (and can make a new one if it needs positions again).
  std::string take_text() && { return std::move(text_); }
  /// True when the whole text is one well-formed JSON value (problems() may still list some).
  bool complete() const { return !syntax_error_ && !too_deep_; }
  /// True when elements were left out of the index (JsonScanOptions::drop_read_elements):
  /// offset_of cannot find the values inside them.
  bool partial() const { return partial_; }
  /// True when the scan stopped because nesting passed max_depth.
  bool too_deep() const { return too_deep_; }
  /// The first syntax error, if the text is not JSON.
  const std::optional<SyntaxError>& syntax_error() const { return syntax_error_; }
  /// Problems in text order.
  const std::vector<ScanProblem>& problems() const { return problems_; }

  /// Offset of the first byte of the value at `pointer` ("" is the whole document), or nullopt
  /// when there is no such value, the pointer is malformed or the text was not complete.
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
    bool key_escaped = false;  // the raw key holds a backslash escape
  };
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  class Scanner;

  // The node array of the last small index destroyed on this thread (see ~JsonIndex).
  static std::vector<Node>& spare_nodes();
  std::string pointer_of(std::uint32_t node) const;
  std::string key_of(const Node& n) const;        // the decoded key of a member
  std::string_view raw_key(const Node& n) const;  // the key as written, between the quotes
  bool same_key(const Node& a, const Node& b) const;
  void report_duplicate_keys(const std::vector<std::uint32_t>& members);
  ScanProblem& add_problem(ScanProblem::Kind kind, std::size_t offset, std::string pointer);
  void count_code_points() const;                       // fills block_points_
  std::size_t points_before(std::size_t offset) const;  // code points in text_[0, offset)

  std::string text_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> children_;
  std::vector<std::uint32_t> line_starts_;
  static constexpr std::size_t kBlock = 1024;
  static constexpr std::size_t kSmallText = 64 * 1024;
  static constexpr std::size_t kSpareNodes = 64 * 1024;  // nodes of a spare array, at most
  // Code points before each kBlock bytes of text_, counted when a position first needs them.
  mutable std::vector<std::uint32_t> block_points_;
  mutable bool points_pending_ = false;
  std::vector<ScanProblem> problems_;
  std::optional<SyntaxError> syntax_error_;
  bool bom_ = false;
  bool too_deep_ = false;
  bool partial_ = false;
};

}  // namespace qkv
