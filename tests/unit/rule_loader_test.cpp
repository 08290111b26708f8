#include "support.hpp"

#include <presslint/checks/check.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/rules/embedded.hpp>
#include <presslint/rules/rule.hpp>
#include <presslint/rules/yaml_binary.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using presslint::core::Errors;
using presslint::core::Finding;
using presslint::core::Severity;
using presslint::rules::Catalog;
using presslint::rules::Rule;
using presslint::test::builtin_catalog;
using presslint::test::markdown;
using presslint::test::slice;
using presslint::test::summary;

namespace {

// A complete rule file; `extra` is appended.
std::string
rule_text(const std::string& id, const std::string& extra = {})
{
  return presslint::test::rule_file_text(id, extra);
}

// Loads one rule file that must be refused; returns its errors.
std::string
refused(const std::string& text, const std::string& path = "pack/house/rule.yaml")
{
  Catalog catalog;
  Errors errors;
  CHECK_FALSE(catalog.load_rule_text(path, text, "pack", errors));
  CHECK(catalog.rules().empty());
  return summary(errors);
}

// Runs a rule's check on a document and returns its findings.
std::vector<Finding>
run_rule(const Rule& rule, const presslint::document::Document& doc)
{
  Errors errors;
  const auto check = rule.kind->create(rule.params, rule.path, errors);
  REQUIRE(errors.empty());
  REQUIRE(check);
  const presslint::document::RegionMatcher matcher(builtin_catalog().vocabulary());
  const auto regions = presslint::document::detect_regions(doc, matcher);
  std::vector<Finding> findings;
  const presslint::checks::Context ctx{doc, regions, rule, rule.severity,
                                       std::chrono::sys_seconds{}, findings, nullptr};
  check->run(ctx);
  return findings;
}

} // namespace

TEST_CASE("rule loader: a good rule loads, and its check runs on a document")
{
  Catalog catalog;
  Errors errors;
  REQUIRE(catalog.load_rule_text("pack/house/jargon.yaml",
                                 rule_text("house.jargon", "params:\n"
                                                           "  words: [synergy, leverage]\n"
                                                           "  ignore-case: true\n"),
                                 "pack", errors));
  CHECK(errors.empty());
  const Rule* rule = catalog.find("house.jargon");
  REQUIRE(rule != nullptr);
  CHECK(rule->id == "house.jargon");
  CHECK(rule->category == "house");
  CHECK(rule->kind->name == "existence");
  CHECK(rule->severity == Severity::warning);
  CHECK(rule->message == "avoid \"{match}\"");
  CHECK(rule->docs.summary == "Words the house style avoids.");
  CHECK(rule->docs.good == std::vector<std::string>{"We will hire people."});
  CHECK(rule->docs.bad == std::vector<std::string>{"We will leverage synergy."});
  CHECK(rule->path == "pack/house/jargon.yaml");
  CHECK(rule->pack == "pack");
  CHECK(rule->params.strings("words") == std::vector<std::string>{"synergy", "leverage"});
  CHECK(rule->params.boolean("ignore-case"));
  // The kind's defaults fill what the file leaves out.
  CHECK(rule->params.strings("scope") == std::vector<std::string>{"all"});
  REQUIRE(rule->params.entry("scope") != nullptr);
  CHECK(rule->params.entry("scope")->path == "<default>");
  CHECK(rule->params.entry("words")->path == "pack/house/jargon.yaml");

  const auto doc = markdown("# Acme news\n"
                            "\n"
                            "We will Leverage our synergy, not `synergy` in code.\n");
  const auto findings = run_rule(*rule, doc);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].rule_id == "house.jargon");
  CHECK(findings[0].severity == Severity::warning);
  CHECK(findings[0].message == "avoid \"Leverage\"");
  CHECK(findings[0].matched == "Leverage");
  CHECK(slice(doc, findings[0].span) == "Leverage");
  CHECK(doc.position(findings[0].span.begin).line == 3);
  CHECK(doc.position(findings[0].span.begin).column == 9);
  CHECK(findings[1].message == "avoid \"synergy\"");
  CHECK(doc.position(findings[1].span.begin).column == 22);
}

