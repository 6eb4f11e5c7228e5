#include "store/location.hpp"

#include <cstdlib>

#include "core/error.hpp"

namespace qkv::store {

namespace {

std::optional<std::string> env_var(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

bool set(const std::optional<std::string>& v) {
  return v && !v->empty();
}

}  // namespace

Environment process_environment() {
  return Environment{env_var("QKV_DB"), env_var("XDG_DATA_HOME"), env_var("HOME")};
}

std::filesystem::path database_path(const std::optional<std::string>& db_option,
                                    const Environment& env) {
  if (set(db_option)) return *db_option;
  if (set(env.qkv_db)) return *env.qkv_db;
  // The XDG spec: a relative XDG_DATA_HOME is invalid and is ignored.
  if (set(env.xdg_data_home) && std::filesystem::path(*env.xdg_data_home).is_absolute())
    return std::filesystem::path(*env.xdg_data_home) / "qkv" / "progress.db";
  if (set(env.home))
    return std::filesystem::path(*env.home) / ".local" / "share" / "qkv" / "progress.db";
  throw_usage(
      "cannot tell where to keep progress: HOME is not set. Give --db PATH or set QKV_DB, or "
      "use --no-save");
}

}  // namespace qkv::store
