#include <presslint/core/read_file.hpp>

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace presslint::core {

namespace {

class Descriptor
{
public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor()
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  [[nodiscard]] int get() const { return m_fd; }

private:
  int m_fd;
};

ReadStatus
fail(std::string& out, ReadStatus status)
{
  std::string().swap(out);
  return status;
}

} // namespace

ReadStatus
read_file(const std::string& path, std::string& out, std::uint64_t max_size)
{
  out.clear();
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    switch (errno) {
    case ENOENT:
    case ENOTDIR:
    case ELOOP:
      return ReadStatus::no_such_file;
    case EISDIR:
      return ReadStatus::is_folder;
    default:
      return ReadStatus::unreadable;
    }
  }
  const Descriptor file(fd);
  struct stat st
  {
  };
  if (::fstat(file.get(), &st) != 0) {
    return fail(out, ReadStatus::read_error);
  }
  if (S_ISDIR(st.st_mode)) {
    return ReadStatus::is_folder;
  }
  const bool regular = S_ISREG(st.st_mode);
  if (regular && static_cast<std::uint64_t>(st.st_size) > max_size) {
    return ReadStatus::too_large;
  }
  // A regular file is read straight into the string, in one call as a
  // rule; then (and for pipes and the like from the start) in blocks until
  // the end, which also catches a file that grew meanwhile.
  if (regular && st.st_size > 0) {
    const auto size = static_cast<std::size_t>(st.st_size);
    out.resize(size);
    std::size_t used = 0;
    while (used < size) {
      const ssize_t n = ::read(file.get(), out.data() + used, size - used);
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        return fail(out, ReadStatus::read_error);
      }
      if (n == 0) {
        break; // it shrank
      }
      used += static_cast<std::size_t>(n);
    }
    out.resize(used);
  }
  std::array<char, 64 * 1024> block; // filled by read()
  while (true) {
    const ssize_t n = ::read(file.get(), block.data(), block.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return fail(out, ReadStatus::read_error);
    }
    if (n == 0) {
      break;
    }
    if (out.size() + static_cast<std::size_t>(n) > max_size) {
      return fail(out, ReadStatus::too_large);
    }
    out.append(block.data(), static_cast<std::size_t>(n));
  }
  return ReadStatus::ok;
}

const char*
describe(ReadStatus status)
{
  switch (status) {
  case ReadStatus::ok:
    return "read";
  case ReadStatus::no_such_file:
    return "no such file";
  case ReadStatus::is_folder:
    return "is a folder";
  case ReadStatus::unreadable:
    return "cannot be read (permission denied?)";
  case ReadStatus::too_large:
    return "file is too large";
  case ReadStatus::read_error:
    return "read error";
  }
  return "read error";
}

} // namespace presslint::core
