// Item analysis (exam/item_analysis): the statistics against values worked out by hand, the
// flags, option counts, grouping of different exams, and what makes a report unreadable.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "exam/item_analysis.hpp"

using nlohmann::json;
using qkv::Error;
using qkv::Exit;
using namespace qkv::exam;

namespace {

struct Q {
  std::string id, type, concept_id;
  bool answered;
  double points;
  std::vector<std::pair<bool, bool>> options;  // (correct, chosen), texts "o1", "o2"...
};

// A report as `qkv exam --report` writes it (the keys item analysis reads, plus a few others).
json report(const std::vector<Q>& qs, const std::string& exam = "demo/final",
            const std::string& version = "1.0") {
  json questions = json::array();
  json by_concept = json::object();
  double score = 0;
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const Q& q = qs[i];
    json options = json::array();
    for (std::size_t k = 0; k < q.options.size(); ++k)
      options.push_back({{"text", "o" + std::to_string(k + 1)},
                         {"correct", q.options[k].first},
                         {"chosen", q.options[k].second}});
    questions.push_back({{"number", i + 1},
                         {"id", q.id},
                         {"type", q.type},
                         {"concepts", {q.concept_id}},
                         {"answered", q.answered},
                         {"points", q.points},
                         {"options", options}});
    auto& c = by_concept[q.concept_id];
    if (c.is_null()) c = {{"name", "Concept " + q.concept_id}, {"questions", 0}, {"points", 0.0}};
    c["questions"] = c["questions"].get<int>() + 1;
    c["points"] = c["points"].get<double>() + q.points;
    score += q.points;
  }
  return {{"format", "qkv-exam-report/1"},
          {"packs", {{"demo", version}}},
          {"exam", exam},
          {"title", "Final"},
          {"score", score},
          {"total", qs.size()},
          {"percent", 100.0 * score / static_cast<double>(qs.size())},
          {"passed", score >= 2},
          {"pass_mark", 50},
          {"by_concept", by_concept},
          {"questions", questions}};
}

const std::vector<std::pair<bool, bool>> kNoOptions;

// The class of the hand-worked example (see the big comment in the first test case).
std::vector<Sitting> hand_class() {
  // Q1 single (o1 right, o2), Q2 single (o1 right, o2, o3), Q3 multi (o1, o2 right; o3 wrong),
  // Q4 true_false as options (o1 = true, the right one; o2 = false).
  auto q1 = [](bool right) {
    return Q{"demo/q1", "single", "x", true, right ? 1.0 : 0.0, {{true, right}, {false, !right}}};
  };
  auto q2 = [](int pick) {  // 0: unanswered, else the option picked
    return Q{"demo/q2",
             "single",
             "x",
             pick != 0,
             pick == 1 ? 1.0 : 0.0,
             {{true, pick == 1}, {false, pick == 2}, {false, pick == 3}}};
  };
  auto q3 = [](bool a, bool b, bool c, double pts) {
    return Q{"demo/q3", "multi", "y", true, pts, {{true, a}, {true, b}, {false, c}}};
  };
  auto q4 = [](bool said_true) {
    return Q{"demo/q4", "true_false",          "y",
             true,      said_true ? 1.0 : 0.0, {{true, said_true}, {false, !said_true}}};
  };
  std::vector<Sitting> s;
  s.push_back(read_sitting(report({q1(true), q2(1), q3(true, true, false, 1.0), q4(false)}), "A"));
  s.push_back(read_sitting(report({q1(true), q2(1), q3(true, false, false, 0.5), q4(false)}), "B"));
  s.push_back(read_sitting(report({q1(true), q2(2), q3(false, true, false, 0.5), q4(false)}), "C"));
  s.push_back(read_sitting(report({q1(true), q2(2), q3(false, false, true, 0.0), q4(true)}), "D"));
  s.push_back(read_sitting(report({q1(true), q2(0), q3(false, false, true, 0.0), q4(false)}), "E"));
  return s;
}

const ItemStats& item(const ExamAnalysis& a, const std::string& id) {
  for (const auto& it : a.items)
    if (it.id == id) return it;
  FAIL("no item " << id);
  throw;
}

