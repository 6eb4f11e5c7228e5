// Every numeric question of the built-in bank that says where its answer comes from (a "calc"
// block: calculator input, step, row, column) has its answer key recomputed twice: by the
// attention engine (problem_from_json, run, trace_entry) and by the naive reference of
// naive_attention.hpp, fed from this file's own reading of the input (not the engine's parser),
// so that neither a bug in the engine nor in its JSON reader can hide a wrong key.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <variant>

#include "attention/engine.hpp"
#include "attention/problem_json.hpp"
#include "bank/loader.hpp"
#include "support/naive_attention.hpp"
#include "support/paths.hpp"

using nlohmann::json;
using qkv::bank::MatrixBody;
using qkv::bank::NumericBody;
using qkv::bank::Question;

namespace {

const qkv::bank::Pack& core() {
  static const std::optional<qkv::bank::Pack> pack =
      qkv::bank::load_pack(qkv::test::content_dir() + "/packs/core").pack;
  REQUIRE(pack.has_value());
  return *pack;
}

// A number as the calculator accepts it: a JSON number, or a string such as "-1.5" or "1/3".
naive::Real scalar(const json& j) {
  if (j.is_number()) return j.get<double>();
  REQUIRE_MESSAGE(j.is_string(), "not a number: " << j.dump());
  const std::string s = j.get<std::string>();
  const auto slash = s.find('/');
  if (slash == std::string::npos) return std::stold(s);
  return std::stold(s.substr(0, slash)) / std::stold(s.substr(slash + 1));
}

// A matrix in the inline syntax ("1 0 1; 0 2 0", entries separated by spaces or commas) or as
// an array of rows (or one row), read independently of src/core/numbers.
naive::Mat matrix(const json& j) {
  naive::Mat m;
  if (j.is_string()) {
    std::string text = j.get<std::string>();
    for (char& c : text)
      if (c == ',') c = ' ';
    std::istringstream rows(text);
    for (std::string row; std::getline(rows, row, ';');) {
      std::istringstream entries(row);
      std::vector<naive::Real> r;
      for (std::string e; entries >> e;) r.push_back(scalar(json(e)));
      if (!r.empty()) m.push_back(r);
    }
  } else if (j.is_array() && !j.empty() && !j[0].is_array()) {
    std::vector<naive::Real> r;
    for (const auto& e : j) r.push_back(scalar(e));
    m.push_back(r);
  } else {
    for (const auto& row : j) {
      std::vector<naive::Real> r;
      for (const auto& e : row) r.push_back(scalar(e));
      m.push_back(r);
    }
  }
  for (const auto& r : m) REQUIRE(r.size() == m.front().size());
  return m;
}

naive::Input naive_input(const json& in) {
  naive::Input out;
  auto get = [&](const char* key, std::optional<naive::Mat>& field) {
    if (in.contains(key)) field = matrix(in[key]);
  };
  get("x", out.x);
  get("wq", out.wq);
  get("wk", out.wk);
  get("wv", out.wv);
  get("bq", out.bq);
  get("bk", out.bk);
  get("bv", out.bv);
  get("q", out.q);
  get("k", out.k);
  get("v", out.v);
  get("wo", out.wo);
  if (in.contains("scale")) out.scale = scalar(in["scale"]);
  if (in.contains("heads")) out.heads = in["heads"].get<std::size_t>();
  if (in.contains("additive_mask")) {
    out.mask = {naive::MaskKind::additive, matrix(in["additive_mask"])};
  } else if (in.contains("mask")) {
    const json& m = in["mask"];
    if (m == "causal" || m == "causal-top-left")
      out.mask.kind = naive::MaskKind::causal_top_left;
    else if (m == "causal-bottom-right")
      out.mask.kind = naive::MaskKind::causal_bottom_right;
    else if (m != "none")
      out.mask = {naive::MaskKind::keep, matrix(m)};
  }
  return out;
}

// A matrix question's calc input as the author wrote it, read from its pack file (the model
// holds the problem as qkv read it; the reference reads the text independently).
json raw_calc_input(const qkv::bank::Question& q) {
  std::ifstream in(q.loc.file);
  REQUIRE_MESSAGE(in, "cannot read " << q.loc.file);
  const json file = json::parse(in);
  return file.at(json::json_pointer(q.loc.pointer + "/calc/input"));
}

// A step of the naive result: q, k, v (all heads), concat and output are the whole problem's;
// scores .. weights (and a "headH/" prefix) are one head's.
const naive::Mat& naive_step(const naive::Result& r, std::string step) {
  std::size_t head = 0;
  bool per_head = false;
  if (step.rfind("head", 0) == 0) {
    const auto slash = step.find('/');
    head = std::stoul(step.substr(4, slash - 4)) - 1;
    step = step.substr(slash + 1);
    per_head = true;
  }
  REQUIRE(head < r.heads.size());
  const naive::Head& h = r.heads[head];
  const naive::Mat* m = nullptr;
  if (step == "q") m = per_head ? &h.q : &r.q;
  if (step == "k") m = per_head ? &h.k : &r.k;
  if (step == "v") m = per_head ? &h.v : &r.v;
  if (step == "scores") m = &h.scores;
  if (step == "scaled") m = &h.scaled;
  if (step == "masked") m = &h.masked;
  if (step == "weights") m = &h.weights;
  if (step == "concat") m = &r.concat;
  if (step == "output") m = per_head ? &h.output : &r.output;
  REQUIRE_MESSAGE(m != nullptr, "the naive reference has no step " << step);
  return *m;
}

// One entry of a step of the naive result.
naive::Real naive_entry(const naive::Result& r, const std::string& step, std::size_t row,
                        std::size_t col) {
  const naive::Mat& m = naive_step(r, step);
  REQUIRE(row < naive::rows(m));
  REQUIRE(col < naive::cols(m));
  return m[row][col];
}

// Every numeric question of the core bank with a calc block.
std::vector<const Question*> calc_questions() {
  std::vector<const Question*> out;
  for (const auto& q : core().questions)
    if (const auto* n = std::get_if<NumericBody>(&q.body); n && n->calc) out.push_back(&q);
  return out;
}

}  // namespace

