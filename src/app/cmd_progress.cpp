// `qkv progress export|reset`: the review log for a spreadsheet, pandas or an audit against
// py-fsrs (one row per review with the card's state after it, as Anki's revlog), and forgetting
// progress deliberately (it says what it would delete unless --yes is given).
#include <charconv>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "app/json_option.hpp"
#include "app/study_options.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"
#include "session/review_plan.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

struct ExportArgs {
  std::string format = "csv";  ///< --format csv|json
  bool json = false;           ///< --json: --format json
  CLI::Option* format_option = nullptr;
  std::string output;  ///< -o FILE; empty: stdout
};

struct ResetArgs {
  std::optional<std::string> concept_id;  ///< --concept ID
  std::optional<std::string> pack_id;     ///< --pack ID
  std::vector<std::string> bank_paths;    ///< --bank PATH: where --concept is looked up
  bool yes = false;                       ///< --yes: really delete
  bool json = false;                      ///< --json: what was (or would be) deleted, as JSON
};

/// "2026-03-01T09:30:00.250Z".
std::string iso_ms(TimePoint t) {
  const std::int64_t ms = store::to_ms(t);
  const std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms - secs * 1000));
  return buf;
}

const char* state_name(schedule::State s) {
  switch (s) {
    case schedule::State::learning:
      return "learning";
    case schedule::State::review:
      return "review";
    case schedule::State::relearning:
      return "relearning";
  }
  return "?";
}

/// The shortest text that reads back as exactly x (std::to_chars).
std::string num(double x) {
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

const char* const kColumns[] = {"review_id", "time",          "pack",
                                "question",  "content_hash",  "mode",
                                "given",     "correct",       "points",
                                "hinted",    "rating",        "rating_name",
                                "seconds",   "session_id",    "state",
                                "step",      "stability",     "difficulty",
                                "due",       "interval_days", "last_interval_days",
                                "reps",      "lapses"};

nlohmann::ordered_json row_json(const store::ReviewRecord& r) {
  using J = nlohmann::ordered_json;
  const auto& c = r.after;
  return J{{"review_id", r.id},
           {"time", iso_ms(r.time)},
           {"pack", r.key.pack},
           {"question", r.key.question},
           {"content_hash", r.content_hash},
           {"mode", store::mode_name(r.mode)},
           {"given", r.given},
           {"correct", store::correct_name(r.correct)},
           {"points", r.points},
           {"hinted", r.hinted},
           {"rating", static_cast<int>(r.rating)},
           {"rating_name", rating_name(r.rating)},
           {"seconds", r.seconds},
           {"session_id", r.session ? J(*r.session) : J()},
           {"state", state_name(c.state)},
           {"step", c.step ? J(*c.step) : J()},
           {"stability", c.stability ? J(*c.stability) : J()},
           {"difficulty", c.difficulty ? J(*c.difficulty) : J()},
           {"due", iso_ms(c.due)},
           {"interval_days", r.interval_days},
           {"last_interval_days", r.last_interval_days},
           {"reps", c.reps},
           {"lapses", c.lapses}};
}

std::string row_csv(const store::ReviewRecord& r) {
  const auto& c = r.after;
  const std::vector<std::string> f = {std::to_string(r.id),
                                      iso_ms(r.time),
                                      r.key.pack,
                                      r.key.question,
                                      r.content_hash,
                                      store::mode_name(r.mode),
                                      r.given,
                                      store::correct_name(r.correct),
                                      num(r.points),
                                      r.hinted ? "1" : "0",
                                      std::to_string(static_cast<int>(r.rating)),
                                      rating_name(r.rating),
                                      num(r.seconds),
                                      r.session ? std::to_string(*r.session) : "",
                                      state_name(c.state),
                                      c.step ? std::to_string(*c.step) : "",
                                      c.stability ? num(*c.stability) : "",
                                      c.difficulty ? num(*c.difficulty) : "",
                                      iso_ms(c.due),
                                      num(r.interval_days),
                                      num(r.last_interval_days),
                                      std::to_string(c.reps),
                                      std::to_string(c.lapses)};
  std::string line;
  for (std::size_t i = 0; i < f.size(); ++i) line += (i ? "," : "") + csv_field(f[i]);
  return line + "\n";
}

int run_export(const ExportArgs& args, const Context& ctx) {
  refuse_no_save(ctx, "progress export writes out the saved progress");
  if (!args.output.empty()) check_writable_path(args.output, "-o");
  std::optional<store::Store> db = open_store_for_reading(ctx);
  std::string text;
  if (args.format == "csv") {
    for (std::size_t i = 0; i < std::size(kColumns); ++i)
      text += std::string(i ? "," : "") + kColumns[i];
    text += "\n";
    if (db) db->for_each_review({}, [&](const store::ReviewRecord& r) { text += row_csv(r); });
  } else {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    if (db)
      db->for_each_review({}, [&](const store::ReviewRecord& r) { rows.push_back(row_json(r)); });
    text = json_text(rows);
  }
  if (args.output.empty()) {
    std::cout << text << std::flush;
    if (!std::cout) throw Error(kExitOutput, "cannot write the export to standard output");
  } else {
    write_file_atomically(args.output, text);
    std::cerr << wrap_block("Exported to " + sanitize_block(args.output) + ".",
                            term::output_width(2), "", "  ");
  }
  return 0;
}

int run_reset(const ResetArgs& args, const Context& ctx) {
  refuse_no_save(ctx, "progress reset deletes saved progress");
  if (args.concept_id && args.pack_id) throw_usage("give --concept or --pack, not both");
  store::CardFilter filter;
  std::string what = "all progress";
  if (args.pack_id) {
    filter.pack = *args.pack_id;
    what = "the progress on pack " + sanitize_block(*args.pack_id);
  }
  if (args.concept_id) {
    BankOptions bo;
    bo.packs = args.bank_paths;
    const bank::Bank bank = load_bank(bo);
    if (!bank.find_concept(*args.concept_id)) {
      std::vector<std::string> ids;
      for (const auto& p : bank.packs)
        for (const auto& c : p.concepts) ids.push_back(c.id);
      const std::string hint = did_you_mean(*args.concept_id, ids);
      throw_usage("--concept '" + sanitize_line(*args.concept_id) +
                  "' is not a concept of this bank" + (hint.empty() ? "" : "; " + hint) +
                  "\n'qkv learn' lists the concepts; --bank PATH looks in other packs.");
    }
    std::vector<store::CardKey> keys;
    for (const auto* q : bank.all_questions())
      for (const auto& c : q->concepts)
        if (c == *args.concept_id) {
          keys.push_back(session::key_of(*q));
          break;
        }
    filter.cards = keys;
    what = "the progress on concept " + sanitize_block(*args.concept_id) + " (" +
           std::to_string(keys.size()) + " questions)";
  }
  const auto path = database_path(ctx);
  // --json: {database, exists, concept, pack, deleted (false without --yes), cards, reviews}.
  auto print_json = [&](bool exists, bool deleted, const store::Counts& c) {
    using J = nlohmann::ordered_json;
    std::cout << json_text(J{{"database", path.string()},
                             {"exists", exists},
                             {"concept", args.concept_id ? J(*args.concept_id) : J(nullptr)},
                             {"pack", args.pack_id ? J(*args.pack_id) : J(nullptr)},
                             {"deleted", deleted},
                             {"cards", c.cards},
                             {"reviews", c.reviews}});
  };
  // The text: `width` columns wide (0, in a pipe: lines as they are).
  const std::size_t width = term::output_width(1);
  auto counts = [](const store::Counts& c) {
    return plural(static_cast<std::size_t>(c.cards), "card", "cards") + " and " +
           plural(static_cast<std::size_t>(c.reviews), "review", "reviews");
  };
  std::optional<store::Store> db = store::Store::open_if_exists(path);
  if (!db) {
    if (args.json)
      print_json(false, false, {});
    else
      std::cout << wrap_block("Nothing to reset: there is no progress database at " +
                                  sanitize_block(path.string()) + ".",
                              width);
    return 0;
  }
  if (!args.yes) {
    const auto c = db->count(filter);
    if (args.json) {
      print_json(true, false, c);
      return 0;
    }
    std::cout << wrap_block("Would delete " + what + ": " + counts(c) + " in " +
                                sanitize_block(path.string()) +
                                ".\nNothing was deleted. Add --yes to delete them (qkv "
                                "progress export first keeps a copy).",
                            width);
    return 0;
  }
  db.reset();
  auto w = store::Store::open(path, store::Access::read_write);
  const auto c = w.reset(filter);
  if (args.json) {
    print_json(true, true, c);
    return 0;
  }
  std::cout << wrap_block("Deleted " + what + ": " + counts(c) + ".", width);
  return 0;
}

}  // namespace

