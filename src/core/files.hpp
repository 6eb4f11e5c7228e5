#pragma once
// File access at the edge of the program. Parsers take strings; these functions fetch them.
#include <cstdint>
#include <filesystem>
#include <string>

namespace qkv {

/// Largest input file qkv reads (packs, calculator inputs, worked solutions): 16 MiB.
inline constexpr std::uintmax_t kMaxInputBytes = 16u * 1024u * 1024u;

/// Reads a whole file. Throws Error(Exit::no_input) when it is missing, a directory or unreadable,
/// and Error(Exit::data) when it is larger than kMaxInputBytes (the message gives both sizes).
std::string read_text_file(const std::filesystem::path& path);

/// The directory of the built-in content (packs/, examples/, schema/). Looks, in order, at
/// $QKV_CONTENT_DIR, the source tree the binary was built from, <exe>/../share/qkv/content and the
/// install prefix. Throws Error(Exit::no_input) naming every place it looked when none exists.
std::filesystem::path content_dir();

}  // namespace qkv
