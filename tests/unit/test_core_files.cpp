#include <doctest/doctest.h>
#include <sys/stat.h>

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

std::string message_of(const fs::path& p) {
  try {
    qkv::read_text_file(p);
  } catch (const qkv::Error& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("read_text_file never blocks on a FIFO nor reads a device; it names what it found") {
  const fs::path dir = scratch("x").parent_path();
  const fs::path fifo = dir / "fifo.json";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(qkv::read_text_file(fifo).empty());  // no writer: empty at once, no waiting
  fs::create_symlink("/dev/zero", dir / "zero.json");
  CHECK(code_of(dir / "zero.json") == qkv::Exit::no_input);
  CHECK(message_of(dir / "zero.json").find("is a device") != std::string::npos);
  fs::create_symlink(dir / "nothing.json", dir / "dangling.json");
  CHECK(code_of(dir / "dangling.json") == qkv::Exit::no_input);
  CHECK(message_of(dir / "dangling.json").find("symbolic link to") != std::string::npos);
  CHECK(message_of(dir / "dangling.json").find("which does not exist") != std::string::npos);
  fs::create_symlink(dir / "loop-b.json", dir / "loop-a.json");
  fs::create_symlink(dir / "loop-a.json", dir / "loop-b.json");
  CHECK(code_of(dir / "loop-a.json") == qkv::Exit::no_input);
  CHECK(message_of(dir / "loop-a.json").find("loops") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("read_text_file takes a limit of its own") {
  const fs::path p = scratch("limit.json");
  std::ofstream(p, std::ios::binary) << std::string(100, 'x');
  CHECK(qkv::read_text_file(p, 100).size() == 100);
  try {
    qkv::read_text_file(p, 99);
    FAIL("no error");
  } catch (const qkv::Error& e) {
    CHECK(e.code() == qkv::Exit::data);
    CHECK(std::string(e.what()).find("at most 99 bytes") != std::string::npos);
  }
  fs::remove_all(p.parent_path());
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

TEST_CASE("FileReadAhead gives each file's text or error in the list's order") {
  const fs::path dir = scratch("x").parent_path();
  std::vector<fs::path> paths;
  for (int i = 0; i < 300; ++i) {
    paths.push_back(dir / ("f" + std::to_string(i) + ".json"));
    if (i % 50 == 7) continue;  // missing
    std::ofstream(paths.back(), std::ios::binary)
        << std::string(static_cast<std::size_t>(i % 13 == 0 ? 200 : i), 'a' + i % 26);
  }
  qkv::FileReadAhead files(paths, 100);  // the files of 200 bytes are too large
  REQUIRE(files.paths() == paths);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    std::string expected, expected_error, got, got_error;
    try {
      expected = qkv::read_text_file(paths[i], 100);
    } catch (const qkv::Error& e) {
      expected_error = e.what();
    }
    try {
      got = files.next();
    } catch (const qkv::Error& e) {
      got_error = e.what();
    }
    CHECK(got == expected);
    CHECK(got_error == expected_error);
    if (i % 50 == 7) CHECK(got_error.find("no such file") != std::string::npos);
    if (i % 13 == 0 && i % 50 != 7) CHECK(got_error.find("at most 100 bytes") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("FileReadAhead stops when dropped before every file is taken") {
  const fs::path dir = scratch("x").parent_path();
  std::vector<fs::path> paths;
  for (int i = 0; i < 2000; ++i) {
    paths.push_back(dir / ("f" + std::to_string(i) + ".json"));
    std::ofstream(paths.back()) << i;
  }
  {
    qkv::FileReadAhead files(paths, 100);
    CHECK(files.next() == "0");
    CHECK(files.next() == "1");
  }  // the destructor stops the thread and waits for it (a hang fails the test by its timeout)
  qkv::FileReadAhead one({paths[5]}, 100);  // one file: read on the caller's thread
  CHECK(one.next() == "5");
  fs::remove_all(dir);
}
