// Moodle XML (docs.moodle.org/en/Moodle_XML_format), read with pugixml. Types carried over:
// multichoice, truefalse, shortanswer, numerical, matching, ordering (qtype_ordering) and
// calculated / calculatedsimple (one instance of the dataset); category questions set the
// concept of what follows. Every other type is reported and skipped.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <pugixml.hpp>

#include "core/text.hpp"
#include "interchange/formula.hpp"
#include "interchange/import.hpp"
#include "interchange/import_detail.hpp"
#include "interchange/text_util.hpp"

namespace qkv::interchange {

namespace {

using bank::QuestionType;

class Reader {
 public:
  Reader(const std::string& file, const std::string& text, ReadResult& out)
      : file_(file), out_(out) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') newlines_.push_back(i);
  }

  int line(const pugi::xml_node& n) const {
    const auto off = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, n.offset_debug()));
    return static_cast<int>(std::upper_bound(newlines_.begin(), newlines_.end(), off) -
                            newlines_.begin()) +
           1;
  }
  void error(const pugi::xml_node& n, std::string m) {
    out_.errors.push_back({file_, line(n), 0, "", std::move(m), Severity::error});
  }
  void skip(const pugi::xml_node& n, std::string m) {
    out_.skipped.push_back({file_, line(n), 0, "", std::move(m), Severity::error});
  }
  void note(const pugi::xml_node& n, std::string m) {
    out_.notes.push_back({file_, line(n), 0, "", std::move(m), Severity::warning});
  }

  // The plain text of a text-bearing element (<questiontext format="html"><text>...</text>).
  std::string text_of(const pugi::xml_node& el) {
    if (!el) return "";
    const std::string format = el.attribute("format").as_string("moodle_auto_format");
    const pugi::xml_node t = el.child("text");
    std::string raw = t ? t.child_value() : el.child_value();
    // A CDATA section and plain character data are both children of <text>.
    if (t) {
      raw.clear();
      for (const auto& c : t.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) raw += c.value();
    }
    std::vector<std::string> images;
    if (format == "html" || (format == "moodle_auto_format" && looks_like_html(raw)))
      raw = html_to_text(raw, &images);
    for (const auto& img : images) note(el, "image \"" + img + "\" dropped: qkv shows text only");
    for (const auto& f : el.children("file")) {
      const std::string name = f.attribute("name").as_string();
      const bool shown = std::any_of(images.begin(), images.end(), [&](const std::string& i) {
        return i.find(name) != std::string::npos;
      });
      if (!shown) note(f, "file \"" + name + "\" dropped: qkv shows text only");
    }
    return escape_controls(trim(raw));
  }

  void read(const pugi::xml_node& quiz);

 private:
  const std::string& file_;
  ReadResult& out_;
  std::vector<std::size_t> newlines_;
  std::string category_, category_id_;

  void question(const pugi::xml_node& q, const std::string& type);
  bool choice(const pugi::xml_node& q, ImportedQuestion& iq);
  bool truefalse(const pugi::xml_node& q, ImportedQuestion& iq);
  bool shortanswer(const pugi::xml_node& q, ImportedQuestion& iq);
  bool numerical(const pugi::xml_node& q, ImportedQuestion& iq, bool calculated);
  bool matching(const pugi::xml_node& q, ImportedQuestion& iq);
  bool ordering(const pugi::xml_node& q, ImportedQuestion& iq);
};

double fraction_of(const pugi::xml_node& a) {
  return std::strtod(a.attribute("fraction").as_string("0"), nullptr);
}

bool has_answer(const pugi::xml_node& q) {
  return static_cast<bool>(q.child("answer"));
}

