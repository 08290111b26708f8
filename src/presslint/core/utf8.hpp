#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace presslint::core {

// Where the first invalid UTF-8 sequence starts, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Decodes the code point at `pos` (which must be valid UTF-8) and returns it;
// `length` receives its byte length.
char32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t& length);

// Decodes the code point that ends just before `pos`.
char32_t decode_utf8_before(std::string_view text, std::size_t pos);

// Appends the UTF-8 form of `cp`. Inline: presslint-unicode-tables, which
// runs at build time, uses it without linking the library.
inline void
append_utf8(std::string& out, char32_t cp)
{
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t count_code_points(std::string_view text);
std::size_t count_utf16_units(std::string_view text);

// Byte offset of the code point with index `cp_index` (clamped to size()).
std::size_t byte_offset_of_code_point(std::string_view text, std::size_t cp_index);
// Byte offset of the UTF-16 unit index `unit_index` (clamped to size()).
std::size_t byte_offset_of_utf16_unit(std::string_view text, std::size_t unit_index);

// A letter, digit, combining mark or underscore: what a word is made of.
bool is_word_code_point(char32_t cp);
// Unicode's upper-case (Lu) and lower-case (Ll) letters.
bool is_upper_code_point(char32_t cp);
bool is_lower_code_point(char32_t cp);
// Unicode's letters (L).
bool is_letter_code_point(char32_t cp);

// True when the match [begin, end) does not start or end inside a word: a
// word character at an edge of the match must not touch another one.
bool is_word_boundary_match(std::string_view text, std::size_t begin, std::size_t end);

} // namespace presslint::core
