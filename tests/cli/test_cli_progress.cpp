// Progress end to end: `qkv review`, `qkv stats`, `qkv progress export|reset`, saving from quiz,
// the three-day story with --now, a kill -9 mid-session, two processes at once, and the bad
// database files. Every run uses a database in a temporary folder (never the real home).
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>

#include "db_query.hpp"
#include "helpers.hpp"
#include "support/temp_dir.hpp"

using namespace qkv_test;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::string kDay1 = "2026-03-02T09:00:00Z";
// "Day 1 + 10 min" as the learner sees it: the misses' 1-minute step has long passed, the right
// answers' 10-minute step (from the moment each was answered, a few ms after 09:00:00) not yet.
// At 09:10:00 sharp a card answered in the session's first millisecond would be due as well.
const std::string kDay1Plus10 = "2026-03-02T09:09:30Z";
const std::string kDay2 = "2026-03-03T09:00:00Z";

std::string tf_pack() {
  return data_path("progress/tf10.json");
}

/// The question ids in the order the session asked them ("Statement b1 is true." -> "b1").
std::vector<std::string> asked(const std::string& out) {
  std::vector<std::string> ids;
  const std::string mark = "Statement ";
  for (auto at = out.find(mark); at != std::string::npos; at = out.find(mark, at + 1)) {
    const auto end = out.find(' ', at + mark.size());
    ids.push_back(out.substr(at + mark.size(), end - at - mark.size()));
  }
  return ids;
}

/// One line per question: "t" (right) unless the id is in `wrong` ("f").
std::string answers_for(const std::vector<std::string>& order, const std::set<std::string>& wrong) {
  std::string s;
  for (const auto& id : order) s += wrong.count(id) ? "f\n" : "t\n";
  return s;
}

/// A pack of n true statements "s001"... on one concept, written to dir as ID.json.
std::string big_pack(const fs::path& dir, int n, const std::string& id = "big") {
  json qs = json::array();
  for (int i = 1; i <= n; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "s%03d", i);
    qs.push_back({{"id", id},
                  {"type", "true_false"},
                  {"concepts", {"c"}},
                  {"difficulty", 1},
                  {"prompt", std::string("Statement ") + id + " is true."},
                  {"answer", true},
                  {"explanation", "true"},
                  {"source", "test"}});
  }
  json pack = {{"format", "qkv-pack/1"},
               {"id", id},
               {"title", "Big"},
               {"version", "0.1.0"},
               {"concepts", {{{"id", "c"}, {"name", "C"}, {"summary", "c"}}}},
               {"questions", qs}};
  const auto p = dir / (id + ".json");
  std::ofstream(p) << pack.dump();
  return p.string();
}

const std::vector<std::string> kConceptOrder = {"b1", "b2", "b3", "b4", "m1",
                                                "m2", "m3", "a1", "a2", "a3"};

}  // namespace

TEST_CASE("review on an empty database: new questions in concept-map order, then the next review") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  const auto r = run_qkv({"review", "--pack", tf_pack(), "--db", db, "--now", kDay1, "--no-rate",
                          "--no-fuzz", "--seed", "1"},
                         with_input(answers_for(kConceptOrder, {"b2", "m1", "a3"})));
  CHECK(r.exit_code == 0);
  // The pack lists advanced, middle, basics; the map puts prerequisites first.
  CHECK(asked(r.out) == kConceptOrder);
  CHECK(contains(r.out, "Review: 0 cards due, 10 new questions."));
  CHECK(contains(r.out, "Saved 10 answers to " + db + "."));
  CHECK(contains(r.out, "Try these again:        qkv quiz --missed --pack"));
  // Wrong answers come back after the 1-minute learning step: 3 cards in a minute.
  CHECK(contains(r.out, "nothing due; next review in 1 min (3 cards)", true));
  CHECK(query_int(db, "SELECT count(*) FROM reviews") == 10);
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE correct = 'no' AND rating = 1") == 3);
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE correct = 'yes' AND rating = 3") == 7);
  CHECK(query_int(db, "SELECT count(*) FROM sessions WHERE mode = 'review' AND answered = 10") ==
        1);
}

