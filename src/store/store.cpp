#include "store/store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include "core/error.hpp"
#include "store/sqlite.hpp"

namespace qkv::store {

namespace fs = std::filesystem;

namespace {

// How long a busy database is waited for (another qkv writing an answer takes milliseconds).
constexpr int kBusyMs = 5000;

// The schema, one step per version: kMigrations[v] takes a database from version v to v + 1.
// Never edit a step once released; add the next one (and its test in test_store_migrations.cpp).
const char* const kMigrations[] = {
    // 0 -> 1: the first schema.
    R"sql(
CREATE TABLE sessions(
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_ms INTEGER,
  command TEXT NOT NULL,
  planned INTEGER NOT NULL DEFAULT 0,
  answered INTEGER NOT NULL DEFAULT 0,
  correct INTEGER NOT NULL DEFAULT 0,
  points REAL NOT NULL DEFAULT 0,
  unsaved INTEGER NOT NULL DEFAULT 0);
CREATE TABLE cards(
  pack TEXT NOT NULL,
  question TEXT NOT NULL,
  state INTEGER NOT NULL,
  step INTEGER,
  stability REAL,
  difficulty REAL,
  due_ms INTEGER NOT NULL,
  last_review_ms INTEGER,
  reps INTEGER NOT NULL,
  lapses INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  PRIMARY KEY(pack, question)) WITHOUT ROWID;
CREATE INDEX cards_due ON cards(due_ms);
CREATE TABLE reviews(
  id INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  pack TEXT NOT NULL,
  question TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  mode TEXT NOT NULL CHECK(mode IN ('quiz', 'exam', 'drill', 'review')),
  given TEXT NOT NULL,
  correct TEXT NOT NULL CHECK(correct IN ('yes', 'no', 'partial')),
  points REAL NOT NULL,
  hinted INTEGER NOT NULL,
  rating INTEGER NOT NULL CHECK(rating BETWEEN 1 AND 4),
  seconds REAL NOT NULL,
  session_id INTEGER REFERENCES sessions(id),
  state INTEGER NOT NULL,
  step INTEGER,
  stability REAL,
  difficulty REAL,
  due_ms INTEGER NOT NULL,
  reps INTEGER NOT NULL,
  lapses INTEGER NOT NULL,
  interval_days REAL NOT NULL,
  last_interval_days REAL NOT NULL);
CREATE INDEX reviews_card ON reviews(pack, question);
CREATE INDEX reviews_time ON reviews(time_ms);
CREATE INDEX reviews_mature ON reviews(pack, question, correct) WHERE last_interval_days >= 21.0;
CREATE TRIGGER reviews_append_only BEFORE UPDATE ON reviews
  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
)sql",
    // 1 -> 2: the first reviews of cards by time, for the count of today's new cards at the start
    // of every session (new_cards_since). Read through reviews_time, that count looked up each of
    // today's reviews in the table: one page each, scattered over a large log (issue 12's 30 ms).
    R"sql(
CREATE INDEX reviews_first ON reviews(time_ms) WHERE reps = 1 AND mode != 'drill';
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration step per version");

constexpr const char* kReviewColumns =
    "id, time_ms, pack, question, content_hash, mode, given, correct, points, hinted, rating, "
    "seconds, session_id, state, step, stability, difficulty, due_ms, reps, lapses, "
    "interval_days, last_interval_days";

constexpr const char* kCardColumns =
    "pack, question, state, step, stability, difficulty, due_ms, last_review_ms, reps, lapses, "
    "content_hash";

Error store_error(Exit code, const fs::path& path, std::string message) {
  Diagnostic d;
  d.file = path.string();
  d.message = std::move(message);
  return Error(code, std::vector<Diagnostic>{std::move(d)});
}

const char* const kAside =
    "Move it aside (or give --db another file) to start a new one, or study with --no-save";

Error translate(const SqliteFailure& f, const fs::path& path) {
  const std::string why = std::string(" (SQLite: ") + f.what() + ")";
  switch (f.primary()) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return store_error(Exit::data, path,
                         "not a qkv progress database, or it is damaged" + why +
                             ". qkv has not changed it. " + kAside + ".");
    case SQLITE_READONLY:
      return store_error(Exit::no_input, path,
                         "the progress database cannot be written (read-only)" + why +
                             ". Make the file and its folder writable, or study with --no-save.");
    case SQLITE_FULL:
      return store_error(Exit::no_input, path,
                         "the disk is full: the progress database cannot grow" + why +
                             ". Free some space and run the command again; nothing already "
                             "saved is lost.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return store_error(Exit::no_input, path,
                         "the progress database stayed locked by another program" + why +
                             ". Close the other qkv (or the program holding it) and try again.");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return store_error(Exit::no_input, path,
                         "the progress database cannot be opened" + why +
                             ". Check that the path and its folder exist and are readable and "
                             "writable, or give --db another file.");
    case SQLITE_IOERR:
      return store_error(Exit::no_input, path,
                         "reading or writing the progress database failed" + why +
                             ". Check the disk; nothing already saved is lost.");
    default:
      return store_error(Exit::no_input, path, "the progress database failed" + why + ".");
  }
}

schedule::Card read_card(const Stmt& st, int c) {
  schedule::Card card;
  card.state = static_cast<schedule::State>(st.int64(c));
  if (auto s = st.opt_int64(c + 1))
    card.step = static_cast<int>(*s);
  else
    card.step = std::nullopt;
  card.stability = st.opt_real(c + 2);
  card.difficulty = st.opt_real(c + 3);
  card.due = from_ms(st.int64(c + 4));
  return card;
}

void apply_migrations(Db& db, int from, int to) {
  for (int v = from; v < to; ++v) db.exec(kMigrations[v]);
  db.exec(("PRAGMA user_version = " + std::to_string(to)).c_str());
  db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
}

}  // namespace

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::quiz:
      return "quiz";
    case Mode::exam:
      return "exam";
    case Mode::drill:
      return "drill";
    case Mode::review:
      return "review";
  }
  return "?";
}

