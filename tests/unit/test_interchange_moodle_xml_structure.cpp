// The Moodle XML qkv writes, checked against what Moodle's own importer reads (no XSD for the
// format exists). The element names and rules below follow Moodle's qformat_xml importer
// (question/format/xml/format.php: import_headers, import_answer, import_multichoice,
// import_truefalse, import_shortanswer, import_numerical, import_match, import_category,
// import_hint, import_question_tags) and the ordering question type's import_from_xml
// (question/type/ordering), and docs.moodle.org/en/Moodle_XML_format:
// - <quiz> holds only <question type="...">, of a type Moodle knows;
// - every question has <name><text> (Moodle refuses a question without one) and
//   <questiontext format="..."><text>; text formats are the five trans_format() knows;
// - answers carry fraction="..." (a percentage) and <text>; feedback is <feedback><text>;
// - true/false answers are the words "true" and "false" (matched literally, else Moodle falls
//   back to file order with a warning), one of them with fraction 100;
// - numerical answers hold a number in <text> and a <tolerance>;
// - matching needs <subquestion format><text> with <answer><text>;
// - hints are <hint format><text>, tags <tags><tag><text>, a category <category><text> with a
//   $course$/ path;
// - no element appears that the importer does not read for that type (besides <hidden>, which
//   Moodle's own export writes), so that a misspelt element cannot be silently ignored.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>

#include "bank/loader.hpp"
#include "interchange/export.hpp"
#include "support/paths.hpp"

namespace {

const std::set<std::string> kFormats = {"moodle_auto_format", "html", "plain_text", "wiki_like",
                                        "markdown"};

// Read by import_headers for every question type (hidden: written by Moodle's export).
const std::set<std::string> kCommon = {"name",         "questiontext", "generalfeedback",
                                       "defaultgrade", "penalty",      "hidden",
                                       "idnumber",     "tags",         "hint"};
const std::set<std::string> kCombinedFeedback = {"correctfeedback", "partiallycorrectfeedback",
                                                 "incorrectfeedback", "shownumcorrect"};

std::set<std::string> allowed(const std::string& type) {
  std::set<std::string> s = kCommon;
  auto add = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) s.insert(n);
  };
  auto combined = [&] { s.insert(kCombinedFeedback.begin(), kCombinedFeedback.end()); };
  if (type == "multichoice") {
    add({"single", "shuffleanswers", "answernumbering", "showstandardinstruction", "answer"});
    combined();
  } else if (type == "truefalse") {
    add({"answer"});
  } else if (type == "shortanswer") {
    add({"usecase", "answer"});
  } else if (type == "numerical") {
    add({"answer", "units", "unitgradingtype", "unitpenalty", "showunits", "unitsleft",
         "instructions"});
  } else if (type == "matching") {
    add({"shuffleanswers", "subquestion"});
    combined();
  } else if (type == "ordering") {
    add({"layouttype", "selecttype", "selectcount", "gradingtype", "showgrading", "numberingstyle",
         "answer"});
    combined();
  }
  return s;
}

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}

// A text element as Moodle reads it: format="..." one of the five, and a <text> child.
void check_text_element(pugi::xml_node el, const std::string& where, bool needs_format = true) {
  CAPTURE(where);
  REQUIRE(el);
  if (needs_format) CHECK(kFormats.count(el.attribute("format").value()) == 1);
  CHECK(el.child("text"));
}

double fraction_of(pugi::xml_node answer) {
  const std::string f = answer.attribute("fraction").value();
  CHECK(is_number(f));
  return std::strtod(f.c_str(), nullptr);
}

}  // namespace

