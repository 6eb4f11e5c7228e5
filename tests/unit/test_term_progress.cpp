#include <doctest/doctest.h>

#include "term/progress.hpp"

using qkv::term::progress_bar;

TEST_CASE("progress_bar fills done/total of its cells") {
  CHECK(progress_bar(0, 10, 10) == "[----------]");
  CHECK(progress_bar(3, 10, 10) == "[###-------]");
  CHECK(progress_bar(10, 10, 10) == "[##########]");
  CHECK(progress_bar(1, 3, 20) == "[######--------------]");  // 20/3 = 6.67 -> 6
  CHECK(progress_bar(12, 10, 4) == "[####]");                 // clamped
  CHECK(progress_bar(0, 0, 4) == "[----]");
}
