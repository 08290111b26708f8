// The region matcher's line filter: it may let a line through that no
// pattern matches, never hold back one that a pattern matches.
#include "support.hpp"

#include <presslint/document/regions.hpp>

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

using presslint::document::RegionMatcher;

namespace {

std::vector<std::string>
corpus_lines()
{
  std::vector<std::string> out;
  for (const std::string& text : presslint::test::corpus_texts()) {
    const std::vector<std::string> lines = presslint::test::lines_of(text);
    out.insert(out.end(), lines.begin(), lines.end());
  }
  return out;
}

// Every label of the vocabulary and every end mark, written as releases
// write them: as is, in other cases, wrapped in emphasis, quoted, under a
// heading mark, escaped, after text, and with text after them.
std::vector<std::string>
written_lines(const presslint::document::Vocabulary& v)
{
  std::vector<std::string> words;
  for (const auto* list : {&v.immediate, &v.embargo, &v.label, &v.contact_labels,
                           &v.notes_labels, &v.end_marks}) {
    words.insert(words.end(), list->begin(), list->end());
  }
  std::vector<std::string> out;
  for (const std::string& w : words) {
    std::string upper = w;
    std::string lower = w;
    for (char& c : upper) {
      c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    }
    for (char& c : lower) {
      c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    std::string escaped;
    for (const char c : w) {
      escaped += c == ' ' ? std::string(" ") : std::string("\\") + c;
    }
    for (const std::string& form : {w, upper, lower, escaped}) {
      for (const std::string& line :
           {form, "**" + form + "**", "> " + form, "## " + form, "  _" + form + "_  ",
            form + ":", form + ": Jane Doe", "**" + form + ":** Jane", form + " – Jane",
            "Acme ships. " + form, "Acme ships. **" + form + "**", "\\" + form + "\\",
            "~" + form + "~ ", "###### " + form, "####### " + form, "#" + form}) {
        out.push_back(line);
      }
    }
  }
  // The letters RE2 folds to ASCII ones: long s, Kelvin sign.
  out.push_back("\xC5\xBF" "ome label");
  out.push_back("\xE2\x84\xAA" "nown label");
  out.push_back("");
  out.push_back("   ");
  out.push_back("**");
  return out;
}

} // namespace

TEST_CASE("regions: the line filter lets through every line a pattern matches")
{
  const auto& catalog = presslint::test::builtin_catalog();
  const RegionMatcher& m = catalog.region_matcher();
  std::vector<std::string> lines = corpus_lines();
  const std::vector<std::string> written = written_lines(catalog.vocabulary());
  lines.insert(lines.end(), written.begin(), written.end());
  const struct
  {
    const RE2& re;
    unsigned bit;
  } patterns[] = {{m.immediate(), RegionMatcher::immediate_label},
                  {m.embargo(), RegionMatcher::embargo_label},
                  {m.label(), RegionMatcher::release_label},
                  {m.contact(), RegionMatcher::contact_label},
                  {m.notes(), RegionMatcher::notes_label},
                  {m.end_mark_line(), RegionMatcher::end_mark_alone},
                  {m.end_mark_trailing(), RegionMatcher::end_mark_after}};
  std::size_t matched = 0;
  std::size_t held_back = 0;
  std::size_t tried = 0;
  for (const std::string& line : lines) {
    const unsigned candidates = m.line_candidates(line);
    for (const auto& p : patterns) {
      const bool matches = RE2::PartialMatch(line, p.re);
      const bool let_through = (candidates & p.bit) != 0;
      ++tried;
      if (matches) {
        ++matched;
        CAPTURE(line);
        CAPTURE(p.re.pattern());
        CHECK(let_through);
      } else if (!let_through) {
        ++held_back;
      }
    }
  }
  CHECK(matched > 1000);
  // The filter is worth having: most tries of prose lines are saved.
  CHECK(held_back > tried / 2);
}

TEST_CASE("regions: quotations are those a scan of each body paragraph finds")
{
  const auto& matcher = presslint::test::builtin_catalog().region_matcher();
  static const RE2 k_quote(R"((“[^”]*”|"[^"\n]*"))");
  std::vector<std::string> texts{
    "# Acme\n\nNEW YORK, March 3, 2026 — \"One,\" she said, \"two.\" “Three” and ”four“ "
    "and \"five\nsix\" and “seven.\n\n“Eight\n\n\"\" and “” end.\n"};
  const std::vector<std::string> corpus = presslint::test::corpus_texts(true);
  texts.insert(texts.end(), corpus.begin(), corpus.end());
  std::size_t quotations = 0;
  for (const std::string& text : texts) {
    const presslint::document::Document doc = presslint::test::markdown(text);
    const presslint::document::Regions r = presslint::document::detect_regions(doc, matcher);
    std::vector<presslint::core::Span> expected;
    for (const std::size_t i : r.body) {
      const auto& t = doc.blocks[i].content;
      re2::StringPiece input(t.text);
      re2::StringPiece q;
      while (RE2::FindAndConsume(&input, k_quote, &q)) {
        const auto qb = static_cast<std::size_t>(q.data() - t.text.data());
        expected.push_back(t.to_source(qb, qb + q.size()));
      }
      if (t.text.starts_with("“") && t.text.find("”") == std::string::npos) {
        expected.push_back(t.to_source(0, t.text.size()));
      }
    }
    REQUIRE(r.quotations.size() == expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
      CHECK(r.quotations[k].begin == expected[k].begin);
      CHECK(r.quotations[k].end == expected[k].end);
    }
    quotations += expected.size();
  }
  CHECK(quotations > 100);
}