std::vector<std::string> codes(const ItemStats& it) {
  std::vector<std::string> out;
  for (const auto& f : it.flags) out.push_back(f.code);
  return out;
}

std::string problem(const json& doc) {
  try {
    read_sitting(doc, "r.json");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::data);
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].file == "r.json");
    return e.diagnostics()[0].pointer + " " + e.diagnostics()[0].message;
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("item analysis: facility, SD and discrimination of a class of five, worked by hand") {
  // Points per learner (one point per question) and totals:
  //        Q1   Q2   Q3   Q4   total  percent
  //   A    1    1    1    0    3      75
  //   B    1    1    .5   0    2.5    62.5
  //   C    1    0    .5   0    1.5    37.5
  //   D    1    0    0    1    2      50
  //   E    1    0*   0    0    1      25        (* unanswered)
  // Facility = mean points: Q1 1.0, Q2 0.4, Q3 0.4, Q4 0.2. Class mean 250/5 = 50%.
  // SD (n - 1 = 4):
  //   Q1 all equal: 0.
  //   Q2 deviations .6 .6 -.4 -.4 -.4, squares sum .72 + .48 = 1.2, sqrt(1.2/4) = 0.547723.
  //   Q3 deviations .6 .1 .1 -.4 -.4, squares sum .36 + .01 + .01 + .16 + .16 = .7,
  //      sqrt(.7/4) = 0.418330.
  //   Q4 deviations -.2 -.2 -.2 .8 -.2, squares sum .16 + .64 = .8, sqrt(.8/4) = 0.447214.
  // Discrimination = Pearson(item, rest), rest = total - item:
  //   Q2 rest 2 1.5 1.5 2 1 (mean 1.6), deviations .4 -.1 -.1 .4 -.6, Sxy = .24 - .06 + .04
  //      - .16 + .24 = .30, Sxx = 1.2, Syy = .16 + .01 + .01 + .16 + .36 = .70,
  //      r = .30 / sqrt(.84) = 0.327327.
  //   Q3 rest 2 2 1 2 1 (mean 1.6), deviations .4 .4 -.6 .4 -.6, Sxy = .24 + .04 - .06 - .16
  //      + .24 = .30, Sxx = .7, Syy = .48 + .72 = 1.2, r = .30 / sqrt(.84) = 0.327327.
  //   Q4 rest 3 2.5 1.5 1 1 (mean 1.8), deviations 1.2 .7 -.3 -.8 -.8, Sxy = -.24 - .14 + .06
  //      - .64 + .16 = -.80, Sxx = .8, Syy = 1.44 + .49 + .09 + .64 + .64 = 3.3,
  //      r = -.8 / sqrt(2.64) = -0.492366.
  //   Q1 has no variance: no index.
  const auto all = analyse(hand_class());
  REQUIRE(all.size() == 1);
  const ExamAnalysis& a = all[0];
  CHECK(a.exam == "demo/final");
  CHECK(a.learners == 5);
  CHECK(a.mean_percent == doctest::Approx(50.0));
  REQUIRE(a.items.size() == 4);
  CHECK(a.items[0].id == "demo/q1");  // in paper order
  CHECK(a.items[3].id == "demo/q4");

  const auto& q1 = item(a, "demo/q1");
  CHECK(q1.attempts == 5);
  CHECK(q1.facility == doctest::Approx(1.0));
  REQUIRE(q1.sd);
  CHECK(*q1.sd == doctest::Approx(0.0));
  CHECK_FALSE(q1.discrimination);

  const auto& q2 = item(a, "demo/q2");
  CHECK(q2.attempts == 5);
  CHECK(q2.answered == 4);
  CHECK(q2.facility == doctest::Approx(0.4));
  CHECK(*q2.sd == doctest::Approx(0.547723).epsilon(1e-5));
  CHECK(*q2.discrimination == doctest::Approx(0.327327).epsilon(1e-5));

  const auto& q3 = item(a, "demo/q3");
  CHECK(q3.facility == doctest::Approx(0.4));
  CHECK(*q3.sd == doctest::Approx(0.418330).epsilon(1e-5));
  CHECK(*q3.discrimination == doctest::Approx(0.327327).epsilon(1e-5));

  const auto& q4 = item(a, "demo/q4");
  CHECK(q4.facility == doctest::Approx(0.2));
  CHECK(*q4.sd == doctest::Approx(0.447214).epsilon(1e-5));
  CHECK(*q4.discrimination == doctest::Approx(-0.492366).epsilon(1e-5));

  // Learners in the order given, with totals and percents.
  REQUIRE(a.by_learner.size() == 5);
  CHECK(a.by_learner[0].learner == "A");
  CHECK(a.by_learner[0].score == doctest::Approx(3.0));
  CHECK(a.by_learner[1].percent == doctest::Approx(62.5));
  CHECK(a.by_learner[4].percent == doctest::Approx(25.0));

  // Concepts: x holds Q1, Q2 (percents 100 100 50 50 50: mean 70), y holds Q3, Q4 (50 25 25 50
  // 0: mean 30).
  REQUIRE(a.by_concept.size() == 2);
  CHECK(a.by_concept[0].id == "x");
  CHECK(a.by_concept[0].name == "Concept x");
  CHECK(a.by_concept[0].learners == 5);
  CHECK(a.by_concept[0].mean_percent == doctest::Approx(70.0));
  CHECK(a.by_concept[1].mean_percent == doctest::Approx(30.0));
}

