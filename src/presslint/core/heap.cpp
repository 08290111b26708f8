#include <presslint/core/heap.hpp>

#include <cstdint>
#include <cstdlib>

#if PRESSLINT_HEAP_RESERVABLE
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace presslint::core {

std::span<std::byte>
reserve_heap(std::size_t bytes)
{
#if PRESSLINT_HEAP_RESERVABLE
#ifndef MADV_POPULATE_WRITE
  constexpr int MADV_POPULATE_WRITE = 23; // Linux 5.14
#endif
  // Larger than any block freed this early, so that it comes from the
  // arena's free end (its top chunk) and shows where that begins.
  constexpr std::size_t k_probe = std::size_t{128} << 10;
  // Setting the padding stops glibc from raising its mmap threshold and
  // trim threshold as large blocks come and go: set them where it lets them
  // rise to, so that a large file's buffers are reused rather than mapped
  // and faulted in again each time.
  constexpr int k_mmap_threshold = 32 << 20;
  constexpr int k_trim_threshold = 64 << 20;
  if (bytes == 0 || bytes > (std::size_t{1} << 30)) {
    return {};
  }
  bytes = (bytes + k_huge_page - 1) & ~(k_huge_page - 1);
  if (mallopt(M_TOP_PAD, static_cast<int>(bytes)) != 1
      || mallopt(M_MMAP_THRESHOLD, k_mmap_threshold) != 1
      || mallopt(M_TRIM_THRESHOLD, k_trim_threshold) != 1) {
    return {};
  }
  // Where the free end begins: the probe is freed at once, and goes back
  // into it.
  void* probe = std::malloc(k_probe);
  if (probe == nullptr) {
    return {};
  }
  const auto begin = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  // The first huge-page boundary at least a probe's size further on.
  const std::uintptr_t huge = (begin + k_probe + k_huge_page - 1) & ~(k_huge_page - 1);
  // A block from there up to the boundary, kept for the whole run, so that
  // the blocks after it begin on the boundary. Its pages are never written
  // to, so they take address space but no memory. glibc adds a size word to
  // a request and rounds it up to 16 bytes: this request ends exactly there.
  void* gap = std::malloc(huge - begin - sizeof(std::size_t));
  if (reinterpret_cast<std::uintptr_t>(gap) != begin) {
    // Not from the free end: nothing reserved.
    std::free(gap);
    return {};
  }
  // The next block then begins on the boundary; taking `bytes` there grows
  // the arena over them, and freeing it leaves the room in the free end.
  void* room = std::malloc(bytes);
  const bool grown = reinterpret_cast<std::uintptr_t>(room) == huge;
  std::free(room);
  if (!grown) {
    return {};
  }
  // Huge pages where the system allows them (a hint: refused, small pages
  // are mapped instead), then every page mapped in one call.
  auto* start = reinterpret_cast<std::byte*>(huge);
  (void)madvise(start, bytes, MADV_HUGEPAGE);
  if (madvise(start, bytes, MADV_POPULATE_WRITE) != 0) {
    return {};
  }
  return {start, bytes};
#else
  (void)bytes;
  return {};
#endif
}

} // namespace presslint::core
