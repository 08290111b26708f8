#include <presslint/core/byte_scan.hpp>

#include <cstring>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace presslint::core {

ByteRanges::ByteRanges(std::initializer_list<ByteRange> ranges)
{
  if (ranges.size() > k_most) {
    throw std::invalid_argument("ByteRanges: more than k_most ranges");
  }
  for (const ByteRange& r : ranges) {
    std::memset(m_lows[m_count], r.low, sizeof m_lows[m_count]);
    std::memset(m_widths[m_count], r.high - r.low, sizeof m_widths[m_count]);
    ++m_count;
    for (unsigned c = r.low; c <= r.high; ++c) {
      m_table[c] = true;
    }
  }
}

std::uint32_t
ByteRanges::block(std::string_view text, std::size_t base, std::size_t width) const
{
#if defined(__SSE2__)
  if (width == 16) {
    // A byte c is in [low, high] when c - low (wrapping) is at most
    // high - low, compared without sign: min(c - low, high - low) == c - low.
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + base));
    __m128i hits = _mm_setzero_si128();
    for (std::size_t i = 0; i < m_count; ++i) {
      const __m128i low = _mm_load_si128(reinterpret_cast<const __m128i*>(m_lows[i]));
      const __m128i span = _mm_load_si128(reinterpret_cast<const __m128i*>(m_widths[i]));
      const __m128i shifted = _mm_sub_epi8(bytes, low);
      hits = _mm_or_si128(hits, _mm_cmpeq_epi8(_mm_min_epu8(shifted, span), shifted));
    }
    return static_cast<std::uint32_t>(_mm_movemask_epi8(hits));
  }
#endif
  std::uint32_t hits = 0;
  for (std::size_t i = 0; i < width; ++i) {
    if (m_table[static_cast<unsigned char>(text[base + i])]) {
      hits |= std::uint32_t{1} << i;
    }
  }
  return hits;
}

} // namespace presslint::core
