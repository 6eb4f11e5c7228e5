// advise_huge_pages: the kernel records the advice on the mapping (VmFlags "hg" in
// /proc/self/smaps) for large blocks, and never for blocks under the threshold.
#include <doctest/doctest.h>
#include <sys/mman.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/memory.hpp"
#include "support/skip.hpp"

namespace {

// The VmFlags line of the mapping that holds `p`, or "" when there is none.
std::string vm_flags_of(const void* p) {
  const auto addr = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    const auto dash = line.find('-');
    const auto space = line.find(' ');
    if (dash != std::string::npos && space != std::string::npos && dash < space &&
        line.find_first_not_of("0123456789abcdef") == dash) {
      const auto lo = std::stoull(line.substr(0, dash), nullptr, 16);
      const auto hi = std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16);
      inside = lo <= addr && addr < hi;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) return line;
  }
  return "";
}

bool has_flag(const std::string& flags, const std::string& flag) {
  std::istringstream words(flags);
  for (std::string w; words >> w;)
    if (w == flag) return true;
  return false;
}

}  // namespace

TEST_CASE("advise_huge_pages marks a large block for huge pages and leaves small ones alone" *
          doctest::test_suite("environment")) {
  if (!std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled") ||
      !std::filesystem::exists("/proc/self/smaps")) {
    MESSAGE(qkv_test::kSkipped << "no transparent huge pages here; nothing to observe");
    return;
  }
  // Fresh mappings of their own (a malloc'd block may share a mapping with earlier ones).
  constexpr std::size_t kBig = 16u << 20;
  auto map = [] {
    void* p = mmap(nullptr, kBig, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(p != MAP_FAILED);
    return static_cast<char*>(p);
  };
  char* big = map();
  const char* middle = big + kBig / 2;
  REQUIRE(!vm_flags_of(middle).empty());
  CHECK(!has_flag(vm_flags_of(middle), "hg"));
  qkv::advise_huge_pages(big + 100, kBig - 200);  // not page-aligned, as malloc's blocks are not
  CHECK(has_flag(vm_flags_of(middle), "hg"));

  char* small = map();
  qkv::advise_huge_pages(small, kBig, kBig + 1);  // under its threshold: no advice
  CHECK(!has_flag(vm_flags_of(small + kBig / 2), "hg"));

  qkv::advise_huge_pages(nullptr, kBig);      // nothing to advise, and no harm
  qkv::advise_huge_pages(small + 1, 100, 0);  // less than a page: nothing to advise
  CHECK(!has_flag(vm_flags_of(small), "hg"));
  munmap(big, kBig);
  munmap(small, kBig);
}

TEST_CASE("prefault_for_writing makes every page of a fresh block resident" *
          doctest::test_suite("environment")) {
#ifdef MADV_POPULATE_WRITE
  constexpr std::size_t kSize = 64 * 4096;
  void* p = mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  auto resident = [&] {
    unsigned char pages[64] = {};
    REQUIRE(mincore(p, kSize, pages) == 0);
    int n = 0;
    for (unsigned char v : pages) n += v & 1;
    return n;
  };
  CHECK(resident() == 0);
  // Not page-aligned on either side: the pages it touches are faulted in all the same.
  qkv::prefault_for_writing(static_cast<char*>(p) + 10, kSize - 20);
  const int after = resident();
  munmap(p, kSize);
  if (after == 0) {
    MESSAGE(qkv_test::kSkipped << "MADV_POPULATE_WRITE is not supported by this kernel");
    return;
  }
  CHECK(after == 64);
#else
  MESSAGE(qkv_test::kSkipped << "MADV_POPULATE_WRITE is not in this system's headers");
#endif
}
