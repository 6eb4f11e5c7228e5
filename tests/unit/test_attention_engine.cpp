// Three small examples worked out independently of the engine, checked step by step.
//
// Where the expected numbers come from: tests/data/attention/worked_examples.py, a NumPy
// (float64) script written from the definitions, not from qkv's code; run it with
// /usr/bin/python3 to reproduce every literal below (printed with 17 significant digits). The
// integer scores of examples 1 and 2 can also be checked by hand (e.g. example 1, row 1 of Q is
// [1 0 2] and row 2 of K is [4 4 0], so S(1,2) = 4).
#include <doctest/doctest.h>

#include <cmath>

#include "attention/engine.hpp"
#include "support/attention_test_util.hpp"

using namespace qkv;
using namespace qkv::attention;
using attn_test::expect_matrix;
using attn_test::INF;
using attn_test::M;

namespace {

Problem example1() {
  Problem p;
  p.x = M({{1, 0, 1, 0}, {0, 2, 0, 2}, {1, 1, 1, 1}});
  p.wq = M({{1, 0, 1}, {1, 0, 0}, {0, 0, 1}, {0, 1, 1}});
  p.wk = M({{0, 0, 1}, {1, 1, 0}, {0, 1, 0}, {1, 1, 0}});
  p.wv = M({{0, 2, 0}, {0, 3, 0}, {1, 0, 3}, {1, 1, 0}});
  return p;
}

Problem example2(MaskKind kind = MaskKind::none) {
  Problem p;
  p.q = M({{1, 0}, {1, 1}, {0, 2}});
  p.k = M({{2, 0}, {0, 1}, {1, 1}});
  p.v = M({{1, 0}, {0, 1}, {1, 1}});
  p.tokens = {"the", "cat", "sat"};
  p.mask.kind = kind;
  return p;
}

Problem example3() {
  Problem p;
  p.x = M({{1, 0, 1, 0}, {0, 2, 0, 2}, {1, 1, 1, 1}});
  p.wq = M({{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}, {0, 0, 1, 1}});
  p.wk = M({{0, 1, 1, 0}, {1, 0, 0, 1}, {0, 0, 1, 1}, {1, 1, 0, 0}});
  p.wv = M({{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {1, 1, 1, 1}});
  p.wo = M({{1, 0, 0, 1}, {0, 1, 1, 0}, {0, 0, 1, 0}, {1, 0, 0, 0}});
  p.heads = 2;
  p.mask.kind = MaskKind::causal_top_left;
  return p;
}

}  // namespace

TEST_CASE("example 1 (three tokens, no mask): every step matches the worked numbers") {
  const Trace t = run(example1());
  expect_matrix("Q", t.step("q").matrix, M({{1, 0, 2}, {2, 2, 2}, {2, 1, 3}}));
  expect_matrix("K", t.step("k").matrix, M({{0, 1, 1}, {4, 4, 0}, {2, 3, 1}}));
  expect_matrix("V", t.step("v").matrix, M({{1, 2, 3}, {2, 8, 0}, {2, 6, 3}}));
  expect_matrix("scores", t.step("scores").matrix, M({{2, 4, 4}, {4, 16, 12}, {4, 12, 10}}));
  expect_matrix("scaled", t.step("scaled").matrix,
                M({{1.1547005383792517, 2.3094010767585034, 2.3094010767585034},
                   {2.3094010767585034, 9.237604307034013, 6.9282032302755105},
                   {2.3094010767585034, 6.9282032302755105, 5.773502691896258}}));
  CHECK(t.find("masked") == nullptr);  // no mask, no masked step
  expect_matrix("weights", t.step("weights").matrix,
                M({{0.13612579755693344, 0.4319371012215332, 0.4319371012215332},
                   {0.0008904473906323326, 0.9088426472149936, 0.09026690539437422},
                   {0.007444892377073955, 0.7547075806414644, 0.23784752698146158}}));
  expect_matrix("output", t.output(),
                M({{1.8638742024430663, 6.319371012215332, 1.7041886963354},
                   {1.999109552609368, 7.814123504867458, 0.2734720583550197},
                   {1.992555107622926, 7.479635591774633, 0.7358772580756066}}));
  CHECK(t.scale == doctest::Approx(1.0 / std::sqrt(3.0)).epsilon(1e-15));

  SUBCASE("the softmax details give each row's maximum and sum of exponentials") {
    REQUIRE(t.softmax.size() == 3);
    const double maxes[] = {2.3094010767585034, 9.237604307034013, 6.9282032302755105};
    const double sums[] = {2.3151518986722026, 1.100300478927066, 1.3250165039418964};
    for (int i = 0; i < 3; ++i) {
      CHECK(t.softmax[static_cast<std::size_t>(i)].max == doctest::Approx(maxes[i]).epsilon(1e-14));
      CHECK(t.softmax[static_cast<std::size_t>(i)].sum_exp ==
            doctest::Approx(sums[i]).epsilon(1e-14));
    }
  }
}

TEST_CASE("example 1b: biases are added to every row, and a given scale replaces 1/sqrt(d_k)") {
  Problem p = example1();
  p.bq = M({{1, 0, -1}});
  p.bk = M({{0, 1, 0}});
  p.bv = M({{0.5, 0, 0}});
  p.scale = 0.5;
  const Trace t = run(p);
  expect_matrix("scaled", t.step("scaled").matrix,
                M({{0.5, 4.0, 2.5}, {2.5, 11.0, 7.5}, {2.0, 8.5, 6.0}}));
  expect_matrix("weights", t.step("weights").matrix,
                M({{0.024093768286848397, 0.7978760262069925, 0.178030205506159},
                   {0.00019746525699869025, 0.9704960921388235, 0.029306442604177797},
                   {0.001387463302955296, 0.9228596071168097, 0.0757529295802351}}));
  expect_matrix("output", t.output(),
                M({{2.4759062317131515, 7.499376979266591, 0.6063719213790222},
                   {2.499802534743001, 7.940202323249652, 0.08851172358352946},
                   {2.498612536697045, 7.840169361021799, 0.2314211786495712}}));
}

TEST_CASE("example 2 (\"the cat sat\"): each mask kind gives the worked numbers") {
  const Matrix scaled = M({{1.414213562373095, 0.0, 0.7071067811865475},
                           {1.414213562373095, 0.7071067811865475, 1.414213562373095},
                           {0.0, 1.414213562373095, 1.414213562373095}});

  SUBCASE("no mask") {
    const Trace t = run(example2());
    expect_matrix("scores", t.step("scores").matrix, M({{2, 0, 1}, {2, 1, 2}, {0, 2, 2}}));
    expect_matrix("scaled", t.step("scaled").matrix, scaled);
    expect_matrix("weights", t.step("weights").matrix,
                  M({{0.575975345215362, 0.14002924504337802, 0.28399540974126003},
                     {0.4011120926797859, 0.1977758146404282, 0.4011120926797859},
                     {0.10838345178479356, 0.44580827410760315, 0.44580827410760315}}));
    expect_matrix("output", t.output(),
                  M({{0.859970754956622, 0.424024654784638},
                     {0.8022241853595719, 0.5988879073202141},
                     {0.5541917258923967, 0.8916165482152063}}));
  }
  SUBCASE("causal, top-left and bottom-right alike on a square problem") {
    for (MaskKind kind : {MaskKind::causal_top_left, MaskKind::causal_bottom_right}) {
      CAPTURE(mask_kind_name(kind));
      const Trace t = run(example2(kind));
      expect_matrix("scaled", t.step("scaled").matrix, scaled);
      expect_matrix("masked", t.step("masked").matrix,
                    M({{1.414213562373095, -INF, -INF},
                       {1.414213562373095, 0.7071067811865475, -INF},
                       {0.0, 1.414213562373095, 1.414213562373095}}));
      expect_matrix("weights", t.step("weights").matrix,
                    M({{1.0, 0.0, 0.0},
                       {0.6697615493266569, 0.3302384506733431, 0.0},
                       {0.10838345178479356, 0.44580827410760315, 0.44580827410760315}}));
      expect_matrix("output", t.output(),
                    M({{1.0, 0.0},
                       {0.6697615493266569, 0.3302384506733431},
                       {0.5541917258923967, 0.8916165482152063}}));
      // Masked weights are exactly zero, not merely tiny.
      CHECK(t.step("weights").matrix(0, 1) == 0.0);
      CHECK(t.step("weights").matrix(1, 2) == 0.0);
    }
  }
  SUBCASE("a keep mask") {
    Problem p = example2(MaskKind::keep);
    p.mask.matrix = M({{1, 0, 1}, {0, 1, 1}, {1, 1, 0}});
    const Trace t = run(p);
    expect_matrix("masked", t.step("masked").matrix,
                  M({{1.414213562373095, -INF, 0.7071067811865475},
                     {-INF, 0.7071067811865475, 1.414213562373095},
                     {0.0, 1.414213562373095, -INF}}));
    expect_matrix("weights", t.step("weights").matrix,
                  M({{0.6697615493266569, 0.0, 0.3302384506733431},
                     {0.0, 0.3302384506733431, 0.6697615493266569},
                     {0.19557031749304313, 0.8044296825069569, 0.0}}));
    expect_matrix("output", t.output(),
                  M({{1.0, 0.3302384506733431},
                     {0.6697615493266569, 1.0},
                     {0.19557031749304313, 0.8044296825069569}}));
  }
  SUBCASE("an additive mask is added to the scaled scores") {
    Problem p = example2(MaskKind::additive);
    p.mask.matrix = M({{0, -1, -1e9}, {0.5, 0, -2}, {0, 0, 0}});
    const Trace t = run(p);
    expect_matrix("masked", t.step("masked").matrix,
                  M({{1.414213562373095, -1.0, -999999999.2928932},
                     {1.914213562373095, 0.7071067811865475, -0.5857864376269051},
                     {0.0, 1.414213562373095, 1.414213562373095}}),
                  1e-6 /* -1e9 + 0.7 is exact only to about 1e-7 */);
    expect_matrix("weights", t.step("weights").matrix,
                  M({{0.9179047570696828, 0.08209524293031716, 0.0},
                     {0.7240362707672507, 0.2165312129431667, 0.05943251628958259},
                     {0.10838345178479356, 0.44580827410760315, 0.44580827410760315}}));
    expect_matrix("output", t.output(),
                  M({{0.9179047570696828, 0.08209524293031716},
                     {0.7834687870568333, 0.2759637292327493},
                     {0.5541917258923967, 0.8916165482152063}}));
  }
  SUBCASE("fewer queries than keys: bottom-right and top-left causal differ") {
    Problem p = example2(MaskKind::causal_bottom_right);
    p.q = M({{1, 1}, {0, 2}});
    const Trace br = run(p);
    expect_matrix("bottom-right masked", br.step("masked").matrix,
                  M({{1.414213562373095, 0.7071067811865475, -INF},
                     {0.0, 1.414213562373095, 1.414213562373095}}));
    expect_matrix("bottom-right weights", br.step("weights").matrix,
                  M({{0.6697615493266569, 0.3302384506733431, 0.0},
                     {0.10838345178479356, 0.44580827410760315, 0.44580827410760315}}));
    expect_matrix(
        "bottom-right output", br.output(),
        M({{0.6697615493266569, 0.3302384506733431}, {0.5541917258923967, 0.8916165482152063}}));
    // The queries are the last two tokens, so they are labelled "cat" and "sat".
    CHECK(br.query_labels == std::vector<std::string>{"cat", "sat"});

    p.mask.kind = MaskKind::causal_top_left;
    const Trace tl = run(p);
    expect_matrix("top-left masked", tl.step("masked").matrix,
                  M({{1.414213562373095, -INF, -INF}, {0.0, 1.414213562373095, -INF}}));
    expect_matrix("top-left weights", tl.step("weights").matrix,
                  M({{1.0, 0.0, 0.0}, {0.19557031749304313, 0.8044296825069569, 0.0}}));
    expect_matrix("top-left output", tl.output(),
                  M({{1.0, 0.0}, {0.19557031749304313, 0.8044296825069569}}));
  }
  SUBCASE("a given scale replaces the default") {
    Problem p = example2(MaskKind::causal_top_left);
    p.scale = 1.0;
    const Trace t = run(p);
    expect_matrix("weights", t.step("weights").matrix,
                  M({{1.0, 0.0, 0.0},
                     {0.7310585786300049, 0.26894142136999516, 0.0},
                     {0.06337893833303762, 0.4683105308334813, 0.4683105308334813}}));
    expect_matrix("output", t.output(),
                  M({{1.0, 0.0},
                     {0.7310585786300049, 0.26894142136999516},
                     {0.5316894691665189, 0.9366210616669626}}));
  }
}

TEST_CASE("example 3 (two heads, W_o, causal): each head, the concatenation and the output") {
  const Trace t = run(example3());
  REQUIRE(t.heads.size() == 2);
  // The default scale uses the head width 2, not d_model 4.
  CHECK(t.scale == doctest::Approx(1.0 / std::sqrt(2.0)).epsilon(1e-15));
  const Trace& h1 = t.heads[0];
  const Trace& h2 = t.heads[1];
  expect_matrix("head 1 scores", h1.step("scores").matrix, M({{1, 10, 6}, {2, 4, 4}, {2, 12, 8}}));
  expect_matrix("head 1 scaled", h1.step("scaled").matrix,
                M({{0.7071067811865475, 7.071067811865475, 4.242640687119285},
                   {1.414213562373095, 2.82842712474619, 2.82842712474619},
                   {1.414213562373095, 8.48528137423857, 5.65685424949238}}));
  expect_matrix("head 1 weights", h1.step("weights").matrix,
                M({{1.0, 0.0, 0.0},
                   {0.19557031749304313, 0.8044296825069569, 0.0},
                   {0.0008012846270011409, 0.9434362136326556, 0.05576250174034336}}));
  expect_matrix("head 1 output", h1.output(),
                M({{1.0, 0.0},
                   {1.804429682506957, 3.2177187300278276},
                   {1.999198715372999, 3.885269858011309}}));
  expect_matrix("head 2 scores", h2.step("scores").matrix, M({{1, 2, 2}, {10, 4, 12}, {6, 4, 8}}));
  expect_matrix("head 2 weights", h2.step("weights").matrix,
                M({{1.0, 0.0, 0.0},
                   {0.9858339641233116, 0.014166035876688406, 0.0},
                   {0.18669370094750284, 0.04538836291379466, 0.7679179361387025}}));
  expect_matrix("head 2 output", h2.output(),
                M({{1.0, 0.0},
                   {1.0141660358766884, 0.028332071753376813},
                   {1.8133062990524973, 0.8586946619662919}}));
  expect_matrix(
      "concat", t.step("concat").matrix,
      M({{1.0, 0.0, 1.0, 0.0},
         {1.804429682506957, 3.2177187300278276, 1.0141660358766884, 0.028332071753376813},
         {1.999198715372999, 3.885269858011309, 1.8133062990524973, 0.8586946619662919}}));
  expect_matrix("output", t.output(),
                M({{1.0, 0.0, 1.0, 1.0},
                   {1.8327617542603338, 3.2177187300278276, 4.231884765904516, 1.804429682506957},
                   {2.857893377339291, 3.885269858011309, 5.6985761570638065, 1.999198715372999}}));
  expect_matrix("mean weights", t.weights(),
                M({{1.0, 0.0, 0.0},
                   {0.5907021408081774, 0.40929785919182265, 0.0},
                   {0.09374749278725199, 0.49441228827322514, 0.41184021893952294}}));
  CHECK(trace_entry(t, "head2/weights", 2, 2) ==
        doctest::Approx(0.7679179361387025).epsilon(1e-14));
}

TEST_CASE("decoding examples 2 and 3 with a KV cache gives the causal rows, position by position") {
  SUBCASE("one head") {
    Options o;
    o.decode = Decode::kv_cache;
    const Trace t = run(example2(), o);  // no mask given: decoding implies causal
    CHECK(t.mask.kind == MaskKind::causal_top_left);
    REQUIRE(t.decode.size() == 3);
    const double want_w[3][3] = {{1.0, 0, 0},
                                 {0.6697615493266569, 0.3302384506733431, 0},
                                 {0.10838345178479356, 0.44580827410760315, 0.44580827410760315}};
    const double want_o[3][2] = {{1.0, 0.0},
                                 {0.6697615493266569, 0.3302384506733431},
                                 {0.5541917258923967, 0.8916165482152063}};
    for (int pos = 0; pos < 3; ++pos) {
      const auto& r = t.decode[static_cast<std::size_t>(pos)];
      CHECK(r.position == pos);
      CHECK(r.cache_length == pos + 1);
      REQUIRE(r.weights.size() == pos + 1);
      for (int j = 0; j <= pos; ++j)
        CHECK(r.weights(j) == doctest::Approx(want_w[pos][j]).epsilon(1e-14));
      for (int j = 0; j < 2; ++j)
        CHECK(r.output(j) == doctest::Approx(want_o[pos][j]).epsilon(1e-14));
      CHECK(r.weights_difference < 1e-15);
      CHECK(r.output_difference < 1e-15);
    }
  }
  SUBCASE("a prompt already in the cache: two new queries over three keys") {
    Problem p = example2(MaskKind::causal_bottom_right);
    p.q = M({{1, 1}, {0, 2}});
    Options o;
    o.decode = Decode::kv_cache;
    const Trace t = run(p, o);
    REQUIRE(t.decode.size() == 2);
    CHECK(t.decode[0].cache_length == 2);
    CHECK(t.decode[1].cache_length == 3);
    CHECK(t.decode[0].weights(0) == doctest::Approx(0.6697615493266569).epsilon(1e-14));
    CHECK(t.decode[1].output(1) == doctest::Approx(0.8916165482152063).epsilon(1e-14));
  }
  SUBCASE("two heads with W_o") {
    Options o;
    o.decode = Decode::kv_cache;
    const Trace t = run(example3(), o);
    REQUIRE(t.decode.size() == 3);
    const auto& last = t.decode[2];
    CHECK(last.cache_length == 3);
    CHECK(last.output(0) == doctest::Approx(2.857893377339291).epsilon(1e-14));
    CHECK(last.output(2) == doctest::Approx(5.6985761570638065).epsilon(1e-14));
    CHECK(last.weights(2) == doctest::Approx(0.41184021893952294).epsilon(1e-14));  // mean of heads
    REQUIRE(t.heads[1].decode.size() == 3);
    CHECK(t.heads[1].decode[2].weights(2) == doctest::Approx(0.7679179361387025).epsilon(1e-14));
    CHECK(t.heads[0].decode[1].output(1) == doctest::Approx(3.2177187300278276).epsilon(1e-14));
  }
}