void Reader::read(const pugi::xml_node& quiz) {
  for (const auto& q : quiz.children()) {
    if (q.type() != pugi::node_element) continue;
    if (std::string_view(q.name()) != "question") {
      error(q,
            std::string("<") + q.name() + "> inside <quiz>: only <question> elements belong there");
      continue;
    }
    const std::string type = q.attribute("type").as_string();
    if (type.empty()) {
      error(q, "<question> without a type=\"...\" attribute");
      continue;
    }
    if (type == "category") {
      const pugi::xml_node c = q.child("category");
      category_ =
          c ? std::string(trim(c.child("text") ? c.child("text").child_value() : c.child_value()))
            : "";
      // "$course$/top/Attention" and "$system$/..." : the context prefix is not a concept.
      for (const char* prefix : {"$course$/", "$system$/", "$module$/", "$coursecategory$/"})
        if (category_.rfind(prefix, 0) == 0)
          category_ = category_.substr(std::string(prefix).size());
      if (category_.rfind("top/", 0) == 0) category_ = category_.substr(4);
      category_id_ = std::string(trim(q.child_value("idnumber")));
      continue;
    }
    question(q, type);
  }
}

void Reader::question(const pugi::xml_node& q, const std::string& type) {
  ImportedQuestion iq;
  iq.file = file_;
  iq.line = line(q);
  iq.category = category_;
  iq.category_id = category_id_;
  iq.name = escape_controls(trim(q.child("name").child("text").child_value()));
  iq.source_id = std::string(trim(q.child("idnumber").child_value()));
  bank::Question& bq = iq.question;

  static const std::map<std::string, std::string> unsupported = {
      {"essay", "an essay question cannot be graded by qkv"},
      {"description", "a description is text, not a question"},
      {"multianswer", "an embedded-answers (Cloze) question has no qkv type"},
      {"ddwtos", "a drag-and-drop into text question has no qkv type"},
      {"gapselect", "a select-missing-words question has no qkv type"},
      {"ddimageortext", "a drag-and-drop onto image question has no qkv type"},
      {"ddmarker", "a drag-and-drop markers question has no qkv type"},
      {"randomsamatch",
       "a random short-answer matching question is drawn from other questions; "
       "qkv has no such type"},
      {"calculatedmulti", "a calculated multichoice question has no qkv type"},
      {"random", "a random question is a draw from a category, not a question"},
  };
  if (auto it = unsupported.find(type); it != unsupported.end()) {
    skip(q, "question type \"" + type + "\"" + (iq.name.empty() ? "" : " (\"" + iq.name + "\")") +
                ": " + it->second);
    return;
  }
  static const char* known[] = {"multichoice", "truefalse", "shortanswer", "numerical",
                                "matching",    "ordering",  "calculated",  "calculatedsimple"};
  if (std::find(std::begin(known), std::end(known), type) == std::end(known)) {
    skip(q, "question type \"" + type + "\" has no qkv type");
    return;
  }

  if (!q.child("questiontext")) {
    error(q, "a " + type + " question without <questiontext>");
    return;
  }
  bq.prompt = text_of(q.child("questiontext"));
  if (bq.prompt.empty()) {
    error(q.child("questiontext"), "the question text is empty");
    return;
  }
  bq.explanation = text_of(q.child("generalfeedback"));
  for (const auto& h : q.children("hint")) {
    std::string t = text_of(h);
    if (!t.empty()) bq.hints.push_back(std::move(t));
  }
  for (const auto& t : q.child("tags").children("tag")) {
    std::string s = escape_controls(trim(t.child("text").child_value()));
    if (!s.empty()) bq.tags.push_back(std::move(s));
  }
  if (type != "matching" && type != "ordering" && !has_answer(q)) {
    error(q, "a " + type + " question without an <answer>");
    return;
  }

  bool ok = false;
  if (type == "multichoice") ok = choice(q, iq);
  if (type == "truefalse") ok = truefalse(q, iq);
  if (type == "shortanswer") ok = shortanswer(q, iq);
  if (type == "numerical") ok = numerical(q, iq, false);
  if (type == "calculated" || type == "calculatedsimple") ok = numerical(q, iq, true);
  if (type == "matching") ok = matching(q, iq);
  if (type == "ordering") ok = ordering(q, iq);
  if (ok) out_.questions.push_back(std::move(iq));
}

