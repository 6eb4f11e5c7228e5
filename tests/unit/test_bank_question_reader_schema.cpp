// content/schema/pack.schema.json must describe exactly what the loader accepts, so that the two
// cannot drift apart: the same question types, and the same fields everywhere.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "bank/pack_reader.hpp"
#include "bank/question_reader.hpp"
#include "practice/exercise.hpp"
#include "support/paths.hpp"

using nlohmann::json;
namespace bank = qkv::bank;

namespace {

json load_schema() {
  std::ifstream in(qkv::test::content_dir() + "/schema/pack.schema.json");
  REQUIRE(in);
  return json::parse(in);  // throws (and fails the test) when it is not valid JSON
}

std::set<std::string> keys(const json& object) {
  std::set<std::string> out;
  for (const auto& [k, v] : object.items()) out.insert(k);
  return out;
}

std::set<std::string> as_set(const std::vector<std::string>& v) {
  return {v.begin(), v.end()};
}

}  // namespace

TEST_CASE("the pack schema is JSON Schema draft 2020-12") {
  const json s = load_schema();
  CHECK(s["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(s["$defs"]["pack"]["properties"]["format"]["const"] == bank::kPackFormat);
}

TEST_CASE("the schema lists every question type the loader accepts, and no other") {
  const json s = load_schema();
  const json& question = s["$defs"]["question"];
  std::set<std::string> loader_types;
  for (auto t : bank::kQuestionTypes) loader_types.insert(bank::type_name(t));
  std::set<std::string> schema_types;
  for (const auto& t : question["properties"]["type"]["enum"])
    schema_types.insert(t.get<std::string>());
  CHECK(schema_types == loader_types);

  // Each type has an if/then branch pointing at its own definition with its own fields.
  std::set<std::string> branches;
  for (const auto& branch : question["allOf"]) {
    const std::string type = branch["if"]["properties"]["type"]["const"];
    branches.insert(type);
    CHECK(branch["then"]["$ref"] == "#/$defs/" + type);
    const auto parsed = bank::parse_type(type);
    REQUIRE(parsed);
    CAPTURE(type);
    CHECK(keys(s["$defs"][type]["properties"]) == as_set(bank::type_fields(*parsed)));
  }
  CHECK(branches == loader_types);
}

TEST_CASE("the schema's fields match the loader's for packs, concepts, questions and parts") {
  const json s = load_schema();
  const json& defs = s["$defs"];
  CHECK(keys(defs["pack"]["properties"]) == as_set(bank::pack_fields()));
  CHECK(keys(defs["concept"]["properties"]) == as_set(bank::concept_fields()));
  CHECK(keys(defs["question"]["properties"]) == as_set(bank::common_question_fields()));
  CHECK(keys(defs["option"]["properties"]) == as_set(bank::option_fields()));
  CHECK(keys(defs["matching"]["properties"]["pairs"]["items"]["properties"]) ==
        as_set(bank::pair_fields()));
  const json& calc = defs["numeric"]["properties"]["calc"];
  CHECK(keys(calc["properties"]) == as_set(bank::calc_fields()));
  std::set<std::string> steps;
  for (const auto& st : calc["properties"]["step"]["enum"]) steps.insert(st.get<std::string>());
  CHECK(steps == as_set(bank::calc_steps()));
  CHECK(keys(defs["calculated"]["properties"]["generator"]["properties"]) ==
        as_set(bank::generator_fields()));
  CHECK(keys(defs["matrix"]["properties"]["calc"]["properties"]) ==
        as_set(bank::step_ref_fields()));
  std::set<std::string> kinds;
  for (const auto& k : defs["calculated"]["properties"]["generator"]["properties"]["kind"]["enum"])
    kinds.insert(k.get<std::string>());
  CHECK(kinds == as_set(qkv::practice::kind_names()));
}
