// core::read_file: every file reader in presslint goes through it.
#include "support.hpp"

#include <presslint/core/read_file.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <thread>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using presslint::core::read_file;
using presslint::core::ReadStatus;
using presslint::test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("read_file: whole files, byte for byte")
{
  TempDir dir;
  std::string bytes;
  for (int i = 0; i < 300000; ++i) {
    bytes += static_cast<char>((static_cast<unsigned>(i) * 7919U) % 256U); // NUL bytes and all
  }
  const std::string big = dir.write("big.bin", bytes);
  const std::string empty = dir.write("empty.md", "");
  std::string out = "left over";
  CHECK(read_file(big, out) == ReadStatus::ok);
  CHECK(out == bytes);
  CHECK(read_file(empty, out) == ReadStatus::ok);
  CHECK(out.empty());
  // Exactly at the limit is allowed; one byte over is not, and reads nothing.
  CHECK(read_file(big, out, bytes.size()) == ReadStatus::ok);
  CHECK(read_file(big, out, bytes.size() - 1) == ReadStatus::too_large);
  CHECK(out.empty());
}

TEST_CASE("read_file: what cannot be read says why")
{
  TempDir dir;
  dir.write("sub/a.md", "a");
  std::string out;
  CHECK(read_file(dir.path() + "/sub", out) == ReadStatus::is_folder);
  CHECK(read_file(dir.path() + "/missing.md", out) == ReadStatus::no_such_file);
  CHECK(read_file(dir.path() + "/sub/a.md/x", out) == ReadStatus::no_such_file); // not a folder
  fs::create_symlink("nowhere.md", dir.path() + "/dangling.md");
  CHECK(read_file(dir.path() + "/dangling.md", out) == ReadStatus::no_such_file);
  fs::create_symlink("loop.md", dir.path() + "/loop.md");
  CHECK(read_file(dir.path() + "/loop.md", out) == ReadStatus::no_such_file);
  CHECK(std::string(presslint::core::describe(ReadStatus::is_folder)) == "is a folder");
  CHECK(std::string(presslint::core::describe(ReadStatus::no_such_file)) == "no such file");
  if (::geteuid() != 0) {
    const std::string locked = dir.write("locked.md", "x");
    ::chmod(locked.c_str(), 0);
    CHECK(read_file(locked, out) == ReadStatus::unreadable);
  }
}

TEST_CASE("read_file: files whose size says nothing (/proc, pipes)")
{
  std::string out;
  // /proc files report a size of 0 and still have text.
  REQUIRE(read_file("/proc/self/status", out) == ReadStatus::ok);
  CHECK(out.find("Name:") == 0);

  TempDir dir;
  const std::string fifo = dir.path() + "/pipe.md";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string text(200000, 'x'); // more than one pipe buffer and one block
  auto feed = [&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    std::size_t done = 0;
    while (fd >= 0 && done < text.size()) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n <= 0) {
        break;
      }
      done += static_cast<std::size_t>(n);
    }
    if (fd >= 0) {
      ::close(fd);
    }
  };
  std::thread writer(feed);
  CHECK(read_file(fifo, out) == ReadStatus::ok);
  writer.join();
  CHECK(out == text);
  // Too much through a pipe is refused once the limit is passed. The
  // writer then finds the pipe closed (EPIPE, not a signal).
  struct sigaction ignore
  {
  };
  struct sigaction previous
  {
  };
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  std::thread writer2(feed);
  CHECK(read_file(fifo, out, 100000) == ReadStatus::too_large);
  CHECK(out.empty());
  writer2.join();
  ::sigaction(SIGPIPE, &previous, nullptr);
}
