#include "session/typed_answer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <variant>

#include "core/numbers.hpp"
#include "core/text.hpp"
#include "practice/matrix_answer.hpp"

namespace qkv::session {

namespace {

using bank::QuestionType;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Splits on white space, commas and semicolons; tokens are lower-cased.
std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (is_space(c) || c == ',' || c == ';') {
      if (!cur.empty()) out.push_back(lower_ascii(cur)), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(lower_ascii(cur));
  return out;
}

bool all_letters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "a-d", or "1-30" when there are more positions than letters.
std::string range_text(std::size_t n) {
  if (n == 0) return "none";
  if (n == 1) return position_label(0);
  if (n <= 26) return position_label(0) + "-" + position_label(n - 1);
  return "1-" + std::to_string(n);
}

// A displayed position from a letter or a 1-based number, with one trailing ')' or '.' allowed.
std::optional<std::size_t> position_of(std::string_view tok, std::size_t count) {
  if (!tok.empty() && (tok.back() == ')' || tok.back() == '.')) tok.remove_suffix(1);
  if (tok.size() == 1 && tok[0] >= 'a' && tok[0] <= 'z') {
    const auto i = static_cast<std::size_t>(tok[0] - 'a');
    if (i < count) return i;
    return std::nullopt;
  }
  if (all_digits(tok) && tok.size() <= 4) {
    const auto n = static_cast<std::size_t>(std::stoul(std::string(tok)));
    if (n >= 1 && n <= count) return n - 1;
  }
  return std::nullopt;
}

// Splits a token such as "cabd" into single letters when that is what it must mean.
std::vector<std::string> expand_compact(std::vector<std::string> toks) {
  if (toks.size() == 1 && toks[0].size() > 1 && all_letters(toks[0])) {
    std::vector<std::string> out;
    for (char c : toks[0]) out.emplace_back(1, c);
    return out;
  }
  return toks;
}

struct Fail {
  const PresentedQuestion& pq;
  ParseOutcome operator()(const std::string& what) const {
    return ParseOutcome{std::nullopt, what + " " + answer_syntax(pq)};
  }
};

// A tolerance for people: 0.01, 5 (for 5%), without binary noise such as 7.000000000000001.

std::string quoted(std::string_view s) {
  return "'" + sanitize_line(s) + "'";
}

ParseOutcome parse_choice(const PresentedQuestion& pq, std::string_view input, Answer a) {
  const Fail fail{pq};
  const std::size_t n = pq.choices.size();
  auto toks = tokens(input);
  if (pq.type() == QuestionType::single) {
    if (toks.size() != 1) return fail("Choose exactly one option.");
    const auto pos = position_of(toks[0], n);
    if (!pos) {
      const bool several = all_letters(toks[0]) && toks[0].size() > 1 &&
                           std::all_of(toks[0].begin(), toks[0].end(), [&](char c) {
                             return position_of(std::string_view(&c, 1), n).has_value();
                           });
      if (several) return fail("Choose exactly one option.");
      return fail(quoted(toks[0]) + " is not one of the options.");
    }
    a.options.push_back(pq.choices[*pos]);
    return ParseOutcome{std::move(a), {}};
  }
  toks = expand_compact(std::move(toks));
  if (toks.empty()) return fail("Choose at least one option.");
  for (const auto& t : toks) {
    const auto pos = position_of(t, n);
    if (!pos) return fail(quoted(t) + " is not one of the options.");
    a.options.push_back(pq.choices[*pos]);
  }
  std::sort(a.options.begin(), a.options.end());
  a.options.erase(std::unique(a.options.begin(), a.options.end()), a.options.end());
  return ParseOutcome{std::move(a), {}};
}

ParseOutcome parse_true_false(const PresentedQuestion& pq, std::string_view input, Answer a) {
  const std::string t = lower_ascii(trim_input(input));
  if (t == "t" || t == "true" || t == "yes" || t == "y") {
    a.truth = true;
  } else if (t == "f" || t == "false" || t == "no" || t == "n") {
    a.truth = false;
  } else {
    return Fail{pq}(quoted(trim_input(input)) + " is neither true nor false.");
  }
  return ParseOutcome{std::move(a), {}};
}

ParseOutcome parse_matching(const PresentedQuestion& pq, std::string_view input, Answer a) {
  const Fail fail{pq};
  const auto& body = std::get<bank::MatchingBody>(pq.question->body);
  const std::size_t lefts = body.pairs.size();
  const std::size_t rights = pq.rights.size();
  auto toks = tokens(input);
  // Join "1 b" (a number, then a letter on its own) into "1b".
  std::vector<std::string> joined;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (all_digits(toks[i]) && i + 1 < toks.size() && !all_digits(toks[i + 1]) &&
        !std::isdigit(static_cast<unsigned char>(toks[i + 1][0]))) {
      joined.push_back(toks[i] + toks[i + 1]);
      ++i;
    } else {
      joined.push_back(toks[i]);
    }
  }
  std::vector<std::optional<std::size_t>> chosen(lefts);
  const bool positional = std::all_of(joined.begin(), joined.end(), [](const std::string& t) {
    return !t.empty() && !std::isdigit(static_cast<unsigned char>(t[0]));
  });
  if (positional) {  // "b a c": one letter per left item, in order
    if (joined.size() != lefts)
      return fail("Give a letter for each of the " + std::to_string(lefts) + " numbered items.");
    for (std::size_t i = 0; i < lefts; ++i) {
      const auto r = position_of(joined[i], rights);
      if (!r || !all_letters(joined[i].substr(0, 1)))
        return fail(quoted(joined[i]) + " is not one of the letters " + range_text(rights) + ".");
      chosen[i] = *r;
    }
  } else {
    for (const auto& t : joined) {
      std::size_t k = 0;
      while (k < t.size() && std::isdigit(static_cast<unsigned char>(t[k]))) ++k;
      std::string_view rest = std::string_view(t).substr(k);
      if (!rest.empty() && (rest[0] == '-' || rest[0] == ':' || rest[0] == '=' || rest[0] == '>'))
        rest.remove_prefix(1);
      if (k == 0 || k > 4 || rest.empty() || !all_letters(rest.substr(0, 1)))
        return fail(quoted(t) + " is not an item number followed by a letter.");
      const auto left = static_cast<std::size_t>(std::stoul(t.substr(0, k)));
      if (left < 1 || left > lefts)
        return fail("There is no item " + std::to_string(left) + " (items are 1-" +
                    std::to_string(lefts) + ").");
      const auto r = position_of(rest, rights);
      if (!r) return fail(quoted(rest) + " is not one of the letters " + range_text(rights) + ".");
      if (chosen[left - 1]) return fail("Item " + std::to_string(left) + " is matched twice.");
      chosen[left - 1] = *r;
    }
    for (std::size_t i = 0; i < lefts; ++i)
      if (!chosen[i]) return fail("Item " + std::to_string(i + 1) + " has no letter.");
  }
  for (const auto& c : chosen) a.matches.push_back(*c);
  return ParseOutcome{std::move(a), {}};
}

ParseOutcome parse_ordering(const PresentedQuestion& pq, std::string_view input, Answer a) {
  const Fail fail{pq};
  const std::size_t n = pq.items.size();
  const auto toks = expand_compact(tokens(input));
  std::vector<bool> seen(n, false);
  for (const auto& t : toks) {
    const auto pos = position_of(t, n);
    if (!pos) return fail(quoted(t) + " is not one of the items.");
    if (seen[*pos]) return fail(position_label(*pos) + " appears twice.");
    seen[*pos] = true;
    a.order.push_back(pq.items[*pos]);
  }
  std::string missing;
  for (std::size_t i = 0; i < n; ++i)
    if (!seen[i]) missing += (missing.empty() ? "" : ", ") + position_label(i);
  if (!missing.empty()) return fail("Every item must appear once; missing: " + missing + ".");
  return ParseOutcome{std::move(a), {}};
}

}  // namespace