const char* correct_name(Correct c) {
  switch (c) {
    case Correct::no:
      return "no";
    case Correct::partial:
      return "partial";
    case Correct::yes:
      return "yes";
  }
  return "?";
}

std::int64_t to_ms(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_ms(std::int64_t ms) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(ms)));
}

struct Store::Impl {
  fs::path path;
  Db db;
  std::optional<Stmt> insert_review;
  std::optional<Stmt> upsert_card;

  Impl(fs::path p, Db d) : path(std::move(p)), db(std::move(d)) {}

  template <class F>
  auto guard(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SqliteFailure& e) {
      throw translate(e, path);
    }
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const fs::path& Store::path() const {
  return impl_->path;
}

Store Store::open(const fs::path& path, Access access) {
  const bool write = access == Access::read_write;
  if (write && path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      throw store_error(Exit::no_input, path,
                        "cannot create the folder for the progress database (" + ec.message() +
                            "). Give --db another file, or study with --no-save.");
  }
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw store_error(Exit::no_input, path,
                      "is a folder, not a progress database. Give --db a file name.");
  // SQLite takes a file shorter than its header for an empty database and would write over it:
  // a file that is not empty must start with SQLite's magic string before anything opens it.
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) > 0) {
    char magic[16] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(magic, sizeof magic);
    if (in.gcount() != sizeof magic || std::memcmp(magic, "SQLite format 3", 16) != 0)
      throw store_error(Exit::data, path,
                        std::string("not a qkv progress database (not an SQLite file at all). "
                                    "qkv has not changed it. ") +
                            kAside + ".");
  }
  // Two qkv started at once on a new file: one creates the schema while the other reads the
  // header or switches to WAL. SQLite does not wait on a busy handler for every step of that
  // (switching the journal mode, WAL recovery), so the whole opening is retried while the
  // database is busy, for as long as the busy timeout would wait.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyMs);
  for (int attempt = 0;; ++attempt) {
    try {
      return open_once(path, write);
    } catch (const SqliteFailure& e) {
      const bool busy = e.primary() == SQLITE_BUSY || e.primary() == SQLITE_LOCKED;
      if (!busy || std::chrono::steady_clock::now() >= give_up) throw translate(e, path);
      std::this_thread::sleep_for(std::chrono::milliseconds(5 + 5 * std::min(attempt, 10)));
    }
  }
}

