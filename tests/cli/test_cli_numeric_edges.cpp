// End-to-end tests of numbers at the edges (issue 11): weights that must be exactly 0, overflow
// detected and named, −∞ told apart from NaN in JSON, numbers too large for a double, additive
// masks with −∞, the size limits and the memory estimate, wide numbers in text, and `qkv check`
// naming only mistakes that happened (also when they change a step's shape). Expected numbers are
// worked by hand or with the naive long-double reference (tests/unit/naive_attention.hpp).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "support/naive_attention.hpp"
#include "harness.hpp"
#include "helpers.hpp"

using nlohmann::json;
using qkv_test::contains;
using qkv_test::run_qkv;

namespace {

std::string temp_path(const std::string& name) {
  return "/tmp/qkv_cli_numbers_" + std::to_string(getpid()) + "_" + name;
}

// Writes `text` to a temporary file that is removed when the guard goes.
struct TempFile {
  std::string path;
  TempFile(const std::string& name, const std::string& text) : path(temp_path(name)) {
    std::ofstream(path) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

json calc_json(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"calc", "--format", "json"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_qkv(all);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

json step_of(const json& j, const std::string& id) {
  for (const auto& s : j["steps"])
    if (s["id"] == id) return s;
  FAIL("no step " << id);
  return {};
}

naive::Mat col(std::initializer_list<naive::Real> v) {
  naive::Mat m;
  for (auto x : v) m.push_back({x});
  return m;
}

}  // namespace

TEST_CASE("a score far below its row's maximum gets weight exactly 0, whatever its position") {
  // Scores of every row: 1000, 0, 0 (d_k = 1, scale 1). exp(-1000) is about 5e-435: 0 as a
  // double. Every row is the same, so every row's weights must be the same bits.
  const json j = calc_json({"--q", "1; 1; 1", "--k", "1000; 0; 0", "--v", "0; 1; 1"});
  naive::Input in;
  in.q = col({1, 1, 1});
  in.k = col({1000, 0, 0});
  in.v = col({0, 1, 1});
  const naive::Result want = naive::attention(in);
  const json& w = j["weights"];
  REQUIRE(w.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(w[i] == w[0]);
    for (std::size_t c = 0; c < 3; ++c)
      CHECK(w[i][c].get<double>() == static_cast<double>(want.heads[0].weights[i][c]));
    CHECK(w[i][0] == 1.0);
    CHECK(w[i][1] == 0.0);
    CHECK(w[i][2] == 0.0);
    CHECK(j["output"][i][0] == 0.0);
  }
  // With a huge value behind the zero weight the output is still exactly 0 (it was 0.5556).
  const json big = calc_json({"--q", "1; 1; 1", "--k", "1000; 0", "--v", "0; 1e308"});
  for (std::size_t i = 0; i < 3; ++i) CHECK(big["output"][i][0] == 0.0);
  // Rows of every length up to two packets and more: identical rows, identical weights.
  for (int n = 1; n <= 9; ++n) {
    std::string q, k = "0; 800; 1";
    for (int i = 0; i < n; ++i) q += std::string(i ? "; " : "") + "1";
    const json r = calc_json({"--q", q, "--k", k, "--v", "1; 2; 3"});
    for (int i = 0; i < n; ++i) {
      CAPTURE(n);
      CHECK(r["weights"][static_cast<std::size_t>(i)] == r["weights"][0]);
    }
    CHECK(r["weights"][0][0] == 0.0);  // exp(-800) is 0 as a double
  }
}

TEST_CASE("the README's additive mask -1e9 leaves exactly 0 on the hidden key") {
  const json j = calc_json({"--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4",
                            "--additive-mask", "0 -1e9; 0 0"});
  CHECK(j["weights"][0][1] == 0.0);
  CHECK(j["weights"][0][0] == 1.0);
  CHECK(j["output"][0][0] == 1.0);
  CHECK(j["output"][0][1] == 2.0);
  // Row 2 sees both: scores 0 and 1/√2; weights 1/(1+e^(1/√2)) and the rest (by hand).
  const double e = std::exp(1.0 / std::sqrt(2.0));
  CHECK(std::abs(j["weights"][1][0].get<double>() - 1.0 / (1.0 + e)) < 1e-15);
}

TEST_CASE("overflow is never silent: exit 65 naming the step, the entry and what overflowed") {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--q", "1e200", "--k", "1e200; 1", "--v", "1; 2"},
       "step scores, row 1, column 1: the dot product of query 1 and key 1 overflowed to +inf"},
      {{"--q", "1e154 1e154", "--k", "1e154 1e154", "--v", "1"},
       "step scores, row 1, column 1: the dot product of query 1 and key 1 overflowed to +inf"},
      {{"--q", "2", "--k", "1; 1", "--v", "1; 2", "--scale", "1e308"},
       "step scaled, row 1, column 1: the score 2 times the scale 1e+308 overflowed to +inf"},
      {{"--x", "1e200", "--wq", "1e200", "--wk", "1", "--wv", "1"},
       "step q, row 1, column 1: row 1 of X times column 1 of W_q (the projection Q = X·W_q) "
       "overflowed to +inf"},
      {{"--q", "1", "--k", "1; 1", "--v", "1e308; 1e308", "--additive-mask", "0 0"},
       ""},  // 0.5·1e308 + 0.5·1e308 = 1e308: no overflow (checked below)
      {{"--q", "-1e300", "--k", "1e10; 1", "--v", "1; 2", "--scale", "1", "--additive-mask",
        "-1e300 0"},
       "step masked, row 1, column 1: the scaled score -inf"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args.front());
    std::vector<std::string> args = {"calc"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    for (const char* format : {"text", "json"}) {
      std::vector<std::string> a = args;
      a.push_back("--format");
      a.push_back(format);
      const auto r = run_qkv(a);
      if (c.message.empty()) {
        CHECK(r.exit_code == 0);
        continue;
      }
      // -1e300 · 1e10 is -inf already at the scores: the first step that overflows is named.
      if (c.message.rfind("step masked", 0) == 0) {
        CHECK(r.exit_code == 65);
        CHECK(contains(r.err, "step scores, row 1, column 1"));
        CHECK(contains(r.err, "overflowed to -inf"));
        continue;
      }
      CHECK(r.exit_code == 65);
      CHECK(contains(r.err, c.message));
      CHECK(contains(r.err, "a double holds magnitudes up to about 1.8e308"));
      CHECK(r.out.empty());
    }
  }
  // A finite scaled score plus a finite mask entry that together overflow to −∞ is not the
  // mask's −∞: named at the masked step.
  const auto m = run_qkv({"calc", "--q", "-1", "--k", "1e308; 0", "--v", "1; 2", "--scale", "1",
                          "--additive-mask", "-1e308 0"});
  CHECK(m.exit_code == 65);
  CHECK(contains(m.err, "step masked, row 1, column 1: the scaled score -1e+308 plus the mask's "
                        "-1e+308 overflowed to -inf"));
}

TEST_CASE("JSON tells −∞ (a masked score) from NaN: the strings \"-inf\" and \"nan\"") {
  const json j = calc_json({"--q", "1; 1", "--k", "1; 2", "--v", "1; 2", "--mask", "causal"});
  const json masked = step_of(j, "masked")["matrix"];
  CHECK(masked[0][1] == "-inf");
  CHECK(masked[0][0].is_number());
  CHECK(masked[1][1].is_number());
  // No null anywhere: null is not a number of any kind.
  CHECK(j.dump().find("null") == std::string::npos);
}

TEST_CASE("numbers too large for a double exit 65 with the location, never 70") {
  TempFile big("big.json", "{\n  \"q\": [[1, 1e309]],\n  \"k\": [[1, 1]],\n  \"v\": [[1]]\n}\n");
  const auto r = run_qkv({"calc", "--input", big.path});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, big.path + ":2:"));
  CHECK(contains(r.err, "1e309"));
  TempFile scale("scale.json", R"({"q": [[1]], "k": [[1]], "v": [[1]], "scale": 1e400})");
  const auto s = run_qkv({"calc", "--input", scale.path});
  CHECK(s.exit_code == 65);
  CHECK(contains(s.err, scale.path + ":1:"));
  CHECK(contains(s.err, "1e400"));
  const auto opt = run_qkv({"calc", "--q", "1", "--k", "1", "--v", "1", "--scale", "1e400"});
  CHECK(opt.exit_code == 65);
  CHECK(contains(opt.err, "--scale: '1e400' is too large for a double"));
  const auto entry = run_qkv({"calc", "--q", "1 2e308", "--k", "1 1", "--v", "1"});
  CHECK(entry.exit_code == 65);
  CHECK(contains(entry.err, "--q: row 1, column 2: '2e308' is too large for a double"));
}

