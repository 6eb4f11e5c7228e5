#pragma once
// Where the progress database lives. The first that is set wins: `--db PATH`, $QKV_DB,
// $XDG_DATA_HOME/qkv/progress.db, ~/.local/share/qkv/progress.db. The caller passes the
// environment in, so that this is a pure function (and tests never look at the real home).
#include <filesystem>
#include <optional>
#include <string>

namespace qkv::store {

/// The environment variables the location depends on (nullopt or empty: unset).
struct Environment {
  std::optional<std::string> qkv_db;         ///< $QKV_DB
  std::optional<std::string> xdg_data_home;  ///< $XDG_DATA_HOME (ignored unless absolute)
  std::optional<std::string> home;           ///< $HOME
};

/// The process's own environment.
Environment process_environment();

/// Where the database is. Throws Error(Exit::usage) when nothing says where (no --db, QKV_DB,
/// XDG_DATA_HOME or HOME), naming the options that would.
std::filesystem::path database_path(const std::optional<std::string>& db_option,
                                    const Environment& env);

}  // namespace qkv::store