Store Store::open_once(const fs::path& path, bool write) {
  {
    Db db(path.string(), write ? OpenMode::read_write_create : OpenMode::read_only);
    db.busy_timeout(kBusyMs);
    // Reading the header first: a file that is not a database fails here, before any write.
    // One statement, so one snapshot: read apart, another qkv creating the schema in between
    // would make a half-made file look like another program's.
    Stmt header(db,
                "SELECT a.application_id, u.user_version, (SELECT count(*) FROM sqlite_master) "
                "FROM pragma_application_id AS a, pragma_user_version AS u");
    header.step();
    const auto app_id = header.int64(0);
    const auto version = header.int64(1);
    const auto objects = header.int64(2);
    header.reset();
    if (app_id != kApplicationId && (app_id != 0 || version != 0 || objects != 0))
      throw store_error(Exit::data, path,
                        std::string("is an SQLite database of another program, not a qkv "
                                    "progress database. qkv has not changed it. ") +
                            kAside + ".");
    if (version > kSchemaVersion)
      throw store_error(Exit::data, path,
                        "was made by a newer qkv (schema version " + std::to_string(version) +
                            "; this qkv knows versions up to " + std::to_string(kSchemaVersion) +
                            "). Use the newer qkv, or give --db another file; qkv has not "
                            "changed it.");
    if (write) {
      if (db.read_only())
        throw store_error(Exit::no_input, path,
                          "the progress database cannot be written (read-only). Make the file "
                          "and its folder writable, or study with --no-save.");
      // WAL: readers never block the writer, and a crash never loses a committed answer.
      Stmt(db, "PRAGMA journal_mode = WAL").step();
      db.exec("PRAGMA synchronous = NORMAL");
      if (version < kSchemaVersion) {
        Transaction tx(db);
        const auto now_version = static_cast<int>(db.query_int("PRAGMA user_version"));
        if (now_version < kSchemaVersion) apply_migrations(db, now_version, kSchemaVersion);
        tx.commit();
      }
    } else if (version < kSchemaVersion && objects != 0) {
      throw store_error(Exit::data, path,
                        "was made by an older qkv and must be upgraded before it can be read. "
                        "Run `qkv review` (or any command that saves) once to upgrade it.");
    }
    if (const char* pages = std::getenv("QKV_TEST_MAX_PAGES"))  // tests of a full disk only
      db.exec(("PRAGMA max_page_count = " + std::to_string(std::atoll(pages))).c_str());
    return Store(std::make_unique<Impl>(path, std::move(db)));
  }
}

std::optional<Store> Store::open_if_exists(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) return std::nullopt;
  return open(path, Access::read_only);
}

std::int64_t Store::begin_session(const SessionStart& s) {
  return impl_->guard([&] {
    Stmt st(impl_->db,
            "INSERT INTO sessions(mode, started_ms, command, planned) VALUES(?, ?, ?, ?)");
    st.bind(0, std::string_view(mode_name(s.mode)))
        .bind(1, to_ms(s.started))
        .bind(2, std::string_view(s.command))
        .bind(3, static_cast<std::int64_t>(s.planned));
    st.run();
    return impl_->db.last_insert_rowid();
  });
}

void Store::end_session(std::int64_t id, const SessionTotals& t) {
  impl_->guard([&] {
    Stmt st(impl_->db,
            "UPDATE sessions SET ended_ms = ?, answered = ?, correct = ?, points = ?, unsaved = ? "
            "WHERE id = ?");
    st.bind(0, to_ms(t.ended))
        .bind(1, static_cast<std::int64_t>(t.answered))
        .bind(2, static_cast<std::int64_t>(t.correct))
        .bind(3, t.points)
        .bind(4, static_cast<std::int64_t>(t.unsaved))
        .bind(5, id);
    st.run();
  });
}

