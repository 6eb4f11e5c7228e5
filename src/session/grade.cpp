#include "session/grade.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attention/problem.hpp"
#include "core/error.hpp"
#include "core/numbers.hpp"
#include "core/text.hpp"
#include "practice/attempt.hpp"
#include "practice/check.hpp"

namespace qkv::session {

namespace {

// The forms of a typed short answer that may match an accepted one: normalize_answer's (case,
// blanks), then that form peeled one step at a time of a trailing sentence mark (.,;:!?) or a
// pair of surrounding quotes, so `softmax.` and "softmax" are softmax. Only the typed answer is
// peeled, and every step is tried, so an accepted answer that ends in a mark keeps it: with
// "n!" accepted, "n!." is right and "n" is not.
std::vector<std::string> typed_forms(std::string_view text) {
  std::vector<std::string> forms{normalize_answer(text)};
  for (;;) {
    std::string t = forms.back();
    if (!t.empty() && std::string_view(".,;:!?").find(t.back()) != std::string_view::npos) {
      t.pop_back();
    } else {
      for (const std::string_view open : {"\"", "'", "`", "\u201c", "\u2018"}) {
        const std::string_view close =
            open == "\u201c" ? "\u201d" : open == "\u2018" ? "\u2019" : open;
        if (t.size() >= open.size() + close.size() && t.starts_with(open) && t.ends_with(close)) {
          t = t.substr(open.size(), t.size() - open.size() - close.size());
          break;
        }
      }
    }
    while (!t.empty() && t.back() == ' ') t.pop_back();
    while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    if (t == forms.back() || t.empty()) return forms;
    forms.push_back(std::move(t));
  }
}

// True when b is a with one byte inserted, removed or replaced, or two neighbours swapped.
bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a == b) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one replaced
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // two swapped
  }
  return a.substr(i) == b.substr(i + 1);  // one inserted
}

// Maximal runs of ASCII letters and of everything else: "o(n^2) time" is o ( n ^2) time.
std::vector<std::string_view> letter_runs(std::string_view s) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::vector<std::string_view> runs;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= s.size(); ++i)
    if (i == s.size() || letter(s[i]) != letter(s[i - 1])) {
      runs.push_back(s.substr(start, i - start));
      start = i;
    }
  return runs;
}

// True when `typed` looks like a misspelling of `accepted`: everything the same except one word
// of at least four letters, which is one letter off (a letter added, dropped, changed, or two
// swapped). Digits, symbols and short words must match exactly, since one edit there is usually
// another answer: O(n) is not O(d), W_q is not W_k, 512 is not 513.
bool misspelt(std::string_view accepted, std::string_view typed) {
  const auto want = letter_runs(accepted), got = letter_runs(typed);
  if (want.size() != got.size()) return false;
  int differing = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == got[i]) continue;
    const auto is_word = [](std::string_view r) {
      return !r.empty() && ((r[0] >= 'a' && r[0] <= 'z') || (r[0] >= 'A' && r[0] <= 'Z'));
    };
    if (!is_word(want[i]) || !is_word(got[i]) || want[i].size() < 4 ||
        !one_edit_apart(want[i], got[i]) || ++differing > 1)
      return false;
  }
  return differing == 1;
}

using bank::QuestionType;

// Displayed position of pack option `index`.
std::size_t shown_at(const std::vector<std::size_t>& order, std::size_t index) {
  return static_cast<std::size_t>(std::find(order.begin(), order.end(), index) - order.begin());
}

GradedAnswer grade_choice(const PresentedQuestion& pq, const Answer& a) {
  const auto& options = std::get<bank::ChoiceBody>(pq.question->body).options;
  GradedAnswer r;
  std::vector<std::string> key;
  std::size_t correct_count = 0, right = 0, wrong = 0;
  // Walk in displayed order so that keys and feedback read a, b, c.
  for (std::size_t pos = 0; pos < pq.choices.size(); ++pos) {
    const std::size_t idx = pq.choices[pos];
    const auto& opt = options[idx];
    const bool chosen = std::find(a.options.begin(), a.options.end(), idx) != a.options.end();
    if (opt.correct) {
      ++correct_count;
      key.push_back(position_label(pos));
      r.correct_answer.push_back(position_label(pos) + ") " + opt.text);
    }
    if (chosen) (opt.correct ? right : wrong)++;
    FeedbackKind kind;
    if (chosen) {
      kind = opt.correct ? FeedbackKind::right_pick : FeedbackKind::wrong_pick;
    } else if (opt.correct) {
      kind = FeedbackKind::missed;
    } else {
      continue;
    }
    if (!opt.feedback.empty())
      r.feedback.push_back({position_label(pos), opt.text, opt.feedback, kind});
  }
  // The learner's own picks first, then the correct options they missed.
  std::stable_partition(r.feedback.begin(), r.feedback.end(),
                        [](const Feedback& f) { return f.kind != FeedbackKind::missed; });
  r.answer_key = join(key, ",");
  if (pq.type() == QuestionType::single) {
    r.correct = right == 1 && wrong == 0;
    r.points = r.correct ? 1.0 : 0.0;
    return r;
  }
  r.correct = right == correct_count && wrong == 0;
  const double raw = correct_count == 0
                         ? 0.0
                         : (static_cast<double>(right) - static_cast<double>(wrong)) /
                               static_cast<double>(correct_count);
  r.points = r.correct ? 1.0 : std::clamp(raw, 0.0, 1.0);
  if (!r.correct)
    r.detail = std::to_string(right) + " of " + std::to_string(correct_count) +
               " correct options chosen, " + plural(wrong, "wrong pick", "wrong picks");
  return r;
}

