#pragma once
// Importing questions written for other systems (GIFT, Aiken, Moodle XML) into the bank model.
// Each reader takes a file's text and its name (for messages) and returns the questions it could
// carry over, with every question it could not (skipped), every detail lost on the way (notes)
// and every place where the text is malformed (errors). assemble() turns the questions of one or
// more files into one qkv-pack/1 pack. Nothing here prints or touches files.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank/model.hpp"
#include "core/error.hpp"

namespace qkv::interchange {

enum class Format { gift, aiken, moodle_xml };

/// "gift", "aiken", "moodle-xml".
const char* format_name(Format f);
/// Inverse of format_name; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);

/// The format of a file from its extension (.gift, .aiken, .xml) and, for anything else (.txt),
/// from its content: an XML declaration or <quiz> is Moodle XML, a line "ANSWER: X" after lines
/// "A." or "A)" is Aiken, GIFT markers ({...}, ::title::, $CATEGORY:) are GIFT. nullopt when
/// nothing fits.
std::optional<Format> detect_format(std::string_view path, std::string_view text);

/// One question read from a file, before it belongs to a pack: `question` has its type, prompt,
/// body, explanation, hints and tags; its id and concepts are filled by assemble().
struct ImportedQuestion {
  bank::Question question;
  std::string name;       ///< the source's title for it (GIFT ::title::, XML <name>); may be empty
  std::string source_id;  ///< an id the source gives (GIFT [id:...], XML <idnumber>); may be empty
  std::string category;  ///< the category path it was under ($CATEGORY, XML category); may be empty
  std::string category_id;  ///< the category's own id (XML <idnumber>); may be empty
  std::string file;         ///< where it starts
  int line = 0;
};

/// What a reader returns for one file.
struct ReadResult {
  std::vector<ImportedQuestion> questions;
  std::vector<Diagnostic> skipped;  ///< questions not carried over (severity error), FILE:LINE
  std::vector<Diagnostic> notes;    ///< details lost from carried questions (severity warning)
  std::vector<Diagnostic> errors;   ///< malformed text (severity error); the file is unusable
};

/// Reads GIFT as Moodle's GIFT importer does (README, "Moving a bank to and from Moodle").
ReadResult read_gift(std::string_view text, const std::string& file);
/// Reads Aiken: a question, options "A." or "A)", then "ANSWER: X".
ReadResult read_aiken(std::string_view text, const std::string& file);
/// Reads Moodle XML (<quiz><question type="...">...).
ReadResult read_moodle_xml(std::string_view text, const std::string& file);
/// The reader for `f`.
ReadResult read_format(Format f, std::string_view text, const std::string& file);

struct AssembleOptions {
  std::string pack_id = "imported";  ///< the pack's id
  std::string title;                 ///< the pack's title; empty: "Imported questions"
  /// The concept of questions that come without a category (and of all questions when
  /// `force_concept` is true); empty: "imported".
  std::string concept_id;
  bool force_concept = false;  ///< every question gets concept_id, categories are ignored
  std::string description;     ///< the pack's description
};

/// The pack that holds every question of `files`, in order: ids from the source's id, its
/// title or its position, made unique; one concept per category (its last path component);
/// difficulty 2; source "FILE:LINE" of the original. Notes about renamed ids are added to
/// `notes`. The result is not validated here (see import_pack in the front end).
bank::Pack assemble(const std::vector<ReadResult>& files, const AssembleOptions& options,
                    std::vector<Diagnostic>& notes);

}  // namespace qkv::interchange