TEST_CASE("the three-day story: misses come back in 10 minutes, the rest by their intervals") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  const std::vector<std::string> base = {"--pack",    tf_pack(),   "--db",   db,
                                         "--no-rate", "--no-fuzz", "--seed", "1"};
  auto review_at = [&](const std::string& now, const std::string& input) {
    std::vector<std::string> args = {"review", "--now", now};
    args.insert(args.end(), base.begin(), base.end());
    return run_qkv(args, with_input(input));
  };
  // Day 1: ten new cards, three wrong.
  const auto d1 = review_at(kDay1, answers_for(kConceptOrder, {"b2", "m1", "a3"}));
  REQUIRE(d1.exit_code == 0);
  REQUIRE(asked(d1.out) == kConceptOrder);

  // Day 1 + 10 min: the three come back; the right ones are not due yet.
  std::map<std::string, std::int64_t> due1;
  for (const std::string id : {"b2", "m1", "a3"})
    due1[id] = query_int(db, "SELECT due_ms FROM cards WHERE question = '" + id + "'");
  const auto d1b = review_at(kDay1Plus10, "t\nt\nt\n");
  CHECK(d1b.exit_code == 0);
  // The most overdue first (answers given in the same millisecond share a due time; ties keep
  // pack order, so the order is checked against the due times).
  const auto order1b = asked(d1b.out);
  REQUIRE(order1b.size() == 3);
  CHECK(std::set<std::string>(order1b.begin(), order1b.end()) ==
        std::set<std::string>{"b2", "m1", "a3"});
  CHECK(due1[order1b[0]] <= due1[order1b[1]]);
  CHECK(due1[order1b[1]] <= due1[order1b[2]]);
  CHECK(contains(d1b.out, "Review: 3 cards due, 0 new questions."));

  // Day 2: every card is due; the seven right ones first (due since 09:10), then the three.
  const auto d2 = review_at(kDay2, answers_for(kConceptOrder, {}));
  CHECK(d2.exit_code == 0);
  // (Answers a millisecond apart can share a due time; ties keep pack order, so compare sets.)
  const auto order2 = asked(d2.out);
  REQUIRE(order2.size() == 10);
  CHECK(std::set<std::string>(order2.begin(), order2.begin() + 7) ==
        std::set<std::string>{"b1", "b3", "b4", "m2", "m3", "a1", "a2"});
  CHECK(std::set<std::string>(order2.begin() + 7, order2.end()) ==
        std::set<std::string>{"b2", "m1", "a3"});

  // The log, exported: the intervals of day 1 are py-fsrs's learning steps (Good on a new card:
  // step 1, 10 minutes; Again: step 0, 1 minute).
  const auto ex = run_qkv({"progress", "export", "--format", "json", "--db", db});
  REQUIRE(ex.exit_code == 0);
  const json rows = json::parse(ex.out);
  REQUIRE(rows.size() == 23);
  for (std::size_t i = 0; i < 10; ++i) {
    const auto& row = rows[i];
    CAPTURE(row.dump());
    CHECK(row["state"] == "learning");
    const double minutes = row["correct"] == "yes" ? 10.0 : 1.0;
    CHECK(row["interval_days"].get<double>() == doctest::Approx(minutes / 1440.0).epsilon(1e-6));
    CHECK(row["step"] == (row["correct"] == "yes" ? 1 : 0));
  }
  // Day 2: the right cards' second Good graduates them to review with a whole-day interval.
  std::map<std::string, json> last;
  for (const auto& row : rows) last[row["question"]] = row;
  for (const auto& entry : last) {
    const std::string& id = entry.first;  // not a binding: clang 14's CAPTURE cannot take one
    const json& row = entry.second;
    CAPTURE(id);
    CHECK(row["state"] == "review");
    CHECK(row["interval_days"].get<double>() >= 1.0);
  }

  // Stats on day 2: every count from the log.
  const auto st = run_qkv({"stats", "--json", "--pack", tf_pack(), "--db", db, "--now", kDay2});
  REQUIRE(st.exit_code == 0);
  const json s = json::parse(st.out);
  CHECK(s["totals"]["reviews_all"] == 23);
  CHECK(s["totals"]["reviews_today"] == 10);
  CHECK(s["totals"]["reviews_week"] == 23);
  CHECK(s["totals"]["streak_days"] == 2);
  std::map<std::string, json> by_id;
  for (const auto& c : s["concepts"]) by_id[c["id"]] = c;
  CHECK(s["concepts"][0]["id"] == "basics");  // study order
  CHECK(by_id["basics"]["seen"] == 4);
  CHECK(by_id["basics"]["questions"] == 4);
  CHECK(by_id["middle"]["seen"] == 3);
  CHECK(by_id["advanced"]["due"] == 0);
  CHECK(by_id["basics"]["retention"].is_null());  // no mature card yet
  // The forecast, recomputed from the export's due times (UTC days counted from day 2).
  std::vector<int> forecast(14, 0);
  const auto day2 = std::string("2026-03-03");
  for (const auto& [id, row] : last) {
    const std::string due = row["due"];
    // Days after 2026-03-03 within March (the intervals here are short).
    const int d = std::stoi(due.substr(8, 2)) - 3 + (due.substr(5, 2) == "04" ? 31 : 0);
    if (d < 14) ++forecast[static_cast<std::size_t>(std::max(0, d))];
  }
  for (std::size_t i = 0; i < 14; ++i) {
    CAPTURE(i);
    CHECK(s["forecast"][i]["due"] == forecast[i]);
  }
  CHECK(s["forecast"][0]["date"] == day2);
  // The calendar's last days: 10 reviews today, 13 yesterday.
  const auto& cal = s["calendar"];
  REQUIRE(cal.size() >= 2);
  CHECK(cal[cal.size() - 1]["reviews"] == 10);
  CHECK(cal[cal.size() - 2]["reviews"] == 13);
  CHECK(cal[cal.size() - 1]["date"] == day2);

  // The text form draws the same numbers.
  const auto text = run_qkv({"stats", "--pack", tf_pack(), "--db", db, "--now", kDay2});
  CHECK(text.exit_code == 0);
  CHECK(contains(text.out, "Reviews: 10 today, 23 in the last 7 days, 23 in all. Streak: 2 days."));
  CHECK(contains(text.out, "Due in the next 14 days"));
  CHECK(contains(text.out, "Days studied, last 12 weeks"));
}

