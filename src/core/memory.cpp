#include "core/memory.hpp"

#include "core/error.hpp"

#include <sys/mman.h>
#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace qkv {

namespace {

constexpr std::uintptr_t kPage = 4096;

struct PageRange {
  std::uintptr_t begin = 0, end = 0;
  void* start() const { return reinterpret_cast<void*>(begin); }
  std::size_t size() const { return end - begin; }
};

// The pages wholly inside [data, data + bytes) (inner), or every page it touches (outer).
PageRange pages_of(const void* data, std::size_t bytes, bool outer) {
  const auto lo = reinterpret_cast<std::uintptr_t>(data);
  const auto hi = lo + bytes;
  PageRange r;
  r.begin = outer ? lo & ~(kPage - 1) : (lo + kPage - 1) & ~(kPage - 1);
  r.end = outer ? (hi + kPage - 1) & ~(kPage - 1) : hi & ~(kPage - 1);
  if (r.end < r.begin) r.end = r.begin;
  return r;
}

}  // namespace

void advise_huge_pages(const void* data, std::size_t bytes, std::size_t min_bytes) {
  if (data == nullptr || bytes < min_bytes) return;
  const PageRange r = pages_of(data, bytes, /*outer=*/false);
  if (r.size() == 0) return;
  (void)madvise(r.start(), r.size(), MADV_HUGEPAGE);
}

void prefault_for_writing(void* data, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  if (data == nullptr || bytes == 0) return;
  const PageRange r = pages_of(data, bytes, /*outer=*/true);
  (void)madvise(r.start(), r.size(), MADV_POPULATE_WRITE);
#else
  (void)data;
  (void)bytes;
#endif
}

namespace {

// The first line of a small file, or "".
std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// MemAvailable from /proc/meminfo, in bytes.
std::optional<std::size_t> mem_available() {
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream fields(line.substr(13));
    unsigned long long kib = 0;
    if (fields >> kib) return static_cast<std::size_t>(kib) * 1024;
  }
  return std::nullopt;
}

// What the process's cgroup (v2) still allows: memory.max − memory.current.
std::optional<std::size_t> cgroup_room() {
  const std::string self = first_line("/proc/self/cgroup");  // "0::/user.slice/..."
  if (self.rfind("0::", 0) != 0) return std::nullopt;
  const std::string dir = "/sys/fs/cgroup" + self.substr(3);
  const std::string max = first_line(dir + "/memory.max");
  const std::string current = first_line(dir + "/memory.current");
  if (max.empty() || max == "max" || current.empty()) return std::nullopt;
  try {
    const unsigned long long m = std::stoull(max), c = std::stoull(current);
    return static_cast<std::size_t>(m > c ? m - c : 0);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// What an address-space limit (ulimit -v) still allows: the limit − the current VmSize.
std::optional<std::size_t> rlimit_room() {
  rlimit r{};
  if (getrlimit(RLIMIT_AS, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return std::nullopt;
  std::ifstream in("/proc/self/status");
  unsigned long long used_kib = 0;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmSize:", 0) == 0) {
      std::istringstream(line.substr(7)) >> used_kib;
      break;
    }
  const unsigned long long used = used_kib * 1024;
  return static_cast<std::size_t>(r.rlim_cur > used ? r.rlim_cur - used : 0);
}

}  // namespace

std::optional<std::size_t> memory_available() {
  std::optional<std::size_t> best;
  for (const auto& room : {mem_available(), cgroup_room(), rlimit_room()})
    if (room && (!best || *room < *best)) best = room;
  return best;
}

void require_memory(std::size_t bytes, const std::string& what, const std::string& advice) {
  const auto room = memory_available();
  if (!room || bytes <= *room) return;
  throw Error(Exit::data, what + " needs about " + format_bytes(bytes) +
                              " of memory, but about " + format_bytes(*room) +
                              " is available; " + advice);
}

std::string format_bytes(std::size_t bytes) {
  const double b = static_cast<double>(bytes);
  char buf[32];
  if (b >= 1e9)
    std::snprintf(buf, sizeof buf, "%.1f GB", b / 1e9);
  else if (b >= 1e6)
    std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.0f kB", b / 1e3);
  return buf;
}

}  // namespace qkv
