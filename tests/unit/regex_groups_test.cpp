// core::find_groups against RE2::Match asked for the same groups.
#include "support.hpp"

#include <presslint/core/regex_groups.hpp>

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

namespace core = presslint::core;

namespace {

// The lines of the corpus's releases, and each release whole.
std::vector<std::string>
corpus_texts()
{
  std::vector<std::string> out;
  for (const std::string& text : presslint::test::corpus_texts()) {
    const std::vector<std::string> lines = presslint::test::lines_of(text);
    out.insert(out.end(), lines.begin(), lines.end());
    out.push_back(text);
  }
  return out;
}

} // namespace

TEST_CASE("regex groups: find_groups finds what RE2::Match finds, groups and all")
{
  // Anchored at either end, word boundaries, case folding, optional and
  // empty groups, alternations where the first match is not the longest,
  // and boundaries that depend on the text around the match.
  const std::array<const char*, 10> patterns{
    R"((?i)^[\s>*_\\~]*(?:#{1,6}\s+)?[\s>*_\\~]*(media contacts?|contact|press)[*_\\]*\s*(?::|$|\s[-–—]\s))",
    R"(\S[*_\\]*\s+(###|-30-|-###-)[\s>*_\\~]*$)",
    R"((?i)\b(?:id|name)\s*=\s*["']([^"'<>]+)["'])",
    R"(“[^”]*”|"[^"\n]*")",
    R"(\b(\d{1,2})(st|nd|rd|th)?\s+(January|February|March|April|May|June|July)\b)",
    R"((a|ab)(c|bcd)?(d*))",
    R"((?i)(for immediate release|embargoed?)(\s*:)?)",
    R"(()\b(the)\b)",
    R"(\B(ing|ed)\b)",
    R"((?i)(re)\B)",
  };
  const std::vector<std::string> texts = corpus_texts();
  REQUIRE(texts.size() > 1000);
  std::size_t matches = 0;
  for (const char* pattern : patterns) {
    const RE2 re(pattern);
    REQUIRE(re.ok());
    const int count = 1 + re.NumberOfCapturingGroups();
    for (const std::string& text : texts) {
      const re2::StringPiece whole(text);
      // From the start, then on from each match, as a loop over a text does.
      std::size_t from = 0;
      for (int round = 0; round < 50 && from <= text.size(); ++round) {
        std::vector<re2::StringPiece> expected(static_cast<std::size_t>(count));
        std::vector<re2::StringPiece> found(static_cast<std::size_t>(count));
        const bool want = re.Match(whole, from, whole.size(), RE2::UNANCHORED, expected.data(), count);
        const bool got = core::find_groups(re, text, from, found.data(), count);
        REQUIRE(got == want);
        if (!want) {
          break;
        }
        ++matches;
        for (int g = 0; g < count; ++g) {
          const auto i = static_cast<std::size_t>(g);
          // Equal positions, not only equal text (both null when a group
          // took no part).
          CHECK(found[i].data() == expected[i].data());
          CHECK(found[i].size() == expected[i].size());
        }
        const auto end = static_cast<std::size_t>(expected[0].data() - whole.data()) + expected[0].size();
        from = expected[0].empty() ? end + 1 : end;
      }
    }
  }
  CHECK(matches > 5000);
}

TEST_CASE("regex groups: find_groups refuses a start past the end and no groups")
{
  const RE2 re("(a)");
  re2::StringPiece groups[2];
  CHECK(core::find_groups(re, "a", 0, groups, 2));
  CHECK(groups[1] == "a");
  CHECK(core::find_groups(re, "a", 1, groups, 2) == false);
  CHECK(core::find_groups(re, "a", 2, groups, 2) == false);
  CHECK(core::find_groups(re, "a", 0, groups, 0) == false);
}
