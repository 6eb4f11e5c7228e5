#pragma once
// What the commands that record progress share (quiz, exam, drill, review, stats, progress):
// where the progress database is (the global --db and --no-save, kept in Context), the clock
// (--now), the scheduler's settings (--retention, --no-fuzz) and the e/h/Enter rating prompt
// (--no-rate), and the lines a session ends with ("Saved 10 answers ...", "nothing due; next
// review in 3 h (4 cards), ...").
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "core/clock.hpp"
#include "schedule/fsrs.hpp"
#include "session/quiz_runner.hpp"
#include "session/recorder.hpp"
#include "session/review_plan.hpp"
#include "store/store.hpp"
#include "term/line_reader.hpp"
#include "term/style.hpp"

namespace qkv::app {

/// A command's own study options. Where the database is (--db, --no-save) is global: Context.
struct StudyOptions {
  std::string now;                ///< --now ISO-TIME: the clock starts there
  double retention = 0.9;         ///< --retention 0.70..0.99
  bool no_fuzz = false;           ///< --no-fuzz: intervals exactly as the reference computes
  bool no_rate = false;           ///< --no-rate: no e/h/Enter prompt after the feedback
};

/// --now.
void add_now_option(CLI::App& cmd, StudyOptions& o);
/// --retention and --no-fuzz, and --no-rate when the command asks for ratings.
void add_schedule_options(CLI::App& cmd, StudyOptions& o, bool with_rate_prompt);

/// The clock: real, or real but starting at --now (usage error when --now does not parse).
std::unique_ptr<Clock> make_clock(const StudyOptions& o);
/// --now parsed; nullopt when not given. Throws Error(Exit::usage) when it does not parse.
std::optional<TimePoint> parse_now_option(const std::string& now);

/// Where the database is: --db, else $QKV_DB, ... (see store/location.hpp).
std::filesystem::path database_path(const Context& ctx);
/// The store for a command that saves: nullopt with --no-save. Throws Error as Store::open.
std::optional<store::Store> open_store_for_saving(const Context& ctx);
/// The store for a command that only reads: nullopt when there is none yet (or --no-save).
std::optional<store::Store> open_store_for_reading(const Context& ctx);
/// For a command that needs the saved progress (stats, progress export|reset, quiz --missed):
/// with --no-save, a usage error (exit 2) saying `why` ("stats shows the saved progress").
void refuse_no_save(const Context& ctx, const std::string& why);

/// FSRS settings from the options.
schedule::Parameters schedule_parameters(const StudyOptions& o);

/// The local time zone's offset from UTC at t (TZ, /etc/localtime; UTC when unknown).
std::chrono::seconds local_utc_offset(TimePoint t);

/// "40 s", "10 min", "3 h", "2 days" (rounded; for waits shown to people).
std::string format_wait(std::chrono::seconds d);

/// The line a session ends with: "nothing due; next review in 3 h (4 cards), 17 due tomorrow",
/// or "5 cards are due now: qkv review" when some are; "nothing scheduled yet" when none are.
std::string next_review_text(const session::NextDue& n, TimePoint now,
                             const std::string& review_command);

/// next_review_text over the cards of `packs` in `db` (with `packs` empty: every card but the
/// drills', which `qkv review` does not ask).
std::string next_review_line(store::Store& db, const std::vector<std::string>& packs,
                             TimePoint now, const std::string& review_command);
/// The same after a session over `bank` (quiz, exam): over the bank's packs, suggesting `qkv
/// review` with the options that chose them.
std::string next_review_line(store::Store& db, const bank::Bank& bank, TimePoint now,
                             const BankOptions& opts);

/// What was saved: "Saved 10 answers to PATH." (the path of `db`), "Not saved (--no-save).", or
/// "Saved 7 answers; 3 were not saved (...)". Empty when nothing was answered.
std::string saved_text(const session::Recorder& r, const std::optional<store::Store>& db,
                       const Context& ctx);

/// The rating prompt shown after the feedback: Enter keeps `suggested`, e makes it Easy, h Hard.
/// Returns the rating chosen (suggested on Enter, at the end of input or on Ctrl-C; the
/// session's next read then ends it). Re-asks on anything else.
schedule::Rating ask_rating(term::LineReader& in, std::ostream& out, schedule::Rating suggested);

/// "Again", "Hard", "Good", "Easy".
const char* rating_name(schedule::Rating r);

/// The hook `session::run_quiz` calls after each answer: rates it (asking e/h/Enter when `ask`),
/// records it through `rec` (before the next question), says once when saving fails, and keeps
/// `states` (when given) up to date with the card's new state.
session::AfterAnswer recording_hook(session::Recorder& rec, const Clock& clock,
                                    term::LineReader& in, std::ostream& out,
                                    const term::Style& style, bool ask,
                                    session::CardStates* states);

}  // namespace qkv::app