TEST_CASE("rule loader: an unknown key, a bad regex and a wrong type give three located errors")
{
  const std::string text = "id: house.broken\n"
                           "kind: existence\n"
                           "severity: [a]\n"
                           "colour: red\n"
                           "message: 'avoid \"{match}\"'\n"
                           "docs:\n"
                           "  summary: Broken.\n"
                           "params:\n"
                           "  patterns: ['(unclosed']\n";
  Catalog catalog;
  Errors errors;
  CHECK_FALSE(catalog.load_rule_text("pack/broken.yaml", text, "pack", errors));
  CHECK(catalog.rules().empty());
  REQUIRE(errors.size() == 3);
  CHECK(summary(errors)
        == "pack/broken.yaml:4:1: unknown key \"colour\" (known: id, kind, severity, message, "
           "docs, params, profiles, supersedes)\n"
           "pack/broken.yaml:3:11: \"severity\" must be a string, not a list\n"
           "pack/broken.yaml:9:14: invalid RE2 pattern \"(unclosed\": missing ): (unclosed\n");
  CHECK(errors[0].format()
        == "pack/broken.yaml:4:1: error: unknown key \"colour\" (known: id, kind, severity, "
           "message, docs, params, profiles, supersedes)\n"
           "    colour: red\n"
           "    ^");
  CHECK(errors[1].format()
        == "pack/broken.yaml:3:11: error: \"severity\" must be a string, not a list\n"
           "    severity: [a]\n"
           "              ^");
}

TEST_CASE("rule loader: a bad regex alone, and in a profile")
{
  SUBCASE("in the rule's own parameters")
  {
    CHECK(refused(rule_text("house.re", "params:\n"
                                        "  patterns:\n"
                                        "    - 'fine'\n"
                                        "    - 'a{2,1}'\n"
                                        "profiles:\n"
                                        "  uk: { ignore-case: false }\n"))
          == "pack/house/rule.yaml:12:7: invalid RE2 pattern \"a{2,1}\": invalid repetition "
             "size: {2,1}\n");
  }
  SUBCASE("in a profile's parameters")
  {
    CHECK(refused(rule_text("house.re", "profiles:\n"
                                        "  wire: { patterns: ['[z-a]'] }\n"))
          == "pack/house/rule.yaml:10:22: invalid RE2 pattern \"[z-a]\": invalid character "
             "class range: z-a\n");
  }
  SUBCASE("a backreference is not RE2")
  {
    CHECK(refused(rule_text("house.re", "params:\n"
                                        "  patterns: ['(a)\\1']\n"))
          == "pack/house/rule.yaml:10:14: invalid RE2 pattern \"(a)\\1\": invalid escape "
             "sequence: \\1\n");
  }
}

TEST_CASE("rule loader: an unknown kind")
{
  const std::string text = "id: house.kind\n"
                           "kind: grammar\n"
                           "severity: warning\n"
                           "message: 'x'\n"
                           "docs:\n"
                           "  summary: Kind.\n";
  // The list of known kinds is the kinds table, in its order.
  std::string known;
  for (const auto& kind : presslint::checks::kinds()) {
    known += known.empty() ? "" : ", ";
    known += kind.name;
  }
  CHECK(known.starts_with("existence, required, metric, substitution"));
  CHECK(refused(text)
        == "pack/house/rule.yaml:2:7: unknown kind \"grammar\" (known: " + known + ")\n");
}

TEST_CASE("rule loader: a duplicate id across two files")
{
  Catalog catalog;
  Errors errors;
  REQUIRE(catalog.load_rule_text("pack/a.yaml", rule_text("house.same", "params:\n  words: [a]\n"),
                                 "pack", errors));
  CHECK_FALSE(catalog.load_rule_text("pack/b.yaml",
                                     rule_text("house.same", "params:\n  words: [b]\n"), "pack",
                                     errors));
  CHECK(summary(errors)
        == "pack/b.yaml:1:5: duplicate rule id \"house.same\" (also in pack/a.yaml)\n");
  REQUIRE(catalog.rules().size() == 1);
  CHECK(catalog.rules()[0].path == "pack/a.yaml");
  CHECK(catalog.rules()[0].params.strings("words") == std::vector<std::string>{"a"});
}

TEST_CASE("rule loader: a user rule that reuses a built-in id")
{
  // A user pack loads into a catalogue that already holds the built-in rules.
  Catalog catalog;
  Errors errors;
  REQUIRE(catalog.load_builtin(errors));
  CHECK_FALSE(catalog.load_rule_text("mine/placeholder.yaml", rule_text("placeholder.text"),
                                     "mine", errors));
  CHECK(summary(errors) == "mine/placeholder.yaml:1:5: duplicate rule id \"placeholder.text\" "
                           "(also in rules/placeholder/text.yaml)\n");
}