TEST_CASE("review: nothing due says when the next review is, and --new caps new cards per day") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  const std::vector<std::string> common = {"--pack", tf_pack(), "--db", db, "--no-rate"};
  auto run = [&](std::vector<std::string> extra, const std::string& input) {
    std::vector<std::string> args = {"review"};
    args.insert(args.end(), common.begin(), common.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return run_qkv(args, with_input(input));
  };
  auto r = run({"--now", kDay1, "--new", "4"}, "t\nt\nt\nt\n");
  CHECK(asked(r.out) == std::vector<std::string>{"b1", "b2", "b3", "b4"});
  // Later the same day the cap is used up: nothing new, nothing due yet.
  r = run({"--now", "2026-03-02T09:05:00Z", "--new", "4"}, "");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out,
                 "Nothing to review (the 4 new cards of today are done; 6 new questions wait)."));
  CHECK(contains(r.out, "nothing due; next review in 5 min (4 cards)", true));
  // --limit cuts a session short.
  r = run({"--now", "2026-03-02T12:00:00Z", "--new", "10", "--limit", "2"}, "t\nt\n");
  CHECK(asked(r.out).size() == 2);
  CHECK(contains(r.out, "Review: 2 cards due, 0 new questions."));
}

TEST_CASE("review: a skip saves nothing, and --new counts the day's new cards of every mode") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  const std::vector<std::string> common = {"--pack", tf_pack(), "--db", db, "--no-rate"};
  auto run = [&](std::string command, std::vector<std::string> extra, const std::string& input) {
    std::vector<std::string> args = {std::move(command)};
    args.insert(args.end(), common.begin(), common.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return run_qkv(args, with_input(input));
  };
  // b1 skipped, b2-b4 answered: three reviews; b1 has no review and no card.
  auto r = run("review", {"--now", kDay1, "--new", "4"}, "skip\nt\nt\nt\n");
  CHECK(asked(r.out) == std::vector<std::string>{"b1", "b2", "b3", "b4"});
  CHECK(query_int(db, "SELECT count(*) FROM reviews") == 3);
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE question = 'b1'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM cards WHERE question = 'b1'") == 0);
  // Later that day b1 is still new, and only 3 of the 4 new cards of the day are used.
  r = run("review", {"--now", "2026-03-02T09:05:00Z", "--new", "4"}, "t\n");
  CHECK(contains(r.out, "Review: 0 cards due, 1 new question."));
  CHECK(asked(r.out) == std::vector<std::string>{"b1"});
  // A quiz's first answers count as new cards too: the next day, 2 new cards in a quiz leave
  // 2 of --new 4 for the review.
  r = run("quiz", {"--now", kDay2, "-n", "2", "--concept", "advanced", "--seed", "1"}, "t\nt\n");
  CHECK(r.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE mode = 'quiz' AND reps = 1") == 2);
  r = run("review", {"--now", "2026-03-03T09:01:00Z", "--new", "4", "--concept", "middle"}, "");
  CHECK(contains(r.out, "Review: 0 cards due, 2 new questions."));
}

TEST_CASE("review: the e/h/Enter prompt changes the rating saved") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  const auto r = run_qkv(
      {"review", "--pack", tf_pack(), "--db", db, "--now", kDay1, "--limit", "3", "--no-fuzz"},
      with_input("t\ne\nt\n\nt\nx\nh\n"));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Rated Good. Enter keeps it, e = Easy, h = Hard:"));
  CHECK(contains(r.out, "Type e, h, or press Enter."));
  CHECK(query_text(
            db, "SELECT group_concat(rating, ',') FROM (SELECT rating FROM reviews ORDER BY id)") ==
        "4,3,2");
}

