// Moodle XML (docs.moodle.org/en/Moodle_XML_format), written with pugixml. Text fields use
// format="plain_text", which Moodle shows with line breaks and spaces kept, so prompts laid out
// in columns survive; one category per concept, named after the concept and carrying its id as
// <idnumber>.
#include <cmath>
#include <pugixml.hpp>
#include <sstream>

#include "core/numbers.hpp"
#include "interchange/export.hpp"
#include "interchange/export_detail.hpp"
#include "interchange/import_detail.hpp"

namespace qkv::interchange {

namespace {

// A category name inside a path: Moodle writes a '/' in a name as "//".
std::string category_part(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '/' ? std::string("//") : std::string(1, c);
  return out;
}

void text_el(pugi::xml_node parent, const char* name, const std::string& text,
             bool with_format = true) {
  auto el = parent.append_child(name);
  if (with_format) el.append_attribute("format") = "plain_text";
  el.append_child("text").text().set(text.c_str());
}

void value_el(pugi::xml_node parent, const char* name, const std::string& v) {
  parent.append_child(name).text().set(v.c_str());
}

pugi::xml_node start(pugi::xml_node quiz, const char* type, const bank::Question& q,
                     const std::string& prompt) {
  auto x = quiz.append_child("question");
  x.append_attribute("type") = type;
  auto name = x.append_child("name");
  name.append_child("text").text().set(q.id.c_str());
  text_el(x, "questiontext", prompt);
  text_el(x, "generalfeedback", q.explanation);
  value_el(x, "defaultgrade", "1");
  value_el(x, "penalty", "0.3333333");
  value_el(x, "hidden", "0");
  value_el(x, "idnumber", q.id);
  return x;
}

void answer(pugi::xml_node x, double fraction, const std::string& text, const std::string& feedback,
            bool with_format = true) {
  auto a = x.append_child("answer");
  a.append_attribute("fraction") = format_weight(fraction).c_str();
  if (with_format) a.append_attribute("format") = "plain_text";
  a.append_child("text").text().set(text.c_str());
  text_el(a, "feedback", feedback);
}

void combined_feedback(pugi::xml_node x) {
  text_el(x, "correctfeedback", "");
  text_el(x, "partiallycorrectfeedback", "");
  text_el(x, "incorrectfeedback", "");
}

void numerical(pugi::xml_node quiz, const bank::Question& q, const std::string& prompt,
               double value, const Tolerance& t, ExportResult& r) {
  auto x = start(quiz, "numerical", q, prompt);
  double tol = t.value;
  if (t.kind == ToleranceKind::relative) {
    tol = t.value * std::abs(value);
    lose(r, q, "its relative tolerance becomes the absolute tolerance " + format_exact(tol));
  }
  auto a = x.append_child("answer");
  a.append_attribute("fraction") = "100";
  a.append_attribute("format") = "moodle_auto_format";
  a.append_child("text").text().set(format_exact(value).c_str());
  text_el(a, "feedback", "");
  value_el(a, "tolerance", format_exact(tol));
  value_el(x, "unitgradingtype", "0");
  value_el(x, "unitpenalty", "0.1000000");
  value_el(x, "showunits", "3");
  value_el(x, "unitsleft", "0");
}

pugi::xml_node question(pugi::xml_node quiz, const bank::Question& q, ExportResult& r) {
  switch (q.type) {
    case bank::QuestionType::single:
    case bank::QuestionType::multi: {
      const bool single = q.type == bank::QuestionType::single;
      const auto& b = std::get<bank::ChoiceBody>(q.body);
      auto x = start(quiz, "multichoice", q, q.prompt);
      value_el(x, "single", single ? "true" : "false");
      value_el(x, "shuffleanswers", "true");
      value_el(x, "answernumbering", "abc");
      value_el(x, "showstandardinstruction", "0");
      combined_feedback(x);
      x.append_child("shownumcorrect");
      std::size_t right = 0;
      for (const auto& o : b.options) right += o.correct;
      const double each = 100.0 / static_cast<double>(right ? right : 1);
      for (const auto& o : b.options)
        answer(x, o.correct ? (single ? 100.0 : each) : (single ? 0.0 : -each), o.text, o.feedback);
      return x;
    }
    case bank::QuestionType::true_false: {
      const auto& b = std::get<bank::TrueFalseBody>(q.body);
      auto x = start(quiz, "truefalse", q, q.prompt);
      answer(x, b.answer ? 100 : 0, "true", b.feedback_true, false);
      answer(x, b.answer ? 0 : 100, "false", b.feedback_false, false);
      return x;
    }
    case bank::QuestionType::short_text: {
      auto x = start(quiz, "shortanswer", q, q.prompt);
      value_el(x, "usecase", "0");
      for (const auto& a : std::get<bank::ShortBody>(q.body).accept) answer(x, 100, a, "", false);
      return x;
    }
    case bank::QuestionType::numeric: {
      const auto& b = std::get<bank::NumericBody>(q.body);
      numerical(quiz, q, q.prompt, b.answer, b.tolerance, r);
      return quiz.last_child();
    }
    case bank::QuestionType::matching: {
      const auto& b = std::get<bank::MatchingBody>(q.body);
      auto x = start(quiz, "matching", q, q.prompt);
      value_el(x, "shuffleanswers", "true");
      combined_feedback(x);
      x.append_child("shownumcorrect");
      auto sub = [&](const std::string& left, const std::string& right) {
        auto s = x.append_child("subquestion");
        s.append_attribute("format") = "plain_text";
        s.append_child("text").text().set(left.c_str());
        s.append_child("answer").append_child("text").text().set(right.c_str());
      };
      for (const auto& p : b.pairs) sub(p.left, p.right);
      for (const auto& d : b.distractors) sub("", d);
      return x;
    }
    case bank::QuestionType::ordering: {
      const auto& b = std::get<bank::OrderingBody>(q.body);
      auto x = start(quiz, "ordering", q, q.prompt);
      value_el(x, "layouttype", "VERTICAL");
      value_el(x, "selecttype", "ALL");
      value_el(x, "selectcount", "0");
      value_el(x, "gradingtype", "LONGEST_ORDERED_SUBSET");
      value_el(x, "showgrading", "SHOW");
      value_el(x, "numberingstyle", "none");
      combined_feedback(x);
      x.append_child("shownumcorrect");
      for (std::size_t i = 0; i < b.items.size(); ++i)
        answer(x, static_cast<double>(i + 1), b.items[i], "");
      lose(r, q,
           "needs Moodle's ordering question type (the qtype_ordering plugin; standard "
           "from Moodle 4.4)");
      return x;
    }
    case bank::QuestionType::calculated:
    case bank::QuestionType::matrix: {
      const Instance in = instance_of(q);
      if (in.number) {
        lose(r, q, "written as a numerical question on one instance (" + in.description + ")");
        numerical(quiz, q, in.prompt, *in.number, in.tolerance, r);
        return quiz.last_child();
      }
      lose(r, q,
           "written as a short-answer question on one instance (" + in.description +
               "): the answer is typed as text, each entry rounded (" + in.text_answer +
               "), and compared exactly, not within a tolerance");
      auto x = start(quiz, "shortanswer", q, in.prompt);
      value_el(x, "usecase", "0");
      answer(x, 100, in.text_answer, "", false);
      return x;
    }
  }
  return {};
}

}  // namespace

ExportResult export_moodle_xml(const bank::Pack& pack) {
  ExportResult r;
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto quiz = doc.append_child("quiz");
  std::string category;
  for (const auto& q : pack.questions) {
    const std::string c = q.concepts.empty() ? "" : q.concepts.front();
    if (c != category || r.questions == 0) {
      category = c;
      auto x = quiz.append_child("question");
      x.append_attribute("type") = "category";
      std::string path =
          "$course$/top/" + category_part(pack.title) + "/" + category_part(concept_name(pack, c));
      x.append_child("category").append_child("text").text().set(path.c_str());
      std::string summary;
      for (const auto& con : pack.concepts)
        if (con.id == c) summary = con.summary;
      text_el(x, "info", summary);
      value_el(x, "idnumber", c);
    }
    auto x = question(quiz, q, r);
    for (const auto& h : q.hints) text_el(x, "hint", h);
    if (!q.tags.empty()) {
      auto tags = x.append_child("tags");
      for (const auto& t : q.tags)
        tags.append_child("tag").append_child("text").text().set(t.c_str());
    }
    common_losses(r, q, true);
    ++r.questions;
  }
  std::ostringstream s;
  doc.save(s, "  ", pugi::format_default, pugi::encoding_utf8);
  r.text = s.str();
  return r;
}

}  // namespace qkv::interchange