GradedAnswer grade_true_false(const PresentedQuestion& pq, const Answer& a) {
  const auto& body = std::get<bank::TrueFalseBody>(pq.question->body);
  GradedAnswer r;
  r.correct = a.truth == body.answer;
  r.points = r.correct ? 1.0 : 0.0;
  r.answer_key = body.answer ? "true" : "false";
  r.correct_answer.push_back(r.answer_key);
  const std::string& note = a.truth ? body.feedback_true : body.feedback_false;
  const std::string side = a.truth ? "true" : "false";
  if (!note.empty())
    r.feedback.push_back(
        {side, side, note, r.correct ? FeedbackKind::right_pick : FeedbackKind::wrong_pick});
  return r;
}

GradedAnswer grade_matching(const PresentedQuestion& pq, const Answer& a) {
  const auto& pairs = std::get<bank::MatchingBody>(pq.question->body).pairs;
  GradedAnswer r;
  std::vector<std::string> key;
  std::size_t right = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto pos = static_cast<std::size_t>(
        std::find(pq.rights.begin(), pq.rights.end(), pairs[i].right) - pq.rights.begin());
    key.push_back(std::to_string(i + 1) + position_label(pos));
    r.correct_answer.push_back(std::to_string(i + 1) + " " + pairs[i].left + " -> " +
                               position_label(pos) + ") " + pairs[i].right);
    if (i < a.matches.size() && a.matches[i] < pq.rights.size() &&
        pq.rights[a.matches[i]] == pairs[i].right)
      ++right;
  }
  r.answer_key = join(key, " ");
  r.correct = right == pairs.size();
  r.points = pairs.empty() ? 0.0 : static_cast<double>(right) / static_cast<double>(pairs.size());
  if (!r.correct)
    r.detail = std::to_string(right) + " of " + std::to_string(pairs.size()) + " pairs right";
  return r;
}

GradedAnswer grade_ordering(const PresentedQuestion& pq, const Answer& a) {
  const auto& items = std::get<bank::OrderingBody>(pq.question->body).items;
  GradedAnswer r;
  std::vector<std::string> key;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::size_t pos = shown_at(pq.items, i);
    key.push_back(position_label(pos));
    r.correct_answer.push_back(std::to_string(i + 1) + ". " + position_label(pos) + ") " +
                               items[i]);
  }
  r.answer_key = join(key, " ");
  // Correct when the texts read in the right order (two items with the same text may swap).
  bool same = a.order.size() == items.size();
  for (std::size_t i = 0; same && i < items.size(); ++i) same = items[a.order[i]] == items[i];
  r.correct = same;
  const std::size_t n = items.size();
  const std::size_t run = longest_increasing_run(a.order);
  r.points = r.correct           ? 1.0
             : n < 2 || run == 0 ? 0.0
                                 : static_cast<double>(run - 1) / static_cast<double>(n - 1);
  if (!r.correct)
    r.detail = std::to_string(run) + " of " + std::to_string(n) +
               " items in the right order relative to each other";
  return r;
}

GradedAnswer grade_short(const PresentedQuestion& pq, const Answer& a) {
  const auto& accept = std::get<bank::ShortBody>(pq.question->body).accept;
  GradedAnswer r;
  const std::vector<std::string> given = typed_forms(a.text);
  bool close = false;
  for (const auto& ok : accept) {
    const std::string want = normalize_answer(ok);
    if (std::find(given.begin(), given.end(), want) != given.end()) r.correct = true;
    if (misspelt(want, given.back())) close = true;
  }
  r.points = r.correct ? 1.0 : 0.0;
  if (!r.correct && close) r.detail = "Close: check the spelling";
  if (!accept.empty()) {
    r.answer_key = accept.front();
    std::string line = accept.front();
    if (accept.size() > 1)
      line += " (also accepted: " +
              join(std::vector<std::string>(accept.begin() + 1, accept.end()), "; ") + ")";
    r.correct_answer.push_back(line);
  }
  return r;
}

