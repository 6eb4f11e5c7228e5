// `pack lint` warns about a text holding control or invisible characters (bidi controls,
// zero-width characters, U+2028/2029, U+FEFF), written raw or as a JSON escape, at the text's
// line, and stays quiet about every other character however it is written (lint skips parsing a
// file again when a quick look at its bytes shows it cannot hold one).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bank/lint.hpp"
#include "bank/loader.hpp"

using qkv::Diagnostic;

namespace {

// A valid one-question pack whose prompt is `prompt` as written in the JSON text (escapes
// included).
std::string pack_text(const std::string& prompt) {
  return R"({"format": "qkv-pack/1", "id": "h", "title": "H", "version": "1",
"concepts": [{"id": "c", "name": "C"}],
"questions": [{"id": "q1", "type": "single", "concepts": ["c"], "difficulty": 1,
  "prompt": ")" +
         prompt + R"(",
  "explanation": "Because.", "source": "a book",
  "options": [{"text": "alpha", "correct": true, "feedback": "yes"},
              {"text": "beta", "feedback": "no"}]}]})";
}

std::vector<Diagnostic> hidden_warnings(const std::string& text) {
  const auto r = qkv::bank::parse_pack(text, "mem.json");
  REQUIRE_MESSAGE(r.ok(), text);
  qkv::bank::LintOptions options;
  options.texts["mem.json"] = text;
  std::vector<Diagnostic> out;
  for (auto& d : qkv::bank::lint_pack(*r.pack, options))
    if (d.message.find("invisible or control characters") != std::string::npos) out.push_back(d);
  return out;
}

}  // namespace

TEST_CASE("lint names each hidden or control character, written raw or escaped") {
  struct Case {
    const char* written;
    const char* named;
  };
  const Case cases[] = {
      {"right\xE2\x80\xAEto left", "U+202E at character 6"},  // raw RIGHT-TO-LEFT OVERRIDE
      {"right\\u202eto left", "U+202E at character 6"},       // the same, escaped
      {"zero\\u200Bwidth", "U+200B at character 5"},
      {"isolate \xE2\x81\xA6x\xE2\x81\xA9", "U+2066 at character 9, U+2069 at character 11"},
      {"line\\u2028sep", "U+2028 at character 5"},
      {"bom \xEF\xBB\xBF inside", "U+FEFF at character 5"},
      {"c1 \xC2\x9B csi", "U+009B at character 4"},
      {"c1 \\u0085 nel", "U+0085 at character 4"},
      {"carriage\\rreturn", "U+000D at character 9"},
      {"back\\bspace", "U+0008 at character 5"},
      {"del \\u007f", "U+007F at character 5"},
  };
  for (const auto& c : cases) {
    const std::string written = c.written;
    CAPTURE(written);
    const auto ws = hidden_warnings(pack_text(c.written));
    REQUIRE(ws.size() == 1);
    CHECK(ws[0].pointer == "/questions/0/prompt");
    CHECK(ws[0].line == 4);
    CHECK(ws[0].message.find(std::string("this text holds invisible or control characters (") +
                             c.named + ")") != std::string::npos);
  }
}

TEST_CASE("lint says nothing about characters that are shown as they are") {
  for (const char* written : {
           "plain ASCII, with \\\"quotes\\\" and a \\\\ backslash and a \\/ slash",
           "new\\nline and\\ttab",
           "d\xE2\x82\x96 = \xE2\x88\x9A"
           "64 and Q\xC2\xB7K and caf\xC3\xA9",  // d_k, sqrt, middle dot
           "escaped caf\\u00e9 and \\u00B7 and \\u221A",
           "a literal backslash-u: \\\\u202e is not an escape",
           "an emoji as a surrogate pair: \\ud83d\\ude00, and raw \xF0\x9F\x98\x80",
           "newline escaped as \\u000a and tab as \\u0009",
       }) {
    CAPTURE(written);
    CHECK(hidden_warnings(pack_text(written)).empty());
  }
}