bool Reader::choice(const pugi::xml_node& q, ImportedQuestion& iq) {
  const std::string single_text = std::string(trim(q.child_value("single")));
  const bool single = single_text != "false" && single_text != "0";
  bank::ChoiceBody body;
  std::vector<double> weights;
  std::vector<pugi::xml_node> nodes;
  for (const auto& a : q.children("answer")) {
    bank::Option o;
    o.text = text_of(a);
    o.feedback = text_of(a.child("feedback"));
    const double f = fraction_of(a);
    o.correct = single ? f >= 99.99 : f > 0;
    if (o.text.empty()) {
      error(a, "an <answer> with no text");
      return false;
    }
    weights.push_back(f);
    nodes.push_back(a);
    body.options.push_back(std::move(o));
  }
  const auto correct = std::count_if(body.options.begin(), body.options.end(),
                                     [](const bank::Option& o) { return o.correct; });
  if (body.options.size() < 2) {
    skip(q, "a multiple-choice question needs at least 2 options in qkv, found " +
                std::to_string(body.options.size()));
    return false;
  }
  if (correct == 0) {
    skip(q, single ? "no answer has fraction 100: a single-choice question needs one right "
                     "option"
                   : "no answer has a positive fraction: a multiple-answer question needs at "
                     "least one right option");
    return false;
  }
  if (single && correct > 1) {
    skip(q, std::to_string(correct) +
                " answers have fraction 100 in a one-answer question; "
                "qkv's single-choice questions have one right option");
    return false;
  }
  if (single) {
    for (std::size_t i = 0; i < weights.size(); ++i)
      if (!body.options[i].correct && weights[i] != 0)
        note(nodes[i], "the fraction " + format_weight(weights[i]) + "% of option \"" +
                           body.options[i].text +
                           "\" is dropped: in qkv an option of a single-choice question is "
                           "right or wrong");
  } else {
    check_multi_weights(weights, body, [&](const std::string& m) { note(q, m); });
  }
  iq.question.type = single ? QuestionType::single : QuestionType::multi;
  iq.question.body = std::move(body);
  return true;
}

bool Reader::truefalse(const pugi::xml_node& q, ImportedQuestion& iq) {
  bank::TrueFalseBody body;
  bool seen_true = false, seen_false = false, right_found = false;
  for (const auto& a : q.children("answer")) {
    const std::string t = std::string(trim(a.child("text").child_value()));
    const bool is_true = t == "true";
    if (t != "true" && t != "false") {
      error(a, "a true/false answer must be \"true\" or \"false\", found \"" + t + "\"");
      return false;
    }
    (is_true ? seen_true : seen_false) = true;
    (is_true ? body.feedback_true : body.feedback_false) = text_of(a.child("feedback"));
    if (fraction_of(a) >= 99.99) {
      body.answer = is_true;
      right_found = true;
    }
  }
  if (!seen_true || !seen_false || !right_found) {
    error(q,
          "a true/false question needs an answer \"true\" and an answer \"false\", one with "
          "fraction 100");
    return false;
  }
  iq.question.type = QuestionType::true_false;
  iq.question.body = std::move(body);
  return true;
}

