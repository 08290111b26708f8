// Parallel linting (-j): the same bytes out whatever the number of threads,
// and configs read once per run, not once per file.

#include "support.hpp"

#include <presslint/lint/run.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <thread>

namespace fs = std::filesystem;

using presslint::test::CommandResult;
using presslint::test::quote;
using presslint::test::run_command;
using presslint::test::run_presslint;
using presslint::test::shared_dir;
using presslint::test::TempDir;
using presslint::test::write_fifo;

namespace {

const std::string k_flags = " --offline --no-show-source --color never --now 2026-06-01T12:00:00Z ";

void
check_same_for_every_j(const std::string& dir,
                       const std::string& args,
                       std::initializer_list<const char*> job_counts = {"2", "3", "8"})
{
  const CommandResult one = run_presslint(dir, k_flags + "-j 1 " + args);
  REQUIRE((one.status == 0 || one.status == 1 || one.status == 2));
  CHECK(!(one.out.empty() && one.err.empty())); // a report, or errors
  for (const char* jobs : job_counts) {
    CAPTURE(jobs);
    const CommandResult many = run_presslint(dir, k_flags + "-j " + jobs + " " + args);
    CHECK(many.status == one.status);
    CHECK(many.out == one.out);
    CHECK(many.err == one.err);
  }
}

} // namespace

TEST_CASE("jobs: the corpus gives byte-identical reports with -j 1 and -j N")
{
  const std::string corpus = shared_dir() + "/corpus";
  if (!fs::is_directory(corpus)) {
    MESSAGE("no corpus at ", corpus, ": skipped");
    return;
  }
  // A few runs of the whole corpus each: the test also runs under ASan.
  SUBCASE("text") { check_same_for_every_j(corpus, ".", {"2", "8"}); }
  SUBCASE("json") { check_same_for_every_j(corpus, "-f json .", {"3"}); }
  SUBCASE("sarif") { check_same_for_every_j(corpus, "-f sarif .", {"4"}); }
}

TEST_CASE("jobs: the examples, with their configs and profiles, are the same with -j 1 and -j N")
{
  check_same_for_every_j(PRESSLINT_SOURCE_DIR "/examples", "-f json .");
}

TEST_CASE("jobs: folders with different configs and rule packs, linted in parallel")
{
  TempDir dir;
  // Two packs with a rule each, two configs that load one pack each, and
  // folders interleaved so that threads switch between the rule sets.
  dir.write("packs/one/house/one.yaml",
            "id: house.one\nkind: existence\nseverity: warning\nmessage: 'one \"{match}\"'\n"
            "docs:\n  summary: One.\n  why: Test.\n  good: [\"# A b\\n\\nA plant.\"]\n"
            "  bad: [\"# A b\\n\\nA widget.\"]\nparams:\n  words: [widget]\n  scope: [body]\n");
  dir.write("packs/two/shop/two.yaml",
            "id: shop.two\nkind: existence\nseverity: warning\nmessage: 'two \"{match}\"'\n"
            "docs:\n  summary: Two.\n  why: Test.\n  good: [\"# A b\\n\\nA plant.\"]\n"
            "  bad: [\"# A b\\n\\nA plant.\"]\nparams:\n  words: [plant]\n  scope: [body]\n");
  dir.write("a/.presslint.yaml", "rule-dirs: [../packs/one]\n");
  dir.write("b/.presslint.yaml", "rule-dirs: [../packs/two]\nprofile: uk\n");
  for (int i = 0; i < 30; ++i) {
    const std::string body = "# Acme opens a plant\n\nDAYTON, Ohio, March 3, 2026 — Acme makes a "
                             "widget in a plant, number " + std::to_string(i) + ".\n\n###\n";
    dir.write("a/" + std::to_string(i) + ".md", body);
    dir.write("b/" + std::to_string(i) + ".md", body);
    dir.write("c/" + std::to_string(i) + ".md", body);
  }
  const CommandResult one = run_presslint(dir.path(), k_flags + "-j 1 a b c");
  // Each folder's findings come from its own rule set.
  CHECK(one.out.find("a/0.md:3:44: warning: one \"widget\" [house.one]") != std::string::npos);
  CHECK(one.out.find("b/0.md:3:56: warning: two \"plant\" [shop.two]") != std::string::npos);
  CHECK(one.out.find("a/0.md:3:56: warning: two") == std::string::npos);
  CHECK(one.out.find("b/0.md:3:44: warning: one") == std::string::npos);
  CHECK(one.out.find("c/0.md:3:44: warning: one") == std::string::npos);
  check_same_for_every_j(dir.path(), "a b c");
}

