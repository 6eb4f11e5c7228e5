// --pack and --builtin, as every command that uses questions parses them.
#include <doctest/doctest.h>

#include "app/bank_options.hpp"
#include "support/paths.hpp"

using qkv::app::BankOptions;

namespace {
BankOptions parse(std::vector<std::string> args) {
  CLI::App app{"test"};
  BankOptions opts;
  qkv::app::add_bank_options(app, opts);
  std::vector<std::string> positional;
  app.add_option("rest", positional);
  std::reverse(args.begin(), args.end());  // CLI11 takes the vector reversed
  app.parse(args);
  return opts;
}
}  // namespace

TEST_CASE("--pack is repeatable and takes one path each time") {
  const auto o = parse({"--pack", "a.json", "--pack", "dir/", "extra"});
  CHECK(o.packs == std::vector<std::string>{"a.json", "dir/"});
  CHECK_FALSE(o.builtin);
}

TEST_CASE("--builtin adds the built-in bank; nothing given means the built-in bank alone") {
  CHECK(parse({"--pack", "a.json", "--builtin"}).builtin);
  const auto none = parse({});
  CHECK(none.packs.empty());
  CHECK_FALSE(none.builtin);
}

TEST_CASE("load_bank with options loads the --pack packs") {
  BankOptions o;
  o.packs = {qkv::test::data_dir() + "/packs/valid-small.json"};
  const auto bank = qkv::app::load_bank(o);
  REQUIRE(bank.packs.size() == 1);
  CHECK(bank.packs[0].id == "small");
}
