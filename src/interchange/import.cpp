#include "interchange/import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/text.hpp"
#include "interchange/import_detail.hpp"
#include "interchange/text_util.hpp"

namespace qkv::interchange {

namespace {

std::string lower_ext(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  const std::string_view ext = path.substr(dot);
  return lower_ascii(ext);
}

std::string normal(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : trim(s)) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// Looks for Aiken's shape: option lines "A." / "A)" followed by "ANSWER: X".
bool looks_like_aiken(std::string_view text) {
  bool option = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = trim(text.substr(pos, nl - pos));
    if (line.size() >= 3 && line[0] >= 'A' && line[0] <= 'Z' &&
        (line[1] == '.' || line[1] == ')') && line[2] == ' ')
      option = true;
    else if (option && line.substr(0, 7) == "ANSWER:")
      return true;
    pos = nl + 1;
  }
  return false;
}

// The last name of a category path "top/Attention/Scores" ("//" is a '/' inside a name).
std::string last_category_part(std::string_view path) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/' && i + 1 < path.size() && path[i + 1] == '/') {
      parts.back() += '/';
      ++i;
    } else if (path[i] == '/') {
      parts.emplace_back();
    } else {
      parts.back() += path[i];
    }
  }
  while (parts.size() > 1 && trim(parts.back()).empty()) parts.pop_back();
  return std::string(trim(parts.back()));
}

}  // namespace

const char* format_name(Format f) {
  switch (f) {
    case Format::gift:
      return "gift";
    case Format::aiken:
      return "aiken";
    case Format::moodle_xml:
      return "moodle-xml";
  }
  return "?";
}

std::optional<Format> parse_format(std::string_view name) {
  for (Format f : {Format::gift, Format::aiken, Format::moodle_xml})
    if (name == format_name(f)) return f;
  return std::nullopt;
}

std::optional<Format> detect_format(std::string_view path, std::string_view text) {
  const std::string ext = lower_ext(path);
  if (ext == ".gift") return Format::gift;
  if (ext == ".aiken") return Format::aiken;
  if (ext == ".xml") return Format::moodle_xml;
  std::string_view t = text;
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  t = trim(t);
  if (t.substr(0, 5) == "<?xml" || t.substr(0, 5) == "<quiz") return Format::moodle_xml;
  if (looks_like_aiken(t)) return Format::aiken;
  if (t.find('{') != std::string_view::npos || t.find("::") != std::string_view::npos ||
      t.find("$CATEGORY:") != std::string_view::npos)
    return Format::gift;
  return std::nullopt;
}

ReadResult read_format(Format f, std::string_view text, const std::string& file) {
  switch (f) {
    case Format::gift:
      return read_gift(text, file);
    case Format::aiken:
      return read_aiken(text, file);
    case Format::moodle_xml:
      return read_moodle_xml(text, file);
  }
  return {};
}

bool prepare_text(std::string_view input, const std::string& file, std::string& text,
                  ReadResult& out) {
  if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  std::size_t bad = 0;
  if (!valid_utf8(input, &bad)) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(input[bad]));
    out.errors.push_back({file, line_at(input, bad), 0, "",
                          std::string("not UTF-8 text: byte ") + byte +
                              " cannot start a character here; save the file as UTF-8 (for "
                              "example: iconv -f latin1 -t utf-8)",
                          Severity::error});
    return false;
  }
  text.clear();
  text.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '\r') {
      text += '\n';
      if (i + 1 < input.size() && input[i + 1] == '\n') ++i;
    } else {
      text += input[i];
    }
  }
  return true;
}

std::string format_weight(double percent) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", percent);
  return buf;
}

void check_multi_weights(const std::vector<double>& weights, const bank::ChoiceBody& body,
                         const std::function<void(const std::string&)>& note) {
  std::size_t right = 0;
  double sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i)
    if (body.options[i].correct) ++right, sum += weights[i];
  if (right == 0) return;
  const double each = 100.0 / static_cast<double>(right);
  bool same = std::abs(sum - 100) < 0.05;
  for (std::size_t i = 0; i < weights.size(); ++i)
    same = same && std::abs(std::abs(weights[i]) - each) < 0.05;
  if (same) return;
  std::string list;
  for (std::size_t i = 0; i < weights.size(); ++i)
    list += (list.empty() ? "" : ", ") + format_weight(weights[i]) + "%";
  note("the option weights (" + list +
       ") become right/wrong: qkv scores a multiple-answer "
       "question as (right picks - wrong picks) / " +
       std::to_string(right) + " right options, as if each right option were worth " +
       format_weight(each) + "% and each wrong one -" + format_weight(each) + "%");
}

