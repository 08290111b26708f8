#include <presslint/rules/config.hpp>

#include <presslint/checks/check.hpp>
#include <presslint/core/read_file.hpp>
#include <presslint/rules/yaml_tree.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace presslint::rules {

std::optional<double>
parse_duration(std::string_view text)
{
  static const RE2 k_duration(R"(([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h|d)?)");
  std::string number;
  std::string unit;
  if (!RE2::FullMatch(text, k_duration, &number, &unit)) {
    return std::nullopt;
  }
  double value = std::stod(number);
  if (unit == "ms") {
    value /= 1000;
  } else if (unit == "m") {
    value *= 60;
  } else if (unit == "h") {
    value *= 3600;
  } else if (unit == "d") {
    value *= 86400;
  }
  return value;
}

std::string
glob_to_regex(std::string_view glob)
{
  // As in .gitignore: a trailing '/' names a folder, a leading '/' anchors
  // the glob to the config's folder, and a glob with no other '/' ("*.md",
  // "drafts/") matches a name at any depth.
  std::string re;
  while (glob.size() > 1 && glob.ends_with('/')) {
    glob.remove_suffix(1);
  }
  if (glob.starts_with('/')) {
    glob.remove_prefix(1);
  } else if (glob.find('/') == std::string_view::npos) {
    re += "(?:.*/)?";
  }
  for (std::size_t i = 0; i < glob.size(); ++i) {
    const char c = glob[i];
    if (c == '*') {
      if (i + 1 < glob.size() && glob[i + 1] == '*') {
        if (i + 2 < glob.size() && glob[i + 2] == '/') {
          re += "(?:.*/)?";
          i += 2;
        } else {
          re += ".*";
          ++i;
        }
      } else {
        re += "[^/]*";
      }
    } else if (c == '?') {
      re += "[^/]";
    } else {
      re += RE2::QuoteMeta(std::string(1, c));
    }
  }
  // A folder matches what is below it.
  return re + "(?:/.*)?";
}

