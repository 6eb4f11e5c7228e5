#include "session/selection.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"

namespace qkv::session {

namespace {

bool has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::size_t count_for(const bank::Bank& bank, std::string_view concept_id) {
  std::size_t n = 0;
  for (const auto* q : bank.all_questions())
    if (has(q->concepts, concept_id)) ++n;
  return n;
}

std::optional<int> parse_level(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() != 1 || s[0] < '1' || s[0] > '3') return std::nullopt;
  return s[0] - '0';
}

}  // namespace

std::vector<int> parse_difficulty(std::string_view spec) {
  auto bad = [&]() {
    throw_usage(
        "--difficulty takes levels from 1 (recall) to 3 (apply), as \"2\", \"1-2\" or "
        "\"2,3\"; got '" +
        std::string(spec) + "'");
  };
  std::vector<int> levels;
  std::size_t start = 0;
  if (spec.empty()) bad();
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    if (comma == std::string_view::npos) comma = spec.size();
    const std::string_view part = spec.substr(start, comma - start);
    if (const auto dash = part.find('-'); dash != std::string_view::npos) {
      const auto lo = parse_level(part.substr(0, dash)), hi = parse_level(part.substr(dash + 1));
      if (!lo || !hi || *lo > *hi) bad();
      for (int l = *lo; l <= *hi; ++l) levels.push_back(l);
    } else {
      const auto l = parse_level(part);
      if (!l) bad();
      levels.push_back(*l);
    }
    start = comma + 1;
  }
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  return levels;
}

std::vector<bank::QuestionType> parse_types(const std::vector<std::string>& names) {
  std::vector<bank::QuestionType> out;
  for (const auto& raw : names) {
    std::string name = raw;
    std::replace(name.begin(), name.end(), '-', '_');
    const auto t = bank::parse_type(name);
    if (!t)
      throw_usage("--type '" + raw +
                  "' is not a question type; use single, multi, true_false, matching, ordering, "
                  "short, numeric, calculated or matrix");
    if (std::find(out.begin(), out.end(), *t) == out.end()) out.push_back(*t);
  }
  return out;
}

std::string describe_concepts(const bank::Bank& bank) {
  std::size_t width = 0;
  for (const auto& p : bank.packs)
    for (const auto& c : p.concepts) width = std::max(width, c.id.size());
  std::string out;
  for (const auto& p : bank.packs)
    for (const auto& c : p.concepts) {
      const auto n = count_for(bank, c.id);
      out += "  " + c.id + std::string(width - c.id.size() + 2, ' ') + c.name + " (" +
             plural(n, "question", "questions") + ")\n";
    }
  if (!out.empty()) out.pop_back();
  return out;
}

std::vector<const bank::Question*> select_questions(const bank::Bank& bank, const Selection& sel,
                                                    Rng& rng) {
  auto listing = [&] { return "The concepts in this bank are:\n" + describe_concepts(bank); };
  std::vector<std::string> unknown;
  for (const auto& c : sel.concepts)
    if (!bank.find_concept(c)) unknown.push_back(c);
  if (!unknown.empty()) {
    std::vector<std::string> ids;
    for (const auto& p : bank.packs)
      for (const auto& c : p.concepts) ids.push_back(c.id);
    std::string names, hints;
    for (const auto& u : unknown) {
      names += (names.empty() ? "'" : ", '") + sanitize_line(u) + "'";
      if (const auto hint = did_you_mean(u, ids); !hint.empty())
        hints += (unknown.size() == 1 ? "; " : "; for '" + sanitize_line(u) + "', ") + hint;
    }
    throw_usage("--concept " + names +
                (unknown.size() == 1 ? " is not a concept" : " are not concepts") +
                " of this bank" + hints + "\n" + listing());
  }
  const auto all = bank.all_questions();
  for (const auto& id : sel.ids) {
    const bool found = std::any_of(all.begin(), all.end(), [&](const bank::Question* q) {
      return q->id == id || q->full_id() == id;
    });
    if (!found)
      throw_usage("--id '" + id +
                  "' is not a question of this bank (ids look like "
                  "'core/query-role-01'; `qkv pack info` counts them)");
  }

  std::vector<const bank::Question*> picked;
  for (const auto* q : all) {
    if (!sel.ids.empty() && !has(sel.ids, q->id) && !has(sel.ids, q->full_id())) continue;
    if (!sel.concepts.empty() &&
        std::none_of(q->concepts.begin(), q->concepts.end(),
                     [&](const std::string& c) { return has(sel.concepts, c); }))
      continue;
    if (!sel.difficulties.empty() && std::find(sel.difficulties.begin(), sel.difficulties.end(),
                                               q->difficulty) == sel.difficulties.end())
      continue;
    if (!sel.types.empty() &&
        std::find(sel.types.begin(), sel.types.end(), q->type) == sel.types.end())
      continue;
    picked.push_back(q);
  }
  if (picked.empty())
    throw_usage(
        "no question matches this selection (--concept, --difficulty, --type, --id); "
        "widen it. " +
        listing());
  if (sel.order == QuestionOrder::shuffled) rng.shuffle(picked);
  if (sel.count > 0 && picked.size() > sel.count) picked.resize(sel.count);
  return picked;
}

}  // namespace qkv::session
