#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace presslint::core {

// Why a file could not be read.
enum class ReadStatus
{
  ok,
  no_such_file, // missing, or a symbolic link that leads nowhere
  is_folder,
  unreadable, // it exists but cannot be opened (permissions, mostly)
  too_large,  // larger than the caller's limit
  read_error, // an error while reading
};

// Reads the whole file at `path` into `out`: one open, one fstat and reads
// straight into the string. Files larger than `max_size` bytes are refused
// before they are read (or, for pipes and the like, once that many bytes
// have come). On failure `out` is left empty.
ReadStatus read_file(const std::string& path,
                     std::string& out,
                     std::uint64_t max_size = std::numeric_limits<std::uint64_t>::max());

// The words a message gives for a status: "no such file", "is a folder",
// "cannot be read (permission denied?)", "file is too large", "read error".
const char* describe(ReadStatus status);

} // namespace presslint::core
