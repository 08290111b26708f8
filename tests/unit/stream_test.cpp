// The streamed lint run: with a text or github report on standard output and
// no live link check (the tests run with PRESSLINT_OFFLINE=1), each file's
// part is written as soon as it and the files before it are linted. The
// bytes must be those of the run that keeps every result to the end (the
// same report written with -o FILE).

#include "support.hpp"

#include <presslint/lint/run.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

using presslint::test::CommandResult;
using presslint::test::quote;
using presslint::test::read_file;
using presslint::test::run_command;
using presslint::test::run_presslint;
using presslint::test::shared_dir;
using presslint::test::TempDir;
using presslint::test::write_fifo;

namespace {

const std::string k_flags = " --color never --now 2026-06-01T12:00:00Z ";

// The run with its report on standard output (streamed) and the same run
// with the report written to a file (kept to the end): same status, same
// bytes, same standard error. Returns the streamed run.
CommandResult
check_streamed_as_kept(const std::string& dir, const std::string& args)
{
  CAPTURE(args);
  TempDir out;
  const std::string report = out.path() + "/report";
  const CommandResult streamed = run_presslint(dir, k_flags + args);
  const CommandResult kept = run_presslint(dir, k_flags + "-o " + quote(report) + " " + args);
  REQUIRE(fs::exists(report));
  CHECK(kept.out.empty());
  CHECK(streamed.status == kept.status);
  CHECK(streamed.out == read_file(report));
  CHECK(streamed.err == kept.err);
  return streamed;
}

const std::string k_release = "# Acme opens a plant!\n\n"
                              "DAYTON, Ohio, March 3, 2026 — Acme opened a world-class plant.\n";

} // namespace

TEST_CASE("stream: the corpus gives the same bytes streamed as kept to the end")
{
  const std::string corpus = shared_dir() + "/corpus";
  if (!fs::is_directory(corpus)) {
    MESSAGE("no corpus at ", corpus, ": skipped");
    return;
  }
  check_streamed_as_kept(corpus, "--no-show-source -j 1 .");
  check_streamed_as_kept(corpus, "--no-show-source -j 4 .");
  // The source lines and carets come from what the documents keep.
  check_streamed_as_kept(corpus, "--show-source -j 2 .");
  check_streamed_as_kept(corpus, "-f github -j 3 .");
}

TEST_CASE("stream: generated releases give the same bytes streamed as kept, for every -j")
{
  const std::string corpus = shared_dir() + "/corpus";
  if (!fs::is_directory(corpus)) {
    MESSAGE("no corpus at ", corpus, ": skipped");
    return;
  }
  TempDir dir;
  const CommandResult gen =
    run_command("/usr/bin/python3 " + quote(PRESSLINT_SOURCE_DIR "/bench/workload/generate.py")
                + " files " + quote(corpus) + " " + quote(dir.path() + "/w") + " 400");
  REQUIRE(gen.status == 0);
  // A config with a profile in one folder, a file that cannot be read.
  std::vector<std::string> folders;
  for (const auto& entry : fs::directory_iterator(dir.path() + "/w")) {
    if (entry.is_directory()) {
      folders.push_back(entry.path().string());
    }
  }
  std::sort(folders.begin(), folders.end());
  REQUIRE(folders.size() >= 2);
  dir.write(fs::path(folders[1]).lexically_relative(dir.path()).string() + "/.presslint.yaml",
            "profile: uk\n");
  fs::create_symlink("gone.md", fs::path(folders[0]) / "0-deleted.md");

  const CommandResult one = run_presslint(dir.path(), k_flags + "--no-show-source -j 1 w");
  CHECK(one.status == 2); // the unreadable file
  CHECK(one.err.find("0-deleted.md") != std::string::npos);
  CHECK(one.out.find("(401 files checked)") != std::string::npos);
  for (const char* jobs : {"2", "5"}) {
    CAPTURE(jobs);
    const CommandResult many =
      run_presslint(dir.path(), k_flags + "--no-show-source -j " + jobs + " w");
    CHECK(many.status == one.status);
    CHECK(many.out == one.out);
    CHECK(many.err == one.err);
  }
  check_streamed_as_kept(dir.path(), "--no-show-source -j 3 w");
  check_streamed_as_kept(dir.path(), "-f github -j 2 w");
}

