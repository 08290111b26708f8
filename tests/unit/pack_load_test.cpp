#include "support.hpp"

#include <presslint/rules/rule.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using presslint::core::Error;
using presslint::core::Errors;
using presslint::rules::Catalog;
using presslint::test::TempDir;
using presslint::test::summary;

namespace {

// A rule file without examples: the lines the errors below name count
// from its six.
std::string
rule_text(const std::string& id, const std::string& extra = {})
{
  return presslint::test::rule_file_text(id, extra, false);
}

// The pack's files as load_pack lists them: the regular *.yaml files below
// `dir`, those under data/ apart, each group in path order.
void
list_pack(const std::string& dir, std::vector<fs::path>& data, std::vector<fs::path>& rules)
{
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it) {
    if (!it->is_regular_file() || it->path().extension() != ".yaml") {
      continue;
    }
    // Links resolved: a link to a data file is a data file.
    const fs::path rel = fs::relative(it->path(), dir);
    (rel.begin() != rel.end() && *rel.begin() == "data" ? data : rules).push_back(it->path());
  }
  std::sort(data.begin(), data.end());
  std::sort(rules.begin(), rules.end());
}

// Read with the tests' own reader, not the one load_pack uses.
bool
read_text(const fs::path& p, std::string& out)
{
  try {
    out = presslint::test::read_file(p.string());
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

// The reference: the pack's files handed one by one, in order, to the
// single-file loaders.
void
load_one_by_one(Catalog& catalog, const std::string& dir, Errors& errors)
{
  std::vector<fs::path> data;
  std::vector<fs::path> rules;
  list_pack(dir, data, rules);
  for (const auto& p : data) {
    std::string text;
    REQUIRE(read_text(p, text));
    catalog.load_data_text(p.string(), text, errors);
  }
  for (const auto& p : rules) {
    std::string text;
    if (!read_text(p, text)) {
      errors.push_back(Error{p.string(), 0, 0, "cannot read file", {}});
      continue;
    }
    catalog.load_rule_text(p.string(), text, dir, errors);
  }
}

// "id path" for each rule, in id order.
std::vector<std::string>
rule_list(const Catalog& catalog)
{
  std::vector<std::string> out;
  for (const auto& r : catalog.rules()) {
    out.push_back(r.id + " " + r.path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void
check_same_errors(const Errors& got, const Errors& want)
{
  CHECK(got.size() == want.size());
  for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    CAPTURE(i);
    CHECK(got[i].path == want[i].path);
    CHECK(got[i].line == want[i].line);
    CHECK(got[i].column == want[i].column);
    CHECK(got[i].message == want[i].message);
    CHECK(got[i].excerpt == want[i].excerpt);
  }
}

// A rule file that cannot be opened for reading. Mode 000 stops anyone but
// root; root (CI runs as root) is stopped by a write-only kernel attribute,
// which refuses to be opened for reading whoever asks: the file is then a
// link to one. The link is removed before the folder is, so that the
// folder's clean-up never changes the attribute's mode.
class Unreadable
{
public:
  Unreadable(const TempDir& dir, const std::string& relative)
  {
    const std::string path = dir.write(relative, "id: house.locked\n");
    fs::permissions(path, fs::perms::none);
    std::ifstream probe(path);
    if (!probe) {
      m_ok = true;
      return;
    }
    probe.close();
    std::error_code ec;
    for (const auto& bus : fs::directory_iterator("/sys/bus", ec)) {
      const fs::path attribute = bus.path() / "drivers_probe";
      if (fs::is_regular_file(attribute, ec) && !std::ifstream(attribute)) {
        fs::remove(path);
        fs::create_symlink(attribute, path);
        m_link = path;
        m_ok = true;
        return;
      }
    }
  }
  ~Unreadable()
  {
    if (!m_link.empty()) {
      std::error_code ec;
      fs::remove(m_link, ec);
    }
  }
  Unreadable(const Unreadable&) = delete;
  Unreadable& operator=(const Unreadable&) = delete;
  [[nodiscard]] bool ok() const { return m_ok; }

private:
  bool m_ok = false;
  std::string m_link;
};

// A pack of 42 rule files and two data files (one a link), good and bad.
void
write_mixed_pack(const TempDir& dir)
{
  dir.write("data/words.yaml", "house-words: [synergy, leverage]\n");
  for (int i = 0; i < 24; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    std::string params;
    switch (i % 4) {
    case 0: params = "params:\n  words: [word" + n + "]\n"; break;
    case 1: params = "params:\n  patterns: ['\\bterm" + n + "\\b']\n"; break;
    case 2: params = "params:\n  words: {data: house-words}\n"; break;
    default:
      params = "params:\n  words: [w" + n + "]\nprofiles:\n  ap:\n    words: [ap" + n + "]\n";
      break;
    }
    // Ids not in path order: the catalogue sorts its rules by id.
    dir.write("good/rule-" + n + ".yaml", rule_text("house.r" + std::to_string(97 - i), params));
  }
  dir.write("broken/syntax.yaml", "id: house.syntax\nkind: [unclosed\n");
  dir.write("broken/pattern.yaml",
            rule_text("house.pattern", "params:\n  patterns: ['(unclosed', 'fine', '[z-a]']\n"));
  dir.write("broken/profile-pattern.yaml",
            rule_text("house.profile-pattern",
                      "params:\n  patterns: ['ok']\nprofiles:\n  ap:\n    patterns: ['(x']\n"));
  dir.write("broken/unknown-key.yaml", rule_text("house.unknown-key", "colour: red\n"));
  dir.write("broken/not-a-map.yaml", "- a\n- b\n");
  dir.write("broken/unknown-data.yaml",
            rule_text("house.unknown-data", "params:\n  words: {data: no-such-list}\n"));
  dir.write("broken/bad-utf8.yaml", "id: house.caf\xE9\n");
  dir.write("broken/empty.yaml", "");
  // The same id three times: the first file wins, the others are refused.
  dir.write("dup/a-first.yaml", rule_text("house.same", "params:\n  words: [first]\n"));
  // An unknown key is reported before the duplicate, a bad severity and a
  // bad pattern after it.
  dir.write("dup/b-second.yaml",
            "colour: red\n" + rule_text("house.same", "params:\n  patterns: ['(bad']\n")
              + "profiles:\n  nope: warning\n");
  dir.write("dup/c-third.yaml", rule_text("house.same"));
  // A file refused for another reason does not take its id.
  dir.write("dup/d-failed.yaml", rule_text("house.failed", "colour: red\n"));
  dir.write("dup/e-failed-again.yaml", rule_text("house.failed", "params:\n  words: [x]\n"));
  // A built-in id, with one more error after the duplicate.
  dir.write("dup/f-builtin.yaml",
            "id: placeholder.text\nkind: existence\nseverity: loud\nmessage: m\n"
            "docs:\n  summary: s\n");
  dir.write("dup/g-bad-id.yaml", rule_text("Placeholder.Text"));
  dir.write("dup/h-missing-id.yaml",
            "kind: existence\nseverity: note\nmessage: m\ndocs:\n  summary: s\n");
  dir.write("README.md", "not a rule file\n");
  // A link is what it points to: a data file here, a rule file there.
  fs::create_symlink("data/words.yaml", dir.path() + "/zz-link.yaml");
  fs::create_symlink("../good/rule-05.yaml", dir.path() + "/data/rule-link.yaml");
}

} // namespace

TEST_CASE("pack load: a large mixed pack gives the rules and errors of loading its files one by "
          "one, whatever the number of threads")
{
  TempDir dir;
  write_mixed_pack(dir);
  const Unreadable locked(dir, "locked/locked.yaml");
  if (!locked.ok()) {
    MESSAGE("no file here refuses to be read: the pack has no unreadable file");
  }

  Catalog reference;
  Errors want;
  REQUIRE(reference.load_builtin(want));
  load_one_by_one(reference, dir.path(), want);
  const std::vector<std::string> want_rules = rule_list(reference);

  // The reference itself: every kind of problem is in it, each duplicate in
  // its place among its file's errors.
  const std::string p = dir.path() + "/";
  const std::string text = summary(want);
  CHECK(want.size() >= 18);
  CHECK(reference.find("house.r97") != nullptr);
  CHECK(reference.find("house.r74") != nullptr);
  CHECK(reference.find("house.same")->path == p + "dup/a-first.yaml");
  CHECK(reference.find("house.failed")->path == p + "dup/e-failed-again.yaml");
  CHECK(reference.find("placeholder.text")->pack == "builtin");
  CHECK(text.find(p + "dup/b-second.yaml:1:1: unknown key \"colour\" (known: id, kind, "
                      "severity, message, docs, params, profiles, supersedes)\n"
                  + p + "dup/b-second.yaml:2:5: duplicate rule id \"house.same\" (also in " + p
                  + "dup/a-first.yaml)\n"
                  + p + "dup/b-second.yaml:11:3: unknown profile \"nope\"")
        != std::string::npos);
  CHECK(text.find(p + "dup/b-second.yaml:9:14: invalid RE2 pattern \"(bad\"") != std::string::npos);
  CHECK(text.find(p + "dup/c-third.yaml:1:5: duplicate rule id \"house.same\" (also in " + p
                  + "dup/a-first.yaml)\n")
        != std::string::npos);
  CHECK(text.find(p + "dup/f-builtin.yaml:1:5: duplicate rule id \"placeholder.text\" (also in "
                      "rules/placeholder/text.yaml)\n"
                  + p + "dup/f-builtin.yaml:3:11: severity must be")
        != std::string::npos);
  CHECK(text.find("e-failed-again.yaml") == std::string::npos);
  CHECK(text.find(p + "broken/syntax.yaml:") != std::string::npos);
  CHECK(text.find(p + "broken/profile-pattern.yaml:11:16: invalid RE2 pattern \"(x\"")
        != std::string::npos);
  CHECK(text.find(p + "broken/bad-utf8.yaml:1:14: invalid UTF-8") != std::string::npos);
  CHECK(text.find("no-such-list") != std::string::npos);
  CHECK(text.find(p + "zz-link.yaml:1:1: reference list \"house-words\" is defined twice\n")
        != std::string::npos);
  CHECK(text.find(p + "good/rule-05.yaml:1:5: duplicate rule id \"house.r92\" (also in " + p
                  + "data/rule-link.yaml)\n")
        != std::string::npos);
  if (locked.ok()) {
    CHECK(text.find(p + "locked/locked.yaml:0:0: cannot read file\n") != std::string::npos);
  }

  // 0: the default (a thread a core); 1: the calling thread alone; more
  // threads than cores, and more than files.
  for (const unsigned threads : {0U, 1U, 2U, 3U, 8U, 64U}) {
    for (int round = 0; round < 3; ++round) {
      CAPTURE(threads);
      CAPTURE(round);
      Catalog catalog;
      Errors got;
      REQUIRE(catalog.load_builtin(got));
      CHECK_FALSE(catalog.load_pack(dir.path(), got, threads));
      check_same_errors(got, want);
      CHECK(summary(got) == text);
      // The same rules, from the same files, in id order.
      const std::vector<std::string> got_rules = rule_list(catalog);
      CHECK(got_rules == want_rules);
      CHECK(std::is_sorted(catalog.rules().begin(), catalog.rules().end(),
                           [](const auto& a, const auto& b) { return a.id < b.id; }));
    }
  }
}

TEST_CASE("pack load: the folder spelled in other ways")
{
  TempDir dir;
  write_mixed_pack(dir);
  for (const std::string& spelled :
       {dir.path() + "/", dir.path() + "/.", dir.path() + "//", dir.path() + "/good/../"}) {
    CAPTURE(spelled);
    Catalog reference;
    Errors want;
    load_one_by_one(reference, spelled, want);
    REQUIRE(want.size() >= 18);
    for (const unsigned threads : {0U, 1U, 3U}) {
      CAPTURE(threads);
      Catalog catalog;
      Errors got;
      CHECK_FALSE(catalog.load_pack(spelled, got, threads));
      check_same_errors(got, want);
      CHECK(rule_list(catalog) == rule_list(reference));
    }
  }
}

TEST_CASE("pack load: a second pack's duplicates name the first pack's files")
{
  TempDir first;
  TempDir second;
  for (int i = 0; i < 12; ++i) {
    first.write("r" + std::to_string(i + 10) + ".yaml",
                rule_text("first.r" + std::to_string(i), "params:\n  words: [a]\n"));
    second.write("r" + std::to_string(i + 10) + ".yaml",
                 rule_text((i % 3 == 0 ? "first.r" : "second.r") + std::to_string(i),
                           "params:\n  words: [b]\n"));
  }
  Catalog reference;
  Errors want;
  load_one_by_one(reference, first.path(), want);
  load_one_by_one(reference, second.path(), want);
  REQUIRE(want.size() == 4);
  CHECK(summary(want).find(second.path() + "/r13.yaml:1:5: duplicate rule id \"first.r3\" (also in "
                           + first.path() + "/r13.yaml)\n")
        != std::string::npos);

  for (const unsigned threads : {0U, 1U, 4U}) {
    CAPTURE(threads);
    Catalog catalog;
    Errors got;
    CHECK(catalog.load_pack(first.path(), got, threads));
    CHECK_FALSE(catalog.load_pack(second.path(), got, threads));
    check_same_errors(got, want);
    CHECK(rule_list(catalog) == rule_list(reference));
    CHECK(catalog.rules().size() == 20);
  }
}

TEST_CASE("pack load: a good pack loads every rule on several threads")
{
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    dir.write("house/r" + std::to_string(i) + ".yaml",
              rule_text("house.r" + std::to_string(i), "params:\n  patterns: ['x" +
                                                         std::to_string(i) + "']\n"));
  }
  Catalog catalog;
  Errors errors;
  REQUIRE(catalog.load_builtin(errors));
  const std::size_t builtin = catalog.rules().size();
  CHECK(catalog.load_pack(dir.path(), errors, 4));
  CHECK(summary(errors).empty());
  CHECK(catalog.rules().size() == builtin + 40);
  const auto* rule = catalog.find("house.r39");
  REQUIRE(rule != nullptr);
  CHECK(rule->path == dir.path() + "/house/r39.yaml");
  CHECK(rule->pack == dir.path());
  CHECK(rule->params.strings("patterns") == std::vector<std::string>{"x39"});
}
