// `qkv drill`: generated exercises, answered one part at a time, graded with a tolerance for
// hand work, then the worked steps and, for a wrong answer, the mistake behind it. Also prints
// exercises as a Markdown worksheet, an answer key, or JSON. Core: src/practice.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "app/commands.hpp"
#include "app/number_options.hpp"
#include "app/study_options.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"
#include "practice/attempt.hpp"
#include "practice/generate.hpp"
#include "render/exercise_json.hpp"
#include "render/exercise_sheet.hpp"
#include "render/question_view.hpp"
#include "render/render_exercise.hpp"
#include "render/trace_json.hpp"
#include "session/quiz_runner.hpp"
#include "session/recorder.hpp"
#include "term/line_input.hpp"
#include "term/line_reader.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

struct DrillArgs {
  std::string kind;                   ///< --kind; empty = a mix of every kind
  int level = 1;                      ///< --level 1..3
  int count = 3;                      ///< -n
  std::optional<std::uint64_t> seed;  ///< --seed; a fresh one (printed) when absent
  bool hint = false;                  ///< --hint: '?' shows the next step's formula
  bool json = false;                  ///< --json: the drill's result as JSON on stdout
  std::string worksheet;              ///< --worksheet markdown|json: the exercises, no drill
  bool answer_key = false;            ///< --answer-key
  std::string format = "text";        ///< --format text|json: the old spelling of --worksheet json
  bool list_kinds = false;            ///< --list-kinds
  StudyOptions study;                 ///< --now, --retention, --no-fuzz
};

using End = session::SessionEnd;

// What a drill's attempts add up to.
struct Tally {
  std::size_t right = 0, done = 0, parts = 0, parts_right = 0, hinted = 0;
};

Tally tally_of(const std::vector<std::unique_ptr<practice::Attempt>>& attempts) {
  Tally t;
  for (const auto& a : attempts) {
    t.right += a->correct() ? 1 : 0;
    t.done += a->done() ? 1 : 0;
    for (const auto& r : a->results()) {
      ++t.parts;
      t.parts_right += r.correct ? 1 : 0;
      t.hinted += r.hinted ? 1 : 0;
    }
  }
  return t;
}

std::optional<practice::Kind> kind_of(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (auto k = practice::parse_kind(name)) return k;
  std::string msg = "--kind: there is no exercise kind '" + sanitize_line(name) + "'";
  if (auto near = nearest_name(name, practice::kind_names()))
    msg += " (did you mean '" + *near + "'?)";
  throw_usage(msg + "; the kinds are " + quoted_list(practice::kind_names()) +
              " (see qkv drill --list-kinds)");
}

std::string replay_command(const DrillArgs& a, std::uint64_t seed) {
  std::string s = "qkv drill --seed " + std::to_string(seed) + " -n " + std::to_string(a.count);
  if (!a.kind.empty()) s += " --kind " + a.kind;
  s += " --level " + std::to_string(a.level);
  return s;
}

// Shows the next hint of the current part (counted against it), or says there is none.
void show_hint(practice::Attempt& a, std::ostream& out, const term::Style& style,
               std::size_t width) {
  const auto all = practice::hints_for(a.current(), a.traces());
  if (auto h = a.next_hint()) {
    out << render::hint_text(*h, a.hints_shown(), static_cast<int>(all.size()), style, width)
        << style.dim(wrap("(this part now counts as answered with a hint)", "    ", width));
  } else if (all.empty()) {
    out << "    This part has no hints.\n";
  } else {
    out << wrap("No more hints: every step of this part has been shown.", "    ", width);
  }
}

