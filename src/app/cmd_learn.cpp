// `qkv learn`: the concept map in study order, and one concept's note with what to learn before
// and after it, a worked example from the calculator, and how to practise it. The data comes
// from bank/concept_map.hpp; the worked examples from learn_examples.hpp.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "app/learn_examples.hpp"
#include "bank/concept_map.hpp"
#include "core/error.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "render/question_view.hpp"
#include "render/trace_json.hpp"
#include "render/trace_text.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

using bank::ConceptMap;
using bank::ConceptNode;
using ojson = nlohmann::ordered_json;

struct LearnArgs {
  std::string concept_id;  ///< CONCEPT, or empty for the whole map
  BankOptions bank;        ///< --pack / --builtin
  bool json = false;       ///< --json
};

// "the core bank", "pack mine", "packs core, mine".
std::string banks_text(const bank::Bank& b) {
  if (b.packs.size() == 1)
    return b.packs[0].id == "core" ? "the core bank" : "pack " + sanitize_line(b.packs[0].id);
  std::string ids;
  for (const auto& p : b.packs) ids += (ids.empty() ? "" : ", ") + sanitize_line(p.id);
  return "packs " + ids;
}

// A note or summary as a terminal shows it: its paragraphs wrapped, fenced blocks verbatim
// four spaces further in.
std::string wrap_paragraphs(const std::string& text, const std::string& indent, std::size_t width) {
  return wrap_block(sanitize_block(text), width, indent, indent, indent + "    ");
}

// The concept a learner named: an id, or its number in the study order. Unknown: a usage error
// with a suggestion and the list of ids.
const ConceptNode& find_concept(const ConceptMap& map, const std::string& name,
                                const bank::Bank& b) {
  if (const ConceptNode* n = map.find(name)) return *n;
  if (!name.empty() && name.size() <= 3 &&
      name.find_first_not_of("0123456789") == std::string::npos) {
    const std::size_t k = std::stoul(name);
    if (k >= 1 && k <= map.nodes.size()) return map.nodes[k - 1];
  }
  const std::vector<std::string> ids = map.ids();
  std::string message = "there is no concept '" + sanitize_line(name) + "' in " + banks_text(b);
  // A misspelling, or part of an id: "softmax", "rope", "cache".
  if (const std::string hint = did_you_mean(name, ids); !hint.empty()) message += "; " + hint;
  std::string all;
  for (const auto& id : ids) all += (all.empty() ? "" : ", ") + sanitize_line(id);
  message += "\nThe concepts, in study order:\n" + wrap(all, "  ", term::output_width(2)) +
             "'qkv learn' lists them with their summaries; 'qkv learn 8' picks one by number.";
  throw_usage(message);
}

std::string number_of(const ConceptNode& n) {
  return std::to_string(n.position + 1);
}

// "   7. dot-product-scores  Dot-product scores" for each id, the names aligned (and wrapped
// under themselves to `width`).
std::string reference_lines(const ConceptMap& map, const std::vector<std::string>& ids,
                            const term::Style& st, std::size_t width) {
  std::size_t id_w = 0;
  for (const auto& id : ids) id_w = std::max(id_w, display_width(sanitize_line(id)));
  std::string out;
  for (const auto& id : ids) {
    const ConceptNode* n = map.find(id);
    std::string num = n ? number_of(*n) + "." : "";
    num = std::string(num.size() < 3 ? 3 - num.size() : 0, ' ') + num;
    const std::string shown = sanitize_line(id);
    const std::string lead =
        "  " + num + " " + st.bold(shown) + std::string(id_w - display_width(shown) + 2, ' ');
    const std::string name = n ? sanitize_line(n->definition.name) : "";
    out +=
        name.empty() ? lead + "\n" : wrap(name, lead, std::string(display_width(lead), ' '), width);
  }
  return out;
}

