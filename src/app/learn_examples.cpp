#include "app/learn_examples.hpp"

#include <nlohmann/json.hpp>

#include "attention/engine.hpp"
#include "attention/problem_json.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "json/document.hpp"

namespace qkv::app {

const std::vector<WorkedExample>& worked_examples() {
  static const std::vector<WorkedExample> all = {
      {"qkv-projections",
       "tiny",
       {"q", "k", "v"},
       render::DecodeView::hide,
       "The same three tokens X are multiplied by three different matrices: each row of Q, K "
       "and V comes from the matching row of X only.",
       "qkv calc --example tiny"},
      {"dot-product-scores",
       "tiny",
       {"scores"},
       render::DecodeView::hide,
       "One score per query-key pair: row i holds query i's dot product with every key.",
       "qkv calc --example tiny --step scores"},
      {"scaling",
       "tiny",
       {"scores", "scaled"},
       render::DecodeView::hide,
       "The raw scores, then the same scores times 1/√d_k: the order within each row stays, "
       "the spread shrinks.",
       "qkv calc --example tiny --step scaled"},
      {"softmax-weights",
       "tiny",
       {"scaled", "weights"},
       render::DecodeView::hide,
       "The scaled scores, then the softmax of each row: every row of weights sums to 1.",
       "qkv calc --example tiny --step weights"},
      {"weighted-sum",
       "tiny",
       {"weights", "output"},
       render::DecodeView::hide,
       "The weights, then the output: each output row is that row's weights times the rows of V.",
       "qkv calc --example tiny --step output"},
      {"causal-masking",
       "causal",
       {"scaled", "masked", "weights"},
       render::DecodeView::hide,
       "Scores above the diagonal (the future) become −∞ before the softmax, so they get weight "
       "exactly 0.",
       "qkv calc --example causal --step masked"},
      {"multi-head",
       "multihead",
       {"head1/output", "head2/output", "concat", "output"},
       render::DecodeView::hide,
       "Each head attends with its own slice of Q, K and V and gives its own output; the "
       "outputs are put side by side (concat) and multiplied by W_o.",
       "qkv calc --example multihead"},
      {"kv-cache",
       "causal",
       {"weights"},
       render::DecodeView::show,
       "Full causal attention, then the same result one token at a time: each step appends one "
       "key and one value to the cache and only the new query attends.",
       "qkv calc --example causal --decode"},
  };
  return all;
}

const WorkedExample* worked_example_for(std::string_view concept_id) {
  for (const auto& w : worked_examples())
    if (w.concept_id == concept_id) return &w;
  return nullptr;
}

attention::Trace run_worked_example(const WorkedExample& w) {
  const auto path = content_dir() / "examples" / (w.example + ".json");
  // Read as calc --input reads a file: strictly, every problem with its line and column.
  const LocatedDocument d = read_document(read_text_file(path), path.string(), "a problem");
  attention::Problem p;
  try {
    p = attention::problem_from_json(d.document, path.string());
  } catch (const Error& e) {
    throw Error(e.code(), located(e.diagnostics(), d.index, path.string()));
  }
  attention::Options o;
  if (w.decode == render::DecodeView::show) o.decode = attention::Decode::kv_cache;
  return attention::run(p, o);
}

}  // namespace qkv::app
