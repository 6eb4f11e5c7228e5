#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "json/index.hpp"
#include "json/strings.hpp"
#include "support/paths.hpp"

using nlohmann::json;
using qkv::JsonIndex;
using qkv::JsonScanOptions;
using qkv::ScanProblem;
using qkv::TextPos;

namespace {

// Line and column of the first occurrence of `marker` in text, computed independently of the
// index (columns counted in code points).
TextPos where(const std::string& text, const std::string& marker) {
  const auto at = text.find(marker);
  REQUIRE(at != std::string::npos);
  TextPos p{1, 1};
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

void check_at(const JsonIndex& index, const std::string& pointer, TextPos expected) {
  CAPTURE(pointer);
  const auto pos = index.find(pointer);
  REQUIRE(pos.has_value());
  CHECK(pos->line == expected.line);
  CHECK(pos->column == expected.column);
}

}  // namespace

TEST_CASE("the index finds every value by JSON pointer with its line and column") {
  const std::string text =
      "{\n"
      "  \"title\": \"Attention\",\n"
      "  \"questions\": [\n"
      "    {\"id\": \"q1\", \"options\": [{\"text\": \"a\"}, {\"text\": \"b\"}]},\n"
      "    {\"id\": \"q2\", \"n\": -1.5e3, \"ok\": true, \"none\": null}\n"
      "  ]\n"
      "}\n";
  const JsonIndex index(text);
  CHECK(index.complete());
  CHECK(index.problems().empty());
  check_at(index, "", {1, 1});
  check_at(index, "/title", where(text, "\"Attention\""));
  check_at(index, "/questions", where(text, "[\n"));
  check_at(index, "/questions/0", where(text, "{\"id\": \"q1\""));
  check_at(index, "/questions/0/options/1", where(text, "{\"text\": \"b\"}"));
  check_at(index, "/questions/0/options/1/text", where(text, "\"b\""));
  check_at(index, "/questions/1/n", where(text, "-1.5e3"));
  check_at(index, "/questions/1/ok", where(text, "true"));
  check_at(index, "/questions/1/none", where(text, "null"));
  CHECK_FALSE(index.find("/questions/2"));
  CHECK_FALSE(index.find("/questions/0/missing"));
  CHECK_FALSE(index.find("/questions/x"));
  CHECK_FALSE(index.find("title"));  // not a pointer
}

TEST_CASE("pointer tokens are unescaped (~0, ~1) and keys with JSON escapes are decoded") {
  const std::string text = R"({"a/b": 1, "m~n": 2, "\u00e9t\u00e9": 3, "q\"k": 4})";
  const JsonIndex index(text);
  check_at(index, "/a~1b", where(text, "1"));
  check_at(index, "/m~0n", where(text, "2"));
  check_at(index, "/\xC3\xA9t\xC3\xA9", where(text, "3"));
  check_at(index, "/q\"k", where(text, "4"));
  CHECK(qkv::pointer_token("a/b~c") == "a~1b~0c");
  CHECK(qkv::decode_json_string(R"(x\n\u0041\ud83d\ude00)") == "x\nA\xF0\x9F\x98\x80");
}

TEST_CASE("columns count code points, not bytes, and a byte order mark is not a column") {
  const std::string text = "{\"√dₖ\": \"ü\", \"x\": 1}";
  const JsonIndex index(text);
  check_at(index, "/x", {1, 19});
  const JsonIndex with_bom("\xEF\xBB\xBF{\"x\": 1}");
  CHECK(with_bom.complete());
  check_at(with_bom, "/x", {1, 7});
}

