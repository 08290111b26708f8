#pragma once

#include <cstddef>
#include <span>

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