TEST_CASE("item analysis: option counts over the answered attempts") {
  const auto a = analyse(hand_class())[0];
  const auto& q2 = item(a, "demo/q2");
  REQUIRE(q2.options.size() == 3);
  CHECK(q2.options[0].correct);
  CHECK(q2.options[0].chosen == 2);  // A, B
  CHECK(q2.options[1].chosen == 2);  // C, D
  CHECK(q2.options[2].chosen == 0);
  CHECK(q2.options[0].share == doctest::Approx(0.5));  // of 4 answered (E left it)
  const auto& q3 = item(a, "demo/q3");                 // multi: a learner may choose several
  CHECK(q3.options[0].chosen == 2);
  CHECK(q3.options[1].chosen == 2);
  CHECK(q3.options[2].chosen == 2);
  const auto& q4 = item(a, "demo/q4");
  CHECK(q4.options[0].chosen == 1);
  CHECK(q4.options[1].chosen == 4);
}

TEST_CASE("item analysis: the flags and their reasons") {
  const auto a = analyse(hand_class())[0];
  // Q1: facility 1.0 > 0.95, and its distractor o2 was never chosen. No "no discrimination" on
  // top of the facility flag.
  CHECK(codes(item(a, "demo/q1")) == std::vector<std::string>{"too_easy", "unchosen_distractor"});
  CHECK(item(a, "demo/q1").flags[1].reason == "distractor 2 (\"o2\") was chosen by nobody");
  // Q2: facility .4 and discrimination .33 are fine, but o3 was never chosen.
  CHECK(codes(item(a, "demo/q2")) == std::vector<std::string>{"unchosen_distractor"});
  // Q3: nothing to say.
  CHECK(item(a, "demo/q3").flags.empty());
  // Q4: facility exactly 0.2 is not "under 0.2"; discrimination -0.49 is under 0.1.
  CHECK(codes(item(a, "demo/q4")) == std::vector<std::string>{"low_discrimination"});
  CHECK(item(a, "demo/q4").flags[0].reason.find("-0.49 is under 0.10") != std::string::npos);

  // Facility under 0.2: a question nobody but one of six got; and the thresholds are the rules'.
  std::vector<Sitting> s;
  for (int i = 0; i < 6; ++i)
    s.push_back(
        read_sitting(report({Q{"demo/hard", "short", "x", true, i == 0 ? 1.0 : 0.0, kNoOptions},
                             Q{"demo/other", "short", "x", true, i < 3 ? 1.0 : 0.0, kNoOptions}}),
                     "L" + std::to_string(i)));
  const auto hard = analyse(s)[0];
  CHECK(item(hard, "demo/hard").facility == doctest::Approx(1.0 / 6));
  CHECK(codes(item(hard, "demo/hard"))[0] == "too_hard");
  FlagRules lenient;
  lenient.facility_low = 0.1;
  CHECK(codes(item(analyse(s, lenient)[0], "demo/hard")).empty());

  // Every learner scored the same on an item that is not too easy or too hard: no index, flagged.
  std::vector<Sitting> flat;
  for (int i = 0; i < 3; ++i)
    flat.push_back(
        read_sitting(report({Q{"demo/half", "multi", "x", true, 0.5, {{true, true}, {false, true}}},
                             Q{"demo/other", "short", "x", true, i == 0 ? 1.0 : 0.0, kNoOptions}}),
                     "L" + std::to_string(i)));
  const auto flat_analysis = analyse(flat);
  const auto& half = item(flat_analysis[0], "demo/half");
  CHECK_FALSE(half.discrimination);
  CHECK(codes(half) == std::vector<std::string>{"no_discrimination"});
}

