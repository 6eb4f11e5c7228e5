#pragma once
// Writing a pack in the formats other systems read: GIFT, Aiken and Moodle XML for Moodle and
// other LMSs, and Markdown as a printable paper with an answer key. Each question goes to the
// nearest type the target has; what the target cannot hold is returned as a loss naming the
// question, never dropped silently.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "core/error.hpp"

namespace qkv::interchange {

enum class ExportFormat { gift, aiken, moodle_xml, markdown };

/// "gift", "aiken", "moodle-xml", "markdown".
const char* export_format_name(ExportFormat f);
std::optional<ExportFormat> parse_export_format(std::string_view name);

struct ExportResult {
  std::string text;                ///< the file's content
  std::size_t questions = 0;       ///< questions written (some formats skip some)
  std::vector<Diagnostic> losses;  ///< severity warning; file:line of the question, its id first
};

/// The pack in format `f`.
ExportResult export_pack(const bank::Pack& pack, ExportFormat f);

ExportResult export_gift(const bank::Pack& pack);
ExportResult export_aiken(const bank::Pack& pack);
ExportResult export_moodle_xml(const bank::Pack& pack);
ExportResult export_markdown(const bank::Pack& pack);

}  // namespace qkv::interchange
