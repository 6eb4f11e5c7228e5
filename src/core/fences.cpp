#include "core/fences.hpp"

namespace qkv {

namespace {

// The number of backticks that open a fence on this line (0 when it is no fence).
std::size_t fence_ticks(std::string_view line) {
  const std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return 0;
  std::size_t n = 0;
  while (start + n < line.size() && line[start + n] == '`') ++n;
  if (n < 3) return 0;
  // An info string may not hold a backtick (CommonMark), so "```a``` b" is prose.
  if (line.substr(start + n).find('`') != std::string_view::npos) return 0;
  return n;
}

bool closes(std::string_view line, std::size_t ticks) {
  const std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  const std::size_t end = line.find_last_not_of(" \t\r");
  const std::string_view core = line.substr(start, end - start + 1);
  return core.size() >= ticks && core.find_first_not_of('`') == std::string_view::npos;
}

std::string trim(std::string_view s) {
  const std::size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return "";
  const std::size_t b = s.find_last_not_of(" \t\r");
  return std::string(s.substr(a, b - a + 1));
}

}  // namespace

std::vector<TextBlock> split_fences(std::string_view text) {
  std::vector<TextBlock> out;
  std::size_t ticks = 0;  // the open fence's backticks, 0 outside a fence
  int number = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t nl = text.find('\n', at);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = text.substr(at, end - at);
    ++number;
    if (ticks == 0) {
      if (const std::size_t n = fence_ticks(line); n > 0) {
        ticks = n;
        TextBlock b;
        b.code = true;
        b.info = trim(line.substr(line.find('`') + n));
        b.first_line = number;
        b.closed = false;
        out.push_back(std::move(b));
      } else if (!(nl == std::string_view::npos && line.empty())) {
        // (A final newline does not start one more, empty, line.)
        if (out.empty() || out.back().code) {
          out.push_back({});
          out.back().first_line = number;
        }
        out.back().lines.emplace_back(line);
      }
    } else if (closes(line, ticks)) {
      out.back().closed = true;
      ticks = 0;
    } else if (!(nl == std::string_view::npos && line.empty())) {
      out.back().lines.emplace_back(line);
    }
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return out;
}

std::optional<int> unclosed_fence_line(std::string_view text) {
  for (const auto& b : split_fences(text))
    if (b.code && !b.closed) return b.first_line;
  return std::nullopt;
}

}  // namespace qkv
