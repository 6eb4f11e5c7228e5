// The problem reader of `qkv calc --input` and `qkv check`: JSON text read by the located reader
// (JsonIndex, as check reads a worked solution) and by nlohmann::json (as calc --input
// does), then attention::problem_from_json on the document and on its "problem" member. Bad
// input must be an Error(Exit::data), never anything else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "attention/problem_json.hpp"
#include "core/error.hpp"
#include "json/index.hpp"

namespace {

void read_problem(const nlohmann::json& j) {
  using qkv::attention::Validation;
  for (auto v : {Validation::syntax_only, Validation::full}) {
    try {
      (void)qkv::attention::problem_from_json(j, "fuzz.json", v);
    } catch (const qkv::Error&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  nlohmann::json doc;
  qkv::JsonScanOptions scan;
  scan.document = &doc;
  const qkv::JsonIndex index(text, scan);
  if (index.complete()) {
    read_problem(doc);
    if (doc.is_object() && doc.contains("problem")) read_problem(doc["problem"]);
    (void)index.find("/problem");
  }
  if (const auto& e = index.syntax_error()) (void)index.position(e->offset);
  try {
    read_problem(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception&) {
  }
  return 0;
}
