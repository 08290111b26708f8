#include <presslint/cli/commands.hpp>

#include <presslint/checks/check.hpp>
#include <presslint/checks/link.hpp>
#include <presslint/document/reader.hpp>
#include <presslint/links/live.hpp>
#include <presslint/lint/linter.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>

namespace presslint::cli {

namespace {

core::Severity
severity_in(const rules::Rule& rule, std::string_view profile)
{
  if (auto it = rule.profiles.find(profile); it != rule.profiles.end() && it->second.severity) {
    return *it->second.severity;
  }
  return rule.severity;
}

std::string
indent(std::string_view text, std::string_view prefix)
{
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    if (!(end == text.size() && line.empty())) {
      out += fmt::format("{}{}\n", line.empty() ? std::string_view() : prefix, line);
    }
    start = end + 1;
  }
  return out;
}

} // namespace

void
print_errors(const core::Errors& errors)
{
  for (const core::Error& e : errors) {
    std::fputs((e.format() + "\n").c_str(), stderr);
  }
}

std::string
render_rules(const rules::Catalog& catalog, const std::string& profile, const std::string& format)
{
  if (format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const rules::Rule& r : catalog.rules()) {
      nlohmann::ordered_json profiles = nlohmann::ordered_json::object();
      for (const auto p : rules::k_profiles) {
        profiles[std::string(p)] = std::string(core::to_string(severity_in(r, p)));
      }
      out.push_back({{"id", r.id},
                     {"kind", std::string(r.kind->name)},
                     {"severity", std::string(core::to_string(severity_in(r, profile)))},
                     {"profiles", profiles},
                     {"summary", r.docs.summary},
                     {"path", r.path}});
    }
    return out.dump(2) + "\n";
  }
  std::string out;
  if (format == "markdown") {
    out += "| rule | ap | wire | uk | gov-us | summary |\n|---|---|---|---|---|---|\n";
    for (const rules::Rule& r : catalog.rules()) {
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", r.id,
                         core::to_string(severity_in(r, "ap")),
                         core::to_string(severity_in(r, "wire")),
                         core::to_string(severity_in(r, "uk")),
                         core::to_string(severity_in(r, "gov-us")), r.docs.summary);
    }
    return out;
  }
  std::size_t width = 0;
  for (const rules::Rule& r : catalog.rules()) {
    width = std::max(width, r.id.size());
  }
  out += fmt::format("Rules in profile {}:\n", profile);
  for (const rules::Rule& r : catalog.rules()) {
    out += fmt::format("  {:<{}}  {:<7}  {}\n", r.id, width,
                       core::to_string(severity_in(r, profile)), r.docs.summary);
  }
  return out;
}

std::string
render_explain(const rules::Rule& r)
{
  std::string out = fmt::format("{}\n\n{}\n", r.id, r.docs.summary);
  if (!r.docs.why.empty()) {
    out += fmt::format("\nWhy:\n{}", indent(r.docs.why, "  "));
  }
  out += "\nSeverity by profile:";
  for (const auto p : rules::k_profiles) {
    out += fmt::format(" {}={}", p, core::to_string(severity_in(r, p)));
  }
  out += fmt::format("\nKind: {}\n", r.kind->name);
  std::vector<std::string> params;
  for (const auto& [name, shared] : r.params.all()) {
    const rules::ParamEntry& entry = *shared;
    std::string value;
    if (entry.node.is_scalar()) {
      value = entry.node.value;
    } else if (entry.node.is_sequence()) {
      value = fmt::format("[{} items]", entry.node.items.size());
    } else if (entry.node.is_map()) {
      value = fmt::format("{{{} entries}}", entry.node.entries.size());
    }
    if (!value.empty() && value != "[0 items]") {
      params.push_back(fmt::format("  {}: {}", name, value));
    }
  }
  if (!params.empty()) {
    out += "Parameters:\n";
    for (const auto& p : params) {
      out += p + "\n";
    }
  }
  for (const auto& good : r.docs.good) {
    out += fmt::format("\nGood:\n{}", indent(good, "    "));
  }
  for (const auto& bad : r.docs.bad) {
    out += fmt::format("\nBad:\n{}", indent(bad, "    "));
  }
  out += fmt::format("\nDefined in {}\n", r.path);
  return out;
}

