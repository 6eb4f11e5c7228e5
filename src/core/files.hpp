#pragma once
// File access at the edge of the program. Parsers take strings; these functions fetch them.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace qkv {

/// Exit code 74 (EX_IOERR): an output, stdout included, could not be written. Documented with
/// the others (README, `qkv --help`); qkv::Exit does not name it yet, so that adding it does not
/// recompile every file (core/error.hpp is included everywhere).
inline constexpr Exit kExitOutput = static_cast<Exit>(74);

/// Largest calculator input or worked solution qkv reads: 16 MiB.
inline constexpr std::uintmax_t kMaxInputBytes = 16u * 1024u * 1024u;
/// Largest pack file qkv reads: 1 GiB (a 100,000-question pack is about 110 MB; reading takes
/// about 3 times the file's size in memory). Offsets in the JSON index are 32-bit, so this can
/// never pass 4 GiB.
inline constexpr std::uintmax_t kMaxPackBytes = 1024u * 1024u * 1024u;

/// Reads a whole file: a regular file, or a pipe (`--input <(...)`; a named pipe without a writer
/// reads as empty, never blocks). Throws Error(Exit::no_input), naming the path, when it is
/// missing, a dangling or looping symbolic link, a directory, a device or socket, or unreadable;
/// Error(Exit::data) when it is larger than max_bytes (the message gives both sizes).
std::string read_text_file(const std::filesystem::path& path,
                           std::uintmax_t max_bytes = kMaxInputBytes);

/// Reads a list of files, in order, one after the other with read_text_file, on a second
/// thread while the caller works on the files already read: reading 100,000 small files is
/// mostly system calls, which then run beside the parsing on another core. next() gives each
/// file's text, or throws what read_text_file threw for that file, in the list's order, so the
/// caller sees exactly what reading the files itself would give. Reads at most about
/// kAheadBytes ahead of the caller. Where no thread can be started, next() reads the file itself.
class FileReadAhead {
 public:
  static constexpr std::size_t kAheadBytes = 64u << 20;

  FileReadAhead(std::vector<std::filesystem::path> paths, std::uintmax_t max_bytes);
  FileReadAhead(const FileReadAhead&) = delete;
  FileReadAhead& operator=(const FileReadAhead&) = delete;
  ~FileReadAhead();  // stops after the file being read and waits for the thread

  /// The text of the next file of the list (call it once per file, in order).
  std::string next();
  const std::vector<std::filesystem::path>& paths() const { return paths_; }

 private:
  struct Shared;  // the queue between the threads (files.cpp)
  const std::vector<std::filesystem::path> paths_;
  const std::uintmax_t max_bytes_;
  std::size_t taken_ = 0;           // files handed out by next()
  std::unique_ptr<Shared> shared_;  // none when reading on the caller's thread
};

/// "16 MiB", "1 GiB": a limit in words.
std::string size_words(std::uintmax_t bytes);

/// The directory of the built-in content (packs/, examples/, schema/). Looks, in order, at
/// $QKV_CONTENT_DIR, the source tree the binary was built from, <exe>/../share/qkv/content and the
/// install prefix. Throws Error(Exit::no_input) naming every place it looked when none exists.
std::filesystem::path content_dir();

}  // namespace qkv
