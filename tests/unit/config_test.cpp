#include "support.hpp"

#include <presslint/rules/config.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

using presslint::core::Errors;
using presslint::core::Severity;
using presslint::rules::build_rule_set;
using presslint::rules::Catalog;
using presslint::rules::check_config_rules;
using presslint::rules::Config;
using presslint::rules::find_config;
using presslint::rules::glob_to_regex;
using presslint::rules::is_ignored;
using presslint::rules::load_config;
using presslint::rules::parse_duration;
using presslint::rules::RuleSet;
using presslint::rules::Toggle;
using presslint::test::builtin_catalog;
using presslint::test::TempDir;
using presslint::test::summary;

namespace {

// Writes a config into a fresh folder and loads it; returns the errors.
std::string
config_errors(const std::string& text)
{
  TempDir dir;
  const std::string path = dir.write(".presslint.yaml", text);
  Config config;
  Errors errors;
  CHECK_FALSE(load_config(path, config, errors));
  return summary(errors, dir.path());
}

std::string
normal(const std::string& path)
{
  return fs::path(path).lexically_normal().string();
}

// A catalogue with the built-in rules and a rule with profile severities.
const Catalog&
catalog_with_profiles()
{
  static const auto k_catalog = [] {
    auto c = std::make_unique<Catalog>();
    Errors errors;
    c->load_builtin(errors);
    c->load_rule_text("pack/house/rule.yaml",
                      "id: house.rule\n"
                      "kind: existence\n"
                      "severity: note\n"
                      "message: 'avoid \"{match}\"'\n"
                      "docs:\n"
                      "  summary: House words.\n"
                      "params:\n"
                      "  words: [synergy]\n"
                      "profiles:\n"
                      "  uk: warning\n"
                      "  wire: off\n"
                      "  gov-us: { severity: error, words: [leverage] }\n",
                      "pack", errors);
    REQUIRE_MESSAGE(errors.empty(), summary(errors));
    return c;
  }();
  return *k_catalog;
}

struct Built
{
  std::unique_ptr<RuleSet> set;
  Errors errors;
};

Built
build(const Config& config,
      const std::vector<Toggle>& toggles = {},
      const std::string& profile_override = {})
{
  Built b;
  b.set = build_rule_set(catalog_with_profiles(), config, profile_override, toggles,
                         {"builtin", "pack"}, b.errors);
  REQUIRE(b.set);
  return b;
}

Severity
severity_of(const RuleSet& set, const std::string& id)
{
  const auto* r = set.find(id);
  REQUIRE_MESSAGE(r != nullptr, id);
  return r->severity;
}

std::string
origin_of(const RuleSet& set, const std::string& id)
{
  const auto* r = set.find(id);
  REQUIRE_MESSAGE(r != nullptr, id);
  return r->severity_origin;
}

// Loads a config that must load.
Config
loaded(const std::string& path)
{
  Config config;
  Errors errors;
  REQUIRE_MESSAGE(load_config(path, config, errors), summary(errors));
  CHECK(errors.empty());
  return config;
}

} // namespace

