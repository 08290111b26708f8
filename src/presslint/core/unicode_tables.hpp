#pragma once

// Unicode classes as sorted, disjoint ranges of code points, written at
// build time by presslint-unicode-tables from RE2's own classes.

#include <span>

namespace presslint::core::unicode {

struct CodePointRange
{
  char32_t first;
  char32_t last;
};

extern const std::span<const CodePointRange> letter; // \pL
extern const std::span<const CodePointRange> upper;  // \p{Lu}
extern const std::span<const CodePointRange> lower;  // \p{Ll}
extern const std::span<const CodePointRange> word;   // [\pL\pN\pM]

// Whether `cp` is in one of `ranges` (a binary search).
bool contains(std::span<const CodePointRange> ranges, char32_t cp);

} // namespace presslint::core::unicode
