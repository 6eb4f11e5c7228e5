// Where the progress database lives: --db, QKV_DB, XDG_DATA_HOME, ~/.local/share, first wins.
#include <doctest/doctest.h>

#include "core/error.hpp"
#include "store/location.hpp"

using qkv::store::database_path;
using qkv::store::Environment;

TEST_CASE("store location: the first of --db, QKV_DB, XDG_DATA_HOME and HOME that is set wins") {
  const Environment all{"/q/db.sqlite", "/xdg", "/home/ann"};
  CHECK(database_path(std::string("my.db"), all) == "my.db");
  CHECK(database_path(std::nullopt, all) == "/q/db.sqlite");
  CHECK(database_path(std::nullopt, Environment{std::nullopt, "/xdg", "/home/ann"}) ==
        "/xdg/qkv/progress.db");
  CHECK(database_path(std::nullopt, Environment{std::nullopt, std::nullopt, "/home/ann"}) ==
        "/home/ann/.local/share/qkv/progress.db");
  // Empty values count as unset, and a relative XDG_DATA_HOME is ignored, as the XDG spec says.
  CHECK(database_path(std::string(""), Environment{"", "", "/home/ann"}) ==
        "/home/ann/.local/share/qkv/progress.db");
  CHECK(database_path(std::nullopt, Environment{std::nullopt, "rel/xdg", "/home/ann"}) ==
        "/home/ann/.local/share/qkv/progress.db");
}

TEST_CASE("store location: with nothing set it is a usage error that names the ways out") {
  try {
    database_path(std::nullopt, Environment{});
    FAIL("expected an error");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::usage);
    const std::string m = e.diagnostics().at(0).message;
    CHECK(m.find("--db") != std::string::npos);
    CHECK(m.find("--no-save") != std::string::npos);
  }
}
