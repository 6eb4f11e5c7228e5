// `qkv quiz` (and `qkv` with no arguments): a study session on the terminal or from a pipe.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "app/number_options.hpp"
#include "app/study_options.hpp"
#include "app/terminal_prompter.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"
#include "render/question_view.hpp"
#include "render/session_json.hpp"
#include "session/quiz_runner.hpp"
#include "session/recorder.hpp"
#include "session/selection.hpp"
#include "session/session.hpp"
#include "term/line_input.hpp"
#include "term/line_reader.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

struct QuizArgs {
  std::size_t count = 10;               ///< -n; 0 = every matching question
  std::vector<std::string> concepts;    ///< --concept, repeatable
  std::string difficulty;               ///< --difficulty "1", "1-2", "2,3"; empty = all levels
  std::vector<std::string> types;       ///< --type, repeatable
  std::vector<std::string> ids;         ///< --id, repeatable
  std::optional<std::uint64_t> seed;    ///< --seed; a fresh one (printed) when absent
  bool in_order = false;                ///< --in-order: pack order, options as written
  bool json = false;                    ///< --json: the result as one JSON document on stdout
  bool list_concepts = false;           ///< --list-concepts: print the concepts and stop
  BankOptions bank;                     ///< --pack PATH (repeatable), --builtin
  CLI::Option* count_option = nullptr;  ///< -n, to tell whether it was given
  std::size_t count_given = 0;          ///< times -n was given
  bool missed = false;                  ///< --missed: the last saved session's misses
  StudyOptions study;                   ///< --now, --retention, --no-fuzz, --no-rate
};

/// How the session introduces itself.
enum class Intro { quiz, default_session };

std::string more_help(std::size_t width) {
  const std::vector<std::pair<const char*, const char*>> rows = {
      {"qkv quiz -n 20", "a longer session"},
      {"qkv quiz --concept ID", "one topic (qkv quiz --list-concepts lists them)"},
      {"qkv --help", "everything else"}};
  std::string out;
  for (const auto& [command, what] : rows)
    out += wrap(what, (out.empty() ? "For more:  " : "           ") + pad_right(command, 24),
                std::string(35, ' '), width);
  return out;
}

int run_quiz_command(const QuizArgs& args, Context& ctx, Intro intro) {
  const bank::Bank bank = load_bank(args.bank);
  if (args.list_concepts) {
    std::cout << sanitize_block(session::describe_concepts(bank)) << '\n';
    return 0;
  }
  session::Selection sel;
  sel.ids = args.ids;
  if (args.missed) refuse_no_save(ctx, "--missed needs the saved progress");
  std::optional<store::Store> db = open_store_for_saving(ctx);
  if (args.missed) {
    if (!args.ids.empty()) throw_usage("--missed chooses the questions itself; leave out --id");
    std::vector<std::string> ids;
    if (db)
      for (const auto& k : db->last_session_misses())
        if (bank.find_question(k.full_id())) ids.push_back(k.full_id());
    if (ids.empty()) {
      std::cout << "Nothing to try again: your last saved session missed nothing in these "
                   "packs.\n";
      return 0;
    }
    sel.ids = ids;
    if (args.count_given == 0) sel.count = 0;
  }
  sel.concepts = args.concepts;
  if (!args.difficulty.empty()) sel.difficulties = session::parse_difficulty(args.difficulty);
  sel.types = session::parse_types(args.types);
  if (!args.missed || args.count_given > 0) sel.count = args.count;
  sel.order = args.in_order ? session::QuestionOrder::as_written : session::QuestionOrder::shuffled;

  const std::uint64_t seed = args.seed ? *args.seed : fresh_seed();
  Rng rng(seed);
  Rng select_rng = rng.fork();
  const auto questions = session::select_questions(bank, sel, select_rng);

  std::ostream& human = args.json ? std::cerr : std::cout;
  const term::Style style = args.json ? ctx.err_style() : ctx.out_style();
  const std::size_t width = term::output_width(args.json ? 2 : 1);
  if (intro == Intro::default_session)
    human << style.bold(wrap("qkv: a short study session (" + std::to_string(questions.size()) +
                                 " questions from the built-in bank).",
                             "", width))
          << more_help(width);
  const auto clock_ptr = make_clock(args.study);
  const Clock& clock = *clock_ptr;
  Rng layout_rng = rng.fork();
  session::Recorder rec(db ? &*db : nullptr,
                        session::RecorderOptions{.mode = store::Mode::quiz,
                                                 .parameters = schedule_parameters(args.study),
                                                 .command = ctx.command_line,
                                                 .planned = questions.size()},
                        rng.fork(), clock.now());
  session::QuizSession session(
      questions, layout_rng, clock,
      session::SessionOptions{.option_order = args.in_order ? session::OptionOrder::as_written
                                                            : session::OptionOrder::shuffled});
  const bool any_hints = std::any_of(
      session.questions().begin(), session.questions().end(),
      [](const session::PresentedQuestion& pq) { return !session::hints_of(pq).empty(); });
  human << wrap("Seed " + std::to_string(seed) + " (replay this session with " +
                    (intro == Intro::default_session ? "qkv quiz -n 5 --seed " : "--seed ") +
                    std::to_string(seed) + ").",
                "", width)
        << wrap(plural(questions.size(), "question", "questions") + ". Type " +
                    (any_hints ? "? for a hint where there is one, " : "") +
                    "help for what you can type; quit or the end of input (Ctrl-D) stops early.",
                "", width);
  const auto reader = term::make_stdin_reader(human, args.json ? stderr : stdout);
  TerminalPrompter prompter(*reader, human, bank, style, width);
  // The e/h/Enter prompt is offered at a terminal only, so that scripted answers stay one line
  // each.
  const bool ask = rec.saving() && !args.study.no_rate && term::stdin_is_terminal();
  const session::SessionEnd end = session::run_quiz(
      session, prompter, recording_hook(rec, clock, *reader, human, style, ask, nullptr));
  const auto summary = session.summary();
  rec.finish(clock.now(), summary.correct, summary.points);

  render::SummaryContext sc{end, bank_args_text(args.bank)};
  sc.saved = rec.saving() && rec.unsaved() == 0;
  human << render::render_summary(summary, bank, sc, style, width);
  if (const auto saved = saved_text(rec, db, ctx); !saved.empty()) human << wrap(saved, "", width);
  if (db && rec.unsaved() == 0 && rec.saved() > 0) {
    human << wrap(next_review_line(*db, bank, clock.now(), args.bank), "", width);
  }
  if (intro == Intro::default_session) human << '\n' << more_help(width);
  human << std::flush;
  if (args.json) std::cout << json_text(render::session_json(session, bank, seed, end)) << std::flush;
  return end == session::SessionEnd::interrupted ? static_cast<int>(Exit::interrupted) : 0;
}

}  // namespace

