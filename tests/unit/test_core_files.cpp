// read_text_file: whole files back byte for byte (across read chunks), and the size limit.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/files.hpp"

namespace fs = std::filesystem;

namespace {

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("qkv_test_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST_CASE("read_text_file returns the whole file byte for byte, NUL bytes included") {
  const auto path = temp_file("big.txt");
  std::string content;
  for (int i = 0; content.size() < 200 * 1024; ++i) content += "line " + std::to_string(i) + "\n";
  content += std::string("\0tail", 5);
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  CHECK(qkv::read_text_file(path) == content);
  fs::remove(path);
}

TEST_CASE("read_text_file refuses a file over the limit and reports a missing one") {
  const auto path = temp_file("huge.bin");
  { std::ofstream out(path, std::ios::binary); }
  fs::resize_file(path, qkv::kMaxInputBytes + 1);  // sparse: no 16 MiB written
  try {
    qkv::read_text_file(path);
    FAIL("expected an error");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::data);
  }
  fs::remove(path);
  try {
    qkv::read_text_file(path);
    FAIL("expected an error");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::no_input);
  }
}
