#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace presslint::rules {

// A built-in rule or data file: its path below rules/, its bytes and its
// YAML tree, parsed when presslint was built (rules/yaml_binary.hpp). A
// rule file's "docs" entry is stored apart, as a mapping of that one entry,
// so that a run that needs no docs does not read them (most of a rule
// file's bytes are its docs).
struct EmbeddedFile
{
  std::string_view path;
  std::string_view content;
  std::span<const std::uint8_t> tree; // without "docs"
  std::span<const std::uint8_t> docs; // empty: none
};

std::span<const EmbeddedFile> embedded_rule_files();

} // namespace presslint::rules