TEST_CASE("item analysis: different exams and pack versions are analysed apart, never mixed") {
  const std::vector<Q> paper = {Q{"demo/q1", "short", "x", true, 1.0, kNoOptions},
                                Q{"demo/q2", "short", "x", true, 0.0, kNoOptions}};
  std::vector<Sitting> s;
  s.push_back(read_sitting(report(paper, "demo/final", "1.0"), "a"));
  s.push_back(read_sitting(report(paper, "demo/quiz", "1.0"), "b"));
  s.push_back(read_sitting(report(paper, "demo/final", "2.0"), "c"));
  s.push_back(read_sitting(report(paper, "demo/final", "1.0"), "d"));
  s.push_back(read_sitting(report(paper, "", "1.0"), "e"));  // a drawn paper: "exam": null
  const auto all = analyse(s);
  REQUIRE(all.size() == 4);
  CHECK(all[0].exam == "demo/final");
  CHECK(all[0].packs.at("demo") == "1.0");
  CHECK(all[0].learners == 2);  // a and d
  CHECK(all[0].by_learner[1].learner == "d");
  CHECK(all[1].exam == "demo/quiz");
  CHECK(all[2].exam == "demo/final");
  CHECK(all[2].packs.at("demo") == "2.0");
  CHECK(all[2].learners == 1);
  CHECK(all[3].exam.empty());
  CHECK(group_name(all[2]) == "demo/final (demo 2.0)");
  CHECK(group_name(all[3]) == "papers drawn from the bank (demo 1.0)");
}

TEST_CASE("item analysis: a report that is not one, of another version or malformed is refused") {
  const json good = report({Q{"demo/q1", "single", "x", true, 1.0, {{true, true}}}});
  CHECK(problem(good) == "(accepted)");
  CHECK(problem(json::array()).find("not a qkv exam report: the document is an array") !=
        std::string::npos);
  json no_format = good;
  no_format.erase("format");
  CHECK(problem(no_format).find("not a qkv exam report (no \"format\"") != std::string::npos);
  json pack = good;
  pack["format"] = "qkv-pack/1";
  CHECK(problem(pack).find("/format not a qkv exam report") != std::string::npos);
  json v2 = good;
  v2["format"] = "qkv-exam-report/2";
  CHECK(problem(v2).find("/format a report of another version (\"qkv-exam-report/2\")") !=
        std::string::npos);
  json points = good;
  points["questions"][0]["points"] = 2;
  CHECK(problem(points) == "/questions/0/points 2 is outside 0..1");
  json missing = good;
  missing["questions"][0].erase("answered");
  CHECK(problem(missing) == "/questions/0 missing \"answered\"");
  json chosen = good;
  chosen["questions"][0]["options"][0]["chosen"] = "yes";
  CHECK(problem(chosen) == "/questions/0/options/0/chosen expected true or false, found a string");
  json count = good;
  count["total"] = 3;
  CHECK(problem(count).find("/questions 1 questions, but \"total\" says 3") != std::string::npos);
}
