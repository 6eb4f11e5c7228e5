// GIFT, as Moodle's GIFT importer (question/format/gift) reads it. Written from the format's
// documentation (docs.moodle.org/en/GIFT_format); see README, "Moving a bank to and from Moodle",
// for what is carried over and what is lost.
//
// A file is split into blocks at blank lines. Lines starting with "//" are comments (they may
// carry [id:...] and [tag:...]). A block is "$CATEGORY: path", or an optional ::title::, the
// question text, one answer block {...}, and optionally more text after it (a missing-word
// question). Escapes \~ \= \# \{ \} \: \\ and \n are literal characters; GIFT's markers are found
// only among the characters that were not escaped, which is why a block is kept as characters
// with an "escaped" flag and a line number each.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/text.hpp"
#include "interchange/import.hpp"
#include "interchange/import_detail.hpp"
#include "interchange/text_util.hpp"

namespace qkv::interchange {

namespace {

using bank::QuestionType;

// The characters of one block: each with whether it was escaped and its line.
struct Chars {
  std::string c;
  std::vector<char> esc;
  std::vector<int> line;

  std::size_t size() const { return c.size(); }
  bool is(std::size_t i, char ch) const { return i < c.size() && c[i] == ch && !esc[i]; }
  // First unescaped `ch` in [from, to); npos when none.
  std::size_t find(char ch, std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to && i < c.size(); ++i)
      if (is(i, ch)) return i;
    return std::string::npos;
  }
  // First unescaped occurrence of `s` in [from, to).
  std::size_t find(std::string_view s, std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i + s.size() <= to && i + s.size() <= c.size(); ++i) {
      bool ok = true;
      for (std::size_t k = 0; k < s.size() && ok; ++k) ok = is(i + k, s[k]);
      if (ok) return i;
    }
    return std::string::npos;
  }
  // Last unescaped occurrence of `s` in [from, to).
  std::size_t rfind(std::string_view s, std::size_t from, std::size_t to) const {
    std::size_t found = std::string::npos;
    for (std::size_t i = find(s, from, to); i != std::string::npos; i = find(s, i + 1, to))
      found = i;
    return found;
  }
  std::string str(std::size_t from, std::size_t to) const {
    return c.substr(from, std::min(to, c.size()) - std::min(from, to));
  }
  int line_of(std::size_t i) const {
    if (line.empty()) return 0;
    return line[std::min(i, line.size() - 1)];
  }
  static bool space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }
  // [from, to) without white space (escaped or not: "\n" at an end is trimmed as Moodle does).
  void trim(std::size_t& from, std::size_t& to) const {
    while (from < to && space(c[from])) ++from;
    while (to > from && space(c[to - 1])) --to;
  }
};

enum class TextFormat { moodle, html, plain, markdown };

struct Block {
  Chars chars;
  int first_line = 0;
  std::vector<std::string> ids, tags;  // from [id:...] and [tag:...] in comments
};

struct Reader {
  const std::string& file;
  ReadResult& out;
  std::string category;

  void error(int line, std::string message) {
    out.errors.push_back({file, line, 0, "", std::move(message), Severity::error});
  }
  void skip(int line, std::string message) {
    out.skipped.push_back({file, line, 0, "", std::move(message), Severity::error});
  }
  void note(int line, std::string message) {
    out.notes.push_back({file, line, 0, "", std::move(message), Severity::warning});
  }

  // Text of [from, to): an optional [format] marker (or `inherited`), then plain text.
  std::string text(const Chars& ch, std::size_t from, std::size_t to, TextFormat inherited,
                   TextFormat* format = nullptr) {
    ch.trim(from, to);
    TextFormat f = inherited;
    if (ch.is(from, '[')) {
      const std::size_t close = ch.find(']', from, to);
      if (close != std::string::npos) {
        const std::string name = ch.str(from + 1, close);
        std::optional<TextFormat> named;
        if (name == "moodle") named = TextFormat::moodle;
        if (name == "html") named = TextFormat::html;
        if (name == "plain") named = TextFormat::plain;
        if (name == "markdown") named = TextFormat::markdown;
        if (named) {
          f = *named;
          from = close + 1;
        }
      }
    }
    if (format) *format = f;
    std::string raw = std::string(trim(ch.str(from, to)));
    if (f == TextFormat::html || (f == TextFormat::moodle && looks_like_html(raw))) {
      std::vector<std::string> images;
      raw = html_to_text(raw, &images);
      for (const auto& img : images)
        note(ch.line_of(from), "image \"" + img + "\" dropped: qkv shows text only");
    }
    return escape_controls(raw);
  }

