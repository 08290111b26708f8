#include <presslint/core/heap.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <thread>
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
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_minflt;
}

// Pages of `range` that are not resident.
std::size_t
missing_pages(std::span<std::byte> range)
{
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> resident(range.size() / page);
  REQUIRE(mincore(range.data(), range.size(), resident.data()) == 0);
  std::size_t missing = 0;
  for (unsigned char r : resident) {
    missing += (r & 1U) == 0 ? 1 : 0;
  }
  return missing;
}

// The system's transparent huge page mode, "always", "madvise" or "never"
// (the bracketed word of the setting), empty when it has none.
std::string
huge_page_mode()
{
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(in, line);
  const auto open = line.find('[');
  const auto close = line.find(']');
  return open == std::string::npos || close == std::string::npos
           ? std::string()
           : line.substr(open + 1, close - open - 1);
}

// The AnonHugePages of the mapping that holds `at`, in kB (-1 when none
// does).
long
huge_kb_at(const std::byte* at)
{
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0;
    std::uintptr_t to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') {
      const auto address = reinterpret_cast<std::uintptr_t>(at);
      inside = from <= address && address < to;
      continue;
    }
    if (inside && line.rfind("AnonHugePages:", 0) == 0) {
      return std::stol(line.substr(std::strlen("AnonHugePages:")));
    }
  }
  return -1;
}

// Checks a range reserve_heap made for `bytes`, from the thread that made it.
void
check_reserved(std::span<std::byte> made, std::size_t bytes)
{
  // The next block larger than any freed one begins on the boundary (asked
  // for first: the checks below allocate).
  void* next = std::malloc(std::size_t{256} << 10);
  CHECK(next == made.data());
  std::free(next);
  REQUIRE(made.size() == bytes);
  CHECK(reinterpret_cast<std::uintptr_t>(made.data()) % core::k_huge_page == 0);
  CHECK(missing_pages(made) == 0);
  // Huge pages where the system gives them to those who ask.
  const std::string mode = huge_page_mode();
  if (mode == "always" || mode == "madvise") {
    CHECK(huge_kb_at(made.data()) >= static_cast<long>(bytes / 1024));
  }

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
}

} // namespace
#endif

TEST_CASE("heap: reserve_heap maps huge pages at the main heap's free end")
{
  constexpr std::size_t k_bytes = core::k_huge_page;
  const std::span<std::byte> made = core::reserve_heap(k_bytes);
#if !PRESSLINT_HEAP_RESERVABLE
  // A sanitizer's allocator has no heap end to grow: nothing is done.
  CHECK(made.empty());
#else
  check_reserved(made, k_bytes);
  // The main heap's, below its end; freed, the room stays.
  CHECK(made.data() + made.size() <= static_cast<std::byte*>(sbrk(0)));
  CHECK(missing_pages(made) == 0);
#endif
}

TEST_CASE("heap: reserve_heap rounds up to huge pages")
{
  const std::span<std::byte> made = core::reserve_heap(core::k_huge_page + 1);
#if !PRESSLINT_HEAP_RESERVABLE
  CHECK(made.empty());
#else
  check_reserved(made, 2 * core::k_huge_page);
#endif
}

TEST_CASE("heap: reserve_heap in a new thread maps its own arena's room")
{
  const std::span<std::byte> main_made = core::reserve_heap(core::k_huge_page);
  std::span<std::byte> thread_made;
  std::thread worker([&] {
    thread_made = core::reserve_heap(core::k_huge_page);
#if PRESSLINT_HEAP_RESERVABLE
    check_reserved(thread_made, core::k_huge_page);
#endif
  });
  worker.join();
#if !PRESSLINT_HEAP_RESERVABLE
  CHECK(main_made.empty());
  CHECK(thread_made.empty());
#else
  REQUIRE(!main_made.empty());
  REQUIRE(!thread_made.empty());
  // Not the main heap: a thread's arena lies outside it.
  const auto* brk_end = static_cast<std::byte*>(sbrk(0));
  CHECK((thread_made.data() >= brk_end || thread_made.data() + thread_made.size() <= main_made.data()));
#endif
}

TEST_CASE("heap: reserve_heap refuses nothing and too much")
{
  CHECK(core::reserve_heap(0).empty());
  CHECK(core::reserve_heap(std::size_t{4} << 30).empty());
}