TEST_CASE("config: a full config loads")
{
  TempDir dir;
  const std::string path = dir.write(".presslint.yaml",
                                     "profile: uk\n"
                                     "rule-dirs: [house-rules]\n"
                                     "ignore: [\"archive/**\", \"*.txt\"]\n"
                                     "rules:\n"
                                     "  placeholder.text: off\n"
                                     "  headline.length: { severity: error, max-chars: 90 }\n"
                                     "links:\n"
                                     "  live: false\n"
                                     "  timeout: 500ms\n"
                                     "  concurrency: 8\n"
                                     "  per-host: 2\n"
                                     "  retries: 0\n"
                                     "  accept: [\"200-299\", \"403\"]\n"
                                     "  exclude: ['^https?://(www\\.)?linkedin\\.com/']\n"
                                     "  allow-private: true\n"
                                     "  cache: false\n"
                                     "  cache-max-age: 7d\n");
  const Config c = loaded(path);
  CHECK(c.path == path);
  CHECK(c.files == std::vector<std::string>{path});
  CHECK(c.profile == "uk");
  CHECK(c.profile_origin == path + ":1");
  CHECK(c.rule_dirs == std::vector<std::string>{normal(dir.path() + "/house-rules")});
  REQUIRE(c.ignore.size() == 2);
  CHECK(c.ignore[0].second == "archive/**");
  CHECK(c.ignore[1].second == "*.txt");
  REQUIRE(c.rules.size() == 2);
  CHECK(c.rules[0].key == "placeholder.text");
  CHECK(c.rules[0].severity == Severity::off);
  CHECK(c.rules[0].line == 5);
  CHECK(c.rules[1].key == "headline.length");
  CHECK(c.rules[1].severity == Severity::error);
  CHECK(c.links.live == false);
  CHECK(c.links.timeout_seconds == doctest::Approx(0.5));
  CHECK(c.links.concurrency == 8);
  CHECK(c.links.per_host == 2);
  CHECK(c.links.retries == 0);
  CHECK(c.links.accept == std::vector<std::string>{"200-299", "403"});
  CHECK(c.links.exclude == std::vector<std::string>{"^https?://(www\\.)?linkedin\\.com/"});
  CHECK(c.links.allow_private);
  CHECK_FALSE(c.links.cache);
  CHECK(c.links.cache_max_age_seconds == doctest::Approx(7 * 86400.0));

  Errors errors;
  CHECK(check_config_rules(c, builtin_catalog(), errors));
  CHECK(errors.empty());
}

TEST_CASE("config: an empty config gives the defaults")
{
  TempDir dir;
  const Config c = loaded(dir.write(".presslint.yaml", "# nothing yet\n"));
  CHECK(c.profile == "ap");
  CHECK(c.profile_origin == "default");
  CHECK(c.rules.empty());
  CHECK(c.ignore.empty());
  CHECK(c.links.live);
  CHECK(c.links.timeout_seconds == doctest::Approx(10.0));
  CHECK(c.links.concurrency == 32);
  CHECK(c.links.per_host == 4);
  CHECK(c.links.accept == std::vector<std::string>{"200-299"});
}

TEST_CASE("config: an empty rules: or links: mapping")
{
  TempDir dir;
  const Config c = loaded(dir.write(".presslint.yaml", "profile: uk\n"
                                                       "rules:\n"
                                                       "  # style.hype: off\n"
                                                       "links:\n"));
  CHECK(c.profile == "uk");
  CHECK(c.rules.empty());
  CHECK(c.links.live);
}

TEST_CASE("config: an unknown key")
{
  CHECK(config_errors("profile: ap\nprofil: uk\n")
        == ".presslint.yaml:2:1: unknown key \"profil\" (known: profile, extends, rule-dirs, "
           "ignore, rules, links)\n");
  CHECK(config_errors("links:\n  timeout: 5s\n  retry: 3\n")
        == ".presslint.yaml:3:3: unknown key \"links.retry\" (known: live, timeout, concurrency, "
           "per-host, retries, accept, exclude, allow-private, cache, cache-max-age)\n");
}

TEST_CASE("config: values of the wrong type")
{
  CHECK(config_errors("profile: [ap]\n")
        == ".presslint.yaml:1:10: \"profile\" must be ap, wire, uk or gov-us, not a list\n");
  CHECK(config_errors("profile: de\n")
        == ".presslint.yaml:1:10: \"profile\" must be ap, wire, uk or gov-us, not \"de\"\n");
  CHECK(config_errors("ignore: archive\n")
        == ".presslint.yaml:1:9: \"ignore\" must be a list of strings, not a string\n");
  CHECK(config_errors("rules:\n  placeholder.text: loud\n")
        == ".presslint.yaml:2:21: severity must be error, warning, note or off, not \"loud\"\n");
  CHECK(config_errors("rules: [placeholder.text]\n")
        == ".presslint.yaml:1:8: \"rules\" must be a mapping, not a list\n");
  CHECK(config_errors("links:\n  live: yes\n  timeout: soon\n  concurrency: 0\n")
        == ".presslint.yaml:2:9: \"links.live\" must be true or false\n"
           ".presslint.yaml:3:12: \"links.timeout\" must be a duration such as 10s, 500ms or 24h\n"
           ".presslint.yaml:4:16: \"links.concurrency\" must be a whole number from 1 to 1024\n");
  CHECK(config_errors("links:\n  exclude: ['(']\n  accept: ['2xx']\n")
        == ".presslint.yaml:2:13: invalid RE2 pattern \"(\": missing ): (\n"
           ".presslint.yaml:3:12: \"2xx\" is not a status or a range such as 200-299\n");
  CHECK(config_errors("- a\n") == ".presslint.yaml:1:1: a config file must be a mapping, not a list\n");
}

