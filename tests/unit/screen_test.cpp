#include "support.hpp"

#include <presslint/checks/screen.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>
#include <presslint/rules/yaml_binary.hpp>
#include <presslint/rules/embedded.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using presslint::checks::Pattern;
using presslint::checks::PatternScreen;
using presslint::checks::ScreenCache;
using presslint::checks::shared_pattern;
using presslint::test::TempDir;

namespace {

Pattern
pattern(const std::string& text, bool ignore_case = false)
{
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!ignore_case);
  Pattern p;
  p.lazy = shared_pattern(text, options);
  p.source = text;
  return p;
}

// "rule|line:column|message" for each finding.
std::vector<std::string>
describe(const presslint::document::Document& doc,
         const std::vector<presslint::core::Finding>& findings)
{
  std::vector<std::string> out;
  for (const auto& f : findings) {
    const auto pos = doc.position(f.span.begin);
    out.push_back(f.rule_id + "|" + std::to_string(pos.line) + ":" + std::to_string(pos.column)
                  + "|" + f.message);
  }
  return out;
}

// Calls `visit` with each Markdown release of the shared corpus, parsed;
// returns how many there were.
std::size_t
for_each_corpus_release(
  const std::function<void(const std::string&, const presslint::document::Document&)>& visit)
{
  const std::string corpus = presslint::test::shared_dir() + "/corpus/newsworthy-archive";
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".md") {
      continue;
    }
    const std::string path = entry.path().string();
    visit(path, presslint::test::markdown(presslint::test::read_file(path),
                                          entry.path().filename().string()));
    ++files;
  }
  return files;
}

} // namespace

TEST_CASE("screen: a text is screened once for every pattern, with each pattern's own case")
{
  const Pattern synergy = pattern(R"(\bsynergy\b)", true);
  const Pattern acme = pattern("Acme");
  const Pattern unicode = pattern(R"(\p{Lu}{3,})");
  const Pattern absent = pattern("zebra crossing");
  const PatternScreen screen({synergy.lazy, acme.lazy, unicode.lazy, absent.lazy});
  CHECK(screen.size() == 3); // \p classes are left out
  CHECK(screen.slot(unicode.lazy.get()) == -1);
  CHECK(screen.slot(synergy.lazy.get()) >= 0);

  presslint::document::MappedText text;
  text.append_verbatim("SYNERGY at acme", 0);
  ScreenCache cache(&screen);
  CHECK(cache.may_match(synergy, text));  // (?i) kept
  CHECK_FALSE(cache.may_match(acme, text)); // case-sensitive kept
  CHECK_FALSE(cache.may_match(absent, text));
  CHECK(cache.may_match(unicode, text)); // not screened: always tried

  ScreenCache none(nullptr);
  CHECK(none.may_match(absent, text));
}

TEST_CASE("screen: a word many lists share is looked for once, for each of them")
{
  const Pattern first = presslint::checks::compile_words({"alpha", "shared word"}, true);
  const Pattern second = presslint::checks::compile_words({"shared word", "gamma"}, true);
  const Pattern third = presslint::checks::compile_words({"delta", "Shared Word"}, false);
  const Pattern plain = pattern("shared word");
  const PatternScreen screen({first.lazy, second.lazy, third.lazy, plain.lazy});
  REQUIRE(screen.size() == 4);

  std::vector<int> slots;
  REQUIRE(screen.screen("a Shared  Word here", slots));
  // The two lists that ignore case, and the one that names it so; not the
  // case-sensitive pattern without the capitals.
  std::vector<int> expected{screen.slot(first.lazy.get()), screen.slot(second.lazy.get()),
                            screen.slot(third.lazy.get())};
  std::sort(expected.begin(), expected.end());
  CHECK(slots == expected);
  REQUIRE(screen.screen("shared word, gamma", slots));
  expected = {screen.slot(first.lazy.get()), screen.slot(second.lazy.get()),
              screen.slot(plain.lazy.get())};
  std::sort(expected.begin(), expected.end());
  CHECK(slots == expected);
  REQUIRE(screen.screen("nothing", slots));
  CHECK(slots.empty());
  // Where the word lists can start: each start once.
  std::vector<std::size_t> starts;
  REQUIRE(screen.starts("alpha, Shared Word, delta", 10, starts));
  CHECK(starts == std::vector<std::size_t>{0, 7, 20});
}