std::string drill_help(const practice::Part& part, bool has_hints, std::size_t width) {
  std::string out =
      wrap("Type your answer: " + practice::shape_words(part.answer.rows(), part.answer.cols()) +
               ", such as 1.5 or 3/2 for a number, \"0.2 0.5 0.3\" for a row, "
               "\"1 0; 0 1\" for a matrix.",
           "    ", width) +
      "    Or a command:\n";
  auto command = [&](const char* name, const char* what) {
    out += wrap(what, "      " + pad_right(name, 12), std::string(18, ' '), width);
  };
  if (has_hints)
    command("? or hint", "the formula of the next worked step (the part then counts as hinted)");
  command("skip", "leave this exercise and go to the next one");
  command("quit, q", "end the drill here, with the summary");
  command("help", "this text");
  return out;
}

// One exercise on the terminal. Returns how it ended: completed (every part answered, or the
// exercise skipped), quit, or how the input ended.
End run_exercise(practice::Attempt& a, std::size_t number, std::size_t total, const DrillArgs& args,
                 std::ostream& out, const term::Style& style, std::size_t width,
                 term::LineReader& in) {
  const practice::Exercise& e = a.exercise();
  out << "\n"
      << flow({style.bold("━━ Exercise " + std::to_string(number) + " of " + std::to_string(total) +
                          ": " + e.title),
               style.dim(render::exercise_tag(e))},
              width);
  out << render::exercise_text(e, style, "", width);
  term::ReadRequest request;
  request.completions = {"help", "hint", "quit", "skip"};
  bool skipped = false;
  while (!a.done() && !skipped) {
    out << "\n" << render::part_prompt(a.current(), style, width);
    const bool has_hints = !practice::hints_for(a.current(), a.traces()).empty();
    if (args.hint && has_hints) show_hint(a, out, style, width);  // --hint: before the first try
    for (;;) {
      const term::ReadResult line = in.read(request);
      if (line.status == term::ReadStatus::interrupted) return End::interrupted;
      if (line.status != term::ReadStatus::line) return End::end_of_input;
      const bool q_is_answer = a.parse(line.text).value.has_value();
      const session::StudyCommand cmd = session::study_command(line.text, q_is_answer);
      if (cmd == session::StudyCommand::quit) return End::quit;
      if (cmd == session::StudyCommand::empty) {
        out << wrap(
            "Type your answer: " +
                practice::shape_words(a.current().answer.rows(), a.current().answer.cols()) +
                (has_hints ? ", ? for a hint" : "") + " or help.",
            "    ", width);
        continue;
      }
      if (cmd == session::StudyCommand::help) {
        out << drill_help(a.current(), has_hints, width);
        continue;
      }
      if (cmd == session::StudyCommand::skip) {
        out << "    " << style.dim("Skipped: the worked steps follow.") << "\n";
        skipped = true;
        break;
      }
      if (cmd == session::StudyCommand::hint) {
        show_hint(a, out, style, width);
        continue;
      }
      const practice::ParsedAnswer parsed = a.parse(line.text);
      if (!parsed.value) {
        const std::string what = parsed.wrong_shape ? "Wrong shape:" : "Not an answer:";
        out << wrap(style.warn(what) + " " + sanitize_line(parsed.error) + ". Try again.", "    ",
                    "      ", width);
        continue;
      }
      const practice::PartResult& r = a.answer(*parsed.value);
      out << render::part_result_text(e, r, style, width);
      break;
    }
  }
  render::RenderOptions ro;
  ro.style = style;
  ro.width = width;
  out << "\n" << style.bold("Worked steps") << "\n" << render::worked_text(e, a.traces(), ro);
  for (const auto& r : a.results()) {
    if (r.correct || (r.diagnosis.empty() && r.diagnosis.first_step.empty())) continue;
    const practice::Part& p = e.parts[r.part];
    out << "\n"
        << style.bold("What went wrong in (" + p.label + ")") << "\n"
        << render::diagnosis_text(
               r.diagnosis, style, "    ",
               [&p](int row, int col) { return render::entry_name(p, row, col); }, width);
  }
  std::size_t right = 0;
  for (const auto& r : a.results()) right += r.correct ? 1 : 0;
  out << "\n"
      << (a.correct()
              ? style.good("Exercise " + std::to_string(number) + ": right.")
              : style.bad("Exercise " + std::to_string(number) + ": " + std::to_string(right) +
                          " of " + std::to_string(e.parts.size()) + " parts right."))
      << "\n";
  return End::completed;
}

