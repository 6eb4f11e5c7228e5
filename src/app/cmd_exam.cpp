// `qkv exam`: a timed paper with a pass mark, drawn from the bank or defined by an instructor in a
// pack; no feedback until it is submitted, then the mark, the per-concept table and a review.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "app/exam_terminal_prompter.hpp"
#include "app/number_options.hpp"
#include "app/study_options.hpp"
#include "bank/content_hash.hpp"
#include "core/atomic_write.hpp"
#include "core/clock.hpp"
#include "core/duration.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/iso_time.hpp"
#include "core/rng.hpp"
#include "core/text.hpp"
#include "exam/paper.hpp"
#include "exam/runner.hpp"
#include "exam/session.hpp"
#include "json/writer.hpp"
#include "render/exam_report.hpp"
#include "render/exam_view.hpp"
#include "render/question_view.hpp"
#include "session/recorder.hpp"
#include "session/review_plan.hpp"
#include "session/selection.hpp"
#include "term/line_input.hpp"
#include "term/line_reader.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

/// Questions on a paper drawn from the bank when -n is not given.
constexpr std::size_t kDefaultCount = 20;
/// The default time limit of a drawn paper, per question.
constexpr std::chrono::seconds kDefaultPerQuestion{90};
/// The environment variable of the test clock (see docs/ARCHITECTURE.md, "Exam practice").
constexpr const char* kFakeClockStep = "QKV_FAKE_CLOCK_STEP";

struct ExamArgs {
  std::size_t count = kDefaultCount;          ///< -n
  std::string time_limit;                     ///< --time-limit "20m" / "none"; empty: the default
  std::optional<double> pass;                 ///< --pass, percent; default 70 (or the exam's)
  std::vector<std::string> concepts;          ///< --concept, repeatable
  std::string difficulty;                     ///< --difficulty "1-2"; empty = every level
  std::optional<std::uint64_t> seed;          ///< --seed; a fresh one (printed) when absent
  std::string exam;                           ///< --exam ID: an instructor's exam from the packs
  bool list = false;                          ///< --list: list the packs' exams and stop
  std::string report;                         ///< --report FILE.json|FILE.md
  bool json = false;                          ///< --json: the result as JSON on stdout
  std::string now;                            ///< --now ISO-TIME: the start time, for replay
  BankOptions bank;                           ///< --pack PATH (repeatable), --builtin
  StudyOptions study;                         ///< --retention, --no-fuzz
  const CLI::Option* count_option = nullptr;  ///< to tell whether -n was given
};

std::string describe_questions(const bank::ExamDef& e) {
  auto questions = [](std::size_t n) { return plural(n, "question", "questions"); };
  if (!e.question_ids.empty()) {
    const std::size_t n = e.question_ids.size();
    return plural(n, "listed question", "listed questions");
  }
  std::vector<const bank::ExamConcept*> used;
  for (const auto& c : e.concepts)
    if (c.value > 0) used.push_back(&c);
  if (used.empty()) return questions(e.count) + " over the pack's concepts";
  std::string parts;
  std::size_t total = e.count;
  if (e.share == bank::ConceptShare::counts) total = 0;
  for (const auto* c : used) {
    if (e.share == bank::ConceptShare::counts) total += static_cast<std::size_t>(c->value);
    parts += (parts.empty() ? "" : ", ") + render::format_points(c->value) + " " + c->id;
  }
  return questions(total) + (e.share == bank::ConceptShare::counts ? ": " : " weighted ") + parts;
}

