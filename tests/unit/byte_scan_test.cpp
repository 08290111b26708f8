// core::ByteRanges::scan: the bytes in a set of ranges, sixteen bytes at a
// time, against a byte-by-byte search.

#include <presslint/core/byte_scan.hpp>

#include <doctest/doctest.h>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using presslint::core::ByteRanges;

namespace {

// Where a visit goes on from: the next byte, or some way further (inside
// the same sixteen bytes, or past them).
std::size_t
resume(std::size_t at, unsigned stride)
{
  return at + 1 + (stride == 0 ? 0 : at * 7 % stride);
}

std::vector<std::size_t>
reference(const ByteRanges& ranges, std::string_view text, std::size_t pos, unsigned stride)
{
  std::vector<std::size_t> out;
  while (true) {
    while (pos < text.size() && !ranges.contains(static_cast<unsigned char>(text[pos]))) {
      ++pos;
    }
    if (pos >= text.size()) {
      return out;
    }
    out.push_back(pos);
    pos = resume(pos, stride);
  }
}

std::vector<std::size_t>
scanned(const ByteRanges& ranges, std::string_view text, std::size_t pos, unsigned stride)
{
  std::vector<std::size_t> out;
  ranges.scan(text, pos, [&](std::size_t at) {
    out.push_back(at);
    return resume(at, stride);
  });
  return out;
}

} // namespace

TEST_CASE("byte scan: the bytes in the ranges, from every offset, going on from anywhere")
{
  const std::vector<ByteRanges> sets{
    ByteRanges{{'0', '9'}, {'A', 'Z'}},
    ByteRanges{{'F', 'F'}, {'M', 'M'}, {'S', 'S'}, {'T', 'T'}, {'W', 'W'}},
    // The ends of the byte values, and bytes that are negative as char.
    ByteRanges{{0x00, 0x00}, {0xFF, 0xFF}},
    ByteRanges{{0x80, 0xBF}},
    ByteRanges{{0x7F, 0x81}},
    ByteRanges{{0x00, 0xFF}},
    ByteRanges{},
  };
  std::mt19937 random(20261130);
  std::size_t hits = 0;
  for (const ByteRanges& set : sets) {
    for (int round = 0; round < 60; ++round) {
      // Mostly bytes outside the ranges, so that hits are far apart; sizes
      // around the sixteen-byte steps.
      const std::size_t size = static_cast<std::size_t>(round) * 3 % 70;
      std::string text(size, '\0');
      for (char& c : text) {
        const auto r = random() % 1000;
        c = static_cast<char>(r < 20 ? random() % 256 : 'a' + r % 26);
      }
      for (std::size_t pos = 0; pos <= size + 1; ++pos) {
        for (const unsigned stride : {0U, 5U, 23U}) {
          const std::vector<std::size_t> expected = reference(set, text, pos, stride);
          CAPTURE(text);
          CAPTURE(pos);
          CAPTURE(stride);
          CHECK_EQ(scanned(set, text, pos, stride), expected);
          hits += expected.size();
        }
      }
    }
  }
  CHECK(hits > 10000);
}

TEST_CASE("byte scan: more than eight ranges are refused")
{
  CHECK_THROWS_AS(ByteRanges({{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}, {7, 7}, {8, 8}, {9, 9}}),
                  std::invalid_argument);
}
