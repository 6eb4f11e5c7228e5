// End-to-end tests of `qkv learn`: the concept map in study order, one concept's note with what
// comes before and after, the worked example's numbers (checked against the naive reference of
// the unit tests, computed here from the example file), unknown concepts, JSON, other packs,
// hostile pack text and wrapping.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "harness.hpp"
#include "helpers.hpp"
#include "support/naive_attention.hpp"

using nlohmann::json;
using qkv_test::contains;
using qkv_test::content_path;
using qkv_test::lines_of;
using qkv_test::naive_mat;
using qkv_test::run_qkv;

namespace {

json read_json(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), path);
  return json::parse(in);
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Terminal columns of a UTF-8 line: one per code point.
std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

// The core pack as its files say, read here without qkv: concepts in pack order and, for each,
// how many questions name it.
struct CorePack {
  json concepts;
  std::map<std::string, int> questions;
};

CorePack core_pack() {
  CorePack p;
  p.concepts = read_json(content_path("packs/core/pack.json"))["concepts"];
  for (const auto& f : std::filesystem::directory_iterator(content_path("packs/core/questions"))) {
    const json file = read_json(f.path().string());
    for (const auto& q : file["questions"]) {
      std::set<std::string> named(q["concepts"].begin(), q["concepts"].end());
      for (const auto& c : named) ++p.questions[c];
    }
  }
  return p;
}

// The matrix printed after the step marker (such as "[scaled]"): the first `rows` lines after it
// that hold a row label and `cols` numbers.
naive::Mat printed_matrix(const std::string& out, const std::string& marker, std::size_t rows,
                          std::size_t cols) {
  const auto lines = lines_of(out);
  std::size_t i = 0;
  while (i < lines.size() && !contains(lines[i], marker)) ++i;
  REQUIRE_MESSAGE(i < lines.size(), "no " << marker << " in the output");
  naive::Mat m;
  for (++i; i < lines.size() && m.size() < rows; ++i) {
    const auto w = words_of(lines[i]);
    if (w.size() != cols + 1) continue;
    std::vector<naive::Real> row;
    for (std::size_t j = 1; j < w.size(); ++j) row.push_back(std::stold(w[j]));
    m.push_back(row);
  }
  REQUIRE(m.size() == rows);
  return m;
}

// The naive reference on content/examples/tiny.json (x, wq, wk, wv; no mask).
naive::Result tiny_reference() {
  const json j = read_json(content_path("examples/tiny.json"));
  naive::Input in;
  in.x = naive_mat(j["x"]);
  in.wq = naive_mat(j["wq"]);
  in.wk = naive_mat(j["wk"]);
  in.wv = naive_mat(j["wv"]);
  return naive::attention(in);
}

void check_close(const naive::Mat& got, const naive::Mat& want, long double tol) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    REQUIRE(got[i].size() == want[i].size());
    for (std::size_t j = 0; j < want[i].size(); ++j) {
      INFO("entry (" << i << ", " << j << "): got " << static_cast<double>(got[i][j])
                     << ", the naive reference " << static_cast<double>(want[i][j]));
      CHECK(std::fabs(got[i][j] - want[i][j]) <= tol);
    }
  }
}

std::string temp_path(const std::string& name) {
  return "/tmp/qkv_cli_learn_" + std::to_string(getpid()) + "_" + name;
}