int list_exams(const bank::Bank& bank, const ExamArgs& args) {
  const auto exams = exam::list_exams(bank);
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : exams)
      out.push_back(
          {{"id", f.full_id()},
           {"title", f.exam->title},
           {"questions", describe_questions(*f.exam)},
           {"time_limit_seconds", f.exam->time_limit ? nlohmann::json(f.exam->time_limit->count())
                                                     : nlohmann::json(nullptr)},
           {"pass_mark", f.exam->pass_mark},
           {"shuffle", f.exam->shuffle}});
    std::cout << json_text(out) << std::flush;
    return 0;
  }
  if (exams.empty()) {
    std::cout
        << "These packs define no exams. Instructors add them under \"exams\" in a pack "
           "(docs/packs.md, \"Exams in a pack\");\nqkv exam without --exam draws a paper from the "
           "bank.\n";
    return 0;
  }
  std::cout << "Exams in these packs (sit one with qkv exam --exam ID):\n";
  for (const auto& f : exams) {
    const auto& e = *f.exam;
    std::cout << "  " << sanitize_block(f.full_id()) << "  " << sanitize_block(e.title) << "\n    "
              << sanitize_block(describe_questions(e)) << ", "
              << (e.time_limit ? "time limit " + format_duration(*e.time_limit)
                               : std::string("no time limit"))
              << ", pass mark " << render::format_percent(e.pass_mark) << "%, "
              << (e.shuffle ? "shuffled" : "in the order given") << "\n";
  }
  return 0;
}

// --time-limit: "none" for no limit, otherwise a duration; nullopt when not given.
std::optional<std::optional<std::chrono::seconds>> time_limit_option(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (normalize_answer(text) == "none") return std::optional<std::chrono::seconds>{};
  const DurationParse d = parse_duration(text);
  if (!d.value) throw_usage("--time-limit: " + d.error + ", or none for no limit");
  return d.value;
}

