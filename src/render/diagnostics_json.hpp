#pragma once
// The JSON form of diagnostics (`qkv pack validate --json`, `qkv pack lint --json`), for CI and
// editors. Keys are stable and documented in the man page (QKV PACK).
#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.hpp"

namespace qkv::render {

/// {file, line, column, pointer, severity ("error" | "warning"), message}: line and column
/// count from 1 (the column in code points) and are null where unknown, as file and pointer are
/// when empty.
nlohmann::ordered_json diagnostic_json(const Diagnostic& d);

/// Every diagnostic, in order, as diagnostic_json writes it.
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& ds);

}  // namespace qkv::render
