#include "core/files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "core/error.hpp"
#include "core/memory.hpp"

namespace qkv {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw Error(Exit::no_input, path.string() + ": no such file");
  if (fs::is_directory(status))
    throw Error(Exit::no_input, path.string() + ": is a directory, expected a file");
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxInputBytes)
    throw Error(Exit::data, path.string() + ": file is " + std::to_string(size) +
                                " bytes; qkv reads files of at most " +
                                std::to_string(kMaxInputBytes) + " bytes (16 MiB)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Exit::no_input, path.string() + ": cannot be read (permission denied?)");
  // Read what the file says it holds, plus one byte to notice a file that grew, and keep going
  // (doubling) until the end or the limit + 1 bytes, so that a file that grows or lies about its
  // size is still refused. Sizing by the file, not by the limit, keeps a small file's buffer
  // small: a 16 MiB buffer per file would dominate the memory of loading a pack directory.
  const std::size_t cap = static_cast<std::size_t>(kMaxInputBytes) + 1;
  std::string data;
  const std::size_t first =
      std::min<std::size_t>(ec ? 4096 : static_cast<std::size_t>(size) + 1, cap);
  data.reserve(first);
  advise_huge_pages(data.data(), data.capacity());  // before the pages are first touched
  data.resize(first);
  std::size_t got = 0;
  while (true) {
    in.read(data.data() + got, static_cast<std::streamsize>(data.size() - got));
    got += static_cast<std::size_t>(in.gcount());
    if (in.bad()) throw Error(Exit::no_input, path.string() + ": read error");
    if (got < data.size() || data.size() == cap) break;
    data.resize(std::min(data.size() * 2, cap));
  }
  data.resize(got);
  if (data.size() > kMaxInputBytes)
    throw Error(Exit::data, path.string() + ": file is larger than the 16 MiB qkv reads");
  return data;
}

static fs::path exe_dir() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p.parent_path();
}

fs::path content_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("QKV_CONTENT_DIR"); env && *env) candidates.emplace_back(env);
  candidates.emplace_back(QKV_SOURCE_CONTENT_DIR);
  if (auto d = exe_dir(); !d.empty()) candidates.push_back(d.parent_path() / "share/qkv/content");
  candidates.emplace_back(QKV_INSTALL_CONTENT_DIR);
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::is_directory(c / "packs", ec)) return c;
  std::string looked;
  for (const auto& c : candidates) looked += "\n  " + c.string();
  throw Error(Exit::no_input,
              "cannot find qkv's built-in content (a folder with packs/); looked in:" + looked +
                  "\nset QKV_CONTENT_DIR to the content folder");
}

}  // namespace qkv
