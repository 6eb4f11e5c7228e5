#include <doctest/doctest.h>

#include "core/suggest.hpp"

using qkv::edit_distance;
using qkv::nearest_name;

TEST_CASE("edit_distance counts insertions, deletions and substitutions, ignoring case") {
  CHECK(edit_distance("prompt", "prompt") == 0);
  CHECK(edit_distance("promt", "prompt") == 1);
  CHECK(edit_distance("explaination", "explanation") == 1);
  CHECK(edit_distance("Prompt", "prompt") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("nearest_name suggests close names only") {
  const std::vector<std::string> fields = {"prompt", "explanation", "options", "tolerance", "id"};
  CHECK(nearest_name("promt", fields) == "prompt");
  CHECK(nearest_name("Prompt", fields) == "prompt");
  CHECK(nearest_name("explaination", fields) == "explanation");
  CHECK(nearest_name("tolerence", fields) == "tolerance");
  CHECK_FALSE(nearest_name("prompt", fields));  // already known
  CHECK_FALSE(nearest_name("colour", fields));  // nothing close
  CHECK_FALSE(nearest_name("ix", fields));      // short words need an exact-but-case match
  CHECK(nearest_name("ID", fields) == "id");
  CHECK_FALSE(nearest_name(std::string(100, 'p'), fields));
}

TEST_CASE("quoted_list quotes and joins") {
  CHECK(qkv::quoted_list({"a", "b"}) == "\"a\", \"b\"");
  CHECK(qkv::quoted_list({}).empty());
}
