// The real release shared/corpus/seed/000_cf11a45bbf458be3.txt (Markdown
// saved as .txt), linted as it is in the ap profile.
#include "support.hpp"

#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>

using namespace presslint;

TEST_CASE("seed release: the findings the catalogue promises, and none of the wrong ones")
{
  const std::string path = test::shared_dir() + "/corpus/seed/000_cf11a45bbf458be3.txt";
  const document::Document doc = test::markdown(test::read_file(path), path);
  const rules::Catalog& catalog = test::builtin_catalog();
  core::Errors errors;
  const auto set = rules::build_rule_set(catalog, rules::Config{}, "ap", {}, {"builtin"}, errors);
  REQUIRE(errors.empty());
  const auto now = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
  const auto findings = lint::lint_document(doc, *set, catalog.region_matcher(), now);

  std::multiset<std::string> seen;
  for (const core::Finding& f : findings) {
    const auto pos = doc.position(f.span.begin);
    seen.insert(fmt::format("{}:{}", f.rule_id, pos.line));
    CAPTURE(f.message);
    CHECK_FALSE(f.rule_id.starts_with("release-line."));
    CHECK_FALSE(f.rule_id.starts_with("contact."));
    CHECK_FALSE(f.rule_id.starts_with("terminator."));
  }
  const std::multiset<std::string> expected{"link.placeholder:18", "link.placeholder:20",
                                            "link.placeholder:24", "dateline.standalone-city:18",
                                            "headline.length:16"};
  for (const std::string& e : expected) {
    CAPTURE(e);
    CHECK_EQ(seen.count(e), 1U);
  }
  // Nothing else about links, the dateline or the headline.
  for (const std::string& s : seen) {
    CAPTURE(s);
    if (s.starts_with("link.placeholder") || s.starts_with("dateline.")
        || s.starts_with("headline.")) {
      CHECK(expected.count(s) == 1);
    }
  }
}
