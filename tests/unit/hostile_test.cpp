// Hostile input: each case runs the real binary and checks that it ends
// within bounded time and memory, with a clear message that names the file
// (and the line and column where the problem has one), and the right exit
// status. Sizes shrink in debug and sanitizer builds (PRESSLINT_HOSTILE_SCALE
// in the environment multiplies them) so that each case stays within seconds.

#include "support.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

using presslint::test::read_file;
using presslint::test::TempDir;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool k_sanitized = true;
#else
constexpr bool k_sanitized = false;
#endif
#else
constexpr bool k_sanitized = false;
#endif

#ifdef NDEBUG
constexpr bool k_optimized = true;
#else
constexpr bool k_optimized = false;
#endif

// How much of a full-size case this build runs: all of it in a release
// build, less in a debug build, less again under the sanitizers.
double
scale()
{
  if (const char* env = std::getenv("PRESSLINT_HOSTILE_SCALE")) {
    return std::atof(env);
  }
  if (k_sanitized) {
    return 0.1;
  }
  return k_optimized ? 1.0 : 0.25;
}

// Time and memory allowances grow with the slowness of the build.
double
slowness()
{
  if (k_sanitized) {
    return 6.0;
  }
  return k_optimized ? 1.0 : 4.0;
}

struct Measured
{
  int status = -1;
  bool timed_out = false;
  double seconds = 0;
  long peak_rss_mb = -1; // the presslint process's own peak (-1: unknown)
  std::string out;
  std::string err;
};