namespace {

bool
load_one(const std::string& path,
         Config& out,
         std::vector<std::string>& chain,
         core::Errors& errors)
{
  std::string text;
  if (core::read_file(path, text) != core::ReadStatus::ok) {
    errors.push_back(core::Error{path, 0, 0, "cannot read config file", {}});
    return false;
  }
  YamlNode root;
  if (!parse_yaml(path, text, root, errors)) {
    return false;
  }
  chain.push_back(path);
  if (root.is_null()) {
    return true;
  }
  const std::size_t before = errors.size();
  auto error = [&](const YamlNode& at, std::string message) {
    errors.push_back(yaml_error(path, text, at, std::move(message)));
  };
  if (!root.is_map()) {
    error(root, fmt::format("a config file must be a mapping, not {}", root.kind_name()));
    return false;
  }
  const fs::path dir = fs::absolute(fs::path(path)).parent_path();

  // The parent first, so that this file's values win.
  if (const YamlNode* ext = root.find("extends")) {
    if (!ext->is_scalar()) {
      error(*ext, fmt::format("\"extends\" must be a string, not {}", ext->kind_name()));
    } else {
      const std::string parent = (dir / ext->value).lexically_normal().string();
      if (std::find(chain.begin(), chain.end(), parent) != chain.end()) {
        error(*ext, fmt::format("\"extends\" makes a cycle: {} is already in the chain", parent));
      } else if (chain.size() > 16) {
        error(*ext, "\"extends\" chain is deeper than 16 files");
      } else {
        std::error_code ec;
        if (!fs::exists(parent, ec)) {
          error(*ext, fmt::format("extended config \"{}\" not found", ext->value));
        } else {
          load_one(parent, out, chain, errors);
        }
      }
    }
  }

  auto string_list = [&](const YamlNode& node, std::string_view key,
                         std::vector<std::string>& dest) {
    if (!node.is_sequence()) {
      error(node, fmt::format("\"{}\" must be a list of strings, not {}", key, node.kind_name()));
      return;
    }
    std::vector<std::string> values;
    for (const YamlNode& item : node.items) {
      if (!item.is_scalar()) {
        error(item, fmt::format("each item of \"{}\" must be a string, not {}", key,
                                item.kind_name()));
        continue;
      }
      values.push_back(item.value);
    }
    dest = std::move(values); // lists replace
  };

  static constexpr std::array<std::string_view, 6> k_keys{"profile", "extends", "rule-dirs",
                                                          "ignore",  "rules",   "links"};
  for (const auto& [key, value] : root.entries) {
    if (std::find(k_keys.begin(), k_keys.end(), key.value) == k_keys.end()) {
      error(key, fmt::format("unknown key \"{}\" (known: profile, extends, rule-dirs, ignore, "
                             "rules, links)",
                             key.value));
      continue;
    }
    if (key.value == "profile") {
      if (!value.is_scalar() || !is_profile(value.value)) {
        error(value, fmt::format("\"profile\" must be ap, wire, uk or gov-us, not {}",
                                 value.is_scalar() ? "\"" + value.value + "\""
                                                   : std::string(value.kind_name())));
      } else {
        out.profile = value.value;
        out.profile_origin = fmt::format("{}:{}", path, value.line);
      }
    } else if (key.value == "rule-dirs") {
      std::vector<std::string> dirs;
      string_list(value, "rule-dirs", dirs);
      out.rule_dirs.clear();
      for (const std::string& d : dirs) {
        out.rule_dirs.push_back((dir / d).lexically_normal().string());
      }
    } else if (key.value == "ignore") {
      std::vector<std::string> globs;
      string_list(value, "ignore", globs);
      out.ignore.clear();
      for (const std::string& g : globs) {
        out.ignore.emplace_back(dir.string(), g);
      }
    } else if (key.value == "rules") {
      if (value.is_null()) {
        continue; // "rules:" with every entry commented out
      }
      if (!value.is_map()) {
        error(value, fmt::format("\"rules\" must be a mapping, not {}", value.kind_name()));
        continue;
      }
      for (const auto& [id, setting] : value.entries) {
        RuleSetting rs;
        rs.key = id.value;
        rs.path = path;
        rs.text = text;
        rs.line = id.line;
        if (setting.is_scalar()) {
          rs.severity = core::parse_severity(setting.value);
          if (!rs.severity) {
            error(setting, fmt::format("severity must be error, warning, note or off, not \"{}\"",
                                       setting.value));
            continue;
          }
        } else if (setting.is_map()) {
          rs.params = setting;
          if (const YamlNode* s = setting.find("severity")) {
            rs.severity = s->is_scalar() ? core::parse_severity(s->value) : std::nullopt;
            if (!rs.severity) {
              error(*s, "severity must be error, warning, note or off");
              continue;
            }
          }
        } else {
          error(setting, fmt::format("a rule setting must be a severity or a mapping, not {}",
                                     setting.kind_name()));
          continue;
        }
        // Keep the key's position for "unknown rule" errors.
        rs.params.line = id.line;
        rs.params.column = id.column;
        out.rules.push_back(std::move(rs));
      }
    } else if (key.value == "links") {
      if (value.is_null()) {
        continue;
      }
      if (!value.is_map()) {
        error(value, fmt::format("\"links\" must be a mapping, not {}", value.kind_name()));
        continue;
      }
      for (const auto& entry : value.entries) {
        // Named references: clang 14 cannot capture structured bindings.
        const YamlNode& lk = entry.first;
        const YamlNode& lv = entry.second;
        auto boolean = [&](bool& dest) {
          if (!lv.is_scalar() || !lv.plain || (lv.value != "true" && lv.value != "false")) {
            error(lv, fmt::format("\"links.{}\" must be true or false", lk.value));
          } else {
            dest = lv.value == "true";
          }
        };
        auto integer = [&](long& dest, long min, long max) {
          long v = -1;
          if (lv.is_scalar() && lv.plain && !lv.value.empty()
              && std::all_of(lv.value.begin(), lv.value.end(),
                             [](char c) { return c >= '0' && c <= '9'; })
              && lv.value.size() < 9) {
            v = std::stol(lv.value);
          }
          if (v < min || v > max) {
            error(lv, fmt::format("\"links.{}\" must be a whole number from {} to {}", lk.value,
                                  min, max));
          } else {
            dest = v;
          }
        };
        auto duration = [&](double& dest) {
          const auto d = lv.is_scalar() ? parse_duration(lv.value) : std::nullopt;
          if (!d) {
            error(lv, fmt::format("\"links.{}\" must be a duration such as 10s, 500ms or 24h",
                                  lk.value));
          } else {
            dest = *d;
          }
        };
        if (lk.value == "live") {
          boolean(out.links.live);
        } else if (lk.value == "timeout") {
          duration(out.links.timeout_seconds);
        } else if (lk.value == "concurrency") {
          integer(out.links.concurrency, 1, 1024);
        } else if (lk.value == "per-host") {
          integer(out.links.per_host, 1, 256);
        } else if (lk.value == "retries") {
          integer(out.links.retries, 0, 10);
        } else if (lk.value == "accept") {
          string_list(lv, "links.accept", out.links.accept);
          static const RE2 k_range(R"([1-5][0-9][0-9](?:-[1-5][0-9][0-9])?)");
          for (const YamlNode& item : lv.items) {
            if (item.is_scalar() && !RE2::FullMatch(item.value, k_range)) {
              error(item, fmt::format("\"{}\" is not a status or a range such as 200-299",
                                      item.value));
            }
          }
        } else if (lk.value == "exclude") {
          string_list(lv, "links.exclude", out.links.exclude);
          for (const YamlNode& item : lv.items) {
            RE2::Options o;
            o.set_log_errors(false);
            RE2 re(item.value, o);
            if (item.is_scalar() && !re.ok()) {
              error(item, fmt::format("invalid RE2 pattern \"{}\": {}", item.value, re.error()));
            }
          }
        } else if (lk.value == "allow-private") {
          boolean(out.links.allow_private);
        } else if (lk.value == "cache") {
          boolean(out.links.cache);
        } else if (lk.value == "cache-max-age") {
          duration(out.links.cache_max_age_seconds);
        } else {
          error(lk, fmt::format("unknown key \"links.{}\" (known: live, timeout, concurrency, "
                                "per-host, retries, accept, exclude, allow-private, cache, "
                                "cache-max-age)",
                                lk.value));
        }
      }
    }
  }
  return errors.size() == before;
}

} // namespace

