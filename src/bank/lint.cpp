#include "bank/lint.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "bank/pack_fields.hpp"
#include "core/fences.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "core/unicode.hpp"
#include "json/index.hpp"
#include "json/strings.hpp"

namespace qkv::bank {

namespace {

Diagnostic warning(const SourceLoc& loc, const std::string& suffix, std::string message) {
  return suffix.empty()
             ? make_warning(loc.file, loc.pointer, std::move(message), loc.line, loc.column)
             : make_warning(loc.file, loc.pointer + suffix, std::move(message));
}

std::string percent_of(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * share);
  return buf;
}

std::string percent(std::size_t part, std::size_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

// Up to three example ids, for pack-wide warnings.
std::string examples(const std::vector<std::string>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < 3; ++i) out += (i ? ", " : "") + ids[i];
  if (ids.size() > 3) out += ", ...";
  return out;
}

bool catch_all_option(const std::string& text) {
  const std::string t = normalize_answer(text);
  for (const char* phrase : {"all of the above", "none of the above", "all of these",
                             "none of these", "both of the above", "neither of the above"})
    if (t.find(phrase) != std::string::npos) return true;
  return false;
}

void lint_choice(const Question& q, const ChoiceBody& body, std::vector<Diagnostic>& out) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < body.options.size(); ++i) {
    const Option& o = body.options[i];
    const std::string at = "/options/" + std::to_string(i);
    if (!o.correct && o.feedback.empty())
      out.push_back(warning(q.loc, at,
                            "wrong option without feedback; add \"feedback\" saying why it is "
                            "wrong, so that a learner who picks it learns something"));
    if (catch_all_option(o.text))
      out.push_back(warning(q.loc, at,
                            "\"all/none of the above\" option; options are shuffled, and such "
                            "options test test-taking rather than the idea: write a real option"));
    auto [it, fresh] = seen.emplace(normalize_answer(o.text), i);
    if (!fresh)
      out.push_back(warning(q.loc, at,
                            "same text as option " + std::to_string(it->second) +
                                "; learners cannot tell the two apart"));
  }
}

// The share of questions where a correct option is strictly the longest, against chance.
void lint_longest(const Pack& pack, const LintOptions& options, const SourceLoc& where,
                  std::vector<Diagnostic>& out) {
  std::size_t considered = 0, longest = 0;
  double expected = 0;
  std::vector<std::string> ids;
  for (const Question& q : pack.questions) {
    const auto* body = std::get_if<ChoiceBody>(&q.body);
    if (!body || body->options.size() < 2) continue;
    std::size_t best = 0, best_width = 0, correct = 0;
    bool tie = false;
    for (std::size_t i = 0; i < body->options.size(); ++i) {
      const std::size_t w = display_width(body->options[i].text);
      correct += body->options[i].correct ? 1 : 0;
      if (w > best_width) {
        best = i, best_width = w, tie = false;
      } else if (w == best_width) {
        tie = true;
      }
    }
    ++considered;
    expected += static_cast<double>(correct) / static_cast<double>(body->options.size());
    if (!tie && body->options[best].correct) ++longest, ids.push_back(q.id);
  }
  if (considered < options.min_sample) return;
  if (static_cast<double>(longest) > options.longest_share * static_cast<double>(considered) &&
      static_cast<double>(longest) > 1.5 * expected)
    out.push_back(warning(where, "",
                          "a correct option is the longest option in " + std::to_string(longest) +
                              " of " + std::to_string(considered) + " choice questions (" +
                              percent(longest, considered) +
                              "); learners can guess by length. Make some distractors longer "
                              "(for example " +
                              examples(ids) + ")"));
}