int run_exam_command(const ExamArgs& args, Context& ctx) {
  // Everything that can be refused is refused before the paper starts.
  if (!args.report.empty()) {
    if (!render::report_format_for(args.report))
      throw_usage("--report " + args.report +
                  ": the file name must end in .json (the result as JSON) or .md (Markdown)");
    check_writable_path(args.report, "--report");
  }
  const auto limit_given = time_limit_option(args.time_limit);
  std::optional<TimePoint> start;
  if (!args.now.empty()) {
    std::string why;
    start = parse_iso_time(args.now, &why);
    if (!start)
      throw_usage("--now '" + sanitize_line(args.now) + "' " +
                  (why.empty() ? "is not a date and time; write it as 2026-03-01T09:30:00Z"
                               : "cannot be used: " + why));
  }
  std::optional<double> step;
  if (const char* s = std::getenv(kFakeClockStep); s && *s) {
    char* end = nullptr;
    step = std::strtod(s, &end);
    if (*end != '\0' || !std::isfinite(*step) || *step < 0)
      throw_usage(std::string(kFakeClockStep) + " must be a number of seconds (a test setting)");
  }

  const bank::Bank bank = load_bank(args.bank);
  if (args.list) return list_exams(bank, args);
  std::optional<store::Store> db = open_store_for_saving(ctx);

  const std::uint64_t seed = args.seed ? *args.seed : fresh_seed();
  Rng rng(seed);
  Rng paper_rng = rng.fork();
  Rng layout_rng = rng.fork();

  std::vector<const bank::Question*> questions;
  exam::ExamOptions opts;
  render::ReportInfo info;
  info.seed = seed;
  if (!args.exam.empty()) {
    if (args.count_option->count() > 0 || !args.concepts.empty() || !args.difficulty.empty())
      throw_usage(
          "--exam takes its questions from the exam's definition; leave out -n, "
          "--concept and --difficulty (--time-limit and --pass still apply)");
    const auto found = exam::find_exam(bank, args.exam);
    questions = exam::compose_exam(*found.pack, *found.exam, paper_rng);
    opts.time_limit = found.exam->time_limit;
    opts.pass_mark = found.exam->pass_mark;
    opts.option_order =
        found.exam->shuffle ? session::OptionOrder::shuffled : session::OptionOrder::as_written;
    info.exam = found.full_id();
    info.title = found.exam->title;
  } else {
    exam::PaperRequest request;
    request.count = args.count;
    request.rule =
        args.count_option->count() > 0 ? exam::CountRule::exactly : exam::CountRule::at_most;
    request.concepts = args.concepts;
    if (!args.difficulty.empty()) request.difficulties = session::parse_difficulty(args.difficulty);
    questions = exam::compose_paper(bank, request, paper_rng);
    opts.time_limit = kDefaultPerQuestion * static_cast<long long>(questions.size());
  }
  if (limit_given) opts.time_limit = *limit_given;
  if (args.pass) opts.pass_mark = *args.pass;

  std::ostream& human = args.json ? std::cerr : std::cout;
  const term::Style style = args.json ? ctx.err_style() : ctx.out_style();
  const std::size_t width = term::output_width(args.json ? 2 : 1);
  human << style.bold(
               wrap((info.title.empty() ? std::string("Exam")
                                        : "Exam " + info.exam + ": " + sanitize_line(info.title)) +
                        ". " + plural(questions.size(), "question", "questions") + ", " +
                        (opts.time_limit ? "time limit " + format_duration(*opts.time_limit)
                                         : std::string("no time limit")) +
                        ", pass mark " + render::format_percent(opts.pass_mark) + "%.",
                    "", width))
        << wrap("Seed " + std::to_string(seed) + " (replay this paper with --seed " +
                    std::to_string(seed) + ").",
                "", width)
        << wrap(
               "No feedback until you submit. Type help for the commands; the end of input "
               "(Ctrl-D) submits the paper as it stands.",
               "", width);

  // The clock: real; or real but starting at --now; or, for tests, one that moves only by
  // QKV_FAKE_CLOCK_STEP seconds after each line read.
  std::unique_ptr<Clock> clock;
  std::function<void()> after_line;
  if (step) {
    auto fake = std::make_unique<FakeClock>(start.value_or(TimePoint{}));
    after_line = [c = fake.get(), ms = std::llround(*step * 1000.0)]() {
      c->advance(std::chrono::milliseconds(ms));
    };
    clock = std::move(fake);
  } else if (start) {
    clock = std::make_unique<OffsetClock>(*start);
  } else {
    clock = std::make_unique<SystemClock>();
  }

  exam::ExamSession exam(questions, layout_rng, *clock, opts);
  info.started = exam.started();
  const bool terminal = term::stdin_is_terminal();
  const auto reader = term::make_stdin_reader(human, args.json ? stderr : stdout);
  ExamTerminalPrompter prompter(
      *reader, human, bank, style, width, [&exam]() { return exam.time_left(); }, after_line);
  const exam::ExamEnd end = exam::run_exam(
      exam, prompter, terminal ? exam::OnInterrupt::confirm : exam::OnInterrupt::submit);
  const exam::ExamResult& result = exam.result();

  human << render::render_exam_result(result, render::ExamResultContext{info.title}, style, width);
  // The answers are recorded at submission, each in its own transaction; the paper's time is
  // shared equally among the answered questions.
  {
    session::Recorder rec(db ? &*db : nullptr,
                          session::RecorderOptions{.mode = store::Mode::exam,
                                                   .parameters = schedule_parameters(args.study),
                                                   .command = ctx.command_line,
                                                   .planned = questions.size()},
                          rng.fork(), exam.started());
    const TimePoint at = clock->now();
    for (const auto& q : result.questions) {
      if (!q.answered) continue;
      session::AnswerFacts a;
      a.key = session::key_of(*q.presented->question);
      a.content_hash = bank::content_hash(*q.presented->question);
      a.given = q.given;
      a.correct = q.result.correct;
      a.points = q.result.points;
      a.seconds = result.answered ? result.seconds_used / static_cast<double>(result.answered) : 0;
      a.time = at;
      if (const auto o = rec.record(a); o.failure)
        human << style.bad("qkv: saving your answers failed: " + sanitize_block(*o.failure))
              << '\n';
    }
    rec.finish(at, result.correct, result.score);
    if (const auto s = saved_text(rec, db, ctx); !s.empty()) human << wrap(s, "", width);
    if (db && rec.unsaved() == 0 && rec.saved() > 0) {
      human << wrap(next_review_line(*db, bank, clock->now(), args.bank), "", width);
    }
  }
  // A report that cannot be written (the disk filled during the paper) is said, and the result
  // is still shown and printed: the candidate's work is not lost with the file.
  bool report_failed = false;
  if (!args.report.empty()) {
    try {
      render::save_exam_report(args.report, result, bank, info);
      human << wrap("Report saved to " + sanitize_line(args.report) + ".", "", width);
    } catch (const Error& e) {
      print_diagnostics(std::cerr, e.diagnostics(), ctx.err_style(), "qkv: ");
      report_failed = true;
    }
  }
  human << std::flush;
  if (args.json) std::cout << json_text(render::exam_report_json(result, bank, info)) << std::flush;
  if (report_failed) return static_cast<int>(kExitOutput);
  if (end == exam::ExamEnd::interrupted) return static_cast<int>(Exit::interrupted);
  return result.passed ? static_cast<int>(Exit::ok) : static_cast<int>(Exit::failed);
}

}  // namespace