std::optional<std::string> matching_problem(const bank::MatchingBody& body) {
  if (body.pairs.size() < 2)
    return "a matching question needs at least 2 pairs in qkv, found " +
           std::to_string(body.pairs.size());
  std::map<std::string, std::string> lefts, rights;
  for (const auto& p : body.pairs) {
    if (!lefts.emplace(normal(p.left), p.left).second)
      return "the left item \"" + p.left + "\" appears twice; qkv needs each once";
  }
  for (const auto& p : body.pairs)
    if (!rights.emplace(normal(p.right), p.right).second)
      return "the right item \"" + p.right +
             "\" answers two left items; in qkv each left item has its own right item";
  for (const auto& d : body.distractors)
    if (!rights.emplace(normal(d), d).second)
      return "the extra right item \"" + d + "\" appears twice (or is also a right answer)";
  return std::nullopt;
}

std::optional<std::string> ordering_problem(const std::vector<std::string>& items) {
  if (items.size() < 2)
    return "an ordering question needs at least 2 items, found " + std::to_string(items.size());
  std::set<std::string> seen;
  for (const auto& it : items)
    if (!seen.insert(normal(it)).second)
      return "the item \"" + it + "\" appears twice; qkv needs each once";
  return std::nullopt;
}

bank::Pack assemble(const std::vector<ReadResult>& files, const AssembleOptions& options,
                    std::vector<Diagnostic>& notes) {
  bank::Pack pack;
  pack.format = "qkv-pack/1";
  pack.id = options.pack_id;
  pack.title = options.title.empty() ? "Imported questions" : options.title;
  pack.version = "1.0.0";
  pack.description = options.description;

  const std::string fallback = options.concept_id.empty() ? "imported" : options.concept_id;
  std::map<std::string, std::string> concept_of_category;  // category path -> concept id
  std::set<std::string> concept_ids, question_ids;
  auto add_concept = [&](const std::string& id, const std::string& name) {
    if (concept_ids.insert(id).second) pack.concepts.push_back({id, name, "", "", {}, {}});
  };
  auto unique = [](std::set<std::string>& used, std::string base) {
    if (base.size() > 90) base.resize(90);
    std::string id = base;
    for (int n = 2; !used.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    return id;
  };

  std::size_t number = 0;
  for (const auto& f : files) {
    for (const auto& iq : f.questions) {
      ++number;
      bank::Question q = iq.question;
      // The concept: the category's last part, or the fallback.
      std::string concept_id = fallback;
      if (!options.force_concept && !iq.category.empty()) {
        auto it = concept_of_category.find(iq.category);
        if (it == concept_of_category.end()) {
          const std::string name = last_category_part(iq.category);
          std::string id = !iq.category_id.empty() && slug(iq.category_id) == iq.category_id
                               ? iq.category_id
                               : slug(name);
          if (id.empty()) id = "category";
          // Two categories with the same last part ("a/intro", "b/intro") stay apart.
          const std::string base = id;
          for (int n = 2; concept_ids.count(id); ++n) id = base + "-" + std::to_string(n);
          add_concept(id, name.empty() ? id : escape_controls(name));
          it = concept_of_category.emplace(iq.category, id).first;
        }
        concept_id = it->second;
      } else {
        add_concept(fallback, options.concept_id.empty() ? "Imported questions" : fallback);
      }
      q.concepts = {concept_id};
      // The id: the source's own, its title, or its number.
      std::string base;
      if (!iq.source_id.empty()) {
        base = slug(iq.source_id);
        if (base != iq.source_id && !base.empty())
          notes.push_back({iq.file, iq.line, 0, "",
                           "the id \"" + iq.source_id + "\" becomes \"" + base +
                               "\" (qkv ids are letters, digits, '.', '_' and '-')",
                           Severity::warning});
      }
      if (base.empty()) base = slug(iq.name);
      if (base.empty()) base = "q" + std::to_string(number);
      q.id = unique(question_ids, base);
      q.pack_id = pack.id;
      q.difficulty = 2;
      q.source = q.source.empty() ? iq.file + ":" + std::to_string(iq.line) : q.source;
      q.loc = {iq.file, "", iq.line, 0};
      pack.questions.push_back(std::move(q));
    }
  }
  return pack;
}

}  // namespace qkv::interchange