nlohmann::ordered_json result_json(const std::vector<std::unique_ptr<practice::Attempt>>& attempts,
                                   const DrillArgs& args, std::uint64_t seed, End end) {
  nlohmann::ordered_json ex = nlohmann::ordered_json::array();
  for (const auto& a : attempts) {
    const auto& e = a->exercise();
    nlohmann::ordered_json pr = nlohmann::ordered_json::array();
    for (const auto& r : a->results()) pr.push_back(render::part_result_json(e, r));
    ex.push_back({{"kind", practice::kind_name(e.kind)},
                  {"level", e.level},
                  {"seed", e.seed},
                  {"title", e.title},
                  {"complete", a->done()},
                  {"correct", a->correct()},
                  {"parts", pr}});
  }
  const Tally t = tally_of(attempts);
  return {{"seed", seed},
          {"kind",
           args.kind.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(args.kind)},
          {"level", args.level},
          {"ended", session::end_name(end)},
          {"planned", args.count},
          {"exercises_right", t.right},
          {"parts_answered", t.parts},
          {"parts_right", t.parts_right},
          {"hinted", t.hinted},
          {"exercises", ex}};
}

int run_drill(const DrillArgs& args, Context& ctx) {
  if (args.list_kinds) {
    std::cout << "Exercise kinds (qkv drill --kind ID):\n";
    for (practice::Kind k : practice::kKinds) {
      std::string name = practice::kind_name(k);
      std::cout << "  " << name << std::string(12 - name.size(), ' ') << practice::kind_summary(k)
                << "\n";
    }
    return 0;
  }
  // Two different JSON documents: --json is the result of a drill that is answered;
  // --worksheet json (formerly --format json) is the exercises themselves, without a drill.
  std::string worksheet = args.worksheet;
  if (args.format == "json") {
    if (!worksheet.empty() && worksheet != "json")
      throw_usage("give either --worksheet " + worksheet + " or --format json, not both");
    worksheet = "json";
  }
  if (args.json && !worksheet.empty())
    throw_usage("--json prints the result of a drill you answer, and --worksheet " + worksheet +
                " writes the exercises without a drill; give one of them");
  if (args.answer_key && worksheet == "json")
    throw_usage("--worksheet json holds the answers and worked steps already; leave out "
                "--answer-key");
  const auto kind = kind_of(args.kind);
  const std::uint64_t seed = args.seed ? *args.seed : fresh_seed();
  std::vector<practice::Exercise> exercises;
  for (const auto& p : practice::plan(kind, args.level, args.count, seed))
    exercises.push_back(practice::generate(p.kind, p.level, p.seed));

  if (worksheet == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : exercises) list.push_back(render::exercise_json(e));
    std::cout << json_text(nlohmann::ordered_json{{"seed", seed}, {"exercises", list}});
    return 0;
  }
  if (!worksheet.empty() || args.answer_key) {
    std::cerr << "qkv drill: seed " << seed
              << " (the same sheet again: " << replay_command(args, seed) << ")\n";
    if (!worksheet.empty())
      std::cout << render::worksheet_markdown(exercises, seed, replay_command(args, seed));
    if (args.answer_key)
      std::cout << (worksheet.empty() ? "" : "\n---\n\n")
                << render::answer_key_markdown(exercises, seed);
    return 0;
  }

  std::ostream& out = args.json ? std::cerr : std::cout;
  const term::Style style = args.json ? ctx.err_style() : ctx.out_style();
  const std::size_t width = term::output_width(args.json ? 2 : 1);
  const auto reader = term::make_stdin_reader(out, args.json ? stderr : stdout);
  out << wrap("Seed " + std::to_string(seed) + " (replay with --seed " + std::to_string(seed) +
                  "). " + plural(exercises.size(), "exercise", "exercises") + ", level " +
                  std::to_string(args.level) + ".",
              "", width)
      << wrap(
             "Type ? for the next step's formula, help for what you can type; quit or the end of "
             "the input (Ctrl-D) stops early.",
             "", width);
  std::optional<store::Store> db = open_store_for_saving(ctx);
  const auto clock = make_clock(args.study);
  // A drill is recorded once per finished exercise, as the card "drill/KIND/LEVEL".
  session::Recorder rec(db ? &*db : nullptr,
                        session::RecorderOptions{.mode = store::Mode::drill,
                                                 .parameters = schedule_parameters(args.study),
                                                 .command = ctx.command_line,
                                                 .planned = exercises.size()},
                        Rng(seed).fork(), clock->now());
  std::vector<std::unique_ptr<practice::Attempt>> attempts;
  End end = End::completed;
  for (std::size_t i = 0; i < exercises.size() && end == End::completed; ++i) {
    attempts.push_back(std::make_unique<practice::Attempt>(exercises[i]));
    const TimePoint began = clock->now();
    end = run_exercise(*attempts.back(), i + 1, exercises.size(), args, out, style, width, *reader);
    const practice::Attempt& a = *attempts.back();
    if (!a.done()) continue;
    session::AnswerFacts f;
    const std::string kind_name = practice::kind_name(exercises[i].kind);
    f.key = store::CardKey{"drill", kind_name + "/" + std::to_string(exercises[i].level)};
    f.content_hash = kind_name + "/" + std::to_string(exercises[i].level);
    std::size_t parts_right = 0;
    for (const auto& r : a.results()) {
      parts_right += r.correct ? 1 : 0;
      f.hinted = f.hinted || r.hinted;
    }
    f.given = std::to_string(parts_right) + " of " + std::to_string(a.results().size()) +
              " parts right (seed " + std::to_string(exercises[i].seed) + ")";
    f.correct = a.correct();
    f.points = a.results().empty()
                   ? 0.0
                   : static_cast<double>(parts_right) / static_cast<double>(a.results().size());
    f.time = clock->now();
    f.seconds = std::chrono::duration<double>(f.time - began).count();
    if (const auto o = rec.record(f); o.failure)
      out << style.bad("qkv: saving your progress failed: " + sanitize_block(*o.failure) +
                       "\nThe drill goes on; the rest will not be saved.")
          << "\n";
  }

  const auto [right, done, parts, parts_right, hinted] = tally_of(attempts);
  std::string over = style.bold("Drill over") +
                     (end == End::interrupted    ? " (interrupted)"
                      : end == End::end_of_input ? " (end of input)"
                      : end == End::quit         ? " (quit)"
                                                 : "") +
                     ": " + std::to_string(right) + " of " + plural(done, "exercise", "exercises") +
                     " right; " + std::to_string(parts_right) + " of " +
                     plural(parts, "part", "parts") + " right";
  if (hinted > 0) over += ", " + std::to_string(hinted) + " after a hint";
  out << "\n" << wrap(over + ".", "", width);
  if (end != End::completed && done < exercises.size())
    out << "Stopped after " << done << " of " << exercises.size() << " exercises.\n";
  out << render::command_text("The same exercises again: ", replay_command(args, seed), width);
  rec.finish(clock->now(), right, static_cast<double>(parts_right));
  if (const auto s = saved_text(rec, db, ctx); !s.empty()) out << wrap(s, "", width);
  // When the next review of the question bank is due (drills themselves are not reviewed).
  if (db && rec.unsaved() == 0 && rec.saved() > 0) {
    const auto cards = db->all_cards();
    if (std::any_of(cards.begin(), cards.end(),
                    [](const store::StoredCard& c) { return c.key.pack != "drill"; }))
      out << wrap(next_review_line(*db, {}, clock->now(), "qkv review"), "", width);
  }
  out << std::flush;
  if (args.json) std::cout << json_text(result_json(attempts, args, seed, end)) << std::flush;
  return end == End::interrupted ? static_cast<int>(Exit::interrupted) : 0;
}

}  // namespace