ParseOutcome parse_answer(const PresentedQuestion& pq, std::string_view input) {
  Answer a;
  a.type = pq.type();
  if (trim_input(input).empty()) return Fail{pq}("No answer given.");
  switch (pq.type()) {
    case QuestionType::single:
    case QuestionType::multi:
      return parse_choice(pq, input, std::move(a));
    case QuestionType::true_false:
      return parse_true_false(pq, input, std::move(a));
    case QuestionType::matching:
      return parse_matching(pq, input, std::move(a));
    case QuestionType::ordering:
      return parse_ordering(pq, input, std::move(a));
    case QuestionType::short_text:
      a.text = std::string(trim_input(input));
      return ParseOutcome{std::move(a), {}};
    case QuestionType::numeric: {
      std::string why;
      const auto v = parse_scalar(input, &why);
      if (!v) return Fail{pq}(sanitize_line(why) + ".");
      a.number = *v;
      return ParseOutcome{std::move(a), {}};
    }
    case QuestionType::calculated:
    case QuestionType::matrix: {
      const Matrix want = expected_matrix(pq);
      auto parsed = practice::parse_answer(input, want.rows(), want.cols());
      if (!parsed.value) {
        std::string why = sanitize_line(parsed.error);
        if (!why.empty())
          why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
        return Fail{pq}(why + ".");
      }
      a.matrix = std::move(*parsed.value);
      return ParseOutcome{std::move(a), {}};
    }
  }
  return Fail{pq}("This question type cannot be answered here.");
}

