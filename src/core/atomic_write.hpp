#pragma once
// Writing an output file (--save-input, --report, --csv, -o, pack import and export, progress
// export): every output file qkv writes goes through write_file_atomically, so that it is never
// seen half-written, and every output that cannot be written is Error(kExitOutput), exit 74,
// naming the path and the reason.
#include <filesystem>
#include <string_view>

namespace qkv {

/// Replaces (or creates) `path` with `content`, atomically: the text goes to a temporary file in
/// the same directory, is flushed to disk, and is renamed over the target in one step (a
/// symbolic link is followed, and its target replaced, so the link stays). On failure (a full
/// disk, a file size limit, a file system gone read-only, Ctrl-C is not one: the write goes
/// on) the target is untouched, no temporary file is left behind, and Error(kExitOutput) names
/// the path and says what could not be done. An existing file keeps its permission bits; a new
/// one gets 0666 less the umask.
///
/// A target that is not a regular file (a device such as /dev/null or /dev/full, a FIFO), and a
/// path naming one of qkv's file descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N), cannot
/// be replaced and is written in place instead, appending; a failed write is still
/// Error(kExitOutput).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Throws Error(kExitOutput) unless `path` could be written by write_file_atomically: it is not
/// a directory, its directory exists and is a directory qkv may create files in (or, for a
/// device or FIFO, the target itself is writable). The message starts with `option` and the
/// path ("--report out/r.md: the directory out does not exist; create it first"). For checking
/// an output before doing long work (an exam, an import), so that the work is not lost.
void check_writable_path(const std::filesystem::path& path, std::string_view option);

}  // namespace qkv