TEST_CASE("quiz saves its answers, and quiz --missed asks the last session's misses") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  auto r =
      run_qkv({"quiz", "--pack", tf_pack(), "--db", db, "-n", "10", "--in-order", "--seed", "3"},
              with_input("f\nt\nf\nt\nt\nt\nt\nt\nt\nf\n"));
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "Saved 10 answers to " + db + "."));
  CHECK(contains(r.out, "Try these again:        qkv quiz --missed --pack"));
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE mode = 'quiz'") == 10);
  // In pack order: a1 a2 a3 m1 m2 m3 b1 b2 b3 b4; missed a1, a3, b4.
  r = run_qkv({"quiz", "--missed", "--pack", tf_pack(), "--db", db, "--in-order"},
              with_input("t\nt\nt\n"));
  CHECK(r.exit_code == 0);
  CHECK(asked(r.out) == std::vector<std::string>{"a1", "a3", "b4"});
  // That session missed nothing, so --missed now has nothing to ask.
  r = run_qkv({"quiz", "--missed", "--pack", tf_pack(), "--db", db});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Nothing to try again"));
}

TEST_CASE("--no-save reads and writes no database; the default one lives under XDG_DATA_HOME") {
  qkv::test::TempDir dir;
  const auto xdg = dir / "xdg";
  std::map<std::string, std::string> env = {{"XDG_DATA_HOME", xdg.string()},
                                            {"HOME", (dir / "home").string()}};
  auto r =
      run_qkv({"quiz", "--pack", tf_pack(), "-n", "2", "--no-save"}, with_input("t\nt\n", env));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Not saved (--no-save): 2 answers forgotten."));
  CHECK_FALSE(fs::exists(xdg));
  CHECK_FALSE(fs::exists(dir / "home"));
  r = run_qkv({"quiz", "--pack", tf_pack(), "-n", "2"}, with_input("t\nt\n", env));
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(xdg / "qkv" / "progress.db"));
  CHECK(query_int(xdg / "qkv" / "progress.db", "SELECT count(*) FROM reviews") == 2);
  // Without XDG_DATA_HOME: ~/.local/share/qkv/progress.db, its folders made on first use.
  env.erase("XDG_DATA_HOME");
  env["XDG_DATA_HOME"] = "<unset>";
  r = run_qkv({"quiz", "--pack", tf_pack(), "-n", "1"}, with_input("t\n", env));
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "home" / ".local" / "share" / "qkv" / "progress.db"));
  // QKV_DB beats both; --db beats QKV_DB.
  env["QKV_DB"] = (dir / "env.db").string();
  r = run_qkv({"quiz", "--pack", tf_pack(), "-n", "1"}, with_input("t\n", env));
  CHECK(fs::exists(dir / "env.db"));
  r = run_qkv({"quiz", "--pack", tf_pack(), "-n", "1", "--db", (dir / "flag.db").string()},
              with_input("t\n", env));
  CHECK(fs::exists(dir / "flag.db"));
  CHECK(query_int(dir / "env.db", "SELECT count(*) FROM reviews") == 1);
}

