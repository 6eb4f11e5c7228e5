// render_text_steps(): only the chosen steps, in the order asked, numbered from 1, and the
// decoding records only when asked for.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "attention/engine.hpp"
#include "core/numbers.hpp"
#include "core/text.hpp"
#include "render/trace_text.hpp"
#include "support/attention_test_util.hpp"

using attn_test::M;
using qkv::render::DecodeView;
using qkv::render::render_text_steps;
using qkv::render::RenderOptions;

namespace {

qkv::attention::Problem causal_problem() {
  qkv::attention::Problem p;
  p.q = M({{1, 0}, {1, 1}, {0, 2}});
  p.k = M({{2, 0}, {0, 1}, {1, 1}});
  p.v = M({{1, 0}, {0, 1}, {1, 1}});
  p.mask.kind = qkv::attention::MaskKind::causal_top_left;
  return p;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("render_text_steps shows only the chosen steps, numbered in the order given") {
  const auto t = qkv::attention::run(causal_problem());
  const std::string out =
      render_text_steps(t, {"scaled", "scores", "no-such-step"}, DecodeView::hide, RenderOptions{});
  CHECK(has(out, "Attention, step by step"));
  const auto scaled = out.find("1. Scaled scores  [scaled]");
  const auto scores = out.find("2. Scores  [scores]");
  REQUIRE(scaled != std::string::npos);
  REQUIRE(scores != std::string::npos);
  CHECK(scaled < scores);
  CHECK_FALSE(has(out, "[weights]"));
  CHECK_FALSE(has(out, "[masked]"));
  CHECK_FALSE(has(out, "3. "));
  // 2/√2 = 1.4142: the scaled score of query 1 on key 1, as the reference computes it.
  const auto ref = naive::attention(attn_test::to_naive(causal_problem()));
  CHECK(has(out, qkv::format_number(static_cast<double>(ref.heads[0].scaled[0][0]), 4)));
}

TEST_CASE("render_text_steps adds the decoding records only with DecodeView::show") {
  qkv::attention::Options o;
  o.decode = qkv::attention::Decode::kv_cache;
  const auto t = qkv::attention::run(causal_problem(), o);
  CHECK_FALSE(has(render_text_steps(t, {"weights"}, DecodeView::hide, {}), "KV-cache decoding"));
  const std::string shown = render_text_steps(t, {"weights"}, DecodeView::show, {});
  CHECK(has(shown, "[weights]"));
  CHECK(has(shown, "KV-cache decoding"));
  CHECK(has(shown, "position 3"));
}

TEST_CASE("the text renderer wraps explanations at RenderOptions::width") {
  // Every line of this small example fits in 40 columns once the prose is wrapped; at the
  // default width the explanation runs longer.
  const auto t = qkv::attention::run(causal_problem());
  auto widest = [&](const RenderOptions& o) {
    std::istringstream lines(render_text_steps(t, {"scores"}, DecodeView::hide, o));
    std::size_t w = 0;
    for (std::string line; std::getline(lines, line);) w = std::max(w, qkv::display_width(line));
    return w;
  };
  RenderOptions narrow;
  narrow.width = 40;
  CHECK(widest(narrow) <= 40);
  CHECK(widest(RenderOptions{}) > 40);
}
