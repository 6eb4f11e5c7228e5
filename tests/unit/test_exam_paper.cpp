// Composing exam papers: every concept covered, concepts and difficulty levels in proportion to
// the bank, the same paper from the same seed, filters, and instructors' exams by count, weights,
// counts per concept and listed ids.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "bank/exam_defs.hpp"
#include "core/error.hpp"
#include "exam/paper.hpp"
#include "support/session_fixtures.hpp"

using namespace qkv::exam;
using namespace qkv::bank;
using namespace qkv_test;

namespace {

// A bank whose concept `name` has one question per entry of its list of difficulty levels.
Bank make_bank(const std::vector<std::pair<std::string, std::vector<int>>>& spec,
               std::string pack_id = "t") {
  Bank bank;
  Pack pack;
  pack.id = pack_id;
  for (const auto& [name, levels] : spec) {
    Concept c;
    c.id = name;
    c.name = "Concept " + name;
    pack.concepts.push_back(c);
    for (std::size_t i = 0; i < levels.size(); ++i) {
      Question q = true_false_q();
      q.id = name + "-" + std::to_string(i + 1);
      q.pack_id = pack_id;
      q.concepts = {name};
      q.difficulty = levels[i];
      pack.questions.push_back(q);
    }
  }
  bank.packs.push_back(std::move(pack));
  return bank;
}

std::vector<std::string> ids_of(const std::vector<const Question*>& paper) {
  std::vector<std::string> out;
  for (const auto* q : paper) out.push_back(q->full_id());
  return out;
}

std::map<std::string, int> per_concept(const std::vector<const Question*>& paper) {
  std::map<std::string, int> n;
  for (const auto* q : paper) ++n[q->concepts.front()];
  return n;
}

std::map<int, int> per_level(const std::vector<const Question*>& paper) {
  std::map<int, int> n;
  for (const auto* q : paper) ++n[q->difficulty];
  return n;
}

// 17 concepts of 13 to 16 questions, levels mixed, like the built-in bank.
Bank wide_bank() {
  std::vector<std::pair<std::string, std::vector<int>>> spec;
  for (int c = 0; c < 17; ++c) {
    std::vector<int> levels;
    const int size = 13 + c % 4;
    for (int i = 0; i < size; ++i) levels.push_back(1 + (i + c) % 3);
    spec.push_back({"c" + std::to_string(c), levels});
  }
  return make_bank(spec);
}

}  // namespace

TEST_CASE("a paper with at least one question per concept misses no concept, whatever the seed") {
  const Bank bank = wide_bank();
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    for (std::size_t n : {17u, 20u, 30u}) {
      qkv::Rng rng(seed);
      PaperRequest req;
      req.count = n;
      const auto paper = compose_paper(bank, req, rng);
      CAPTURE(seed);
      CAPTURE(n);
      REQUIRE(paper.size() == n);
      const auto counts = per_concept(paper);
      CHECK(counts.size() == 17);                       // every concept
      for (const auto& [c, k] : counts) CHECK(k <= 3);  // and none crowding the paper
      const auto ids = ids_of(paper);
      const std::set<std::string> distinct(ids.begin(), ids.end());
      CHECK(distinct.size() == n);  // no question twice
    }
  }
}

TEST_CASE("concepts and levels get their share of the paper in proportion to the bank") {
  // 60 questions: a 30, b 20, c 10. Levels over the bank: 1 -> 30, 2 -> 20, 3 -> 10, spread so
  // that every concept has every level.
  const Bank bank = make_bank({
      {"a",
       {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3}},
      {"b", {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3}},
      {"c", {1, 1, 1, 1, 1, 2, 2, 2, 2, 3}},
  });
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    qkv::Rng rng(seed);
    PaperRequest req;
    req.count = 12;  // exact shares: 6, 4, 2 by concept; 6, 4, 2 by level
    const auto paper = compose_paper(bank, req, rng);
    CHECK(per_concept(paper) == std::map<std::string, int>{{"a", 6}, {"b", 4}, {"c", 2}});
    CHECK(per_level(paper) == std::map<int, int>{{1, 6}, {2, 4}, {3, 2}});
  }
  // 7 questions: concept quotas 3.5, 2.33, 1.17 -> 3, 2, 1 plus the largest remainder (a);
  // level quotas the same -> 4, 2, 1.
  qkv::Rng rng(5);
  PaperRequest req;
  req.count = 7;
  const auto paper = compose_paper(bank, req, rng);
  CHECK(per_concept(paper) == std::map<std::string, int>{{"a", 4}, {"b", 2}, {"c", 1}});
  CHECK(per_level(paper) == std::map<int, int>{{1, 4}, {2, 2}, {3, 1}});
}

TEST_CASE("the level totals hold even when one concept has only one level") {
  // a: only level 3 questions; b: only levels 1 and 2. 6 questions, 3 per concept; levels over
  // the bank 1:2:3 = 3:3:6 -> 1.5, 1.5, 3 -> with remainders 2,1,3 or 1,2,3.
  const Bank bank = make_bank({{"a", {3, 3, 3, 3, 3, 3}}, {"b", {1, 1, 1, 2, 2, 2}}});
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    qkv::Rng rng(seed);
    PaperRequest req;
    req.count = 6;
    const auto paper = compose_paper(bank, req, rng);
    const auto levels = per_level(paper);
    CHECK(levels.at(3) == 3);
    CHECK(levels.at(1) + levels.at(2) == 3);
    CHECK(per_concept(paper) == std::map<std::string, int>{{"a", 3}, {"b", 3}});
  }
}

