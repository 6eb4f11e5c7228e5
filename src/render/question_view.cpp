#include "render/question_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <variant>

#include "core/duration.hpp"
#include "core/text.hpp"
#include "practice/solve.hpp"
#include "render/render_exercise.hpp"
#include "render/trace_text.hpp"
#include "session/typed_answer.hpp"
#include "term/progress.hpp"

namespace qkv::render {

namespace {

using bank::QuestionType;
using session::FeedbackKind;

// Each text after its label ("  a) "), its further lines under its text, not under the label.
std::string lettered(const std::vector<std::string>& texts, std::size_t width) {
  std::string out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string label = "  " + session::position_label(i) + ") ";
    out += shown_text(texts[i], width, label, std::string(label.size(), ' '));
  }
  return out;
}

std::string body_text(const session::PresentedQuestion& pq, std::size_t width) {
  const auto& q = *pq.question;
  std::vector<std::string> texts;
  switch (q.type) {
    case QuestionType::single:
    case QuestionType::multi: {
      const auto& options = std::get<bank::ChoiceBody>(q.body).options;
      for (std::size_t idx : pq.choices) texts.push_back(options[idx].text);
      return lettered(texts, width);
    }
    case QuestionType::matching: {
      const auto& pairs = std::get<bank::MatchingBody>(q.body).pairs;
      std::string out;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        const std::string label = "  " + std::to_string(i + 1) + ") ";
        out += shown_text(pairs[i].left, width, label, std::string(label.size(), ' '));
      }
      out += "with one of:\n";
      return out + lettered(pq.rights, width);
    }
    case QuestionType::ordering: {
      const auto& items = std::get<bank::OrderingBody>(q.body).items;
      for (std::size_t idx : pq.items) texts.push_back(items[idx]);
      return lettered(texts, width);
    }
    case QuestionType::calculated: {
      // The exercise drawn for this session: its situation and numbers, then the part asked.
      if (!pq.exercise) return "";
      const auto& part = pq.exercise->parts.at(pq.part);
      return exercise_situation(*pq.exercise, "", width) + "\n" + shown_text(part.question, width);
    }
    case QuestionType::true_false:
    case QuestionType::short_text:
    case QuestionType::numeric:
    case QuestionType::matrix:
      return "";
  }
  return "";
}

// A calculated question's wrong answer entry by entry, and the mistake behind it.
std::string matrix_feedback(const session::MatrixFeedback& f, const term::Style& style) {
  if (f.ok.size() == 0 || f.ok.all()) return "";
  std::string out;
  if (f.ok.size() > 1) {
    out += "Entry by entry (✓ right, ✗ wrong):\n";
    for (Eigen::Index i = 0; i < f.given.rows(); ++i) {
      std::string line = "  ";
      for (Eigen::Index j = 0; j < f.given.cols(); ++j)
        line += (j ? "  " : "") + compact_number(f.given(i, j)) + " " +
                (f.ok(i, j) ? style.good("✓") : style.bad("✗"));
      out += line + "\n";
    }
  }
  practice::Part names;
  names.answer = f.answer;
  names.row_labels = f.row_labels;
  names.col_labels = f.col_labels;
  const std::string d = diagnosis_text(f.diagnosis, style, "  ",
                                       [&names](int r, int c) { return entry_name(names, r, c); });
  if (!d.empty()) out += style.bold("What went wrong:") + "\n" + d;
  return out;
}

}  // namespace

std::string shown_text(std::string_view text, std::size_t width, std::string_view first,
                       std::string_view rest) {
  return wrap_block(sanitize_block(text), width, first, rest);
}

const char* type_label(QuestionType t) {
  switch (t) {
    case QuestionType::single:
      return "single choice";
    case QuestionType::multi:
      return "multiple select";
    case QuestionType::true_false:
      return "true or false";
    case QuestionType::matching:
      return "matching";
    case QuestionType::ordering:
      return "ordering";
    case QuestionType::short_text:
      return "short answer";
    case QuestionType::numeric:
      return "number";
    case QuestionType::calculated:
      return "calculation";
    case QuestionType::matrix:
      return "matrix";
  }
  return "question";
}

std::string format_points(double points) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", points);
  std::string s(buf);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string render_header(const session::Progress& p, const term::Style& style, std::size_t width) {
  std::vector<std::string> parts = {
      style.bold("Question " + std::to_string(p.number) + "/" + std::to_string(p.total)),
      term::progress_bar(p.answered, p.total)};
  if (p.kind == session::Progress::Kind::exam) {
    // No score in an exam: what is answered, what is flagged, and the time left.
    parts.push_back("answered " + std::to_string(p.answered) + "/" + std::to_string(p.total) +
                    ", flagged " + std::to_string(p.flagged));
    parts.push_back(p.time_left ? "time left " + format_clock(*p.time_left)
                                : std::string("no time limit"));
  } else {
    parts.push_back("score " + format_points(p.points) + "/" + std::to_string(p.answered));
  }
  return flow(parts, width);
}