std::int64_t Store::record(const ReviewRecord& r) {
  return impl_->guard([&] {
    Impl& m = *impl_;
    if (!m.insert_review)
      m.insert_review.emplace(
          m.db,
          "INSERT INTO reviews(time_ms, pack, question, content_hash, mode, given, correct, "
          "points, hinted, rating, seconds, session_id, state, step, stability, difficulty, "
          "due_ms, reps, lapses, interval_days, last_interval_days) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!m.upsert_card)
      m.upsert_card.emplace(
          m.db,
          "INSERT INTO cards(pack, question, state, step, stability, difficulty, due_ms, "
          "last_review_ms, reps, lapses, content_hash) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT(pack, question) DO UPDATE SET state = excluded.state, step = "
          "excluded.step, stability = excluded.stability, difficulty = excluded.difficulty, "
          "due_ms = excluded.due_ms, last_review_ms = excluded.last_review_ms, reps = "
          "excluded.reps, lapses = excluded.lapses, content_hash = excluded.content_hash");
    const auto& c = r.after;
    std::optional<std::int64_t> step;
    if (c.step) step = *c.step;
    Transaction tx(m.db);
    Stmt& ins = *m.insert_review;
    ins.reset();
    ins.bind(0, to_ms(r.time))
        .bind(1, std::string_view(r.key.pack))
        .bind(2, std::string_view(r.key.question))
        .bind(3, std::string_view(r.content_hash))
        .bind(4, std::string_view(mode_name(r.mode)))
        .bind(5, std::string_view(r.given))
        .bind(6, std::string_view(correct_name(r.correct)))
        .bind(7, r.points)
        .bind(8, r.hinted ? 1 : 0)
        .bind(9, static_cast<int>(r.rating))
        .bind(10, r.seconds)
        .bind(11, r.session)
        .bind(12, static_cast<int>(c.state))
        .bind(13, step)
        .bind(14, c.stability)
        .bind(15, c.difficulty)
        .bind(16, to_ms(c.due))
        .bind(17, c.reps)
        .bind(18, c.lapses)
        .bind(19, r.interval_days)
        .bind(20, r.last_interval_days);
    ins.run();
    const std::int64_t id = m.db.last_insert_rowid();
    std::optional<std::int64_t> last;
    if (c.last_review) last = to_ms(*c.last_review);
    Stmt& up = *m.upsert_card;
    up.reset();
    up.bind(0, std::string_view(r.key.pack))
        .bind(1, std::string_view(r.key.question))
        .bind(2, static_cast<int>(c.state))
        .bind(3, step)
        .bind(4, c.stability)
        .bind(5, c.difficulty)
        .bind(6, to_ms(c.due))
        .bind(7, last)
        .bind(8, c.reps)
        .bind(9, c.lapses)
        .bind(10, std::string_view(r.content_hash));
    up.run();
    tx.commit();
    return id;
  });
}

namespace {

StoredCard read_stored_card(const Stmt& st) {
  StoredCard sc;
  sc.key = CardKey{st.text(0), st.text(1)};
  sc.card = read_card(st, 2);
  if (auto l = st.opt_int64(7)) sc.card.last_review = from_ms(*l);
  sc.card.reps = static_cast<int>(st.int64(8));
  sc.card.lapses = static_cast<int>(st.int64(9));
  sc.content_hash = st.text(10);
  return sc;
}

}  // namespace

std::optional<StoredCard> Store::card(const CardKey& key) {
  return impl_->guard([&]() -> std::optional<StoredCard> {
    Stmt st(impl_->db,
            std::string("SELECT ") + kCardColumns + " FROM cards WHERE pack = ? AND question = ?");
    st.bind(0, std::string_view(key.pack)).bind(1, std::string_view(key.question));
    if (!st.step()) return std::nullopt;
    return read_stored_card(st);
  });
}

std::vector<StoredCard> Store::cards_of_pack(std::string_view pack) {
  return impl_->guard([&] {
    Stmt st(impl_->db, std::string("SELECT ") + kCardColumns + " FROM cards WHERE pack = ?");
    st.bind(0, pack);
    std::vector<StoredCard> out;
    while (st.step()) out.push_back(read_stored_card(st));
    return out;
  });
}

std::vector<StoredCard> Store::all_cards() {
  return impl_->guard([&] {
    Stmt st(impl_->db, std::string("SELECT ") + kCardColumns + " FROM cards");
    std::vector<StoredCard> out;
    while (st.step()) out.push_back(read_stored_card(st));
    return out;
  });
}

std::size_t Store::new_cards_since(TimePoint t) {
  return impl_->guard([&] {
    Stmt st(impl_->db,
            // Written as the partial index reviews_first is, which SQLite then uses alone.
            "SELECT count(*) FROM reviews WHERE time_ms >= ? AND reps = 1 AND mode != 'drill'");
    st.bind(0, to_ms(t));
    st.step();
    return static_cast<std::size_t>(st.int64(0));
  });
}

std::vector<CardKey> Store::last_session_misses() {
  return impl_->guard([&] {
    Stmt st(impl_->db,
            "SELECT pack, question, min(id) AS first FROM reviews WHERE session_id = "
            "(SELECT session_id FROM reviews WHERE session_id IS NOT NULL AND mode != 'drill' "
            "ORDER BY id DESC LIMIT 1) AND correct != 'yes' GROUP BY pack, question "
            "ORDER BY first");
    std::vector<CardKey> out;
    while (st.step()) out.push_back(CardKey{st.text(0), st.text(1)});
    return out;
  });
}

std::size_t Store::reviews_between(TimePoint from, TimePoint to) {
  return impl_->guard([&] {
    Stmt st(impl_->db, "SELECT count(*) FROM reviews WHERE time_ms >= ? AND time_ms < ?");
    st.bind(0, to_ms(from)).bind(1, to_ms(to));
    st.step();
    return static_cast<std::size_t>(st.int64(0));
  });
}

bool Store::any_review_between(TimePoint from, TimePoint to) {
  return impl_->guard([&] {
    Stmt st(impl_->db,
            "SELECT EXISTS(SELECT 1 FROM reviews WHERE time_ms >= ? AND time_ms < ?)");
    st.bind(0, to_ms(from)).bind(1, to_ms(to));
    st.step();
    return st.int64(0) != 0;
  });
}

std::size_t Store::review_count() {
  return impl_->guard([&] {
    return static_cast<std::size_t>(impl_->db.query_int("SELECT count(*) FROM reviews"));
  });
}

std::vector<std::pair<std::int64_t, std::size_t>> Store::reviews_per_day(
    TimePoint from, std::chrono::seconds utc_offset) {
  return impl_->guard([&] {
    // Integer division that floors (times before 1970 would otherwise round towards zero).
    Stmt st(impl_->db,
            "SELECT d, count(*) FROM (SELECT (time_ms + ?1 - ((time_ms + ?1) % 86400000 + "
            "86400000) % 86400000) / 86400000 AS d FROM reviews WHERE time_ms >= ?2) "
            "GROUP BY d ORDER BY d");
    st.bind(0, static_cast<std::int64_t>(utc_offset.count()) * 1000).bind(1, to_ms(from));
    std::vector<std::pair<std::int64_t, std::size_t>> out;
    while (st.step()) out.emplace_back(st.int64(0), static_cast<std::size_t>(st.int64(1)));
    return out;
  });
}

std::vector<Store::MatureCounts> Store::mature_reviews(std::string_view pack) {
  return impl_->guard([&] {
    // The condition is written as in the partial index reviews_mature, which SQLite then uses.
    Stmt st(impl_->db,
            "SELECT pack, question, count(*), sum(correct = 'yes') FROM reviews "
            "WHERE pack = ? AND last_interval_days >= 21.0 GROUP BY pack, question");
    st.bind(0, pack);
    std::vector<MatureCounts> out;
    while (st.step())
      out.push_back(MatureCounts{CardKey{st.text(0), st.text(1)},
                                 static_cast<std::size_t>(st.int64(2)),
                                 static_cast<std::size_t>(st.int64(3))});
    return out;
  });
}

namespace {

bool covers(const CardFilter& f, const std::set<CardKey>* keys, const CardKey& k) {
  if (f.pack && k.pack != *f.pack) return false;
  if (keys && !keys->count(k)) return false;
  return true;
}

}  // namespace

void Store::for_each_review(const CardFilter& f,
                            const std::function<void(const ReviewRecord&)>& fn) {
  impl_->guard([&] {
    std::set<CardKey> keys;
    if (f.cards) keys.insert(f.cards->begin(), f.cards->end());
    Stmt st(impl_->db, std::string("SELECT ") + kReviewColumns + " FROM reviews ORDER BY id");
    while (st.step()) {
      ReviewRecord r;
      r.id = st.int64(0);
      r.time = from_ms(st.int64(1));
      r.key = CardKey{st.text(2), st.text(3)};
      if (!covers(f, f.cards ? &keys : nullptr, r.key)) continue;
      r.content_hash = st.text(4);
      const std::string mode = st.text(5);
      r.mode = mode == "exam"     ? Mode::exam
               : mode == "drill"  ? Mode::drill
               : mode == "review" ? Mode::review
                                  : Mode::quiz;
      r.given = st.text(6);
      const std::string correct = st.text(7);
      r.correct = correct == "yes"       ? Correct::yes
                  : correct == "partial" ? Correct::partial
                                         : Correct::no;
      r.points = st.real(8);
      r.hinted = st.int64(9) != 0;
      r.rating = static_cast<schedule::Rating>(st.int64(10));
      r.seconds = st.real(11);
      r.session = st.opt_int64(12);
      r.after = read_card(st, 13);
      r.after.last_review = r.time;
      r.after.reps = static_cast<int>(st.int64(18));
      r.after.lapses = static_cast<int>(st.int64(19));
      r.interval_days = st.real(20);
      r.last_interval_days = st.real(21);
      fn(r);
    }
  });
}

namespace {

// Runs `head` (such as "SELECT count(*) FROM cards") on one card's rows when `key` is given, else
// on the filter's pack, else on every row; `use` gets the bound statement. count() and reset()
// share it so that what reset deletes is exactly what count counted.
template <class Use>
auto on_rows(Db& db, const std::string& head, const CardKey* key, const CardFilter& f, Use use) {
  std::string sql = head;
  if (key)
    sql += " WHERE pack = ? AND question = ?";
  else if (f.pack)
    sql += " WHERE pack = ?";
  Stmt st(db, sql);
  if (key)
    st.bind(0, std::string_view(key->pack)).bind(1, std::string_view(key->question));
  else if (f.pack)
    st.bind(0, std::string_view(*f.pack));
  return use(st);
}

}  // namespace

Counts Store::count(const CardFilter& f) {
  return impl_->guard([&] {
    Counts c;
    auto count_where = [&](const char* table, const CardKey* key) {
      return on_rows(impl_->db, std::string("SELECT count(*) FROM ") + table, key, f,
                     [](Stmt& st) {
                       st.step();
                       return static_cast<std::size_t>(st.int64(0));
                     });
    };
    if (f.cards) {
      for (const auto& k : *f.cards) {
        if (f.pack && k.pack != *f.pack) continue;
        c.cards += count_where("cards", &k);
        c.reviews += count_where("reviews", &k);
      }
    } else {
      c.cards = count_where("cards", nullptr);
      c.reviews = count_where("reviews", nullptr);
    }
    return c;
  });
}

Counts Store::reset(const CardFilter& f) {
  return impl_->guard([&] {
    const Counts c = count(f);
    Transaction tx(impl_->db);
    auto delete_where = [&](const char* table, const CardKey* key) {
      on_rows(impl_->db, std::string("DELETE FROM ") + table, key, f, [](Stmt& st) { st.run(); });
    };
    if (f.cards) {
      for (const auto& k : *f.cards) {
        if (f.pack && k.pack != *f.pack) continue;
        delete_where("cards", &k);
        delete_where("reviews", &k);
      }
    } else {
      delete_where("cards", nullptr);
      delete_where("reviews", nullptr);
      if (!f.pack) delete_where("sessions", nullptr);
    }
    tx.commit();
    return c;
  });
}

std::string Store::integrity_check() {
  return impl_->guard([&] {
    Stmt st(impl_->db, "PRAGMA integrity_check");
    std::string out;
    while (st.step()) out += (out.empty() ? "" : "\n") + st.text(0);
    return out;
  });
}

void Store::limit_pages(std::int64_t pages) {
  impl_->guard(
      [&] { impl_->db.exec(("PRAGMA max_page_count = " + std::to_string(pages)).c_str()); });
}

void migrate_file(const fs::path& path, int from, int to) {
  try {
    Db db(path.string(), OpenMode::read_write_create);
    Transaction tx(db);
    apply_migrations(db, from, to);
    tx.commit();
  } catch (const SqliteFailure& e) {
    throw translate(e, path);
  }
}

}  // namespace qkv::store