TEST_CASE("config: a duplicate key")
{
  CHECK(config_errors("profile: ap\nrules:\n  style.hype: off\nprofile: uk\n")
        == ".presslint.yaml:4:1: duplicate key \"profile\" (first at line 1)\n");
  CHECK(config_errors("rules:\n  placeholder.text: off\n  placeholder.text: error\n")
        == ".presslint.yaml:3:3: duplicate key \"placeholder.text\" (first at line 2)\n");
}

TEST_CASE("config: aliases are refused")
{
  const std::string errors = config_errors("a: &x [1]\nrules: *x\n");
  CHECK(errors.find(".presslint.yaml:1:4: YAML anchors and aliases are not allowed (\"&x\")\n")
        == 0);
}

TEST_CASE("config: rule ids are checked against the catalogue")
{
  TempDir dir;
  const std::string path = dir.write(".presslint.yaml",
                                     "rules:\n"
                                     "  placeholder: off\n"
                                     "  headline: { severity: note }\n"
                                     "  nope.rule: off\n"
                                     "  placeholder.txt: error\n"
                                     "  headline.length: { max-chars: 90, colour: red }\n"
                                     "  placeholder.text: { words: {data: no-such-list} }\n");
  const Config c = loaded(path);
  Errors errors;
  CHECK_FALSE(check_config_rules(c, builtin_catalog(), errors));
  CHECK(summary(errors, dir.path())
        == ".presslint.yaml:4:3: unknown rule \"nope.rule\"\n"
           ".presslint.yaml:5:3: unknown rule \"placeholder.txt\"\n"
           ".presslint.yaml:6:37: unknown parameter \"colour\" for kind \"metric\" (known: scope, "
           "per-block, min-chars, max-chars, min-words, max-words, patterns, min-count, "
           "max-count)\n"
           ".presslint.yaml:7:37: no reference list named \"no-such-list\" in rules/data\n");
  REQUIRE_FALSE(errors.empty());
  CHECK(errors.front().format() == path + ":4:3: error: unknown rule \"nope.rule\"\n"
                                          "      nope.rule: off\n"
                                          "      ^");
}

TEST_CASE("config: extends - the child's values win and lists replace")
{
  TempDir dir;
  dir.write("shared.presslint.yaml",
            "profile: uk\n"
            "ignore: [\"archive/**\", \"old/**\"]\n"
            "rules:\n"
            "  headline.length: { severity: error, max-chars: 80 }\n"
            "  placeholder.text: note\n"
            "links:\n"
            "  timeout: 30s\n"
            "  accept: [\"200-299\", \"403\"]\n");
  const std::string child = dir.write("team/.presslint.yaml",
                                      "extends: ../shared.presslint.yaml\n"
                                      "ignore: [\"drafts/**\"]\n"
                                      "rules:\n"
                                      "  placeholder.text: warning\n"
                                      "links:\n"
                                      "  accept: [\"200\"]\n");
  const Config c = loaded(child);
  const std::string parent = normal(dir.path() + "/shared.presslint.yaml");
  CHECK(c.files == std::vector<std::string>{child, parent});
  CHECK(c.profile == "uk");
  CHECK(c.profile_origin == parent + ":1");
  // Lists replace: only the child's ignore, relative to the child's folder.
  REQUIRE(c.ignore.size() == 1);
  CHECK(c.ignore[0].second == "drafts/**");
  CHECK(normal(c.ignore[0].first) == normal(dir.path() + "/team"));
  CHECK(c.links.accept == std::vector<std::string>{"200"});
  CHECK(c.links.timeout_seconds == doctest::Approx(30.0));

  const Built b = build(c);
  CHECK(b.errors.empty());
  CHECK(b.set->profile == "uk");
  CHECK(severity_of(*b.set, "placeholder.text") == Severity::warning);
  CHECK(origin_of(*b.set, "placeholder.text") == child + ":4");
  CHECK(severity_of(*b.set, "headline.length") == Severity::error);
  CHECK(origin_of(*b.set, "headline.length") == parent + ":4");
  CHECK(b.set->find("headline.length")->params.integer("max-chars") == 80);

  SUBCASE("the child's profile wins")
  {
    const std::string grandchild = dir.write("team/x/.presslint.yaml",
                                             "extends: ../.presslint.yaml\n"
                                             "profile: wire\n"
                                             "rules:\n"
                                             "  headline.length: { max-chars: 110 }\n");
    const Config g = loaded(grandchild);
    CHECK(g.profile == "wire");
    CHECK(g.files.size() == 3);
    CHECK(g.ignore.size() == 1);
    const Built gb = build(g);
    CHECK(severity_of(*gb.set, "headline.length") == Severity::error);
    CHECK(gb.set->find("headline.length")->params.integer("max-chars") == 110);
  }
}