void setup_progress(CLI::App& app, Context& ctx) {
  CLI::App* sub = &app;
  sub->require_subcommand(1);

  auto ex = std::make_shared<ExportArgs>();
  CLI::App* e = sub->add_subcommand(
      "export", "Write the review log, one row per review with the card's state after it");
  e->fallthrough();
  ex->format_option = e->add_option("--format", ex->format, "csv (default) or json")
                          ->check(CLI::IsMember({"csv", "json"}));
  add_json_alias(*e, ex->json);
  e->add_option("-o,--output", ex->output, "Write to FILE (default: standard output)");
  e->footer(
      "\nExamples:\n"
      "  qkv progress export -o reviews.csv\n"
      "  qkv progress export --format json | jq length\n"
      "  python3 -c \"import pandas; "
      "print(pandas.read_csv('reviews.csv').groupby('pack').size())\"\n"
      "\nColumns: review_id, time (UTC), pack, question, content_hash, mode, given, correct\n"
      "(yes/no/partial), points, hinted, rating (1-4), rating_name, seconds, session_id, and the\n"
      "card after the review: state, step, stability, difficulty, due, interval_days,\n"
      "last_interval_days, reps, lapses.\n");
  e->callback([ex, &ctx]() {
    finish_json_alias(ex->json, ex->format_option, ex->format);
    ctx.exit_code = run_export(*ex, ctx);
  });

  auto rs = std::make_shared<ResetArgs>();
  CLI::App* r = sub->add_subcommand(
      "reset", "Forget progress (all, one concept, or one pack); says what it would delete first");
  r->fallthrough();
  r->add_option("--concept", rs->concept_id, "Only the questions on this concept");
  r->add_option("--pack", rs->pack_id, "Only the questions of the pack with this id");
  r->add_option("--bank", rs->bank_paths,
                "Packs to look the concept up in (default: the built-in bank; repeatable)");
  r->add_flag("--yes", rs->yes, "Really delete (without it nothing is deleted)");
  r->add_flag("--json", rs->json,
              "Print what was deleted (or would be, without --yes) as one JSON document: "
              "database, exists, concept, pack, deleted, cards, reviews");
  r->footer(
      "\nExamples:\n"
      "  qkv progress reset                       what would be deleted (nothing is)\n"
      "  qkv progress reset --concept scaling --yes\n"
      "  qkv progress reset --pack my-course --yes\n");
  r->callback([rs, &ctx]() { ctx.exit_code = run_reset(*rs, ctx); });
}

}  // namespace qkv::app
