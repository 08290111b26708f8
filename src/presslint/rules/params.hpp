#pragma once

#include <presslint/core/error.hpp>
#include <presslint/rules/yaml_tree.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace presslint::rules {

enum class ParamType {
  boolean,
  integer,
  string,
  string_list,  // a list of strings, or {data: NAME} for a reference list
  pattern_list, // RE2 patterns
  scope_list,   // region names
  string_map,   // string -> string
};

std::string_view to_string(ParamType type);

struct ParamSpec
{
  std::string_view name;
  ParamType type;
  std::string_view default_yaml; // the default, as YAML text ("" = none)
  std::string_view doc;
};

// A parameter's value and the file it was set in.
struct ParamEntry
{
  YamlNode node;
  std::string path;
  // Known good: a built-in rule's value, whose patterns the build's tests
  // compile (tests/unit/rule_loader_test.cpp), so they compile on first use
  // rather than when the catalogue loads.
  bool checked = false;
};

// The parameters of one rule as they apply, after the rule file, the
// profile and the config have had their say. Values were type-checked
// against the kind's ParamSpecs when they were loaded.
class Params
{
public:
  // Entries are shared, not copied, when a rule set copies a rule's
  // parameters: a value may hold a whole reference list.
  using Map = std::map<std::string, std::shared_ptr<const ParamEntry>, std::less<>>;

  void set(std::string name, ParamEntry entry);
  void set(std::string name, std::shared_ptr<const ParamEntry> entry);
  [[nodiscard]] const ParamEntry* entry(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return entry(name) != nullptr; }

  [[nodiscard]] bool boolean(std::string_view name, bool fallback = false) const;
  [[nodiscard]] std::int64_t integer(std::string_view name, std::int64_t fallback = 0) const;
  [[nodiscard]] std::string string(std::string_view name, std::string fallback = {}) const;
  [[nodiscard]] std::vector<std::string> strings(std::string_view name) const;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> string_map(
    std::string_view name) const;

  [[nodiscard]] const Map& all() const { return m_entries; }

private:
  Map m_entries;
};

// Named reference lists (rules/data/*.yaml): name -> list or mapping.
using DataRegistry = std::map<std::string, YamlNode, std::less<>>;

// The region names a `scope` parameter accepts.
std::span<const std::string_view> scope_names();

// Checks `node` against `spec` and resolves {data: NAME} references. On
// success returns true and `out` holds the value to store.
bool validate_param(const ParamSpec& spec,
                    const YamlNode& node,
                    const DataRegistry& data,
                    std::string_view path,
                    std::string_view source,
                    YamlNode& out,
                    core::Errors& errors);

// A located error at a node of a YAML file whose text is `source`.
core::Error yaml_error(std::string_view path,
                       std::string_view source,
                       const YamlNode& node,
                       std::string message);

} // namespace presslint::rules
