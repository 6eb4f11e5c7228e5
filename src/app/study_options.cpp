#include "app/study_options.hpp"

#include "app/number_options.hpp"

#include <cmath>
#include <ctime>
#include <iostream>

#include "bank/content_hash.hpp"
#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "core/text.hpp"
#include "store/location.hpp"
#include "term/line_input.hpp"

namespace qkv::app {

void add_now_option(CLI::App& cmd, StudyOptions& o) {
  cmd.add_option("--now", o.now,
                 "Start the clock at this time, e.g. 2026-03-01T09:30:00Z (for replays and "
                 "demos; times then run from there)");
}

void add_schedule_options(CLI::App& cmd, StudyOptions& o, bool with_rate_prompt) {
  cmd.add_option("--retention", o.retention,
                 "Desired retention for scheduling, 0.70 to 0.99 (default 0.9)")
      ->check(real_number(0.70, 0.99));
  cmd.add_flag("--no-fuzz", o.no_fuzz,
               "Schedule without FSRS's random spread of intervals (to compare with py-fsrs)");
  if (with_rate_prompt)
    cmd.add_flag("--no-rate", o.no_rate,
                 "Do not offer the e (Easy) / h (Hard) / Enter prompt after each answer");
}

std::optional<TimePoint> parse_now_option(const std::string& now) {
  if (now.empty()) return std::nullopt;
  auto t = parse_iso_time(now);
  if (!t)
    throw_usage("--now '" + sanitize_block(now) +
                "' is not a date and time; write it as 2026-03-01T09:30:00Z");
  return t;
}

std::unique_ptr<Clock> make_clock(const StudyOptions& o) {
  if (auto t = parse_now_option(o.now)) return std::make_unique<OffsetClock>(*t);
  return std::make_unique<SystemClock>();
}

std::filesystem::path database_path(const Context& ctx) {
  return store::database_path(ctx.db, store::process_environment());
}

std::optional<store::Store> open_store_for_saving(const Context& ctx) {
  if (ctx.no_save) return std::nullopt;
  return store::Store::open(database_path(ctx), store::Access::read_write);
}

std::optional<store::Store> open_store_for_reading(const Context& ctx) {
  if (ctx.no_save) return std::nullopt;
  return store::Store::open_if_exists(database_path(ctx));
}

void refuse_no_save(const Context& ctx, const std::string& why) {
  if (ctx.no_save) throw_usage(why + "; leave out --no-save");
}

schedule::Parameters schedule_parameters(const StudyOptions& o) {
  schedule::Parameters p;
  p.desired_retention = o.retention;
  p.enable_fuzzing = !o.no_fuzz;
  return p;
}

std::chrono::seconds local_utc_offset(TimePoint t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  if (!localtime_r(&tt, &tm)) return std::chrono::seconds(0);
  return std::chrono::seconds(tm.tm_gmtoff);
}

std::string format_wait(std::chrono::seconds d) {
  const double s = static_cast<double>(d.count());
  if (s < 30) return std::to_string(std::max<long long>(1, d.count())) + " s";
  if (s < 3570) return std::to_string(std::max<long long>(1, std::llround(s / 60))) + " min";
  if (s < 86400) {
    const long long h = std::llround(s / 3600);
    return h >= 24 ? "1 day" : std::to_string(h) + " h";
  }
  const long long days = std::llround(s / 86400);
  return plural(static_cast<std::size_t>(days), "day", "days");
}

std::string next_review_text(const session::NextDue& n, TimePoint now,
                             const std::string& review_command) {
  if (n.due_now > 0)
    return plural(n.due_now, "card", "cards") + (n.due_now == 1 ? " is" : " are") +
           " due now: " + review_command;
  if (!n.next) return "nothing due; nothing scheduled yet";
  std::string s = "nothing due; next review in " +
                  format_wait(std::chrono::duration_cast<std::chrono::seconds>(*n.next - now)) +
                  " (" + plural(n.at_next, "card", "cards") + ")";
  // "N due tomorrow" adds something only when the next review is still today.
  const auto off = local_utc_offset(now);
  if (session::day_number(*n.next, off) == session::day_number(now, off) && n.tomorrow > 0)
    s += ", " + std::to_string(n.tomorrow) + " due tomorrow";
  return s;
}

std::string next_review_line(store::Store& db, const std::vector<std::string>& packs, TimePoint now,
                             const std::string& review_command) {
  std::vector<schedule::Card> cards;
  if (packs.empty()) {
    for (const auto& c : db.all_cards())
      if (c.key.pack != "drill") cards.push_back(c.card);
  } else {
    for (const auto& p : packs)
      for (const auto& c : db.cards_of_pack(p)) cards.push_back(c.card);
  }
  return next_review_text(session::next_due(cards, now, local_utc_offset(now)), now,
                          review_command);
}

std::string next_review_line(store::Store& db, const bank::Bank& bank, TimePoint now,
                             const BankOptions& opts) {
  std::vector<std::string> packs;
  for (const auto& p : bank.packs) packs.push_back(p.id);
  return next_review_line(db, packs, now, "qkv review" + bank_args_text(opts));
}

std::string saved_text(const session::Recorder& r, const std::optional<store::Store>& db,
                       const Context& ctx) {
  const std::size_t total = r.saved() + r.unsaved();
  if (total == 0) return "";
  auto answers = [](std::size_t n) { return plural(n, "answer", "answers"); };
  if (ctx.no_save) return "Not saved (--no-save): " + answers(total) + " forgotten.";
  if (r.unsaved() == 0) {
    const std::filesystem::path path = db ? db->path() : database_path(ctx);
    return "Saved " + answers(r.saved()) + " to " + sanitize_block(path.string()) + ".";
  }
  return "Saved " + answers(r.saved()) + "; " + answers(r.unsaved()) +
         " NOT saved (saving failed, see above).";
}

const char* rating_name(schedule::Rating r) {
  switch (r) {
    case schedule::Rating::again:
      return "Again";
    case schedule::Rating::hard:
      return "Hard";
    case schedule::Rating::good:
      return "Good";
    case schedule::Rating::easy:
      return "Easy";
  }
  return "?";
}

schedule::Rating ask_rating(term::LineReader& in, std::ostream& out, schedule::Rating suggested) {
  term::ReadRequest req;
  req.prompt =
      std::string("Rated ") + rating_name(suggested) + ". Enter keeps it, e = Easy, h = Hard: ";
  req.completions = {"easy", "hard"};
  for (;;) {
    out << std::flush;
    const term::ReadResult r = in.read(req);
    if (r.status != term::ReadStatus::line) {
      // The end of input or Ctrl-C: the suggested rating; the session's next read sees the same.
      if (r.status == term::ReadStatus::end_of_input) out << '\n';
      return suggested;
    }
    const std::string t = normalize_answer(r.text);
    if (t.empty()) return suggested;
    if (t == "e" || t == "easy") return schedule::Rating::easy;
    if (t == "h" || t == "hard") return schedule::Rating::hard;
    out << "Type e, h, or press Enter.\n";
  }
}

session::AfterAnswer recording_hook(session::Recorder& rec, const Clock& clock,
                                    term::LineReader& in, std::ostream& out,
                                    const term::Style& style, bool ask,
                                    session::CardStates* states) {
  return [&rec, &clock, &in, &out, style, ask, states](const session::Record& r) {
    const bank::Question& q = *r.presented->question;
    session::AnswerFacts a;
    a.key = session::key_of(q);
    a.content_hash = bank::content_hash(q);
    a.given = r.given;
    a.correct = r.result.correct;
    a.points = r.result.points;
    a.hinted = r.hints_used > 0;
    a.seconds = r.seconds;
    if (ask) a.rating = ask_rating(in, out, session::rating_for(a.correct, a.points, a.hinted));
    a.time = clock.now();
    const session::RecordOutcome o = rec.record(a);
    if (o.failure)
      out << style.bad("qkv: saving your progress failed: " + sanitize_block(*o.failure) +
                       "\nThe session goes on; the rest of your answers will not be saved.")
          << '\n';
    if (states) (*states)[a.key] = o.after;
  };
}

}  // namespace qkv::app
