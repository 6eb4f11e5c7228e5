#include "bank/loader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <tuple>

#include "bank/pack_checks.hpp"
#include "bank/pack_fields.hpp"
#include "bank/pack_reader.hpp"
#include "core/files.hpp"
#include "json/document.hpp"
#include "json/fields.hpp"
#include "json/index.hpp"

namespace qkv::bank {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// Nesting accepted in pack files. A pack needs 5 levels at most (a calc input's values); the
/// limit keeps hostile documents away from recursive code (such as nlohmann::json's dump).
constexpr int kMaxDepth = 64;

// One pack being loaded: its files (kept to look positions up at the end), the pack read so far
// and every problem found.
class PackLoad {
 public:
  explicit PackLoad(const LoadOptions& options) : options_(options) {}

  // Parses and reads one file's text.
  void add_text(std::string text, const std::string& name, PackFile kind) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      fail(name,
           "the file is empty; a pack is a JSON object such as {\"format\": \"qkv-pack/1\", "
           "\"id\": ..., \"questions\": [...]}",
           false);
      return;
    }
    if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
      const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
      files_.push_back({name, {}, JsonIndex(std::move(text))});
      error_at(*files_.back().index, name, at, "",
               "this looks like a binary file (it holds a NUL byte), not JSON text");
      incomplete_ = true;
      return;
    }
    json doc;
    const ReadContext ctx{name, log_};
    QuestionStream questions(ctx, pack_, options_.check_question);
    JsonScanOptions options;
    options.max_depth = kMaxDepth;
    options.document = &doc;
    options.drop_read_elements = true;  // a question's values are indexed again only if needed
    options.on_root_list_element = [&](std::string_view key, std::size_t i, TextPos where,
                                       json& element) { return questions(key, i, where, element); };
    files_.push_back({name, {}, std::nullopt});  // its place in the order of the files
    const std::size_t file = files_.size() - 1;
    JsonIndex index(std::move(text), options);
    report_scan(index, name);
    if (index.complete()) read_pack_file(doc, kind, ctx, index, pack_);
    incomplete_ = incomplete_ || !index.complete();
    // Only the text is kept: positions inside the questions need a new scan anyway, and a
    // directory pack of 100,000 files would keep 100,000 indexes for the few files that have a
    // diagnostic to place (freeing each one here also lets the next file reuse its memory).
    files_[file].text = std::move(index).take_text();
  }

  // Reads a file from disk; a file that cannot be read is reported (and marks the load
  // unreadable unless it is only too large).
  void add_file(const fs::path& path, PackFile kind) {
    add_file(path, kind, [&] { return read_text_file(path, kMaxPackBytes); });
  }

  // The same, with the file's text from read() (read_text_file or a FileReadAhead).
  template <class Read>
  void add_file(const fs::path& path, PackFile kind, Read&& read) {
    try {
      add_text(read(), path.string(), kind);
    } catch (const Error& e) {
      if (e.code() == Exit::no_input) unreadable_ = true;
      incomplete_ = true;
      for (const auto& d : e.diagnostics()) {
        std::string message = d.message;
        const std::string prefix = path.string() + ": ";
        if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
        log_.add(make_error(path.string(), "", message));
      }
    }
  }

  void warn(const std::string& file, std::string message) {
    Diagnostic d = make_error(file, "", std::move(message));
    d.severity = Severity::warning;
    log_.add(std::move(d));
  }

  void fail(const std::string& file, std::string message, bool unreadable) {
    unreadable_ = unreadable_ || unreadable;
    incomplete_ = true;
    log_.add(make_error(file, "", std::move(message)));
  }

  bool unreadable() const { return unreadable_; }

  // Runs the pack-wide checks (unless a file could not be read, when they would only echo
  // that), places every diagnostic and hands the result over.
  LoadResult finish(const std::string& path) {
    for (auto& q : pack_.questions) q.pack_id = pack_.id;
    if (!incomplete_) check_pack(pack_, log_);
    auto& ds = log_.kept();
    for (auto& d : ds) place(d);
    auto file_order = [&](const Diagnostic& d) {
      for (std::size_t i = 0; i < files_.size(); ++i)
        if (files_[i].name == d.file) return i;
      return files_.size();
    };
    std::stable_sort(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) {
      return std::tuple(file_order(a), a.line, a.column) <
             std::tuple(file_order(b), b.line, b.column);
    });
    LoadResult result;
    const bool ok = log_.errors() == 0;
    result.diagnostics = log_.take();
    if (ok) {
      pack_.path = path;
      result.pack = std::move(pack_);
    }
    return result;
  }

 private:
  struct SourceFile {
    std::string name;
    std::string text;                // the file's text, moved into index once that is made
    std::optional<JsonIndex> index;  // of all the text: made on first need (see place)
  };

  void error_at(const JsonIndex& index, const std::string& name, std::size_t offset,
                std::string pointer, std::string message) {
    const TextPos pos = index.position(offset);
    log_.add(make_error(name, std::move(pointer), std::move(message), pos.line, pos.column));
  }

  // Reports what the scan found: syntax errors, duplicate keys, bad UTF-8, deep nesting, numbers
  // too large (json/document.hpp words them for every file qkv reads).
  void report_scan(const JsonIndex& index, const std::string& name) {
    for (auto& d : scan_diagnostics(index, name, kMaxDepth, "a pack")) log_.add(std::move(d));
  }

  // The questions were left out of the index as they were read, and the index was not kept
  // (see add_text): a diagnostic without a line is placed by a second scan of its file, made
  // only when there is such a diagnostic.
  void place(Diagnostic& d) {
    if (d.line > 0) return;
    for (auto& f : files_) {
      if (f.name != d.file) continue;
      if (!f.index) {
        JsonScanOptions options;
        options.max_depth = kMaxDepth;
        f.index.emplace(std::move(f.text), options);
      }
      return place_in(d, *f.index);
    }
  }

  const LoadOptions& options_;
  std::vector<SourceFile> files_;
  DiagnosticLog log_;
  Pack pack_;
  bool unreadable_ = false;
  bool incomplete_ = false;  // a file could not be read or parsed
};