TEST_CASE("config: an extends cycle is detected")
{
  TempDir dir;
  const std::string a = dir.write("a.yaml", "extends: b.yaml\nprofile: uk\n");
  const std::string b = dir.write("b.yaml", "extends: a.yaml\n");
  Config c;
  Errors errors;
  CHECK_FALSE(load_config(a, c, errors));
  CHECK(summary(errors, dir.path())
        == "b.yaml:1:10: \"extends\" makes a cycle: " + a + " is already in the chain\n");

  SUBCASE("a file that extends itself")
  {
    const std::string self = dir.write("self.yaml", "extends: ./self.yaml\n");
    Config s;
    Errors e;
    CHECK_FALSE(load_config(self, s, e));
    CHECK(summary(e, dir.path())
          == "self.yaml:1:10: \"extends\" makes a cycle: " + self + " is already in the chain\n");
  }
  SUBCASE("a missing parent")
  {
    const std::string lone = dir.write("lone.yaml", "extends: gone.yaml\n");
    Config s;
    Errors e;
    CHECK_FALSE(load_config(lone, s, e));
    CHECK(summary(e, dir.path()) == "lone.yaml:1:10: extended config \"gone.yaml\" not found\n");
  }
}

TEST_CASE("config: find_config walks up from a nested folder")
{
  TempDir dir;
  const std::string root = dir.write(".presslint.yaml", "profile: ap\n");
  dir.write("releases/2026/march/launch.md", "# Launch\n");
  CHECK(normal(find_config(dir.path() + "/releases/2026/march")) == normal(root));
  CHECK(normal(find_config(dir.path())) == normal(root));
  const std::string nearer = dir.write("releases/.presslint.yaml", "profile: uk\n");
  CHECK(normal(find_config(dir.path() + "/releases/2026/march")) == normal(nearer));
  CHECK(normal(find_config(dir.path() + "/releases")) == normal(nearer));
  CHECK(normal(find_config(dir.path())) == normal(root));
  // A folder named .presslint.yaml is not a config.
  fs::create_directories(dir.path() + "/releases/2026/.presslint.yaml");
  CHECK(normal(find_config(dir.path() + "/releases/2026/march")) == normal(nearer));
}

TEST_CASE("config: glob_to_regex")
{
  CHECK(glob_to_regex("archive/**") == "archive\\/.*(?:/.*)?");
  CHECK(glob_to_regex("a?c") == "(?:.*/)?a[^/]c(?:/.*)?");
  CHECK(glob_to_regex("drafts/") == "(?:.*/)?drafts(?:/.*)?");
  CHECK(glob_to_regex("/top.md") == "top\\.md(?:/.*)?");
  CHECK(glob_to_regex("**/x.md") == "(?:.*/)?x\\.md(?:/.*)?");
}

