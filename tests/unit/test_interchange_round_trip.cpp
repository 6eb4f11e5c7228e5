// Export the core bank to each format, import it back, and compare with the original. Each
// format's section lists exactly what it loses; everything else must come back equal.
//
//              GIFT                        Moodle XML                  Aiken
// carried      type*, prompt, options      type*, prompt, options      single choice only:
//              (text, right, feedback),    (text, right, feedback),    prompt (line breaks
//              true/false + both           true/false + both           become spaces), option
//              feedbacks, accepted         feedbacks, accepted         texts, the right option
//              answers, number and         answers, number and
//              absolute tolerance,         absolute tolerance,
//              pairs and distractors,      pairs and distractors,
//              explanation, tags           ordering items, hints,
//                                          explanation, tags,
//                                          concept ids (categories)
// lost         hints, source, difficulty,  source, difficulty,         everything else; other
//              concept ids (a category     secondary concepts,         types are not written
//              per concept *name*),        calc references
//              secondary concepts, calc
//              references; ordering
//              becomes matching
// * calculated and matrix questions become numeric or short-answer questions on one instance.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "bank/loader.hpp"
#include "interchange/export.hpp"
#include "interchange/import.hpp"
#include "interchange/pack_writer.hpp"
#include "support/paths.hpp"

using namespace qkv::interchange;
using qkv::bank::QuestionType;

