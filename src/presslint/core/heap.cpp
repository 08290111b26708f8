#include <presslint/core/heap.hpp>

#include <cstdint>
#include <cstdlib>

#if PRESSLINT_HEAP_RESERVABLE
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace presslint::core {

std::span<std::byte>
reserve_heap(std::size_t bytes)
{
#if PRESSLINT_HEAP_RESERVABLE
#ifndef MADV_POPULATE_WRITE
  constexpr int MADV_POPULATE_WRITE = 23; // Linux 5.14
#endif
  // Small enough to come from the heap, which grows by it and by the
  // padding set here.
  constexpr std::size_t k_probe = std::size_t{120} << 10;
  // Setting the padding stops glibc from raising its mmap threshold and
  // trim threshold as large blocks come and go: set them where it lets them
  // rise to, so that a large file's buffers are reused rather than mapped
  // and faulted in again each time.
  constexpr int k_mmap_threshold = 32 << 20;
  constexpr int k_trim_threshold = 64 << 20;
  const long page = sysconf(_SC_PAGESIZE);
  if (bytes == 0 || bytes > (std::size_t{1} << 30) || page <= 0
      || mallopt(M_TOP_PAD, static_cast<int>(bytes)) != 1
      || mallopt(M_MMAP_THRESHOLD, k_mmap_threshold) != 1
      || mallopt(M_TRIM_THRESHOLD, k_trim_threshold) != 1) {
    return {};
  }
  // The heap may already have room for one probe; a second one then makes
  // it grow.
  void* probes[2] = {nullptr, nullptr};
  auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
  for (void*& probe : probes) {
    probe = std::malloc(k_probe);
    top = reinterpret_cast<std::uintptr_t>(sbrk(0));
    if (probe == nullptr || top - reinterpret_cast<std::uintptr_t>(probe) >= bytes) {
      break;
    }
  }
  const auto mask = static_cast<std::uintptr_t>(page) - 1;
  const auto start = (reinterpret_cast<std::uintptr_t>(probes[0]) + mask) & ~mask;
  std::span<std::byte> made;
  // Only if the probes came from the heap's end (glibc falls back to mmap
  // when the heap cannot grow).
  if (probes[0] != nullptr && top != static_cast<std::uintptr_t>(-1) && start < top
      && top - start <= bytes + 4 * k_probe
      && madvise(reinterpret_cast<void*>(start), top - start, MADV_POPULATE_WRITE) == 0) {
    made = {reinterpret_cast<std::byte*>(start), top - start};
  }
  std::free(probes[1]);
  std::free(probes[0]);
  return made;
#else
  (void)bytes;
  return {};
#endif
}

} // namespace presslint::core
