#include "support.hpp"

#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/config.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

using presslint::core::Errors;
using presslint::core::Finding;
using presslint::core::Span;
using presslint::document::Document;
using presslint::document::Format;
using presslint::test::builtin_catalog;
using presslint::test::markdown;
using presslint::test::slice;

namespace {

// The two rules these tests use, and no other: the catalogue grows, and
// the comments must be tested against known findings.
const presslint::rules::RuleSet&
default_rules()
{
  static const auto k_set = [] {
    Errors errors;
    std::vector<presslint::rules::Toggle> toggles;
    for (const auto& rule : builtin_catalog().rules()) {
      toggles.push_back({rule.id, rule.id == "placeholder.text" || rule.id == "headline.length"});
    }
    auto set = presslint::rules::build_rule_set(builtin_catalog(), presslint::rules::Config{}, "",
                                                toggles, {"builtin"}, errors);
    REQUIRE(errors.empty());
    return set;
  }();
  return *k_set;
}

Document
html(const std::string& text)
{
  Document doc;
  presslint::core::Error error;
  REQUIRE_MESSAGE(
    presslint::document::read_document("test.html", text, Format::html, doc, error),
    error.format());
  return doc;
}

// "line:column rule 'matched text'" for each finding of the two rules, one
// a line.
std::string
lint(const Document& doc)
{
  const auto findings = presslint::lint::lint_document(
    doc, default_rules(), builtin_catalog().region_matcher(), std::chrono::sys_seconds{});
  std::string out;
  for (const Finding& f : findings) {
    const auto pos = doc.position(f.span.begin);
    out += std::to_string(pos.line) + ":" + std::to_string(pos.column) + " " + f.rule_id + " '"
           + slice(doc, f.span) + "'\n";
  }
  return out;
}

const std::string k_long_headline =
  "# Acme Corporation, the maker of widgets, opens its third manufacturing plant in Dayton, Ohio, "
  "this spring TK\n";

} // namespace