TEST_CASE("exam records at submission and drill under its kind and level") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  auto r = run_qkv({"exam", "--pack", tf_pack(), "--db", db, "-n", "3", "--seed", "2"},
                   with_input("t\nt\nf\n"));  // the end of input submits the paper
  CHECK((r.exit_code == 0 || r.exit_code == 1));
  CHECK(contains(r.out, "Saved 3 answers to " + db + ".", true));
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE mode = 'exam'") == 3);
  CHECK(query_int(db, "SELECT count(DISTINCT time_ms) FROM reviews WHERE mode = 'exam'") == 1);
  // The summary says when the next review is due (1 or 10 minutes away: learning steps).
  CHECK(contains(r.out, "nothing due; next review in ", true));

  const auto dj = run_qkv(
      {"drill", "--kind", "softmax", "--level", "1", "-n", "1", "--seed", "5", "--format", "json"});
  REQUIRE(dj.exit_code == 0);
  const json ex = json::parse(dj.out)["exercises"][0];
  std::string input;
  for (const auto& p : ex["parts"]) input += typed(p["answer"]) + "\n";
  r = run_qkv({"drill", "--kind", "softmax", "--level", "1", "-n", "1", "--seed", "5", "--db", db},
              with_input(input));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Saved 1 answer to " + db + ".", true));
  CHECK(contains(r.out, "nothing due; next review in ", true));  // of the exam's cards
  CHECK(query_text(db,
                   "SELECT pack || '/' || question || ' ' || correct FROM reviews WHERE "
                   "mode = 'drill'") == "drill/softmax/1 yes");
}