TEST_CASE("rule loader: an unknown placeholder in the message")
{
  const std::string text = "id: house.msg\n"
                           "kind: existence\n"
                           "severity: note\n"
                           "message: 'avoid \"{word}\" ({match})'\n"
                           "docs:\n"
                           "  summary: Msg.\n";
  CHECK(refused(text) == "pack/house/rule.yaml:4:10: unknown placeholder \"{word}\" in message "
                         "(kind \"existence\" offers {match})\n");
}

TEST_CASE("rule loader: more located errors")
{
  SUBCASE("a bad id")
  {
    CHECK(refused(rule_text("House_Rule"))
          == "pack/house/rule.yaml:1:5: rule id \"House_Rule\" must be category.name in lower "
             "case with hyphens\n");
  }
  SUBCASE("a bad severity")
  {
    std::string text = rule_text("house.sev");
    text.replace(text.find("severity: warning"), 17, "severity: fatal");
    CHECK(refused(text) == "pack/house/rule.yaml:3:11: severity must be error, warning, note or "
                           "off, not \"fatal\"\n");
  }
  SUBCASE("missing keys")
  {
    CHECK(refused("id: house.min\nkind: existence\n")
          == "pack/house/rule.yaml:1:1: missing key \"severity\"\n"
             "pack/house/rule.yaml:1:1: missing key \"message\"\n"
             "pack/house/rule.yaml:1:1: missing key \"docs\"\n");
  }
  SUBCASE("an unknown parameter and a wrong parameter type")
  {
    CHECK(refused(rule_text("house.params", "params:\n"
                                            "  wordz: [a]\n"
                                            "  ignore-case: 'yes'\n"))
          == "pack/house/rule.yaml:10:3: unknown parameter \"wordz\" for kind \"existence\" "
             "(known: patterns, words, ignore-case, scope, skip-quotations, exceptions)\n"
             "pack/house/rule.yaml:11:16: \"ignore-case\" must be a boolean, not a string\n");
  }
  SUBCASE("an unknown region and an unknown profile")
  {
    CHECK(refused(rule_text("house.scope", "params:\n"
                                           "  scope: [body, footer]\n"
                                           "profiles:\n"
                                           "  de: off\n"))
          == "pack/house/rule.yaml:10:17: unknown region \"footer\" (known: all, headline, body, "
             "quotation, boilerplate, contact, notes, release-line, links)\n"
             "pack/house/rule.yaml:12:3: unknown profile \"de\" (known: ap, wire, uk, gov-us)\n");
  }
  SUBCASE("a rule file that is not a mapping")
  {
    CHECK(refused("- a\n- b\n")
          == "pack/house/rule.yaml:1:1: a rule file must be a mapping, not a list\n");
  }
  SUBCASE("a YAML syntax error")
  {
    const std::string errors = refused("id: [unclosed\n");
    CHECK(errors.rfind("pack/house/rule.yaml:", 0) == 0);
  }
}

TEST_CASE("rule loader: an alias bomb is refused")
{
  const std::string text = "id: house.bomb\n"
                           "kind: existence\n"
                           "severity: error\n"
                           "message: 'x'\n"
                           "docs:\n"
                           "  summary: Bomb.\n"
                           "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                           "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                           "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                           "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                           "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                           "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                           "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                           "params:\n"
                           "  words: *h\n";
  Catalog catalog;
  Errors errors;
  CHECK_FALSE(catalog.load_rule_text("pack/bomb.yaml", text, "pack", errors));
  CHECK(catalog.rules().empty());
  REQUIRE_FALSE(errors.empty());
  CHECK(errors.size() < 100);
  CHECK(summary({errors.front()})
        == "pack/bomb.yaml:7:4: YAML anchors and aliases are not allowed (\"&a\")\n");
  for (const auto& e : errors) {
    CHECK(e.path == "pack/bomb.yaml");
    CHECK(e.line >= 7);
  }
}

