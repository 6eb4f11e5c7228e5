// `qkv review`: the study session of a spaced-repetition tool. The cards that are due come first,
// the most overdue first; then new questions in concept-map order, up to --new per day. Each
// answer is rated, scheduled by FSRS-6 and saved before the next question.
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "app/number_options.hpp"
#include "app/study_options.hpp"
#include "app/terminal_prompter.hpp"
#include "bank/concept_map.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"
#include "render/question_view.hpp"
#include "render/session_json.hpp"
#include "session/quiz_runner.hpp"
#include "session/recorder.hpp"
#include "session/review_plan.hpp"
#include "session/selection.hpp"
#include "session/session.hpp"
#include "term/line_input.hpp"
#include "term/line_reader.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

struct ReviewArgs {
  std::vector<std::string> concepts;  ///< --concept, repeatable
  std::optional<std::size_t> limit;   ///< --limit: at most this many questions
  std::size_t new_per_day = 20;       ///< --new N
  std::optional<std::uint64_t> seed;  ///< --seed: the layout of options
  bool json = false;                  ///< --json: the result as one JSON document on stdout
  BankOptions bank;
  StudyOptions study;
};

/// The questions the bank options and --concept allow, in pack order.
std::vector<const bank::Question*> candidates(const bank::Bank& bank, const ReviewArgs& args) {
  session::Selection sel;
  sel.concepts = args.concepts;
  sel.count = 0;
  sel.order = session::QuestionOrder::as_written;
  Rng unused(0);
  return session::select_questions(bank, sel, unused);
}

int run_review(const ReviewArgs& args, Context& ctx) {
  const bank::Bank bank = load_bank(args.bank);
  const auto clock = make_clock(args.study);
  const TimePoint start = clock->now();
  const auto offset = local_utc_offset(start);
  std::optional<store::Store> db = open_store_for_saving(ctx);

  const auto pool = candidates(bank, args);
  session::CardStates states;
  std::size_t new_today = 0;
  if (db) {
    for (const auto& p : bank.packs)
      for (auto& c : db->cards_of_pack(p.id)) states[c.key] = c.card;
    new_today = db->new_cards_since(session::day_start(session::day_number(start, offset), offset));
  }
  std::map<std::string, std::size_t> order;
  for (const auto& node : bank::concept_map(bank).nodes)
    order.emplace(node.definition.id, node.position);
  const session::ReviewPlan plan = session::plan_review(
      pool, states, order, start,
      session::ReviewPlanOptions{
          .new_per_day = args.new_per_day, .new_seen_today = new_today, .limit = args.limit});

  const std::string again = "qkv review" + bank_args_text(args.bank);
  auto pool_cards = [&] {
    std::vector<schedule::Card> cs;
    for (const auto* q : pool)
      if (auto it = states.find(session::key_of(*q)); it != states.end()) cs.push_back(it->second);
    return cs;
  };
  // With --json the session is shown on stderr and stdout holds only the result.
  const term::Style style = args.json ? ctx.err_style() : ctx.out_style();
  const std::size_t width = term::output_width(args.json ? 2 : 1);
  std::ostream& out = args.json ? std::cerr : std::cout;
  const std::uint64_t seed = args.seed ? *args.seed : fresh_seed();
  // {the quiz's keys (render::session_json), due, new, more_due}.
  auto print_json = [&](const session::QuizSession& s, session::SessionEnd end) {
    if (!args.json) return;
    nlohmann::json j = render::session_json(s, bank, seed, end);
    j["due"] = plan.due;
    j["new"] = plan.fresh;
    j["more_due"] = plan.due_total - plan.due;
    std::cout << json_text(j) << std::flush;
  };
  if (plan.questions.empty()) {
    std::string nothing = "Nothing to review";
    if (plan.new_left > 0)
      nothing += " (the " + std::to_string(args.new_per_day) + " new cards of today are done; " +
                 plural(plan.new_left, "new question waits", "new questions wait") + ")";
    out << wrap(nothing + ".", "", width)
        << wrap(next_review_text(session::next_due(pool_cards(), start, offset), start, again), "",
                width)
        << std::flush;
    Rng unused(seed);
    print_json(session::QuizSession({}, unused, *clock), session::SessionEnd::completed);
    return 0;
  }

  Rng rng(seed);
  Rng layout_rng = rng.fork();
  Rng fuzz_rng = rng.fork();
  out << wrap(style.bold("Review: " + plural(plan.due, "card due", "cards due") + ", " +
                         plural(plan.fresh, "new question", "new questions") + ".") +
                  (plan.due_total > plan.due ? " (" + std::to_string(plan.due_total - plan.due) +
                                                   " more due after this session.)"
                                             : std::string()),
              "", width)
      << wrap("Seed " + std::to_string(seed) +
                  ". Type help for what you can type; quit or the end of input (Ctrl-D) stops "
                  "early" +
                  (ctx.no_save ? "; --no-save: nothing is saved." : "; each answer is saved."),
              "", width);

  session::Recorder rec(db ? &*db : nullptr,
                        session::RecorderOptions{.mode = store::Mode::review,
                                                 .parameters = schedule_parameters(args.study),
                                                 .command = ctx.command_line,
                                                 .planned = plan.questions.size()},
                        fuzz_rng, start);
  session::QuizSession session(plan.questions, layout_rng, *clock);
  const auto reader = term::make_stdin_reader(out, args.json ? stderr : stdout);
  TerminalPrompter prompter(*reader, out, bank, style, width);
  const auto hook = recording_hook(rec, *clock, *reader, out, style, !args.study.no_rate, &states);
  const session::SessionEnd end = session::run_quiz(session, prompter, hook);
  const auto summary = session.summary();
  const TimePoint now = clock->now();
  rec.finish(now, summary.correct, summary.points);

  render::SummaryContext sc{end, bank_args_text(args.bank)};
  sc.saved = rec.saving() && rec.unsaved() == 0;
  out << render::render_summary(summary, bank, sc, style, width);
  if (const auto s = saved_text(rec, db, ctx); !s.empty()) out << wrap(s, "", width);
  out << wrap(next_review_text(session::next_due(pool_cards(), now, offset), now, again), "", width)
      << std::flush;
  print_json(session, end);
  return end == session::SessionEnd::interrupted ? static_cast<int>(Exit::interrupted) : 0;
}

}  // namespace