TEST_CASE("export writes one row per review as CSV or JSON; reset asks before it deletes") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  run_qkv({"review", "--pack", tf_pack(), "--db", db, "--now", kDay1, "--no-rate", "--limit", "4"},
          with_input("t\nf\nt\nt\n"));
  const auto csv_path = (dir / "out.csv").string();
  auto r = run_qkv({"progress", "export", "--db", db, "-o", csv_path});
  CHECK(r.exit_code == 0);
  const auto lines = lines_of(read_file(csv_path));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] ==
        "review_id,time,pack,question,content_hash,mode,given,correct,points,hinted,rating,"
        "rating_name,seconds,session_id,state,step,stability,difficulty,due,interval_days,"
        "last_interval_days,reps,lapses");
  CHECK(lines[2].find(",tf,b2,") != std::string::npos);
  CHECK(lines[2].find(",review,f,no,0,0,1,Again,") != std::string::npos);
  CHECK(lines[1].rfind("1,2026-03-02T09:00:", 0) == 0);
  r = run_qkv({"progress", "export", "--db", db, "--format", "json"});
  CHECK(json::parse(r.out).size() == 4);

  // reset without --yes deletes nothing and says what it would delete.
  r = run_qkv({"progress", "reset", "--db", db, "--concept", "basics", "--bank", tf_pack()});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out,
                 "Would delete the progress on concept basics (4 questions): 4 cards and "
                 "4 reviews"));
  CHECK(contains(r.out, "Nothing was deleted."));
  CHECK(query_int(db, "SELECT count(*) FROM reviews") == 4);
  r = run_qkv({"progress", "reset", "--db", db, "--pack", "other", "--yes"});
  CHECK(contains(r.out, "Deleted the progress on pack other: 0 cards and 0 reviews."));
  r = run_qkv(
      {"progress", "reset", "--db", db, "--concept", "basics", "--bank", tf_pack(), "--yes"});
  CHECK(r.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM reviews") == 0);
  r = run_qkv({"progress", "reset", "--db", db, "--concept", "nope", "--bank", tf_pack()});
  CHECK(r.exit_code == 2);
}

