// End-to-end tests of `qkv calc`: the real binary, its formats, options, errors and exit codes.
// Numbers in the JSON output are checked against the naive reference of the unit tests
// (tests/support/naive_attention.hpp, plain loops in long double), computed here from the same
// inputs.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness.hpp"
#include "helpers.hpp"
#include "support/naive_attention.hpp"

using nlohmann::json;
using qkv_test::contains;
using qkv_test::content_path;
using qkv_test::naive_mat;
using qkv_test::read_file;
using qkv_test::run_qkv;

namespace {

std::string temp_path(const std::string& name) {
  return "/tmp/qkv_cli_calc_" + std::to_string(getpid()) + "_" + name;
}

// The naive reference's input from a JSON problem whose matrices are arrays of rows.
naive::Input input_of(const json& j) {
  naive::Input in;
  auto get = [&](const char* key, std::optional<naive::Mat>& field) {
    if (j.contains(key)) field = naive_mat(j[key]);
  };
  get("x", in.x);
  get("wq", in.wq);
  get("wk", in.wk);
  get("wv", in.wv);
  get("wo", in.wo);
  get("q", in.q);
  get("k", in.k);
  get("v", in.v);
  if (j.contains("heads")) in.heads = j["heads"].get<std::size_t>();
  if (j.contains("mask") && j["mask"] == "causal") in.mask.kind = naive::MaskKind::causal_top_left;
  return in;
}

// Largest |a - b| between a JSON matrix and a reference matrix (the string "-inf" in JSON is −∞,
// and must be where the reference has −∞).
double max_diff(const json& got, const naive::Mat& want) {
  REQUIRE(got.size() == want.size());
  double worst = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    REQUIRE(got[i].size() == want[i].size());
    for (std::size_t k = 0; k < want[i].size(); ++k) {
      if (got[i][k].is_string()) {
        CHECK(got[i][k] == "-inf");
        CHECK(std::isinf(want[i][k]));
        CHECK(want[i][k] < 0);
        continue;
      }
      CHECK_FALSE(std::isinf(want[i][k]));
      worst = std::max(worst, std::abs(got[i][k].get<double>() - static_cast<double>(want[i][k])));
    }
  }
  return worst;
}

json step_of(const json& j, const std::string& id) {
  for (const auto& s : j["steps"])
    if (s["id"] == id) return s;
  FAIL("no step " << id);
  return {};
}

}  // namespace

TEST_CASE("qkv calc --help shows real examples, the input format and the exit codes") {
  auto r = run_qkv({"calc", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "qkv calc --example tiny"));
  CHECK(contains(r.out, "--mask"));
  CHECK(contains(r.out, "--input FILE: a JSON object"));
  CHECK(contains(r.out, "65 invalid input"));
  CHECK(contains(run_qkv({"--help"}).out, "calc"));
}

TEST_CASE("--list-examples names each built-in example with a description") {
  auto r = run_qkv({"calc", "--list-examples"});
  CHECK(r.exit_code == 0);
  for (const char* name : {"tiny", "causal", "multihead", "bottom-right"})
    CHECK(contains(r.out, std::string("  ") + name));
  CHECK(contains(r.out, "causal mask"));
}

TEST_CASE("text output shows every step in order with formula, shape, matrix and explanation") {
  auto r = run_qkv({"calc", "--example", "tiny"});
  REQUIRE(r.exit_code == 0);
  std::size_t at = 0;
  for (const char* id : {"[q]", "[k]", "[v]", "[scores]", "[scaled]", "[weights]", "[output]"}) {
    const auto found = r.out.find(id, at);
    CHECK_MESSAGE(found != std::string::npos, id);
    at = found == std::string::npos ? at : found;
  }
  CHECK_FALSE(contains(r.out, "[masked]"));
  CHECK(contains(r.out, "S = Q·Kᵀ"));
  CHECK(contains(r.out, "Q (3×3) · Kᵀ (3×3) = S (3×3)"));
  CHECK(contains(r.out, "0.9088"));  // weights row 2, column 2 (worked example 1)
  CHECK(contains(r.out, "█ 0.91"));  // ... and in the heatmap
  CHECK(contains(r.out, "Row i says how much token i takes from each token"));
  CHECK(contains(r.out, "2.3094  2.3152"));  // row 1: max and sum of exponentials
  CHECK_FALSE(contains(r.out, "\x1b["));     // NO_COLOR (the harness default) and a pipe
}

