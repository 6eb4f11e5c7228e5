#pragma once
// Advice to the kernel about large buffers. Page faults are a large part of what loading a big
// pack or a large attention problem costs (each 4 KiB page is faulted in on first touch); with
// transparent huge pages a 2 MiB page takes one fault instead of 512.
#include <cstddef>

namespace qkv {

/// Asks for transparent huge pages for the whole 4 KiB pages inside [data, data + bytes), when
/// the block is at least `min_bytes` (smaller blocks would round their memory up for nothing).
/// Advice only: where THP is off or unsupported nothing changes, and nothing is reported.
void advise_huge_pages(const void* data, std::size_t bytes, std::size_t min_bytes = 4u << 20);

/// Faults in the pages of [data, data + bytes) for writing with one call instead of one trap
/// per page, where the kernel can (MADV_POPULATE_WRITE, Linux 5.14); otherwise nothing. For a
/// block about to be written whole.
void prefault_for_writing(void* data, std::size_t bytes);

}  // namespace qkv
