#pragma once
// Reading the files of a pack (pack format v1) from parsed JSON into the model: a single-file
// pack, the pack.json of a directory pack, or one of its questions/*.json files.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bank/json_fields.hpp"
#include "bank/json_index.hpp"
#include "bank/model.hpp"

namespace qkv::bank {

/// The version string a pack's "format" field must hold.
inline constexpr const char* kPackFormat = "qkv-pack/1";

/// What a file of a pack holds.
enum class PackFile {
  whole,      ///< a single-file pack: metadata, concepts and questions
  metadata,   ///< pack.json of a directory pack: metadata and concepts (questions allowed too)
  questions,  ///< questions/*.json of a directory pack: {"questions": [...]}
};

/// Top-level fields of a pack (and of pack.json); "$schema" is allowed too, for editors.
const std::vector<std::string>& pack_fields();
/// Fields of a concept: id, name, summary, note, prerequisites.
const std::vector<std::string>& concept_fields();

/// Reads one parsed file into `pack`, adding a diagnostic to ctx for every problem in it.
/// Concepts and questions are appended as far as they could be read (so that pack-wide checks
/// see them) with their SourceLoc, whose line and column come from `index`.
void read_pack_file(const nlohmann::json& doc, PackFile kind, const ReadContext& ctx,
                    const JsonIndex& index, Pack& pack);

}  // namespace qkv::bank
