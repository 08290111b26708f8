#include <presslint/core/error.hpp>

#include <fmt/format.h>

namespace presslint::core {

std::string
Error::format() const
{
  std::string out;
  if (line == 0) {
    out = fmt::format("{}: error: {}", path, message);
  } else {
    out = fmt::format("{}:{}:{}: error: {}", path, line, column, message);
  }
  if (!excerpt.empty()) {
    out += fmt::format("\n    {}", excerpt);
    if (column > 0) {
      out += "\n    ";
      out.append(column - 1, ' ');
      out += '^';
    }
  }
  return out;
}

} // namespace presslint::core
