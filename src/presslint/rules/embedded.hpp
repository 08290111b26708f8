#pragma once

#include <span>
#include <string_view>

namespace presslint::rules {

// A built-in rule or data file: its path below rules/ and its bytes.
struct EmbeddedFile
{
  std::string_view path;
  std::string_view content;
};

std::span<const EmbeddedFile> embedded_rule_files();

} // namespace presslint::rules