TEST_CASE("the core bank has computed (calc) questions to check") {
  // Issue 5 asks for 30 numeric questions; most of the hand-computable ones carry calc blocks.
  CHECK(calc_questions().size() >= 20);
}

TEST_CASE("every calc answer key equals the engine's entry within the question's tolerance") {
  for (const Question* q : calc_questions()) {
    const auto& n = std::get<NumericBody>(q->body);
    const auto& c = *n.calc;
    INFO("question " << q->id << ": step " << c.step << ", row " << c.row << ", col " << c.col
                     << ", stored answer " << n.answer);
    const auto problem = qkv::attention::problem_from_json(json::parse(c.input_json), q->id);
    const auto trace = qkv::attention::run(problem);
    const double engine = qkv::attention::trace_entry(trace, c.step, c.row, c.col);
    INFO("engine computes " << engine);
    CHECK(n.tolerance.accepts(engine, n.answer));
  }
}

TEST_CASE("every calc answer key equals the naive reference's entry within the tolerance") {
  for (const Question* q : calc_questions()) {
    const auto& n = std::get<NumericBody>(q->body);
    const auto& c = *n.calc;
    INFO("question " << q->id << ": step " << c.step << ", row " << c.row << ", col " << c.col
                     << ", stored answer " << n.answer);
    const naive::Result r = naive::attention(naive_input(json::parse(c.input_json)));
    const double reference = static_cast<double>(
        naive_entry(r, c.step, static_cast<std::size_t>(c.row), static_cast<std::size_t>(c.col)));
    INFO("the naive reference computes " << reference);
    CHECK(n.tolerance.accepts(reference, n.answer));

    // And the engine agrees with the reference far beyond any tolerance.
    const auto trace =
        qkv::attention::run(qkv::attention::problem_from_json(json::parse(c.input_json), q->id));
    CHECK(std::abs(qkv::attention::trace_entry(trace, c.step, c.row, c.col) - reference) <= 1e-12);
  }
}

TEST_CASE("every matrix answer with a calc block equals the naive reference's step") {
  // The loader already refuses a matrix answer the engine disagrees with; this checks the keys
  // against the independent reference too.
  int checked = 0;
  for (const auto& q : core().questions) {
    const auto* m = std::get_if<MatrixBody>(&q.body);
    if (!m || !m->calc) continue;
    ++checked;
    INFO("question " << q.id << ": step " << m->calc->step);
    const naive::Result r = naive::attention(naive_input(raw_calc_input(q)));
    const naive::Mat& want = naive_step(r, m->calc->step);
    // The key is the whole step, not a corner of it.
    REQUIRE(m->answer.size() == naive::rows(want));
    for (std::size_t i = 0; i < want.size(); ++i) {
      REQUIRE(m->answer[i].size() == naive::cols(want));
      for (std::size_t j = 0; j < want[i].size(); ++j) {
        const double reference = static_cast<double>(want[i][j]);
        INFO("entry (" << i << ", " << j << "): key " << m->answer[i][j] << ", reference "
                       << reference);
        CHECK(m->tolerance.accepts(reference, m->answer[i][j]));
      }
    }
  }
  CHECK(checked >= 3);
}

TEST_CASE("this file's own reader of calculator inputs reads the inline syntax") {
  // The naive check is only independent if this reader is right: rows by ';', entries by
  // spaces or commas, fractions; arrays of rows; one row.
  const naive::Mat m = matrix(json("1, 2; -3 1/2"));
  REQUIRE(m.size() == 2);
  CHECK(m[0] == std::vector<naive::Real>{1, 2});
  CHECK(m[1] == std::vector<naive::Real>{-3, 0.5L});
  CHECK(matrix(json::parse("[[1, 0], [0, 2]]"))[1][1] == 2);
  CHECK(matrix(json::parse("[4, 5]")) == naive::Mat{{4, 5}});
  const naive::Input in = naive_input(json::parse(R"({"q": "1 0", "k": "1 0; 0 1", "v": "1; 2",
      "mask": "1 0", "scale": "1/4"})"));
  CHECK(in.mask.kind == naive::MaskKind::keep);
  CHECK(in.scale == 0.25L);
}