  void read_block(const Block& b);
  void answers(const Block& b, ImportedQuestion& iq, std::size_t from, std::size_t to,
               TextFormat format);
};

// A weight "%50%", "%-33.333%" at ch[i]; returns the index after it, or i when there is none.
std::size_t read_weight(const Chars& ch, std::size_t i, std::size_t to, double& weight) {
  if (!ch.is(i, '%')) return i;
  const std::size_t close = ch.find('%', i + 1, to);
  if (close == std::string::npos) return i;
  const std::string body(trim(ch.str(i + 1, close)));
  char* end = nullptr;
  const double w = std::strtod(body.c_str(), &end);
  if (body.empty() || end != body.c_str() + body.size() || !std::isfinite(w) || w < -100 || w > 100)
    return i;
  weight = w;
  return close + 1;
}

// One answer of a choice, short-answer, numerical or matching block: from its marker to the next.
struct Answer {
  char marker = 0;  // '=' or '~'
  std::optional<double> weight;
  std::size_t text_from = 0, text_to = 0;  // the answer itself
  std::size_t fb_from = 0, fb_to = 0;      // after '#'; empty when none
  int line = 0;
};

// Splits [from, to) at the unescaped markers in `markers`. Text before the first marker must be
// blank; otherwise *stray is its position.
std::vector<Answer> split_answers(const Chars& ch, std::size_t from, std::size_t to,
                                  std::string_view markers, std::size_t* stray) {
  std::vector<std::size_t> at;
  for (std::size_t i = from; i < to; ++i)
    if (!ch.esc[i] && markers.find(ch.c[i]) != std::string_view::npos) at.push_back(i);
  *stray = std::string::npos;
  const std::size_t first = at.empty() ? to : at.front();
  for (std::size_t i = from; i < first; ++i)
    if (!Chars::space(ch.c[i])) {
      *stray = i;
      break;
    }
  std::vector<Answer> out;
  for (std::size_t k = 0; k < at.size(); ++k) {
    Answer a;
    a.marker = ch.c[at[k]];
    a.line = ch.line_of(at[k]);
    const std::size_t end = k + 1 < at.size() ? at[k + 1] : to;
    double w = 0;
    std::size_t i = at[k] + 1;
    while (i < end && (ch.c[i] == ' ' || ch.c[i] == '\t')) ++i;
    const std::size_t after = read_weight(ch, i, end, w);
    if (after != i) a.weight = w;
    a.text_from = after == i ? at[k] + 1 : after;
    const std::size_t hash = ch.find('#', a.text_from, end);
    a.text_to = hash == std::string::npos ? end : hash;
    a.fb_from = a.fb_to = a.text_to;
    if (hash != std::string::npos) a.fb_from = hash + 1, a.fb_to = end;
    out.push_back(a);
  }
  return out;
}

std::string percent(double w) {
  return format_weight(w) + "%";
}