bool Reader::shortanswer(const pugi::xml_node& q, ImportedQuestion& iq) {
  bank::ShortBody body;
  if (std::string(trim(q.child_value("usecase"))) == "1")
    note(q,
         "case-sensitive matching (usecase 1) is dropped: qkv compares short answers ignoring "
         "case");
  for (const auto& a : q.children("answer")) {
    const std::string t = escape_controls(trim(a.child("text").child_value()));
    const double f = fraction_of(a);
    if (t.empty()) {
      error(a, "an <answer> with no text");
      return false;
    }
    if (!text_of(a.child("feedback")).empty())
      note(a, "the feedback of the answer \"" + t +
                  "\" is dropped: qkv short answers have one "
                  "explanation (the general feedback)");
    if (t.find('*') != std::string::npos)
      note(a, "the answer \"" + t + "\" uses the wildcard '*', which qkv reads as a plain '*'");
    if (f >= 99.99)
      body.accept.push_back(t);
    else
      note(a, "the answer \"" + t + "\" (" + format_weight(f) +
                  "%) is dropped: qkv accepts a short answer fully or not at all");
  }
  if (body.accept.empty()) {
    skip(q, "no answer has fraction 100; qkv needs at least one fully right short answer");
    return false;
  }
  iq.question.type = QuestionType::short_text;
  iq.question.body = std::move(body);
  return true;
}

bool Reader::numerical(const pugi::xml_node& q, ImportedQuestion& iq, bool calculated) {
  std::map<std::string, double> values;
  if (calculated) {
    for (const auto& d : q.child("dataset_definitions").children("dataset_definition")) {
      const std::string name = std::string(trim(d.child("name").child("text").child_value()));
      const pugi::xml_node item = d.child("dataset_items").child("dataset_item");
      if (name.empty() || !item) {
        skip(q, "the calculated question's dataset" +
                    (name.empty() ? std::string() : " {" + name + "}") +
                    " has no items, so no instance can be made");
        return false;
      }
      char* end = nullptr;
      const std::string v = std::string(trim(item.child_value("value")));
      values[name] = std::strtod(v.c_str(), &end);
    }
    // The wildcards in the text take their values.
    for (auto* s : {&iq.question.prompt, &iq.question.explanation}) {
      for (const auto& [name, v] : values) {
        const std::string key = "{" + name + "}";
        for (std::size_t p = s->find(key); p != std::string::npos; p = s->find(key, p))
          s->replace(p, key.size(), format_weight(v)), p += 1;
      }
    }
  }
  std::optional<bank::NumericBody> best;
  for (const auto& a : q.children("answer")) {
    const std::string t = std::string(trim(a.child("text").child_value()));
    const double f = fraction_of(a);
    double value = 0;
    if (t == "*") {
      if (!text_of(a.child("feedback")).empty())
        note(a, "the feedback for any other answer ('*') is dropped");
      continue;
    }
    if (calculated) {
      std::string why;
      auto v = evaluate_formula(t, values, &why);
      if (!v) {
        skip(a, "the formula \"" + t + "\" cannot be evaluated: " + why);
        return false;
      }
      value = *v;
    } else {
      char* end = nullptr;
      value = std::strtod(t.c_str(), &end);
      if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(value)) {
        error(a, "the numerical answer \"" + t + "\" is not a number");
        return false;
      }
    }
    const std::string tol_text = std::string(trim(a.child_value("tolerance")));
    double tol = 0;
    if (!tol_text.empty()) {
      char* end = nullptr;
      tol = std::strtod(tol_text.c_str(), &end);
      if (end != tol_text.c_str() + tol_text.size() || !std::isfinite(tol) || tol < 0) {
        error(a.child("tolerance"), "the tolerance \"" + tol_text + "\" is not a number >= 0");
        return false;
      }
    }
    if (!text_of(a.child("feedback")).empty())
      note(a, "the feedback of the answer \"" + t +
                  "\" is dropped: qkv numeric questions have "
                  "one explanation (the general feedback)");
    if (f >= 99.99 && !best) {
      bank::NumericBody body;
      body.answer = value;
      body.tolerance.value = tol;
      // calculated: tolerancetype 1 relative, 2 nominal (absolute), 3 geometric.
      const std::string tt = std::string(trim(a.child_value("tolerancetype")));
      if (calculated && (tt == "1" || tt.empty())) {
        body.tolerance.kind = ToleranceKind::relative;
      } else if (calculated && tt == "3") {
        body.tolerance.kind = ToleranceKind::relative;
        note(a, "the geometric tolerance becomes a relative one");
      }
      best = body;
    } else {
      note(a, "the answer \"" + t + "\" (" + format_weight(f) +
                  "%) is dropped: qkv numeric questions have one answer, the first at 100%");
    }
  }
  if (!best) {
    skip(q, "no numerical answer has fraction 100; qkv needs one fully right answer");
    return false;
  }
  if (q.child("units").child("unit"))
    note(q.child("units"), "the units are dropped: qkv reads a bare number");
  if (calculated) {
    std::string list;
    for (const auto& [name, v] : values)
      list += (list.empty() ? "" : ", ") + name + " = " + format_weight(v);
    note(q, "the calculated question becomes a numeric question on one instance of its dataset" +
                (list.empty() ? std::string() : " (" + list + ")"));
  }
  iq.question.type = QuestionType::numeric;
  iq.question.body = *best;
  return true;
}

