// The pack reader on one file's text: bank::parse_pack, as `qkv pack validate FILE.json` runs it
// (scan, questions read while scanning, metadata, pack-wide checks, locating every diagnostic),
// then lint on what loaded.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "practice/question_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  qkv::bank::LoadOptions options;  // the commands' check: calc answers against the engine
  options.check_question = qkv::practice::check_question;
  qkv::bank::LoadResult r = qkv::bank::parse_pack(text, "fuzz.json", options);
  if (r.pack) {
    auto warnings = qkv::bank::lint_pack(*r.pack);
    qkv::bank::locate(warnings, "fuzz.json", text);
  }
  return 0;
}