void Reader::read_block(const Block& b) {
  const Chars& ch = b.chars;
  std::size_t from = 0, to = ch.size();
  ch.trim(from, to);
  if (from == to) return;  // comments only
  const int start_line = ch.line_of(from);

  if (ch.str(from, std::min(to, from + 10)) == "$CATEGORY:") {
    category = std::string(trim(ch.str(from + 10, to)));
    return;
  }

  ImportedQuestion iq;
  iq.file = file;
  iq.line = start_line;
  iq.category = category;
  if (!b.ids.empty()) iq.source_id = b.ids.front();
  iq.question.tags = b.tags;

  if (ch.is(from, ':') && ch.is(from + 1, ':')) {
    const std::size_t close = ch.find("::", from + 2, to);
    if (close == std::string::npos) {
      error(start_line,
            "the title opened with '::' is not closed: write ::title:: (or \\: for a "
            "literal colon)");
      return;
    }
    iq.name = escape_controls(trim(ch.str(from + 2, close)));
    from = close + 2;
  }

  const std::size_t open = ch.find('{', from, to);
  const std::size_t close = ch.find('}', from, to);
  const std::string what = iq.name.empty() ? "question" : "question \"" + iq.name + "\"";
  if (open == std::string::npos && close == std::string::npos) {
    skip(start_line,
         "a description (text without an answer block {...}) is not a question; "
         "qkv has no question type for it");
    return;
  }
  if (open == std::string::npos || close < open) {
    error(ch.line_of(close), "'}' without an opening '{' (write \\} for a literal brace)");
    return;
  }
  const std::size_t close_after = ch.find('}', open + 1, to);
  if (close_after == std::string::npos) {
    error(ch.line_of(open),
          "unclosed brace: the answer block opened here has no '}' (write \\{ "
          "for a literal brace)");
    return;
  }
  if (const std::size_t nested = ch.find('{', open + 1, close_after); nested != std::string::npos) {
    error(ch.line_of(nested), "'{' inside an answer block: the block opened on line " +
                                  std::to_string(ch.line_of(open)) +
                                  " is not closed yet (write \\{ for a literal brace)");
    return;
  }
  for (char extra : {'{', '}'}) {
    if (const std::size_t again = ch.find(extra, close_after + 1, to); again != std::string::npos) {
      error(ch.line_of(again),
            std::string("a second answer block ('") + extra +
                "') in one question: a GIFT question has one {...}; is a blank line missing "
                "between two questions?");
      return;
    }
  }

  // The question text, with "_____" where the answer block was when text follows it.
  TextFormat format = TextFormat::moodle;
  std::string before = text(ch, from, open, TextFormat::moodle, &format);
  std::string after = text(ch, close_after + 1, to, format);
  if (after.empty()) {
    iq.question.prompt = before;
  } else {  // a missing-word question: the blank keeps the spacing around the braces
    const bool space_before = open > from && Chars::space(ch.c[open - 1]);
    const bool space_after = close_after + 1 < to && Chars::space(ch.c[close_after + 1]);
    iq.question.prompt =
        before + (space_before ? " " : "") + "_____" + (space_after ? " " : "") + after;
  }
  if (after.empty() && before.empty()) {
    error(start_line, "the " + what + " has no text before its answer block");
    return;
  }
  answers(b, iq, open + 1, close_after, format);
}

