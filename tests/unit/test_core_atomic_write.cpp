#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Dir {
  fs::path path = fs::temp_directory_path() /
                  (std::string("qkv-unit-atomic-write") + "-" + std::to_string(::getpid()));
  Dir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() { fs::remove_all(path); }
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(path)) ++n;
    return n;
  }
};

// The exit code and message of what `f` throws.
template <class F>
std::pair<int, std::string> thrown(F f) {
  try {
    f();
  } catch (const qkv::Error& e) {
    return {static_cast<int>(e.code()), e.what()};
  }
  return {0, ""};
}

}  // namespace

TEST_CASE("write_file_atomically creates, replaces whole, and keeps an existing file's mode") {
  const Dir d;
  const fs::path f = d.path / "out.json";
  qkv::write_file_atomically(f, "first\n");
  CHECK(slurp(f) == "first\n");
  REQUIRE(chmod(f.c_str(), 0604) == 0);
  qkv::write_file_atomically(f, "second\n");
  CHECK(slurp(f) == "second\n");
  struct stat st {};
  REQUIRE(stat(f.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0604);
  CHECK(d.entries() == 1);
}

TEST_CASE("write_file_atomically follows a symbolic link and replaces its target") {
  const Dir d;
  const fs::path target = d.path / "real.json", link = d.path / "link.json";
  std::ofstream(target) << "old";
  fs::create_symlink(target, link);
  qkv::write_file_atomically(link, "new");
  CHECK(fs::is_symlink(link));
  CHECK(slurp(target) == "new");
  CHECK(d.entries() == 2);
}

TEST_CASE("an output that cannot be written is exit 74, naming the path and the reason") {
  const Dir d;
  std::ofstream(d.path / "plain") << "x";
  const auto under_file = thrown([&] { qkv::write_file_atomically(d.path / "plain" / "f", "x"); });
  CHECK(under_file.first == 74);
  CHECK(under_file.second.find((d.path / "plain" / "f").string()) != std::string::npos);
  CHECK(under_file.second.find("Not a directory") != std::string::npos);

  const auto missing = thrown([&] { qkv::check_writable_path(d.path / "no" / "f", "-o"); });
  CHECK(missing.first == 74);
  CHECK(missing.second.find("-o " + (d.path / "no" / "f").string()) != std::string::npos);
  CHECK(missing.second.find("does not exist") != std::string::npos);

  const auto not_dir = thrown([&] { qkv::check_writable_path(d.path / "plain" / "f", "--csv"); });
  CHECK(not_dir.first == 74);
  CHECK(not_dir.second.find("is not a directory") != std::string::npos);

  const auto is_dir = thrown([&] { qkv::check_writable_path(d.path, "--report"); });
  CHECK(is_dir.first == 74);
  CHECK(is_dir.second.find("is a directory") != std::string::npos);

  CHECK(thrown([&] { qkv::check_writable_path(d.path / "new.json", "-o"); }).first == 0);
}

TEST_CASE("a device is written in place: /dev/null takes it, /dev/full is exit 74") {
  CHECK(thrown([] { qkv::check_writable_path("/dev/null", "-o"); }).first == 0);
  CHECK(thrown([] { qkv::write_file_atomically("/dev/null", "x"); }).first == 0);
  const auto full = thrown([] { qkv::write_file_atomically("/dev/full", "x"); });
  CHECK(full.first == 74);
  CHECK(full.second.find("No space left on device") != std::string::npos);
  struct stat st {};
  REQUIRE(stat("/dev/full", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}
