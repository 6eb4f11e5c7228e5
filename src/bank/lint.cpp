#include "bank/lint.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <variant>

#include "core/text.hpp"

namespace qkv::bank {

namespace {

Diagnostic warning(const SourceLoc& loc, const std::string& suffix, std::string message) {
  return suffix.empty()
             ? make_warning(loc.file, loc.pointer, std::move(message), loc.line, loc.column)
             : make_warning(loc.file, loc.pointer + suffix, std::move(message));
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

}  // namespace

std::vector<Diagnostic> lint_pack(const Pack& pack, const LintOptions& options) {
  std::vector<Diagnostic> out;
  std::map<std::string, int> uses;
  for (const Concept& c : pack.concepts) uses[c.id] = 0;

  for (const Question& q : pack.questions) {
    for (const auto& c : q.concepts) ++uses[c];
    if (q.explanation.empty())
      out.push_back(warning(q.loc, "",
                            "question \"" + q.id +
                                "\" has no explanation; add \"explanation\", shown after the "
                                "answer, saying why the right answer is right"));
    if (q.source.empty())
      out.push_back(warning(q.loc, "",
                            "question \"" + q.id +
                                "\" has no source; add \"source\" naming where its facts come "
                                "from (a seed file or a reference)"));
    if (const auto* choice = std::get_if<ChoiceBody>(&q.body)) {
      lint_choice(q, *choice, out);
    } else if (const auto* tf = std::get_if<TrueFalseBody>(&q.body)) {
      const bool missing = tf->answer ? tf->feedback_false.empty() : tf->feedback_true.empty();
      if (missing) {
        const std::string wrong = tf->answer ? "false" : "true";
        out.push_back(warning(q.loc, "",
                              "no feedback for the wrong answer (" + wrong + "); add \"feedback_" +
                                  wrong + "\" saying why it is wrong"));
      }
    }
  }

  for (const Concept& c : pack.concepts) {
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
  return out;
}

}  // namespace qkv::bank
