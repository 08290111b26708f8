#pragma once

// A parsed YAML tree in CBOR (through nlohmann-json), so that the built-in
// rule files are parsed once, when presslint is built, not at every start.

#include <presslint/rules/yaml_tree.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace presslint::rules {

// Each node is an array: [kind, line, column, plain, value] for a scalar or
// a null, [kind, line, column, items...] for a list and [kind, line, column,
// key, value, key, value...] for a mapping.
std::vector<std::uint8_t> yaml_to_cbor(const YamlNode& root);

// False when the bytes are not a tree yaml_to_cbor wrote.
bool yaml_from_cbor(std::span<const std::uint8_t> bytes, YamlNode& root);

// Takes a rule file's top-level "docs" entry out of `root` (a mapping) into
// `docs`, a mapping of that one entry, so that the two are stored apart
// (EmbeddedFile); false, with both left alone, when there is none.
bool split_docs(YamlNode& root, YamlNode& docs);
// Puts the entry split_docs took out back where it stood in `root`, by its
// key's line and column.
void join_docs(YamlNode& root, YamlNode docs);

} // namespace presslint::rules
