#pragma once
// Advice to the kernel about large buffers. Page faults are a large part of what loading a big
// pack or a large attention problem costs (each 4 KiB page is faulted in on first touch); with
// transparent huge pages a 2 MiB page takes one fault instead of 512.
#include <cstddef>
#include <optional>
#include <string>

namespace qkv {

/// Asks for transparent huge pages for the whole 4 KiB pages inside [data, data + bytes), when
/// the block is at least `min_bytes` (smaller blocks would round their memory up for nothing).
/// Advice only: where THP is off or unsupported nothing changes, and nothing is reported.
void advise_huge_pages(const void* data, std::size_t bytes, std::size_t min_bytes = 4u << 20);

/// Faults in the pages of [data, data + bytes) for writing with one call instead of one trap
/// per page, where the kernel can (MADV_POPULATE_WRITE, Linux 5.14); otherwise nothing. For a
/// block about to be written whole.
void prefault_for_writing(void* data, std::size_t bytes);

/// How many bytes this process can still allocate, as far as the system says: the least of
/// MemAvailable (/proc/meminfo), the room left in the process's cgroup (memory.max minus
/// memory.current) and under an address-space limit (ulimit -v). nullopt when none is known.
std::optional<std::size_t> memory_available();

/// Throws Error(Exit::data) "WHAT needs about 9.4 GB of memory, but about 3.1 GB is available;
/// ADVICE" when `bytes` is more than memory_available() (nothing when that is unknown).
void require_memory(std::size_t bytes, const std::string& what, const std::string& advice);

/// "9.4 GB", "310 MB", "12 kB" (decimal units, as people read them).
std::string format_bytes(std::size_t bytes);

}  // namespace qkv