// Whether correct answers pile up in one position: option a/b/c/... of single questions, and
// true/false of true_false questions.
void lint_positions(const Pack& pack, const LintOptions& options, const SourceLoc& where,
                    std::vector<Diagnostic>& out) {
  std::vector<std::size_t> observed;
  std::vector<double> expected;
  std::size_t singles = 0, trues = 0, true_false = 0;
  for (const Question& q : pack.questions) {
    if (q.type == QuestionType::single) {
      const auto& opts = std::get<ChoiceBody>(q.body).options;
      if (opts.size() > observed.size()) observed.resize(opts.size()), expected.resize(opts.size());
      for (std::size_t i = 0; i < opts.size(); ++i) {
        expected[i] += 1.0 / static_cast<double>(opts.size());
        if (opts[i].correct) ++observed[i];
      }
      ++singles;
    } else if (q.type == QuestionType::true_false) {
      ++true_false;
      if (std::get<TrueFalseBody>(q.body).answer) ++trues;
    }
  }
  auto piles = [&](double count, double total, double even) {
    return total >= static_cast<double>(options.min_sample) &&
           count > options.position_share * total && count > 1.5 * even;
  };
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (!piles(static_cast<double>(observed[i]), static_cast<double>(singles), expected[i]))
      continue;
    out.push_back(warning(where, "",
                          "the correct option is option " + std::string(1, char('a' + i % 26)) +
                              " in " + std::to_string(observed[i]) + " of " +
                              std::to_string(singles) + " single-choice questions (" +
                              percent(observed[i], singles) +
                              "); spread correct answers across positions (learners who see "
                              "options in pack order, with --in-order, could guess)"));
  }
  const std::size_t majority = std::max(trues, true_false - trues);
  if (piles(static_cast<double>(majority), static_cast<double>(true_false), true_false / 2.0))
    out.push_back(
        warning(where, "",
                "the answer is " + std::string(trues >= true_false - trues ? "true" : "false") +
                    " in " + std::to_string(majority) + " of " + std::to_string(true_false) +
                    " true/false questions (" + percent(majority, true_false) + "); balance them"));
}

// ---- Text rules: near-duplicate prompts, stems that give the answer away, hints that do.

// Lower-case ASCII words (letters, digits and '_'); every other byte separates words, so that
// "q·k" is two words and "d_k" one.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && (std::isalnum(c) || c == '_')) {
      w += static_cast<char>(std::tolower(c));
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

