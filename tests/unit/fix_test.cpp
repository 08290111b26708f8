// --fix: safe fixes applied in place, atomically, until nothing changes.
#include "support.hpp"

#include <presslint/document/reader.hpp>
#include <presslint/lint/fix.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace presslint;
using test::CommandResult;
using test::run_command;
using test::TempDir;
using test::only_rules;
using test::quote;
using test::run_presslint;

namespace {

// "--disable C" for every built-in category: only the user pack's rules run.
std::string
only_pack()
{
  std::set<std::string> categories;
  for (const rules::Rule& r : test::builtin_catalog().rules()) {
    categories.insert(r.category);
  }
  std::string out = " --rules pack --no-show-source";
  for (const std::string& c : categories) {
    out += " --disable " + c;
  }
  return out + " ";
}

std::string
release(const std::string& line)
{
  return "FOR IMMEDIATE RELEASE\n\n# Acme opens a plant\n\n" + line + "\n\n###\n";
}

// A chain (utilise -> utilize -> use takes two passes) and two overlapping
// fixes (world-class and class: the first wins, the other no longer applies).
const std::string k_spelling_rule = "id: house.spelling\n"
                                    "kind: substitution\n"
                                    "severity: warning\n"
                                    "message: 'write \"{replacement}\", not \"{match}\"'\n"
                                    "docs:\n"
                                    "  summary: House spellings.\n"
                                    "  good: [\"# Acme\\n\\nAcme will use it.\"]\n"
                                    "  bad: [\"# Acme\\n\\nAcme will utilise it.\"]\n"
                                    "params:\n"
                                    "  swap:\n"
                                    "    utilise: utilize\n"
                                    "    utilize: use\n";

const std::string k_words_rule = "id: house.words\n"
                                 "kind: substitution\n"
                                 "severity: note\n"
                                 "message: 'write \"{replacement}\", not \"{match}\"'\n"
                                 "docs:\n"
                                 "  summary: House words.\n"
                                 "  good: [\"# Acme\\n\\nA strong plant.\"]\n"
                                 "  bad: [\"# Acme\\n\\nA world-class plant.\"]\n"
                                 "params:\n"
                                 "  swap:\n"
                                 "    world-class: strong\n"
                                 "    class: grade\n";

const std::string k_jargon_rule = "id: house.jargon\n"
                                  "kind: existence\n"
                                  "severity: error\n"
                                  "message: 'avoid \"{match}\"'\n"
                                  "docs:\n"
                                  "  summary: Jargon.\n"
                                  "  good: [\"# Acme\\n\\nAcme will hire people.\"]\n"
                                  "  bad: [\"# Acme\\n\\nAcme will leverage synergy.\"]\n"
                                  "params:\n"
                                  "  words: [synergy]\n";

const std::string k_draft =
  release("DAYTON, Ohio, March 3, 2026 — We utilise a world-class plant and the synergy of "
          "our staff.");
const std::string k_fixed =
  release("DAYTON, Ohio, March 3, 2026 — We use a strong plant and the synergy of our staff.");
const std::string k_remaining = "draft.md:5:61: error: avoid \"synergy\" [house.jargon]\n"
                                "1 error, 0 warnings, 0 notes in 1 file (1 file checked)\n";

void
write_pack(const TempDir& dir)
{
  dir.write("pack/house/spelling.yaml", k_spelling_rule);
  dir.write("pack/house/words.yaml", k_words_rule);
  dir.write("pack/house/jargon.yaml", k_jargon_rule);
}

core::Finding
finding_with_fix(std::size_t begin, std::size_t end, std::string replacement)
{
  core::Finding f;
  f.rule_id = "test.rule";
  f.span = core::Span{begin, end};
  f.fix = core::Fix{"fix it", {core::Edit{core::Span{begin, end}, std::move(replacement)}}};
  return f;
}

std::vector<std::string>
folder_entries(const std::string& dir)
{
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A rule set with only `rule_id` on, as the golden tests build it.
std::unique_ptr<rules::RuleSet>
only_rule(const std::string& rule_id)
{
  const rules::Catalog& catalog = test::builtin_catalog();
  std::vector<rules::Toggle> toggles;
  for (const rules::Rule& r : catalog.rules()) {
    toggles.push_back(rules::Toggle{r.id, false});
  }
  toggles.push_back(rules::Toggle{rule_id, true});
  core::Errors errors;
  auto set = rules::build_rule_set(catalog, rules::Config{}, "", toggles, {"builtin"}, errors);
  REQUIRE(errors.empty());
  return set;
}

std::size_t
fixable(const std::vector<core::Finding>& findings)
{
  return static_cast<std::size_t>(std::count_if(
    findings.begin(), findings.end(), [](const core::Finding& f) { return f.fix.has_value(); }));
}

} // namespace

TEST_CASE("fix: edits that touch the same text conflict")
{
  auto edit = [](std::size_t b, std::size_t e) { return core::Edit{core::Span{b, e}, "x"}; };
  CHECK(lint::edits_conflict(edit(0, 5), edit(3, 8)));
  CHECK(lint::edits_conflict(edit(3, 8), edit(0, 5)));
  CHECK(lint::edits_conflict(edit(2, 4), edit(0, 8)));
  CHECK_FALSE(lint::edits_conflict(edit(0, 3), edit(3, 6))); // side by side
  CHECK_FALSE(lint::edits_conflict(edit(0, 3), edit(5, 6)));
  // An insertion inside, at an edge of, or at the same place as another edit.
  CHECK(lint::edits_conflict(edit(4, 4), edit(2, 6)));
  CHECK(lint::edits_conflict(edit(3, 3), edit(3, 6)));
  CHECK(lint::edits_conflict(edit(6, 6), edit(3, 6)));
  CHECK(lint::edits_conflict(edit(3, 3), edit(3, 3)));
  CHECK_FALSE(lint::edits_conflict(edit(2, 2), edit(3, 6)));
}

TEST_CASE("fix: apply_fixes applies fixes in finding order, and an overlapping one waits")
{
  const std::string source = "0123456789";
  SUBCASE("disjoint fixes all apply, whatever their order")
  {
    const auto a = lint::apply_fixes(source, {finding_with_fix(6, 8, "B"), finding_with_fix(1, 3, "A"),
                                              finding_with_fix(9, 9, "+")});
    CHECK(a.text == "0A345B8+9");
    CHECK(a.applied == 3);
    CHECK(a.deferred == 0);
  }
  SUBCASE("the first of two overlapping fixes wins")
  {
    const auto a = lint::apply_fixes(source, {finding_with_fix(2, 6, "X"), finding_with_fix(4, 8, "Y")});
    CHECK(a.text == "01X6789");
    CHECK(a.applied == 1);
    CHECK(a.deferred == 1);
  }
  SUBCASE("a fix with several edits applies whole or not at all")
  {
    core::Finding two = finding_with_fix(0, 1, "a");
    two.fix->edits.push_back(core::Edit{core::Span{5, 6}, "f"});
    const auto a = lint::apply_fixes(source, {finding_with_fix(4, 6, "Z"), two});
    CHECK(a.text == "0123Z6789");
    CHECK(a.deferred == 1);
    const auto b = lint::apply_fixes(source, {two});
    CHECK(b.text == "a1234f6789");
  }
  SUBCASE("fixes out of range, or that change nothing, are not applied")
  {
    const auto a = lint::apply_fixes(source, {finding_with_fix(8, 12, "X"), finding_with_fix(2, 3, "2"),
                                              finding_with_fix(5, 4, "X")});
    CHECK(a.text == source);
    CHECK(a.applied == 0);
  }
  SUBCASE("findings without a fix are ignored")
  {
    core::Finding plain;
    plain.span = core::Span{0, 10};
    const auto a = lint::apply_fixes(source, {plain, finding_with_fix(0, 1, "")});
    CHECK(a.text == "123456789");
  }
}

TEST_CASE("fix: --fix rewrites the file in place and reports what remains")
{
  TempDir dir;
  write_pack(dir);
  const std::string path = dir.write("draft.md", k_draft);
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const CommandResult before = run_presslint(dir.path(), only_pack() + "draft.md");
  CHECK(before.status == 1);
  CHECK(before.out == "draft.md:5:34: warning: write \"utilize\", not \"utilise\" [house.spelling]\n"
                      "draft.md:5:44: note: write \"strong\", not \"world-class\" [house.words]\n"
                      "draft.md:5:50: note: write \"grade\", not \"class\" [house.words]\n"
                      "draft.md:5:70: error: avoid \"synergy\" [house.jargon]\n"
                      "1 error, 1 warning, 2 notes in 1 file (1 file checked)\n");

  const CommandResult r = run_presslint(dir.path(), "--fix" + only_pack() + "draft.md");
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  CHECK(r.out == k_remaining);
  CHECK(test::read_file(path) == k_fixed);
  // The file keeps its mode; no temporary file is left.
  CHECK(fs::status(path).permissions()
        == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(folder_entries(dir.path()) == std::vector<std::string>{"draft.md", "pack"});

  SUBCASE("a second --fix changes nothing and does not rewrite the file")
  {
    const auto mtime = fs::last_write_time(path);
    struct stat st_before
    {
    };
    REQUIRE(::stat(path.c_str(), &st_before) == 0);
    const CommandResult again = run_presslint(dir.path(), "--fix" + only_pack() + "draft.md");
    CHECK(again.status == 1);
    CHECK(again.out == k_remaining);
    CHECK(test::read_file(path) == k_fixed);
    CHECK(fs::last_write_time(path) == mtime);
    struct stat st_after
    {
    };
    REQUIRE(::stat(path.c_str(), &st_after) == 0);
    CHECK(st_after.st_ino == st_before.st_ino); // not replaced by a rename
  }
  SUBCASE("every report format shows what remains")
  {
    dir.write("draft.md", k_draft);
    const CommandResult s = run_presslint(dir.path(), "--fix -f sarif" + only_pack() + "draft.md");
    CHECK(s.out.find("\"ruleId\": \"house.spelling\"") == std::string::npos);
    CHECK(s.out.find("\"ruleId\": \"house.jargon\"") != std::string::npos);
  }
}

TEST_CASE("fix: --fix with - writes the fixed text to stdout and the findings to stderr")
{
  TempDir dir;
  write_pack(dir);
  const CommandResult r =
    run_presslint(dir.path(), "--fix --stdin-filename draft.md" + only_pack() + "-", k_draft);
  CHECK(r.status == 1);
  CHECK(r.out == k_fixed);
  CHECK(r.err == k_remaining);
  CHECK(folder_entries(dir.path()) == std::vector<std::string>{"pack"});

  SUBCASE("-o still takes the report")
  {
    const CommandResult o = run_presslint(dir.path(), "--fix -f json -o r.json" + only_pack() + "-",
                                          k_draft);
    CHECK(o.out == k_fixed);
    CHECK(o.err.empty());
    CHECK(test::read_file(dir.path() + "/r.json").find("\"rule\": \"house.jargon\"")
          != std::string::npos);
  }
  SUBCASE("text that cannot be read is passed through unchanged")
  {
    const std::string bad = "# Caf\xE9 news\n";
    const CommandResult b = run_presslint(dir.path(), "--fix" + only_pack() + "-", bad);
    CHECK(b.status == 2);
    CHECK(b.out == bad);
  }
  SUBCASE("nothing to fix: the text as it came")
  {
    const CommandResult n = run_presslint(dir.path(), "--fix" + only_pack() + "-", k_fixed);
    CHECK(n.out == k_fixed);
  }
}

TEST_CASE("fix: a file that changed on disk meanwhile is left alone")
{
  TempDir dir;
  const std::string path = dir.write("draft.md", "the text as it is now\n");
  std::string why;
  CHECK(lint::write_fixed_file(path, "the text that was linted\n", "fixed\n", why)
        == lint::WriteOutcome::changed_on_disk);
  CHECK(why == "changed on disk while it was being linted");
  CHECK(test::read_file(path) == "the text as it is now\n");
  CHECK(lint::write_fixed_file(path, "the text as it is now\n", "fixed\n", why)
        == lint::WriteOutcome::written);
  CHECK(test::read_file(path) == "fixed\n");
  CHECK(lint::write_fixed_file(dir.path() + "/gone.md", "a", "b", why) == lint::WriteOutcome::failed);
  CHECK(!fs::exists(dir.path() + "/gone.md"));
}

TEST_CASE("fix: no data loss when the fixed file cannot be written")
{
  // A read-only folder stops the temporary file, except for root, whom the
  // permission bits do not stop; a file size limit of 0 (RLIMIT_FSIZE, with
  // SIGXFSZ ignored) makes any write fail for every user, root included.
  // Reports then go through a pipe, which the limit does not cover.
  TempDir dir;
  write_pack(dir);
  const std::string path = dir.write("releases/draft.md", k_draft);

  SUBCASE("a file size limit: the write fails")
  {
    const CommandResult r = run_command(
      "cd " + quote(dir.path()) + " && ( trap '' XFSZ; ulimit -f 0; " + quote(PRESSLINT_BINARY)
      + " --fix" + only_pack() + "releases/draft.md; echo \"status=$?\" ) 2>&1 | cat");
    CHECK(r.out.find("presslint: cannot write the fixes to releases/draft.md: File too large; "
                     "the file is unchanged\n")
          != std::string::npos);
    CHECK(r.out.find("status=2\n") != std::string::npos);
    // The findings reported are those of the file as it stands.
    CHECK(r.out.find("draft.md:5:34: warning: write \"utilize\", not \"utilise\"")
          != std::string::npos);
    CHECK(test::read_file(path) == k_draft);
    CHECK(folder_entries(dir.path() + "/releases") == std::vector<std::string>{"draft.md"});
  }
  SUBCASE("a read-only folder")
  {
    fs::permissions(dir.path() + "/releases", fs::perms::owner_read | fs::perms::owner_exec
                                                | fs::perms::group_read | fs::perms::group_exec
                                                | fs::perms::others_read | fs::perms::others_exec);
    // Does the mode stop this user? (It does not stop root.)
    const std::string probe = dir.path() + "/releases/probe";
    const bool stopped = !std::ofstream(probe).is_open();
    fs::remove(probe);
    if (!stopped) {
      MESSAGE("running as root: a read-only folder does not stop writes; the file size limit "
              "case covers the failed write");
    } else {
      const CommandResult r =
        run_presslint(dir.path(), "--fix" + only_pack() + "releases/draft.md");
      CHECK(r.status == 2);
      CHECK(r.err.find("presslint: cannot write the fixes to releases/draft.md: Permission denied; "
                       "the file is unchanged\n")
            != std::string::npos);
      CHECK(test::read_file(path) == k_draft);
      CHECK(folder_entries(dir.path() + "/releases") == std::vector<std::string>{"draft.md"});
    }
  }
}

TEST_CASE("fix: every built-in fix on its rule's golden file converges, and a second pass changes nothing")
{
  const rules::Catalog& catalog = test::builtin_catalog();
  const fs::path golden = fs::path(PRESSLINT_SOURCE_DIR) / "tests" / "golden";
  const auto now = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
  std::vector<std::string> exercised;
  for (const rules::Rule& rule : catalog.rules()) {
    const fs::path input = golden / (rule.id + ".md");
    if (!fs::exists(input)) {
      continue; // the golden test reports it
    }
    CAPTURE(rule.id);
    const auto set = only_rule(rule.id);
    lint::FileResult file;
    file.path = input.string();
    file.document = std::make_shared<document::Document>(
      test::markdown(test::read_file(input.string()), input.string()));
    file.findings = lint::lint_document(*file.document, *set, catalog.region_matcher(), now);
    const std::size_t before = fixable(file.findings);
    if (before == 0) {
      continue;
    }
    exercised.push_back(rule.id);
    for (const core::Finding& f : file.findings) {
      if (!f.fix) {
        continue;
      }
      CHECK_MESSAGE(!f.fix->title.empty(), "a fix needs a title");
      for (const core::Edit& e : f.fix->edits) {
        CHECK(e.span.begin <= e.span.end);
        CHECK(e.span.end <= file.document->source.size());
      }
    }
    const lint::FixOutcome first = lint::fix_file(file, *set, catalog.region_matcher(), now);
    CHECK(first.changed);
    CHECK(first.applied >= 1);
    CHECK_MESSAGE(first.passes < lint::k_max_fix_passes, "the fixes do not converge");
    const std::string left = file.findings.empty() ? std::string() : file.findings.front().message;
    CHECK_MESSAGE(fixable(file.findings) == 0, "a finding with a fix is left after fixing: " << left);
    const std::string fixed = file.document->source;
    const lint::FixOutcome second = lint::fix_file(file, *set, catalog.region_matcher(), now);
    CHECK_FALSE(second.changed);
    CHECK(file.document->source == fixed);
  }
  MESSAGE("built-in rules with fixes: " << fmt::format("{}", fmt::join(exercised, ", ")));
}

TEST_CASE("fix: style.time-format rewrites times in AP form")
{
  if (test::builtin_catalog().find("style.time-format") == nullptr) {
    MESSAGE("no style.time-format rule in this catalogue");
    return;
  }
  TempDir dir;
  const std::string path =
    dir.write("draft.md", release("DAYTON, Ohio, March 3, 2026 — Tours run from 9:00 AM to 5 PM daily."));
  std::set<std::string> categories;
  for (const rules::Rule& r : test::builtin_catalog().rules()) {
    categories.insert(r.category);
  }
  std::string only = " --no-show-source";
  for (const std::string& c : categories) {
    only += " --disable " + c;
  }
  only += " --enable style.time-format ";
  const CommandResult r = run_presslint(dir.path(), "--fix" + only + "draft.md");
  CHECK(r.status == 0);
  CHECK(r.out == "no problems found (1 file checked)\n");
  CHECK(test::read_file(path)
        == release("DAYTON, Ohio, March 3, 2026 — Tours run from 9 a.m. to 5 p.m. daily."));
}

TEST_CASE("fix: --fix over a copy of the corpus converges, and a second run changes nothing")
{
  TempDir dir;
  const fs::path corpus = fs::path(test::shared_dir()) / "corpus";
  fs::copy(corpus, dir.path() + "/corpus", fs::copy_options::recursive);
  for (const auto& e : fs::recursive_directory_iterator(dir.path())) {
    fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
  }
  const CommandResult first =
    run_presslint(dir.path(), "--fix --no-show-source --now 2026-01-01 corpus");
  CHECK((first.status == 0 || first.status == 1));
  CHECK(first.err.empty());
  std::map<std::string, std::string> after_first;
  std::size_t changed = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() + "/corpus")) {
    if (e.is_regular_file()) {
      const std::string rel = fs::relative(e.path(), dir.path() + "/corpus").string();
      after_first[rel] = test::read_file(e.path().string());
      changed += after_first[rel] != test::read_file((corpus / rel).string()) ? 1 : 0;
    }
  }
  MESSAGE(changed << " corpus files changed by --fix");
  const CommandResult second =
    run_presslint(dir.path(), "--fix --no-show-source --now 2026-01-01 corpus");
  CHECK(second.status == first.status);
  CHECK(second.out == first.out);
  for (const auto& [rel, text] : after_first) {
    CAPTURE(rel);
    CHECK(test::read_file(dir.path() + "/corpus/" + rel) == text);
  }
  // No temporary file is left anywhere.
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() + "/corpus")) {
    files += e.is_regular_file() ? 1 : 0;
  }
  CHECK(files == after_first.size());
}