TEST_CASE("duplicate keys in calc --input are errors with their location") {
  TempFile dup("dup.json", "{\"q\": [[1]],\n \"k\": [[1]],\n \"v\": [[1]],\n \"q\": [[2]]}\n");
  const auto r = run_qkv({"calc", "--input", dup.path});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, dup.path + ":4:"));
  CHECK(contains(r.err, "\"q\""));
}

TEST_CASE("additive masks take -inf and inf as PyTorch's float masks do; nan is refused") {
  // -inf hides the key exactly as a keep mask's 0 does.
  const json a = calc_json({"--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4",
                            "--additive-mask", "0 -inf; 0 0"});
  const json b = calc_json(
      {"--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4", "--mask", "1 0; 1 1"});
  CHECK(a["weights"] == b["weights"]);
  CHECK(a["output"] == b["output"]);
  CHECK(step_of(a, "masked")["matrix"][0][1] == "-inf");
  for (const char* spelling : {"-inf", "-Infinity", "−∞"}) {
    const json c = calc_json({"--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4",
                              "--additive-mask", std::string("0 ") + spelling + "; 0 0"});
    CHECK(c["weights"] == b["weights"]);
  }
  // The same from --input, where -inf is a string; --save-input writes it back that way.
  TempFile in("mask.json",
              R"({"q": [[1, 0], [0, 1]], "k": [[1, 0], [0, 1]], "v": [[1, 2], [3, 4]],
                  "additive_mask": [[0, "-inf"], [0, 0]]})");
  const std::string saved = temp_path("saved.json");
  const json f = calc_json({"--input", in.path, "--save-input", saved});
  CHECK(f["weights"] == b["weights"]);
  const json back = json::parse(qkv_test::read_file(saved));
  std::remove(saved.c_str());
  CHECK(back["additive_mask"][0][1] == "-inf");

  const auto nan = run_qkv({"calc", "--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4",
                            "--additive-mask", "0 nan; 0 0"});
  CHECK(nan.exit_code == 65);
  CHECK(contains(nan.err, "--additive-mask: row 1, column 2: 'nan' is not a number"));
  TempFile nanfile("nan.json", R"({"q": [[1]], "k": [[1], [2]], "v": [[1], [2]],
      "additive_mask": [[0, "nan"]]})");
  const auto nan2 = run_qkv({"calc", "--input", nanfile.path});
  CHECK(nan2.exit_code == 65);
  CHECK(contains(nan2.err, "/additive_mask/0/1"));
  // +inf is read, but a softmax over +∞ has no value (PyTorch gives NaN): named and refused.
  const auto inf = run_qkv({"calc", "--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4",
                            "--additive-mask", "0 inf; 0 0"});
  CHECK(inf.exit_code == 65);
  CHECK(contains(inf.err, "the additive mask is +inf at row 1, column 2"));
}