TEST_CASE("the same seed gives the same paper in the same order; another seed another one") {
  const Bank bank = wide_bank();
  PaperRequest req;
  req.count = 20;
  qkv::Rng a(42), b(42), c(43);
  const auto first = ids_of(compose_paper(bank, req, a));
  CHECK(first == ids_of(compose_paper(bank, req, b)));
  CHECK(first != ids_of(compose_paper(bank, req, c)));
}

TEST_CASE("--concept and --difficulty narrow the paper; -n beyond the matches is refused") {
  const Bank bank = wide_bank();
  qkv::Rng rng(1);
  PaperRequest req;
  req.concepts = {"c1", "c2"};
  req.difficulties = {3};
  const auto paper = compose_paper(bank, req, rng);  // default size: every match when fewer
  for (const auto* q : paper) {
    CHECK((q->concepts[0] == "c1" || q->concepts[0] == "c2"));
    CHECK(q->difficulty == 3);
  }
  std::size_t matching = 0;
  for (const auto* q : bank.all_questions())
    if ((q->concepts[0] == "c1" || q->concepts[0] == "c2") && q->difficulty == 3) ++matching;
  CHECK(paper.size() == matching);

  req.count = matching + 1;
  req.rule = CountRule::exactly;
  try {
    compose_paper(bank, req, rng);
    FAIL("expected a usage error");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::usage);
    CHECK(std::string(e.what()).find("use -n " + std::to_string(matching) + " or fewer") !=
          std::string::npos);
  }
  req.concepts = {"nope"};
  CHECK_THROWS_AS(compose_paper(bank, req, rng), qkv::Error);
}

TEST_CASE("instructor exams: listed ids, a count, weights and counts per concept") {
  Bank bank = make_bank({{"a", {1, 1, 2, 2, 3, 3, 1, 2}}, {"b", {1, 2, 3, 1}}, {"c", {1, 2}}});
  const Pack& pack = bank.packs[0];
  qkv::Rng rng(7);

  ExamDef listed;
  listed.id = "listed";
  listed.question_ids = {"b-2", "t/a-1", "c-1"};
  listed.shuffle = false;
  CHECK(ids_of(compose_exam(pack, listed, rng)) ==
        std::vector<std::string>{"t/b-2", "t/a-1", "t/c-1"});
  listed.shuffle = true;
  auto shuffled = ids_of(compose_exam(pack, listed, rng));
  std::sort(shuffled.begin(), shuffled.end());
  CHECK(shuffled == std::vector<std::string>{"t/a-1", "t/b-2", "t/c-1"});

  ExamDef counted;  // {"a": 3, "c": 2}: exactly that
  counted.id = "counted";
  counted.share = ConceptShare::counts;
  counted.concepts = {{"a", 3}, {"c", 2}};
  const auto paper = compose_exam(pack, counted, rng);
  CHECK(per_concept(paper) == std::map<std::string, int>{{"a", 3}, {"c", 2}});

  ExamDef weighted;  // 6 questions weighted a 2 : b 1 -> 4 and 2
  weighted.id = "weighted";
  weighted.count = 6;
  weighted.concepts = {{"a", 2}, {"b", 1}};
  CHECK(per_concept(compose_exam(pack, weighted, rng)) ==
        std::map<std::string, int>{{"a", 4}, {"b", 2}});

  ExamDef drawn;  // 7 of 14 in proportion 8:4:2 -> 4, 2, 1; in pack order without shuffle
  drawn.id = "drawn";
  drawn.count = 7;
  drawn.shuffle = false;
  const auto in_order = compose_exam(pack, drawn, rng);
  CHECK(per_concept(in_order) == std::map<std::string, int>{{"a", 4}, {"b", 2}, {"c", 1}});
  CHECK(std::is_sorted(in_order.begin(), in_order.end()));  // pack order
}

TEST_CASE("find_exam by id or pack/id; ambiguous and unknown names are usage errors") {
  Bank bank = make_bank({{"a", {1, 2}}}, "p1");
  Bank other = make_bank({{"b", {1}}}, "p2");
  bank.packs.push_back(other.packs[0]);
  CHECK_THROWS_WITH_AS(find_exam(bank, "mid"), doctest::Contains("define no exams"), qkv::Error);
  ExamDef mid;
  mid.id = "mid";
  mid.count = 1;
  bank.packs[0].exams.push_back(mid);
  CHECK(find_exam(bank, "mid").full_id() == "p1/mid");
  bank.packs[1].exams.push_back(mid);
  CHECK_THROWS_WITH_AS(find_exam(bank, "mid"), doctest::Contains("more than one pack"), qkv::Error);
  CHECK(find_exam(bank, "p2/mid").pack->id == "p2");
  CHECK_THROWS_WITH_AS(find_exam(bank, "final"), doctest::Contains("p1/mid"), qkv::Error);
  CHECK(list_exams(bank).size() == 2);
}
