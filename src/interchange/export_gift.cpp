// GIFT as Moodle's GIFT importer reads it (see gift_reader.cpp for the format).
#include <cmath>

#include "core/numbers.hpp"
#include "interchange/export.hpp"
#include "interchange/export_detail.hpp"
#include "interchange/import_detail.hpp"

namespace qkv::interchange {

namespace {

// Text with GIFT's special characters escaped and line breaks as \n.
std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '\\':
      case '~':
      case '=':
      case '#':
      case '{':
      case '}':
      case ':':
        out += '\\';
        out += c;
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A part of a category path: one line, a '/' inside a name written "//" (as Moodle does).
std::string category_part(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '/')
      out += "//";
    else
      out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

std::string feedback(const std::string& f) {
  return f.empty() ? "" : "#" + esc(f);
}

std::string number(double v) {
  return format_exact(v);
}

struct Writer {
  const bank::Pack& pack;
  ExportResult& r;
  std::string& out;

  std::string numeric_block(const bank::Question& q, double answer, const Tolerance& t) {
    double tol = t.value;
    if (t.kind == ToleranceKind::relative) {
      tol = t.value * std::abs(answer);
      lose(r, q, "its relative tolerance becomes the absolute tolerance " + number(tol));
    }
    return "{#" + number(answer) + ":" + number(tol);
  }

  void question(const bank::Question& q) {
    common_losses(r, q, false);
    out += "// [id:" + q.id + "]";
    for (const auto& t : q.tags) out += " [tag:" + t + "]";
    out += "\n::" + esc(q.id) + "::";
    std::string prompt = q.prompt;
    std::string block;
    switch (q.type) {
      case bank::QuestionType::single:
      case bank::QuestionType::multi: {
        const auto& b = std::get<bank::ChoiceBody>(q.body);
        std::size_t right = 0;
        for (const auto& o : b.options) right += o.correct;
        const std::string each = format_weight(100.0 / static_cast<double>(right ? right : 1));
        block = "{\n";
        for (const auto& o : b.options) {
          if (q.type == bank::QuestionType::single)
            block += o.correct ? "\t=" : "\t~";
          else
            block += o.correct ? "\t~%" + each + "%" : "\t~%-" + each + "%";
          block += esc(o.text) + feedback(o.feedback) + "\n";
        }
        break;
      }
      case bank::QuestionType::true_false: {
        const auto& b = std::get<bank::TrueFalseBody>(q.body);
        const std::string& right = b.answer ? b.feedback_true : b.feedback_false;
        const std::string& wrong = b.answer ? b.feedback_false : b.feedback_true;
        block = std::string("{") + (b.answer ? "TRUE" : "FALSE");
        if (!wrong.empty() || !right.empty()) block += "#" + esc(wrong);
        if (!right.empty()) block += "#" + esc(right);
        break;
      }
      case bank::QuestionType::short_text: {
        block = "{\n";
        for (const auto& a : std::get<bank::ShortBody>(q.body).accept)
          block += "\t=" + esc(a) + "\n";
        break;
      }
      case bank::QuestionType::numeric: {
        const auto& b = std::get<bank::NumericBody>(q.body);
        block = numeric_block(q, b.answer, b.tolerance);
        break;
      }
      case bank::QuestionType::matching: {
        const auto& b = std::get<bank::MatchingBody>(q.body);
        block = "{\n";
        for (const auto& p : b.pairs) {
          block += "\t=" + esc(p.left) + " -> " + esc(p.right) + "\n";
          if (p.right.find("->") != std::string::npos || p.left.find("->") != std::string::npos)
            lose(r, q, "a pair holds '->', which GIFT cannot escape; it may not read back");
        }
        for (const auto& d : b.distractors) block += "\t= -> " + esc(d) + "\n";
        break;
      }
      case bank::QuestionType::ordering: {
        const auto& b = std::get<bank::OrderingBody>(q.body);
        lose(r, q, "GIFT has no ordering questions: written as matching positions to items");
        prompt += "\n(Match each position with its item.)";
        block = "{\n";
        for (std::size_t i = 0; i < b.items.size(); ++i)
          block += "\t=" + std::to_string(i + 1) + " -> " + esc(b.items[i]) + "\n";
        break;
      }
      case bank::QuestionType::calculated:
      case bank::QuestionType::matrix: {
        const Instance in = instance_of(q);
        prompt = in.prompt;
        if (in.number) {
          lose(r, q, "written as a numeric question on one instance (" + in.description + ")");
          block = numeric_block(q, *in.number, in.tolerance);
        } else {
          lose(r, q,
               "written as a short-answer question on one instance (" + in.description +
                   "): the answer is typed as text, each entry rounded (" + in.text_answer +
                   "), and compared exactly, not within a tolerance");
          block = "{=" + esc(in.text_answer);
        }
        break;
      }
    }
    out += esc(prompt) + block;
    finish(q);
  }

  void finish(const bank::Question& q) {
    if (!q.explanation.empty()) out += "\t####" + esc(q.explanation) + "\n";
    out += "}\n\n";
    ++r.questions;
  }
};

}  // namespace

ExportResult export_gift(const bank::Pack& pack) {
  ExportResult r;
  std::string& out = r.text;
  out = "// " + pack.title + " (qkv pack " + pack.id + " " + pack.version + "), written by qkv\n\n";
  Writer w{pack, r, out};
  std::string category;
  for (const auto& q : pack.questions) {
    const std::string c = q.concepts.empty() ? "" : q.concepts.front();
    if (c != category) {
      category = c;
      out += "$CATEGORY: $course$/top/" + category_part(pack.title) + "/" +
             category_part(concept_name(pack, c)) + "\n\n";
    }
    w.question(q);
  }
  return r;
}

}  // namespace qkv::interchange