LoadResult load_directory(const fs::path& dir, bool* unreadable, const LoadOptions& options) {
  PackLoad load(options);
  const fs::path meta = dir / "pack.json";
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(meta, ec))) {
    load.fail(dir.string(),
              "no pack.json in this directory; a pack directory holds pack.json (metadata and "
              "concepts) and questions/*.json",
              true);
  } else {
    load.add_file(meta, PackFile::metadata);  // reports a link to nothing, a FIFO, a directory
    std::vector<std::string> names;  // of the question files in questions/
    const fs::path qdir = dir / "questions";
    const auto qstatus = fs::status(qdir, ec);
    if (fs::is_directory(qstatus)) {
      for (fs::directory_iterator it(qdir, ec), end; !ec && it != end; it.increment(ec)) {
        // *.json, as path::extension() reads it: the name ".json" alone has no extension.
        std::string name = it->path().filename().native();
        if (name.size() <= 5 || name.compare(name.size() - 5, 5, ".json") != 0) continue;
        // Only regular files (or links to them) are question files. Anything else named *.json
        // is reported, never skipped in silence; a FIFO or a device is never opened for reading.
        // The entry's type comes from the listing (no stat per file) except for a symbolic link
        // or a file system that does not say, where it is the type of what the link leads to.
        std::error_code sec;
        if (it->is_directory(sec)) {
          load.warn(it->path().string(),
                    "a directory named like a question file; it is not read (question files "
                    "sit directly in questions/)");
        } else if (it->is_fifo(sec)) {
          load.fail(it->path().string(),
                    "is a named pipe (FIFO), not a file; question files must be regular files",
                    true);
        } else {
          names.push_back(std::move(name));  // regular; reading says what is wrong with the rest
        }
      }
      if (ec) load.fail(qdir.string(), "cannot list this directory: " + ec.message(), true);
    } else if (fs::exists(fs::symlink_status(qdir, ec))) {
      load.fail(qdir.string(),
                "questions is not a directory; a pack directory keeps its question files in the "
                "folder questions/ (questions/*.json)",
                false);
    }
    // By name, byte by byte (as comparing the paths' file names does, without parsing paths).
    std::sort(names.begin(), names.end());
    std::vector<fs::path> paths;
    paths.reserve(names.size());
    for (const auto& name : names) paths.push_back(qdir / name);
    // Read on a second thread while the files already read are parsed, in the same order.
    FileReadAhead files(std::move(paths), kMaxPackBytes);
    for (const auto& path : files.paths())
      load.add_file(path, PackFile::questions, [&] { return files.next(); });
  }
  if (unreadable) *unreadable = load.unreadable();
  return load.finish(dir.string());
}

}  // namespace

