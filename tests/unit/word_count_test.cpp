// checks::count_words against a count made one code point at a time.

#include "support.hpp"

#include <presslint/checks/word_count.hpp>
#include <presslint/core/utf8.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using presslint::checks::count_words;

namespace {

std::size_t
one_at_a_time(std::string_view text)
{
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t cp = presslint::core::decode_utf8(text, i, length);
    const bool joiner = cp == U'\'' || cp == U'-' || cp == U'\u2019';
    const bool word = presslint::core::is_word_code_point(cp) || (joiner && in_word);
    words += word && !in_word ? 1 : 0;
    in_word = word;
    i += length;
  }
  return words;
}

} // namespace

TEST_CASE("word count: words, and the apostrophes and hyphens that join them")
{
  CHECK_EQ(count_words(""), 0);
  CHECK_EQ(count_words("Acme will hire 200 people."), 5);
  CHECK_EQ(count_words("don't state-of-the-art don’t"), 3);
  CHECK_EQ(count_words("- 'quoted' -- a--b"), 2);
  CHECK_EQ(count_words("Zürich café — naïve"), 3);
  CHECK_EQ(count_words("snake_case_word and CamelCase"), 3);
  // Across sixteen-byte steps: a word, a joiner, a word after it.
  CHECK_EQ(count_words("aaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb cc"), 2);
  CHECK_EQ(count_words("aaaaaaaaaaaaaaa- bbbbbbbbbbbbbbb cc"), 3);
  CHECK_EQ(count_words("               aé bbbbbbbbbbbbbbb"), 2);
}

TEST_CASE("word count: the same as one code point at a time, over the corpus and mixed text")
{
  std::size_t texts = 0;
  for (const std::string& text : presslint::test::corpus_texts()) {
    if (presslint::core::find_invalid_utf8(text)) {
      continue;
    }
    CHECK_EQ(count_words(text), one_at_a_time(text));
    ++texts;
  }
  CHECK(texts > 100);
  // Pieces that are ASCII word bytes, joiners, other ASCII, and code
  // points of two to four bytes, at every offset around the steps.
  const std::vector<std::string> pieces{"a", "Z", "7", "_", "'", "-", " ", ".", "\n", "é", "’",
                                        "—", "中", "😀", "ß", "\u00A0", "--", "a'b"};
  std::mt19937 random(30112026);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const std::size_t length = random() % 48;
    while (text.size() < length) {
      text += pieces[random() % pieces.size()];
    }
    CAPTURE(text);
    CHECK_EQ(count_words(text), one_at_a_time(text));
  }
}