std::vector<std::string>
test_rules(const rules::Catalog& catalog,
           const std::vector<std::string>& packs,
           std::size_t& examples_run,
           std::vector<std::string>* notes)
{
  std::vector<std::string> failures;
  examples_run = 0;
  // A fixed reference time, so that examples give the same result any day.
  const auto now = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  for (const rules::Rule& rule : catalog.rules()) {
    if (std::find(packs.begin(), packs.end(), rule.pack) == packs.end()) {
      continue;
    }
    core::Errors errors;
    const auto check = rule.kind->create(rule.params, rule.path, errors);
    if (!check || !errors.empty()) {
      failures.push_back(fmt::format("{}: {}: the check cannot be built", rule.path, rule.id));
      continue;
    }
    // A rule of the live link checks runs an example only when that needs
    // no network (see links::run_live_example); the others are skipped.
    const bool live = links::is_live_problem(checks::link_problem(check.get()));
    auto run_example = [&](const std::string& text) -> std::optional<std::size_t> {
      document::Document doc;
      core::Error error;
      if (!document::read_document("example.md", text, document::Format::markdown, doc, error)) {
        return std::size_t{0};
      }
      const core::Severity sev =
        rule.severity == core::Severity::off ? core::Severity::warning : rule.severity;
      if (live) {
        const auto findings = links::run_live_example(doc, rule, *check, sev);
        return findings ? std::optional<std::size_t>(findings->size()) : std::nullopt;
      }
      const auto regions = document::detect_regions(doc, catalog.region_matcher());
      std::vector<core::Finding> findings;
      checks::Context ctx{doc, regions, rule, sev, std::chrono::sys_seconds{now}, findings, nullptr};
      check->run(ctx);
      lint::apply_inline_controls(doc, findings);
      return findings.size();
    };
    auto skipped = [&](std::string_view which, std::size_t i) {
      if (notes != nullptr) {
        notes->push_back(fmt::format("{}: {}: {} example {} needs the network: skipped", rule.path,
                                     rule.id, which, i + 1));
      }
    };
    for (std::size_t i = 0; i < rule.docs.bad.size(); ++i) {
      const auto n = run_example(rule.docs.bad[i]);
      if (!n) {
        skipped("bad", i);
        continue;
      }
      ++examples_run;
      if (*n == 0) {
        failures.push_back(
          fmt::format("{}: {}: bad example {} gives no finding", rule.path, rule.id, i + 1));
      }
    }
    for (std::size_t i = 0; i < rule.docs.good.size(); ++i) {
      const auto result = run_example(rule.docs.good[i]);
      if (!result) {
        skipped("good", i);
        continue;
      }
      ++examples_run;
      if (const std::size_t n = *result; n != 0) {
        failures.push_back(fmt::format("{}: {}: good example {} gives {} finding{}", rule.path,
                                       rule.id, i + 1, n, n == 1 ? "" : "s"));
      }
    }
    if (rule.docs.bad.empty() || rule.docs.good.empty()) {
      failures.push_back(
        fmt::format("{}: {}: needs at least one good and one bad example", rule.path, rule.id));
    }
  }
  return failures;
}

namespace {

// What each profile expects, for the comment above `profile:` in the
// starter config.
std::string_view
profile_summary(std::string_view profile)
{
  if (profile == "wire") {
    return "# wire: copy for PR Newswire, Business Wire and GlobeNewswire. Their dateline\n"
           "# forms and postal codes are valid; no release line or end mark is required.";
  }
  if (profile == "uk") {
    return "# uk: day-month-year dates (3 February 2026), 24-hour times (00:01), ENDS as\n"
           "# the end mark with notes to editors after it, \"Media enquiries\" contacts;\n"
           "# no AP state or stand-alone-city rules.";
  }
  if (profile == "gov-us") {
    return "# gov-us: government releases. FOR IMMEDIATE RELEASE and a date at the top\n"
           "# are required; a city dateline is not.";
  }
  return "# ap: US drafts in AP style: AP datelines (DAYTON, Ohio), months (Feb. 16) and\n"
         "# times (9 a.m.), a release line, ### as the end mark.";
}

} // namespace

std::string
starter_config(const std::string& profile)
{
  return fmt::format(R"(# presslint configuration. The nearest .presslint.yaml, walking up from each
# release's own folder, applies to it. Documentation: presslint explain RULE.

# House style: ap (default), wire, uk or gov-us.
{}
# `presslint rules --profile {}` lists every rule's severity in it.
profile: {}

# Another config whose settings this one extends (this file's values win).
# extends: ../shared.presslint.yaml

# Extra rule packs: folders of rule files, relative to this file.
# rule-dirs: [house-rules]

# Files and folders not to lint, relative to this file.
ignore: ["archive/**"]

# Per-rule severity (error, warning, note, off) and parameters.
rules:
  # style.hype: off
  # headline.length: {{ severity: error, max-chars: 90 }}

# Live link checks.
links:
  live: true
  timeout: 10s
  concurrency: 32
  per-host: 4
  retries: 2
  allow-private: false
  cache: true
  cache-max-age: 24h
)",
                     profile_summary(profile), profile, profile);
}

std::optional<std::chrono::sys_seconds>
parse_iso8601(std::string_view text)
{
  static const RE2 k_iso(
    R"((\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?)");
  int y = 0;
  int mo = 0;
  int d = 0;
  std::string hh;
  std::string mi;
  std::string ss;
  std::string zone;
  if (!RE2::FullMatch(text, k_iso, &y, &mo, &d, &hh, &mi, &ss, &zone)) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  const int h = hh.empty() ? 0 : std::stoi(hh);
  const int m = mi.empty() ? 0 : std::stoi(mi);
  const int s = ss.empty() ? 0 : std::stoi(ss);
  if (h > 23 || m > 59 || s > 60) {
    return std::nullopt;
  }
  sys_seconds t = sys_days{ymd} + hours{h} + minutes{m} + seconds{s};
  if (!zone.empty() && zone != "Z") {
    const int sign = zone[0] == '-' ? -1 : 1;
    std::string digits;
    for (const char c : zone.substr(1)) {
      if (c != ':') {
        digits += c;
      }
    }
    const int oh = std::stoi(digits.substr(0, 2));
    const int om = std::stoi(digits.substr(2, 2));
    t -= sign * (hours{oh} + minutes{om});
  }
  return t;
}

} // namespace presslint::cli