LoadResult parse_pack(std::string_view json_text, std::string_view name,
                      const LoadOptions& options) {
  PackLoad load(options);
  if (json_text.size() > kMaxPackBytes) {
    load.fail(std::string(name),
              "the text is " + std::to_string(json_text.size()) +
                  " bytes; qkv reads packs of at most " + std::to_string(kMaxPackBytes) +
                  " bytes (" + size_words(kMaxPackBytes) + ")",
              false);
  } else {
    load.add_text(std::string(json_text), std::string(name), PackFile::whole);
  }
  return load.finish(std::string(name));
}

fs::path pack_path(const fs::path& path) {
  // Always the built-in bank, even where a file named core exists (a core dump, say): the name
  // must mean one thing from every directory.
  if (path.native() == kBuiltinPackName) return content_dir() / "packs" / "core";
  return path;
}

LoadResult load_pack(const fs::path& named, bool* unreadable, const LoadOptions& options) {
  const fs::path path = pack_path(named);
  std::error_code ec;
  if (fs::is_directory(path, ec)) return load_directory(path, unreadable, options);
  PackLoad load(options);
  load.add_file(path, PackFile::whole);
  if (unreadable) *unreadable = load.unreadable();
  return load.finish(path.string());
}

void locate(std::vector<Diagnostic>& diagnostics) {
  std::map<std::string, std::vector<Diagnostic*>> by_file;
  for (auto& d : diagnostics)
    if (d.line == 0 && !d.file.empty()) by_file[d.file].push_back(&d);
  for (auto& [file, ds] : by_file) {
    std::string text;
    try {
      text = read_text_file(file, kMaxPackBytes);
    } catch (const Error&) {
      continue;
    }
    JsonScanOptions options;
    options.max_depth = kMaxDepth;
    const JsonIndex index(std::move(text), options);
    for (auto* d : ds) place_in(*d, index);
  }
}

void locate(std::vector<Diagnostic>& diagnostics, std::string_view name,
            std::string_view json_text) {
  JsonScanOptions options;
  options.max_depth = kMaxDepth;
  const JsonIndex index(std::string(json_text), options);
  for (auto& d : diagnostics)
    if (d.file == name) place_in(d, index);
}

Bank load_bank(const std::vector<std::string>& pack_paths, bool include_builtin,
               const LoadOptions& options) {
  std::vector<fs::path> paths;
  for (const auto& p : pack_paths) paths.push_back(pack_path(p));
  if (include_builtin || paths.empty()) paths.push_back(pack_path(kBuiltinPackName));
  Bank bank;
  std::vector<Diagnostic> problems;
  bool unreadable = false;
  std::set<fs::path> seen;
  for (const auto& path : paths) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (!ec && !seen.insert(canonical).second) continue;  // the same pack named twice
    bool missing = false;
    LoadResult r = load_pack(path, &missing, options);
    unreadable = unreadable || missing;
    problems.insert(problems.end(), r.diagnostics.begin(), r.diagnostics.end());
    if (!r.pack) continue;
    for (const auto& other : bank.packs)
      if (other.id == r.pack->id)
        problems.push_back(make_error(path.string(), "",
                                      "pack id \"" + r.pack->id + "\" is already used by " +
                                          other.path + "; packs used together need different ids"));
    bank.packs.push_back(std::move(*r.pack));
  }
  const bool failed = std::any_of(problems.begin(), problems.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  });
  if (failed) throw Error(unreadable ? Exit::no_input : Exit::data, std::move(problems));
  return bank;
}

}  // namespace qkv::bank