TEST_CASE("screen: findings are the same with and without it, over the corpus and a rule pack")
{
  // A pack of word-list and pattern rules, as a house style would add.
  TempDir dir;
  const std::vector<std::string> words{"leading", "innovative", "solutions", "announce",
                                       "customers", "platform", "global", "today"};
  // Each rule twice, under two ids: rules that share their patterns.
  for (const std::string twin : {"rule-", "twin-"}) {
    for (std::size_t k = 0; k < words.size(); ++k) {
      const std::string id = "house." + twin + std::to_string(k);
      dir.write("pack/house/" + id + ".yaml",
                "id: " + id + "\nkind: existence\nseverity: warning\nmessage: 'avoid \"{match}\"'\n"
                "docs:\n  summary: s\nparams:\n  words: [" + words[k] + ", " + words[(k + 3) % words.size()]
                  + "]\n  patterns: ['\\b" + words[(k + 5) % words.size()].substr(0, 4) + "[a-z]*']\n");
    }
  }
  presslint::rules::Catalog catalog;
  presslint::core::Errors errors;
  REQUIRE(catalog.load_builtin(errors));
  REQUIRE(catalog.load_pack(dir.path() + "/pack", errors));
  auto set = presslint::rules::build_rule_set(catalog, presslint::rules::Config{}, "", {},
                                              {"builtin", dir.path() + "/pack"}, errors);
  REQUIRE(errors.empty());
  REQUIRE(set->screen != nullptr);
  CHECK(set->screen->size() > words.size());

  std::size_t pack_findings = 0;
  const std::size_t files = for_each_corpus_release([&](const std::string&,
                                                        const presslint::document::Document& doc) {
    const auto with = presslint::lint::lint_document(doc, *set, catalog.region_matcher(), {});
    auto screen = std::move(set->screen);
    const auto without = presslint::lint::lint_document(doc, *set, catalog.region_matcher(), {});
    set->screen = std::move(screen);
    CHECK(describe(doc, with) == describe(doc, without));
    for (const auto& f : with) {
      pack_findings += f.rule_id.starts_with("house.") ? 1 : 0;
    }
  });
  CHECK(files > 20);
  CHECK(pack_findings > 50);
}

TEST_CASE("screen: a pattern that several checks share is searched for once a text")
{
  const Pattern shared = pattern(R"(\bplant\w*)");
  const Pattern own = pattern("Acme");
  const Pattern words = presslint::checks::compile_words({"plant", "hire"}, true);
  const PatternScreen screen({shared.lazy, own.lazy, shared.lazy, words.lazy, words.lazy});
  CHECK(screen.shared(screen.slot(shared.lazy.get())));
  CHECK(screen.shared(screen.slot(words.lazy.get())));
  CHECK_FALSE(screen.shared(screen.slot(own.lazy.get())));

  presslint::document::MappedText first;
  first.append_verbatim("Acme plants a plant; plantations hire.", 0);
  presslint::document::MappedText second;
  second.append_verbatim("No plant here, Acme Plant there", 0);
  ScreenCache cache(&screen);
  for (const Pattern* p : {&shared, &own, &words}) {
    for (const auto* text : {&first, &second, &first, &second}) {
      std::vector<std::pair<std::size_t, std::size_t>> expected;
      presslint::checks::for_each_match(*p, text->text, [&](std::size_t b, std::size_t e) {
        expected.emplace_back(b, e);
      });
      std::vector<std::pair<std::size_t, std::size_t>> found;
      cache.for_each_match(*p, *text, [&](std::size_t b, std::size_t e) { found.emplace_back(b, e); });
      CHECK(found == expected);
      CHECK_FALSE(found.empty());
    }
  }
  // The shared pattern and word list, in each of the two texts.
  CHECK(cache.shared_searches() == 4);
}

