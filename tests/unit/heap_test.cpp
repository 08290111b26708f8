#include <presslint/core/heap.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace core = presslint::core;

#if PRESSLINT_HEAP_RESERVABLE
namespace {

long
minor_faults()
{
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

} // namespace
#endif

TEST_CASE("heap: reserve_heap maps the heap's free end in one go")
{
  constexpr std::size_t k_bytes = std::size_t{2} << 20;
  const std::span<std::byte> made = core::reserve_heap(k_bytes);
#if !PRESSLINT_HEAP_RESERVABLE
  // A sanitizer's allocator has no heap end to grow: nothing is done.
  CHECK(made.empty());
#else
  REQUIRE(made.size() >= k_bytes);
  const long page = sysconf(_SC_PAGESIZE);
  CHECK(reinterpret_cast<std::uintptr_t>(made.data()) % static_cast<std::uintptr_t>(page) == 0);
  CHECK(made.size() % static_cast<std::size_t>(page) == 0);
  // The heap's end, every page of it resident.
  CHECK(made.data() + made.size() == static_cast<std::byte*>(sbrk(0)));
  std::vector<unsigned char> resident(made.size() / static_cast<std::size_t>(page));
  REQUIRE(mincore(made.data(), made.size(), resident.data()) == 0);
  std::size_t missing = 0;
  for (unsigned char r : resident) {
    missing += (r & 1U) == 0 ? 1 : 0;
  }
  CHECK(missing == 0);

  // A megabyte of small blocks, written to, comes without a fault a page.
  const long before = minor_faults();
  std::vector<void*> blocks;
  for (int i = 0; i < 256; ++i) {
    void* block = std::malloc(4000);
    REQUIRE(block != nullptr);
    std::memset(block, 0x5a, 4000);
    blocks.push_back(block);
  }
  const long faults = minor_faults() - before;
  CHECK(faults < 16);
  for (void* block : blocks) {
    std::free(block);
  }
  // Freed, they stay: the heap keeps the room rather than giving it back.
  CHECK(made.data() + made.size() <= static_cast<std::byte*>(sbrk(0)));
#endif
}

TEST_CASE("heap: reserve_heap refuses nothing and too much")
{
  CHECK(core::reserve_heap(0).empty());
  CHECK(core::reserve_heap(std::size_t{4} << 30).empty());
}