// Runs the binary in `dir` with `args` (no shell), measures its wall time
// and peak RSS, and kills it after `limit_seconds`.
Measured
run_measured(const std::string& dir, const std::vector<std::string>& args, double limit_seconds)
{
  TempDir tmp;
  const std::string out_path = tmp.path() + "/stdout";
  const std::string err_path = tmp.path() + "/stderr";
  // The peak RSS comes from /usr/bin/time: a spawned child inherits the
  // test process's high-water mark in its own rusage (it survives exec).
  const std::string rss_path = tmp.path() + "/rss";
  const bool have_time = ::access("/usr/bin/time", X_OK) == 0;
  std::vector<std::string> argv_s;
  if (have_time) {
    argv_s = {"/usr/bin/time", "-f", "%M", "-o", rss_path};
  }
  argv_s.emplace_back(PRESSLINT_BINARY);
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  pid_t pid = 0;
  const auto t0 = std::chrono::steady_clock::now();
  // A process group of its own: a timeout kills presslint with /usr/bin/time.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  const int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);

  Measured m;
  int wstatus = 0;
    while (true) {
    const pid_t done = ::waitpid(pid, &wstatus, WNOHANG);
    if (done == pid) {
      break;
    }
    const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (elapsed > limit_seconds && !m.timed_out) {
      m.timed_out = true;
      ::kill(-pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  m.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  m.out = read_file(out_path);
  m.err = read_file(err_path);
  if (have_time) {
    // "%M" is the last line ("Command exited with ..." may come first).
    std::string rss = read_file(rss_path);
    while (!rss.empty() && rss.back() == '\n') {
      rss.pop_back();
    }
    m.peak_rss_mb = std::atol(rss.substr(rss.rfind('\n') + 1).c_str()) / 1024;
  }
  MESSAGE("presslint ", args.back(), ": exit ", m.status, ", ", m.seconds, " s, ", m.peak_rss_mb,
          " MB peak RSS");
  return m;
}

const std::vector<std::string> k_base{"--offline", "--no-show-source", "--color", "never"};

std::vector<std::string>
with_base(std::vector<std::string> args)
{
  std::vector<std::string> all = k_base;
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

// A short release with a few things for the rules to say.
std::string
release(int n)
{
  return "# Acme opens plant number " + std::to_string(n) +
         "\n\nDAYTON, Ohio, March 3, 2026 — Acme will hire " + std::to_string(200 + n) +
         " people, said Dana Atkins. It is a world-class plant.\n\n###\n";
}

// The text a body paragraph repeats: words, numbers, a date, non-ASCII.
const std::string k_paragraph =
  "The plant, near the Great Miami River, will make steel widgets for farm machinery; "
  "work began on Jan. 5, 2026 and the first line is due in May. Café owners in Zürich "
  "and Malmö said sales rose 12% — “a good year,” said Dana Atkins.\n\n";

std::string
big_release(std::size_t bytes)
{
  std::string s = "# Acme opens a plant\n\nDAYTON, Ohio, March 3, 2026 — Acme will hire people.\n\n";
  s.reserve(bytes + k_paragraph.size());
  while (s.size() < bytes) {
    s += k_paragraph;
  }
  return s + "###\n";
}

bool
contains(const std::string& haystack, const std::string& needle)
{
  return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("hostile: invalid UTF-8 is refused with its line and column, other files still linted")
{
  TempDir dir;
  dir.write("a-good.md", release(1));
  dir.write("bad.md", "# Acme opens a plant\n\nDAYTON — Acme will h\xC3\x28re people.\n");
  dir.write("cp1252.md", "# Acme opens a plant\n\nAcme said \x93hello\x94 to all.\n");
  const Measured m = run_measured(dir.path(), with_base({"."}), 20 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.err + m.out, "./bad.md:3:21: error: invalid UTF-8 (byte 0xC3)"));
  CHECK(contains(m.err + m.out, "./cp1252.md:3:11: error: invalid UTF-8 (byte 0x93): the file looks like Windows-1252"));
  // The good file was linted: its findings are in the report.
  CHECK(contains(m.out, "./a-good.md:"));
}

TEST_CASE("hostile: a NUL byte is refused with its position")
{
  TempDir dir;
  dir.write("nul.md", std::string("# Acme opens a plant\n\nAcme\0 said so.\n", 37));
  const Measured m = run_measured(dir.path(), with_base({"nul.md"}), 20 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.err + m.out, "nul.md:3:5: error: NUL byte in text: this looks like a binary file"));
}

TEST_CASE("hostile: a 50 MB file is linted in bounded time and memory")
{
  const auto bytes = static_cast<std::size_t>(50.0 * 1024 * 1024 * scale());
  TempDir dir;
  dir.write("big.md", big_release(bytes));
  const Measured m = run_measured(dir.path(), with_base({"big.md"}), 30 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK((m.status == 0 || m.status == 1));
  CHECK(m.err.empty());
  // The text, its lines and blocks, and the findings: a small multiple of
  // the file, never an explosion.
  // Under AddressSanitizer the allocator's quarantine and shadow memory, not
  // presslint, decide the peak (829 MB seen for a 5 MB file): the bound is
  // checked in the builds without it.
  const auto mb = static_cast<long>(bytes / (1024 * 1024));
  if (!k_sanitized) {
    CHECK(m.peak_rss_mb < static_cast<long>(64 * slowness()) + 6 * mb * static_cast<long>(slowness()));
  }
  CHECK(m.peak_rss_mb > 0); // /usr/bin/time (Debian package "time") measured it
}

TEST_CASE("hostile: a file over the size limit is refused before it is read")
{
  TempDir dir;
  const std::string path = dir.write("huge.md", "");
  fs::resize_file(path, 65 * 1024 * 1024); // sparse: costs no disk
  const Measured m = run_measured(dir.path(), with_base({"huge.md"}), 10 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.err + m.out, "huge.md: error: file is too large (65 MB; the limit is 64 MB)"));
  CHECK(m.peak_rss_mb < static_cast<long>(64 * slowness()));
}

TEST_CASE("hostile: a single 1 MB line")
{
  std::string line = "# Acme opens a plant\n\nDAYTON, Ohio, March 3, 2026 — ";
  const auto bytes = static_cast<std::size_t>(1024.0 * 1024 * std::max(scale(), 0.25));
  while (line.size() < bytes) {
    line += "Acme will hire people and TK more, café Zürich 12% on Jan. 5, 2026. ";
  }
  TempDir dir;
  dir.write("line.md", line + "\n");
  const Measured m = run_measured(dir.path(), with_base({"line.md"}), 20 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 1); // the placeholders are found
  CHECK(contains(m.out, "line.md:3:"));
  CHECK(m.seconds < 5 * slowness());
}

TEST_CASE("hostile: 10,000 links in one file, offline")
{
  std::string s = "# Acme opens a plant\n\nDAYTON, Ohio, March 3, 2026 — Acme will hire people.\n\n";
  for (int i = 0; i < 10000; ++i) {
    s += "See [page " + std::to_string(i) + "](https://www.acme-widgets.com/news/" +
         std::to_string(i) + ") and http://acme-widgets.com/old/" + std::to_string(i) + ".\n";
  }
  TempDir dir;
  dir.write("links.md", s + "\n###\n");
  const Measured m = run_measured(dir.path(), with_base({"links.md"}), 20 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK((m.status == 0 || m.status == 1));
  CHECK(m.seconds < 5 * slowness());
  // Every insecure link is reported, in order, nothing dropped.
  std::size_t insecure = 0;
  for (std::size_t at = m.out.find("[link.insecure]"); at != std::string::npos;
       at = m.out.find("[link.insecure]", at + 1)) {
    ++insecure;
  }
  CHECK(insecure == 10000);
}

TEST_CASE("hostile: 10,000 nested blockquotes")
{
  std::string s = "# Acme opens a plant\n\n";
  for (int i = 0; i < 10000; ++i) {
    s += "> ";
  }
  s += "Acme will hire TK people.\n";
  TempDir dir;
  dir.write("quotes.md", s);
  const Measured m = run_measured(dir.path(), with_base({"quotes.md"}), 20 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK((m.status == 0 || m.status == 1 || m.status == 2));
  CHECK(m.seconds < 5 * slowness());
  if (m.status == 2) {
    CHECK(contains(m.err + m.out, "quotes.md:"));
  } else {
    CHECK(contains(m.out, "quotes.md:3:"));
  }
}

TEST_CASE("hostile: 100,000 nested HTML elements are refused early, with a position")
{
  std::string s = "<!DOCTYPE html>\n<html><body>\n";
  for (int i = 0; i < 100000; ++i) {
    s += "<div>";
  }
  s += "text";
  TempDir dir;
  dir.write("deep.html", s);
  const Measured m = run_measured(dir.path(), with_base({"deep.html"}), 20 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.err + m.out, "deep.html:3:"));
  CHECK(contains(m.err + m.out, "HTML nests deeper than 400 elements; refusing to parse"));
  CHECK(m.seconds < 2 * slowness());
}

namespace {

// "Billion laughs": nine levels of ten aliases each.
std::string
alias_bomb(const std::string& head)
{
  std::string s = head + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char p = static_cast<char>(c - 1);
    s += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) {
      s += std::string(i ? "," : "") + "*" + p;
    }
    s += "]\n";
  }
  return s;
}

} // namespace

TEST_CASE("hostile: a YAML alias bomb in a config is refused at its first anchor")
{
  TempDir dir;
  dir.write(".presslint.yaml", alias_bomb("profile: ap\n"));
  dir.write("a.md", release(1));
  const Measured m = run_measured(dir.path(), with_base({"a.md"}), 10 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.err, ".presslint.yaml:2:4: error: YAML anchors and aliases are not allowed"));
  CHECK(m.peak_rss_mb < static_cast<long>(64 * slowness()));
}

TEST_CASE("hostile: a YAML alias bomb in a rule file is refused at its first anchor")
{
  TempDir dir;
  dir.write("pack/house/bomb.yaml",
            alias_bomb("id: house.bomb\nkind: existence\nseverity: warning\nmessage: 'x'\n"));
  dir.write("a.md", release(1));
  const Measured m = run_measured(dir.path(), with_base({"--rules", "pack", "a.md"}), 10 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.err, "bomb.yaml:5:4: error: YAML anchors and aliases are not allowed"));
}