void setup_review(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* sub = &app;
  sub->add_option("--concept", args->concepts, "Only questions on this concept id (repeatable)");
  sub->add_option("--limit", args->limit, "At most this many questions in this session")
      ->check(whole_number(1, 1000000));
  sub->add_option("--new", args->new_per_day, "New questions per day (default 20; 0 = none)")
      ->check(whole_number(0, 1000000));
  sub->add_option("--seed", args->seed, "Seed for the layout of options and for FSRS's fuzz")
      ->check(seed_number());
  sub->add_flag("--json", args->json,
                "Print the result as one JSON document on stdout (the session goes to stderr)");
  add_bank_options(*sub, args->bank);
  add_now_option(*sub, args->study);
  add_schedule_options(*sub, args->study, true);
  sub->footer(
      "\nExamples:\n"
      "  qkv review                      today's reviews, then up to 20 new questions\n"
      "  qkv review --limit 10           a short session\n"
      "  qkv review --concept scaling    one concept\n"
      "  qkv review --new 0              only what is due\n"
      "  qkv review --no-rate            rate from the answers alone\n"
      "\nRatings (FSRS-6): wrong -> Again; right after a hint, or partly right -> Hard;\n"
      "right -> Good. After the feedback, e makes it Easy, h Hard, Enter keeps it.\n"
      "Progress lives in --db, $QKV_DB, $XDG_DATA_HOME/qkv/progress.db or\n"
      "~/.local/share/qkv/progress.db (the first that is set). See also: qkv stats.\n");
  sub->callback([args, &ctx]() { ctx.exit_code = run_review(*args, ctx); });
}

}  // namespace qkv::app
