#pragma once
// Writing an output file so that it is never seen half-written: the text goes to a temporary file
// in the same directory, is flushed to disk, and is then renamed over the target in one step.
#include <filesystem>
#include <string_view>

namespace qkv {

/// Replaces (or creates) `path` with `content`, atomically. On failure the target is untouched,
/// no temporary file is left behind, and Error(kExitOutput) says what could not be done (a
/// full disk, a file system gone read-only; check_writable_path refuses bad paths beforehand).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Throws Error(Exit::usage) unless `path` could be written: its directory exists and `path` is
/// not itself a directory. For checking an output path before doing long work.
void check_writable_path(const std::filesystem::path& path, std::string_view option);

}  // namespace qkv
