#pragma once

#include <string>
#include <string_view>

namespace presslint::core {

// Writes `content` to `path` through a temporary file in the same folder
// and a rename, keeping an existing file's mode: readers see the old file
// or the new one, never a part. Returns false and sets `why` on failure,
// leaving `path` untouched.
bool write_file_atomic(const std::string& path, std::string_view content, std::string& why);

} // namespace presslint::core