bool Reader::matching(const pugi::xml_node& q, ImportedQuestion& iq) {
  bank::MatchingBody body;
  for (const auto& s : q.children("subquestion")) {
    std::string left = text_of(s);
    std::string right = escape_controls(trim(s.child("answer").child("text").child_value()));
    if (right.empty()) {
      error(s, "a <subquestion> without an <answer> text");
      return false;
    }
    if (left.empty())
      body.distractors.push_back(std::move(right));
    else
      body.pairs.push_back({std::move(left), std::move(right)});
  }
  if (body.pairs.empty() && body.distractors.empty()) {
    error(q, "a matching question without a <subquestion>");
    return false;
  }
  if (auto why = matching_problem(body)) {
    skip(q, *why);
    return false;
  }
  iq.question.type = QuestionType::matching;
  iq.question.body = std::move(body);
  return true;
}

bool Reader::ordering(const pugi::xml_node& q, ImportedQuestion& iq) {
  // qtype_ordering lists the items in the right order; "fraction" numbers the positions.
  std::vector<std::pair<double, std::string>> items;
  for (const auto& a : q.children("answer")) {
    std::string t = text_of(a);
    if (t.empty()) {
      error(a, "an ordering item with no text");
      return false;
    }
    items.emplace_back(fraction_of(a), std::move(t));
  }
  if (items.empty()) {
    error(q, "an ordering question without an <answer>");
    return false;
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  bank::OrderingBody body;
  for (auto& [f, t] : items) body.items.push_back(std::move(t));
  if (auto why = ordering_problem(body.items)) {
    skip(q, *why);
    return false;
  }
  const std::string select = std::string(trim(q.child_value("selecttype")));
  if (!select.empty() && select != "ALL" && select != "0")
    note(q, "the ordering question shows a selection of its items in Moodle (selecttype " + select +
                "); qkv asks for all of them");
  iq.question.type = QuestionType::ordering;
  iq.question.body = std::move(body);
  return true;
}

}  // namespace

ReadResult read_moodle_xml(std::string_view input, const std::string& file) {
  ReadResult out;
  std::string text;
  if (!prepare_text(input, file, text, out)) return out;
  pugi::xml_document doc;
  const pugi::xml_parse_result r =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                      pugi::encoding_utf8);
  if (!r) {
    out.errors.push_back({file, line_at(text, static_cast<std::size_t>(r.offset)), 0, "",
                          std::string("not well-formed XML: ") + r.description(), Severity::error});
    return out;
  }
  const pugi::xml_node quiz = doc.child("quiz");
  if (!quiz) {
    out.errors.push_back({file, 1, 0, "",
                          "no <quiz> element: a Moodle XML file holds <quiz><question "
                          "type=\"...\">...</question></quiz>",
                          Severity::error});
    return out;
  }
  Reader reader(file, text, out);
  reader.read(quiz);
  return out;
}

}  // namespace qkv::interchange
