#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "json/writer.hpp"

using qkv::json_text;

TEST_CASE("json_text escapes DEL, C1 controls and invisible characters, and reads back the same") {
  std::string all;
  for (int c = 1; c < 0x20; ++c) all += static_cast<char>(c);
  all += "\x7f";
  for (int c = 0x80; c <= 0x9F; ++c) {  // C1, as UTF-8
    all += static_cast<char>(0xC2);
    all += static_cast<char>(c);
  }
  all += "\u202E\u2066\u200B\u2028\uFEFF text é ∞";
  const nlohmann::json doc = {{"key\u202E\xc2\x9b", all}};
  const std::string out = json_text(doc);
  for (char ch : out) {
    const auto b = static_cast<unsigned char>(ch);
    CHECK((b >= 0x20 || b == '\n'));
    CHECK(b != 0x7F);
  }
  CHECK(out.find("\xc2\x9b") == std::string::npos);
  CHECK(out.find("\u202E") == std::string::npos);
  CHECK(out.find("\\u009b") != std::string::npos);
  CHECK(out.find("\\u007f") != std::string::npos);
  CHECK(out.find("\\u202e") != std::string::npos);
  CHECK(out.find("\\ufeff") != std::string::npos);
  CHECK(out.find("text é ∞") != std::string::npos);  // ordinary UTF-8 stays readable
  CHECK(nlohmann::json::parse(out) == doc);          // the same document for any JSON reader
}

TEST_CASE("json_text turns bytes that are not UTF-8 into U+FFFD") {
  const nlohmann::json doc = {{"a", "x\xff\xc2y"}};
  CHECK(nlohmann::json::parse(json_text(doc))["a"] == "x\uFFFD\uFFFDy");
}