TEST_CASE("hostile: a pattern exponential for backtracking engines runs in linear time")
{
  TempDir dir;
  dir.write("pack/house/backtrack.yaml",
            "id: house.backtrack\n"
            "kind: existence\n"
            "severity: warning\n"
            "message: 'found \"{match}\"'\n"
            "docs:\n"
            "  summary: Nested quantifiers.\n"
            "  why: A backtracking engine takes exponential time on them.\n"
            "  good: [\"# Acme opens a plant\\n\\nAcme opened a plant.\"]\n"
            "  bad: [\"# Acme opens a plant\\n\\nAcme opened aaab.\"]\n"
            "params:\n"
            "  patterns: ['(a+)+b', '(a|aa)*c', '(x+x+)+y']\n"
            "  scope: [all]\n");
  // 200,000 "a"s with no "b": (a+)+b backtracks 2^n ways in PCRE.
  std::string s = "# Acme opens a plant\n\n";
  const auto n = static_cast<std::size_t>(200000 * std::max(scale(), 0.25));
  s += std::string(n, 'a') + "!\n\n" + std::string(n / 2, 'x') + "!\n\nAnd aaab here.\n";
  dir.write("a.md", s);
  const Measured m = run_measured(
    dir.path(), with_base({"--rules", "pack", "--disable", "body", "a.md"}), 20 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 0); // warnings only
  CHECK(contains(m.out, "a.md:7:5: warning: found \"aaab\" [house.backtrack]"));
  CHECK(m.seconds < 3 * slowness());
}

