#include "core/memory.hpp"

#include <sys/mman.h>

#include <cstdint>

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

}  // namespace qkv