TEST_CASE("duplicate keys are reported with both places; the last one is the one found") {
  const std::string text = "{\n \"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3\n}";
  const JsonIndex index(text);
  REQUIRE(index.problems().size() == 2);
  for (const auto& p : index.problems()) CHECK(p.kind == ScanProblem::Kind::duplicate_key);
  const auto& inner = index.problems()[0];
  CHECK(inner.pointer == "/b/c");
  CHECK(inner.detail == "c");
  CHECK(index.position(inner.offset).line == 3);
  CHECK(index.position(inner.other).line == 3);
  CHECK(inner.other < inner.offset);
  const auto& outer = index.problems()[1];
  CHECK(outer.pointer == "/a");
  CHECK(index.position(outer.offset).line == 4);
  CHECK(index.position(outer.other).line == 2);
  check_at(index, "/a", where(text, "3"));
}

TEST_CASE("keys that differ only by escapes count as duplicates") {
  const JsonIndex index(R"({"ab": 1, "a\u0062": 2})");
  REQUIRE(index.problems().size() == 1);
  CHECK(index.problems()[0].detail == "ab");
}

TEST_CASE("invalid UTF-8 in strings and keys is found with every bad byte") {
  const std::string text = "{\"t\": \"ok \xFF and \xC3\", \"k\xFE\": 1}";
  const JsonIndex index(text);
  CHECK(index.complete());
  REQUIRE(index.problems().size() == 2);
  const auto& value = index.problems()[0];
  CHECK(value.kind == ScanProblem::Kind::bad_utf8);
  CHECK(value.pointer == "/t");
  CHECK(value.count == 2);
  CHECK(value.offset == text.find('\xFF'));
  const auto& key = index.problems()[1];
  CHECK(key.pointer == "/k\xFE");
  CHECK(key.offset == text.find('\xFE'));
}

TEST_CASE("nesting deeper than the limit stops the scan without recursion") {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  const JsonIndex index(deep);
  CHECK(index.too_deep());
  CHECK_FALSE(index.complete());
  REQUIRE(index.problems().size() == 1);
  CHECK(index.problems()[0].kind == ScanProblem::Kind::too_deep);
  CHECK(index.problems()[0].offset == 64);

  const std::string ok = std::string(64, '[') + std::string(64, ']');
  CHECK(JsonIndex(ok).complete());
  CHECK_FALSE(JsonIndex(ok).too_deep());
  JsonScanOptions shallow;
  shallow.max_depth = 10;
  CHECK(JsonIndex(ok, shallow).too_deep());
}

TEST_CASE("numbers too large for a double are flagged; small and long ones are not") {
  const JsonIndex index(
      R"({"a": 1e999, "b": -2E+400, "c": 1e-999, "d": 123456789012345678901234567890})");
  REQUIRE(index.problems().size() == 2);
  CHECK(index.problems()[0].pointer == "/a");
  CHECK(index.problems()[0].detail == "1e999");
  CHECK(index.problems()[1].pointer == "/b");
}

TEST_CASE("text that is not JSON gets a syntax error where nlohmann::json also refuses it") {
  const char* bad[] = {"",
                       "   ",
                       "{",
                       "[1,]",
                       "{\"a\" 1}",
                       "{\"a\": }",
                       "\"open",
                       "tru",
                       "{\"a\": 1} x",
                       "[1 2]",
                       "{,}",
                       "{\"a\":\"x\ny\"}",
                       "01",
                       "1.",
                       "-",
                       ".5",
                       "1e",
                       "+1",
                       "[1.2.3]",
                       "\"\\q\"",
                       "\"\\u12\"",
                       "\"\\ud800\"",
                       "\"\\udc00x\"",
                       "{\"a\":1,}",
                       "nul",
                       "[true false]",
                       "'single'",
                       "NaN",
                       "Infinity",
                       "[-]",
                       "{\"a\"}",
                       "[\"a\\\"]"};
  for (const char* text : bad) {
    CAPTURE(text);
    const JsonIndex index(text);
    CHECK_FALSE(index.complete());
    CHECK(index.syntax_error().has_value());
    CHECK_FALSE(index.find("/a"));
    CHECK_FALSE(json::accept(text));  // the oracle agrees that it is not JSON
  }
}

