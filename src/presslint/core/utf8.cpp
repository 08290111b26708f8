#include <presslint/core/utf8.hpp>

#include <presslint/core/unicode_tables.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>

namespace presslint::core {

std::optional<std::size_t>
find_invalid_utf8(std::string_view text)
{
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) {
        break;
      }
      i += 8;
    }
    if (i >= n) {
      break;
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) {
      return i;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        return i;
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

char32_t
decode_utf8(std::string_view text, std::size_t pos, std::size_t& length)
{
  const auto c = static_cast<unsigned char>(text[pos]);
  std::size_t len = 1;
  char32_t cp = c;
  if (c >= 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else if (c >= 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xC0) {
    len = 2;
    cp = c & 0x1F;
  }
  if (pos + len > text.size()) {
    length = 1;
    return 0xFFFD;
  }
  for (std::size_t k = 1; k < len; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
  }
  length = len;
  return cp;
}

char32_t
decode_utf8_before(std::string_view text, std::size_t pos)
{
  if (pos == 0) {
    return 0;
  }
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4
         && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t len = 0;
  return decode_utf8(text, start, len);
}

std::size_t
count_code_points(std::string_view text)
{
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++count;
    }
  }
  return count;
}

std::size_t
count_utf16_units(std::string_view text)
{
  std::size_t count = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u & 0xC0) != 0x80) {
      count += u >= 0xF0 ? 2 : 1;
    }
  }
  return count;
}

std::size_t
byte_offset_of_code_point(std::string_view text, std::size_t cp_index)
{
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == cp_index) {
        return i;
      }
      ++seen;
    }
  }
  return text.size();
}

std::size_t
byte_offset_of_utf16_unit(std::string_view text, std::size_t unit_index)
{
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if ((u & 0xC0) != 0x80) {
      if (seen >= unit_index) {
        return i;
      }
      seen += u >= 0xF0 ? 2 : 1;
    }
  }
  return text.size();
}

namespace unicode {

bool
contains(std::span<const CodePointRange> ranges, char32_t cp)
{
  const auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                                   [](char32_t c, const CodePointRange& r) { return c < r.first; });
  return it != ranges.begin() && cp <= std::prev(it)->last;
}

} // namespace unicode

bool
is_word_code_point(char32_t cp)
{
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
           || (cp >= '0' && cp <= '9') || cp == '_';
  }
  return unicode::contains(unicode::word, cp);
}

bool
is_upper_code_point(char32_t cp)
{
  if (cp < 0x80) {
    return cp >= 'A' && cp <= 'Z';
  }
  return unicode::contains(unicode::upper, cp);
}

bool
is_lower_code_point(char32_t cp)
{
  if (cp < 0x80) {
    return cp >= 'a' && cp <= 'z';
  }
  return unicode::contains(unicode::lower, cp);
}

bool
is_letter_code_point(char32_t cp)
{
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  return unicode::contains(unicode::letter, cp);
}

bool
is_word_boundary_match(std::string_view text, std::size_t begin, std::size_t end)
{
  // Only an edge of the match that is itself a word character needs a
  // boundary: "[INSERT" may follow a letter, "TK" may not.
  if (begin >= end) {
    return true;
  }
  std::size_t len = 0;
  const bool first_is_word = is_word_code_point(decode_utf8(text, begin, len));
  const bool last_is_word = is_word_code_point(decode_utf8_before(text, end));
  if (first_is_word && begin > 0
      && is_word_code_point(decode_utf8_before(text, begin))) {
    return false;
  }
  if (last_is_word && end < text.size()
      && is_word_code_point(decode_utf8(text, end, len))) {
    return false;
  }
  return true;
}

} // namespace presslint::core
