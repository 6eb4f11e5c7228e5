#include "bank/pack_reader.hpp"

#include "bank/exam_defs.hpp"
#include "bank/pack_fields.hpp"
#include "bank/question_reader.hpp"

namespace qkv::bank {

using nlohmann::json;

namespace {

void read_metadata(const ObjectReader& r, const ReadContext& ctx, Pack& pack) {
  if (auto format = r.string("format", Need::required)) {
    pack.format = *format;
    if (*format != kPackFormat)
      ctx.error(r.field_pointer("format"),
                "unsupported format \"" + *format + "\"; this qkv reads \"" + kPackFormat + "\"");
  }
  if (auto id = r.string("id", Need::required)) {
    if (!valid_id(*id)) ctx.error(r.field_pointer("id"), invalid_id_message("pack", *id));
    pack.id = *id;
  }
  pack.title = r.string("title", Need::required).value_or("");
  pack.version = r.string("version", Need::required).value_or("");
  pack.authors = r.strings("authors", Need::optional);
  pack.license = r.string("license", Need::optional, Empty::allowed).value_or("");
  pack.description = r.string("description", Need::optional, Empty::allowed).value_or("");
}

void read_concepts(const ObjectReader& r, const ReadContext& ctx, const JsonIndex& index,
                   Pack& pack) {
  const json* concepts = r.array("concepts", Need::optional);
  if (!concepts) return;
  const std::string list = r.field_pointer("concepts");
  for (std::size_t i = 0; i < concepts->size(); ++i) {
    const std::string ptr = element_pointer(list, i);
    const json& c = (*concepts)[i];
    if (!c.is_object()) {
      ctx.error(ptr,
                "a concept must be an object {\"id\": ..., \"name\": ...}, found " + json_kind(c));
      continue;
    }
    const ObjectReader cr(c, ptr, ctx);
    cr.reject_unknown(concept_fields(), "a concept");
    Concept concept_;
    if (auto id = cr.string("id", Need::required)) {
      if (!valid_id(*id)) ctx.error(cr.field_pointer("id"), invalid_id_message("concept", *id));
      concept_.id = *id;
    }
    concept_.name = cr.string("name", Need::required).value_or("");
    concept_.summary = cr.string("summary", Need::optional, Empty::allowed).value_or("");
    concept_.note = cr.string("note", Need::optional, Empty::allowed).value_or("");
    concept_.prerequisites = cr.strings("prerequisites", Need::optional);
    concept_.loc = source_loc(ctx.file, index, ptr);
    pack.concepts.push_back(std::move(concept_));
  }
}

}  // namespace

const std::vector<std::string>& pack_fields() {
  static const std::vector<std::string> f = {"$schema",  "format",    "id",      "title",
                                             "version",  "authors",   "license", "description",
                                             "concepts", "questions", "exams"};
  return f;
}

const std::vector<std::string>& concept_fields() {
  static const std::vector<std::string> f = {"id", "name", "summary", "note", "prerequisites"};
  return f;
}

bool QuestionStream::operator()(std::string_view key, std::size_t index, TextPos where,
                                json& element) {
  if (key != "questions") return true;
  const std::string ptr = element_pointer("/questions", index);
  if (auto q = read_question(element, ptr, ctx_)) {
    if (check_) check_(*q, ptr, ctx_);
    q->loc.line = where.line;
    q->loc.column = where.column;
    pack_.questions.push_back(std::move(*q));
  }
  return false;  // read: drop it from the document
}

void read_pack_file(const json& doc, PackFile kind, const ReadContext& ctx, const JsonIndex& index,
                    Pack& pack) {
  if (!doc.is_object()) {
    ctx.error("",
              std::string(kind == PackFile::questions
                              ? "a questions file must be a JSON object {\"questions\": [...]}"
                              : "a pack must be a JSON object {\"format\": \"qkv-pack/1\", ...}") +
                  ", found " + json_kind(doc));
    return;
  }
  const ObjectReader r(doc, "", ctx);
  r.string("$schema", Need::optional);
  // The questions themselves were read while parsing; here only the list's presence and kind.
  const Need questions = kind == PackFile::metadata ? Need::optional : Need::required;
  if (kind == PackFile::questions) {
    static const std::vector<std::string> fields = {"$schema", "questions"};
    r.reject_unknown(fields, "a questions file", [](const std::string& key) {
      const auto& pf = pack_fields();
      if (std::find(pf.begin(), pf.end(), key) == pf.end()) return std::string();
      return "field \"" + key + "\" belongs in pack.json, not in a questions file";
    });
    r.array("questions", questions);
    return;
  }
  r.reject_unknown(pack_fields(), "a pack");
  read_metadata(r, ctx, pack);
  read_concepts(r, ctx, index, pack);
  r.array("questions", questions);
  read_exams(r, ctx, index, pack);
}

}  // namespace qkv::bank
