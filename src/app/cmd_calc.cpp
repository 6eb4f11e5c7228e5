// `qkv calc`: works an attention example step by step (engine: src/attention; printing:
// trace_text.hpp, trace_markdown.hpp, trace_json.hpp).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>
#include <sstream>

#include "app/commands.hpp"
#include "app/json_option.hpp"
#include "app/number_options.hpp"
#include "attention/engine.hpp"
#include "attention/problem_json.hpp"
#include "attention/random_problem.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/suggest.hpp"
#include "core/memory.hpp"
#include "core/numbers.hpp"
#include "core/rng.hpp"
#include "core/text.hpp"
#include "json/document.hpp"
#include "json/writer.hpp"
#include "render/step_select.hpp"
#include "render/trace_json.hpp"
#include "render/trace_markdown.hpp"
#include "render/trace_text.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

namespace fs = std::filesystem;
using attention::MaskKind;
using attention::MaskSpec;
using attention::Problem;
using nlohmann::json;

struct CalcArgs {
  // Matrices in the inline syntax; empty = not given.
  std::string x, wq, wk, wv, wo, q, k, v, bq, bk, bv, mask, additive_mask, scale, tokens;
  int heads = 0;  // 0 = not given
  std::string input, example, random, save_input, step;
  std::string format = "text";
  bool json = false;                        ///< --json: --format json
  CLI::Option* format_option = nullptr;     ///< --format, to tell whether it was given
  int precision = 4;
  bool list_examples = false;
  bool explain = false;
  bool decode = false;
  std::uint64_t seed = 0;
  CLI::Option* seed_option = nullptr;
};

fs::path examples_dir() {
  return content_dir() / "examples";
}

