// Fenced code blocks in pack text: where they start and end, what stays verbatim, and what a
// fence left open does.
#include <doctest/doctest.h>

#include "core/fences.hpp"

using qkv::split_fences;
using qkv::unclosed_fence_line;

TEST_CASE("a fenced block is code, its fence lines are left out, and prose lies around it") {
  const auto blocks =
      split_fences("Find the bug:\n```python\nw = s.softmax(dim=0)\n  x = 1\n```\nWhich line?");
  REQUIRE(blocks.size() == 3);
  CHECK_FALSE(blocks[0].code);
  CHECK(blocks[0].lines == std::vector<std::string>{"Find the bug:"});
  CHECK(blocks[1].code);
  CHECK(blocks[1].closed);
  CHECK(blocks[1].info == "python");
  CHECK(blocks[1].first_line == 2);
  // Spaces inside the block are kept exactly.
  CHECK(blocks[1].lines == std::vector<std::string>{"w = s.softmax(dim=0)", "  x = 1"});
  CHECK_FALSE(blocks[2].code);
  CHECK(blocks[2].first_line == 6);
  CHECK(blocks[2].lines == std::vector<std::string>{"Which line?"});
}

TEST_CASE("a fence closes only on a line of backticks at least as long as the opening one") {
  // Four backticks open; a line of three inside is content, as is a line starting with ``` text.
  const auto blocks = split_fences("````\n```\n```not a close\n````\nafter");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].code);
  CHECK(blocks[0].closed);
  CHECK(blocks[0].lines == std::vector<std::string>{"```", "```not a close"});
  CHECK(blocks[1].lines == std::vector<std::string>{"after"});
  // Inline code with backticks on both sides is not a fence.
  CHECK_FALSE(split_fences("```x``` is inline")[0].code);
  // Two backticks are not a fence; an indented fence is one.
  CHECK_FALSE(split_fences("``\nx\n``")[0].code);
  CHECK(split_fences("  ```\nx\n  ```")[0].code);
}

TEST_CASE("an unclosed fence is reported at the line where it opens and still kept verbatim") {
  CHECK_FALSE(unclosed_fence_line("no fences here"));
  CHECK_FALSE(unclosed_fence_line("```\ncode\n```"));
  CHECK_FALSE(unclosed_fence_line("```\na\n```\n\n```py\nb\n```\n"));
  CHECK(unclosed_fence_line("intro\n\n```python\ncode") == 3);
  CHECK(unclosed_fence_line("```\na\n```\ntext\n```\nb") == 5);
  const auto blocks = split_fences("intro\n```\ncode   with  spaces");
  REQUIRE(blocks.size() == 2);
  CHECK_FALSE(blocks[1].closed);
  CHECK(blocks[1].lines == std::vector<std::string>{"code   with  spaces"});
}