TEST_CASE("jobs: a config is read once per run, however many files and folders use it")
{
  TempDir dir;
  // The config extends a FIFO: reading it a second time would wait for a
  // writer that never comes, and the run would time out.
  dir.write(".presslint.yaml", "extends: base.yaml\n");
  const std::string base = dir.path() + "/base.yaml";
  REQUIRE(::mkfifo(base.c_str(), 0600) == 0);
  for (int i = 0; i < 40; ++i) {
    dir.write("releases/" + std::to_string(i % 4) + "/r" + std::to_string(i) + ".md",
              "# Acme opens a plant\n\nAcme opened a plant, number " + std::to_string(i) + ".\n");
  }
  bool written = false;
  std::thread writer([&] { written = write_fifo(base, "profile: uk\n", 20); });
  const CommandResult run = run_command("cd " + quote(dir.path()) + " && timeout 20 " +
                                        quote(PRESSLINT_BINARY) + k_flags + "-j 4 releases");
  writer.join();
  CHECK(written); // the config was read
  CHECK(run.status != 124); // 124: timed out on a second read
  CHECK((run.status == 0 || run.status == 1));
  CHECK(run.err.empty());
  CHECK(run.out.find("releases/3/r39.md:") != std::string::npos);
}

TEST_CASE("jobs: a config's rule pack has a catalogue of its own, found by rule id")
{
  TempDir dir;
  dir.write("packs/one/house/one.yaml",
            "id: house.one\nkind: existence\nseverity: warning\nmessage: 'one \"{match}\"'\n"
            "docs:\n  summary: One.\n  why: Test.\n  good: [\"# A b\\n\\nA plant.\"]\n"
            "  bad: [\"# A b\\n\\nA widget.\"]\nparams:\n  words: [widget]\n  scope: [body]\n");
  dir.write("a/.presslint.yaml", "rule-dirs: [../packs/one]\n");
  const std::string release = dir.write("a/r.md", "# Acme\n\nA widget.\n");
  presslint::lint::Runner runner(presslint::lint::RunOptions{});
  presslint::core::Errors errors;
  REQUIRE(runner.prepare(errors));
  CHECK(runner.find_rule("house.one") == nullptr); // no config has loaded the pack yet
  REQUIRE(runner.rule_set_for(release, nullptr, errors) != nullptr);
  CHECK(errors.empty());
  // The built-in catalogue is left as it was; the pack's catalogue has both.
  CHECK(runner.catalog().find("house.one") == nullptr);
  const presslint::rules::Rule* rule = runner.find_rule("house.one");
  REQUIRE(rule != nullptr);
  CHECK(rule->id == "house.one");
  CHECK(runner.find_rule("headline.length") != nullptr);
  REQUIRE(runner.pack_catalogs().size() == 1);
  CHECK(runner.pack_catalogs()[0]->find("headline.length") != nullptr);
}

TEST_CASE("jobs: a broken config in the first folder named is reported as with -j 1")
{
  // Runs over several inputs make the first input's rule set ahead, on
  // another thread: its errors are reported once, where -j 1 reports them,
  // whether or not that folder has releases.
  for (const bool releases : {false, true}) {
    CAPTURE(releases);
    TempDir dir;
    dir.write("a/.presslint.yaml", "profile: [not, a, profile\n");
    dir.write("a/notes.txt", "not a release\n");
    for (int i = 0; i < 6; ++i) {
      const std::string body = "# Acme opens a plant\n\nAcme opened a plant.\n";
      if (releases) {
        dir.write("a/" + std::to_string(i) + ".md", body);
      }
      dir.write("b/" + std::to_string(i) + ".md", body);
    }
    const CommandResult one = run_presslint(dir.path(), k_flags + "-j 1 a b");
    CHECK(one.status == 2);
    CHECK(one.out.find(".md:") == std::string::npos); // nothing linted
    const std::size_t at = one.err.find("a/.presslint.yaml:1:26: error:");
    CHECK(at != std::string::npos);
    CHECK(one.err.find("a/.presslint.yaml", at + 1) == std::string::npos); // once
    check_same_for_every_j(dir.path(), "a b", {"2", "4"});
  }
}

TEST_CASE("jobs: a broken config in the first folder named, used by its files, stops the run")
{
  TempDir dir;
  dir.write("a/.presslint.yaml", "profile: [not, a, profile\n");
  dir.write("b/.presslint.yaml", "rules:\n  no.such-rule: off\n");
  for (int i = 0; i < 6; ++i) {
    const std::string body = "# Acme opens a plant\n\nAcme opened a plant.\n";
    dir.write("a/" + std::to_string(i) + ".md", body);
    dir.write("b/" + std::to_string(i) + ".md", body);
  }
  const CommandResult one = run_presslint(dir.path(), k_flags + "-j 1 a b");
  CHECK(one.status == 2);
  CHECK(one.out.find("a/0.md:") == std::string::npos); // nothing linted
  CHECK(one.err.find("a/.presslint.yaml") != std::string::npos);
  CHECK(one.err.find("b/.presslint.yaml") != std::string::npos);
  check_same_for_every_j(dir.path(), "a b", {"2", "4"});
}

