// Step ids: "headN/step" names a head's step, anything else a top-level one.
#include <doctest/doctest.h>

#include "attention/trace.hpp"

using qkv::attention::split_step_id;

TEST_CASE("split_step_id splits head-qualified ids and leaves the rest whole") {
  CHECK(split_step_id("head2/scores").head == 1);
  CHECK(split_step_id("head2/scores").step == "scores");
  CHECK(split_step_id("head1/keep").head == 0);
  CHECK(split_step_id("scores").head == -1);
  CHECK(split_step_id("scores").step == "scores");
  // Not a head number from 1: the id stays whole and top-level.
  for (const char* id : {"head0/scores", "headx/scores", "head/scores", "head2", "head-1/q"}) {
    CAPTURE(id);
    CHECK(split_step_id(id).head == -1);
    CHECK(split_step_id(id).step == id);
  }
}
