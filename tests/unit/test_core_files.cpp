#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/error.hpp"
#include "core/files.hpp"

namespace fs = std::filesystem;

namespace {
fs::path scratch(const std::string& name) {
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / ("qkv-files-" + std::to_string(rd()));
  fs::create_directories(dir);
  return dir / name;
}

qkv::Exit code_of(const fs::path& p) {
  try {
    qkv::read_text_file(p);
  } catch (const qkv::Error& e) {
    return e.code();
  }
  return qkv::Exit::ok;
}
}  // namespace

TEST_CASE("read_text_file returns the bytes of a file exactly") {
  const fs::path p = scratch("a.json");
  const std::string text("{\"a\": 1}\n\0binary\xff", 17);
  std::ofstream(p, std::ios::binary) << text;
  CHECK(qkv::read_text_file(p) == text);
  std::ofstream(p, std::ios::binary | std::ios::trunc).close();
  CHECK(qkv::read_text_file(p).empty());
  fs::remove_all(p.parent_path());
}

TEST_CASE("read_text_file reads files that report no size (as /proc files do)") {
  const std::string status = qkv::read_text_file("/proc/self/status");
  CHECK(status.find("Name:") == 0);
  CHECK(status.size() > 100);
}

TEST_CASE("read_text_file refuses what it cannot or should not read") {
  const fs::path big = scratch("big.json");
  std::ofstream(big).close();
  fs::resize_file(big, qkv::kMaxInputBytes + 1);
  CHECK(code_of(big) == qkv::Exit::data);
  fs::resize_file(big, qkv::kMaxInputBytes);  // exactly the limit is fine
  CHECK(qkv::read_text_file(big).size() == qkv::kMaxInputBytes);
  CHECK(code_of(big.parent_path() / "missing.json") == qkv::Exit::no_input);
  CHECK(code_of(big.parent_path()) == qkv::Exit::no_input);
  fs::remove_all(big.parent_path());
}