std::string render_question_text(const session::PresentedQuestion& pq, std::size_t width) {
  std::string out = shown_text(pq.question->prompt, width);
  const std::string body = body_text(pq, width);
  if (!body.empty()) out += "\n" + body;
  return out;
}

std::string render_question(const session::PresentedQuestion& pq, const session::Progress& p,
                            const bank::Bank& bank, const term::Style& style, std::size_t width) {
  const auto& q = *pq.question;
  std::string out = "\n" + render_header(p, style, width);
  std::string about = "Concept: ";
  if (!q.concepts.empty()) {
    about += bank.concept_name(q.concepts[0]);
    std::vector<std::string> also;
    for (std::size_t i = 1; i < q.concepts.size(); ++i)
      also.push_back(bank.concept_name(q.concepts[i]));
    if (!also.empty()) about += " (also " + join(also, ", ") + ")";
  }
  about += " | difficulty " + std::to_string(q.difficulty) + " | " + type_label(q.type);
  out += style.dim(wrap(sanitize_line(about), "", "  ", width)) + "\n";
  out += render_question_text(pq, width);
  std::string how = session::answer_syntax(pq);
  if (p.kind == session::Progress::Kind::exam && p.recorded) {
    out += "\n" + wrap(sanitize_line(*p.recorded) +
                           " (type another answer to change it, or next to keep it)",
                       style.accent("Your answer: "), "  ", width);
  }
  if (p.kind == session::Progress::Kind::exam) {
    how += " Or type a command: skip, flag, goto N, list, submit, help.";
  } else if (!session::hints_of(pq).empty()) {
    how += " Type ? for a hint.";
  }
  out += "\n" + style.accent(wrap(how, "", width));
  return out;
}

std::string render_result(const session::Record& r, const term::Style& style, std::size_t width) {
  const auto& res = r.result;
  std::string out;
  if (res.correct) {
    out += style.good("Right.");
  } else if (res.points > 0.0) {
    out += style.warn("Partly right: " + res.detail + " (" + format_points(res.points) +
                      " of 1 point).");
  } else {
    out += style.bad("Wrong.");
    if (!res.detail.empty()) out += " " + res.detail + ".";
  }
  if (r.hints_used > 0) out += " (answered with " + plural(r.hints_used, "hint", "hints") + ")";
  out = wrap(out, "", "  ", width);
  if (!res.correct)
    out += wrap(sanitize_line(r.given), "You answered: ", std::string(14, ' '), width);
  if (res.correct_answer.size() == 1) {
    out += shown_text(res.correct_answer[0], width, "The answer: ", std::string(12, ' '));
  } else if (!res.correct_answer.empty()) {
    out += "The answer:\n";
    for (const auto& line : res.correct_answer) out += shown_text(line, width, "  ", "  ");
  }
  // Options are named by their letter only: their text is on screen just above.
  for (const auto& f : res.feedback) {
    std::string lead;
    switch (f.kind) {
      case FeedbackKind::right_pick:
        lead = "You chose " + f.label + " (right)";
        break;
      case FeedbackKind::wrong_pick:
        lead = "You chose " + f.label + " (wrong)";
        break;
      case FeedbackKind::missed:
        lead = r.presented->type() == QuestionType::single ? "Why " + f.label + " is right"
                                                           : "You missed " + f.label;
        break;
    }
    if (r.presented->type() == QuestionType::true_false)
      lead = "You said " + f.label + (f.kind == FeedbackKind::right_pick ? " (right)" : " (wrong)");
    out += shown_text(lead + ": " + f.note, width, "  ", "    ");
  }
  if (res.matrix) out += matrix_feedback(*res.matrix, style);
  const auto& expl = r.presented->question->explanation;
  if (!expl.empty()) out += shown_text(expl, width, style.dim("Why: "));
  if (const auto& e = r.presented->exercise) {
    RenderOptions ro;
    ro.style = style;
    ro.width = width;
    out += "\n" + style.bold("Worked steps") + "\n" +
           worked_text(*e, practice::solve(*e), ro, r.presented->part);
  }
  return out;
}

std::string command_lines(const std::string& command, std::string_view indent, std::size_t width) {
  const std::string one = std::string(indent) + command;
  if (width == 0 || display_width(one) <= width) return one + "\n";
  // Broken between words with a shell's line continuation, so it still pastes as one command.
  const std::string lines = wrap(command, indent, std::string(indent) + "    ", width - 2);
  std::string out;
  for (std::size_t at = 0; at < lines.size();) {
    const std::size_t nl = lines.find('\n', at);
    out += lines.substr(at, nl - at) + (nl + 1 < lines.size() ? " \\\n" : "\n");
    at = nl + 1;
  }
  return out;
}