TEST_CASE("finite additive masks are added as PyTorch adds them; only a row of -inf is refused") {
  // Every entry of row 1 is -1e9: adding the same number to a whole row changes no weight, so
  // PyTorch gives the unmasked row (it was refused as "PyTorch gives NaN").
  const json masked = calc_json({"--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4",
                                 "--additive-mask", "-1e9 -1e9; 0 0"});
  const json plain = calc_json({"--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4"});
  for (std::size_t c = 0; c < 2; ++c)
    CHECK(std::abs(masked["weights"][0][c].get<double>() -
                   plain["weights"][0][c].get<double>()) < 1e-6);
  // By hand: row 1's scaled scores are 1/√2 and 0, so its weights are e^(1/√2)/(e^(1/√2)+1)...
  const double e = std::exp(1.0 / std::sqrt(2.0));
  CHECK(std::abs(plain["weights"][0][0].get<double>() - e / (e + 1.0)) < 1e-15);
  const auto r = run_qkv({"calc", "--q", "1 0; 0 1", "--k", "1 0; 0 1", "--v", "1 2; 3 4",
                          "--additive-mask", "-inf -inf; 0 0"});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, "every entry of row 1 of the additive mask is -inf, so that query sees "
                        "no key"));
  CHECK_FALSE(contains(r.err, "-1e9"));
}