void setup_exam(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ExamArgs>();
  CLI::App* sub = &app;
  args->count_option =
      sub->add_option("-n", args->count,
                      "How many questions (default 20, or every match when fewer; 0 = every match)")
          ->check(whole_number(0, 1000000, "0 = every match"));
  sub->add_option("--time-limit", args->time_limit,
                  "Time limit such as 20m, 1h30m, 90s, or none (default 90s per question, or the "
                  "exam's)");
  sub->add_option("--pass", args->pass,
                  "Pass mark in percent, 70 or 70% (default 70, or the exam's)")
      ->transform(percentage());
  sub->add_option(
      "--concept", args->concepts,
      "Only questions on this concept id (repeatable; qkv quiz --list-concepts lists them)");
  sub->add_option("--difficulty", args->difficulty,
                  "Only these levels, 1 (recall) to 3 (apply): 2, 1-2 or 2,3");
  sub->add_option("--seed", args->seed,
                  "Seed for the paper and its layout (the seed used is always printed)")
      ->check(seed_number());
  sub->add_option("--exam", args->exam,
                  "Sit an instructor's exam from the packs (ID or PACK/ID; see --list)");
  sub->add_flag("--list", args->list, "List the exams the packs define and stop");
  sub->add_option("--report", args->report,
                  "Save the full result to FILE.json or FILE.md (written whole or not at all)")
      ->type_name("FILE");
  sub->add_flag("--json", args->json,
                "Print the result as one JSON document on stdout (the exam goes to stderr)");
  add_schedule_options(*sub, args->study, false);
  sub->add_option("--now", args->now,
                  "Start time for the record, as 2026-03-01T09:30:00Z, years 1900 to 2261 (to "
                  "replay a sitting)")
      ->type_name("ISO-TIME");
  add_bank_options(*sub, args->bank);
  sub->footer(
      "\nExamples:\n"
      "  qkv exam                                    20 questions over every concept, 30 minutes\n"
      "  qkv exam -n 10 --time-limit 15m --pass 80   a shorter paper, a higher bar\n"
      "  qkv exam --concept scaling --concept softmax-weights   two concepts only\n"
      "  qkv exam --pack course/ --list              the exams an instructor's pack defines\n"
      "  qkv exam --pack course/ --exam midterm --report midterm.md   sit one, keep the result\n"
      "  printf 'b\\nskip\\nsubmit\\ny\\n' | qkv exam -n 3 --seed 7 --json   scripted\n"
      "\nWhile sitting it, type an answer (as in qkv quiz) or a command: skip (s), next (n),\n"
      "back (p), goto N (g N), flag (f), unflag (u), list (l), submit, help (?). A one-letter\n"
      "command that is also an answer to the question on screen is the answer (f is false in a\n"
      "true/false question): type the word instead. No feedback until the paper is submitted:\n"
      "by submit (asks to confirm), when the time is up, at the end of input, or on Ctrl-C\n"
      "(asks to confirm in a terminal). Unanswered questions score 0; multi, matching and\n"
      "ordering give partial credit (man qkv, SCORING).\n"
      "Exit status: 0 pass, 1 fail, 2 usage, 65 invalid pack, 130 interrupted.\n");
  sub->callback([args, &ctx]() { ctx.exit_code = run_exam_command(*args, ctx); });
}

}  // namespace qkv::app