void setup_quiz(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<QuizArgs>();
  CLI::App* sub = &app;
  args->count_option =
      sub->add_option("-n", args->count, "How many questions (default 10; 0 = every match)")
          ->check(whole_number(0, 1000000, "0 = every match"));
  sub->add_option("--concept", args->concepts,
                  "Only questions on this concept id (repeatable; see --list-concepts)");
  sub->add_option("--difficulty", args->difficulty,
                  "Only these levels, 1 (recall) to 3 (apply): 2, 1-2 or 2,3");
  sub->add_option("--type", args->types,
                  "Only this question type (repeatable): single, multi, true_false, matching, "
                  "ordering, short, numeric, calculated, matrix");
  sub->add_option("--id", args->ids,
                  "Only this question, as pack/id or id (repeatable; the summary suggests these)");
  sub->add_option(
         "--seed", args->seed,
         "Seed for the choice and order of questions and options (the seed used is always printed)")
      ->check(seed_number());
  sub->add_flag("--in-order", args->in_order,
                "Questions in pack order, options as written (ordering items stay shuffled)");
  sub->add_flag("--json", args->json,
                "Print the result as one JSON document on stdout (the session goes to stderr)");
  sub->add_flag("--list-concepts", args->list_concepts, "List the bank's concepts and stop");
  add_bank_options(*sub, args->bank);
  sub->add_flag("--missed", args->missed,
                "The questions missed in the last saved session (however many), then as usual");
  add_now_option(*sub, args->study);
  add_schedule_options(*sub, args->study, true);
  sub->footer(
      "\nExamples:\n"
      "  qkv quiz                                  10 questions from the built-in bank\n"
      "  qkv quiz -n 5 --concept query-role        5 questions on the query\n"
      "  qkv quiz --difficulty 1-2 --type single   easier single-choice questions only\n"
      "  qkv quiz --seed 42                        the same questions and layout as before\n"
      "  qkv quiz --pack my-pack/ --in-order       an instructor's pack, as written\n"
      "  printf 'b\\nt\\n' | qkv quiz -n 2 --seed 7 --json   scripted, with a JSON result\n"
      "\nAnswers: a letter or number (b) for single choice; a,c for multiple select; t or f;\n"
      "1b 2a 3c for matching; c a b d for ordering; text or a number otherwise. Commands:\n"
      "? or hint shows a hint where the question has one (it then counts as hinted); skip goes\n"
      "on without answering; quit (or q) ends with the summary; help says what to type. Invalid\n"
      "input is explained and asked again. At a terminal, the arrow keys edit the line, Up\n"
      "recalls earlier answers and Tab completes the commands. End of input (Ctrl-D) ends the\n"
      "session with its summary (exit 0); Ctrl-C prints the summary too and exits 130.\n"
      "Colour: --color auto|always|never; NO_COLOR turns it off.\n"
      "Scoring: multi, matching and ordering give partial credit (see man qkv, SCORING).\n"
      "Progress: every answer is saved (see qkv review, qkv stats; --no-save saves nothing).\n"
      "At a terminal, after the feedback e rates the answer Easy, h Hard, Enter keeps it.\n");
  sub->callback([args, &ctx]() {
    args->count_given = args->count_option->count();
    ctx.exit_code = run_quiz_command(*args, ctx, Intro::quiz);
  });
}

int run_default_session(Context& ctx) {
  QuizArgs args;
  args.count = 5;
  return run_quiz_command(args, ctx, Intro::default_session);
}

}  // namespace qkv::app
