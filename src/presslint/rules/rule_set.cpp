#include <presslint/rules/rule_set.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace presslint::rules {

const ActiveRule*
RuleSet::find(std::string_view id) const
{
  const auto it = std::lower_bound(rules.begin(), rules.end(), id,
                                   [](const ActiveRule& r, std::string_view key) {
                                     return r.rule->id < key;
                                   });
  return it != rules.end() && it->rule->id == id ? &*it : nullptr;
}

std::unique_ptr<RuleSet>
build_rule_set(const Catalog& catalog,
               const Config& config,
               const std::string& profile_override,
               const std::vector<Toggle>& toggles,
               const std::vector<std::string>& packs,
               core::Errors& errors)
{
  auto set = std::make_unique<RuleSet>();
  set->profile = profile_override.empty() ? config.profile : profile_override;
  const std::string profile_origin =
    profile_override.empty() ? config.profile_origin : "--profile";
  for (const Rule& rule : catalog.rules()) {
    if (std::find(packs.begin(), packs.end(), rule.pack) == packs.end()) {
      continue;
    }
    ActiveRule active;
    active.rule = &rule;
    active.severity = rule.severity;
    active.severity_origin = rule.path;
    active.params = rule.params;
    for (const auto& [name, entry] : rule.params.all()) {
      active.param_origins.push_back(fmt::format("{}: {}", name, entry->path));
    }
    auto set_param = [&](const std::string& name, const ParamEntry& entry, const std::string& origin) {
      active.params.set(name, entry);
      const std::string prefix = name + ": ";
      std::erase_if(active.param_origins,
                    [&](const std::string& s) { return s.starts_with(prefix); });
      active.param_origins.push_back(prefix + origin);
    };
    // The profile.
    if (auto it = rule.profiles.find(set->profile); it != rule.profiles.end()) {
      if (it->second.severity) {
        active.severity = *it->second.severity;
        active.severity_origin = fmt::format("{} (profile {})", rule.path, set->profile);
      }
      for (const auto& [name, entry] : it->second.params) {
        set_param(name, entry, fmt::format("{} (profile {})", rule.path, set->profile));
      }
    }
    // The config (the extends chain first, then the file itself).
    bool params_changed = !rule.profiles.empty();
    for (const RuleSetting& rs : config.rules) {
      if (rs.key != rule.id && rs.key != rule.category) {
        continue;
      }
      if (rs.severity) {
        active.severity = *rs.severity;
        active.severity_origin = fmt::format("{}:{}", rs.path, rs.line);
      }
      if (rs.key == rule.id && rs.params.is_map()) {
        std::vector<std::pair<std::string, ParamEntry>> loaded;
        static constexpr std::array<std::string_view, 1> k_skip{"severity"};
        load_params_for_kind(*rule.kind, rs.params, catalog.data(), rs.path, rs.text, loaded,
                             errors, k_skip);
        for (const auto& [name, entry] : loaded) {
          set_param(name, entry, fmt::format("{}:{}", rs.path, entry.node.line));
          params_changed = true;
        }
      }
    }
    // --enable / --disable: the last flag wins. A rule enabled again keeps
    // the severity the profile and config gave it, if they left it on.
    const core::Severity configured = active.severity;
    for (const Toggle& t : toggles) {
      if (t.key != rule.id && t.key != rule.category) {
        continue;
      }
      if (!t.enable) {
        active.severity = core::Severity::off;
      } else if (active.severity == core::Severity::off) {
        active.severity = configured != core::Severity::off ? configured
                          : rule.severity != core::Severity::off ? rule.severity
                                                                 : core::Severity::warning;
      }
      active.severity_origin = t.enable ? "--enable " + t.key : "--disable " + t.key;
    }
    if (active.severity != core::Severity::off || params_changed) {
      active.check = rule.kind->create(active.params, rule.path, errors);
    }
    set->rules.push_back(std::move(active));
  }
  // Sorted by id for find() (a catalogue is, unless rules were added to
  // it one by one).
  std::stable_sort(set->rules.begin(), set->rules.end(),
                   [](const ActiveRule& a, const ActiveRule& b) { return a.rule->id < b.rule->id; });
  std::vector<std::shared_ptr<const checks::LazyRegex>> screened;
  for (const ActiveRule& active : set->rules) {
    if (active.check && active.severity != core::Severity::off) {
      active.check->screened(screened);
    }
  }
  set->screen = std::make_unique<checks::PatternScreen>(screened);
  for (ActiveRule& active : set->rules) {
    if (active.check && active.severity != core::Severity::off) {
      active.check->bind(*set->screen);
    }
  }
  return set;
}

} // namespace presslint::rules