TEST_CASE("rule loader: a {data: NAME} reference is resolved")
{
  Catalog catalog;
  Errors errors;
  REQUIRE(catalog.load_data_text("pack/data/words.yaml",
                                 "banned-words: [synergy, \"best of breed\"]\n"
                                 "cities: {a: b}\n",
                                 errors));
  REQUIRE(catalog.load_rule_text("pack/house/banned.yaml",
                                 rule_text("house.banned", "params:\n"
                                                           "  words: {data: banned-words}\n"),
                                 "pack", errors));
  CHECK(errors.empty());
  const Rule* rule = catalog.find("house.banned");
  REQUIRE(rule != nullptr);
  CHECK(rule->params.strings("words") == std::vector<std::string>{"synergy", "best of breed"});
  // The resolved value keeps the place of the reference.
  CHECK(rule->params.entry("words")->node.line == 10);
  CHECK(rule->params.entry("words")->node.column == 10);

  const auto doc = markdown("Our best  of\nbreed synergy.\n");
  const auto findings = run_rule(*rule, doc);
  REQUIRE(findings.size() == 2);
  CHECK(slice(doc, findings[0].span) == "best  of\nbreed");
  CHECK(findings[1].matched == "synergy");

  SUBCASE("an unknown list")
  {
    Errors more;
    CHECK_FALSE(catalog.load_rule_text("pack/house/other.yaml",
                                       rule_text("house.other", "params:\n"
                                                                "  words: {data: nope}\n"),
                                       "pack", more));
    CHECK(summary(more)
          == "pack/house/other.yaml:10:17: no reference list named \"nope\" in rules/data\n");
  }
  SUBCASE("a reference to a mapping, not a list")
  {
    Errors more;
    CHECK_FALSE(catalog.load_rule_text("pack/house/other.yaml",
                                       rule_text("house.other", "params:\n"
                                                                "  words: {data: cities}\n"),
                                       "pack", more));
    CHECK(summary(more)
          == "pack/house/other.yaml:10:17: no reference list named \"cities\" in rules/data\n");
  }
  SUBCASE("a list defined twice")
  {
    Errors more;
    CHECK_FALSE(catalog.load_data_text("pack/data/more.yaml", "banned-words: [x]\n", more));
    CHECK(summary(more)
          == "pack/data/more.yaml:1:1: reference list \"banned-words\" is defined twice\n");
  }
}

TEST_CASE("rule loader: a rule pack folder with its own data lists")
{
  presslint::test::TempDir dir;
  dir.write("data/words.yaml", "house-words: [synergy]\n");
  dir.write("house/jargon.yaml", rule_text("house.jargon", "params:\n"
                                                           "  words: {data: house-words}\n"));
  dir.write("house/marks.yaml", rule_text("house.marks", "params:\n"
                                                         "  words: {data: end-marks}\n"));
  dir.write("house/README.md", "not a rule file\n");
  Catalog catalog;
  Errors errors;
  REQUIRE(catalog.load_builtin(errors));
  REQUIRE_MESSAGE(catalog.load_pack(dir.path(), errors), summary(errors));
  CHECK(catalog.has_pack(dir.path()));
  const Rule* jargon = catalog.find("house.jargon");
  REQUIRE(jargon != nullptr);
  CHECK(jargon->pack == dir.path());
  CHECK(jargon->path == dir.path() + "/house/jargon.yaml");
  CHECK(jargon->params.strings("words") == std::vector<std::string>{"synergy"});
  // A pack may use the built-in reference lists.
  const Rule* marks = catalog.find("house.marks");
  REQUIRE(marks != nullptr);
  CHECK_FALSE(marks->params.strings("words").empty());
  // Loading the same folder again does nothing.
  CHECK(catalog.load_pack(dir.path(), errors));
  CHECK(errors.empty());

  Catalog other;
  Errors missing;
  CHECK_FALSE(other.load_pack(dir.path() + "/nope", missing));
  CHECK(summary(missing) == dir.path() + "/nope:0:0: rule folder not found\n");
}

TEST_CASE("rule loader: the built-in catalogue loads and every rule has docs")
{
  const Catalog& catalog = builtin_catalog();
  REQUIRE_FALSE(catalog.rules().empty());
  const Rule* placeholder = catalog.find("placeholder.text");
  REQUIRE(placeholder != nullptr);
  CHECK(placeholder->severity == Severity::error);
  CHECK(placeholder->path == "rules/placeholder/text.yaml");
  CHECK(placeholder->pack == "builtin");
  CHECK(catalog.has_category("placeholder"));
  CHECK_FALSE(catalog.has_category("nope"));
  CHECK(catalog.find("nope.nope") == nullptr);
  for (const Rule& r : catalog.rules()) {
    CAPTURE(r.id);
    CHECK_FALSE(r.docs.summary.empty());
    CHECK_FALSE(r.docs.good.empty());
    CHECK_FALSE(r.docs.bad.empty());
    CHECK(r.kind != nullptr);
  }
}

