#include <presslint/checks/word_count.hpp>

#include <presslint/core/utf8.hpp>

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace presslint::checks {

namespace {

// What an ASCII byte is: a word character (those core::is_word_code_point
// takes), an apostrophe or hyphen that joins two parts of a word, or
// neither.
enum class WordByte : unsigned char { other = 0, word = 1, joiner = 2 };
constexpr std::array<WordByte, 128> k_word_bytes = [] {
  std::array<WordByte, 128> table{};
  for (std::size_t c = 0; c < table.size(); ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
      table[c] = WordByte::word;
    } else if (c == '\'' || c == '-') {
      table[c] = WordByte::joiner;
    }
  }
  return table;
}();

// The state between steps: whether the last character was in a word.
struct Counter
{
  std::size_t words = 0;
  bool in_word = false;

  // One character at `i`: an ASCII byte, or a whole code point. Returns
  // the offset after it.
  std::size_t step(std::string_view text, std::size_t i)
  {
    const auto byte = static_cast<unsigned char>(text[i]);
    bool word = false;
    std::size_t len = 1;
    if (byte < 0x80) {
      const WordByte kind = k_word_bytes[byte];
      word = kind == WordByte::word || (kind == WordByte::joiner && in_word);
    } else {
      const char32_t cp = core::decode_utf8(text, i, len);
      word = core::is_word_code_point(cp) || (cp == 0x2019 && in_word);
    }
    words += word && !in_word ? 1 : 0;
    in_word = word;
    return i + len;
  }

#if defined(__SSE2__)
  // Each byte of `bytes` in [low, high]: c - low (wrapping) at most
  // high - low, compared without sign.
  static __m128i in_range(__m128i bytes, char low, char high)
  {
    const __m128i shifted = _mm_sub_epi8(bytes, _mm_set1_epi8(low));
    const __m128i width = _mm_set1_epi8(static_cast<char>(high - low));
    return _mm_cmpeq_epi8(_mm_min_epu8(shifted, width), shifted);
  }

  // Sixteen ASCII bytes. Word characters (w) and joiners (j) as bit masks,
  // bit i for byte i. A joiner is in a word when the run of joiners it
  // belongs to follows a word character (or, at bit 0, the last block's
  // word): adding those runs' first bits to j carries through each run,
  // and the bits that change are the run.
  void block(__m128i bytes)
  {
    const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20)); // 'A' -> 'a'
    const __m128i word_bytes =
      _mm_or_si128(_mm_or_si128(in_range(folded, 'a', 'z'), in_range(bytes, '0', '9')),
                   _mm_cmpeq_epi8(bytes, _mm_set1_epi8('_')));
    const __m128i joiner_bytes = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\'')),
                                              _mm_cmpeq_epi8(bytes, _mm_set1_epi8('-')));
    const auto w = static_cast<std::uint32_t>(_mm_movemask_epi8(word_bytes));
    const auto j = static_cast<std::uint32_t>(_mm_movemask_epi8(joiner_bytes));
    const std::uint32_t prev = in_word ? 1U : 0U;
    const std::uint32_t first = ((w << 1) | prev) & j;
    const std::uint32_t joined = ((j + first) ^ j) & j;
    const std::uint32_t word = w | joined;
    const std::uint32_t starts = w & ~((word << 1) | prev);
    words += static_cast<std::size_t>(__builtin_popcount(starts));
    in_word = ((word >> 15) & 1U) != 0;
  }
#endif
};

} // namespace

std::size_t
count_words(std::string_view text)
{
  Counter counter;
  std::size_t i = 0;
#if defined(__SSE2__)
  while (i + 16 <= text.size()) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (_mm_movemask_epi8(bytes) == 0) {
      counter.block(bytes);
      i += 16;
      continue;
    }
    // Not all ASCII: these sixteen bytes one character at a time (the last
    // may end past them).
    const std::size_t end = i + 16;
    while (i < end) {
      i = counter.step(text, i);
    }
  }
#endif
  while (i < text.size()) {
    i = counter.step(text, i);
  }
  return counter.words;
}

} // namespace presslint::checks
