#pragma once
// Reading the files of a pack (pack format v1) from parsed JSON into the model: a single-file
// pack, the pack.json of a directory pack, or one of its questions/*.json files.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "bank/pack_fields.hpp"
#include "bank/question_reader.hpp"
#include "json/index.hpp"

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

/// Reads a pack file's questions while it is parsed: give it to the scan as
/// JsonScanOptions::on_root_list_element. Each element of the root's "questions" list is read
/// into `pack` (with every problem added to ctx) as soon as it is complete and then dropped from
/// the document, so a large pack never sits in memory twice; other lists are kept. `check` (when
/// set) runs on each question read.
class QuestionStream {
 public:
  QuestionStream(const ReadContext& ctx, Pack& pack, const QuestionCheck& check = {})
      : ctx_(ctx), pack_(pack), check_(check) {}
  bool operator()(std::string_view key, std::size_t index, TextPos where, nlohmann::json& element);

 private:
  const ReadContext& ctx_;
  Pack& pack_;
  const QuestionCheck& check_;
};

/// Reads the rest of one parsed file into `pack`: the metadata and concepts (with SourceLocs
/// from `index`) and whether the "questions" list is there, adding a diagnostic to ctx for every
/// problem. Concepts are appended as far as they could be read, so that pack-wide checks see them.
void read_pack_file(const nlohmann::json& doc, PackFile kind, const ReadContext& ctx,
                    const JsonIndex& index, Pack& pack);

}  // namespace qkv::bank
