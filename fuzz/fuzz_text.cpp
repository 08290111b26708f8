// libFuzzer target: the text reader, then every built-in rule on what it read.
#include "fuzz_support.hpp"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace presslint;
  fuzz::read_and_lint("fuzz.txt", fuzz::bytes(data, size), document::Format::text);
  return 0;
}