// The bank options to repeat in the commands we suggest ("" for the built-in bank alone), so
// that `qkv quiz --concept X` works on the same packs. Paths are single-quoted when needed.
void print_map(const ConceptMap& map, const bank::Bank& b, const std::string& extra,
               const term::Style& st) {
  const std::size_t width = term::output_width(1);
  std::cout << st.bold("Concept map of " + banks_text(b) + ": " +
                       plural(map.nodes.size(), "concept", "concepts") + " in study order")
            << "\n"
            << st.dim("(each concept comes after the ones it needs)") << "\n";
  const std::size_t num_w = std::to_string(map.nodes.size()).size() + 1;
  const std::string indent(2 + num_w + 1, ' ');
  for (const auto& n : map.nodes) {
    std::string num = number_of(n) + ".";
    num = std::string(num_w - num.size(), ' ') + num;
    std::cout << "\n"
              << wrap(sanitize_line(n.definition.name) + " " +
                          st.dim("(" + plural(n.questions, "question", "questions") + ")"),
                      "  " + num + " " + st.bold(sanitize_line(n.id())) + "  ", indent, width);
    if (!n.definition.summary.empty())
      std::cout << wrap(sanitize_line(n.definition.summary), indent, width);
    std::string needs;
    for (const auto& p : n.prerequisites()) needs += (needs.empty() ? "" : ", ") + sanitize_line(p);
    std::cout << wrap(needs.empty() ? "needs: nothing, a starting point" : "needs: " + needs,
                      indent, width);
  }
  if (const ConceptNode* s = map.start()) {
    const std::string read = "qkv learn " + sanitize_line(s->id()) + extra;
    const std::string quiz = "qkv quiz --concept CONCEPT" + extra;
    std::vector<std::pair<std::string, std::string>> rows = {
        {read, "its note, and what to learn before and after it"}};
    if (map.nodes.size() > 1)
      rows.emplace_back("qkv learn 2" + extra, "the next concept, and so on down the list");
    rows.emplace_back(quiz, "practise one concept");
    std::cout << "\n"
              << wrap(st.bold("Where to start: " + sanitize_line(s->id())) + " (" +
                          sanitize_line(s->definition.name) + ")",
                      "", "  ", width)
              << render::command_table(rows, "  ", width);
  }
}

void print_concept(const ConceptNode& n, const ConceptMap& map, const std::string& extra,
                   const term::Style& st) {
  const std::size_t width = term::output_width(1);
  const auto& d = n.definition;
  std::cout << st.bold(sanitize_line(d.name)) << "\n"
            << st.dim(sanitize_line(d.id) + ": concept " + number_of(n) + " of " +
                      std::to_string(map.nodes.size()) + ", " +
                      plural(n.questions, "question", "questions"))
            << "\n";
  if (!d.summary.empty()) std::cout << "\n" << wrap_paragraphs(d.summary, "  ", width);
  if (!d.note.empty()) std::cout << "\n" << wrap_paragraphs(d.note, "", width);

  std::cout << "\n" << st.bold("Learn before") << "\n";
  if (n.prerequisites().empty()) std::cout << "  nothing: this is a starting point\n";
  std::cout << reference_lines(map, n.prerequisites(), st, width);
  std::cout << st.bold("Learn after") << "\n";
  if (n.followers.empty()) std::cout << "  nothing builds on it in this bank\n";
  std::cout << reference_lines(map, n.followers, st, width);

  const WorkedExample* w = worked_example_for(n.id());
  if (w) {
    std::cout << "\n"
              << st.bold("Worked example") << " (content/examples/" << w->example << ".json)\n"
              << wrap(w->lead, "", width) << "\n";
    render::RenderOptions ro;
    ro.style = st;
    ro.width = width;
    std::cout << render::render_text_steps(run_worked_example(*w), w->steps, w->decode, ro);
  }

  std::cout << "\n" << st.bold("Practise") << "\n";
  std::vector<std::pair<std::string, std::string>> rows = {
      {"qkv quiz --concept " + sanitize_line(d.id) + extra,
       plural(n.questions, "question", "questions") + " on this concept"}};
  if (w) rows.emplace_back(w->command, "the example in the calculator");
  std::cout << render::command_table(rows, "  ", width);
}

ojson node_json(const ConceptNode& n) {
  ojson j;
  j["id"] = n.id();
  j["position"] = n.position + 1;
  j["name"] = n.definition.name;
  j["summary"] = n.definition.summary;
  j["pack"] = n.pack_id;
  j["prerequisites"] = n.prerequisites();
  j["followers"] = n.followers;
  j["questions"] = n.questions;
  return j;
}