TEST_CASE("inline controls: without comments every finding is reported")
{
  const Document doc = markdown("# Acme opens a plant TK\n"
                                "\n"
                                "Body TK.\n");
  CHECK(lint(doc) == "1:22 placeholder.text 'TK'\n"
                     "3:6 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: disable and enable a rule in Markdown")
{
  const Document doc = markdown("# Launch TK\n"
                                "\n"
                                "<!-- presslint-disable placeholder.text -->\n"
                                "\n"
                                "Second TK.\n"
                                "\n"
                                "Third XX and [INSERT QUOTE].\n"
                                "\n"
                                "<!-- presslint-enable placeholder.text -->\n"
                                "\n"
                                "Fourth TK.\n");
  CHECK(lint(doc) == "1:10 placeholder.text 'TK'\n"
                     "11:8 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: disable-next-line in Markdown")
{
  const Document doc = markdown("# Launch\n"
                                "\n"
                                "<!-- presslint-disable-next-line placeholder.text -->\n"
                                "First TK line,\n"
                                "second TK line.\n"
                                "\n"
                                "Third TK.\n");
  CHECK(lint(doc) == "5:8 placeholder.text 'TK'\n"
                     "7:7 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: disable-next-line at the end of a line of text")
{
  const Document doc = markdown("# Launch\n"
                                "\n"
                                "First TK. <!-- presslint-disable-next-line -->\n"
                                "Second TK.\n"
                                "Third TK.\n");
  CHECK(lint(doc) == "3:7 placeholder.text 'TK'\n"
                     "5:7 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: a disable comment in the middle of a line")
{
  const Document doc = markdown("# Launch\n"
                                "\n"
                                "Before TK <!-- presslint-disable placeholder.text --> after TK.\n"
                                "\n"
                                "Later TK.\n");
  CHECK(lint(doc) == "3:8 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: a category name")
{
  const Document doc = markdown("# Launch\n"
                                "\n"
                                "<!-- presslint-disable placeholder -->\n"
                                "\n"
                                "Second TK.\n"
                                "\n"
                                "<!-- presslint-enable placeholder -->\n"
                                "\n"
                                "<!-- presslint-disable-next-line placeholder -->\n"
                                "Third TK.\n"
                                "Fourth TK.\n");
  CHECK(lint(doc) == "11:8 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: with no rule, a comment applies to all rules")
{
  const Document doc = markdown("<!-- presslint-disable -->\n" + k_long_headline
                                + "\n"
                                  "Body TK.\n"
                                  "\n"
                                  "<!-- presslint-enable -->\n"
                                  "\n"
                                  "After TK.\n");
  CHECK(lint(doc) == "8:7 placeholder.text 'TK'\n");

  const Document open = markdown(k_long_headline + "\n<!-- presslint-disable-next-line -->\nBody TK.\n");
  CHECK(lint(open) == "1:3 headline.length '" + k_long_headline.substr(2, k_long_headline.size() - 3)
                        + "'\n"
                          "1:108 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: a list of rules, and enabling one rule after disabling all")
{
  const std::string text = "<!-- presslint-disable placeholder.text, headline.length -->\n"
                           + k_long_headline
                           + "\n"
                             "Body TK.\n"
                             "\n"
                             "<!-- presslint-enable placeholder.text -->\n"
                             "\n"
                             "After TK.\n";
  CHECK(lint(markdown(text)) == "8:7 placeholder.text 'TK'\n");

  const std::string all = "<!-- presslint-disable -->\n" + k_long_headline
                          + "\n<!-- presslint-enable headline.length -->\n\nAfter TK.\n";
  CHECK(lint(markdown(all)) == "");
  const std::string some = "<!-- presslint-disable -->\n"
                           "# Launch TK\n"
                           "\n"
                           "<!-- presslint-enable placeholder.text -->\n"
                           "\n"
                           "After TK.\n";
  CHECK(lint(markdown(some)) == "6:7 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: a comment for another rule changes nothing")
{
  const Document doc = markdown("<!-- presslint-disable headline.length -->\n"
                                "# Launch TK\n"
                                "\n"
                                "<!-- presslint-disable-next-line style -->\n"
                                "Body TK.\n");
  CHECK(lint(doc) == "2:10 placeholder.text 'TK'\n"
                     "5:6 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: disable and enable in an HTML document")
{
  const Document doc = html("<!DOCTYPE html>\n"
                            "<html><body>\n"
                            "<h1>Launch TK</h1>\n"
                            "<!-- presslint-disable placeholder.text -->\n"
                            "<p>Second TK.</p>\n"
                            "<!-- presslint-enable placeholder.text -->\n"
                            "<p>Third <em>TK</em>.</p>\n"
                            "</body></html>\n");
  CHECK(lint(doc) == "3:12 placeholder.text 'TK'\n"
                     "7:14 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: disable-next-line, categories and all rules in HTML")
{
  const Document doc = html("<html><body>\n"
                            "<h1>Launch</h1>\n"
                            "<!-- presslint-disable-next-line placeholder.text -->\n"
                            "<p>First TK.</p>\n"
                            "<p>Second TK.</p>\n"
                            "<!-- presslint-disable-next-line placeholder -->\n"
                            "<p>Third TK.</p>\n"
                            "<!--presslint-disable-->\n"
                            "<p>Fourth TK.</p>\n"
                            "<!-- presslint-enable -->\n"
                            "<p>Fifth &amp; TK.</p>\n"
                            "</body></html>\n");
  CHECK(lint(doc) == "5:11 placeholder.text 'TK'\n"
                     "11:16 placeholder.text 'TK'\n");
}

TEST_CASE("inline controls: apply_inline_controls on given findings")
{
  const Document doc = markdown("One TK.\n"
                                "<!-- presslint-disable dateline -->\n"
                                "Two.\n"
                                "<!-- presslint-disable-next-line contact.missing, style -->\n"
                                "Three.\n"
                                "<!-- presslint-enable dateline.missing -->\n"
                                "Four.\n");
  auto at = [&](const std::string& id, const std::string& word) {
    Finding f;
    f.rule_id = id;
    const std::size_t b = doc.source.find(word);
    REQUIRE(b != std::string::npos);
    f.span = Span{b, b + word.size()};
    return f;
  };
  std::vector<Finding> findings{
    at("dateline.missing", "One"),      at("dateline.missing", "Two"),
    at("dateline.city-case", "Two"),    at("contact.missing", "Three"),
    at("style.hype", "Three"),          at("headline.length", "Three"),
    at("dateline.missing", "Four"),     at("dateline.city-case", "Four"),
    at("contact.missing", "Four"),
  };
  presslint::lint::apply_inline_controls(doc, findings);
  std::string out;
  for (const Finding& f : findings) {
    out += std::to_string(doc.position(f.span.begin).line) + " " + f.rule_id + "\n";
  }
  CHECK(out == "1 dateline.missing\n"
               "5 headline.length\n"
               "7 dateline.missing\n"
               "7 contact.missing\n");
}

TEST_CASE("inline controls: disable-line covers the comment's own line only")
{
  using namespace presslint;
  const document::Document doc = test::markdown("# Acme opens a plant\n\n"
                                                "Acme will hire TK people. <!-- presslint-disable-line placeholder.text -->\n"
                                                "And TK more.\n");
  std::vector<core::Finding> findings;
  const std::size_t first = doc.source.find("TK");
  const std::size_t second = doc.source.find("TK", first + 1);
  findings.push_back(core::Finding{"placeholder.text", core::Severity::error, "a", {first, first + 2}, {}, "TK"});
  findings.push_back(core::Finding{"placeholder.text", core::Severity::error, "b", {second, second + 2}, {}, "TK"});
  lint::apply_inline_controls(doc, findings);
  REQUIRE_EQ(findings.size(), 1U);
  CHECK_EQ(findings[0].message, "b");
}
