#pragma once

#include <cstddef>
#include <span>

// 1 where reserve_heap can work: glibc's allocator on Linux, not replaced
// by a sanitizer's.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PRESSLINT_HEAP_RESERVABLE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)                           \
  || __has_feature(memory_sanitizer)
#define PRESSLINT_HEAP_RESERVABLE 0
#endif
#endif
#if !defined(PRESSLINT_HEAP_RESERVABLE)
#if defined(__GLIBC__) && defined(__linux__)
#define PRESSLINT_HEAP_RESERVABLE 1
#else
#define PRESSLINT_HEAP_RESERVABLE 0
#endif
#endif

namespace presslint::core {

// The size of a huge page on x86-64 and arm64 (with 4 KiB pages).
inline constexpr std::size_t k_huge_page = std::size_t{2} << 20;

// Makes room for `bytes` (rounded up to huge pages) at the free end of the
// calling thread's malloc arena (the main heap, or the arena glibc gives a
// new thread), on a huge-page boundary, asks for huge pages there and maps
// them in one system call. The allocations of a short run then do not fault
// page by page: a first touch of a page traps into the kernel, and on
// virtual machines costs several microseconds more, once per page. The
// address space between the free end and the boundary is kept unused.
//
// Returns the pages made resident: none where the allocator or the kernel
// does not allow it (not glibc, a sanitizer's allocator, a kernel before
// Linux 5.14, an arena whose free end is taken), which only means that
// pages fault as usual. Huge pages are a hint: where the system has them
// off, the same range is mapped in small pages.
std::span<std::byte> reserve_heap(std::size_t bytes);

} // namespace presslint::core