namespace {

const qkv::bank::Pack& core() {
  static const qkv::bank::Pack pack = [] {
    auto r = qkv::bank::load_pack(qkv::test::content_dir() + "/packs/core");
    REQUIRE(r.pack);
    return *r.pack;
  }();
  return *&pack;
}

std::map<std::string, const ImportedQuestion*> by_source_id(const ReadResult& r) {
  std::map<std::string, const ImportedQuestion*> m;
  for (const auto& q : r.questions) m[q.source_id] = &q;
  return m;
}

// The parts every format with these types carries: options, true/false, short, numeric, matching.
void check_body(const qkv::bank::Question& o, const qkv::bank::Question& b) {
  switch (o.type) {
    case QuestionType::single:
    case QuestionType::multi: {
      const auto& x = std::get<qkv::bank::ChoiceBody>(o.body);
      const auto& y = std::get<qkv::bank::ChoiceBody>(b.body);
      REQUIRE(x.options.size() == y.options.size());
      for (std::size_t i = 0; i < x.options.size(); ++i) {
        CHECK(x.options[i].text == y.options[i].text);
        CHECK(x.options[i].correct == y.options[i].correct);
        CHECK(x.options[i].feedback == y.options[i].feedback);
      }
      break;
    }
    case QuestionType::true_false: {
      const auto& x = std::get<qkv::bank::TrueFalseBody>(o.body);
      const auto& y = std::get<qkv::bank::TrueFalseBody>(b.body);
      CHECK(x.answer == y.answer);
      CHECK(x.feedback_true == y.feedback_true);
      CHECK(x.feedback_false == y.feedback_false);
      break;
    }
    case QuestionType::short_text:
      CHECK(std::get<qkv::bank::ShortBody>(o.body).accept ==
            std::get<qkv::bank::ShortBody>(b.body).accept);
      break;
    case QuestionType::numeric: {
      const auto& x = std::get<qkv::bank::NumericBody>(o.body);
      const auto& y = std::get<qkv::bank::NumericBody>(b.body);
      CHECK(x.answer == y.answer);
      CHECK(x.tolerance.value == y.tolerance.value);  // the core bank has absolute ones only
      CHECK_FALSE(y.calc.has_value());                // lost: the calc reference
      break;
    }
    case QuestionType::matching: {
      const auto& x = std::get<qkv::bank::MatchingBody>(o.body);
      const auto& y = std::get<qkv::bank::MatchingBody>(b.body);
      REQUIRE(x.pairs.size() == y.pairs.size());
      for (std::size_t i = 0; i < x.pairs.size(); ++i) {
        CHECK(x.pairs[i].left == y.pairs[i].left);
        CHECK(x.pairs[i].right == y.pairs[i].right);
      }
      CHECK(x.distractors == y.distractors);
      break;
    }
    default:
      break;
  }
}

// An instance question: numeric when the instance is one number, else short with the matrix.
void check_instance(const qkv::bank::Question& o, const qkv::bank::Question& b) {
  CHECK((b.type == QuestionType::numeric || b.type == QuestionType::short_text));
  CHECK(b.prompt.rfind(o.prompt, 0) == 0);  // the original prompt, then the instance
  if (o.type == QuestionType::matrix) {
    const auto& m = std::get<qkv::bank::MatrixBody>(o.body);
    if (b.type == QuestionType::numeric)
      CHECK(std::get<qkv::bank::NumericBody>(b.body).answer == m.answer[0][0]);
  }
}

// The pack assembled from the re-imported questions validates as qkv writes it.
void check_validates(const ReadResult& r) {
  std::vector<qkv::Diagnostic> notes;
  AssembleOptions o;
  o.pack_id = "back";
  const auto pack = assemble({r}, o, notes);
  const auto loaded = qkv::bank::parse_pack(pack_to_json(pack).dump(), "back.json");
  for (const auto& d : loaded.diagnostics) MESSAGE(qkv::format_diagnostic(d));
  CHECK(loaded.pack.has_value());
}

bool has_loss(const ExportResult& e, const std::string& id, const std::string& part) {
  for (const auto& d : e.losses)
    if (d.message.rfind("question " + id + ":", 0) == 0 &&
        d.message.find(part) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("round trip of the core bank through GIFT") {
  const auto& pack = core();
  const ExportResult e = export_gift(pack);
  CHECK(e.questions == pack.questions.size());
  const ReadResult r = read_gift(e.text, "core.gift");
  for (const auto& d : r.errors) MESSAGE(qkv::format_diagnostic(d));
  REQUIRE(r.errors.empty());
  CHECK(r.skipped.empty());
  REQUIRE(r.questions.size() == pack.questions.size());
  const auto back = by_source_id(r);
  for (const auto& o : pack.questions) {
    CAPTURE(o.id);
    REQUIRE(back.count(o.id));
    const auto& iq = *back.at(o.id);
    const auto& b = iq.question;
    CHECK(iq.name == o.id);
    CHECK(b.explanation == o.explanation);
    CHECK(b.tags == o.tags);
    CHECK(b.hints.empty());  // lost: hints
    if (!o.hints.empty()) CHECK(has_loss(e, o.id, "hint"));
    if (o.type == QuestionType::calculated || o.type == QuestionType::matrix) {
      check_instance(o, b);
      CHECK(has_loss(e, o.id, "one instance"));
      continue;
    }
    if (o.type == QuestionType::ordering) {  // lost: ordering becomes matching
      CHECK(b.type == QuestionType::matching);
      const auto& items = std::get<qkv::bank::OrderingBody>(o.body).items;
      const auto& pairs = std::get<qkv::bank::MatchingBody>(b.body).pairs;
      REQUIRE(pairs.size() == items.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        CHECK(pairs[i].left == std::to_string(i + 1));
        CHECK(pairs[i].right == items[i]);
      }
      CHECK(has_loss(e, o.id, "no ordering"));
      continue;
    }
    CHECK(b.type == o.type);
    CHECK(b.prompt == o.prompt);
    check_body(o, b);
  }
  // lost: the concept id; the category of each question is its first concept's name, which
  // comes back as the name of its concept.
  std::vector<qkv::Diagnostic> notes;
  const auto again = assemble({r}, AssembleOptions{}, notes);
  REQUIRE(again.questions.size() == pack.questions.size());
  const qkv::bank::Bank bank{{pack}};
  for (std::size_t i = 0; i < pack.questions.size(); ++i) {
    const auto* original = bank.find_concept(pack.questions[i].concepts[0]);
    const auto& back_concept = again.questions[i].concepts[0];
    const auto it = std::find_if(again.concepts.begin(), again.concepts.end(),
                                 [&](const auto& c) { return c.id == back_concept; });
    REQUIRE(it != again.concepts.end());
    CHECK(it->name == original->name);
  }
  check_validates(r);
}

TEST_CASE("round trip of the core bank through Moodle XML") {
  const auto& pack = core();
  const ExportResult e = export_moodle_xml(pack);
  CHECK(e.questions == pack.questions.size());
  const ReadResult r = read_moodle_xml(e.text, "core.xml");
  for (const auto& d : r.errors) MESSAGE(qkv::format_diagnostic(d));
  REQUIRE(r.errors.empty());
  CHECK(r.skipped.empty());
  REQUIRE(r.questions.size() == pack.questions.size());
  const auto back = by_source_id(r);
  for (const auto& o : pack.questions) {
    CAPTURE(o.id);
    REQUIRE(back.count(o.id));
    const auto& iq = *back.at(o.id);
    const auto& b = iq.question;
    CHECK(iq.name == o.id);
    CHECK(iq.category_id == o.concepts.front());  // carried: the first concept's id
    CHECK(b.explanation == o.explanation);
    CHECK(b.tags == o.tags);
    CHECK(b.hints == o.hints);  // carried: hints
    if (o.concepts.size() > 1) CHECK(has_loss(e, o.id, "only its first concept"));
    if (o.type == QuestionType::calculated || o.type == QuestionType::matrix) {
      check_instance(o, b);
      continue;
    }
    CHECK(b.type == o.type);  // ordering included
    CHECK(b.prompt == o.prompt);
    if (o.type == QuestionType::ordering)
      CHECK(std::get<qkv::bank::OrderingBody>(b.body).items ==
            std::get<qkv::bank::OrderingBody>(o.body).items);
    check_body(o, b);
  }
  check_validates(r);
}

TEST_CASE("round trip of the core bank through Aiken: single choice only") {
  const auto& pack = core();
  const ExportResult e = export_aiken(pack);
  std::vector<const qkv::bank::Question*> singles;
  for (const auto& q : pack.questions) {
    if (q.type == QuestionType::single)
      singles.push_back(&q);
    else
      CHECK(has_loss(e, q.id, "Aiken holds only single-choice"));
  }
  CHECK(e.questions == singles.size());
  const ReadResult r = read_aiken(e.text, "core.aiken");
  REQUIRE(r.errors.empty());
  REQUIRE(r.questions.size() == singles.size());
  for (std::size_t i = 0; i < singles.size(); ++i) {
    const auto& o = *singles[i];
    const auto& b = r.questions[i].question;
    CAPTURE(o.id);
    std::string collapsed;  // lost: line breaks, which become spaces
    for (char c : o.prompt) {
      if (c != '\n')
        collapsed += c;
      else if (!collapsed.empty() && collapsed.back() != ' ')
        collapsed += ' ';
    }
    CHECK(b.prompt == collapsed);
    const auto& x = std::get<qkv::bank::ChoiceBody>(o.body);
    const auto& y = std::get<qkv::bank::ChoiceBody>(b.body);
    REQUIRE(x.options.size() == y.options.size());
    for (std::size_t k = 0; k < x.options.size(); ++k) {
      CHECK(x.options[k].text == y.options[k].text);
      CHECK(x.options[k].correct == y.options[k].correct);
      CHECK(y.options[k].feedback.empty());  // lost: feedback
    }
    CHECK(b.explanation.empty());  // lost: explanation
  }
  check_validates(r);
}