std::string command_text(std::string_view label, const std::string& command, std::size_t width) {
  const std::string one = std::string(label) + command;
  if (width == 0 || display_width(one) <= width) return one + "\n";
  return wrap(label, "", width) + command_lines(command, "  ", width);
}

std::string command_table(const std::vector<std::pair<std::string, std::string>>& rows,
                          std::string_view indent, std::size_t width) {
  std::size_t cmd_w = 0;
  for (const auto& row : rows) cmd_w = std::max(cmd_w, display_width(row.first));
  const std::size_t lead = display_width(indent) + cmd_w + 3;
  std::string out;
  if (width == 0 || lead + 24 <= width) {
    for (const auto& [command, what] : rows)
      out += wrap(what, std::string(indent) + pad_right(command, cmd_w + 3), std::string(lead, ' '),
                  width);
    return out;
  }
  // Too narrow for two columns: each command on its line(s), what it does below it.
  for (const auto& [command, what] : rows)
    out += command_lines(command, indent, width) + wrap(what, std::string(indent) + "    ", width);
  return out;
}

std::string render_summary(const session::Summary& s, const bank::Bank& bank,
                           const SummaryContext& ctx, const term::Style& style, std::size_t width) {
  std::string out = "\n";
  const std::string counted =
      std::to_string(s.answered) + " of " + std::to_string(s.planned) + " questions answered.";
  switch (ctx.end) {
    case session::SessionEnd::completed:
      out += style.bold("Session complete: " + counted);
      break;
    case session::SessionEnd::end_of_input:
      out += style.bold("Session ended at the end of input: " + counted);
      break;
    case session::SessionEnd::interrupted:
      out += style.bold("Session interrupted: " + counted);
      break;
    case session::SessionEnd::quit:
      out += style.bold("Session ended by quit: " + counted);
      break;
  }
  out += "\n";
  if (!s.skipped.empty())
    out += wrap("Skipped (" + std::to_string(s.skipped.size()) +
                    "): " + sanitize_line(join(s.skipped, ", ")),
                "", "  ", width);
  if (s.answered == 0) return out + "Nothing was answered, so there is no score.\n";
  const long percent = std::lround(100.0 * s.points / static_cast<double>(s.answered));
  std::string score = "Score: " + format_points(s.points) + "/" + std::to_string(s.answered) +
                      " (" + std::to_string(percent) + "%), " + std::to_string(s.correct) +
                      " fully right";
  if (!s.hinted.empty())
    score += ", " + std::to_string(s.hinted.size()) + " answered with hints (" +
             sanitize_line(join(s.hinted, ", ")) + ")";
  out += wrap(score + ".", "", "  ", width);

  // Per-concept table.
  std::size_t id_w = std::string("concept").size();
  for (const auto& c : s.by_concept) id_w = std::max(id_w, display_width(sanitize_block(c.id)));
  out += "\n" + style.bold(pad_right("concept", id_w)) + "  answered  right  points  name\n";
  for (const auto& c : s.by_concept) {
    const std::string lead = pad_right(sanitize_line(c.id), id_w) + "  " +
                             pad_left(std::to_string(c.answered), 8) + "  " +
                             pad_left(std::to_string(c.correct), 5) + "  " +
                             pad_left(format_points(c.points), 6) + "  ";
    const std::string row = wrap(sanitize_line(bank.concept_name(c.id)), lead,
                                 std::string(display_width(lead), ' '), width);
    out += c.correct == c.answered ? row : style.warn(row);
  }

  const std::string& bank_args = ctx.bank_args;
  if (s.missed.empty()) {
    out += "\nNothing missed.\n";
    return out;
  }
  out += "\n" + wrap("Missed (" + std::to_string(s.missed.size()) +
                         "): " + sanitize_line(join(s.missed, ", ")),
                     "", "  ", width);
  if (ctx.saved) {
    out += command_text("Try these again:        ", sanitize_line("qkv quiz --missed" + bank_args),
                        width);
  } else if (s.missed.size() <= 8) {
    std::string cmd = "qkv quiz" + bank_args;
    for (const auto& id : s.missed) cmd += " --id " + id;
    out += command_text("Try these again:        ", sanitize_line(cmd), width);
  }
  // The concepts with the lowest share of points, weakest first (at most three).
  std::vector<const session::ConceptScore*> weak;
  for (const auto& c : s.by_concept)
    if (!c.missed.empty()) weak.push_back(&c);
  std::stable_sort(weak.begin(), weak.end(), [](const auto* a, const auto* b) {
    return a->points / static_cast<double>(a->answered) <
           b->points / static_cast<double>(b->answered);
  });
  if (weak.size() > 3) weak.resize(3);
  std::string cmd = "qkv quiz" + bank_args;
  for (const auto* c : weak) cmd += " --concept " + c->id;
  out += command_text("Practise the concepts:  ", sanitize_line(cmd), width);
  return out;
}

}  // namespace qkv::render
