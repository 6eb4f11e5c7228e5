#pragma once
// Shared by the importer targets (gift, aiken, moodle_xml): what `qkv pack import FILE` does with
// a file's text. The reader first; when the text has no errors, the pack assemble() makes of it,
// written as JSON and validated as `pack validate` would, then lint; and the pack exported back
// to the same format and read again. Bad input must come back as the reader's errors or the
// loader's diagnostics; qkv::Error is caught (a documented way to refuse), anything else is a
// finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bank/lint.hpp"
#include "bank/loader.hpp"
#include "core/error.hpp"
#include "interchange/export.hpp"
#include "interchange/import.hpp"
#include "interchange/pack_writer.hpp"

namespace qkv_fuzz {

inline void import_check(qkv::interchange::Format format, qkv::interchange::ExportFormat back,
                         const std::uint8_t* data, std::size_t size) {
  namespace ic = qkv::interchange;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    std::vector<ic::ReadResult> files;
    files.push_back(ic::read_format(format, text, "fuzz.in"));
    if (!files.back().errors.empty()) return;
    std::vector<qkv::Diagnostic> notes;
    const qkv::bank::Pack pack = ic::assemble(files, {}, notes);
    const std::string doc =
        ic::pack_to_json(pack).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    const qkv::bank::LoadResult loaded = qkv::bank::parse_pack(doc, "fuzz.json");
    if (!loaded.pack) return;
    qkv::bank::LintOptions options;
    options.texts["fuzz.json"] = doc;
    auto warnings = qkv::bank::lint_pack(*loaded.pack, options);
    qkv::bank::locate(warnings, "fuzz.json", doc);
    const ic::ExportResult out = ic::export_pack(*loaded.pack, back);
    (void)ic::read_format(format, out.text, "fuzz.out");
  } catch (const qkv::Error&) {
  }
}

}  // namespace qkv_fuzz
