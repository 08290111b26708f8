#include "support.hpp"

#include <presslint/core/utf8.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <re2/re2.h>

#include <array>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

using presslint::test::TempDir;

namespace {

// (begin, end) of each finding of one rule.
std::vector<std::pair<std::size_t, std::size_t>>
spans_of(const std::vector<presslint::core::Finding>& findings, const std::string& rule)
{
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& f : findings) {
    if (f.rule_id == rule) {
      out.emplace_back(f.span.begin, f.span.end);
    }
  }
  return out;
}

std::string
rule_file(const std::string& id, const std::string& kind, const std::string& params)
{
  return "id: " + id + "\nkind: " + kind + "\nseverity: note\nmessage: 'caps \"{match}\"'\n"
         "docs:\n  summary: s\nparams:\n" + params;
}

// The built-in rules and the pack in `dir`/pack, with the rule set they make.
struct WithPack
{
  explicit WithPack(const TempDir& dir)
  {
    presslint::core::Errors errors;
    REQUIRE(catalog.load_builtin(errors));
    REQUIRE(catalog.load_pack(dir.path() + "/pack", errors));
    set = presslint::rules::build_rule_set(catalog, presslint::rules::Config{}, "", {},
                                           {"builtin", dir.path() + "/pack"}, errors);
    REQUIRE(errors.empty());
  }

  std::vector<presslint::core::Finding> lint(const std::string& text) const
  {
    return presslint::lint::lint_document(presslint::test::markdown(text), *set,
                                          catalog.region_matcher(), {});
  }

  presslint::rules::Catalog catalog;
  std::unique_ptr<presslint::rules::RuleSet> set;
};

} // namespace

TEST_CASE("code point classes: the same as RE2's for every code point")
{
  // The tables are written at build time from these same classes.
  struct Class
  {
    const char* pattern;
    bool (*test)(char32_t);
    std::size_t members = 0;
    std::size_t mismatches = 0;
  };
  std::array<Class, 4> classes{{
    {R"(^\p{Lu}$)", &presslint::core::is_upper_code_point},
    {R"(^\p{Ll}$)", &presslint::core::is_lower_code_point},
    {R"(^\pL$)", &presslint::core::is_letter_code_point},
    {R"(^[\pL\pN\pM_]$)", &presslint::core::is_word_code_point},
  }};
  std::vector<std::unique_ptr<RE2>> patterns;
  for (const Class& c : classes) {
    patterns.push_back(std::make_unique<RE2>(c.pattern));
    REQUIRE(patterns.back()->ok());
  }
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    std::string s;
    presslint::core::append_utf8(s, cp);
    for (std::size_t i = 0; i < classes.size(); ++i) {
      const bool member = RE2::FullMatch(s, *patterns[i]);
      classes[i].members += member ? 1 : 0;
      if (member != classes[i].test(cp)) {
        ++classes[i].mismatches;
      }
    }
  }
  for (const Class& c : classes) {
    CAPTURE(c.pattern);
    CHECK(c.mismatches == 0);
    CHECK(c.members > 1000);
  }
  CHECK(presslint::core::is_upper_code_point(U'É'));
  CHECK_FALSE(presslint::core::is_upper_code_point(U'é'));
  CHECK(presslint::core::is_lower_code_point(U'ß'));
  CHECK_FALSE(presslint::core::is_upper_code_point(0x01C5)); // ǅ is title case (Lt)
  CHECK(presslint::core::is_letter_code_point(0x01C5));
  CHECK(presslint::core::is_word_code_point(0x0301)); // a combining mark
  CHECK_FALSE(presslint::core::is_letter_code_point(0x0301));
  CHECK_FALSE(presslint::core::is_upper_code_point(0x110000));
  CHECK_FALSE(presslint::core::is_word_code_point(0x110000));
}

TEST_CASE("capitals: headline.all-caps flags exactly the headlines its former pattern matched")
{
  TempDir dir;
  dir.write("pack/house/caps-pattern.yaml",
            rule_file("house.caps-pattern", "existence",
                      "  scope: [headline]\n"
                      "  patterns: ['^[^\\p{Ll}]*\\p{Lu}{2,}[^\\p{Ll}]*\\s[^\\p{Ll}]*\\p{Lu}{2,}"
                      "[^\\p{Ll}]*$']\n"));
  const WithPack rules(dir);

  // Headlines made of pieces that exercise the pattern: capitals and
  // lower case in and out of ASCII, title case, a combining mark, digits,
  // hyphens, spaces and tabs.
  const std::vector<std::string> pieces{"A",  "B",  "Z",  "a",  "z",  "É",  "é", "Σ", "σ",
                                        "ǅ",  "ß",  "ẞ",  "Ⅻ",  "\u0301", "İ", "1", "-", "’",
                                        " ",  " ",  " ",  "\t", ".",  "!",  "AB", "CD", "XYZ"};
  std::mt19937 random(20261130);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 12);
  std::size_t flagged = 0;
  std::size_t headlines = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string headline;
    for (int k = length(random); k > 0; --k) {
      headline += pieces[pick(random)];
    }
    const auto findings =
      rules.lint("# " + headline + "\n\nDAYTON, Ohio, March 3, 2026 — Acme opened a plant.\n");
    const auto expected = spans_of(findings, "house.caps-pattern");
    INFO(headline);
    CHECK(spans_of(findings, "headline.all-caps") == expected);
    flagged += expected.empty() ? 0 : 1;
    ++headlines;
  }
  CHECK(headlines == 3000);
  CHECK(flagged > 50);
}

TEST_CASE("capitals: min-runs counts the runs of capitals, each after a space")
{
  TempDir dir;
  dir.write("pack/house/three.yaml",
            rule_file("house.three", "capitals", "  scope: [headline]\n  min-runs: 3\n"));
  const WithPack rules(dir);
  auto flagged = [&](const std::string& headline) {
    return spans_of(rules.lint("# " + headline + "\n\nBody text.\n"), "house.three").size();
  };
  CHECK(flagged("ACME OPENS PLANT") == 1);
  CHECK(flagged("ACME OPENS A PLANT") == 1);
  CHECK(flagged("ACME OPENS") == 0);
  CHECK(flagged("ACME-OPENS-PLANT TODAY") == 0);
  CHECK(flagged("ACME OPENS PLANT today") == 0);

  TempDir bad;
  bad.write("pack/house/zero.yaml", rule_file("house.zero", "capitals", "  min-runs: 0\n"));
  presslint::rules::Catalog other;
  presslint::core::Errors load_errors;
  REQUIRE(other.load_builtin(load_errors));
  CHECK_FALSE(other.load_pack(bad.path() + "/pack", load_errors));
  REQUIRE(load_errors.size() == 1);
  INFO(load_errors[0].format());
  CHECK(load_errors[0].format().find("zero.yaml:8:13: error: \"min-runs\" must be at least 1")
        != std::string::npos);
}
