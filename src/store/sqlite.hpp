#pragma once
// A small RAII layer over the SQLite C API (libsqlite3-dev): a connection and a prepared
// statement that close themselves, bind and read typed values, and throw SqliteFailure with
// SQLite's extended result code. Only the store uses it; the store turns a failure into a
// qkv::Error that names the database file and says what to do.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace qkv::store {

/// A failed SQLite call: the extended result code (SQLITE_FULL, SQLITE_READONLY_DBMOVED, ...)
/// and SQLite's message.
class SqliteFailure : public std::runtime_error {
 public:
  SqliteFailure(int code, std::string message);
  int code() const { return code_; }
  /// The primary result code (code() & 0xff).
  int primary() const { return code_ & 0xff; }

 private:
  int code_;
};

enum class OpenMode { read_write_create, read_write, read_only };

/// One connection. Not copyable; movable.
class Db {
 public:
  /// Opens `path` (a connection is made even when the file turns out not to be a database: SQLite
  /// reads the header lazily, so the first statement reports that). Throws SqliteFailure.
  Db(const std::string& path, OpenMode mode);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;

  /// Runs one or more statements that return nothing of interest.
  void exec(const char* sql);
  /// The single integer a query such as "PRAGMA user_version" returns.
  std::int64_t query_int(const char* sql);
  std::int64_t last_insert_rowid() const;
  /// True when the connection cannot write (the file or its folder is read-only).
  bool read_only() const;
  void busy_timeout(int milliseconds);
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// A prepared statement. Columns and parameters are 0-based here (SQLite binds from 1).
class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int index, std::int64_t v);
  Stmt& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Stmt& bind(int index, double v);
  Stmt& bind(int index, std::string_view v);
  Stmt& bind_null(int index);
  template <class T>
  Stmt& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  /// Advances: true when a row is ready, false when the statement is done. Throws SqliteFailure.
  bool step();
  /// Runs a statement that returns no rows, then resets it for another use.
  void run();
  /// Resets for another run, keeping the bindings.
  void reset();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;
  std::optional<double> opt_real(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

/// A transaction that rolls back unless committed. BEGIN IMMEDIATE takes the write lock at once,
/// so that two processes wait for each other (busy timeout) instead of failing on upgrade.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace qkv::store