// The note's text with white space collapsed, for comparing with wrapped output.
std::string squeeze(const std::string& text) {
  std::string out;
  for (const auto& w : words_of(text)) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

TEST_CASE("qkv learn shows every concept in study order with summaries, prerequisites and counts") {
  const auto r = run_qkv({"learn"}, {.input = {}, .env = {{"COLUMNS", "80"}}});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const CorePack core = core_pack();
  CHECK(contains(r.out, "Concept map of the core bank: " + std::to_string(core.concepts.size()) +
                            " concepts in study order"));

  // Each concept appears once, numbered, after all of its prerequisites.
  std::map<std::string, std::size_t> at;
  for (std::size_t k = 0; k < core.concepts.size(); ++k) {
    const std::string id = core.concepts[k]["id"];
    const std::string n = std::to_string(core.questions.at(id));
    const auto pos = r.out.find(". " + id + "  ");
    INFO("concept " << id);
    REQUIRE(pos != std::string::npos);
    at[id] = pos;
    // Its count of questions, as counted from the files here.
    const auto line_end = r.out.find('\n', pos);
    CHECK(contains(r.out.substr(pos, line_end - pos), "(" + n + " questions)"));
  }
  for (const auto& c : core.concepts)
    for (const auto& p : c["prerequisites"]) {
      INFO(c["id"] << " needs " << p);
      CHECK(at.at(p.get<std::string>()) < at.at(c["id"].get<std::string>()));
    }
  CHECK(contains(r.out, " 1. qkv-overview  "));
  CHECK(contains(r.out, " 8. scaling  "));
  CHECK(contains(r.out, "needs: dot-product-scores\n"));
  CHECK(contains(r.out, "needs: self-vs-cross, analogies\n"));
  // The way in.
  CHECK(contains(r.out, "Where to start: qkv-overview"));
  CHECK(contains(r.out, "qkv learn qkv-overview"));
  CHECK(contains(r.out, "qkv quiz --concept CONCEPT"));
  for (const auto& line : lines_of(r.out)) CHECK(columns(line) <= 80);
}

TEST_CASE("qkv learn scaling: note, learn before and after, the worked example, practise") {
  const auto r = run_qkv({"learn", "scaling"}, {.input = {}, .env = {{"COLUMNS", "80"}}});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const CorePack core = core_pack();
  json concept_json;
  std::size_t position = 0;  // 1-based; the core pack lists its concepts in study order
  for (std::size_t i = 0; i < core.concepts.size(); ++i)
    if (core.concepts[i]["id"] == "scaling") {
      concept_json = core.concepts[i];
      position = i + 1;
    }
  REQUIRE(position > 0);
  CHECK(r.out.rfind(concept_json["name"].get<std::string>() + "\n", 0) == 0);  // the name first
  CHECK(contains(r.out, "scaling: concept " + std::to_string(position) + " of " +
                            std::to_string(core.concepts.size()) + ", " +
                            std::to_string(core.questions.at("scaling")) + " questions\n"));
  CHECK(contains(squeeze(r.out), squeeze(concept_json["summary"])));
  // The whole note, each paragraph wrapped but with its words intact.
  std::istringstream paragraphs(concept_json["note"].get<std::string>());
  for (std::string p; std::getline(paragraphs, p);)
    if (!squeeze(p).empty()) CHECK(contains(squeeze(r.out), squeeze(p)));

  const auto before = r.out.find("Learn before\n");
  const auto after = r.out.find("Learn after\n");
  const auto example = r.out.find("Worked example");
  REQUIRE(before != std::string::npos);
  REQUIRE(after != std::string::npos);
  REQUIRE(example != std::string::npos);
  CHECK(before < after);
  CHECK(after < example);
  CHECK(contains(r.out.substr(before, after - before), "7. dot-product-scores"));
  CHECK(contains(r.out.substr(after, example - after), "9. softmax-weights"));

  // The worked example: the scores and the scaled scores of tiny.json, to 4 decimals.
  const naive::Result ref = tiny_reference();
  check_close(printed_matrix(r.out, "[scores]", 3, 3), ref.heads[0].scores, 0.00005L + 1e-12L);
  check_close(printed_matrix(r.out, "[scaled]", 3, 3), ref.heads[0].scaled, 0.00005L + 1e-12L);
  CHECK(contains(r.out, "scale 0.5774 = 1/√3"));
  CHECK_FALSE(contains(r.out, "[weights]"));  // only the steps about scaling

  CHECK(contains(r.out, "qkv quiz --concept scaling"));
  CHECK(contains(r.out, "qkv calc --example tiny --step scaled"));
  for (const auto& line : lines_of(r.out)) CHECK(columns(line) <= 80);
}

TEST_CASE("a concept can be named by its number in the study order") {
  const auto by_number = run_qkv({"learn", "8"});
  const auto by_id = run_qkv({"learn", "scaling"});
  REQUIRE(by_number.exit_code == 0);
  CHECK(by_number.out == by_id.out);
}

TEST_CASE("the numeric concepts show their steps; the others have no worked example") {
  const auto kv = run_qkv({"learn", "kv-cache"});
  REQUIRE(kv.exit_code == 0);
  CHECK(contains(kv.out, "KV-cache decoding, one token at a time"));
  CHECK(contains(kv.out, "Decoding matches full causal attention"));
  CHECK(contains(kv.out, "qkv calc --example causal --decode"));

  const auto mh = run_qkv({"learn", "multi-head"});
  REQUIRE(mh.exit_code == 0);
  CHECK(contains(mh.out, "[head1/output]"));
  CHECK(contains(mh.out, "[head2/output]"));
  CHECK(contains(mh.out, "[concat]"));

  const auto mask = run_qkv({"learn", "causal-masking"});
  REQUIRE(mask.exit_code == 0);
  CHECK(contains(mask.out, "[masked]"));
  CHECK(contains(mask.out, "−∞"));

  const auto role = run_qkv({"learn", "query-role"});
  REQUIRE(role.exit_code == 0);
  CHECK_FALSE(contains(role.out, "Worked example"));
  CHECK(contains(role.out, "Learn before\n   1. qkv-overview"));
  CHECK(contains(role.out, "qkv quiz --concept query-role"));

  const auto first = run_qkv({"learn", "qkv-overview"});
  REQUIRE(first.exit_code == 0);
  CHECK(contains(first.out, "Learn before\n  nothing: this is a starting point"));
}

TEST_CASE("an unknown concept is a usage error with a suggestion and the list of ids") {
  const auto r = run_qkv({"learn", "scalign"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "no concept 'scalign'"));
  CHECK(contains(r.err, "did you mean 'scaling'?"));
  for (const auto& c : core_pack().concepts) CHECK(contains(r.err, c["id"].get<std::string>()));

  const auto part = run_qkv({"learn", "softmax"});
  CHECK(part.exit_code == 2);
  CHECK(contains(part.err, "did you mean 'softmax-weights'?"));

  const auto number = run_qkv({"learn", "99"});
  CHECK(number.exit_code == 2);
  CHECK(contains(number.err, "no concept '99'"));
}

TEST_CASE("qkv learn --json gives the order with prerequisites and followers") {
  const auto r = run_qkv({"learn", "--json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  const CorePack core = core_pack();
  CHECK(j["packs"] == json::array({"core"}));
  CHECK(j["start"] == "qkv-overview");
  REQUIRE(j["order"].size() == core.concepts.size());
  REQUIRE(j["concepts"].size() == core.concepts.size());
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < j["order"].size(); ++i) {
    CHECK(j["concepts"][i]["id"] == j["order"][i]);
    CHECK(j["concepts"][i]["position"] == i + 1);
    at[j["order"][i]] = i;
  }
  for (const auto& c : j["concepts"]) {
    const std::string id = c["id"];
    INFO("concept " << id);
    CHECK(c["questions"] == core.questions.at(id));
    for (const auto& p : c["prerequisites"]) CHECK(at.at(p) < at.at(id));
    // Followers are exactly the concepts that list this one as a prerequisite.
    std::set<std::string> expected, got(c["followers"].begin(), c["followers"].end());
    for (const auto& other : j["concepts"])
      for (const auto& p : other["prerequisites"])
        if (p == id) expected.insert(other["id"]);
    CHECK(got == expected);
  }
}

TEST_CASE("qkv learn scaling --json has the note and the worked example's full-precision numbers") {
  const auto r = run_qkv({"learn", "scaling", "--json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["id"] == "scaling");
  CHECK(j["prerequisites"] == json::array({"dot-product-scores"}));
  REQUIRE(j["followers"].is_array());
  REQUIRE_FALSE(j["followers"].empty());
  CHECK(j["followers"][0] == "softmax-weights");
  CHECK_FALSE(j["note"].get<std::string>().empty());
  CHECK(j["practise"][0] == "qkv quiz --concept scaling");
  const json& ex = j["example"];
  CHECK(ex["name"] == "tiny");
  REQUIRE(ex["steps"].size() == 2);
  CHECK(ex["steps"][1]["id"] == "scaled");
  check_close(naive_mat(ex["steps"][1]["matrix"]), tiny_reference().heads[0].scaled, 1e-12L);

  const auto none = run_qkv({"learn", "analogies", "--json"});
  REQUIRE(none.exit_code == 0);
  CHECK(json::parse(none.out)["example"].is_null());
}

TEST_CASE("qkv learn --pack orders another pack's concepts and sanitises its text") {
  // Listed out of order (c needs b needs a), with escape sequences in a name and a note.
  const json pack = {
      {"format", "qkv-pack/1"},
      {"id", "mine"},
      {"title", "Mine"},
      {"version", "1"},
      {"concepts",
       {{{"id", "c"}, {"name", "Third \x1b[31mred"}, {"summary", "C."}, {"prerequisites", {"b"}}},
        {{"id", "a"}, {"name", "First"}, {"summary", "A."}, {"note", "Bell \x07 here.\n\nTwo."}},
        {{"id", "b"}, {"name", "Second"}, {"summary", "B."}, {"prerequisites", {"a"}}}}},
      {"questions", json::array()}};
  const std::string path = temp_path("pack.json");
  std::ofstream(path) << pack.dump();

  const auto r = run_qkv({"learn", "--pack", path});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "pack mine: 3 concepts"));
  const auto a = r.out.find("1. a  "), b = r.out.find("2. b  "), c = r.out.find("3. c  ");
  CHECK(a != std::string::npos);
  CHECK(b != std::string::npos);
  CHECK(c != std::string::npos);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(contains(r.out, "\\x1b[31mred"));

  const auto note = run_qkv({"learn", "a", "--pack", path});
  REQUIRE(note.exit_code == 0);
  CHECK(note.out.find('\x07') == std::string::npos);
  CHECK(contains(note.out, "Learn after\n   2. b"));
  // The commands it suggests work on the same pack.
  CHECK(contains(note.out, "qkv quiz --concept a --pack " + path));
  CHECK(contains(r.out, "qkv learn a --pack " + path));

  const auto both = run_qkv({"learn", "--pack", path, "--builtin", "--json"});
  REQUIRE(both.exit_code == 0);
  CHECK(json::parse(both.out)["packs"] == json::array({"mine", "core"}));
  std::filesystem::remove(path);

  const auto missing = run_qkv({"learn", "--pack", temp_path("missing.json")});
  CHECK(missing.exit_code == 66);
}

TEST_CASE("qkv learn wraps notes to $COLUMNS in a pipe") {
  const auto r = run_qkv({"learn", "qkv-overview"}, {.input = {}, .env = {{"COLUMNS", "50"}}});
  REQUIRE(r.exit_code == 0);
  const auto lines = lines_of(r.out);
  for (std::size_t i = 0; i < lines.size() && lines[i] != "Learn before"; ++i) {
    INFO(lines[i]);
    CHECK(columns(lines[i]) <= 50);
  }
}

TEST_CASE("qkv learn --help has examples and exit codes") {
  const auto r = run_qkv({"learn", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Examples:"));
  CHECK(contains(r.out, "qkv learn scaling"));
  CHECK(contains(r.out, "Exit codes:"));
}

TEST_CASE("qkv learn keeps a note's fenced block verbatim while it wraps the prose around it") {
  const std::string code =
      "scores = q @ k.transpose(-2, -1) / math.sqrt(d_head)  # a long line kept";
  const json pack = {
      {"format", "qkv-pack/1"},
      {"id", "fence"},
      {"title", "Fence"},
      {"version", "1"},
      {"concepts",
       {{{"id", "a"},
         {"name", "A"},
         {"summary", "A."},
         {"note", "Some prose that is long enough to be wrapped at thirty columns.\n```python\n" +
                      code + "\n    x  =  1\n```\nMore prose after it."}}}},
      {"questions", json::array()}};
  const std::string path = temp_path("fence.json");
  std::ofstream(path) << pack.dump();
  const auto r = run_qkv({"learn", "a", "--pack", path}, {.input = {}, .env = {{"COLUMNS", "30"}}});
  std::filesystem::remove(path);
  REQUIRE(r.exit_code == 0);
  // The code line is wider than 30 columns and stays whole; inner spaces stay; no fence lines.
  CHECK(contains(r.out, "\n    " + code + "\n        x  =  1\n"));
  CHECK(r.out.find("```") == std::string::npos);
  CHECK(contains(r.out, "Some prose that is long enough\nto be wrapped at thirty\ncolumns.\n"));
}