std::string answer_syntax(const PresentedQuestion& pq) {
  switch (pq.type()) {
    case QuestionType::single:
      return "Answer with the letter of one option (" + range_text(pq.choices.size()) + ").";
    case QuestionType::multi:
      return "Answer with the letters of every option that applies, e.g. \"a,c\" or \"a c\" (" +
             range_text(pq.choices.size()) + ").";
    case QuestionType::true_false:
      return "Answer t (true) or f (false).";
    case QuestionType::matching: {
      const auto n = std::get<bank::MatchingBody>(pq.question->body).pairs.size();
      return "Give each numbered item a letter, e.g. \"1b 2a\" (items 1-" + std::to_string(n) +
             ", letters " + range_text(pq.rights.size()) + ").";
    }
    case QuestionType::ordering:
      return "Put the letters in order from first to last, e.g. \"" +
             (pq.items.size() >= 3 ? std::string("c a b") : std::string("b a")) +
             "\" (every letter " + range_text(pq.items.size()) + " once).";
    case QuestionType::short_text:
      return "Type a short answer (case and extra spaces do not matter).";
    case QuestionType::numeric: {
      const auto& t = std::get<bank::NumericBody>(pq.question->body).tolerance;
      std::string within = t.kind == ToleranceKind::absolute
                               ? "within " + format_short(t.value) + " of the answer"
                               : "within " + format_short(t.value * 100.0) + "% of the answer";
      if (t.value == 0.0) within = "exactly equal to the answer";
      return "Type a number such as 0.25, 1e-3 or 1/4 (" + within + " counts as right).";
    }
    case QuestionType::calculated:
    case QuestionType::matrix: {
      const Matrix want = expected_matrix(pq);
      const Tolerance t = matrix_tolerance(pq);
      std::string how = "Answer with " + practice::shape_words(want.rows(), want.cols());
      if (want.size() > 1) how += ", entries separated by spaces";
      const std::string within =
          t.value == 0.0 ? std::string("exactly") : practice::tolerance_words(t);
      return how + (want.size() == 1 ? " (" + within + ")." : " (each entry " + within + ").");
    }
  }
  return "";
}

std::string_view trim_input(std::string_view input) {
  while (!input.empty() && is_space(input.front())) input.remove_prefix(1);
  while (!input.empty() && is_space(input.back())) input.remove_suffix(1);
  return input;
}

}  // namespace qkv::session
