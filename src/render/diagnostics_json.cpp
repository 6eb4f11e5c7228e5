#include "render/diagnostics_json.hpp"

namespace qkv::render {

using ojson = nlohmann::ordered_json;

ojson diagnostic_json(const Diagnostic& d) {
  auto text_or_null = [](const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); };
  auto count_or_null = [](int n) { return n > 0 ? ojson(n) : ojson(nullptr); };
  return ojson{{"file", text_or_null(d.file)},
               {"line", count_or_null(d.line)},
               {"column", count_or_null(d.column)},
               {"pointer", text_or_null(d.pointer)},
               {"severity", d.severity == Severity::error ? "error" : "warning"},
               {"message", d.message}};
}

ojson diagnostics_json(const std::vector<Diagnostic>& ds) {
  ojson out = ojson::array();
  for (const auto& d : ds) out.push_back(diagnostic_json(d));
  return out;
}

}  // namespace qkv::render