TEST_CASE("kill -9 after 50 answers: all 50 are in the log and the database is intact") {
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  const auto pack = big_pack(dir.path(), 60);
  std::string input;
  for (int i = 0; i < 50; ++i) input += "t\n";
  RunOptions o = with_input(input);
  o.keep_stdin_open = true;  // the 51st question waits for an answer that never comes
  o.signal_on_output = "Question 51/60";
  o.signal_number = SIGKILL;
  const auto r = run_qkv(
      {"review", "--pack", pack, "--db", db, "--new", "60", "--no-rate", "--now", kDay1}, o);
  CHECK(r.exit_code == -1);
  CHECK(r.signal == SIGKILL);
  CHECK_FALSE(r.timed_out);
  CHECK(query_int(db, "SELECT count(*) FROM reviews") == 50);
  CHECK(query_int(db, "SELECT count(*) FROM cards") == 50);
  CHECK(query_text(db, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("two review sessions answering into one database at once lose nothing") {
  // Two terminals, each studying its own pack, start together on a database that does not exist
  // yet (both create it) and answer a line every 15 ms, so that their saving interleaves.
  qkv::test::TempDir dir;
  const auto db = (dir / "p.db").string();
  std::string input;
  for (int i = 0; i < 40; ++i) input += "t\n";
  auto session = [&](const std::string& pack) {
    RunOptions o = with_input(input);
    o.line_interval_seconds = 0.015;
    o.timeout_seconds = 60;
    // --new 80: the daily cap of new cards counts both sessions' (it is the learner's, not a pack's).
    return run_qkv({"review", "--pack", pack, "--db", db, "--new", "80", "--no-rate", "--now", kDay1},
                   o);
  };
  const auto pack_a = big_pack(dir.path(), 40, "one");
  const auto pack_b = big_pack(dir.path(), 40, "two");
  auto a = std::async(std::launch::async, session, pack_a);
  auto b = std::async(std::launch::async, session, pack_b);
  const auto ra = a.get();
  const auto rb = b.get();
  CHECK(ra.exit_code == 0);
  CHECK(rb.exit_code == 0);
  CHECK(contains(ra.out, "Saved 40 answers", true));
  CHECK(contains(rb.out, "Saved 40 answers", true));
  CHECK(query_int(db, "SELECT count(*) FROM reviews") == 80);
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE pack = 'one'") == 40);
  CHECK(query_int(db, "SELECT count(*) FROM reviews WHERE pack = 'two'") == 40);
  CHECK(query_int(db, "SELECT count(DISTINCT session_id) FROM reviews") == 2);
  CHECK(query_int(db, "SELECT count(*) FROM cards") == 80);
  // They did write at the same time: each one's answers lie between the other's.
  CHECK(query_int(db, "SELECT (SELECT min(id) FROM reviews WHERE pack = 'one') < (SELECT max(id) "
                      "FROM reviews WHERE pack = 'two') AND (SELECT min(id) FROM reviews WHERE "
                      "pack = 'two') < (SELECT max(id) FROM reviews WHERE pack = 'one')") == 1);
  CHECK(query_text(db, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("bad database files: exit 65 or 66 with the path and what to do, file untouched") {
  qkv::test::TempDir dir;
  SUBCASE("not a database") {
    const auto p = (dir / "notes.db").string();
    std::ofstream(p) << std::string(5000, 'n');
    const auto before = read_file(p);
    const auto r = run_qkv({"review", "--pack", tf_pack(), "--db", p});
    CHECK(r.exit_code == 65);
    CHECK(contains(r.err, p + ": error: not a qkv progress database"));
    CHECK(contains(r.err, "--no-save"));
    CHECK(read_file(p) == before);
    const auto s = run_qkv({"stats", "--pack", tf_pack(), "--db", p});
    CHECK(s.exit_code == 65);
  }
  SUBCASE("made by a newer qkv") {
    const auto p = dir / "new.db";
    run_qkv({"quiz", "--pack", tf_pack(), "-n", "1", "--db", p.string()}, with_input("t\n"));
    query_int(p, "SELECT 1");
    {
      sqlite3* h = nullptr;
      REQUIRE(sqlite3_open(p.c_str(), &h) == SQLITE_OK);
      REQUIRE(sqlite3_exec(h, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(h);
    }
    const auto r = run_qkv({"review", "--pack", tf_pack(), "--db", p.string()});
    CHECK(r.exit_code == 65);
    CHECK(contains(r.err, "newer qkv"));
  }
  SUBCASE("the disk fills up mid-session: told once, the session goes on, the summary counts") {
    const auto p = (dir / "full.db").string();
    const auto pack = big_pack(dir.path(), 120);
    // One answer makes the database with its schema; then a page limit two pages above its size
    // makes SQLite report a full disk (SQLITE_FULL) well before 119 more answers fit.
    REQUIRE(run_qkv({"review", "--pack", pack, "--db", p, "--limit", "1", "--no-rate"},
                    with_input("t\n"))
                .exit_code == 0);
    const auto pages = query_int(p, "PRAGMA page_count");
    std::string input;
    for (int i = 0; i < 119; ++i) input += "t\n";
    const auto r = run_qkv(
        {"review", "--pack", pack, "--db", p, "--new", "120", "--no-rate"},
        with_input(input, {{"QKV_TEST_MAX_PAGES", std::to_string(pages + 2)}}));
    CHECK(r.exit_code == 0);
    CHECK(count_of(r.out, "saving your progress failed") == 1);
    CHECK(contains(r.out, "the disk is full"));
    CHECK(contains(r.out, "Session complete: 119 of 119 questions answered."));
    const auto saved = query_int(p, "SELECT count(*) FROM reviews") - 1;
    CHECK(saved > 0);
    CHECK(saved < 119);
    CHECK(contains(r.out,
                   "Saved " + std::to_string(saved) + " answers; " + std::to_string(119 - saved) +
                       " answers NOT saved",
                   true));
    CHECK(query_text(p, "PRAGMA integrity_check") == "ok");
  }
}