TEST_CASE("text output never cuts a large number short: scientific notation past 15 digits") {
  const auto r = run_qkv({"calc", "--q", "1", "--k", "1", "--v", "1e60", "--precision", "4"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "1.0000e+60"));
  const auto p15 = run_qkv({"calc", "--q", "1", "--k", "1", "--v", "-3e50", "--precision", "15"});
  CHECK(p15.exit_code == 0);
  CHECK(contains(p15.out, "-3.000000000000000e+50"));
  // Up to 15 digits before the point stays fixed.
  const auto fixed = run_qkv({"calc", "--q", "1", "--k", "1", "--v", "123456789012345"});
  CHECK(contains(fixed.out, "123456789012345.0000"));
}

TEST_CASE("the size limits are in --help and apply to every way a problem comes in") {
  const auto help = run_qkv({"calc", "--help"});
  CHECK(contains(help.out, "at most 8192 tokens"));
  CHECK(contains(help.out, "up to 4096"));
  const auto random = run_qkv({"calc", "--random", "20000x64"});
  CHECK(random.exit_code == 2);
  CHECK(contains(random.err, "N up to 8192, D up to 4096"));
  // The same size through --input is refused before anything is computed, naming the key.
  std::string rows;
  for (int i = 0; i < 8193; ++i) rows += std::string(i ? "," : "") + "[1]";
  TempFile big("tokens.json", "{\"q\": [[1]], \"k\": [" + rows + "], \"v\": [" + rows + "]}");
  const auto r = run_qkv({"calc", "--input", big.path});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, "/k"));
  CHECK(contains(r.err, "K has 8193 rows; qkv computes with at most 8192 tokens"));
  std::string wide;
  for (int i = 0; i < 4097; ++i) wide += std::string(i ? " " : "") + "1";
  const auto w = run_qkv({"calc", "--q", wide, "--k", wide, "--v", "1"});
  CHECK(w.exit_code == 65);
  CHECK(contains(w.err, "Q has 4097 columns; qkv computes with widths (d_model, d_k, d_v, d_out) "
                        "up to 4096"));
}

// AddressSanitizer reserves terabytes of address space for its shadow memory, so a process
// under an address-space limit cannot start in the sanitizer build; the test runs in the others.
#if defined(__SANITIZE_ADDRESS__)
#define QKV_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QKV_UNDER_ASAN 1
#endif
#endif

