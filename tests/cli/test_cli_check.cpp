// End-to-end tests of `qkv check`: fixture files in tests/data/check (numbers worked out with a
// separate Python script, not the engine), their reports and exit codes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "helpers.hpp"

using nlohmann::json;
using qkv_test::contains;
using qkv_test::data_path;
using qkv_test::run_qkv;

TEST_CASE("check: every step right exits 0") {
  const auto r = run_qkv({"check", data_path("check/all-right.json")});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "All 6 steps right."));
  const auto j = run_qkv({"check", data_path("check/all-right.json"), "--format", "json"});
  CHECK(j.exit_code == 0);
  const json doc = json::parse(j.out);
  CHECK(doc["first_wrong"].is_null());
  REQUIRE(doc["steps"].size() == 6);
  CHECK(doc["steps"][0]["id"] == "keep");
  CHECK(doc["steps"][1]["id"] == "scores");
  for (const auto& s : doc["steps"]) {
    CHECK(s["correct"] == true);
    CHECK(s["diagnosis"].is_null());
  }
}

TEST_CASE("check: one slip is counted once; later steps follow from the learner's numbers") {
  const auto r = run_qkv({"check", data_path("check/slip.json"), "--format", "json"});
  CHECK(r.exit_code == 1);
  const json doc = json::parse(r.out);
  CHECK(doc["first_wrong"] == "scores");
  REQUIRE(doc["steps"].size() == 4);
  const json& scores = doc["steps"][0];
  CHECK(scores["correct"] == false);
  CHECK(scores["diagnosis"]["mistakes"][0]["id"] == "arithmetic");
  CHECK(scores["diagnosis"]["mistakes"][0]["entries"][0]["row"] == 2);
  CHECK(scores["diagnosis"]["mistakes"][0]["entries"][0]["column"] == 0);
  for (std::size_t i = 1; i < 4; ++i) {
    CAPTURE(doc["steps"][i]["id"]);
    CHECK(doc["steps"][i]["correct"] == false);
    CHECK(doc["steps"][i]["consistent"] == true);
    CHECK(doc["steps"][i]["diagnosis"].is_null());
  }
  const auto text = run_qkv({"check", data_path("check/slip.json")});
  CHECK(text.exit_code == 1);
  CHECK(contains(text.out,
                 "First wrong step: scores. 1 slip; 3 later steps follow from your own numbers."));
  CHECK(contains(text.out, "row 3 (sat), column 1 (the): you wrote 3, it is 2"));
}

TEST_CASE("check: forgetting the scale is named at the scaled step") {
  const auto r = run_qkv({"check", data_path("check/unscaled.json"), "--format", "json"});
  CHECK(r.exit_code == 1);
  const json doc = json::parse(r.out);
  CHECK(doc["first_wrong"] == "scaled");
  CHECK(doc["steps"][0]["correct"] == true);
  CHECK(doc["steps"][1]["diagnosis"]["mistakes"][0]["id"] == "unscaled");
  CHECK(doc["steps"][2]["consistent"] == true);
  const auto text = run_qkv({"check", data_path("check/unscaled.json")});
  CHECK(contains(text.out, "unscaled: forgot to scale the scores by 1/√d_k"));
}

TEST_CASE("check: a malformed file exits 65 with its location") {
  const auto r = run_qkv({"check", data_path("check/malformed.json")});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, "malformed.json:2:"));
  CHECK(contains(r.err, "JSON syntax error"));
  const auto b = run_qkv({"check", data_path("check/bad-entries.json")});
  CHECK(b.exit_code == 65);
  CHECK(contains(b.err, "bad-entries.json:4:"));
  CHECK(contains(b.err, "/work/scores/1"));
  CHECK(contains(b.err, "/work/output/0/1"));
  CHECK(contains(b.err, "/problem/heads"));
}

TEST_CASE("check: an unknown step is named with the steps there are") {
  const auto r = run_qkv({"check", data_path("check/unknown-step.json")});
  CHECK(r.exit_code == 65);
  CHECK(contains(r.err, "/work/weigths"));
  CHECK(contains(r.err, "did you mean 'weights'"));
}

TEST_CASE("check: a missing file exits 66; no file is a usage error") {
  CHECK(run_qkv({"check", data_path("check/no-such-file.json")}).exit_code == 66);
  CHECK(run_qkv({"check"}).exit_code == 2);
}
