// The progress store: what is kept, that it round-trips, that the log is append-only, and that
// bad files are refused with the right exit code and left as they were.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "store/store.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace qkv;
using qkv::test::at_ms;
using qkv::test::sample_review;
using qkv::test::TempDir;

namespace {

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The exit code of the Error that opening `p` throws (Exit::ok when it opens).
Exit open_error(const fs::path& p, std::string* message = nullptr,
                store::Access a = store::Access::read_write) {
  try {
    store::Store::open(p, a);
  } catch (const Error& e) {
    if (message) *message = e.diagnostics().at(0).message;
    CHECK(e.diagnostics().at(0).file == p.string());
    return e.code();
  }
  return Exit::ok;
}

std::int64_t pragma(const fs::path& p, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(p.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const auto v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

}  // namespace

TEST_CASE("store: a new database is created with its folder, in WAL mode, at the current version") {
  TempDir dir;
  const fs::path p = dir / "deep/er/progress.db";
  {
    auto s = store::Store::open(p);
    CHECK(s.review_count() == 0);
    CHECK(s.integrity_check() == "ok");
  }
  CHECK(fs::exists(p));
  CHECK(pragma(p, "PRAGMA user_version") == store::kSchemaVersion);
  CHECK(pragma(p, "PRAGMA application_id") == store::kApplicationId);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_CASE("store: a recorded answer comes back with every field, and sets the card's state") {
  TempDir dir;
  auto s = store::Store::open(dir / "p.db");
  const auto session = s.begin_session(store::SessionStart{
      .mode = store::Mode::review, .started = at_ms(1000), .command = "qkv review", .planned = 2});
  auto r = sample_review("q1", 5000, store::Correct::partial);
  r.session = session;
  r.given = "a,c ✓";
  r.hinted = true;
  r.rating = schedule::Rating::hard;
  r.after.state = schedule::State::learning;
  r.after.step = 1;
  r.after.reps = 2;
  r.after.lapses = 1;
  r.interval_days = 0.5;
  r.last_interval_days = 22.0;
  const auto id = s.record(r);
  CHECK(id > 0);

  std::vector<store::ReviewRecord> got;
  s.for_each_review({}, [&](const store::ReviewRecord& x) { got.push_back(x); });
  REQUIRE(got.size() == 1);
  const auto& g = got[0];
  CHECK(g.id == id);
  CHECK(g.time == r.time);
  CHECK(g.key == r.key);
  CHECK(g.content_hash == r.content_hash);
  CHECK(g.mode == store::Mode::review);
  CHECK(g.given == "a,c ✓");
  CHECK(g.correct == store::Correct::partial);
  CHECK(g.points == 0.5);
  CHECK(g.hinted);
  CHECK(g.rating == schedule::Rating::hard);
  CHECK(g.seconds == 4.25);
  CHECK(g.session == session);
  CHECK(g.after.state == schedule::State::learning);
  CHECK(g.after.step == 1);
  CHECK(g.after.stability == 3.5);
  CHECK(g.after.difficulty == 5.25);
  CHECK(g.after.due == r.after.due);
  CHECK(g.after.reps == 2);
  CHECK(g.after.lapses == 1);
  CHECK(g.interval_days == 0.5);
  CHECK(g.last_interval_days == 22.0);

  const auto card = s.card(r.key);
  REQUIRE(card);
  CHECK(card->card.state == schedule::State::learning);
  CHECK(card->card.step == 1);
  CHECK(card->card.due == r.after.due);
  CHECK(card->card.last_review == r.time);
  CHECK(card->card.reps == 2);
  CHECK(card->card.lapses == 1);
  CHECK(card->content_hash == r.content_hash);
  CHECK_FALSE(s.card(store::CardKey{"p", "other"}));

  // A second review of the same card replaces its state and adds to the log.
  auto r2 = sample_review("q1", 9000);
  r2.after.step = std::nullopt;
  r2.after.stability = std::nullopt;
  s.record(r2);
  CHECK(s.review_count() == 2);
  const auto card2 = s.card(r.key);
  REQUIRE(card2);
  CHECK(card2->card.state == schedule::State::review);
  CHECK_FALSE(card2->card.step.has_value());
  CHECK_FALSE(card2->card.stability.has_value());
  CHECK(s.cards_of_pack("p").size() == 1);
  CHECK(s.cards_of_pack("other").empty());
  s.end_session(
      session,
      store::SessionTotals{
          .ended = at_ms(10000), .answered = 2, .correct = 1, .points = 1.5, .unsaved = 0});
}

TEST_CASE("store: the review log is append-only") {
  TempDir dir;
  const fs::path p = dir / "p.db";
  store::Store::open(p).record(sample_review("q1", 5000));
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  CHECK(sqlite3_exec(db, "UPDATE reviews SET correct = 'no'", nullptr, nullptr, &err) ==
        SQLITE_CONSTRAINT);
  CHECK(std::string(err ? err : "").find("append-only") != std::string::npos);
  sqlite3_free(err);
  sqlite3_close(db);
}

TEST_CASE("store: queries for sessions, new cards, days and mature reviews") {
  TempDir dir;
  auto s = store::Store::open(dir / "p.db");
  const std::int64_t day = 86400000;
  const auto s1 = s.begin_session({store::Mode::quiz, at_ms(0), "qkv quiz", 3});
  const auto s2 = s.begin_session({store::Mode::review, at_ms(day), "qkv review", 3});
  auto add = [&](const std::string& q, std::int64_t ms, store::Correct c, std::int64_t session,
                 int reps, double last_interval) {
    auto r = sample_review(q, ms, c);
    r.session = session;
    r.after.reps = reps;
    r.last_interval_days = last_interval;
    s.record(r);
  };
  add("a", 100, store::Correct::no, s1, 1, 0);
  add("b", 200, store::Correct::yes, s1, 1, 0);
  add("c", day + 100, store::Correct::partial, s2, 1, 0);
  add("a", day + 200, store::Correct::no, s2, 2, 25);
  add("b", day + 300, store::Correct::yes, s2, 2, 21);
  add("a", day + 400, store::Correct::no, s2, 3, 0);  // 'a' missed twice: listed once

  const auto missed = s.last_session_misses();
  REQUIRE(missed.size() == 2);
  CHECK(missed[0].question == "c");
  CHECK(missed[1].question == "a");

  CHECK(s.new_cards_since(at_ms(0)) == 3);
  CHECK(s.new_cards_since(at_ms(day)) == 1);
  CHECK(s.reviews_between(at_ms(0), at_ms(day)) == 2);
  CHECK(s.reviews_between(at_ms(day), at_ms(2 * day)) == 4);

  const auto days = s.reviews_per_day(at_ms(0), std::chrono::seconds(0));
  REQUIRE(days.size() == 2);
  CHECK(days[0] == std::pair<std::int64_t, std::size_t>{0, 2});
  CHECK(days[1] == std::pair<std::int64_t, std::size_t>{1, 4});
  // An offset of -1 h puts the first day's reviews (at 00:00:00.1 UTC) on the day before.
  const auto shifted = s.reviews_per_day(at_ms(0), std::chrono::seconds(-3600));
  REQUIRE(shifted.size() == 2);
  CHECK(shifted[0] == std::pair<std::int64_t, std::size_t>{-1, 2});

  auto mature = s.mature_reviews("p");
  CHECK(s.mature_reviews("elsewhere").empty());
  std::sort(mature.begin(), mature.end(),
            [](const auto& x, const auto& y) { return x.key < y.key; });
  REQUIRE(mature.size() == 2);
  CHECK(mature[0].key.question == "a");
  CHECK(mature[0].reviews == 1);
  CHECK(mature[0].right == 0);
  CHECK(mature[1].key.question == "b");
  CHECK(mature[1].right == 1);
}

TEST_CASE("store: reset forgets one pack, listed cards, or everything, and counts first") {
  TempDir dir;
  auto s = store::Store::open(dir / "p.db");
  auto other = sample_review("x", 100);
  other.key.pack = "other";
  s.record(other);
  s.record(sample_review("a", 200));
  s.record(sample_review("a", 300));
  s.record(sample_review("b", 400));

  store::CardFilter only_a;
  only_a.cards = std::vector<store::CardKey>{{"p", "a"}};
  const auto would = s.count(only_a);
  CHECK(would.cards == 1);
  CHECK(would.reviews == 2);
  CHECK(s.review_count() == 4);  // counting deletes nothing
  CHECK(s.reset(only_a).reviews == 2);
  CHECK_FALSE(s.card({"p", "a"}));
  CHECK(s.card({"p", "b"}));

  store::CardFilter pack_p;
  pack_p.pack = "p";
  CHECK(s.count(pack_p).cards == 1);
  s.reset(pack_p);
  CHECK(s.cards_of_pack("p").empty());
  CHECK(s.cards_of_pack("other").size() == 1);

  const auto all = s.reset({});
  CHECK(all.reviews == 1);
  CHECK(s.review_count() == 0);
  CHECK(s.all_cards().empty());
}

TEST_CASE("store: two connections to one file both keep every answer") {
  TempDir dir;
  auto a = store::Store::open(dir / "p.db");
  auto b = store::Store::open(dir / "p.db");
  for (int i = 0; i < 20; ++i) {
    a.record(sample_review("a" + std::to_string(i), i));
    b.record(sample_review("b" + std::to_string(i), i));
  }
  CHECK(a.review_count() == 40);
  CHECK(b.all_cards().size() == 40);
}

TEST_CASE("store: several qkv creating one new database at the same moment all open it") {
  // The race of two terminals started together on a new file: one makes the schema while the
  // others read the header or switch to WAL. Every opener must succeed and see one schema.
  TempDir dir;
  for (int round = 0; round < 25; ++round) {
    const auto path = dir / ("p" + std::to_string(round) + ".db");
    std::vector<std::string> errors(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < errors.size(); ++t)
      threads.emplace_back([&, t] {
        try {
          auto s = store::Store::open(path);
          s.record(sample_review("t" + std::to_string(t), static_cast<int>(t)));
        } catch (const std::exception& e) {
          errors[t] = e.what();
        }
      });
    for (auto& th : threads) th.join();
    for (const auto& e : errors) CHECK_MESSAGE(e.empty(), e);
    CHECK(store::Store::open(path).review_count() == 4);
  }
}

TEST_CASE("store: a file that is not a database is refused (65) and left byte for byte") {
  TempDir dir;
  const fs::path p = dir / "notes.db";
  std::string junk = "These are my notes, not a database.\n";
  for (int i = 0; i < 200; ++i) junk += "line " + std::to_string(i) + "\n";
  std::ofstream(p, std::ios::binary) << junk;
  std::string message;
  CHECK(open_error(p, &message) == Exit::data);
  CHECK(message.find("not a qkv progress database") != std::string::npos);
  CHECK(message.find("--no-save") != std::string::npos);
  CHECK(file_bytes(p) == junk);
  CHECK_FALSE(fs::exists(dir / "notes.db-wal"));
}

TEST_CASE("store: a file shorter than SQLite's header is refused too, not taken for a new one") {
  TempDir dir;
  for (const std::string& junk : {std::string("x"), std::string("SQLite"), std::string(99, '\0')}) {
    const fs::path p = dir / "short.db";
    std::ofstream(p, std::ios::binary | std::ios::trunc) << junk;
    CHECK(open_error(p) == Exit::data);
    CHECK(open_error(p, nullptr, store::Access::read_only) == Exit::data);
    CHECK(file_bytes(p) == junk);
  }
}

TEST_CASE("store: a damaged qkv database is refused (65) and not repaired") {
  TempDir dir;
  const fs::path p = dir / "p.db";
  {
    auto s = store::Store::open(p);
    for (int i = 0; i < 200; ++i) s.record(sample_review("q" + std::to_string(i), i));
  }
  std::string bytes = file_bytes(p);
  REQUIRE(bytes.size() > 8192);
  // Overwrite the b-tree pages after the header page with noise.
  for (std::size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 31 + 7);
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
  std::string message;
  try {
    auto s = store::Store::open(p);
    s.review_count();
    s.all_cards();
    FAIL("a damaged database was read without an error");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::data);
    CHECK(e.diagnostics().at(0).message.find("damaged") != std::string::npos);
  }
  CHECK(file_bytes(p) == bytes);
}

TEST_CASE("store: another program's SQLite file is refused (65) and left alone") {
  TempDir dir;
  const fs::path p = dir / "other.sqlite";
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const std::string before = file_bytes(p);
  std::string message;
  CHECK(open_error(p, &message) == Exit::data);
  CHECK(message.find("another program") != std::string::npos);
  CHECK(file_bytes(p) == before);
}

TEST_CASE("store: a database made by a newer qkv is refused (65) and left alone") {
  TempDir dir;
  const fs::path p = dir / "p.db";
  store::Store::open(p);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  const std::string sql = "PRAGMA user_version = " + std::to_string(store::kSchemaVersion + 1);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const std::string before = file_bytes(p);
  std::string message;
  CHECK(open_error(p, &message) == Exit::data);
  CHECK(message.find("newer qkv") != std::string::npos);
  CHECK(open_error(p, nullptr, store::Access::read_only) == Exit::data);
  CHECK(file_bytes(p) == before);
  CHECK(pragma(p, "PRAGMA user_version") == store::kSchemaVersion + 1);
}

TEST_CASE("store: a read-only database is refused for writing (66) but can still be read") {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0755));
  const fs::path p = dir / "p.db";
  {
    auto s = store::Store::open(p);
    s.record(sample_review("q", 1));
  }
  // Fold the WAL into the file so that a reader needs nothing but the file.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  fs::permissions(p, fs::perms(0444));
  const int write_code = qkv::test::run_unprivileged([&] {
    std::string message;
    const Exit e = open_error(p, &message);
    return message.find("read-only") != std::string::npos ? static_cast<int>(e) : 1;
  });
  CHECK(write_code == static_cast<int>(Exit::no_input));
  const int reads = qkv::test::run_unprivileged([&] {
    auto s = store::Store::open(p, store::Access::read_only);
    return static_cast<int>(s.review_count());
  });
  CHECK(reads == 1);
}

TEST_CASE("store: a full disk fails the answer being saved (66) and keeps every earlier one") {
  TempDir dir;
  auto s = store::Store::open(dir / "p.db");
  s.record(sample_review("first", 0));
  s.limit_pages(20);  // SQLite never sets it below the pages already used
  std::size_t saved = 1;
  bool failed = false;
  std::string message;
  for (int i = 0; i < 5000 && !failed; ++i) {
    auto r = sample_review("q" + std::to_string(i), i);
    r.given = std::string(400, 'x');
    try {
      s.record(r);
      ++saved;
    } catch (const Error& e) {
      failed = true;
      CHECK(e.code() == Exit::no_input);
      message = e.diagnostics().at(0).message;
    }
  }
  REQUIRE(failed);
  CHECK(message.find("disk is full") != std::string::npos);
  CHECK(s.review_count() == saved);
  CHECK(s.all_cards().size() == saved);  // the failed answer left no half: no card without log
  CHECK(s.integrity_check() == "ok");
}
