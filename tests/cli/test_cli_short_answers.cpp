// Short answers to the built-in bank's questions, typed as a learner types them: the common
// correct variants are accepted (issue 14: "out_proj", "lm_head", "linear layer"), close
// misspellings are told so, and answers that name something else stay wrong.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "helpers.hpp"

using qkv_test::contains;
using qkv_test::run_qkv;

namespace {

struct Typed {
  const char* id;      ///< a short-answer question of the core pack
  const char* answer;  ///< what the learner types
};

qkv_test::RunResult answer(const Typed& t) {
  return run_qkv({"quiz", "--id", std::string("core/") + t.id, "--no-save", "--seed", "1"},
                 qkv_test::with_input(std::string(t.answer) + "\n"));
}

}  // namespace

TEST_CASE("the core bank accepts the common correct forms of its short answers") {
  const std::vector<Typed> right = {
      {"multi-head-13", "out_proj"},         {"multi-head-13", "W_o"},
      {"multi-head-13", "output projection."}, {"multi-head-13", "c_proj"},
      {"query-role-05", "lm_head"},          {"query-role-05", "LM head"},
      {"query-role-05", "linear layer"},     {"query-role-05", "language-model head"},
      {"query-role-05", "output embedding"}, {"softmax-weights-11", "\"Softmax\""},
      {"scaling-12", "softmax."},            {"attention-cost-11", "O(n^2)"},
      {"attention-cost-11", "n x n"},        {"causal-masking-13", "float(\"-inf\")"},
      {"layer-cost-17", "prefill stage"},    {"self-vs-cross-12", "cross attn"},
      {"weighted-sum-10", "the value vectors"}, {"positions-rope-10", "Rotary."},
  };
  for (const auto& t : right) {
    CAPTURE(t.id);
    CAPTURE(t.answer);
    const auto r = answer(t);
    CAPTURE(r.out);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "Right."));
  }
}

TEST_CASE("answers that name something else stay wrong; a slip is told to check the spelling") {
  const std::vector<Typed> wrong = {
      {"multi-head-13", "output layer"},        // the LM head, not W_o
      {"query-role-05", "output projection"},  // W_o, not the LM head
      {"causal-masking-13", "-1e9"},           // a stand-in some code uses, not the value
      {"causal-masking-13", "0"},
      {"positions-rope-10", "rotation"},
      {"weighted-sum-10", "K"},
      {"softmax-weights-11", "sigmoid"},
  };
  for (const auto& t : wrong) {
    CAPTURE(t.id);
    CAPTURE(t.answer);
    const auto r = answer(t);
    CAPTURE(r.out);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "Wrong."));
    CHECK_FALSE(contains(r.out, "check the spelling"));
  }
  const auto slip = answer({"softmax-weights-11", "sotfmax"});
  CHECK(contains(slip.out, "Wrong. Close: check the spelling."));
  const auto letter = answer({"weighted-sum-10", "W"});  // one letter from V: another matrix
  CHECK(contains(letter.out, "Wrong."));
  CHECK_FALSE(contains(letter.out, "check the spelling"));
}
