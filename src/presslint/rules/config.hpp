#pragma once

#include <presslint/core/error.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/rules/params.hpp>
#include <presslint/rules/rule.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace presslint::rules {

inline constexpr std::string_view k_config_name = ".presslint.yaml";

// A rule's setting in a config's `rules:` (or a category's).
struct RuleSetting
{
  std::string key; // a rule id or a category
  std::optional<core::Severity> severity;
  YamlNode params;   // the mapping's other keys, checked when the rule set is built
  std::string path;  // the config file
  std::string text;  // its text (for located errors)
  std::size_t line = 0;
};

struct LinksConfig
{
  bool live = true;
  double timeout_seconds = 10;
  long concurrency = 32;
  long per_host = 4;
  long retries = 2;
  std::vector<std::string> accept{"200-299"};
  std::vector<std::string> exclude;
  bool allow_private = false;
  bool cache = true;
  double cache_max_age_seconds = 24 * 3600;
};

struct Config
{
  std::string path;                 // empty: no config file (defaults)
  std::vector<std::string> files;   // the file and its extends chain, child first
  std::string profile = "ap";
  std::string profile_origin = "default";
  std::vector<std::string> rule_dirs; // absolute
  // Ignore globs with the folder they are relative to.
  std::vector<std::pair<std::string, std::string>> ignore;
  // The ignore globs compiled, in the same order (filled by load_config).
  std::vector<std::shared_ptr<const re2::RE2>> ignore_patterns;
  std::vector<RuleSetting> rules;   // in order of application
  LinksConfig links;
};

// Loads a config file and its `extends` chain. Rule ids are checked later,
// against the catalogue with the config's rule-dirs loaded.
bool load_config(const std::string& path, Config& out, core::Errors& errors);

// Checks every rule key of a config against the catalogue.
bool check_config_rules(const Config& config, const Catalog& catalog, core::Errors& errors);

// The nearest .presslint.yaml walking up from `dir`, or "".
std::string find_config(const std::string& dir);

// True when `path` matches one of the config's ignore globs.
bool is_ignored(const Config& config, const std::string& path);

// A glob ("archive/**", "*.md") as an RE2 pattern over '/'-separated paths.
std::string glob_to_regex(std::string_view glob);

// Parses "10s", "500ms", "2m", "24h", "7d" (or a bare number of seconds).
std::optional<double> parse_duration(std::string_view text);

} // namespace presslint::rules
