#pragma once

#include <cstddef>
#include <string_view>

namespace presslint::checks {

// The words of a text: runs of word characters (core::is_word_code_point),
// with apostrophes (' and ’) and hyphens inside a word joining its parts
// ("don't", "state-of-the-art" are one word each). `text` must be valid
// UTF-8. ASCII is counted sixteen bytes at a time where the processor
// allows.
std::size_t count_words(std::string_view text);

} // namespace presslint::checks
