#include "core/suggest.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace qkv {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = lower_ascii(a[i - 1]) == lower_ascii(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest_name(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  constexpr std::size_t kMaxWord = 64, kMaxCandidates = 5000;
  if (word.empty() || word.size() > kMaxWord || candidates.size() > kMaxCandidates)
    return std::nullopt;
  const std::size_t allowed = word.size() <= 2   ? 0
                              : word.size() <= 4 ? 1
                              : word.size() <= 8 ? 2
                                                 : 3;
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& c : candidates) {
    if (c == word) return std::nullopt;
    if (c.size() > word.size() + allowed || c.size() + allowed < word.size()) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

std::vector<std::string> likely_meant(std::string_view word,
                                      const std::vector<std::string>& candidates) {
  if (auto near = nearest_name(word, candidates)) return {*near};
  std::vector<std::string> containing;
  if (word.size() < 3 || word.size() > 64) return containing;
  const std::string w = lower_ascii(word);
  for (const auto& c : candidates)
    if (lower_ascii(c).find(w) != std::string::npos && c != word) containing.push_back(c);
  if (containing.size() > 4) containing.clear();
  return containing;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto names = likely_meant(word, candidates);
  if (names.empty()) return "";
  if (names.size() == 1) return "did you mean '" + names.front() + "'?";
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "'" : ", '") + n + "'";
  return "did you mean one of " + list + "?";
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
  return out;
}

}  // namespace qkv