#ifndef QKV_UNDER_ASAN
TEST_CASE("a problem the memory cannot hold is refused before starting, with the estimate") {
  // Under a 300 MiB address-space limit, 4096×4096 (three 134 MB matrices) cannot be held
  // (at 400 MiB the estimate, 403 MB, fits beside a 15 MB process, and so does the run):
  // refused with the estimate, exit 65, never an internal error.
  qkv_test::RunOptions o;
  o.address_space_limit = 300u << 20;
  const auto r = run_qkv({"calc", "--random", "4096x8", "--seed", "1", "--format", "summary"}, o);
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, "this problem (4096 queries × 4096 keys, 1 head) needs about 4"));
  CHECK(contains(r.err, " of memory, but about "));
  CHECK(contains(r.err, " is available; use fewer tokens or heads"));
  CHECK_FALSE(contains(r.err, "internal error"));
  // The same limit holds a small problem.
  const auto small = run_qkv({"calc", "--random", "64x8", "--seed", "1", "--format", "summary"}, o);
  CHECK(small.exit_code == 0);
  // Memory that runs out anyway (here while the random 8192×4096 inputs are made, before any
  // estimate) is exit 65 with a plain message, not an internal error (70).
  const auto out = run_qkv({"calc", "--random", "8192x4096", "--seed", "1", "--format",
                            "summary"}, o);
  CHECK(out.exit_code == 65);
  CHECK(contains(out.err, "qkv: out of memory"));
  CHECK_FALSE(contains(out.err, "internal error"));
}
#endif