TEST_CASE("stream: a file's findings are written before later files are read")
{
  TempDir dir;
  dir.write("a.md", k_release);
  const std::string fifo = dir.path() + "/b.md";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  for (const char* jobs : {"1", "2"}) {
    CAPTURE(jobs);
    // b.md is a FIFO that gets its text only once a.md's findings are out
    // (or after 20 s, when they never came first).
    std::mutex mutex;
    std::condition_variable cv;
    bool a_seen = false;
    bool a_seen_first = false;
    bool written = false;
    std::thread writer([&] {
      {
        std::unique_lock<std::mutex> lock(mutex);
        a_seen_first = cv.wait_for(lock, std::chrono::seconds(20), [&] { return a_seen; });
      }
      written = write_fifo(fifo, k_release, 20);
    });
    const std::string command = "cd " + quote(dir.path()) + " && timeout 60 "
                                + quote(PRESSLINT_BINARY) + k_flags + "--no-show-source -j "
                                + jobs + " a.md b.md";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
      out += buffer;
      if (std::string_view(buffer).rfind("a.md:", 0) == 0) {
        std::lock_guard<std::mutex> lock(mutex);
        a_seen = true;
        cv.notify_all();
      }
    }
    const int status = ::pclose(pipe);
    {
      std::lock_guard<std::mutex> lock(mutex);
      a_seen = true; // the writer need not wait any more
      cv.notify_all();
    }
    writer.join();
    CHECK(written);
    CHECK(a_seen_first);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0); // warnings and notes only
    // a.md, then b.md (the same findings), then the summary.
    const std::size_t a = out.find("a.md:1:");
    const std::size_t b = out.find("b.md:1:");
    const std::size_t summary = out.find("in 2 files (2 files checked)");
    CHECK(a != std::string::npos);
    CHECK(b != std::string::npos);
    CHECK(summary != std::string::npos);
    CHECK(a < b);
    CHECK(b < summary);
  }
}

TEST_CASE("stream: a config error in a sub-folder gives exit 2 and no findings")
{
  TempDir dir;
  // Files before and after the folder with the bad config.
  dir.write("a/1.md", k_release);
  dir.write("m/.presslint.yaml", "profile: ap\nrulez: {}\n");
  dir.write("m/2.md", k_release);
  dir.write("z/3.md", k_release);
  for (const char* jobs : {"1", "4"}) {
    CAPTURE(jobs);
    const CommandResult r = run_presslint(dir.path(), k_flags + "-j " + jobs + " a m z");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("m/.presslint.yaml:2:1:") != std::string::npos);
    CHECK(r.err.find("rulez") != std::string::npos);
    // GitHub annotations: the config error only.
    const CommandResult gh =
      run_presslint(dir.path(), k_flags + "-f github -j " + jobs + " a m z");
    CHECK(gh.status == 2);
    CHECK(gh.out.rfind("::error file=m/.presslint.yaml,line=2,col=1,title=presslint::", 0) == 0);
    CHECK(gh.out.find("1.md") == std::string::npos);
    CHECK(gh.out.find("\n::", 0) == std::string::npos); // one line
  }
  // Without the bad folder, the others are linted.
  const CommandResult ok = run_presslint(dir.path(), k_flags + "a z");
  CHECK(ok.status == 0); // warnings and notes
  CHECK(ok.out.find("a/1.md:1:") != std::string::npos);
  CHECK(ok.out.find("z/3.md:1:") != std::string::npos);
}

TEST_CASE("stream: exit status, --fail-on, --max-warnings and --quiet as without streaming")
{
  TempDir dir;
  // Warnings and notes only.
  dir.write("w.md", k_release);
  // And a folder with an error too (a placeholder).
  dir.write("e/e.md", k_release + "\n[INSERT QUOTE]\n");

  struct Case
  {
    std::string args;
    int status;
    bool github; // the annotations too
  };
  const std::vector<Case> cases{
    {"w.md", 0, true},
    {"w.md e", 1, true},
    {"--fail-on warning w.md", 1, false},
    {"--fail-on note w.md", 1, false},
    {"--fail-on never w.md e", 0, false},
    {"--max-warnings 0 w.md", 1, true},
    {"--max-warnings 100 w.md", 0, false},
    {"--fail-on never --max-warnings 0 w.md", 1, false},
    {"--quiet w.md", 0, false},
    {"--quiet w.md e", 1, true},
    {"--quiet --fail-on warning w.md", 1, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args);
    CHECK(check_streamed_as_kept(dir.path(), "--no-show-source " + c.args).status == c.status);
    if (c.github) {
      CHECK(check_streamed_as_kept(dir.path(), "-f github " + c.args).status == c.status);
    }
  }
  // --quiet: only findings at or above --fail-on, no summary line.
  const CommandResult quiet = run_presslint(dir.path(), k_flags + "--quiet w.md e");
  CHECK(quiet.out.find("error:") != std::string::npos);
  CHECK(quiet.out.find("warning:") == std::string::npos);
  CHECK(quiet.out.find("checked") == std::string::npos);
}

