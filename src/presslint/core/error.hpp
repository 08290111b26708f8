#pragma once

#include <string>
#include <vector>

namespace presslint::core {

// An error about a user's input (a rule file, a config file, a release),
// located at a 1-based line and a 1-based column counted in code points.
// line == 0 means the error concerns the whole file.
struct Error
{
  std::string path;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  std::string excerpt; // the offending source line, if any

  [[nodiscard]] std::string format() const;
};

using Errors = std::vector<Error>;

} // namespace presslint::core