TEST_CASE("colour appears only when asked for, and the heatmap reads the same without it") {
  auto plain = run_qkv({"calc", "--example", "causal", "--step", "weights"});
  auto colour = run_qkv({"--color", "always", "calc", "--example", "causal", "--step", "weights"});
  CHECK(colour.exit_code == 0);
  CHECK(contains(colour.out, "\x1b[38;5;"));
  CHECK_FALSE(contains(plain.out, "\x1b["));
  CHECK(contains(plain.out, "▒ 0.45"));
  CHECK(contains(colour.out, "▒ 0.45"));
}

TEST_CASE("--step shows one step only, including one head's step") {
  auto r = run_qkv({"calc", "--example", "causal", "--step", "masked"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "[masked]"));
  CHECK(contains(r.out, "−∞"));
  CHECK_FALSE(contains(r.out, "[weights]"));
  auto h = run_qkv({"calc", "--example", "multihead", "--step", "weights"});
  CHECK(contains(h.out, "[head1/weights]"));
  CHECK(contains(h.out, "[head2/weights]"));
  CHECK_FALSE(contains(h.out, "[head1/scores]"));
}

TEST_CASE("--explain adds why each step is done") {
  auto r = run_qkv({"calc", "--example", "causal", "--explain"});
  CHECK(contains(r.out, "Why 1/√d_k"));
  CHECK(contains(r.out, "Why mask before the softmax"));
  CHECK(contains(r.out, "Subtracting the row maximum"));
  CHECK_FALSE(contains(run_qkv({"calc", "--example", "causal"}).out, "Why 1/√d_k"));
}

