#pragma once
// A fresh directory under the system's temporary folder, removed with everything in it when the
// object goes out of scope. Tests that write files (the progress database above all) use one, so
// they never touch the real home directory and never see each other's files.
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace qkv::test {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "qkv-test") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed: " + tmpl);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// A path inside the directory.
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace qkv::test
