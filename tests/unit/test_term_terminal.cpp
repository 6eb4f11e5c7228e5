// output_width: a pipe has no terminal, so $COLUMNS decides, within sane bounds, and without it
// nothing is wrapped (0). A real terminal's size is checked by the PTY tests (tests/cli).
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "term/terminal.hpp"

namespace {

// Sets $COLUMNS for one test and restores it afterwards.
struct ColumnsEnv {
  std::optional<std::string> saved;
  explicit ColumnsEnv(const char* value) {
    if (const char* c = std::getenv("COLUMNS")) saved = c;
    if (value)
      setenv("COLUMNS", value, 1);
    else
      unsetenv("COLUMNS");
  }
  ~ColumnsEnv() {
    if (saved)
      setenv("COLUMNS", saved->c_str(), 1);
    else
      unsetenv("COLUMNS");
  }
};

constexpr int kNotATerminal = -1;

}  // namespace

TEST_CASE("without a terminal, $COLUMNS gives the width when it is a sensible number") {
  {
    ColumnsEnv env("64");
    CHECK(qkv::term::output_width(kNotATerminal) == 64);
  }
  {
    ColumnsEnv env("250");
    CHECK(qkv::term::output_width(kNotATerminal) == 250);
  }
  for (const char* bad : {"", "wide", "12", "80x", "-5", "99999"}) {
    INFO("COLUMNS=" << bad);
    ColumnsEnv env(bad);
    CHECK(qkv::term::output_width(kNotATerminal) == 0);
  }
  ColumnsEnv unset(nullptr);
  CHECK(qkv::term::output_width(kNotATerminal) == 0);  // a pipe: no limit
}
