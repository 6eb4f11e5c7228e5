// The pack reader's diagnostics, word for word and place for place, against a record made by the
// reader before it was made faster (main at 65a66b6). The fixture has an error of every kind the
// fast paths touch: keys equal in their first 8 bytes or only after unescaping, strings with quotes,
// backslashes and escapes at every offset, non-ASCII text, bad UTF-8, items equal after
// normalising, a number too large, a wrong calc answer, a column past 2 KiB. The same pack written
// as one line checks the columns of a long line.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "bank/loader.hpp"
#include "practice/question_checks.hpp"
#include "support/paths.hpp"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One line per diagnostic, as the record was written: "line:column severity pointer: message",
// with the fixture's path (messages name it) written as the record has it.
std::string diagnostics_of(const std::string& name) {
  const std::string path = qkv::test::data_dir() + "/packs/" + name;
  const std::string shown = "tests/data/packs/" + name;
  qkv::bank::LoadOptions options;  // as the commands load: the calc answer is checked
  options.check_question = qkv::practice::check_question;
  const auto r = qkv::bank::load_pack(path, nullptr, options);
  std::string out;
  for (const auto& d : r.diagnostics) {
    std::string message = d.message;
    for (std::size_t at; (at = message.find(path)) != std::string::npos;)
      message.replace(at, path.size(), shown);
    out += std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
           (d.severity == qkv::Severity::error ? "error" : "warning") + " " + d.pointer + ": " +
           message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("the pack reader's diagnostics are the recorded ones, indented and on one line") {
  for (const char* name : {"scan-golden", "scan-golden-one-line"}) {
    CAPTURE(name);
    const std::string expected =
        slurp(qkv::test::data_dir() + "/packs/" + std::string(name) + ".expected");
    REQUIRE(!expected.empty());
    CHECK(diagnostics_of(std::string(name) + ".json") == expected);
  }
}
