#include "bank/pack_fields.hpp"

#include "core/suggest.hpp"

namespace qkv::bank {

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id.front())) return false;
  for (char c : id)
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

std::string invalid_id_message(std::string_view what, std::string_view id) {
  return std::string(what) + " id \"" + std::string(id.substr(0, 100)) +
         "\" is not a valid id: use 1 to 100 letters, digits, '.', '_' or '-', starting with a "
         "letter or digit (for example \"query-role-1\")";
}

SourceLoc source_loc(const std::string& file, const JsonIndex& index, const std::string& pointer) {
  SourceLoc loc{.file = file, .pointer = pointer};
  if (auto pos = index.find(pointer)) loc.line = pos->line, loc.column = pos->column;
  return loc;
}

std::string where_defined(const SourceLoc& loc) {
  std::string out = loc.file;
  if (loc.line > 0) out += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
  return out + " (" + (loc.pointer.empty() ? "/" : loc.pointer) + ")";
}

std::string undefined_concept_message(const std::string& id,
                                      const std::vector<std::string>& defined,
                                      std::string_view otherwise) {
  std::string message = "concept \"" + id + "\" is not defined in this pack";
  if (auto near = nearest_name(id, defined)) return message + "; did you mean \"" + *near + "\"?";
  return message + std::string(otherwise);
}

}  // namespace qkv::bank
