// PRAGMA user_version and the migration path: a database of every earlier version (0 = an empty
// file) opens, is brought to kSchemaVersion, and keeps what it held. When a version is added,
// add what it must keep to `fill` below.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>

#include "store/store.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qkv;

namespace {

/// Puts data into a database at `version` with that version's own SQL (never the current
/// store's code, which may write columns the old version lacks).
void fill(const std::filesystem::path& p, int version) {
  if (version < 1) return;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  // Version 1's tables.
  const char* v1 =
      "INSERT INTO sessions(mode, started_ms, command) VALUES('quiz', 1000, 'qkv quiz');"
      "INSERT INTO cards(pack, question, state, step, stability, difficulty, due_ms, "
      "last_review_ms, reps, lapses, content_hash) VALUES('core', 'q1', 2, NULL, 3.17, 5.5, "
      "90000000, 1000, 1, 0, 'abc');"
      "INSERT INTO reviews(time_ms, pack, question, content_hash, mode, given, correct, points, "
      "hinted, rating, seconds, session_id, state, step, stability, difficulty, due_ms, reps, "
      "lapses, interval_days, last_interval_days) VALUES(1000, 'core', 'q1', 'abc', 'quiz', 'b', "
      "'yes', 1, 0, 3, 2.5, 1, 2, NULL, 3.17, 5.5, 90000000, 1, 0, 1.03, 0);";
  REQUIRE(sqlite3_exec(db, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("store migrations: every earlier version opens, is upgraded, and keeps its data") {
  for (int v = 0; v < store::kSchemaVersion; ++v) {
    CAPTURE(v);
    qkv::test::TempDir dir;
    const auto p = dir / "old.db";
    if (v == 0) {
      std::ofstream(p).close();  // version 0: an empty file, as a new database starts
    } else {
      store::migrate_file(p, 0, v);
      fill(p, v);
    }
    auto s = store::Store::open(p);
    CHECK(s.integrity_check() == "ok");
    // It is now at the current version: a current record goes in.
    s.record(qkv::test::sample_review("new", 5000));
    if (v >= 1) {
      const auto old = s.card(store::CardKey{"core", "q1"});
      REQUIRE(old);
      CHECK(old->card.stability == 3.17);
      CHECK(s.review_count() == 2);
    } else {
      CHECK(s.review_count() == 1);
    }
  }
}

TEST_CASE(
    "store migrations: the version and application id are written, and reopening is a no-op") {
  qkv::test::TempDir dir;
  const auto p = dir / "p.db";
  store::Store::open(p).record(qkv::test::sample_review("a", 1));
  auto again = store::Store::open(p);
  CHECK(again.review_count() == 1);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == store::kSchemaVersion);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_CASE("store migrations: version 2 adds the index that counts today's new cards") {
  qkv::test::TempDir dir;
  const auto p = dir / "v1.db";
  store::migrate_file(p, 0, 1);
  fill(p, 1);
  {
    auto s = store::Store::open(p);  // upgrades to the current version
    // The first review in fill() (reps 1, a quiz) at 1000 ms counts; the count reads the index.
    CHECK(s.new_cards_since(TimePoint(std::chrono::milliseconds(1000))) == 1);
    CHECK(s.new_cards_since(TimePoint(std::chrono::milliseconds(1001))) == 0);
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "EXPLAIN QUERY PLAN SELECT count(*) FROM reviews WHERE time_ms >= 0 "
                             "AND reps = 1 AND mode != 'drill'",
                             -1, &st, nullptr) == SQLITE_OK);
  std::string plan;
  while (sqlite3_step(st) == SQLITE_ROW)
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3)) + std::string("\n");
  sqlite3_finalize(st);
  sqlite3_close(db);
  CHECK(plan.find("reviews_first") != std::string::npos);
}
