#include <doctest/doctest.h>

#include "render/diagnostics_json.hpp"

using qkv::Diagnostic;
using qkv::Severity;

TEST_CASE("diagnostic_json: every field, unknown ones as null") {
  Diagnostic d;
  d.file = "pack.json";
  d.line = 12;
  d.column = 5;
  d.pointer = "/questions/3/answer";
  d.message = "expected a string";
  const auto j = qkv::render::diagnostic_json(d);
  CHECK(j.dump() ==
        R"({"file":"pack.json","line":12,"column":5,"pointer":"/questions/3/answer",)"
        R"("severity":"error","message":"expected a string"})");

  Diagnostic w;
  w.message = "a concept no question names";
  w.severity = Severity::warning;
  const auto k = qkv::render::diagnostic_json(w);
  CHECK(k["file"].is_null());
  CHECK(k["line"].is_null());
  CHECK(k["column"].is_null());
  CHECK(k["pointer"].is_null());
  CHECK(k["severity"] == "warning");

  const auto all = qkv::render::diagnostics_json({d, w});
  REQUIRE(all.size() == 2);
  CHECK(all[1]["message"] == "a concept no question names");
}
