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

} // namespace presslint::rules
