#include "core/memory.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace qkv {

void advise_huge_pages(const void* data, std::size_t bytes, std::size_t min_bytes) {
  if (data == nullptr || bytes < min_bytes) return;
  constexpr std::uintptr_t kPage = 4096;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kPage - 1) & ~(kPage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kPage - 1);
  if (end <= begin) return;
  (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace qkv
