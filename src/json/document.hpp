#pragma once
// Reading one JSON document strictly with the located reader (json/index.hpp), for every file
// qkv reads that is not a pack: `qkv calc --input`, the built-in calculator examples, `qkv
// check`'s solutions and `qkv results`'s exam reports. What a JSON library would hide (a key
// given twice, of which it keeps the last; a number too large for a double, which it makes
// infinite or refuses with an exception) is an error here, with the file, line, column and JSON
// pointer. The pack loader reports its scans with the same words.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "json/index.hpp"

namespace qkv {

/// What the scan of `index` found, as error Diagnostics of file `name` with line and column, in
/// text order: duplicate keys (naming where the first one is), bad UTF-8, nesting deeper than
/// `max_depth` (`document` says what the file is, e.g. "a pack"), numbers too large for a
/// double, and the syntax error, if any (last).
std::vector<Diagnostic> scan_diagnostics(const JsonIndex& index, const std::string& name,
                                         int max_depth, std::string_view document);

/// Gives a diagnostic that has a pointer but no position the position of its value, or of the
/// nearest enclosing value that exists (a missing field is reported at its object).
void place_in(Diagnostic& d, const JsonIndex& index);

/// Adds `file`, prefixes each pointer with `prefix` and places each diagnostic (place_in).
std::vector<Diagnostic> located(std::vector<Diagnostic> diags, const JsonIndex& index,
                                const std::string& file, const std::string& prefix = {});

struct LocatedDocument {
  nlohmann::json document;
  JsonIndex index;
};

/// Reads `text` as one JSON document. Throws Error(Exit::data) with every scan_diagnostics()
/// entry when there is any (nesting is limited to 64 levels, far more than a problem needs).
/// `not_json`, when given, comes before the syntax error's message ("not JSON, so not ...; JSON
/// syntax error: ..."), for files where a syntax error most likely means the wrong file.
LocatedDocument read_document(std::string text, const std::string& name, std::string_view document,
                              std::string_view not_json = {});

}  // namespace qkv
