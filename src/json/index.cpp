#include "json/index.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "json/strings.hpp"

namespace qkv {

// Small objects (all of a pack's) are compared pairwise without allocating; large ones are
// sorted by decoded key, so that no object can make this quadratic.
void JsonIndex::report_duplicate_keys(const std::vector<std::uint32_t>& members) {
  auto report = [&](std::uint32_t first, std::uint32_t dup) {
    auto& p =
        add_problem(ScanProblem::Kind::duplicate_key, nodes_[dup].key_offset - 1u, pointer_of(dup));
    p.detail = key_of(nodes_[dup]);
    p.other = nodes_[first].key_offset - 1u;
  };
  constexpr std::size_t kPairwise = 16;
  if (members.size() <= kPairwise) {
    // Every object of a pack is compared here, so each raw key's length and first 8 bytes are
    // taken once and compared first; only keys equal in those (or escaped) are compared whole.
    struct Head {
      std::uint64_t bytes = 0;
      std::uint32_t length = 0;
      bool escaped = false;
    };
    std::array<Head, kPairwise> heads;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const Node& n = nodes_[members[i]];
      heads[i].length = n.key_length;
      heads[i].escaped = n.key_escaped;
      std::memcpy(&heads[i].bytes, text_.data() + n.key_offset, std::min<std::size_t>(n.key_length, 8));
    }
    for (std::size_t i = 1; i < members.size(); ++i)
      for (std::size_t k = 0; k < i; ++k) {
        const Head &a = heads[k], &b = heads[i];
        if (!a.escaped && !b.escaped && (a.length != b.length || a.bytes != b.bytes)) continue;
        if ((a.escaped || b.escaped || a.length > 8) &&
            !same_key(nodes_[members[k]], nodes_[members[i]]))
          continue;
        report(members[k], members[i]);
        break;
      }
    return;
  }
  std::vector<std::pair<std::string, std::uint32_t>> keys;
  keys.reserve(members.size());
  for (auto m : members) keys.emplace_back(key_of(nodes_[m]), m);
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1, first = 0; i < keys.size(); ++i) {
    if (keys[i].first != keys[first].first) {
      first = i;
    } else {
      report(keys[first].second, keys[i].second);
    }
  }
}

std::string_view JsonIndex::raw_key(const Node& n) const {
  return std::string_view(text_).substr(n.key_offset, n.key_length);
}

bool JsonIndex::same_key(const Node& a, const Node& b) const {
  if (!a.key_escaped && !b.key_escaped) return raw_key(a) == raw_key(b);
  return key_of(a) == key_of(b);
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
  return decode_json_string(raw_key(n));
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
  if (nodes_.empty() || !complete()) return std::nullopt;
  if (!pointer.empty() && pointer.front() != '/') return std::nullopt;
  std::uint32_t cur = 0;
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
      // The last of equal keys wins, as it does in the document.
      for (std::uint32_t k = 0; k < n.child_count; ++k) {
        const std::uint32_t child = children_[n.first_child + k];
        const Node& c = nodes_[child];
        if (c.key_escaped ? key_of(c) == token : raw_key(c) == token) next = child;
      }
    }
    if (!next) return std::nullopt;
    cur = *next;
  }
  return nodes_[cur].offset;
}

namespace {

// Code points (bytes that do not continue a UTF-8 sequence) in text[from, to).
std::size_t points_in(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (std::size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace

void JsonIndex::count_code_points() const {
  block_points_.assign(text_.size() / kBlock + 1, 0);
  std::size_t n = 0;
  for (std::size_t b = 1; b < block_points_.size(); ++b) {
    n += points_in(text_, (b - 1) * kBlock, b * kBlock);
    block_points_[b] = n;
  }
}

std::size_t JsonIndex::points_before(std::size_t offset) const {
  if (points_pending_) {  // counted on first need: most texts never need a column past 2 blocks
    points_pending_ = false;
    count_code_points();
  }
  const std::size_t block = offset / kBlock;
  if (block >= block_points_.size()) return points_in(text_, 0, offset);  // a text never scanned
  return block_points_[block] + points_in(text_, block * kBlock, offset);
}

// The column is the number of code points from the line's start, found from the counts kept
// per block rather than by walking the line: time per call is bounded by the block size, so
// locating every question of a pack written as one long line stays linear in its size.
TextPos JsonIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<int>(it - line_starts_.begin());
  std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
  if (line == 1 && bom_ && offset >= 3) start = 3;
  const std::size_t points = offset - start <= 2 * kBlock
                                 ? points_in(text_, start, offset)
                                 : points_before(offset) - points_before(start);
  return {line, static_cast<int>(points) + 1};
}

std::optional<TextPos> JsonIndex::find(std::string_view pointer) const {
  const auto offset = offset_of(pointer);
  if (!offset) return std::nullopt;
  return position(*offset);
}

}  // namespace qkv