void Reader::answers(const Block& b, ImportedQuestion& iq, std::size_t from, std::size_t to,
                     TextFormat format) {
  const Chars& ch = b.chars;
  bank::Question& q = iq.question;
  const int line = iq.line;
  // General feedback: after the last "####".
  if (const std::size_t gf = ch.rfind("####", from, to); gf != std::string::npos) {
    q.explanation = text(ch, gf + 4, to, format);
    to = gf;
  }
  ch.trim(from, to);
  if (from == to) {
    skip(line, "an essay question ({} with no answers) cannot be graded by qkv");
    return;
  }

  std::size_t stray = std::string::npos;
  if (ch.is(from, '#')) {  // numerical
    std::size_t nfrom = from + 1, nto = to;
    if (const std::size_t tilde = ch.find('~', nfrom, nto); tilde != std::string::npos) {
      note(ch.line_of(tilde),
           "the feedback for any other answer (~#...) is dropped: qkv numeric "
           "questions have no catch-all feedback");
      nto = tilde;
    }
    ch.trim(nfrom, nto);
    std::vector<Answer> as;
    if (ch.find('=', nfrom, nto) == std::string::npos) {
      Answer a;
      a.marker = '=';
      a.line = ch.line_of(nfrom);
      a.text_from = nfrom;
      const std::size_t hash = ch.find('#', nfrom, nto);
      a.text_to = hash == std::string::npos ? nto : hash;
      a.fb_from = a.fb_to = a.text_to;
      if (hash != std::string::npos) a.fb_from = hash + 1, a.fb_to = nto;
      as.push_back(a);
    } else {
      as = split_answers(ch, nfrom, nto, "=", &stray);
      if (stray != std::string::npos) {
        error(ch.line_of(stray),
              "numerical answers are written {#3.1:0.05} or {# =3.1:0.05 "
              "=%50%3:0.5}: text before the first '='");
        return;
      }
    }
    if (as.empty()) {
      error(line, "a numerical question ({#...}) without an answer");
      return;
    }
    std::optional<bank::NumericBody> best;
    for (const auto& a : as) {
      const std::string t(trim(ch.str(a.text_from, a.text_to)));
      double value = 0, tol = 0;
      auto number = [&](std::string_view s, double& v) {
        const std::string str(trim(s));
        char* end = nullptr;
        v = std::strtod(str.c_str(), &end);
        return !str.empty() && end == str.c_str() + str.size() && std::isfinite(v);
      };
      const std::size_t range = t.find("..");
      const std::size_t colon = ch.find(':', a.text_from, a.text_to);
      bool ok;
      if (range != std::string::npos && range > 0) {
        double lo = 0, hi = 0;
        ok = number(t.substr(0, range), lo) && number(t.substr(range + 2), hi);
        if (ok && hi < lo) {
          error(a.line, "the range '" + t + "' ends below its start; write {#min..max}");
          return;
        }
        value = (lo + hi) / 2;
        tol = (hi - lo) / 2;
      } else if (colon != std::string::npos && colon > a.text_from) {
        ok = number(ch.str(a.text_from, colon), value) && number(ch.str(colon + 1, a.text_to), tol);
        if (ok && tol < 0) {
          error(a.line, "the tolerance in '" + t + "' is negative");
          return;
        }
      } else if (t == "*") {
        note(a.line,
             "the answer '*' (any other number) is dropped: qkv numeric questions have "
             "one answer");
        continue;
      } else {
        ok = number(t, value);
      }
      if (!ok) {
        error(a.line, "'" + t +
                          "' is not a numerical answer: write a number, number:tolerance or "
                          "min..max");
        return;
      }
      const double w = a.weight.value_or(100);
      if (a.fb_to > a.fb_from && !trim(ch.str(a.fb_from, a.fb_to)).empty())
        note(a.line, "the feedback of the answer '" + t +
                         "' is dropped: qkv numeric questions "
                         "have one explanation (the general feedback)");
      if (w >= 100 && !best) {
        bank::NumericBody body;
        body.answer = value;
        body.tolerance.value = tol;
        best = body;
      } else {
        note(a.line, "the answer '" + t + "' (" + percent(w) +
                         ") is dropped: qkv numeric "
                         "questions have one answer, the first at 100%");
      }
    }
    if (!best) {
      skip(line,
           "no numerical answer earns 100%; qkv numeric questions need one fully right "
           "answer");
      return;
    }
    q.type = QuestionType::numeric;
    q.body = *best;
    out.questions.push_back(std::move(iq));
    return;
  }

  if (ch.find('~', from, to) != std::string::npos) {  // multiple choice
    auto as = split_answers(ch, from, to, "~=", &stray);
    if (stray != std::string::npos) {
      error(ch.line_of(stray),
            "text before the first '~' or '=' of a multiple-choice answer "
            "block; each option starts with ~ (wrong) or = (right)");
      return;
    }
    const bool single =
        std::any_of(as.begin(), as.end(), [](const Answer& a) { return a.marker == '='; });
    bank::ChoiceBody body;
    std::vector<double> weights;
    for (const auto& a : as) {
      bank::Option o;
      o.text = text(ch, a.text_from, a.text_to, format);
      o.feedback = text(ch, a.fb_from, a.fb_to, format);
      const double w = a.marker == '=' ? 100 : a.weight.value_or(0);
      o.correct = single ? a.marker == '=' : w > 0;
      if (o.text.empty()) {
        error(a.line, "an empty option ('" + std::string(1, a.marker) + "' with no text)");
        return;
      }
      weights.push_back(w);
      body.options.push_back(std::move(o));
    }
    const auto correct = std::count_if(body.options.begin(), body.options.end(),
                                       [](const bank::Option& o) { return o.correct; });
    if (body.options.size() < 2) {
      skip(line, "a multiple-choice question needs at least 2 options, found " +
                     std::to_string(body.options.size()));
      return;
    }
    if (single && correct > 1) {
      skip(line, std::to_string(correct) +
                     " options are marked '=': qkv's single-choice "
                     "questions have one right option (use ~%50% weights for several)");
      return;
    }
    if (!single && correct == 0) {
      skip(line,
           "no option has a positive weight: a multiple-answer question needs at least "
           "one right option");
      return;
    }
    if (single) {
      for (std::size_t i = 0; i < as.size(); ++i)
        if (as[i].marker == '~' && weights[i] != 0)
          note(as[i].line, "the weight " + percent(weights[i]) + " of option \"" +
                               body.options[i].text +
                               "\" is dropped: in qkv an option of a single-choice question is "
                               "right or wrong");
    } else {
      check_multi_weights(weights, body, [&](const std::string& m) { note(line, m); });
    }
    q.type = single ? QuestionType::single : QuestionType::multi;
    q.body = std::move(body);
    out.questions.push_back(std::move(iq));
    return;
  }

  // Matching: '=' answers with "->" outside their feedback.
  const bool has_eq = ch.find('=', from, to) != std::string::npos;
  auto as = has_eq ? split_answers(ch, from, to, "=", &stray) : std::vector<Answer>{};
  const bool any_arrow = std::any_of(as.begin(), as.end(), [&](const Answer& a) {
    return ch.find("->", a.text_from, a.text_to) != std::string::npos;
  });
  if (!has_eq && ch.find("->", from, to) != std::string::npos) {
    error(ch.line_of(ch.find("->", from, to)),
          "'->' without '=': matching pairs are written {=left -> right =left -> right}");
    return;
  }
  if (has_eq && stray != std::string::npos) {
    error(ch.line_of(stray),
          "text before the first '=' of the answer block; each answer starts "
          "with =");
    return;
  }
  if (any_arrow) {
    bank::MatchingBody body;
    for (const auto& a : as) {
      const std::size_t arrow = ch.find("->", a.text_from, a.text_to);
      if (arrow == std::string::npos) {
        error(a.line,
              "a matching answer without '->': write =left -> right (or =-> right for an "
              "extra right-hand item)");
        return;
      }
      if (a.weight) note(a.line, "the weight of a matching pair is dropped");
      std::string left = text(ch, a.text_from, arrow, format);
      std::string right = text(ch, arrow + 2, a.text_to, format);
      if (a.fb_to > a.fb_from && !trim(ch.str(a.fb_from, a.fb_to)).empty())
        note(a.line, "the feedback of the pair '" + left + " -> " + right +
                         "' is dropped: qkv matching questions have no feedback per pair");
      if (right.empty()) {
        error(a.line, "a matching pair with nothing after '->'");
        return;
      }
      if (left.empty())
        body.distractors.push_back(std::move(right));
      else
        body.pairs.push_back({std::move(left), std::move(right)});
    }
    if (auto why = matching_problem(body)) {
      skip(line, *why);
      return;
    }
    q.type = QuestionType::matching;
    q.body = std::move(body);
    out.questions.push_back(std::move(iq));
    return;
  }

  // True/false: T, TRUE, F, FALSE, then #feedback for the wrong answer #feedback for the right.
  {
    const std::size_t hash = ch.find('#', from, to);
    const std::string head(trim(ch.str(from, hash == std::string::npos ? to : hash)));
    if (!has_eq && (head == "T" || head == "TRUE" || head == "F" || head == "FALSE")) {
      bank::TrueFalseBody body;
      body.answer = head[0] == 'T';
      std::string wrong, right;
      if (hash != std::string::npos) {
        const std::size_t hash2 = ch.find('#', hash + 1, to);
        wrong = text(ch, hash + 1, hash2 == std::string::npos ? to : hash2, format);
        if (hash2 != std::string::npos) right = text(ch, hash2 + 1, to, format);
      }
      body.feedback_true = body.answer ? right : wrong;
      body.feedback_false = body.answer ? wrong : right;
      q.type = QuestionType::true_false;
      q.body = std::move(body);
      out.questions.push_back(std::move(iq));
      return;
    }
  }

  // Short answer: every answer starts with '='.
  if (!has_eq) {
    error(line, "answer block '" + ch.str(from, std::min(to, from + 40)) +
                    "' is none of GIFT's kinds: use ~ and = for options, = for short answers, "
                    "# for a number, T or F");
    return;
  }
  bank::ShortBody body;
  for (const auto& a : as) {
    const std::string t = text(ch, a.text_from, a.text_to, format);
    const double w = a.weight.value_or(100);
    if (t.empty()) {
      error(a.line, "an empty short answer ('=' with no text)");
      return;
    }
    if (a.fb_to > a.fb_from && !trim(ch.str(a.fb_from, a.fb_to)).empty())
      note(a.line, "the feedback of the answer \"" + t +
                       "\" is dropped: qkv short answers "
                       "have one explanation (the general feedback)");
    if (w >= 100)
      body.accept.push_back(t);
    else
      note(a.line, "the answer \"" + t + "\" (" + percent(w) +
                       ") is dropped: qkv accepts a "
                       "short answer fully or not at all");
  }
  if (body.accept.empty()) {
    skip(line, "no short answer earns 100%; qkv needs at least one fully right answer");
    return;
  }
  q.type = QuestionType::short_text;
  q.body = std::move(body);
  out.questions.push_back(std::move(iq));
}