TEST_CASE("config: ignore globs")
{
  TempDir dir;
  Config c;
  const std::string base = dir.path();
  c.ignore = {{base, "archive/**"}, {base, "*.md"}, {base, "drafts/"}, {base, "notes/*.txt"}};
  auto ignored = [&](const std::string& rel) { return is_ignored(c, base + "/" + rel); };
  CHECK(ignored("archive/old.txt"));
  CHECK(ignored("archive/2020/old.txt"));
  CHECK_FALSE(ignored("news/archive.txt"));
  CHECK_FALSE(ignored("news/archive/old.txt"));
  // A glob with no slash matches a name at any depth, as in .gitignore.
  CHECK(ignored("launch.md"));
  CHECK(ignored("releases/launch.md"));
  CHECK_FALSE(ignored("launch.txt"));
  CHECK_FALSE(ignored("launch.md.txt"));
  // A trailing slash names a folder: everything below it.
  CHECK(ignored("drafts/a.txt"));
  CHECK(ignored("drafts/deep/a.txt"));
  CHECK(ignored("releases/drafts/a.txt"));
  CHECK_FALSE(ignored("drafts.txt"));
  // A glob with a slash is relative to the config's folder.
  CHECK(ignored("notes/a.txt"));
  CHECK_FALSE(ignored("notes/deep/a.txt"));
  CHECK_FALSE(ignored("other/notes/a.txt"));
  // A leading slash anchors a name to the config's folder.
  c.ignore.emplace_back(base, "/top.txt");
  CHECK(ignored("top.txt"));
  CHECK_FALSE(ignored("sub/top.txt"));
  // Paths outside the config's folder are not matched, even by name.
  CHECK_FALSE(is_ignored(c, normal(base + "/../elsewhere.md")));
  // A relative or unnormalised path names the same file.
  CHECK(is_ignored(c, base + "/releases/../archive/x.txt"));
  Config none;
  CHECK_FALSE(is_ignored(none, base + "/launch.md"));
}

TEST_CASE("config: parse_duration")
{
  CHECK(parse_duration("10s") == doctest::Approx(10.0));
  CHECK(parse_duration("500ms") == doctest::Approx(0.5));
  CHECK(parse_duration("2m") == doctest::Approx(120.0));
  CHECK(parse_duration("24h") == doctest::Approx(86400.0));
  CHECK(parse_duration("7d") == doctest::Approx(604800.0));
  CHECK(parse_duration("1.5h") == doctest::Approx(5400.0));
  CHECK(parse_duration("15") == doctest::Approx(15.0));
  CHECK_FALSE(parse_duration("").has_value());
  CHECK_FALSE(parse_duration("s").has_value());
  CHECK_FALSE(parse_duration("-1s").has_value());
  CHECK_FALSE(parse_duration("10x").has_value());
  CHECK_FALSE(parse_duration("ten seconds").has_value());
}

TEST_CASE("config: rule set precedence - default < profile < config < --enable/--disable")
{
  Config defaults; // no config file: profile ap
  SUBCASE("the rule file's default")
  {
    const Built b = build(defaults);
    CHECK(b.errors.empty());
    CHECK(b.set->profile == "ap");
    CHECK(severity_of(*b.set, "house.rule") == Severity::note);
    CHECK(origin_of(*b.set, "house.rule") == "pack/house/rule.yaml");
    CHECK(severity_of(*b.set, "placeholder.text") == Severity::error);
    CHECK(origin_of(*b.set, "placeholder.text") == "rules/placeholder/text.yaml");
    CHECK(b.set->find("house.rule")->check != nullptr);
  }
  SUBCASE("the profile")
  {
    Config uk;
    uk.profile = "uk";
    const Built b = build(uk);
    CHECK(severity_of(*b.set, "house.rule") == Severity::warning);
    CHECK(origin_of(*b.set, "house.rule") == "pack/house/rule.yaml (profile uk)");
    const Built wire = build(uk, {}, "wire"); // --profile wins over the config
    CHECK(wire.set->profile == "wire");
    CHECK(severity_of(*wire.set, "house.rule") == Severity::off);
    CHECK(wire.set->find("headline.length")->params.integer("max-chars") == 120);
    const Built gov = build(uk, {}, "gov-us");
    CHECK(severity_of(*gov.set, "house.rule") == Severity::error);
    CHECK(gov.set->find("house.rule")->params.strings("words")
          == std::vector<std::string>{"leverage"});
    const auto& origins = gov.set->find("house.rule")->param_origins;
    CHECK(std::find(origins.begin(), origins.end(),
                    "words: pack/house/rule.yaml (profile gov-us)")
          != origins.end());
  }

  TempDir dir;
  const std::string path = dir.write(".presslint.yaml",
                                     "profile: uk\n"
                                     "rules:\n"
                                     "  house.rule: error\n"
                                     "  headline.length: { severity: note, max-chars: 90 }\n");
  const Config config = loaded(path);

  SUBCASE("the config over the profile")
  {
    const Built b = build(config);
    CHECK(b.errors.empty());
    CHECK(severity_of(*b.set, "house.rule") == Severity::error);
    CHECK(origin_of(*b.set, "house.rule") == path + ":3");
    CHECK(severity_of(*b.set, "headline.length") == Severity::note);
    const auto* headline = b.set->find("headline.length");
    CHECK(headline->params.integer("max-chars") == 90);
    CHECK(std::find(headline->param_origins.begin(), headline->param_origins.end(),
                    "max-chars: " + path + ":4")
          != headline->param_origins.end());
  }
  SUBCASE("--disable over the config")
  {
    const Built b = build(config, {{"house.rule", false}});
    CHECK(severity_of(*b.set, "house.rule") == Severity::off);
    CHECK(origin_of(*b.set, "house.rule") == "--disable house.rule");
  }
  SUBCASE("the last toggle wins")
  {
    const Built on = build(config, {{"house.rule", false}, {"house.rule", true}});
    // Enabled again, at the severity the config gave it.
    CHECK(severity_of(*on.set, "house.rule") == Severity::error);
    CHECK(origin_of(*on.set, "house.rule") == "--enable house.rule");
    CHECK(on.set->find("house.rule")->check != nullptr);
    const Built off = build(config, {{"house.rule", true}, {"house.rule", false}});
    CHECK(severity_of(*off.set, "house.rule") == Severity::off);
  }
  SUBCASE("--enable turns on a rule the profile turns off")
  {
    const Built b = build(defaults, {{"house.rule", true}}, "wire");
    CHECK(severity_of(*b.set, "house.rule") == Severity::note);
    CHECK(b.set->find("house.rule")->check != nullptr);
  }
  SUBCASE("--enable turns on a rule the config turns off")
  {
    TempDir d2;
    const Config off = loaded(d2.write(".presslint.yaml", "rules:\n  placeholder.text: off\n"));
    CHECK(severity_of(*build(off).set, "placeholder.text") == Severity::off);
    const Built b = build(off, {{"placeholder.text", true}});
    CHECK(severity_of(*b.set, "placeholder.text") == Severity::error);
    CHECK(b.set->find("placeholder.text")->check != nullptr);
  }
}

