#include <presslint/rules/params.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace presslint::rules {

std::string_view
to_string(ParamType type)
{
  switch (type) {
  case ParamType::boolean:
    return "a boolean";
  case ParamType::integer:
    return "an integer";
  case ParamType::string:
    return "a string";
  case ParamType::string_list:
    return "a list of strings";
  case ParamType::pattern_list:
    return "a list of RE2 patterns";
  case ParamType::scope_list:
    return "a list of regions";
  case ParamType::string_map:
    return "a mapping of strings to strings";
  }
  return "a value";
}

void
Params::set(std::string name, ParamEntry entry)
{
  m_entries[std::move(name)] = std::make_shared<const ParamEntry>(std::move(entry));
}

void
Params::set(std::string name, std::shared_ptr<const ParamEntry> entry)
{
  m_entries[std::move(name)] = std::move(entry);
}

const ParamEntry*
Params::entry(std::string_view name) const
{
  auto it = m_entries.find(name);
  return it == m_entries.end() ? nullptr : it->second.get();
}

bool
Params::boolean(std::string_view name, bool fallback) const
{
  const ParamEntry* e = entry(name);
  return e == nullptr ? fallback : e->node.value == "true";
}

std::int64_t
Params::integer(std::string_view name, std::int64_t fallback) const
{
  const ParamEntry* e = entry(name);
  if (e == nullptr) {
    return fallback;
  }
  try {
    return std::stoll(e->node.value);
  } catch (...) {
    return fallback;
  }
}

std::string
Params::string(std::string_view name, std::string fallback) const
{
  const ParamEntry* e = entry(name);
  return e == nullptr ? fallback : e->node.value;
}

std::vector<std::string>
Params::strings(std::string_view name) const
{
  std::vector<std::string> out;
  if (const ParamEntry* e = entry(name)) {
    for (const YamlNode& item : e->node.items) {
      out.push_back(item.value);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>>
Params::string_map(std::string_view name) const
{
  std::vector<std::pair<std::string, std::string>> out;
  if (const ParamEntry* e = entry(name)) {
    for (const auto& [k, v] : e->node.entries) {
      out.emplace_back(k.value, v.value);
    }
  }
  return out;
}

std::span<const std::string_view>
scope_names()
{
  static constexpr std::array<std::string_view, 9> k_names{
    "all", "headline", "body", "quotation", "boilerplate", "contact", "notes", "release-line",
    "links"};
  return k_names;
}

core::Error
yaml_error(std::string_view path, std::string_view source, const YamlNode& node, std::string message)
{
  core::Error error;
  error.path = std::string(path);
  error.line = node.line;
  error.column = node.column;
  error.message = std::move(message);
  if (node.line > 0) {
    std::size_t start = 0;
    for (std::size_t l = 1; l < node.line && start != std::string_view::npos; ++l) {
      start = source.find('\n', start);
      if (start != std::string_view::npos) {
        ++start;
      }
    }
    if (start != std::string_view::npos && start <= source.size()) {
      std::size_t end = source.find('\n', start);
      std::string_view line = source.substr(start, end == std::string_view::npos ? source.size() - start : end - start);
      if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
      }
      error.excerpt = std::string(line.substr(0, 160));
    }
  }
  return error;
}

namespace {

bool
is_integer(std::string_view s)
{
  if (s.empty() || s.size() > 18) {
    return false;
  }
  std::size_t i = s[0] == '-' ? 1 : 0;
  return i < s.size() && std::all_of(s.begin() + static_cast<long>(i), s.end(),
                                     [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

bool
validate_param(const ParamSpec& spec,
               const YamlNode& node,
               const DataRegistry& data,
               std::string_view path,
               std::string_view source,
               YamlNode& out,
               core::Errors& errors)
{
  auto fail = [&](const YamlNode& at, std::string message) {
    errors.push_back(yaml_error(path, source, at, std::move(message)));
    return false;
  };
  auto wrong_type = [&](const YamlNode& at) {
    return fail(at, fmt::format("\"{}\" must be {}, not {}", spec.name, to_string(spec.type),
                                at.kind_name()));
  };
  out = node;
  switch (spec.type) {
  case ParamType::boolean:
    if (!node.is_scalar() || !node.plain || (node.value != "true" && node.value != "false")) {
      return wrong_type(node);
    }
    return true;
  case ParamType::integer:
    if (!node.is_scalar() || !node.plain || !is_integer(node.value)) {
      return wrong_type(node);
    }
    return true;
  case ParamType::string:
    if (!node.is_scalar()) {
      return wrong_type(node);
    }
    return true;
  case ParamType::string_list:
  case ParamType::pattern_list:
  case ParamType::scope_list: {
    if (node.is_map() && spec.type != ParamType::scope_list) {
      const YamlNode* ref = node.find("data");
      if (ref == nullptr || !ref->is_scalar() || node.entries.size() != 1) {
        return fail(node, fmt::format("\"{}\" must be {} or {{data: NAME}}", spec.name,
                                      to_string(spec.type)));
      }
      auto it = data.find(ref->value);
      if (it == data.end() || !it->second.is_sequence()) {
        return fail(*ref, fmt::format("no reference list named \"{}\" in rules/data", ref->value));
      }
      out = it->second;
      out.line = node.line;
      out.column = node.column;
      return true;
    }
    if (!node.is_sequence()) {
      return wrong_type(node);
    }
    bool ok = true;
    for (const YamlNode& item : node.items) {
      if (!item.is_scalar()) {
        ok = fail(item, fmt::format("each item of \"{}\" must be a string, not {}", spec.name,
                                    item.kind_name()));
        continue;
      }
      if (spec.type == ParamType::scope_list) {
        const auto names = scope_names();
        if (std::find(names.begin(), names.end(), item.value) == names.end()) {
          std::string known;
          for (auto n : names) {
            known += known.empty() ? "" : ", ";
            known += n;
          }
          ok = fail(item, fmt::format("unknown region \"{}\" (known: {})", item.value, known));
        }
      }
    }
    return ok;
  }
  case ParamType::string_map: {
    if (!node.is_map()) {
      return wrong_type(node);
    }
    if (node.entries.size() == 1 && node.entries.front().first.value == "data"
        && node.entries.front().second.is_scalar()) {
      const YamlNode& ref = node.entries.front().second;
      auto it = data.find(ref.value);
      if (it == data.end() || !it->second.is_map()) {
        return fail(ref, fmt::format("no reference mapping named \"{}\" in rules/data", ref.value));
      }
      out = it->second;
      out.line = node.line;
      out.column = node.column;
      return true;
    }
    bool ok = true;
    for (const auto& [k, v] : node.entries) {
      if (!v.is_scalar()) {
        ok = fail(v, fmt::format("each value of \"{}\" must be a string, not {}", spec.name,
                                 v.kind_name()));
      }
    }
    return ok;
  }
  }
  return true;
}

} // namespace presslint::rules