bool
load_config(const std::string& path, Config& out, core::Errors& errors)
{
  out = Config{};
  out.path = path;
  std::vector<std::string> chain;
  const bool ok = load_one(path, out, chain, errors);
  out.files = chain; // child first
  for (const auto& [base, glob] : out.ignore) {
    out.ignore_patterns.push_back(std::make_shared<const RE2>(glob_to_regex(glob)));
  }
  return ok;
}

bool
check_config_rules(const Config& config, const Catalog& catalog, core::Errors& errors)
{
  bool ok = true;
  for (const RuleSetting& rs : config.rules) {
    const Rule* rule = catalog.find(rs.key);
    if (rule == nullptr) {
      if (catalog.has_category(rs.key) && rs.params.entries.size() <= 1
          && (rs.params.entries.empty() || rs.params.find("severity") != nullptr)) {
        continue; // a whole category, severity only
      }
      errors.push_back(yaml_error(rs.path, rs.text, rs.params,
                                  fmt::format("unknown rule \"{}\"", rs.key)));
      ok = false;
      continue;
    }
    if (rs.params.is_map()) {
      std::vector<std::pair<std::string, ParamEntry>> loaded;
      static constexpr std::array<std::string_view, 1> k_skip{"severity"};
      ok = load_params_for_kind(*rule->kind, rs.params, catalog.data(), rs.path, rs.text, loaded,
                                errors, k_skip)
           && ok;
    }
  }
  return ok;
}

std::string
find_config(const std::string& dir)
{
  std::error_code ec;
  fs::path d = fs::absolute(dir.empty() ? fs::path(".") : fs::path(dir), ec).lexically_normal();
  while (true) {
    const fs::path candidate = d / k_config_name;
    if (fs::is_regular_file(candidate, ec)) {
      return candidate.string();
    }
    if (!d.has_parent_path() || d.parent_path() == d) {
      return {};
    }
    d = d.parent_path();
  }
}

bool
is_ignored(const Config& config, const std::string& path)
{
  if (config.ignore.empty()) {
    return false;
  }
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec).lexically_normal();
  for (std::size_t i = 0; i < config.ignore.size(); ++i) {
    const fs::path rel = abs.lexically_relative(config.ignore[i].first);
    if (rel.empty() || rel.string().starts_with("..")) {
      continue;
    }
    // Compiled once at load; a config built by hand compiles here.
    const std::shared_ptr<const RE2> re =
      i < config.ignore_patterns.size()
        ? config.ignore_patterns[i]
        : std::make_shared<const RE2>(glob_to_regex(config.ignore[i].second));
    if (RE2::FullMatch(rel.generic_string(), *re)) {
      return true;
    }
  }
  return false;
}

} // namespace presslint::rules