// The 3-word shingles of a prompt, hashed, sorted and unique; empty for prompts of fewer than
// 5 words, which are too short to call near-duplicates.
std::vector<std::uint64_t> shingles(std::string_view prompt) {
  const auto w = words_of(prompt);
  std::vector<std::uint64_t> out;
  if (w.size() < 5) return out;
  std::string shingle;
  for (std::size_t i = 0; i + 3 <= w.size(); ++i) {
    shingle.assign(w[i]).append(1, ' ').append(w[i + 1]).append(1, ' ').append(w[i + 2]);
    out.push_back(std::hash<std::string>{}(shingle));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  const std::size_t all = a.size() + b.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

void lint_near_duplicates(const Pack& pack, const LintOptions& options,
                          std::vector<Diagnostic>& out) {
  if (options.near_duplicate > 1.0) return;
  std::vector<std::string_view> prompts;
  prompts.reserve(pack.questions.size());
  for (const Question& q : pack.questions) prompts.emplace_back(q.prompt);
  for (const NearDuplicate& pair : near_duplicates(prompts, options.near_duplicate)) {
    const Question& first = pack.questions[pair.first];
    out.push_back(warning(pack.questions[pair.second].loc, "/prompt",
                          "prompt is a near-duplicate of question \"" + first.id + "\" (" +
                              where_defined(first.loc) + "): " + percent_of(pair.similarity) +
                              " of their 3-word shingles are shared, above " +
                              percent_of(options.near_duplicate) +
                              "; merge the two or make them ask different things"));
  }
}

// Content words (3 letters or more, not a function word), with a crude plural/-ing/-ed ending
// removed so that "keys" and "key" count as one.
std::set<std::string> content_words(std::string_view text) {
  static const std::set<std::string> stop = {
      "the",   "and",   "for",   "with",  "from",  "that",   "this",  "its",  "are",   "was",
      "were",  "which", "what",  "who",   "whose", "how",    "why",   "when", "where", "each",
      "every", "all",   "any",   "one",   "two",   "not",    "only",  "into", "than",  "then",
      "their", "there", "these", "those", "them",  "they",   "has",   "have", "had",   "does",
      "can",   "may",   "must",  "will",  "would", "should", "could", "such", "same",  "other",
      "more",  "most",  "less",  "also",  "just",  "very",   "but",   "its",  "our",   "your"};
  std::set<std::string> out;
  for (std::string w : words_of(text)) {
    if (w.size() < 3 || stop.count(w)) continue;
    for (const char* suffix : {"ing", "es", "s", "ed"}) {
      const std::size_t n = std::char_traits<char>::length(suffix);
      if (w.size() >= n + 4 && w.compare(w.size() - n, n, suffix) == 0) {
        w.resize(w.size() - n);
        break;
      }
    }
    out.insert(w);
  }
  return out;
}

// A correct option whose distinctive words (those no other option has) the stem repeats: at
// least two of them, three quarters or more, and more than any wrong option's own words in the
// stem (a stem that describes every option evenly is fine).
void lint_stem_echo(const Question& q, const ChoiceBody& body, std::vector<Diagnostic>& out) {
  const std::set<std::string> stem = content_words(q.prompt);
  std::vector<std::set<std::string>> words;
  for (const Option& o : body.options) words.push_back(content_words(o.text));
  auto own = [&](std::size_t i) {
    std::set<std::string> r = words[i];
    for (std::size_t j = 0; j < words.size(); ++j)
      if (j != i)
        for (const auto& w : words[j]) r.erase(w);
    return r;
  };
  auto in_stem = [&](const std::set<std::string>& ws) {
    std::vector<std::string> hit;
    for (const auto& w : ws)
      if (stem.count(w)) hit.push_back(w);
    return hit;
  };
  std::size_t wrong_best = 0;
  for (std::size_t i = 0; i < body.options.size(); ++i)
    if (!body.options[i].correct) wrong_best = std::max(wrong_best, in_stem(own(i)).size());
  for (std::size_t i = 0; i < body.options.size(); ++i) {
    if (!body.options[i].correct) continue;
    const auto distinctive = own(i);
    const auto hit = in_stem(distinctive);
    if (hit.size() >= 2 && 4 * hit.size() >= 3 * distinctive.size() && hit.size() > wrong_best)
      out.push_back(warning(q.loc, "/options/" + std::to_string(i),
                            "the stem repeats this correct option's distinctive words (" +
                                join(hit, ", ") +
                                "), which no other option has: a learner can match words "
                                "instead of knowing the answer. Reword the option or the stem"));
  }
}

// Whether `needle` occurs in `hay` as whole words (both normalised to lower-case words).
bool contains_words(const std::string& hay, const std::string& needle) {
  const auto n = words_of(needle);
  if (n.empty()) return false;
  const auto h = words_of(hay);
  return std::search(h.begin(), h.end(), n.begin(), n.end()) != h.end();
}

void lint_hints(const Question& q, std::vector<Diagnostic>& out) {
  std::vector<std::string> keyed;
  if (const auto* c = std::get_if<ChoiceBody>(&q.body)) {
    for (const Option& o : c->options)
      if (o.correct) keyed.push_back(o.text);
  } else if (const auto* s = std::get_if<ShortBody>(&q.body)) {
    keyed = s->accept;
  }
  for (std::size_t h = 0; h < q.hints.size(); ++h)
    for (const auto& k : keyed) {
      // Single letters and symbols ("V", "k") are too short to say a hint gives them away.
      std::size_t letters = 0;
      for (const auto& w : words_of(k)) letters += w.size();
      if (letters < 3 || !contains_words(q.hints[h], k)) continue;
      out.push_back(warning(q.loc, "/hints/" + std::to_string(h),
                            "the hint contains the answer \"" + k +
                                "\"; a hint should point the way without giving the answer"));
      break;
    }
}

// Difficulty against the rubric (1 recall a fact; 2 explain or predict one step; 3 apply
// several steps or analyse a case), by the signals the type gives away.
void lint_difficulty(const Question& q, std::vector<Diagnostic>& out) {
  const bool recall_type = q.type == QuestionType::true_false || q.type == QuestionType::short_text;
  const auto* numeric = std::get_if<NumericBody>(&q.body);
  const bool computed = q.type == QuestionType::calculated || q.type == QuestionType::matrix ||
                        (numeric && numeric->calc);
  if (q.difficulty == 3 && recall_type)
    out.push_back(warning(q.loc, "/difficulty",
                          std::string("a ") + type_name(q.type) +
                              " question at difficulty 3; the rubric keeps 3 for applying several "
                              "steps or analysing a case, which this type rarely asks (use 1 for "
                              "recall, 2 for one step of reasoning)"));
  if (q.difficulty == 1 && computed)
    out.push_back(warning(q.loc, "/difficulty",
                          "a computed question at difficulty 1; the rubric keeps 1 for recalling a "
                          "fact, and a computation is at least one step (2)"));
}

// Multi-select questions that mostly have the same number of correct options teach learners to
// pick that many.
void lint_multi_counts(const Pack& pack, const LintOptions& options, const SourceLoc& where,
                       std::vector<Diagnostic>& out) {
  if (options.multi_count_share > 1.0) return;
  std::map<std::size_t, std::vector<std::string>> by_count;
  std::size_t multis = 0;
  for (const Question& q : pack.questions) {
    if (q.type != QuestionType::multi) continue;
    const auto& opts = std::get<ChoiceBody>(q.body).options;
    by_count[static_cast<std::size_t>(std::count_if(opts.begin(), opts.end(), [](const Option& o) {
      return o.correct;
    }))].push_back(q.id);
    ++multis;
  }
  if (multis < std::max<std::size_t>(options.min_multi, 1)) return;
  for (const auto& [count, ids] : by_count)
    if (static_cast<double>(ids.size()) > options.multi_count_share * static_cast<double>(multis))
      out.push_back(warning(where, "",
                            std::to_string(ids.size()) + " of " + std::to_string(multis) +
                                " multi-select questions (" + percent(ids.size(), multis) +
                                ") have exactly " + std::to_string(count) +
                                " correct options; vary the number so that learners cannot count "
                                "their way to the answer (for example " +
                                examples(ids) + ")"));
}
// A ``` fence in shown text that is never closed: the rest of the text would be shown verbatim.
void lint_fence(const SourceLoc& loc, const std::string& at, const std::string& text,
                std::vector<Diagnostic>& out) {
  if (const auto line = unclosed_fence_line(text))
    out.push_back(warning(loc, at,
                          "code fence opened on line " + std::to_string(*line) +
                              " of this text is never closed; end the block with a line "
                              "holding only ``` (until then every line is shown verbatim)"));
}

void lint_fences(const Question& q, std::vector<Diagnostic>& out) {
  lint_fence(q.loc, "/prompt", q.prompt, out);
  lint_fence(q.loc, "/explanation", q.explanation, out);
  for (std::size_t i = 0; i < q.hints.size(); ++i)
    lint_fence(q.loc, "/hints/" + std::to_string(i), q.hints[i], out);
  if (const auto* choice = std::get_if<ChoiceBody>(&q.body)) {
    for (std::size_t i = 0; i < choice->options.size(); ++i) {
      const std::string at = "/options/" + std::to_string(i);
      lint_fence(q.loc, at + "/text", choice->options[i].text, out);
      lint_fence(q.loc, at + "/feedback", choice->options[i].feedback, out);
    }
  } else if (const auto* tf = std::get_if<TrueFalseBody>(&q.body)) {
    lint_fence(q.loc, "/feedback_true", tf->feedback_true, out);
    lint_fence(q.loc, "/feedback_false", tf->feedback_false, out);
  }
}

}  // namespace

namespace {

// What is wrong with a text's characters, or "" when nothing is: each control character (other
// than newline and tab) and each is_hidden_format character, with its place in the text.
std::string hidden_characters(std::string_view text) {
  std::string found;
  if (std::all_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t';
      }))
    return found;  // printable ASCII, the usual case

  std::size_t shown = 0, count = 0, index = 0;
  for (std::size_t i = 0; i < text.size(); ++index) {
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) len = 1, cp = 0xFFFD;
    i += len;
    const bool control = (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
    if (!control && !is_hidden_format(cp)) continue;
    ++count;
    if (shown++ < 5) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%sU+%04X at character %zu", found.empty() ? "" : ", ",
                    static_cast<unsigned>(cp), index + 1);
      found += buf;
    }
  }
  if (count > shown) found += " and " + std::to_string(count - shown) + " more";
  return found;
}

