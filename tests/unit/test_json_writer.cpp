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

TEST_CASE("json_text lays out every document one way: objects indented, scalar arrays on a line") {
  nlohmann::ordered_json doc;
  doc["name"] = "tiny";
  doc["matrix"] = {{1, 2.5}, {-3, 1e-7}};
  doc["empty_object"] = nlohmann::ordered_json::object();
  doc["empty_array"] = nlohmann::ordered_json::array();
  doc["mixed"] = {1, "two", nullptr, true};
  doc["nested"] = {{"a", {{"b", 1}}}};
  const std::string want =
      "{\n"
      "  \"name\": \"tiny\",\n"
      "  \"matrix\": [\n"
      "    [1, 2.5],\n"
      "    [-3, 1e-07]\n"
      "  ],\n"
      "  \"empty_object\": {},\n"
      "  \"empty_array\": [],\n"
      "  \"mixed\": [1, \"two\", null, true],\n"
      "  \"nested\": {\n"
      "    \"a\": {\n"
      "      \"b\": 1\n"
      "    }\n"
      "  }\n"
      "}\n";
  CHECK(json_text(doc) == want);
  // The unordered document type gets the same layout (its keys sorted, as it holds them).
  const nlohmann::json plain = {{"b", {1, 2}}, {"a", "x"}};
  CHECK(json_text(plain) == "{\n  \"a\": \"x\",\n  \"b\": [1, 2]\n}\n");
  CHECK(json_text(nlohmann::json(3)) == "3\n");
  CHECK(json_text(nlohmann::json::array()) == "[]\n");
}

TEST_CASE("json_text keeps full double precision and reads back bit for bit") {
  const nlohmann::ordered_json doc = {{"x", 0.1 + 0.2}, {"y", 1.0 / 3.0}, {"z", 1e300}};
  const auto back = nlohmann::json::parse(json_text(doc));
  CHECK(back["x"].get<double>() == 0.1 + 0.2);
  CHECK(back["y"].get<double>() == 1.0 / 3.0);
  CHECK(back["z"].get<double>() == 1e300);
}

TEST_CASE("json_text escapes keys as it escapes values, bad UTF-8 included") {
  nlohmann::ordered_json doc;
  doc["k\xff\x1b"] = "v";
  const std::string out = json_text(doc);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(nlohmann::json::parse(out).contains("k\uFFFD\x1b"));
}