// Name -> description of every built-in example, sorted by name.
std::vector<std::pair<std::string, std::string>> list_examples() {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(examples_dir(), ec)) {
    if (e.path().extension() != ".json") continue;
    std::string description;
    try {
      const auto d = read_document(read_text_file(e.path()), e.path().string(), "a problem");
      const json& j = d.document;
      if (j.is_object() && j.contains("description") && j["description"].is_string())
        description = j["description"].get<std::string>();
    } catch (const Error&) {
      description = "(this file is not valid JSON)";
    }
    out.emplace_back(e.path().stem().string(), description);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A problem file read strictly (a key given twice, 1e309: errors with line and column), and its
// index, which places the problems found later (validate()) too.
struct LoadedFile {
  Problem problem;
  JsonIndex index;
};

LoadedFile load_file(const fs::path& path) {
  LocatedDocument d = read_document(read_text_file(path), path.string(), "a problem");
  try {
    return {
        attention::problem_from_json(d.document, path.string(), attention::Validation::syntax_only),
        std::move(d.index)};
  } catch (const Error& e) {
    throw Error(e.code(), located(e.diagnostics(), d.index, path.string()));
  }
}

LoadedFile load_example(const std::string& name) {
  const fs::path path = examples_dir() / (name + ".json");
  std::error_code ec;
  if (name.find('/') != std::string::npos || !fs::is_regular_file(path, ec)) {
    std::vector<std::string> names;
    for (const auto& [n, d] : list_examples()) names.push_back(n);
    const std::string hint = did_you_mean(name, names);
    throw_usage("--example: there is no example '" + sanitize_line(name) + "'" +
                (hint.empty() ? "" : "; " + hint) + "; the examples are: " + join(names, ", ") +
                " (see qkv calc --list-examples)");
  }
  return load_file(path);
}

// "128x64" -> {128, 64}.
std::pair<int, int> parse_size(const std::string& s) {
  const auto x = s.find_first_of("xX×");
  auto bad = [&]() -> std::pair<int, int> {
    throw_usage("--random takes NxD, the number of tokens and the width, such as 8x4 (N up to " +
                std::to_string(attention::kMaxTokens) + ", D up to " +
                std::to_string(attention::kMaxWidth) + "), not '" + sanitize_line(s) + "'");
  };
  if (x == std::string::npos) return bad();
  const std::size_t skip = s.compare(x, 2, "×") == 0 ? 2 : 1;
  try {
    std::size_t used1 = 0, used2 = 0;
    const int n = std::stoi(s.substr(0, x), &used1);
    const std::string rest = s.substr(x + skip);
    const int d = std::stoi(rest, &used2);
    if (used1 != x || used2 != rest.size() || n < 1 || d < 1 || n > attention::kMaxTokens ||
        d > attention::kMaxWidth)
      return bad();
    return {n, d};
  } catch (const std::exception&) {
    return bad();
  }
}

std::vector<std::string> split_words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The problem from the base source (--input, --example, --random) with the inline options on top.
Problem build_problem(const CalcArgs& a, std::optional<std::uint64_t>& seed_used) {
  const int sources = !a.input.empty() + !a.example.empty() + !a.random.empty();
  if (sources > 1) throw_usage("give at most one of --input, --example and --random");
  Problem p;
  std::optional<JsonIndex> index;  // of the file the problem came from, if any
  if (!a.input.empty() || !a.example.empty()) {
    LoadedFile f = !a.input.empty() ? load_file(a.input) : load_example(a.example);
    p = std::move(f.problem);
    index.emplace(std::move(f.index));
  } else if (!a.random.empty()) {
    const auto [n, d] = parse_size(a.random);
    const int heads = a.heads > 0 ? a.heads : 1;
    if (d % heads != 0)
      throw_usage("--random " + a.random + " with --heads " + std::to_string(heads) + ": " +
                  std::to_string(heads) + " heads do not divide the width " + std::to_string(d));
    seed_used = a.seed_option->count() > 0 ? a.seed : fresh_seed();
    Rng rng(*seed_used);
    p = attention::random_problem(rng, n, d, heads);
  }
  auto overlay = [](std::optional<Matrix>& field, const std::string& text, const char* flag) {
    if (!text.empty()) field = parse_matrix(text, flag);
  };
  overlay(p.x, a.x, "--x");
  overlay(p.wq, a.wq, "--wq");
  overlay(p.wk, a.wk, "--wk");
  overlay(p.wv, a.wv, "--wv");
  overlay(p.wo, a.wo, "--wo");
  overlay(p.q, a.q, "--q");
  overlay(p.k, a.k, "--k");
  overlay(p.v, a.v, "--v");
  overlay(p.bq, a.bq, "--bq");
  overlay(p.bk, a.bk, "--bk");
  overlay(p.bv, a.bv, "--bv");
  if (!a.mask.empty() && !a.additive_mask.empty())
    throw_usage("give either --mask or --additive-mask, not both");
  if (!a.mask.empty()) p.mask = attention::parse_mask(a.mask, "--mask");
  if (!a.additive_mask.empty())
    p.mask = MaskSpec{MaskKind::additive,
                      parse_matrix(a.additive_mask, "--additive-mask", NonFinite::allow_infinity)};
  if (!a.scale.empty()) {
    std::string why;
    auto s = parse_scalar(a.scale, &why);
    if (!s) throw_data("--scale: " + why);
    p.scale = *s;
  }
  if (a.heads > 0) p.heads = a.heads;
  if (!a.tokens.empty()) p.tokens = split_words(a.tokens);
  if (sources == 0 && !p.x && !p.q && !p.k && !p.v && !p.wq)
    throw_usage(
        "nothing to compute: give matrices (--x with --wq --wk --wv, or --q --k --v), "
        "--input FILE, --example NAME or --random NxD; try: qkv calc --example tiny");
  // Diagnostics name the file the problem came from (with the JSON key), if any.
  const std::string source = !a.input.empty() ? a.input
                             : !a.example.empty()
                                 ? (examples_dir() / (a.example + ".json")).string()
                                 : std::string();
  try {
    attention::check(p, source);
  } catch (const Error& e) {
    if (!index) throw;
    throw Error(e.code(), located(e.diagnostics(), *index, source));
  }
  return p;
}

// "this problem (20000 queries × 20000 keys, 1 head)".
std::string describe_size(const Problem& p) {
  const auto s = attention::shapes_of(p);
  auto count = [](auto n, const char* one, const char* many) {
    return plural(static_cast<std::size_t>(n), one, many);
  };
  return "this problem (" + count(s.n, "query", "queries") + " × " + count(s.m, "key", "keys") +
         ", " + count(p.heads, "head", "heads") + ")";
}

// The engine's memory and the printed output's: JSON holds each number as a value (16 bytes)
// and then as text; text and markdown hold each cell as a string.
std::size_t memory_for(const Problem& p, const attention::Options& o, const CalcArgs& a) {
  const auto s = attention::shapes_of(p);
  const double nm = static_cast<double>(s.n) * static_cast<double>(s.m);
  const bool masked = p.mask.kind != MaskKind::none || a.decode;
  const double shown_nm = a.format == "summary" ? 0.0
                          : a.step.empty()
                              ? static_cast<double>(p.heads) * (masked ? 4.0 : 3.0) + 1.0
                              : 1.0;
  const double per_entry = a.format == "json" ? 64.0 : 48.0;
  const double bytes =
      static_cast<double>(attention::memory_needed(p, o)) + shown_nm * nm * per_entry;
  return bytes >= 1.8e19 ? std::numeric_limits<std::size_t>::max()
                         : static_cast<std::size_t>(bytes);
}

// --save-input: the problem in --input's format, through the one JSON writer and the one way
// of writing a file. A token label that is not UTF-8 is saved as U+FFFD, as every JSON document
// qkv writes has it (the numbers, which are what --input reads back, are exact).
void save_problem(const Problem& p, const std::string& path) {
  write_file_atomically(path, json_text(attention::problem_to_json(p)));
}

void run_calc(const CalcArgs& a, Context& ctx) {
  if (a.list_examples) {
    std::cout << "Built-in examples (qkv calc --example NAME):\n";
    std::size_t w = 0;
    const auto all = list_examples();
    for (const auto& e : all) w = std::max(w, e.first.size());
    for (const auto& [name, description] : all)
      std::cout << "  " << name << std::string(w - name.size() + 2, ' ')
                << sanitize_line(description) << "\n";
    return;
  }
  if (!a.save_input.empty()) check_writable_path(a.save_input, "--save-input");
  std::optional<std::uint64_t> seed;
  const Problem p = build_problem(a, seed);
  attention::Options options;
  if (a.decode) options.decode = attention::Decode::kv_cache;
  require_memory(memory_for(p, options, a), describe_size(p),
                 "use fewer tokens or heads, or show less (--format summary, --step ID)");
  const attention::Trace t = attention::run(p, options);

  if (!a.step.empty() && render::select_steps(t, a.step).empty()) {
    std::string ids;
    for (const auto& id : t.step_ids()) ids += (ids.empty() ? "" : ", ") + id;
    throw_usage("--step: this computation has no step '" + sanitize_line(a.step) +
                "'; its steps are: " + ids);
  }
  if (!a.save_input.empty()) save_problem(p, a.save_input);

  render::RenderOptions ro;
  ro.precision = a.precision;
  ro.explain = a.explain ? render::Explain::with_why : render::Explain::short_only;
  ro.step = a.step;
  ro.style = ctx.out_style();
  ro.width = term::output_width(1);
  if (a.format == "json") {
    nlohmann::ordered_json j = render::trace_to_json(t, a.step);
    if (seed) j["seed"] = *seed;
    std::cout << json_text(j);
  } else {
    if (seed)
      std::cerr << wrap("qkv calc: random " + a.random + " example from seed " +
                            std::to_string(*seed) + " (repeat it with --seed " +
                            std::to_string(*seed) + ")",
                        "", "  ", term::output_width(2));
    if (a.format == "markdown")
      std::cout << render::render_markdown(t, ro);
    else if (a.format == "summary")
      std::cout << render::render_summary(t, ro);
    else
      std::cout << render::render_text(t, ro);
  }
  std::cout.flush();
  ctx.exit_code = 0;
}

}  // namespace