// The [id:...] and [tag:...] of a comment line.
void comment_marks(std::string_view line, Block& b) {
  for (const char* key : {"[id:", "[tag:"}) {
    for (std::size_t i = line.find(key); i != std::string_view::npos; i = line.find(key, i + 1)) {
      const std::size_t start = i + std::char_traits<char>::length(key);
      const std::size_t end = line.find(']', start);
      if (end == std::string_view::npos) break;
      std::string value = escape_controls(trim(line.substr(start, end - start)));
      if (value.empty()) continue;
      (key[1] == 'i' ? b.ids : b.tags).push_back(std::move(value));
    }
  }
}

}  // namespace

ReadResult read_gift(std::string_view input, const std::string& file) {
  ReadResult out;
  std::string text;
  if (!prepare_text(input, file, text, out)) return out;
  Reader reader{file, out, {}};

  Block block;
  auto flush = [&] {
    if (!block.chars.c.empty()) reader.read_block(block);
    block = Block{};
  };
  std::size_t pos = 0;
  int line_no = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string_view line(text.data() + pos, nl - pos);
    ++line_no;
    const std::string_view t = trim(line);
    if (t.empty()) {
      flush();
    } else if (t.substr(0, 2) == "//") {
      comment_marks(t, block);
      if (!block.chars.c.empty()) {  // keeps the lines of what follows right
        block.chars.c += '\n';
        block.chars.esc.push_back(0);
        block.chars.line.push_back(line_no);
      }
    } else {
      Chars& ch = block.chars;
      if (!ch.c.empty()) {
        ch.c += '\n';
        ch.esc.push_back(0);
        ch.line.push_back(line_no - 1);
      }
      for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        char esc = 0;
        if (c == '\\' && i + 1 < line.size()) {
          const char n = line[i + 1];
          if (std::string_view("~=#{}:\\").find(n) != std::string_view::npos) {
            c = n, esc = 1, ++i;
          } else if (n == 'n') {
            c = '\n', esc = 1, ++i;
          }
        }
        ch.c += c;
        ch.esc.push_back(esc);
        ch.line.push_back(line_no);
      }
    }
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  flush();
  return out;
}

}  // namespace qkv::interchange