// Whether some string (or key) of a JSON text might hold a character hidden_characters names.
// False only when none can: every character outside an escape is printable ASCII, a newline, a
// tab, or a code point that is neither a control nor term::is_hidden_format; every escape is
// \n, \t, \", \\, \/ or a \u that names no such character. (Outside strings, JSON has only
// ASCII punctuation and white space.) It reads the bytes once, without building a document.
bool may_hide_characters(std::string_view text) {
  auto hex = [&](std::size_t at, std::uint32_t& cp) {
    if (at + 4 > text.size()) return false;
    cp = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      const char c = text[k];
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return false;
      cp = cp * 16 + static_cast<std::uint32_t>(d);
    }
    return true;
  };
  auto shown = [](std::uint32_t cp) {
    return !(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_hidden_format(cp));
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      ++i;
    } else if (c == '\n' || c == '\t' || c == '\r') {
      ++i;  // white space between values; inside a string the scan refuses it anyway
    } else if (c == '\\') {
      if (i + 1 >= text.size()) return true;
      const char e = text[i + 1];
      if (e == 'n' || e == 't' || e == '"' || e == '\\' || e == '/') {
        i += 2;
      } else if (e == 'u') {
        std::uint32_t cp = 0;
        // A surrogate (half of a pair, or alone) is left to the full check.
        if (!hex(i + 2, cp) || (cp >= 0xD800 && cp <= 0xDFFF) || !shown(cp)) return true;
        i += 6;
      } else {
        return true;  // \b, \f, \r, or not JSON
      }
    } else if (c >= 0x80) {
      std::uint32_t cp = 0;
      const std::size_t len = decode_utf8(text, i, cp);
      if (len == 0 || !shown(cp)) return true;
      i += len;
    } else {
      return true;  // a control byte, or DEL
    }
  }
  return false;
}