TEST_CASE("syntax errors say what was expected and where") {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"{\"a\": 1 \"b\": 2}", 8, "expected ',' or '}' after a member, found '\"'"},
      {"[1, 2,]", 6, "a comma before ']': JSON allows no trailing comma"},
      {"{\"a\" 1}", 5, "expected ':' after the key, found '1'"},
      {"{\"a\": 01}", 6, "invalid number \"01\""},
      {"{\"a\": \"x", 6, "this string is not closed"},
      {"{\"a\": [1", 8,
       "the text ends before the list that starts at line 1, column 7 is closed with ']'"},
      {"{\"a\": \"\\x\"}", 7, "invalid escape \\x"},
      {"{\"a\": tru}", 6, "expected a value"},
      {"{} []", 3, "unexpected '[' after the end of the JSON value"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const JsonIndex index(text);
    REQUIRE(index.syntax_error());
    CHECK(index.syntax_error()->offset == c.offset);
    CHECK(index.syntax_error()->message.find(c.message) == 0);
  }
}

TEST_CASE("the document built by the scan equals nlohmann::json's parse of the same text") {
  const char* texts[] = {
      R"({"a": [1, -2, 3.5, 1e3, -0, 0.25e-2, 18446744073709551615, -9223372036854775808]})",
      R"({"s": "tab\tnew\nline \"q\" \\ \/ \u00e9 \ud83d\ude00 √", "t": true, "f": false, "n": null})",
      R"([{"nested": {"deeper": [[], {}, [[1]]]}}, "x", 12345678901234567890123])",
      "  \n\t{ \"spaces\" :\r\n [ 1 , 2 ] }  \n",
      R"("just a string")",
      "42",
      R"({"dup": 1, "dup": 2})",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    json built;
    JsonScanOptions opt;
    opt.document = &built;
    const JsonIndex index(text, opt);
    CHECK(index.complete());
    CHECK(built == json::parse(text));
  }
}

TEST_CASE("bad UTF-8 and huge numbers are replaced in the document so the rest can be read") {
  json built;
  JsonScanOptions opt;
  opt.document = &built;
  const JsonIndex index("{\"t\": \"a\xFFz\", \"n\": 1e999, \"ok\": 1}", opt);
  CHECK(index.complete());
  CHECK(index.problems().size() == 2);
  CHECK(built["t"] == "a\xEF\xBF\xBDz");
  CHECK(built["n"] == 0);
  CHECK(built["ok"] == 1);
}

TEST_CASE("elements of the root's lists are offered one at a time and can be left out") {
  const std::string text = "{\"keep\": [1, 2],\n \"take\": [{\"i\": 0},\n {\"i\": 1}, 7]}";
  json built;
  std::vector<std::string> seen;
  JsonScanOptions opt;
  opt.document = &built;
  opt.on_root_list_element = [&](std::string_view key, std::size_t i, qkv::TextPos where,
                                 json& element) {
    seen.push_back(std::string(key) + "/" + std::to_string(i) + "@" + std::to_string(where.line) +
                   ":" + std::to_string(where.column) + "=" + element.dump());
    return key != "take";
  };
  const JsonIndex index(text, opt);
  CHECK(index.complete());
  CHECK(seen == std::vector<std::string>{"keep/0@1:11=1", "keep/1@1:14=2", "take/0@2:11={\"i\":0}",
                                         "take/1@3:2={\"i\":1}", "take/2@3:12=7"});
  CHECK(built == json::parse(R"({"keep": [1, 2], "take": []})"));
  check_at(index, "/take/1/i", where(text, "1}"));  // left out of the document, still indexed
}

