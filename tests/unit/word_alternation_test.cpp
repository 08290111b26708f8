// core::word_alternation: the word lists that become one RE2 alternation
// (region labels, embargo labels, existence word lists).
#include "support.hpp"

#include <presslint/core/word_alternation.hpp>
#include <presslint/rules/rule.hpp>

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <cctype>
#include <string>
#include <vector>

using presslint::core::word_alternation;
using presslint::core::WordSpacing;

namespace {

// `word` with its spaces as runs of white space and its case ignored: does
// it begin `text`?
bool
begins(std::string_view text, std::string_view word)
{
  std::size_t t = 0;
  for (std::size_t w = 0; w < word.size(); ++w) {
    if (word[w] == ' ') {
      if (t >= text.size() || !std::isspace(static_cast<unsigned char>(text[t]))) {
        return false;
      }
      while (t < text.size() && std::isspace(static_cast<unsigned char>(text[t]))) {
        ++t;
      }
      continue;
    }
    if (t >= text.size()
        || std::tolower(static_cast<unsigned char>(text[t]))
             != std::tolower(static_cast<unsigned char>(word[w]))) {
      return false;
    }
    ++t;
  }
  return true;
}

std::size_t
matched_length(std::string_view text, std::string_view word)
{
  std::size_t t = 0;
  for (std::size_t w = 0; w < word.size(); ++w) {
    if (word[w] == ' ') {
      while (t < text.size() && std::isspace(static_cast<unsigned char>(text[t]))) {
        ++t;
      }
    } else {
      ++t;
    }
  }
  return t;
}


} // namespace

TEST_CASE("word_alternation: a word comes before the words it begins")
{
  CHECK(word_alternation({"Media Contact", "media", "Media Contacts"}, WordSpacing::runs)
        == R"(Media\s+Contacts|Media\s+Contact|media)");
  // Common beginnings side by side, whatever their length.
  CHECK(word_alternation({"Press Office", "Notes", "Press Inquiries", "PR"}, WordSpacing::runs)
        == R"(Press\s+Office|Press\s+Inquiries|PR|Notes)");
  // Quoted; empty words left out.
  CHECK(word_alternation({"", "a.b (c)", ""}, WordSpacing::runs) == R"(a\.b\s+\(c\))");
  CHECK(word_alternation({}, WordSpacing::runs).empty());
  CHECK(word_alternation({"", ""}, WordSpacing::runs).empty());
  // End marks: spaces optional, each character may be escaped.
  CHECK(word_alternation({"#", "# #", "-30-"}, WordSpacing::escaped_marks)
        == R"(\\?\-\\?3\\?0\\?\-|\\?\#\s*\\?\#|\\?\#)");
}

TEST_CASE("word_alternation: RE2 takes the longest label that begins the line")
{
  const auto& vocabulary = presslint::test::builtin_catalog().vocabulary();
  for (const auto* labels_of : {&vocabulary.contact_labels, &vocabulary.embargo,
                                &vocabulary.immediate, &vocabulary.notes_labels,
                                &vocabulary.boilerplate_labels, &vocabulary.label}) {
    const std::vector<std::string>& labels = *labels_of;
    REQUIRE_FALSE(labels.empty());
    RE2::Options options;
    options.set_case_sensitive(false);
    const RE2 re("^(" + word_alternation(labels, WordSpacing::runs) + ")", options);
    REQUIRE(re.ok());
    for (const std::string& label : labels) {
      // As written, in lower case, and with doubled spaces; then text.
      std::string lower = label;
      for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      std::string doubled;
      for (char c : label) {
        doubled += c == ' ' ? std::string("  ") : std::string(1, c);
      }
      for (const std::string& head : {label, lower, doubled}) {
        for (const std::string tail : {"", ": Jane Doe", " UNTIL 9 A.M.", "s"}) {
          const std::string text = head + tail;
          std::size_t longest = 0;
          for (const std::string& other : labels) {
            if (begins(text, other)) {
              longest = std::max(longest, matched_length(text, other));
            }
          }
          re2::StringPiece got;
          REQUIRE(RE2::PartialMatch(text, re, &got));
          INFO(text);
          CHECK(got.size() == longest);
        }
      }
    }
  }
}