// The files a pack was read from.
std::vector<std::string> pack_files(const Pack& pack) {
  std::vector<std::string> files;
  auto add = [&](const std::string& f) {
    if (!f.empty() && std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
  };
  std::error_code ec;
  if (std::filesystem::is_directory(pack.path, ec)) {
    add((std::filesystem::path(pack.path) / "pack.json").string());
  } else {
    add(pack.path);
  }
  for (const auto& c : pack.concepts) add(c.loc.file);
  for (const auto& q : pack.questions) add(q.loc.file);
  return files;
}

// One warning per string (or key) of the pack's files that holds control or invisible
// characters: a learner would be shown text that reads differently from what is stored.
void lint_hidden(const Pack& pack, const LintOptions& options, std::vector<Diagnostic>& out) {
  std::vector<std::string> files;
  if (options.texts.empty()) {
    files = pack_files(pack);
  } else {
    for (const auto& [file, text] : options.texts) files.push_back(file);
  }
  for (const auto& file : files) {
    nlohmann::json doc;
    JsonScanOptions scan;
    scan.document = &doc;
    std::optional<JsonIndex> index;
    try {
      const auto held = options.texts.find(file);
      std::string text = held != options.texts.end() ? std::string(held->second)
                                                     : read_text_file(file, kMaxPackBytes);
      // Most files hold no such character: they are not parsed again to find none.
      if (!may_hide_characters(text)) continue;
      index.emplace(std::move(text), scan);
    } catch (const Error&) {
      continue;  // it was read a moment ago; nothing to add if it is gone now
    }
    if (!index->complete()) continue;
    auto warn = [&](const std::string& pointer, std::string_view text, const char* what) {
      const std::string found = hidden_characters(text);
      if (found.empty()) return;
      Diagnostic d;
      d.file = file;
      d.pointer = pointer;
      if (auto pos = index->find(pointer)) d.line = pos->line, d.column = pos->column;
      d.message = std::string(what) + " holds invisible or control characters (" + found +
                  "); they can make it read differently from what is stored (learners see them "
                  "as <U+XXXX>): remove them";
      d.severity = Severity::warning;
      out.push_back(std::move(d));
    };
    // Depth-first without recursion (the scan already refused deep nesting).
    std::vector<std::pair<const nlohmann::json*, std::string>> todo{{&doc, ""}};
    while (!todo.empty()) {
      auto [value, pointer] = todo.back();
      todo.pop_back();
      if (value->is_string()) {
        warn(pointer, value->get_ref<const std::string&>(), "this text");
      } else if (value->is_object()) {
        for (auto it = value->begin(); it != value->end(); ++it) {
          const std::string child = pointer + "/" + pointer_token(it.key());
          warn(child, it.key(), "this key");
          todo.emplace_back(&it.value(), child);
        }
      } else if (value->is_array()) {
        for (std::size_t i = 0; i < value->size(); ++i)
          todo.emplace_back(&(*value)[i], pointer + "/" + std::to_string(i));
      }
    }
  }
}

}  // namespace

