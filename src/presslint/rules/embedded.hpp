#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace presslint::rules {

// A built-in rule or data file: its path below rules/, its bytes and its
// YAML tree, parsed when presslint was built (rules/yaml_binary.hpp).
struct EmbeddedFile
{
  std::string_view path;
  std::string_view content;
  std::span<const std::uint8_t> tree;
};

std::span<const EmbeddedFile> embedded_rule_files();

} // namespace presslint::rules