TEST_CASE("config: category toggles")
{
  Config defaults;
  SUBCASE("--disable headline")
  {
    const Built b = build(defaults, {{"headline", false}});
    CHECK(severity_of(*b.set, "headline.length") == Severity::off);
    CHECK(origin_of(*b.set, "headline.length") == "--disable headline");
    CHECK(severity_of(*b.set, "placeholder.text") == Severity::error);
  }
  SUBCASE("a category off, then one of its rules on")
  {
    const Built b = build(defaults, {{"headline", false}, {"headline.length", true}});
    CHECK(severity_of(*b.set, "headline.length") == Severity::warning);
  }
  SUBCASE("a rule on, then its category off")
  {
    const Built b = build(defaults, {{"headline.length", true}, {"headline", false}});
    CHECK(severity_of(*b.set, "headline.length") == Severity::off);
  }
  SUBCASE("a category in the config")
  {
    TempDir dir;
    const std::string path = dir.write(".presslint.yaml", "rules:\n  placeholder: off\n"
                                                          "  house: warning\n");
    const Config c = loaded(path);
    Errors errors;
    CHECK(check_config_rules(c, catalog_with_profiles(), errors));
    CHECK(errors.empty());
    const Built b = build(c);
    CHECK(severity_of(*b.set, "placeholder.text") == Severity::off);
    CHECK(origin_of(*b.set, "placeholder.text") == path + ":2");
    CHECK(severity_of(*b.set, "house.rule") == Severity::warning);
    // --enable over a category turned off in the config.
    const Built on = build(c, {{"placeholder", true}});
    CHECK(severity_of(*on.set, "placeholder.text") == Severity::error);
  }
}

TEST_CASE("config: rules outside the packs in use are left out")
{
  Errors errors;
  const auto set =
    build_rule_set(catalog_with_profiles(), Config{}, "", {}, {"builtin"}, errors);
  REQUIRE(set);
  CHECK(set->find("house.rule") == nullptr);
  CHECK(set->find("placeholder.text") != nullptr);
  // Sorted by id.
  for (std::size_t i = 1; i < set->rules.size(); ++i) {
    CHECK(set->rules[i - 1].rule->id < set->rules[i].rule->id);
  }
}
