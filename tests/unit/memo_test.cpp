// The document memo (checks::DocumentMemo): work that several rules of one
// document share is done once, and gives each rule what it would have
// found alone.

#include "support.hpp"

#include <presslint/checks/check.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/rules/rule.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

using namespace presslint;

namespace {

// A rule's findings, one a line, as the tests compare them.
std::string
render(const std::vector<core::Finding>& findings)
{
  std::string out;
  for (const core::Finding& f : findings) {
    out += fmt::format("{} {} {}-{} {} [{}]", f.rule_id, static_cast<int>(f.severity), f.span.begin,
                       f.span.end, f.message, f.matched);
    if (f.fix) {
      for (const core::Edit& e : f.fix->edits) {
        out += fmt::format(" fix {}-{} '{}'", e.span.begin, e.span.end, e.replacement);
      }
    }
    out += '\n';
  }
  return out;
}

// Each active rule's findings on `text`: run in the rule set's order with
// one memo for the document, and each alone without one. Returns how many
// rules found something.
std::size_t
compare_with_and_without_memo(const rules::RuleSet& set, const std::string& text)
{
  const document::Document doc = test::markdown(text);
  const document::Regions regions =
    document::detect_regions(doc, test::builtin_catalog().region_matcher());
  const auto now = std::chrono::sys_seconds{std::chrono::sys_days{
    std::chrono::year{2026} / 1 / 1}};
  checks::DocumentMemo memo;
  std::size_t finding = 0;
  for (const rules::ActiveRule& active : set.rules) {
    if (active.severity == core::Severity::off || !active.check) {
      continue;
    }
    std::vector<core::Finding> shared;
    std::vector<core::Finding> alone;
    active.check->run(
      checks::Context{doc, regions, *active.rule, active.severity, now, shared, nullptr, &memo});
    active.check->run(
      checks::Context{doc, regions, *active.rule, active.severity, now, alone, nullptr, nullptr});
    CAPTURE(active.rule->id);
    CHECK_EQ(render(shared), render(alone));
    finding += shared.empty() ? 0 : 1;
  }
  return finding;
}

// A rule file of the embargo kind with the built-in time zones and its own
// longer names for them.
std::string
embargo_rule(const std::string& id, const std::string& names)
{
  return "id: " + id + "\n"
         "kind: embargo\n"
         "severity: error\n"
         "message: 'no zone for \"{time}\"'\n"
         "docs:\n"
         "  summary: An embargo time with no time zone.\n"
         "params:\n"
         "  problem: missing-timezone\n"
         "  time-zones: {data: time-zones}\n"
         "  time-zone-names: " + names + "\n"
         "  labels: [EMBARGOED UNTIL]\n";
}

} // namespace

TEST_CASE("memo: a result is made once for its type and key, and kept")
{
  checks::DocumentMemo memo;
  int a = 0;
  int b = 0;
  int made = 0;
  const auto make = [&](int value) {
    return [&made, value] {
      ++made;
      return value;
    };
  };
  const int& first = memo.get<int>({&a}, make(1));
  CHECK_EQ(first, 1);
  CHECK_EQ(memo.get<int>({&a}, make(2)), 1);
  CHECK_EQ(&memo.get<int>({&a}, make(3)), &first);
  CHECK_EQ(made, 1);
  // Another key, a longer key, another type: each made anew.
  CHECK_EQ(memo.get<int>({&b}, make(4)), 4);
  CHECK_EQ(memo.get<int>({&a, &b}, make(5)), 5);
  CHECK_EQ(memo.get<long>({&a}, [] { return 6L; }), 6L);
  CHECK_EQ(memo.get<int>({}, make(7)), 7);
  CHECK_EQ(made, 4);
  // What was kept stays where it was as more is added.
  CHECK_EQ(&memo.get<int>({&a}, make(8)), &first);
  // Made while another is being made.
  const std::string& outer = memo.get<std::string>({&b}, [&] {
    return "outer " + std::to_string(memo.get<int>({&b, &a}, make(9)));
  });
  CHECK_EQ(outer, "outer 9");
  CHECK_EQ(memo.get<int>({&b, &a}, make(10)), 9);
}

TEST_CASE("memo: every built-in rule finds with the memo what it finds alone")
{
  // The corpus, and the good and bad examples of every rule's docs (the
  // corpus has few embargo lines; the embargo rules' examples have many).
  std::vector<std::string> texts = test::corpus_texts(true);
  for (const rules::Rule& r : test::builtin_catalog().rules()) {
    texts.insert(texts.end(), r.docs.good.begin(), r.docs.good.end());
    texts.insert(texts.end(), r.docs.bad.begin(), r.docs.bad.end());
  }
  REQUIRE(texts.size() > 200);
  for (const std::string profile : {"ap", "uk"}) {
    core::Errors errors;
    const auto set = rules::build_rule_set(test::builtin_catalog(), rules::Config{}, profile, {},
                                           {"builtin"}, errors);
    REQUIRE(errors.empty());
    std::size_t finding = 0;
    for (const std::string& text : texts) {
      finding += compare_with_and_without_memo(*set, text);
    }
    // The comparison saw rules find things, not only silence.
    CHECK(finding > texts.size());
  }
}

TEST_CASE("memo: embargo rules with other time zones do not share what they read")
{
  // Two rules: one knows "Xanadu Time", the other does not. Both are given
  // the same memo; each must read the line with its own zones.
  rules::Catalog catalog;
  core::Errors errors;
  REQUIRE(catalog.load_builtin(errors));
  const bool loaded = catalog.load_rule_text(
    "pack/house/knows.yaml", embargo_rule("house.knows", "{Xanadu Time: EST}"), "pack", errors);
  CAPTURE(test::summary(errors));
  REQUIRE(loaded);
  REQUIRE(catalog.load_rule_text("pack/house/unknown.yaml",
                                 embargo_rule("house.unknown", "{Yonder Time: EST}"), "pack",
                                 errors));
  REQUIRE(errors.empty());
  const document::Document doc =
    test::markdown("EMBARGOED UNTIL 9 a.m. Xanadu Time, Tuesday, March 3, 2026\n\n"
                   "# Acme opens a plant\n");
  const document::Regions regions =
    document::detect_regions(doc, test::builtin_catalog().region_matcher());
  checks::DocumentMemo memo;
  std::vector<std::string> found;
  for (const char* id : {"house.knows", "house.unknown", "house.knows"}) {
    const rules::Rule& rule = *catalog.find(id);
    const auto check = rule.kind->create(rule.params, rule.path, errors);
    REQUIRE(errors.empty());
    std::vector<core::Finding> out;
    check->run(checks::Context{doc, regions, rule, rule.severity, {}, out, nullptr, &memo});
    found.push_back(render(out));
  }
  CHECK_EQ(found[0], "");
  CHECK_EQ(found[1], "house.unknown 3 16-22 no zone for \"9 a.m.\" [9 a.m.]\n");
  CHECK_EQ(found[2], "");
}