TEST_CASE("jobs: a folder's config is found however its files are named")
{
  // Files of one folder named in several ways (relative, with "./", through
  // "..", absolute), with configs that differ in the folder and above it.
  TempDir dir;
  dir.write(".presslint.yaml", "rules:\n  style.hype: off\n");
  dir.write("sub/.presslint.yaml", "rules:\n  style.hype: error\n");
  const std::string body = "# Acme opens a plant\n\nAcme opened an amazing plant.\n";
  for (const char* name : {"top.md", "sub/a.md", "sub/b.md", "sub/c.md", "sub/d.md", "sub/e.md",
                           "other/f.md"}) {
    dir.write(name, body);
  }
  const std::string abs = dir.path() + "/sub/e.md";
  const std::string args = "top.md sub/a.md ./sub/b.md sub//c.md other/../sub/d.md " + quote(abs)
                           + " ./other/f.md";
  const CommandResult one = run_presslint(dir.path(), k_flags + "-j 1 " + args);
  CHECK(one.status == 1);
  for (const std::string& name : {std::string("sub/a.md"), std::string("./sub/b.md"),
                                  std::string("sub//c.md"), std::string("other/../sub/d.md"),
                                  abs}) {
    CAPTURE(name);
    CHECK(one.out.find(name + ":3:16: error:") != std::string::npos);
  }
  CHECK(one.out.find("top.md:3:16:") == std::string::npos);
  CHECK(one.out.find("./other/f.md:3:16:") == std::string::npos);
  check_same_for_every_j(dir.path(), args, {"2", "3"});
}

namespace {

// The threads of this process now.
std::size_t
threads_now()
{
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator("/proc/self/task")) {
    (void)entry;
    ++n;
  }
  return n;
}

// A folder of `count` small releases.
void
write_releases(TempDir& dir, const std::string& folder, int count)
{
  for (int i = 0; i < count; ++i) {
    dir.write(folder + "/" + std::to_string(i) + ".md",
              "# Acme opens a plant\n\nAcme opened a plant, number " + std::to_string(i) + ".\n");
  }
}

presslint::lint::RunOptions
options_for(const std::string& folder, unsigned jobs)
{
  presslint::lint::RunOptions options;
  options.paths = {folder};
  options.jobs = jobs;
  options.offline = true;
  return options;
}

} // namespace

TEST_CASE("jobs: a runner prepared and never run ends its helpers cleanly")
{
  // prepare() starts helpers that list the files and make the first rule
  // set ahead; a runner destroyed without run() (a config error, say) must
  // end them before what they use goes (the sanitizer build checks).
  TempDir dir;
  write_releases(dir, "r", 40);
  for (int round = 0; round < 20; ++round) {
    presslint::lint::Runner runner(options_for(dir.path() + "/r", 4));
    presslint::core::Errors errors;
    CHECK(runner.prepare(errors));
    CHECK(errors.empty());
  }
  presslint::lint::RunOptions bad = options_for(dir.path() + "/r", 4);
  bad.toggles.push_back(presslint::rules::Toggle{"no.such-rule", true});
  for (int round = 0; round < 20; ++round) {
    presslint::lint::Runner runner(bad);
    presslint::core::Errors errors;
    CHECK(!runner.prepare(errors));
    CHECK(errors.size() == 1);
  }
}

TEST_CASE("jobs: an exception from the sink leaves run() once every job has stopped")
{
  TempDir dir;
  write_releases(dir, "r", 60);
  for (const unsigned jobs : {1U, 2U, 4U}) {
    for (const std::size_t at : {std::size_t{0}, std::size_t{7}, std::size_t{59}}) {
      CAPTURE(jobs);
      CAPTURE(at);
      presslint::lint::Runner runner(options_for(dir.path() + "/r", jobs));
      presslint::core::Errors errors;
      REQUIRE(runner.prepare(errors));
      std::size_t passed = 0;
      std::string message;
      try {
        runner.run([&](presslint::lint::FileResult&&) {
          if (passed++ == at) {
            throw std::runtime_error("sink full");
          }
        });
      } catch (const std::runtime_error& e) {
        message = e.what();
      }
      CHECK(message == "sink full");
      CHECK(passed == at + 1); // nothing passed on after the throw
    }
  }
}

TEST_CASE("jobs: a folder with fewer files than -j asks starts no more helpers than it has files")
{
  TempDir dir;
  write_releases(dir, "few", 3);
  write_releases(dir, "many", 40);
  const std::size_t before = threads_now();
  {
    presslint::lint::Runner runner(options_for(dir.path() + "/few", 16));
    presslint::core::Errors errors;
    REQUIRE(runner.prepare(errors));
    std::size_t most = 0;
    const presslint::lint::RunResult result =
      runner.run([&](presslint::lint::FileResult&&) { most = std::max(most, threads_now()); });
    CHECK(result.jobs == 3); // 3 files: the caller and two helpers
    // Helpers that ran out of files may have ended before a file was
    // passed on: at most two were seen.
    CHECK(most <= before + 2);
  }
  {
    // Many files: the helper prepare() started, and four more for -j 6.
    presslint::lint::Runner runner(options_for(dir.path() + "/many", 6));
    presslint::core::Errors errors;
    REQUIRE(runner.prepare(errors));
    std::size_t most = 0;
    std::size_t files = 0;
    const presslint::lint::RunResult result = runner.run([&](presslint::lint::FileResult&&) {
      most = std::max(most, threads_now());
      ++files;
    });
    CHECK(files == 40);
    CHECK(result.jobs == 6);
    CHECK(most <= before + 5);
  }
}