TEST_CASE("screen: a scope's texts are visited where one of a check's patterns matches")
{
  const presslint::rules::Catalog& catalog = presslint::test::builtin_catalog();
  // Words some releases use and others do not, a pattern that is not
  // screened (a Unicode class), and one that never matches.
  const std::vector<Pattern> patterns{
    pattern(R"(\bquarter\b)", true), pattern(R"(\bannounced\b)"),
    pattern(R"(\bpartnership\b)", true), pattern(R"(\p{Lu}{6,})"), pattern("zebra crossing")};
  std::vector<std::shared_ptr<const presslint::checks::LazyRegex>> lazies;
  for (const Pattern& p : patterns) {
    lazies.push_back(p.lazy);
  }
  PatternScreen screen(lazies);
  const std::vector<std::vector<std::string>> scopes{
    {"headline", "body"}, {"all"}, {"boilerplate"}, {"contact", "release-line"}, {"headline"}};
  // Rules with one or two of the patterns.
  const std::vector<std::vector<std::size_t>> rules{{0}, {1}, {2}, {0, 2}, {3}, {4}, {1, 4}};

  std::size_t skipped = 0;
  std::size_t visited = 0;
  for_each_corpus_release([&](const std::string& path, const presslint::document::Document& doc) {
    const auto regions = presslint::document::detect_regions(doc, catalog.region_matcher());
    ScreenCache cache(&screen);
    for (const auto& scope : scopes) {
      std::vector<const presslint::document::MappedText*> all;
      presslint::checks::for_each_scoped_text(
        doc, regions, scope, [&](const presslint::document::MappedText& t) { all.push_back(&t); });
      for (const auto& rule : rules) {
        std::vector<const presslint::checks::LazyRegex*> lazy;
        for (const std::size_t k : rule) {
          lazy.push_back(patterns[k].lazy.get());
        }
        presslint::checks::ScreenBinding binding;
        binding.bind(screen, scope, lazy);
        const bool bound = std::find(rule.begin(), rule.end(), 3) == rule.end();
        CHECK((binding.screen != nullptr) == bound);
        // Bound: the texts where one of the patterns matches; else all.
        std::vector<const presslint::document::MappedText*> expected;
        for (const auto* t : all) {
          bool matches = !bound;
          for (const std::size_t k : rule) {
            presslint::checks::for_each_match(patterns[k], t->text,
                                              [&](std::size_t, std::size_t) { matches = true; });
          }
          if (matches) {
            expected.push_back(t);
          }
        }
        std::vector<const presslint::document::MappedText*> texts;
        cache.for_each_text(doc, regions, scope, binding,
                            [&](const presslint::document::MappedText& t) { texts.push_back(&t); });
        CAPTURE(path);
        CAPTURE(rule.front());
        CHECK(texts == expected);
        skipped += all.size() - texts.size();
        visited += texts.size();
      }
    }
  });
  CHECK(skipped > 100);
  CHECK(visited > 100);
}

TEST_CASE("screen: word lists found from their starts give the matches a scan gives")
{
  // Word lists that overlap, nest, share words and differ in case, as a
  // pack of house-style rules does; and patterns that are not word lists.
  const std::vector<std::string> vocabulary{
    "seamless", "seamless integration", "integration", "cutting-edge", "edge", "TK", "tk",
    "naïve", "Über", "über uns", "world-class", "class", "best in class", "synergy",
    "synergies", "a", "I", "leading", "leading provider", "provider", "state of the art"};
  std::vector<Pattern> patterns;
  for (std::size_t k = 0; k < 40; ++k) {
    std::vector<std::string> words;
    for (std::size_t w = 0; w < 4; ++w) {
      words.push_back(vocabulary[(k * 7 + w * 5) % vocabulary.size()]);
    }
    words.push_back("term" + std::to_string(k));
    patterns.push_back(presslint::checks::compile_words(words, k % 3 != 0));
  }
  patterns.push_back(pattern(R"(x*)"));
  patterns.push_back(pattern(R"(\bclass\w*)", true));
  std::vector<std::shared_ptr<const presslint::checks::LazyRegex>> lazies;
  for (const Pattern& p : patterns) {
    lazies.push_back(p.lazy);
  }
  const PatternScreen screen(lazies);

  // Texts from the same pieces, with words run into others ("Atkins").
  const std::vector<std::string> pieces{
    "seamless", "Seamless", "integration", " ", "  ", "\n", "-", "cutting", "edge", "TK", "Atkins",
    "tk", "naïve", "NAÏVE", "Über", "über", "uns", "world", "class", "classes", "best in", "in",
    "synergy", "synergies", "a", "I", "leading", "provider", "state of the art", "term1", "term12",
    ".", ",", "x", "xx", "é", "—", "art"};
  std::mt19937 random(7);
  std::size_t located = 0;
  std::size_t matches = 0;
  for (int t = 0; t < 400; ++t) {
    std::string s;
    const std::size_t n = 5 + random() % 60;
    for (std::size_t k = 0; k < n; ++k) {
      s += pieces[random() % pieces.size()];
      if (random() % 3 != 0) {
        s += ' ';
      }
    }
    presslint::document::MappedText text;
    text.append_verbatim(s, 0);
    ScreenCache cache(&screen);
    for (const Pattern& p : patterns) {
      std::vector<std::pair<std::size_t, std::size_t>> scanned;
      std::vector<std::pair<std::size_t, std::size_t>> found;
      presslint::checks::for_each_match(p, text.text,
                                        [&](std::size_t b, std::size_t e) { scanned.emplace_back(b, e); });
      cache.for_each_match(p, text, [&](std::size_t b, std::size_t e) { found.emplace_back(b, e); });
      CAPTURE(s);
      CAPTURE(p.source);
      CHECK(found == scanned);
      matches += scanned.size();
      // any_match tries the same matches in turn and stops at the first
      // taken: here the second, when there is one.
      std::vector<std::pair<std::size_t, std::size_t>> tried;
      const bool any = presslint::checks::any_match(p, text.text, [&](std::size_t b, std::size_t e) {
        tried.emplace_back(b, e);
        return tried.size() == 2;
      });
      CHECK(any == (scanned.size() >= 2));
      CHECK(tried.size() == std::min<std::size_t>(scanned.size(), 2));
      CHECK(std::equal(tried.begin(), tried.end(), scanned.begin()));
    }
    located += cache.texts_located();
  }
  CHECK(located > 20); // the path under test was taken (texts with fewer starts)
  CHECK(matches > 5000);
}

