#include "json/document.hpp"

#include <cstdio>

#include "json/fields.hpp"

namespace qkv {

namespace {

constexpr int kDocumentMaxDepth = 64;

Diagnostic at(const JsonIndex& index, const std::string& name, std::size_t offset,
              std::string pointer, std::string message) {
  Diagnostic d = make_error(name, std::move(pointer), std::move(message));
  const TextPos pos = index.position(offset);
  d.line = pos.line;
  d.column = pos.column;
  return d;
}

}  // namespace

std::vector<Diagnostic> scan_diagnostics(const JsonIndex& index, const std::string& name,
                                         int max_depth, std::string_view document) {
  std::vector<Diagnostic> out;
  for (const auto& p : index.problems()) {
    switch (p.kind) {
      case ScanProblem::Kind::duplicate_key: {
        const TextPos first = index.position(p.other);
        out.push_back(at(index, name, p.offset, p.pointer,
                         "duplicate key \"" + p.detail + "\" (first at line " +
                             std::to_string(first.line) + ", column " +
                             std::to_string(first.column) +
                             "); JSON readers keep only one of them, so remove or rename one"));
        break;
      }
      case ScanProblem::Kind::bad_utf8: {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X",
                      static_cast<unsigned>(static_cast<unsigned char>(index.text()[p.offset])));
        out.push_back(
            at(index, name, p.offset, p.pointer,
               std::string("text is not valid UTF-8 (byte ") + byte +
                   (p.count > 1 ? ", and " + std::to_string(p.count - 1) + " more in this string"
                                : std::string()) +
                   "); save the file as UTF-8"));
        break;
      }
      case ScanProblem::Kind::too_deep:
        out.push_back(at(index, name, p.offset, p.pointer,
                         "arrays and objects are nested more than " + std::to_string(max_depth) +
                             " levels deep here; " + std::string(document) +
                             " needs far fewer, so this file is not read further"));
        break;
      case ScanProblem::Kind::number_overflow:
        out.push_back(at(index, name, p.offset, p.pointer,
                         "the number " + p.detail +
                             " is too large for a double (the largest is about 1.8e308)"));
        break;
    }
  }
  if (const auto& e = index.syntax_error())
    out.push_back(at(index, name, e->offset, "", "JSON syntax error: " + e->message));
  return out;
}

void place_in(Diagnostic& d, const JsonIndex& index) {
  if (d.line > 0) return;
  for (std::string p = d.pointer;;) {
    if (auto pos = index.find(p)) {
      d.line = pos->line, d.column = pos->column;
      return;
    }
    const auto slash = p.rfind('/');
    if (slash == std::string::npos) return;
    p.erase(slash);
  }
}

std::vector<Diagnostic> located(std::vector<Diagnostic> diags, const JsonIndex& index,
                                const std::string& file, const std::string& prefix) {
  for (auto& d : diags) {
    d.file = file;
    d.pointer = prefix + d.pointer;
    place_in(d, index);
  }
  return diags;
}

LocatedDocument read_document(std::string text, const std::string& name, std::string_view document,
                              std::string_view not_json) {
  LocatedDocument out{nlohmann::json(), JsonIndex(std::string())};
  JsonScanOptions options;
  options.max_depth = kDocumentMaxDepth;
  options.document = &out.document;
  out.index = JsonIndex(std::move(text), options);
  auto diags = scan_diagnostics(out.index, name, kDocumentMaxDepth, document);
  // scan_diagnostics puts the syntax error, if any, last.
  if (out.index.syntax_error() && !not_json.empty())
    diags.back().message = std::string(not_json) + "; " + diags.back().message;
  if (!diags.empty()) throw Error(Exit::data, std::move(diags));
  return out;
}

}  // namespace qkv