TEST_CASE("hostile: a symbolic link loop in a linted folder")
{
  TempDir dir;
  dir.write("releases/a.md", release(1));
  fs::create_directory_symlink("..", dir.path() + "/releases/up");       // a folder loop
  fs::create_directory_symlink(".", dir.path() + "/releases/self");      // another
  fs::create_symlink("loop.md", dir.path() + "/releases/loop.md");        // a file loop (ELOOP)
  const Measured m = run_measured(dir.path(), with_base({"releases"}), 10 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.out, "releases/a.md:"));
  CHECK(contains(m.err + m.out, "releases/loop.md: error:"));
  // Folder links are not followed: a.md is linted once.
  CHECK_FALSE(contains(m.out + m.err, "releases/up/"));
  CHECK_FALSE(contains(m.out + m.err, "releases/self/"));
}

TEST_CASE("hostile: unreadable entries among readable files: the others are linted, exit 2")
{
  TempDir dir;
  dir.write("a.md", release(1));
  dir.write("c.md", release(2));
  // Entries nobody can read, root included: a link to nothing, and a FIFO
  // (reading it would wait for a writer for ever).
  fs::create_symlink("nowhere.md", dir.path() + "/b-dangling.md");
  REQUIRE(::mkfifo((dir.path() + "/b-fifo.md").c_str(), 0600) == 0);
  // A file without read permission: unreadable for anyone but root.
  const std::string secret = dir.write("b-secret.md", release(3));
  fs::permissions(secret, fs::perms::none);
  const bool root = ::geteuid() == 0;

  const Measured m = run_measured(dir.path(), with_base({"."}), 10 * slowness());
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.out, "./a.md:"));
  CHECK(contains(m.out, "./c.md:"));
  CHECK(contains(m.err + m.out, "./b-dangling.md: error: no such file"));
  CHECK(contains(m.err + m.out, "./b-fifo.md: error: not a regular file"));
  if (root) {
    MESSAGE("running as root: a mode 000 file is readable, so only the link and the FIFO "
            "are cases nobody can read");
    CHECK(contains(m.out, "./b-secret.md:"));
  } else {
    CHECK(contains(m.err + m.out, "./b-secret.md: error: cannot be read"));
  }
  fs::permissions(secret, fs::perms::owner_all);
}

TEST_CASE("hostile: a file deleted while the run is in progress")
{
  TempDir dir;
  // presslint reads first.md, a FIFO, and waits there until this test
  // opens it for writing: second.md goes while the run is in progress.
  const std::string fifo = dir.path() + "/first.md";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string second = dir.write("second.md", release(2));
  dir.write("third.md", release(3));

  bool written = false;
  std::thread writer([&] {
    // Waits until presslint opens the FIFO: the file list is made by then.
    std::error_code ec;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    int fd = -1;
    while ((fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK)) < 0
           && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (fd < 0) {
      return;
    }
    fs::remove(second, ec);
    const std::string text = release(1);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
  });
  const Measured m = run_measured(
    dir.path(), with_base({"-j", "1", "first.md", "second.md", "third.md"}), 10 * slowness());
  writer.join();
  CHECK(written);
  CHECK_FALSE(m.timed_out);
  CHECK(m.status == 2);
  CHECK(contains(m.out, "first.md:"));
  CHECK(contains(m.out, "third.md:"));
  CHECK(contains(m.err + m.out, "second.md: error: no such file"));
}