// A similarity join with prefix and position filters (Xiao et al., "Efficient similarity joins
// for near duplicate detection", 2008), so that a pack of many prompts is not compared pair by
// pair. The filters only skip pairs that cannot be above the threshold; every pair they keep is
// measured exactly as before (jaccard on the hashed shingles), so the result is the all-pairs
// one, in the same order.
std::vector<NearDuplicate> near_duplicates(const std::vector<std::string_view>& prompts,
                                           double threshold) {
  std::vector<NearDuplicate> found;
  const std::size_t n = prompts.size();
  std::vector<std::vector<std::uint64_t>> sh(n);
  for (std::size_t i = 0; i < n; ++i) sh[i] = shingles(prompts[i]);
  if (threshold > 1.0) return found;
  if (!(threshold >= 0.0)) {
    // Below 0 (or NaN) every pair is reported, shared shingles or not: nothing to filter.
    for (std::size_t b = 1; b < n; ++b)
      for (std::size_t a = 0; a < b && !sh[b].empty(); ++a)
        if (!sh[a].empty()) found.push_back({a, b, jaccard(sh[a], sh[b])});
    return found;
  }
  std::unordered_map<std::uint64_t, std::uint32_t>
      rank;  // shingle -> document frequency, then rank
  for (const auto& set : sh)
    for (const auto h : set) ++rank[h];
  // Rare shingles first: a pair's rarest common shingle is then early in both prompts.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> order;
  order.reserve(rank.size());
  for (const auto& [h, count] : rank) order.emplace_back(count, h);
  std::sort(order.begin(), order.end());
  for (std::size_t r = 0; r < order.size(); ++r)
    rank[order[r].second] = static_cast<std::uint32_t>(r);
  std::vector<std::vector<std::uint32_t>> ranked(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto h : sh[i]) ranked[i].push_back(rank[h]);
    std::sort(ranked[i].begin(), ranked[i].end());
  }
  // Whether c shared shingles could make a pair of sizes x and y similar enough, computed as
  // jaccard computes it (so a pair at exactly the threshold is not kept either). The share only
  // grows with c, and c shared shingles give at most c / x whatever the partner.
  auto enough = [threshold](std::size_t c, std::size_t x, std::size_t y) {
    return static_cast<double>(c) / static_cast<double>(x + y - c) > threshold;
  };
  // The prefix: all but the last (least shingles needed - 1) shingles of a prompt. A pair that
  // qualifies shares at least that many with each side, so its rarest shared shingle is in both
  // prefixes (0 when no partner could qualify).
  auto prefix = [&](std::size_t x) {
    std::size_t c = 1;
    while (c <= x && !enough(c, x, c)) ++c;
    return c > x ? 0 : x - c + 1;
  };
  // The prefix shingles of the prompts seen so far, grouped by (prompt length, position): the
  // position filter then judges a whole group at once.
  struct Group {
    std::uint32_t length, position;
    std::vector<std::uint32_t> ids;
  };
  std::vector<std::vector<Group>> index(order.size());
  std::vector<std::size_t> stamp(n, 0);
  std::vector<std::uint32_t> candidates;
  for (std::size_t b = 0; b < n; ++b) {
    const auto& y = ranked[b];
    if (y.empty()) continue;
    const std::size_t p = prefix(y.size());
    candidates.clear();
    for (std::size_t i = 0; i < p; ++i) {
      for (const Group& g : index[y[i]]) {
        // The first shared shingle of a pair that qualifies is in both prefixes; what can still
        // be shared after it is bounded by what follows it in each prompt.
        const std::size_t bound =
            1 + std::min<std::size_t>(g.length - g.position - 1, y.size() - i - 1);
        if (!enough(bound, g.length, y.size())) continue;
        for (const auto a : g.ids) {
          if (stamp[a] == b + 1) continue;
          stamp[a] = b + 1;
          candidates.push_back(a);
        }
      }
    }
    std::sort(candidates.begin(), candidates.end());
    for (const auto a : candidates) {
      const double sim = jaccard(sh[a], sh[b]);
      if (sim > threshold) found.push_back({a, b, sim});
    }
    for (std::size_t i = 0; i < p; ++i) {
      auto& groups = index[y[i]];
      const auto length = static_cast<std::uint32_t>(y.size());
      const auto position = static_cast<std::uint32_t>(i);
      auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& e) {
        return e.length == length && e.position == position;
      });
      if (g == groups.end()) g = groups.insert(groups.end(), Group{length, position, {}});
      g->ids.push_back(static_cast<std::uint32_t>(b));
    }
  }
  return found;
}