void setup_calc(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CalcArgs>();
  CLI::App* cmd = &app;
  cmd->footer(
      "\nEach step comes with its formula, the shapes, the matrix and what it means for the\n"
      "tokens; several heads, W_o and KV-cache decoding are covered too.\n"
      "\nMatrices: rows separated by ';', entries by spaces or commas (\"1 0 1; 0 2 0\"), or JSON\n"
      "[[1,0,1],[0,2,0]]; entries may be fractions such as 1/3. Tokens are rows: X is n×d_model,\n"
      "W_q and W_k are d_model×d_k, W_v is d_model×d_v. Masks follow PyTorch: 1 = may attend.\n"
      "\nExamples:\n"
      "  qkv calc --example tiny                      a worked 3-token example\n"
      "  qkv calc --example causal --explain          causal mask, and why each step is done\n"
      "  qkv calc --example multihead --step head2/weights\n"
      "  qkv calc --example causal --decode           token by token with a KV cache\n"
      "  qkv calc --q \"1 0; 1 1; 0 2\" --k \"2 0; 0 1; 1 1\" --v \"1 0; 0 1; 1 1\" \\\n"
      "           --mask causal --tokens \"the cat sat\"\n"
      "  qkv calc --x \"1 0 1 0; 0 2 0 2\" --wq \"1 0; 0 1; 1 0; 0 1\" --wk \"0 1; 1 0; 0 1; 1 0\" "
      "\\\n"
      "           --wv \"1 2; 0 1; 1 0; 2 1\" --scale 1/2\n"
      "  qkv calc --random 6x4 --seed 7 --format markdown > attention.md\n"
      "  qkv calc --random 1024x64 --format summary\n"
      "  qkv calc --input problem.json --format json\n"
      "\n--input FILE: a JSON object whose keys are the option names without dashes (x, wq, wk,\n"
      "wv, wo, q, k, v, bq, bk, bv, mask, additive_mask, scale, heads, tokens); each matrix is an\n"
      "array of rows or a string in the syntax above. Options given as well override the file.\n"
      "\nLimits, for every way a problem comes in: at most 8192 tokens (queries or keys), widths\n"
      "and heads up to 4096. Before computing, qkv estimates the memory the problem and its\n"
      "output need and refuses (exit 65, with the estimate) what the machine cannot hold.\n"
      "\nNumbers that are not finite: an additive mask may hold -inf (the key is hidden, as in\n"
      "PyTorch's float masks); in JSON output a masked score is the string \"-inf\". A step that\n"
      "overflows (1e200 · 1e200) is refused with exit 65 naming the step and the entry.\n"
      "\nExit codes: 0 done; 2 usage error; 65 invalid input (shapes that do not fit, a mask that\n"
      "hides every key from a query, an overflow, a problem too large for the memory available,\n"
      "...): the message says what and where; 66 an --input file that cannot be read.");

  cmd->add_option("--x", args->x, "Token vectors X (n×d_model), one row per token");
  cmd->add_option("--wq", args->wq, "Query weights W_q (d_model×d_k)");
  cmd->add_option("--wk", args->wk, "Key weights W_k (d_model×d_k)");
  cmd->add_option("--wv", args->wv, "Value weights W_v (d_model×d_v)");
  cmd->add_option("--bq", args->bq, "Query bias b_q (one row of d_k), optional");
  cmd->add_option("--bk", args->bk, "Key bias b_k (one row of d_k), optional");
  cmd->add_option("--bv", args->bv, "Value bias b_v (one row of d_v), optional");
  cmd->add_option("--q", args->q, "Queries Q (n×d_k), instead of X and W_q");
  cmd->add_option("--k", args->k, "Keys K (m×d_k), instead of X and W_k");
  cmd->add_option("--v", args->v, "Values V (m×d_v), instead of X and W_v");
  cmd->add_option("--wo", args->wo, "Output projection W_o (d_v×d_out), applied after the heads");
  cmd->add_option("--mask", args->mask,
                  "causal (top-left, as PyTorch's is_causal), causal-bottom-right, or a keep\n"
                  "matrix of 1 (may attend) and 0 (masked), n×m")
      // A word that names no mask is a usage error (exit 2); a bad matrix is bad data (65).
      ->check(CLI::Validator(
          [](std::string& text) { return attention::mask_word_problem(text); }, "MASK"));
  cmd->add_option("--additive-mask", args->additive_mask,
                  "A matrix (n×m) added to the scaled scores, e.g. \"0 -inf; 0 0\" (-inf hides "
                  "the key)");
  cmd->add_option("--scale", args->scale,
                  "Score multiplier (default 1/√d_k of one head), e.g. 1/2");
  cmd->add_option("--heads", args->heads,
                  "Number of heads: the columns of Q, K, V are split evenly")
      ->check(whole_number(1, 4096));
  cmd->add_option("--tokens", args->tokens,
                  "Labels for the tokens, separated by spaces: \"the cat sat\"");
  cmd->add_option("--input", args->input, "Read the problem from a JSON file (see below)");
  cmd->add_option("--example", args->example, "A built-in example by name (see --list-examples)");
  cmd->add_flag("--list-examples", args->list_examples, "List the built-in examples");
  cmd->add_option("--random", args->random,
                  "A random problem of N tokens and width D, e.g. 8x4 (N up to 8192, D up to "
                  "4096)");
  args->seed_option =
      cmd->add_option("--seed", args->seed, "Seed for --random (printed when not given)")
          ->check(seed_number());
  args->format_option =
      cmd->add_option("--format", args->format,
                      "text (default), markdown, json (full precision) or summary")
          ->check(CLI::IsMember({"text", "markdown", "json", "summary"}));
  add_json_alias(*cmd, args->json);
  cmd->add_option("--precision", args->precision, "Decimals shown in text and markdown (default 4)")
      ->check(whole_number(0, 15));
  cmd->add_option("--step", args->step,
                  "Show one step only: q, k, v, scores, scaled, masked, weights, output, concat,\n"
                  "or a head's step such as head2/weights");
  cmd->add_flag("--explain", args->explain,
                "Add why each step is done (√d_k, the maximum, masking)");
  cmd->add_flag(
      "--decode", args->decode,
      "Also decode token by token with a KV cache and compare with full causal attention");
  cmd->add_option("--save-input", args->save_input,
                  "Write the problem (e.g. a --random one) to FILE in the --input format");
  cmd->callback([args, &ctx]() {
    finish_json_alias(args->json, args->format_option, args->format);
    run_calc(*args, ctx);
  });
}

}  // namespace qkv::app