TEST_CASE("built-in rule files: the tree parsed at build time is the tree the YAML gives")
{
  std::size_t checked = 0;
  std::size_t with_docs = 0;
  for (const auto& f : presslint::rules::embedded_rule_files()) {
    presslint::rules::YamlNode parsed;
    presslint::core::Errors errors;
    REQUIRE(presslint::rules::parse_yaml(f.path, f.content, parsed, errors));
    presslint::rules::YamlNode stored;
    REQUIRE(presslint::rules::yaml_from_cbor(f.tree, stored));
    INFO(f.path);
    // A rule file's docs are stored apart, and go back where they stood.
    CHECK(stored.find("docs") == nullptr);
    CHECK(f.docs.empty() == std::string_view(f.path).starts_with("data/"));
    if (!f.docs.empty()) {
      presslint::rules::YamlNode docs;
      REQUIRE(presslint::rules::yaml_from_cbor(f.docs, docs));
      CHECK(docs.entries.size() == 1);
      presslint::rules::join_docs(stored, std::move(docs));
      ++with_docs;
    }
    CHECK(presslint::rules::yaml_to_cbor(stored) == presslint::rules::yaml_to_cbor(parsed));
    CHECK(stored.line == parsed.line);
    ++checked;
  }
  CHECK(checked > 40);
  CHECK(with_docs > 30);
  // Damaged bytes are refused, not read as a tree.
  const std::vector<std::uint8_t> junk{0x83, 0x01, 0x02};
  presslint::rules::YamlNode node;
  CHECK_FALSE(presslint::rules::yaml_from_cbor(junk, node));
  const std::vector<std::uint8_t> wrong_kind =
    presslint::rules::yaml_to_cbor(presslint::rules::YamlNode{});
  std::vector<std::uint8_t> bad = wrong_kind;
  bad[1] = 0x09; // kind 9
  CHECK_FALSE(presslint::rules::yaml_from_cbor(bad, node));
}

TEST_CASE("built-in rule files: a stored tree cut short, or with bytes after it, is refused")
{
  std::size_t cuts = 0;
  for (const auto& f : presslint::rules::embedded_rule_files()) {
    const std::vector<std::uint8_t> whole(f.tree.begin(), f.tree.end());
    presslint::rules::YamlNode node;
    REQUIRE(presslint::rules::yaml_from_cbor(whole, node));
    for (std::size_t size = 0; size < whole.size(); size += 1 + whole.size() / 40) {
      const std::vector<std::uint8_t> cut(whole.begin(), whole.begin() + static_cast<long>(size));
      INFO(f.path << " cut to " << size << " bytes");
      CHECK_FALSE(presslint::rules::yaml_from_cbor(cut, node));
      ++cuts;
    }
    std::vector<std::uint8_t> longer = whole;
    longer.push_back(0x01);
    CHECK_FALSE(presslint::rules::yaml_from_cbor(longer, node));
  }
  CHECK(cuts > 1000);
  // A map with a key and no value, a scalar without its text, a sequence
  // holding a number.
  const auto cbor = [](const nlohmann::json& j) { return nlohmann::json::to_cbor(j); };
  presslint::rules::YamlNode node;
  CHECK(presslint::rules::yaml_from_cbor(cbor({3, 1, 1, {1, 1, 1, true, "k"}, {1, 1, 4, true, "v"}}), node));
  CHECK(node.find("k") != nullptr);
  CHECK_FALSE(presslint::rules::yaml_from_cbor(cbor({3, 1, 1, {1, 1, 1, true, "k"}}), node));
  CHECK_FALSE(presslint::rules::yaml_from_cbor(cbor({1, 1, 1, true}), node));
  CHECK_FALSE(presslint::rules::yaml_from_cbor(cbor({2, 1, 1, 7}), node));
  CHECK_FALSE(presslint::rules::yaml_from_cbor(cbor({4, 1, 1}), node));
  // Nesting deeper than a YAML file may go.
  nlohmann::json deep = {1, 1, 1, true, "x"};
  for (std::size_t i = 0; i < presslint::rules::k_max_yaml_depth + 5; ++i) {
    deep = {2, 1, 1, deep};
  }
  CHECK_FALSE(presslint::rules::yaml_from_cbor(cbor(deep), node));
}