void print_map_json(const ConceptMap& map, const bank::Bank& b) {
  ojson j;
  ojson packs = ojson::array();
  for (const auto& p : b.packs) packs.push_back(p.id);
  j["packs"] = packs;
  j["start"] = map.start() ? ojson(map.start()->id()) : ojson(nullptr);
  j["order"] = map.ids();
  j["concepts"] = ojson::array();
  for (const auto& n : map.nodes) j["concepts"].push_back(node_json(n));
  std::cout << render::pretty_json(j);
}

void print_concept_json(const ConceptNode& n, const std::string& extra) {
  ojson j = node_json(n);
  j["note"] = n.definition.note;
  ojson practise = ojson::array();
  practise.push_back("qkv quiz --concept " + n.id() + extra);
  const WorkedExample* w = worked_example_for(n.id());
  if (w) practise.push_back(w->command);
  j["practise"] = practise;
  if (w) {
    const attention::Trace t = run_worked_example(*w);
    ojson ex = render::trace_to_json(t, w->steps.front());
    for (std::size_t i = 1; i < w->steps.size(); ++i) {
      const ojson more = render::trace_to_json(t, w->steps[i]);
      for (const auto& s : more["steps"]) ex["steps"].push_back(s);
    }
    ojson head;
    head["name"] = w->example;
    head["command"] = w->command;
    head["lead"] = w->lead;
    head["step_ids"] = w->steps;
    for (auto it = ex.begin(); it != ex.end(); ++it) head[it.key()] = it.value();
    if (w->decode == render::DecodeView::show) head["decode"] = render::trace_to_json(t)["decode"];
    j["example"] = head;
  } else {
    j["example"] = nullptr;
  }
  std::cout << render::pretty_json(j);
}

void run_learn(const LearnArgs& a, Context& ctx) {
  const bank::Bank b = load_bank(a.bank);
  const ConceptMap map = bank::concept_map(b);
  if (map.nodes.empty()) throw_data(banks_text(b) + " defines no concepts: nothing to learn");
  const term::Style st = ctx.out_style();
  const std::string extra = bank_args_text(a.bank);
  if (a.concept_id.empty()) {
    if (a.json)
      print_map_json(map, b);
    else
      print_map(map, b, extra, st);
  } else {
    const ConceptNode& n = find_concept(map, a.concept_id, b);
    if (a.json)
      print_concept_json(n, extra);
    else
      print_concept(n, map, extra, st);
  }
  std::cout.flush();
  ctx.exit_code = 0;
}

}  // namespace

void setup_learn(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<LearnArgs>();
  CLI::App* cmd = &app;
  cmd->add_option("CONCEPT", args->concept_id,
                  "A concept id, or its number in the study order; without it, the whole map")
      ->type_name("");
  add_bank_options(*cmd, args->bank);
  cmd->add_flag("--json", args->json,
                "JSON for scripts: the map (packs, start, order, concepts with prerequisites and "
                "followers), or one concept with its note and worked example (see man qkv)");
  cmd->footer(
      "\nWithout CONCEPT: every concept in study order (each after the concepts it needs),\n"
      "numbered, with its summary, its prerequisites and how many questions practise it, and\n"
      "where to start. With CONCEPT: its note, what to learn before and after it, a worked\n"
      "example from the calculator for the concepts with numbers in them, and the commands\n"
      "to practise it. Text is wrapped to the terminal's width; in a pipe, to $COLUMNS when it is\n"
      "set, else not at all.\n"
      "\nExamples:\n"
      "  qkv learn                        the concept map of the built-in bank, in study order\n"
      "  qkv learn qkv-overview           where to start: what Q, K and V are\n"
      "  qkv learn scaling                the note on 1/√d_k, with scaled scores worked out\n"
      "  qkv learn 11                     the 11th concept in study order\n"
      "  qkv learn --pack my-pack/        the concept map of an instructor's pack\n"
      "  qkv learn --json | jq -r '.order[]'\n"
      "                                   the study order, one id per line\n"
      "\nExit codes: 0 done; 2 usage (an unknown concept: the ids are listed); 65 a pack that\n"
      "does not validate; 66 a pack that cannot be read.");
  cmd->callback([&ctx, args] { run_learn(*args, ctx); });
}

}  // namespace qkv::app