void setup_drill(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DrillArgs>();
  CLI::App* cmd = &app;
  cmd->add_option("--kind", args->kind,
                  "Only this kind of exercise: projection, score, softmax, output, attention,\n"
                  "mask, kv-cache, shapes, multihead (default: a mix)");
  cmd->add_option("--level", args->level,
                  "Difficulty 1 (small, one step) to 3 (bigger, more steps); default 1")
      ->check(whole_number(1, 3));
  cmd->add_option("-n", args->count, "How many exercises (default 3)")->check(whole_number(1, 100));
  cmd->add_option(
         "--seed", args->seed,
         "Seed for the numbers (printed when not given; exercise 1 uses it as its own seed)")
      ->check(seed_number());
  cmd->add_flag("--hint", args->hint,
                "Show the next step's formula before each part's first try (the part is then "
                "marked as hinted); without it, '?' shows it when asked");
  cmd->add_flag("--json", args->json,
                "Print the drill's result as one JSON document on stdout (the drill itself goes "
                "to stderr)");
  cmd->add_option("--worksheet", args->worksheet,
                  "Write the exercises and stop, without a drill: markdown (a printable sheet)\n"
                  "or json (inputs, answers and worked steps, for scripts)")
      ->check(CLI::IsMember({"markdown", "json"}))
      ->type_name("FORMAT");
  cmd->add_flag("--answer-key", args->answer_key,
                "Write the solutions with every worked step (after the sheet with --worksheet)");
  // The old spelling of --worksheet json, kept for scripts (hidden from --help).
  cmd->add_option("--format", args->format)->check(CLI::IsMember({"text", "json"}))->group("");
  cmd->add_flag("--list-kinds", args->list_kinds, "List the kinds of exercise and stop");
  add_now_option(*cmd, args->study);
  add_schedule_options(*cmd, args->study, false);
  cmd->footer(
      "\nEach exercise is asked in parts; every answer is graded entry by entry, then come the\n"
      "worked steps and, for a wrong answer, the mistake that produces it (unscaled,\n"
      "softmax-columns, causal-flipped, ...; see man qkv, QKV DRILL).\n"
      "\nExamples:\n"
      "  qkv drill                                 3 exercises of mixed kinds, level 1\n"
      "  qkv drill --kind softmax --level 2 -n 5   five softmax exercises\n"
      "  qkv drill --kind attention --hint         a full example, each step's formula first\n"
      "  qkv drill --kind mask --seed 7            the same exercise every time\n"
      "  printf '3\\n1.5\\n' | qkv drill --kind score -n 1 --seed 7 --json   scripted\n"
      "  qkv drill -n 6 --level 2 --seed 12 --worksheet markdown > sheet.md\n"
      "  qkv drill -n 6 --level 2 --seed 12 --answer-key > key.md\n"
      "  qkv drill --kind kv-cache --worksheet json   inputs and answers for a script\n"
      "\nAnswers: a number (1.5 or 3/2), a row \"0.2 0.5 0.3\", or a matrix \"1 0; 0 1\" (rows\n"
      "separated by ';'; JSON [[1,0],[0,1]] too). Numbers worked by hand count as right within\n"
      "±0.01 (shapes and counts exactly); an answer of the wrong shape is explained and asked\n"
      "again. A part computed from your own earlier (wrong) answer is marked as following from\n"
      "it, so one slip is not counted twice. End of input (Ctrl-D) ends the drill with its\n"
      "summary (exit 0); Ctrl-C too (exit 130).\n");
  cmd->callback([args, &ctx]() { ctx.exit_code = run_drill(*args, ctx); });
}

}  // namespace qkv::app
