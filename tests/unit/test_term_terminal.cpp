// terminal_width/text_width: a pipe has no terminal, so $COLUMNS decides, within sane bounds.
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
    CHECK(qkv::term::terminal_width(kNotATerminal) == std::optional<std::size_t>(64));
    CHECK(qkv::term::text_width(kNotATerminal) == 64);
  }
  {
    ColumnsEnv env("250");
    CHECK(qkv::term::terminal_width(kNotATerminal) == std::optional<std::size_t>(250));
    CHECK(qkv::term::text_width(kNotATerminal) == 100);  // capped for reading
    CHECK(qkv::term::text_width(kNotATerminal, 80, 120) == 120);
  }
  for (const char* bad : {"", "wide", "12", "80x", "-5", "99999"}) {
    INFO("COLUMNS=" << bad);
    ColumnsEnv env(bad);
    CHECK_FALSE(qkv::term::terminal_width(kNotATerminal).has_value());
    CHECK(qkv::term::text_width(kNotATerminal) == 80);
  }
  ColumnsEnv unset(nullptr);
  CHECK(qkv::term::text_width(kNotATerminal, 72) == 72);
}