TEST_CASE("JSON output matches the naive reference for the causal example") {
  const json problem = json::parse(read_file(content_path("examples/causal.json")));
  const naive::Result ref = naive::attention(input_of(problem));
  auto r = run_qkv({"calc", "--example", "causal", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  for (const char* key : {"shapes", "scale", "mask", "steps", "softmax", "weights", "output"})
    CHECK_MESSAGE(j.contains(key), key);
  CHECK(j["mask"] == "causal");
  CHECK(j["tokens"] == json({"the", "cat", "sat"}));
  const auto& h = ref.heads[0];
  CHECK(max_diff(step_of(j, "scores")["matrix"], h.scores) < 1e-12);
  CHECK(max_diff(step_of(j, "scaled")["matrix"], h.scaled) < 1e-12);
  CHECK(max_diff(step_of(j, "masked")["matrix"], h.masked) < 1e-12);  // −∞ as "-inf"
  CHECK(max_diff(step_of(j, "weights")["matrix"], h.weights) < 1e-12);
  CHECK(max_diff(j["weights"], h.weights) < 1e-12);
  CHECK(max_diff(j["output"], ref.output) < 1e-12);
  for (const char* key : {"id", "title", "formula", "explanation", "matrix"})
    CHECK(j["steps"][0].contains(key));
}

TEST_CASE("JSON output of a random multi-head problem matches the reference on the saved inputs") {
  const std::string saved = temp_path("mh.json");
  auto r = run_qkv({"calc", "--random", "6x8", "--heads", "2", "--seed", "12", "--mask", "causal",
                    "--format", "json", "--save-input", saved});
  REQUIRE(r.exit_code == 0);
  const json problem = json::parse(read_file(saved));
  std::remove(saved.c_str());
  CHECK(problem["heads"] == 2);
  const naive::Result ref = naive::attention(input_of(problem));
  const json j = json::parse(r.out);
  CHECK(j["seed"] == 12);
  REQUIRE(j["heads"].size() == 2);
  for (std::size_t h = 0; h < 2; ++h) {
    CHECK(max_diff(j["heads"][h]["weights"], ref.heads[h].weights) < 1e-12);
    CHECK(max_diff(j["heads"][h]["output"], ref.heads[h].output) < 1e-12);
  }
  CHECK(max_diff(j["concat"], ref.concat) < 1e-12);
  CHECK(max_diff(j["output"], ref.output) < 1e-12);
  // The default scale is 1/sqrt of the head width (4), not of d_model (8).
  CHECK(j["scale"].get<double>() == doctest::Approx(0.5));
}

TEST_CASE("the same seed replays the same problem; the seed used is printed") {
  auto a =
      run_qkv({"calc", "--random", "4x3", "--seed", "77", "--format", "json", "--step", "output"});
  auto b =
      run_qkv({"calc", "--random", "4x3", "--seed", "77", "--format", "json", "--step", "output"});
  CHECK(a.out == b.out);
  auto c =
      run_qkv({"calc", "--random", "4x3", "--seed", "78", "--format", "json", "--step", "output"});
  CHECK(a.out != c.out);
  auto t = run_qkv({"calc", "--random", "4x3", "--format", "summary"});
  CHECK(t.exit_code == 0);
  CHECK(contains(t.err, "from seed "));
  CHECK(contains(t.err, "repeat it with --seed "));
}

TEST_CASE("--decode records each position and equals the causal rows") {
  const json problem = json::parse(read_file(content_path("examples/multihead.json")));
  const auto ref = naive::decode(input_of(problem));
  auto r = run_qkv({"calc", "--example", "multihead", "--decode", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  REQUIRE(j["decode"].size() == ref.size());
  for (std::size_t pos = 0; pos < ref.size(); ++pos) {
    const json& d = j["decode"][pos];
    CHECK(d["position"] == pos);
    CHECK(d["cache_length"] == ref[pos].cache_length);
    CHECK(d["output_difference"].get<double>() < 1e-12);
    for (std::size_t k = 0; k < ref[pos].output.size(); ++k)
      CHECK(std::abs(d["output"][k].get<double>() - static_cast<double>(ref[pos].output[k])) <
            1e-12);
  }
  auto text = run_qkv({"calc", "--example", "causal", "--decode"});
  CHECK(contains(text.out, "KV-cache decoding"));
  CHECK(contains(text.out, "the cache now holds 3 keys"));
  CHECK(contains(text.out, "Decoding matches full causal attention"));
}

TEST_CASE("markdown output has headings and tables") {
  auto r = run_qkv({"calc", "--example", "causal", "--format", "markdown"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "# Attention, step by step"));
  CHECK(contains(r.out, "### 7. Attention weights (`weights`)"));
  CHECK(contains(r.out, "| **sat** | 0.1084 | 0.4458 | 0.4458 |"));
  CHECK(contains(r.out, "| **sat** | ░ 0.11 | ▒ 0.45 | ▒ 0.45 |"));
}

TEST_CASE("markdown --step of one head's weights shows that head's softmax rows, as text does") {
  auto r = run_qkv(
      {"calc", "--example", "multihead", "--format", "markdown", "--step", "head1/weights"});
  REQUIRE(r.exit_code == 0);
  // Row "like" of head 1: its largest weight is exp(0)/Σ exp = 1/1.2431 = 0.8044.
  CHECK(contains(r.out, "| **like** | 0.1956 | 0.8044 | 0.0000 |"));
  CHECK(contains(r.out, "| like | 2.8284 | 1.2431 |"));
  auto t = run_qkv({"calc", "--example", "multihead", "--step", "head1/weights"});
  REQUIRE(t.exit_code == 0);
  CHECK(contains(t.out, "2.8284"));
  CHECK(contains(t.out, "1.2431"));
}

TEST_CASE("summary output shows shapes and a corner of a large output") {
  auto r = run_qkv({"calc", "--random", "300x16", "--seed", "1", "--format", "summary"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "300 tokens, d_model 16"));
  CHECK(contains(r.out, "scores 300×300"));
  CHECK(contains(r.out, "output (300×16; first 8 rows and 8 columns)"));
  CHECK(r.out.size() < 3000);
}

TEST_CASE("inline matrices, tokens, masks, scale and precision") {
  auto r = run_qkv({"calc", "--q", "1 0; 1 1; 0 2", "--k", "2 0; 0 1; 1 1", "--v", "1 0; 0 1; 1 1",
                    "--mask", "1 0 1; 0 1 1; 1 1 0", "--tokens", "the cat sat", "--precision", "2",
                    "--step", "weights"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "sat  0.20  0.80  0.00"));  // worked example 2, keep mask, row 3
  auto a = run_qkv({"calc", "--q", "1 0", "--k", "1 0; 0 1", "--v", "1; 2", "--additive-mask",
                    "0 -1e9", "--scale", "1/2", "--format", "json", "--step", "weights"});
  CHECK(a.exit_code == 0);
  const json j = json::parse(a.out);
  CHECK(j["scale"] == 0.5);
  CHECK(j["steps"][0]["matrix"][0][0] == 1.0);
}

TEST_CASE("--input reads a JSON file, and options given as well override it") {
  const std::string path = temp_path("in.json");
  std::ofstream(path)
      << R"({"q": "1 0; 1 1", "k": [[2, 0], [0, 1]], "v": [[1, 0], [0, 1]], "tokens": ["a", "b"]})";
  auto r = run_qkv({"calc", "--input", path, "--mask", "causal", "--format", "json"});
  std::remove(path.c_str());
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["mask"] == "causal");
  CHECK(j["weights"][0] == json({1.0, 0.0}));
}

TEST_CASE("invalid inputs exit 65 with messages naming the matrices and shapes") {
  auto r = run_qkv({"calc", "--x", "1 0; 0 1", "--wq", "1 0 1", "--wk", "1; 0", "--wv", "1; 0"});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, "X (2×2), W_q (1×3)"));
  CHECK(contains(r.err, "W_q (1×3), W_k (2×1)"));  // every problem, not just the first

  auto m = run_qkv({"calc", "--q", "1; 1", "--k", "1; 1", "--v", "1; 1", "--mask", "1 0; 0 0"});
  CHECK(m.exit_code == 65);
  CHECK(contains(m.err, "hides every key from query row 2"));
  CHECK(m.out.empty());

  auto p = run_qkv({"calc", "--x", "1 2; 3", "--wq", "1", "--wk", "1", "--wv", "1"});
  CHECK(p.exit_code == 65);
  CHECK(contains(p.err, "--x: row 2 has 1 entries but row 1 has 2"));

  auto h = run_qkv({"calc", "--example", "tiny", "--heads", "2"});
  CHECK(h.exit_code == 65);
  CHECK(contains(h.err, "2 heads do not divide the 3 columns"));
}

TEST_CASE("input files: unreadable 66, broken JSON 65 with line and column, unknown keys 65") {
  auto missing = run_qkv({"calc", "--input", "/no/such/file.json"});
  CHECK(missing.exit_code == 66);
  CHECK(contains(missing.err, "/no/such/file.json"));

  const std::string path = temp_path("bad.json");
  std::ofstream(path) << "{\n  \"x\": [[1, 2]],\n  \"wq\": ,\n}";
  auto broken = run_qkv({"calc", "--input", path});
  CHECK(broken.exit_code == 65);
  CHECK(contains(broken.err, path + ":3:"));
  std::ofstream(path)
      << R"({"x": [[1, 2]], "wq": [[1], [0]], "wk": [[1], [0]], "wv": [[1], [0]], "Wo": 1})";
  auto unknown = run_qkv({"calc", "--input", path});
  std::remove(path.c_str());
  CHECK(unknown.exit_code == 65);
  CHECK(contains(unknown.err, "/Wo: error: unknown key 'Wo'"));
}

TEST_CASE("usage errors exit 2 and say what to do") {
  auto none = run_qkv({"calc"});
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, "try: qkv calc --example tiny"));
  auto ex = run_qkv({"calc", "--example", "nope"});
  CHECK(ex.exit_code == 2);
  CHECK(contains(ex.err, "the examples are: bottom-right, causal, multihead, tiny"));
  auto step = run_qkv({"calc", "--example", "tiny", "--step", "masked"});
  CHECK(step.exit_code == 2);
  CHECK(contains(step.err, "its steps are: q, k, v, scores, scaled, weights, output"));
  CHECK(run_qkv({"calc", "--random", "10"}).exit_code == 2);
  CHECK(run_qkv({"calc", "--random", "4x3", "--example", "tiny"}).exit_code == 2);
  CHECK(run_qkv({"calc", "--example", "tiny", "--format", "xml"}).exit_code == 2);
  CHECK(run_qkv({"calc", "--example", "tiny", "--precision", "99"}).exit_code == 2);
  auto both = run_qkv({"calc", "--example", "causal", "--mask", "causal", "--additive-mask",
                       "0 0 0; 0 0 0; 0 0 0"});
  CHECK(both.exit_code == 2);
}

TEST_CASE("token labels from the command line are sanitised before printing") {
  auto r =
      run_qkv({"calc", "--q", "1; 1", "--k", "1; 1", "--v", "1; 1", "--tokens", "a\x1b[31m b"});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(contains(r.out, "\x1b[31m"));
  CHECK(contains(r.out, "\\x1b"));
}