// The built-in rule files, loaded as a user's pack is: every check a pack
// gets (the id's form, the patterns, each profile's check) passes, where
// the built-in catalogue skips them at run time.
TEST_CASE("every built-in rule file passes the checks of a user's pack")
{
  Catalog catalog;
  Errors errors;
  std::size_t rules = 0;
  for (const auto& f : presslint::rules::embedded_rule_files()) {
    if (f.path.starts_with("data/")) {
      CHECK(catalog.load_data_text("rules/" + std::string(f.path), f.content, errors));
    }
  }
  for (const auto& f : presslint::rules::embedded_rule_files()) {
    if (!f.path.starts_with("data/")) {
      CAPTURE(f.path);
      CHECK(catalog.load_rule_text("rules/" + std::string(f.path), f.content, "as-a-pack", errors));
      ++rules;
    }
  }
  CHECK(summary(errors).empty());
  CHECK(rules == builtin_catalog().rules().size());
  CHECK(catalog.rules().size() == rules);
}

// The built-in rules are not checked when the catalogue loads (their
// patterns compile on first use): this is where they are. Every rule's
// parameters, and every profile's, build a check with no error when each
// value is treated as a user's.
TEST_CASE("every built-in rule and profile builds its check with every pattern compiled")
{
  using presslint::rules::Params;
  auto unchecked = [](const Params& params) {
    Params out;
    for (const auto& [name, entry] : params.all()) {
      presslint::rules::ParamEntry e = *entry;
      e.checked = false;
      out.set(name, std::move(e));
    }
    return out;
  };
  std::size_t built = 0;
  for (const Rule& rule : builtin_catalog().rules()) {
    REQUIRE(rule.kind != nullptr);
    Errors errors;
    CHECK(rule.kind->create(unchecked(rule.params), rule.path, errors) != nullptr);
    for (const auto& [name, setting] : rule.profiles) {
      Params p = rule.params;
      for (const auto& [k, v] : setting.params) {
        p.set(k, v);
      }
      CHECK(rule.kind->create(unchecked(p), rule.path, errors) != nullptr);
    }
    INFO(rule.id);
    CHECK(summary(errors).empty());
    ++built;
  }
  CHECK(built == builtin_catalog().rules().size());
  CHECK(built > 40);
}

TEST_CASE("a built-in rule's entries are marked checked (a pack's are checked at load)")
{
  const Rule* hype = builtin_catalog().find("style.hype");
  REQUIRE(hype != nullptr);
  REQUIRE_FALSE(hype->params.all().empty());
  for (const auto& [name, entry] : hype->params.all()) {
    CHECK(entry->checked);
  }
}

TEST_CASE("rule loader: the built-in rules without their docs are the same rules")
{
  Catalog with;
  Catalog without;
  Errors errors;
  REQUIRE(with.load_builtin(errors));
  REQUIRE(without.load_builtin(errors, Catalog::Docs::skip));
  CHECK(errors.empty());
  REQUIRE(with.rules().size() == without.rules().size());
  for (std::size_t i = 0; i < with.rules().size(); ++i) {
    const Rule& a = with.rules()[i];
    const Rule& b = without.rules()[i];
    INFO(a.id);
    CHECK(a.id == b.id);
    CHECK(a.kind == b.kind);
    CHECK(a.severity == b.severity);
    CHECK(a.message == b.message);
    CHECK(a.supersedes == b.supersedes);
    CHECK(a.profiles.size() == b.profiles.size());
    REQUIRE(a.params.all().size() == b.params.all().size());
    for (const auto& [name, entry] : a.params.all()) {
      const auto* other = b.params.entry(name);
      REQUIRE(other != nullptr);
      CHECK(presslint::rules::yaml_to_cbor(entry->node)
            == presslint::rules::yaml_to_cbor(other->node));
    }
    CHECK_FALSE(a.docs.summary.empty());
    CHECK(b.docs.summary.empty());
    CHECK(b.docs.good.empty());
  }
  // A pack loaded after them still must have docs.
  const std::string no_docs = "id: house.bare\nkind: existence\nmessage: m\nparams:\n"
                              "  words: [x]\n";
  CHECK_FALSE(without.load_rule_text("pack/house/bare.yaml", no_docs, "pack", errors));
  CHECK(summary(errors).find("missing key \"docs\"") != std::string::npos);
}
