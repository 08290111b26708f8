#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace presslint::core {

// An inclusive range of byte values: {'0', '9'}; {'M', 'M'} for one byte.
struct ByteRange
{
  unsigned char low;
  unsigned char high;
};

// The bytes a scan looks for: up to k_most ranges.
class ByteRanges
{
public:
  static constexpr std::size_t k_most = 8;

  ByteRanges(std::initializer_list<ByteRange> ranges);

  [[nodiscard]] bool contains(unsigned char c) const { return m_table[c]; }

  // Calls `visit(offset)` for the offsets from `pos` on whose bytes are in
  // the ranges, in order; `visit` returns the offset to go on from, which
  // must be greater than the one it was given. Sixteen bytes are tested at
  // a time where the processor allows.
  template <typename Visit>
  void scan(std::string_view text, std::size_t pos, const Visit& visit) const
  {
    while (pos < text.size()) {
      const std::size_t base = pos;
      const std::size_t width = std::min<std::size_t>(16, text.size() - base);
      std::uint32_t hits = block(text, base, width);
      pos = base + width;
      while (hits != 0) {
        const std::size_t resume = visit(base + static_cast<std::size_t>(__builtin_ctz(hits)));
        if (resume >= base + width) {
          pos = resume;
          break;
        }
        hits &= ~std::uint32_t{0} << (resume - base);
      }
    }
  }

private:
  // Bit i set: the byte at base + i is in the ranges (i < width <= 16).
  [[nodiscard]] std::uint32_t block(std::string_view text, std::size_t base, std::size_t width) const;

  alignas(16) unsigned char m_lows[k_most][16] = {};
  alignas(16) unsigned char m_widths[k_most][16] = {};
  std::size_t m_count = 0;
  bool m_table[256] = {};
};

} // namespace presslint::core
