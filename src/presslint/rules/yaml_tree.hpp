#pragma once

#include <presslint/core/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace presslint::rules {

// One node of a parsed YAML document. Scalars keep their text as written
// (after YAML unquoting and folding); nothing is converted to numbers or
// booleans here. A null node is an empty value (`key:`) or one of the plain
// null spellings (`~`, `null`, `Null`, `NULL`).
struct YamlNode
{
  enum class Kind { null, scalar, sequence, map };

  Kind kind = Kind::null;
  std::string value;      // scalar text
  bool plain = true;      // false for a quoted or block scalar
  std::size_t line = 0;   // 1-based
  std::size_t column = 0; // 1-based, in code points
  std::vector<YamlNode> items;                        // sequence
  std::vector<std::pair<YamlNode, YamlNode>> entries; // map, in file order

  // Declared here, defined where YamlNode is complete: clang instantiates
  // the members of a vector of pairs of the type being defined too early.
  YamlNode();
  ~YamlNode();
  YamlNode(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(const YamlNode&);
  YamlNode& operator=(YamlNode&&) noexcept;

  // The value of the first entry whose key is the scalar `key`, or nullptr
  // (also when this node is not a map).
  [[nodiscard]] const YamlNode* find(std::string_view key) const;

  [[nodiscard]] bool is_scalar() const { return kind == Kind::scalar; }
  [[nodiscard]] bool is_map() const { return kind == Kind::map; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::sequence; }
  [[nodiscard]] bool is_null() const { return kind == Kind::null; }

  // "null", "a string", "a list" or "a mapping", for messages.
  [[nodiscard]] std::string_view kind_name() const;
};

// The deepest nesting of lists and mappings that parse_yaml accepts.
inline constexpr std::size_t k_max_yaml_depth = 64;

// Parses one YAML document strictly. On failure returns false, leaves `root`
// null and appends every error it can find (not just the first) to `errors`.
//
// Refused, beyond YAML syntax errors: text that is not UTF-8 (UTF-16 and
// UTF-32 are named), control characters, duplicate mapping keys, mapping keys
// that are not strings, anchors and aliases, explicit tags, nesting deeper
// than k_max_yaml_depth and more than one document. An empty file, or one
// with only comments, gives a null root and true. A leading UTF-8 byte order
// mark is skipped.
bool parse_yaml(std::string_view path,
                std::string_view text,
                YamlNode& root,
                core::Errors& errors);

} // namespace presslint::rules