namespace {

// Runs `qkv check` on {"problem": problem, "work": work}; returns the JSON report and the text.
std::pair<json, std::string> check_both(const json& problem, const json& work) {
  TempFile f("worked.json", json{{"problem", problem}, {"work", work}}.dump(1));
  const auto j = run_qkv({"check", f.path, "--format", "json"});
  INFO(j.err);
  REQUIRE(j.exit_code == 1);
  const auto t = run_qkv({"check", f.path});
  CHECK(t.exit_code == 1);
  return {json::parse(j.out), t.out};
}

json to_json(const naive::Mat& m) {
  json rows = json::array();
  for (const auto& r : m) {
    json row = json::array();
    for (auto x : r) row.push_back(static_cast<double>(x));
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> mistake_ids(const json& step) {
  std::vector<std::string> ids;
  if (step["diagnosis"].is_null()) return ids;
  for (const auto& m : step["diagnosis"]["mistakes"]) ids.push_back(m["id"]);
  return ids;
}

}  // namespace

TEST_CASE("check names scaled-by-dmodel alone, not a no-projection that did not happen") {
  // d_model = 4, d_k = 3. The learner projects right, then scales by 1/√d_model = 1/2. (With
  // d_k = 2, dividing by d_k would give the same numbers, and "could be any of them" is right.)
  const naive::Mat x = {{1, 0, 1, 0}, {0, 1, 0, 1}};
  const naive::Mat wq = {{1, 0, 0}, {0, 1, 0}, {1, 0, 1}, {0, 1, 0}};
  const naive::Mat wk = {{0, 1, 0}, {1, 0, 0}, {0, 1, 1}, {1, 0, 0}};
  const naive::Mat wv = {{1, 2}, {0, 1}, {1, 0}, {2, 1}};
  const naive::Mat q = naive::matmul(x, wq), k = naive::matmul(x, wk);
  const naive::Mat scores = naive::matmul(q, naive::transpose(k));  // [[1, 4], [4, 0]] by hand
  REQUIRE(scores[0][1] == 4);
  const json problem = {{"x", to_json(x)}, {"wq", to_json(wq)}, {"wk", to_json(wk)},
                        {"wv", to_json(wv)}};
  const json work = {{"q", to_json(q)},
                     {"k", to_json(k)},
                     {"scores", to_json(scores)},
                     {"scaled", to_json(naive::times(scores, 0.5L))}};
  const auto [doc, text] = check_both(problem, work);
  CHECK(doc["first_wrong"] == "scaled");
  const json& scaled = doc["steps"][3];
  REQUIRE(scaled["id"] == "scaled");
  CHECK(mistake_ids(scaled) == std::vector<std::string>{"scaled-by-dmodel"});
  CHECK(contains(text, "scaled-by-dmodel"));
  CHECK_FALSE(contains(text, "no-projection"));
  CHECK_FALSE(contains(text, "could be any of them"));
}

TEST_CASE("check names keys-as-values and no-projection when they change the step's shape") {
  // keys-as-values: d_k = 2, d_v = 3, so P·K is 2×2 where P·V is 2×3.
  naive::Input in;
  in.q = naive::Mat{{1, 0}, {0, 1}};
  in.k = naive::Mat{{1, 0}, {0, 1}};
  in.v = naive::Mat{{1, 2, 3}, {4, 5, 6}};
  const naive::Result right = naive::attention(in);
  const naive::Mat p_times_k = naive::matmul(right.heads[0].weights, *in.k);
  const json problem = {{"q", to_json(*in.q)}, {"k", to_json(*in.k)}, {"v", to_json(*in.v)}};
  const auto [doc, text] = check_both(
      problem, {{"weights", to_json(right.heads[0].weights)}, {"output", to_json(p_times_k)}});
  REQUIRE(doc["steps"].size() == 2);
  CHECK(doc["steps"][0]["correct"] == true);
  CHECK(doc["steps"][1]["shape_ok"] == false);
  CHECK(mistake_ids(doc["steps"][1]) == std::vector<std::string>{"keys-as-values"});
  CHECK(contains(text, "wrong shape: you gave 2×2, the step is 2×3"));
  CHECK(contains(text, "keys-as-values: took the weighted sum of the keys instead of the values"));

  // no-projection: X is 2×3 and W_q 3×2, so X given as Q is 2×3 where Q is 2×2.
  const naive::Mat x = {{1, 0, 2}, {0, 1, 1}};
  const naive::Mat w = {{1, 0}, {0, 1}, {1, 1}};
  const json p2 = {{"x", to_json(x)}, {"wq", to_json(w)}, {"wk", to_json(w)}, {"wv", to_json(w)}};
  const auto [doc2, text2] = check_both(p2, {{"q", to_json(x)}});
  CHECK(doc2["steps"][0]["shape_ok"] == false);
  CHECK(mistake_ids(doc2["steps"][0]) == std::vector<std::string>{"no-projection"});
  CHECK(contains(text2, "wrong shape: you gave 2×3, the step is 2×2"));
  CHECK(contains(text2, "no-projection"));
  // A wrong shape that no mistake gives is still only "wrong shape".
  const auto [doc3, text3] = check_both(p2, {{"q", json{{1, 2, 3, 4}}}});
  CHECK(mistake_ids(doc3["steps"][0]).empty());
  CHECK(contains(text3, "wrong shape: you gave 1×4, the step is 2×2"));
}

TEST_CASE("check reads strictly: a key given twice and 1e999 are errors with their location") {
  // The wrong first "scores" was never checked: the last duplicate won.
  TempFile dup("dup-check.json",
               "{\"problem\": {\"q\": [[1]], \"k\": [[1]], \"v\": [[1]]},\n"
               " \"work\": {\"scores\": [[7]],\n"
               "          \"scores\": [[1]]}}\n");
  const auto r = run_qkv({"check", dup.path});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, dup.path + ":3:11: /work/scores: error: duplicate key \"scores\" (first "
                                   "at line 2, column 11)"));
  CHECK(r.out.empty());
  // 1e999 was read as 0 and the step marked wrong (or right) on that.
  TempFile big("big-check.json",
               "{\"problem\": {\"q\": [[1]], \"k\": [[1]], \"v\": [[1]]},\n"
               " \"work\": {\"scores\": [[1e999]]}}\n");
  const auto b = run_qkv({"check", big.path});
  CHECK(b.exit_code == 65);
  CHECK(contains(b.err, big.path + ":2:23: /work/scores/0/0: error: the number 1e999 is too large "
                                   "for a double"));
  // A problem inside the file that does not validate is placed at its key.
  TempFile bad("bad-check.json",
               "{\"problem\": {\"q\": [[1]],\n \"k\": [[1, 2]], \"v\": [[1]]},\n"
               " \"work\": {\"scores\": [[1]]}}\n");
  const auto v = run_qkv({"check", bad.path});
  CHECK(v.exit_code == 65);
  CHECK(contains(v.err, bad.path + ":2:7: /problem/k: error:"));
}