std::vector<Diagnostic> lint_pack(const Pack& pack, const LintOptions& options) {
  std::vector<Diagnostic> out;
  lint_hidden(pack, options, out);
  std::map<std::string, int> uses;
  for (const Concept& c : pack.concepts) uses[c.id] = 0;

  for (const Question& q : pack.questions) {
    for (const auto& c : q.concepts) ++uses[c];
    lint_fences(q, out);
    if (q.explanation.empty())
      out.push_back(warning(q.loc, "",
                            "question \"" + q.id +
                                "\" has no explanation; add \"explanation\", shown after the "
                                "answer, saying why the right answer is right"));
    if (q.source.empty())
      out.push_back(warning(q.loc, "",
                            "question \"" + q.id +
                                "\" has no source; add \"source\" naming where its facts come "
                                "from (a reference a learner can follow: a paper and section, a "
                                "documentation page, or the concept's note)"));
    if (const auto* choice = std::get_if<ChoiceBody>(&q.body)) {
      lint_choice(q, *choice, out);
      lint_stem_echo(q, *choice, out);
    } else if (const auto* tf = std::get_if<TrueFalseBody>(&q.body)) {
      const bool missing = tf->answer ? tf->feedback_false.empty() : tf->feedback_true.empty();
      if (missing) {
        const std::string wrong = tf->answer ? "false" : "true";
        out.push_back(warning(q.loc, "",
                              "no feedback for the wrong answer (" + wrong + "); add \"feedback_" +
                                  wrong + "\" saying why it is wrong"));
      }
    }
    lint_hints(q, out);
    lint_difficulty(q, out);
  }

  for (const Concept& c : pack.concepts) {
    lint_fence(c.loc, "/summary", c.summary, out);
    lint_fence(c.loc, "/note", c.note, out);
    const int n = uses[c.id];
    if (n == 0) {
      out.push_back(warning(
          c.loc, "",
          "concept \"" + c.id + "\" is not named by any question; add questions or remove it"));
    } else if (n < options.min_per_concept) {
      out.push_back(warning(c.loc, "",
                            "concept \"" + c.id + "\" has " + plural(n, "question", "questions") +
                                ", fewer than " + std::to_string(options.min_per_concept) +
                                " (--min-per-concept)"));
    }
  }

  // Pack-wide patterns are reported at the pack's metadata: the top of a single-file pack, or
  // its pack.json.
  SourceLoc where;
  const bool single_file = !pack.questions.empty() && pack.questions.front().loc.file == pack.path;
  where.file = single_file || pack.path.empty()
                   ? pack.path
                   : (std::filesystem::path(pack.path) / "pack.json").string();
  where.line = 1, where.column = 1;
  lint_longest(pack, options, where, out);
  lint_positions(pack, options, where, out);
  lint_multi_counts(pack, options, where, out);
  lint_near_duplicates(pack, options, out);
  return out;
}

}  // namespace qkv::bank