GradedAnswer grade_numeric(const PresentedQuestion& pq, const Answer& a) {
  const auto& body = std::get<bank::NumericBody>(pq.question->body);
  GradedAnswer r;
  r.correct = body.tolerance.accepts(body.answer, a.number);
  r.points = r.correct ? 1.0 : 0.0;
  r.answer_key = format_exact(body.answer);
  std::string line = r.answer_key;
  if (body.tolerance.value > 0)
    line += body.tolerance.kind == ToleranceKind::absolute
                ? " (within " + format_short(body.tolerance.value) + ")"
                : " (within " + format_short(body.tolerance.value * 100.0) + "%)";
  r.correct_answer.push_back(line);
  return r;
}

// "0.2447 0.09 0.6652; ..." with enough decimals to be within any tolerance of 1e-6 or more.
std::string typed_matrix(const Matrix& m) {
  std::string out;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    if (i) out += "; ";
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      out += (j ? " " : "") + format_trimmed(m(i, j), 6);
    }
  }
  return out;
}

GradedAnswer grade_matrix(const PresentedQuestion& pq, const Answer& a) {
  const Matrix want = expected_matrix(pq);
  const Tolerance tol = matrix_tolerance(pq);
  MatrixFeedback f;
  f.given = a.matrix;
  f.answer = want;
  if (pq.exercise) {
    // The engine grades the part and diagnoses it, as in a drill.
    practice::Attempt attempt(*pq.exercise);
    attempt.start_at(pq.part);
    const practice::PartResult& pr = attempt.answer(a.matrix);
    f.ok = pr.ok;
    f.diagnosis = pr.diagnosis;
    f.row_labels = pq.exercise->parts[pq.part].row_labels;
    f.col_labels = pq.exercise->parts[pq.part].col_labels;
  } else {
    f.ok = practice::entries_ok(a.matrix, want, tol);
    const auto& body = std::get<bank::MatrixBody>(pq.question->body);
    if (!f.ok.all()) {
      if (body.calc && body.calc->problem) {
        f.diagnosis = practice::diagnose_step(*body.calc->problem, body.calc->step, a.matrix, tol);
      } else {
        f.diagnosis = practice::diagnose(a.matrix, want, std::nullopt, {}, tol);
      }
    }
  }
  GradedAnswer r;
  r.correct = f.ok.all();
  r.points = r.correct ? 1.0 : 0.0;
  if (!r.correct && f.ok.size() > 1)
    r.detail =
        std::to_string(f.ok.count()) + " of " + std::to_string(f.ok.size()) + " entries right";
  r.answer_key = typed_matrix(want);
  for (Eigen::Index i = 0; i < want.rows(); ++i)
    r.correct_answer.push_back(typed_matrix(want.row(i)));
  if (tol.value > 0)
    r.correct_answer.back() +=
        (want.size() == 1 ? " (within " : " (each entry ") + practice::tolerance_words(tol) + ")";
  r.matrix = std::move(f);
  return r;
}

}  // namespace

std::size_t longest_increasing_run(const std::vector<std::size_t>& v) {
  // Patience sorting: tails[k] is the smallest tail of an increasing subsequence of length k+1.
  std::vector<std::size_t> tails;
  for (std::size_t x : v) {
    auto it = std::lower_bound(tails.begin(), tails.end(), x);
    if (it == tails.end()) {
      tails.push_back(x);
    } else {
      *it = x;
    }
  }
  return tails.size();
}

GradedAnswer grade(const PresentedQuestion& pq, const Answer& a) {
  switch (pq.type()) {
    case QuestionType::single:
    case QuestionType::multi:
      return grade_choice(pq, a);
    case QuestionType::true_false:
      return grade_true_false(pq, a);
    case QuestionType::matching:
      return grade_matching(pq, a);
    case QuestionType::ordering:
      return grade_ordering(pq, a);
    case QuestionType::short_text:
      return grade_short(pq, a);
    case QuestionType::numeric:
      return grade_numeric(pq, a);
    case QuestionType::calculated:
    case QuestionType::matrix:
      return grade_matrix(pq, a);
  }
  return {};
}

}  // namespace qkv::session
