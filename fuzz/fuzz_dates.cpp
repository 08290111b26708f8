// libFuzzer target: the date, time, dateline and embargo parsers. The date
// and time finders run on the raw text; the dateline parser on the text as
// the first paragraph of a release; the embargo and date checks through the
// linter with only their categories on.
#include "fuzz_support.hpp"

#include <presslint/checks/dateline_parse.hpp>
#include <presslint/checks/dates.hpp>
#include <presslint/core/utf8.hpp>
#include <presslint/document/reader.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/lint/linter.hpp>

#include <cstdlib>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace presslint;
  std::string text = fuzz::bytes(data, size);
  if (core::find_invalid_utf8(text) || text.find('\0') != std::string::npos) {
    return 0; // the readers refuse these before any parser sees them
  }
  for (const checks::dates::DateMatch& d : checks::dates::find_dates(text)) {
    if (d.span.end > text.size() || d.span.begin > d.span.end) {
      std::abort();
    }
  }
  for (const checks::dates::TimeMatch& t : checks::dates::find_times(text)) {
    if (t.span.end > text.size() || t.span.begin > t.span.end) {
      std::abort();
    }
  }
  // As the first paragraph of a release, under a headline.
  document::Document doc;
  core::Error error;
  if (document::read_document("fuzz.md", "# Headline\n\n" + text + "\n", document::Format::markdown,
                              doc, error)) {
    const document::Regions regions = document::detect_regions(doc, fuzz::catalog().region_matcher());
    (void)checks::find_dateline(doc, regions);
    (void)lint::lint_document(doc, fuzz::rule_set(), fuzz::catalog().region_matcher(), fuzz::k_now);
  }
  return 0;
}