TEST_CASE("the Moodle XML written from the core bank has the structure Moodle's importer reads") {
  auto loaded = qkv::bank::load_pack(qkv::test::content_dir() + "/packs/core");
  REQUIRE(loaded.pack);
  const auto out = qkv::interchange::export_moodle_xml(*loaded.pack);
  pugi::xml_document doc;
  const auto parsed =
      doc.load_string(out.text.c_str(), pugi::parse_default | pugi::parse_declaration);
  REQUIRE_MESSAGE(parsed, parsed.description());
  const pugi::xml_node quiz = doc.child("quiz");
  REQUIRE(quiz);
  CHECK(doc.first_child().type() == pugi::node_declaration);

  std::map<std::string, int> types;
  int questions = 0;
  for (pugi::xml_node x : quiz.children()) {
    REQUIRE(x.type() == pugi::node_element);
    CHECK(std::string(x.name()) == "question");
    const std::string type = x.attribute("type").value();
    ++types[type];
    const std::string name = x.child("name").child("text").text().get();
    CAPTURE(type);
    CAPTURE(name);
    if (type == "category") {
      const std::string path = x.child("category").child("text").text().get();
      CHECK(path.rfind("$course$/top/", 0) == 0);
      check_text_element(x.child("info"), "info");
      for (pugi::xml_node c : x.children())
        CHECK(std::set<std::string>{"category", "info", "idnumber"}.count(c.name()) == 1);
      continue;
    }
    ++questions;
    REQUIRE(std::set<std::string>{"multichoice", "truefalse", "shortanswer", "numerical",
                                  "matching", "ordering"}
                .count(type) == 1);
    const auto names = allowed(type);
    for (pugi::xml_node c : x.children()) {
      CAPTURE(c.name());
      CHECK(names.count(c.name()) == 1);
    }
    CHECK(!name.empty());
    check_text_element(x.child("questiontext"), "questiontext");
    CHECK(!std::string(x.child("questiontext").child("text").text().get()).empty());
    check_text_element(x.child("generalfeedback"), "generalfeedback");
    CHECK(is_number(x.child("defaultgrade").text().get()));
    CHECK(is_number(x.child("penalty").text().get()));
    for (pugi::xml_node h : x.children("hint")) check_text_element(h, "hint");
    if (auto tags = x.child("tags"))
      for (pugi::xml_node t : tags.children()) {
        CHECK(std::string(t.name()) == "tag");
        CHECK(!std::string(t.child("text").text().get()).empty());
      }

    int answers = 0, full = 0;
    double positive = 0;
    for (pugi::xml_node a : x.children("answer")) {
      ++answers;
      CHECK(a.child("text"));
      const double f = fraction_of(a);
      full += f == 100;
      if (f > 0) positive += f;
      if (type != "ordering") check_text_element(a.child("feedback"), "answer feedback");
      for (pugi::xml_node c : a.children())
        CHECK(std::set<std::string>{"text", "feedback", "tolerance", "file"}.count(c.name()) == 1);
    }
    if (type == "multichoice") {
      const std::string single = x.child("single").text().get();
      REQUIRE((single == "true" || single == "false"));
      CHECK(answers >= 2);
      if (single == "true") {
        CHECK(full == 1);
      } else {
        CHECK(std::abs(positive - 100) < 0.01);  // the right options share 100 %
      }
      CHECK(std::set<std::string>{"abc", "ABCD", "123", "iii", "IIII", "none"}.count(
                x.child("answernumbering").text().get()) == 1);
      for (const auto& f : kCombinedFeedback)
        if (f != "shownumcorrect") check_text_element(x.child(f.c_str()), f);
    } else if (type == "truefalse") {
      REQUIRE(answers == 2);
      std::set<std::string> words;
      for (pugi::xml_node a : x.children("answer")) words.insert(a.child("text").text().get());
      CHECK(words == std::set<std::string>{"true", "false"});
      CHECK(full == 1);
    } else if (type == "shortanswer") {
      CHECK(answers >= 1);
      CHECK(full >= 1);
      CHECK(std::string(x.child("usecase").text().get()).find_first_not_of("01") ==
            std::string::npos);
      for (pugi::xml_node a : x.children("answer"))
        CHECK(!std::string(a.child("text").text().get()).empty());
    } else if (type == "numerical") {
      CHECK(answers >= 1);
      CHECK(full >= 1);
      for (pugi::xml_node a : x.children("answer")) {
        CHECK(is_number(a.child("text").text().get()));
        const std::string tol = a.child("tolerance").text().get();
        CHECK(is_number(tol));
        CHECK(std::strtod(tol.c_str(), nullptr) >= 0);
      }
    } else if (type == "matching") {
      int with_left = 0;
      for (pugi::xml_node s : x.children("subquestion")) {
        check_text_element(s, "subquestion");
        CHECK(!std::string(s.child("answer").child("text").text().get()).empty());
        with_left += !std::string(s.child("text").text().get()).empty();
      }
      CHECK(with_left >= 2);  // Moodle needs two questions with an answer
    } else if (type == "ordering") {
      CHECK(answers >= 2);
      CHECK(std::string(x.child("selecttype").text().get()) == "ALL");
    }
  }
  CHECK(questions == static_cast<int>(loaded.pack->questions.size()));
  CHECK(types["category"] >= 1);
  // The core bank has each of these kinds, so each rule above was exercised.
  for (const char* t :
       {"multichoice", "truefalse", "shortanswer", "numerical", "matching", "ordering"})
    CHECK_MESSAGE(types[t] > 0, t);
}
