#pragma once

#include <presslint/checks/check.hpp>
#include <presslint/checks/screen.hpp>
#include <presslint/core/error.hpp>
#include <presslint/rules/config.hpp>
#include <presslint/rules/rule.hpp>

#include <memory>
#include <string>
#include <vector>

namespace presslint::rules {

// --enable / --disable, in the order given (the last flag wins).
struct Toggle
{
  std::string key; // a rule id or a category
  bool enable = true;
};

// A rule as it applies under one config: its severity, its parameters,
// where each came from, and its check, built once.
struct ActiveRule
{
  const Rule* rule = nullptr;
  core::Severity severity = core::Severity::off;
  std::string severity_origin;
  Params params;
  std::vector<std::string> param_origins; // "name: origin"
  std::unique_ptr<checks::Check> check;
};

// Every rule of the catalogue under one config and profile. Shared
// read-only by the threads that lint files.
struct RuleSet
{
  std::string profile;
  std::vector<ActiveRule> rules; // sorted by id, including the ones off
  // The patterns of the rules that are on, screened in one pass a text.
  std::unique_ptr<checks::PatternScreen> screen;
  [[nodiscard]] const ActiveRule* find(std::string_view id) const;
};

// Builds the rule set for a config. `profile_override` is --profile.
std::unique_ptr<RuleSet> build_rule_set(const Catalog& catalog,
                                        const Config& config,
                                        const std::string& profile_override,
                                        const std::vector<Toggle>& toggles,
                                        const std::vector<std::string>& packs,
                                        core::Errors& errors);

} // namespace presslint::rules
