// `qkv stats`: progress per concept (seen, true retention, stability, due, leeches), totals and
// the streak, a 14-day forecast of due cards as a bar chart, and 12 weeks of study as a calendar
// grid. --json gives the same numbers.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/bank_options.hpp"
#include "app/commands.hpp"
#include "app/study_options.hpp"
#include "core/iso_time.hpp"
#include "core/text.hpp"
#include "json/writer.hpp"
#include "session/progress_stats.hpp"
#include "session/review_plan.hpp"
#include "term/heatmap.hpp"
#include "term/terminal.hpp"

namespace qkv::app {

namespace {

struct StatsArgs {
  std::optional<std::string> concept_id;  ///< --concept ID
  bool json = false;                      ///< --json
  BankOptions bank;
  StudyOptions study;
};

/// A local day number written with a strftime format.
std::string format_day(std::int64_t day, const char* format) {
  const std::time_t t = static_cast<std::time_t>(day) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

/// "2026-11-30".
std::string date_of(std::int64_t day) {
  return format_day(day, "%Y-%m-%d");
}

/// "Mon 30 Nov".
std::string label_of(std::int64_t day) {
  return format_day(day, "%a %d %b");
}

std::string percent(double x) {
  return std::to_string(std::lround(100.0 * x)) + "%";
}

std::string fixed1(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

nlohmann::ordered_json to_json(const session::Stats& st, const std::string& db, TimePoint now) {
  nlohmann::ordered_json concepts = nlohmann::ordered_json::array();
  for (const auto& c : st.concepts) {
    const auto r = c.retention();
    concepts.push_back({{"id", c.id},
                        {"name", c.name},
                        {"questions", c.questions},
                        {"seen", c.seen},
                        {"retention", r ? nlohmann::ordered_json(*r) : nlohmann::ordered_json()},
                        {"mature_reviews", c.mature_reviews},
                        {"mature_right", c.mature_right},
                        {"average_stability_days",
                         c.average_stability ? nlohmann::ordered_json(*c.average_stability)
                                             : nlohmann::ordered_json()},
                        {"due", c.due},
                        {"leeches", c.leeches}});
  }
  nlohmann::ordered_json forecast = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < st.forecast.size(); ++i)
    forecast.push_back(
        {{"date", date_of(st.today + static_cast<std::int64_t>(i))}, {"due", st.forecast[i]}});
  nlohmann::ordered_json calendar = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < st.calendar.size(); ++i) {
    const auto day = st.calendar_start + static_cast<std::int64_t>(i);
    if (day > st.today) break;
    calendar.push_back({{"date", date_of(day)}, {"reviews", st.calendar[i]}});
  }
  return {{"database", db},
          {"now", format_iso_time(now)},
          {"concepts", concepts},
          {"totals",
           {{"reviews_today", st.reviews_today},
            {"reviews_week", st.reviews_week},
            {"reviews_all", st.reviews_all},
            {"streak_days", st.streak}}},
          {"forecast", forecast},
          {"calendar", calendar},
          {"leeches", st.leeches},
          {"changed", st.changed}};
}

// Laid out for a terminal `width` columns wide (0: no limit): when the concept ids leave too
// little room, each id takes a line of its own above its numbers.
std::string render_text(const session::Stats& st, const std::string& db, const term::Style& style,
                        std::size_t width) {
  std::string out =
      wrap(style.bold("Progress") + " (" + sanitize_line(db) + ")", "", "  ", width) + "\n";
  const std::string numbers_head = "   seen  retention  stability  due  leeches";
  std::size_t id_w = 7;
  for (const auto& c : st.concepts) id_w = std::max(id_w, display_width(sanitize_line(c.id)));
  const bool beside = width == 0 || id_w + display_width(numbers_head) <= width;
  if (!beside) id_w = 7;
  out += style.bold(pad_right("concept", id_w)) + numbers_head + "\n";
  for (const auto& c : st.concepts) {
    const auto r = c.retention();
    const std::string id = sanitize_line(c.id);
    std::string row;
    if (display_width(id) > id_w) {
      row = wrap(id, "", width);
      row += std::string(id_w, ' ');
    } else {
      row = pad_right(id, id_w);
    }
    row += "  " + pad_left(std::to_string(c.seen) + "/" + std::to_string(c.questions), 5) + "  " +
           pad_left(r ? percent(*r) + " of " + std::to_string(c.mature_reviews) : "-", 9) + "  " +
           pad_left(c.average_stability ? fixed1(*c.average_stability) + " d" : "-", 9) + "  " +
           pad_left(std::to_string(c.due), 3) + "  " +
           pad_left(c.leeches ? std::to_string(c.leeches) : "-", 7);
    out += (c.leeches ? style.warn(row) : row) + "\n";
  }
  out += wrap(
      "(retention: share of reviews of mature cards, interval 21 days or more, answered right)", "",
      width);
  out += "\n" + wrap("Reviews: " + std::to_string(st.reviews_today) + " today, " +
                         std::to_string(st.reviews_week) + " in the last 7 days, " +
                         std::to_string(st.reviews_all) +
                         " in all. Streak: " + plural(st.streak, "day", "days") + ".",
                     "", width);
  if (!st.leeches.empty()) {
    std::vector<std::string> names;
    for (const auto& c : st.concepts)
      if (c.leeches) names.push_back(sanitize_line(c.id));
    out += style.warn(wrap("Leeches (" + std::to_string(schedule::kLeechLapses) +
                               "+ lapses): " + sanitize_line(join(st.leeches, ", ")) +
                               "; concepts " + join(names, ", "),
                           "", "  ", width));
  }
  if (!st.changed.empty())
    out += wrap("Changed since you last reviewed them: " + sanitize_line(join(st.changed, ", ")),
                "", "  ", width);

  out += "\n" + style.bold("Due in the next 14 days") + "\n";
  const std::size_t top = *std::max_element(st.forecast.begin(), st.forecast.end());
  for (std::size_t i = 0; i < st.forecast.size(); ++i) {
    const std::size_t n = st.forecast[i];
    const std::size_t bar = top ? (n * 40 + top - 1) / top : 0;
    std::string b;
    for (std::size_t k = 0; k < bar; ++k) b += "█";
    const std::string label = i == 0   ? "today"
                              : i == 1 ? "tomorrow"
                                       : label_of(st.today + static_cast<std::int64_t>(i));
    out += pad_right(label, 11) + " " + pad_left(std::to_string(n), 4) + " " + b + "\n";
  }

  out += "\n" +
         wrap(style.bold("Days studied, last 12 weeks") + " (a column per week, Monday at the top)",
              "", width);
  const std::size_t most = *std::max_element(st.calendar.begin(), st.calendar.end());
  static const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (int row = 0; row < 7; ++row) {
    std::string line = std::string(kDays[row]) + " ";
    for (int week = 0; week < 12; ++week) {
      const std::size_t i = static_cast<std::size_t>(week * 7 + row);
      const std::int64_t day = st.calendar_start + static_cast<std::int64_t>(i);
      if (day > st.today) {
        line += "  ";
        continue;
      }
      const std::size_t n = st.calendar[i];
      line += n == 0 ? "·" : term::shade(static_cast<double>(n) / static_cast<double>(most));
      line += " ";
    }
    out += line + "\n";
  }
  out += wrap_block("(· none  ░ ▒ ▓ █ more reviews, up to " + std::to_string(most) +
                        " in a day; from " + date_of(st.calendar_start) + ")",
                    width);
  return out;
}

int run_stats(const StatsArgs& args, Context& ctx) {
  refuse_no_save(ctx, "stats shows the saved progress");
  const bank::Bank bank = load_bank(args.bank);
  const auto clock = make_clock(args.study);
  const TimePoint now = clock->now();
  std::optional<store::Store> db = open_store_for_reading(ctx);
  const std::string path = database_path(ctx).string();
  const session::Stats st = session::compute_stats(bank, db ? &*db : nullptr, now,
                                                   local_utc_offset(now), args.concept_id);
  if (args.json) {
    std::cout << json_text(to_json(st, path, now)) << std::flush;
    return 0;
  }
  const std::size_t width = term::output_width(1);
  std::cout << render_text(st, path, ctx.out_style(), width);
  if (!db) std::cout << "\n" << wrap("Nothing studied yet: start with qkv review.", "", width);
  std::cout << std::flush;
  return 0;
}

}  // namespace

void setup_stats(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* sub = &app;
  sub->add_option("--concept", args->concept_id, "One concept only (table and forecast)");
  sub->add_flag("--json", args->json, "The same numbers as one JSON document");
  add_bank_options(*sub, args->bank);
  add_now_option(*sub, args->study);
  sub->footer(
      "\nExamples:\n"
      "  qkv stats                      every concept of the built-in bank\n"
      "  qkv stats --concept scaling    one concept\n"
      "  qkv stats --json | jq .totals  the numbers for a script\n"
      "\nRetention is true retention: the share of reviews of mature cards (interval of 21 days\n"
      "or more) answered right. A leech is a card forgotten 8 times. Days are local days.\n");
  sub->callback([args, &ctx]() { ctx.exit_code = run_stats(*args, ctx); });
}

}  // namespace qkv::app