TEST_CASE("drop_read_elements: an element left out of the document keeps only its own place") {
  const std::string text = "{\"keep\": [{\"a\": 1}],\n \"take\": [{\"i\": [0, {\"j\": 1}]}, 7, {\"i\": 2}],\n \"z\": {\"y\": 3}}";
  json built;
  JsonScanOptions opt;
  opt.document = &built;
  opt.drop_read_elements = true;
  opt.on_root_list_element = [](std::string_view key, std::size_t, qkv::TextPos, json&) {
    return key != "take";
  };
  const JsonIndex index(text, opt);
  CHECK(index.complete());
  CHECK(index.partial());
  CHECK(built == json::parse(R"({"keep": [{"a": 1}], "take": [], "z": {"y": 3}})"));
  check_at(index, "/take/0", where(text, "{\"i\": [0"));  // the element's own place stays
  check_at(index, "/take/2", where(text, "{\"i\": 2}"));
  CHECK_FALSE(index.find("/take/0/i"));                    // what is inside it does not
  CHECK_FALSE(index.find("/take/2/i"));
  check_at(index, "/keep/0/a", where(text, "1}]"));          // kept elements keep everything
  check_at(index, "/z/y", where(text, "3}"));                // and so does what follows
  // A full index of the same text finds them all.
  const JsonIndex full(text);
  CHECK_FALSE(full.partial());
  check_at(full, "/take/0/i/1/j", where(text, "1}]}"));
  check_at(full, "/take/2/i", where(text, "2}"));
}

TEST_CASE("random bytes never crash or hang the scanner") {
  std::mt19937 gen(12345);
  std::uniform_int_distribution<int> byte(0, 255), pick(0, 9);
  const std::string alphabet = "{}[]\",:0123456789.eE-+truefalsn \\\n";
  for (int round = 0; round < 300; ++round) {
    std::string s;
    const int n = 1 + round * 3;
    for (int i = 0; i < n; ++i)
      s += pick(gen) < 8 ? alphabet[static_cast<std::size_t>(byte(gen)) % alphabet.size()]
                         : static_cast<char>(byte(gen));
    const JsonIndex index(s);
    const auto pos = index.position(s.size());  // positions past anything are clamped
    CHECK(pos.line >= 1);
  }
}

TEST_CASE("on mutated packs the scan agrees with nlohmann::json about what is JSON") {
  std::ifstream in(qkv::test::content_dir() + "/examples/packs/example-pack.json");
  REQUIRE(in);
  const std::string original((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  std::mt19937 gen(2024);
  const std::string alphabet = "{}[]\",:0123456789.eE-+ \n\\u/tfn";
  int compared = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string s = original;
    const int edits = 1 + static_cast<int>(gen() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = gen() % s.size();
      const char c = alphabet[gen() % alphabet.size()];
      switch (gen() % 3) {
        case 0:
          s.erase(at, 1 + gen() % 3);
          break;
        case 1:
          s.insert(at, 1, c);
          break;
        default:
          s[at] = c;
          break;
      }
    }
    json built;
    JsonScanOptions opt;
    opt.document = &built;
    const JsonIndex index(s, opt);
    if (!index.problems().empty()) continue;  // stricter than a parser by design (dup keys)
    CAPTURE(s);
    CHECK(index.complete() == json::accept(s));
    if (index.complete()) CHECK(built == json::parse(s));
    ++compared;
  }
  CHECK(compared > 1500);
}

TEST_CASE("positions on a very long line are exact (the per-block counts agree with a walk)") {
  // One line of 200,000 bytes with multi-byte characters: every offset's column equals the
  // code points before it, counted the slow way.
  std::string text = "[";
  for (int i = 0; i < 20000; ++i) text += i % 3 ? "\"√é\"," : "\"ab\",";
  text += "\"end\"]\n[1]";
  const JsonIndex index(text);
  std::size_t points = 0;
  for (std::size_t off = 0; off < text.size(); ++off) {
    if (text[off] == '\n') break;
    if (off % 997 == 0 || off + 3 > text.find('\n')) {
      const TextPos p = index.position(off);
      CHECK(p.line == 1);
      CHECK(p.column == static_cast<int>(points) + 1);
    }
    points += (static_cast<unsigned char>(text[off]) & 0xC0) != 0x80;
  }
  CHECK(index.position(text.size() - 2).line == 2);
  CHECK(index.position(text.size() - 2).column == 2);
}
