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

// Grows the heap by `bytes` in one step and maps its pages in one system
// call, so that the allocations of a short run do not fault page by page
// (a first touch of a page costs a trap into the kernel; on virtual
// machines, several microseconds each). The heap then keeps that much
// spare room when it shrinks or grows.
//
// Returns the pages made resident (the heap's free end): none where the
// allocator or the kernel does not allow it (not glibc, a sanitizer's
// allocator, a kernel before Linux 5.14), which only means that pages
// fault as usual.
std::span<std::byte> reserve_heap(std::size_t bytes);

} // namespace presslint::core