TEST_CASE("stream: a file deleted or unreadable mid-list is reported in its place")
{
  TempDir dir;
  dir.write("r/a.md", k_release);
  dir.write("r/c.md", k_release);
  dir.write("r/e.md", k_release);
  // Listed from the folder, gone when read.
  fs::create_symlink("gone.md", dir.path() + "/r/b.md");
  // Named on the command line, never there.
  const std::string args = "--no-show-source -j 3 r r/d.md";
  const CommandResult r = run_presslint(dir.path(), k_flags + args);
  CHECK(r.status == 2);
  CHECK(r.err == "r/b.md: error: no such file\nr/d.md: error: no such file\n");
  CHECK(r.out.find("(5 files checked)") != std::string::npos);
  check_streamed_as_kept(dir.path(), args);
  // Both streams together: each error stands between the files around it.
  const CommandResult both = run_command("cd " + quote(dir.path()) + " && "
                                         + quote(PRESSLINT_BINARY) + k_flags + args + " 2>&1");
  const std::size_t a = both.out.find("r/a.md:");
  const std::size_t b = both.out.find("r/b.md: error: no such file");
  const std::size_t c = both.out.find("r/c.md:");
  const std::size_t d = both.out.find("r/d.md: error: no such file");
  const std::size_t e = both.out.find("r/e.md:");
  REQUIRE(a != std::string::npos);
  REQUIRE(e != std::string::npos);
  CHECK(a < b);
  CHECK(b < c);
  CHECK(c < d);
  CHECK(d < e);
  // GitHub annotations name it in its place on standard output.
  const CommandResult gh = run_presslint(dir.path(), k_flags + "-f github -j 2 r r/d.md");
  const std::size_t gb = gh.out.find("::error file=r/b.md,title=presslint::no such file");
  CHECK(gb != std::string::npos);
  CHECK(gh.out.find("file=r/a.md") < gb);
  CHECK(gb < gh.out.find("file=r/c.md"));
}

TEST_CASE("stream: the runner passes each file on in report order, one call at a time")
{
  TempDir dir;
  for (int i = 0; i < 60; ++i) {
    dir.write("f/" + std::to_string(i % 7) + "/" + std::to_string(i) + ".md",
              k_release + "\nSee [the plant](https://www.acme-corp.com/plant/" + std::to_string(i)
                + ").\n");
  }
  presslint::lint::RunOptions options;
  options.paths = {dir.path() + "/f"};
  options.offline = true;
  options.jobs = 4;

  presslint::lint::Runner kept_runner(options);
  presslint::core::Errors errors;
  REQUIRE(kept_runner.prepare(errors));
  const presslint::lint::RunResult kept = kept_runner.run();
  REQUIRE(kept.files.size() == 60);

  presslint::lint::Runner runner(options);
  REQUIRE(runner.prepare(errors));
  std::vector<std::string> paths;
  std::vector<std::size_t> finding_counts;
  std::atomic<int> inside{0};
  bool overlapped = false;
  bool slim = true;
  const presslint::lint::RunResult streamed = runner.run([&](presslint::lint::FileResult&& f) {
    if (inside.fetch_add(1) != 0) {
      overlapped = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1)); // let others catch up
    paths.push_back(f.path);
    finding_counts.push_back(f.findings.size());
    // Only what reports read: the source and its line table.
    slim = slim && f.document && f.document->blocks.empty() && f.document->lines.empty()
           && f.document->links.empty() && f.document->anchors.empty()
           && f.document->source.size() > 100 && f.document->line_count() >= 3;
    inside.fetch_sub(1);
  });
  CHECK_FALSE(overlapped);
  CHECK(slim);
  CHECK(streamed.files.empty());
  CHECK(streamed.files_checked == 60);
  REQUIRE(paths.size() == 60);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    CAPTURE(i);
    CHECK(paths[i] == kept.files[i].path);
    CHECK(finding_counts[i] == kept.files[i].findings.size());
  }
  // The web links are counted as the run over every file counts them.
  CHECK(kept.links.links == 60);
  CHECK(streamed.links.links == kept.links.links);
  CHECK(streamed.links.offline);
  // The kept documents have dropped what reports do not read too.
  for (const presslint::lint::FileResult& f : kept.files) {
    CHECK(f.document->blocks.empty());
    CHECK(f.document->links.empty());
  }
}
