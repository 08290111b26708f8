#include <presslint/report/sarif.hpp>

#include <presslint/core/read_file.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace presslint::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_schema_uri =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// The root of the git work tree holding `dir` (a folder or a file in it).
std::string
git_root_of(const fs::path& dir, std::map<std::string, std::string>& cache)
{
  std::vector<std::string> visited;
  std::string found;
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    const std::string key = p.string();
    if (auto it = cache.find(key); it != cache.end()) {
      found = it->second;
      break;
    }
    visited.push_back(key);
    std::error_code ec;
    if (fs::exists(p / ".git", ec)) {
      found = key;
      break;
    }
    if (p == p.root_path()) {
      break;
    }
  }
  for (const std::string& v : visited) {
    cache[v] = found;
  }
  return found;
}

std::string
repository_path(const std::string& path, std::map<std::string, std::string>& cache)
{
  if (path.empty() || (path.front() == '<' && path.back() == '>')) {
    return path;
  }
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(path), ec).lexically_normal();
  if (ec) {
    return fs::path(path).generic_string();
  }
  fs::path base;
  if (const std::string root = git_root_of(absolute.parent_path(), cache); !root.empty()) {
    base = root;
  } else {
    base = fs::current_path(ec);
  }
  const fs::path relative = absolute.lexically_relative(base);
  if (relative.empty()) {
    return absolute.generic_string();
  }
  return relative.generic_string();
}

std::uint64_t
fnv1a(std::string_view data, std::uint64_t hash)
{
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// The text a fingerprint is made of: what the finding quotes, else the text
// under it; line ends do not count.
std::string
finding_text(const core::Finding& f, const document::Document* doc)
{
  std::string text = f.matched;
  if (text.empty() && doc != nullptr && f.span.end <= doc->source.size()) {
    text = doc->source.substr(f.span.begin, f.span.size());
  }
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

core::Severity
severity_in(const rules::Rule& rule, std::string_view profile)
{
  if (auto it = rule.profiles.find(profile); it != rule.profiles.end() && it->second.severity) {
    return *it->second.severity;
  }
  return rule.severity;
}

std::string_view
level_of(core::Severity s)
{
  switch (s) {
  case core::Severity::error:
    return "error";
  case core::Severity::warning:
    return "warning";
  case core::Severity::note:
    return "note";
  case core::Severity::off:
    break;
  }
  return "none";
}

// A Markdown code fence longer than any run of backticks in `text`.
std::string
fence_for(std::string_view text)
{
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string
indented(std::string_view text, std::string_view prefix)
{
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    out += line.empty() ? std::string() : std::string(prefix);
    out += line;
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string
trimmed(std::string_view text)
{
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// Text hard-wrapped in a rule file as one line a paragraph: single line
// ends become spaces.
std::string
reflowed(std::string_view text)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool lone_break = text[i] == '\n' && (i + 1 >= text.size() || text[i + 1] != '\n')
                            && (i == 0 || text[i - 1] != '\n');
    out += lone_break ? ' ' : text[i];
  }
  return out;
}

std::string
severities_line(const rules::Rule& rule)
{
  std::string out;
  for (const auto p : rules::k_profiles) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", p, core::to_string(severity_in(rule, p)));
  }
  return out;
}

Json
region_of(const document::Document& doc, core::Span span, bool with_snippet)
{
  const document::Position b = doc.position(span.begin);
  const document::Position e = doc.position(std::max(span.begin, span.end));
  Json region = {{"startLine", b.line},
                 {"startColumn", b.column},
                 {"endLine", e.line},
                 {"endColumn", e.column}};
  if (with_snippet) {
    const std::size_t end = std::min(span.end, doc.source.size());
    const std::size_t begin = std::min(span.begin, end);
    region["snippet"] = {{"text", doc.source.substr(begin, end - begin)}};
  }
  return region;
}

Json
artifact(const std::string& uri)
{
  return {{"uri", uri}, {"uriBaseId", "%SRCROOT%"}};
}

// A notification about a config, rule or input file. A config error may
// name something that is not a file ("--enable"): it is located only when
// the file exists; an input file is always located.
Json
notification(const core::Error& e, std::map<std::string, std::string>& cache, bool input_file)
{
  Json n = Json::object();
  n["level"] = "error";
  std::error_code ec;
  const bool is_file = !e.path.empty() && (input_file || fs::exists(e.path, ec));
  n["message"] = {{"text", is_file || e.path.empty() ? e.message : e.path + ": " + e.message}};
  if (is_file) {
    Json location = {{"artifactLocation",
                      artifact(percent_encode_path(repository_path(e.path, cache)))}};
    if (e.line > 0) {
      location["region"] = {{"startLine", e.line},
                            {"startColumn", std::max<std::size_t>(e.column, 1)}};
    }
    n["locations"] = Json::array({{{"physicalLocation", location}}});
  }
  return n;
}

Json
rule_descriptor(const rules::Rule& rule, const SarifOptions& options)
{
  Json d = Json::object();
  d["id"] = rule.id;
  d["name"] = rule_name(rule.id);
  d["shortDescription"] = {{"text", rule.docs.summary.empty() ? rule.id : rule.docs.summary}};
  std::string full = reflowed(trimmed(rule.docs.summary));
  if (!rule.docs.why.empty()) {
    full += (full.empty() ? "" : " ") + reflowed(trimmed(rule.docs.why));
  }
  d["fullDescription"] = {{"text", full.empty() ? rule.id : full}};
  d["help"] = {{"text", rule_help_text(rule)}, {"markdown", rule_help_markdown(rule)}};
  // Rule documentation pages exist for the built-in rules only.
  if (!options.docs_url.empty() && rule.pack == "builtin") {
    std::string base = options.docs_url;
    if (!base.empty() && base.back() == '/') {
      base.pop_back();
    }
    d["helpUri"] = fmt::format("{}/rules/{}", base, percent_encode_path(rule.id));
  }
  const core::Severity severity = severity_in(rule, options.profile);
  Json config = Json::object();
  if (severity == core::Severity::off) {
    config["enabled"] = false;
    config["level"] = rule.severity == core::Severity::off ? std::string("warning")
                                                           : std::string(level_of(rule.severity));
  } else {
    config["level"] = level_of(severity);
  }
  d["defaultConfiguration"] = config;
  d["properties"] = {{"tags", Json::array({rule.category})}};
  return d;
}

} // namespace

std::string
repository_path(const std::string& path)
{
  std::map<std::string, std::string> cache;
  return repository_path(path, cache);
}

std::string
RepositoryPaths::of(const std::string& path)
{
  return repository_path(path, m_git_roots);
}

std::string
percent_encode_path(std::string_view path)
{
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                            || c == '~' || c == '/';
    if (unreserved) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string
fingerprint(std::string_view rule_id,
            std::string_view path,
            std::string_view text,
            std::size_t occurrence)
{
  // Each part with its length, so that no two lists of parts give the same bytes.
  std::string data;
  for (const std::string_view part : {rule_id, path, text}) {
    data += fmt::format("{}:", part.size());
    data += part;
  }
  data += fmt::format("#{}", occurrence);
  // Two 64-bit FNV-1a hashes with different seeds: 128 bits.
  const std::uint64_t a = fnv1a(data, 0xcbf29ce484222325ULL);
  const std::uint64_t b = fnv1a(data, 0x84222325cbf29ce4ULL ^ a);
  return fmt::format("{:016x}{:016x}", a, b);
}

RunKeys
compute_keys(const lint::RunResult& result)
{
  RunKeys keys;
  keys.reserve(result.files.size());
  std::map<std::string, std::string> cache;
  for (const lint::FileResult& file : result.files) {
    FileKeys k;
    k.repository_path = repository_path(file.path, cache);
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    for (const core::Finding& f : file.findings) {
      std::string text = finding_text(f, file.document.get());
      const std::size_t occurrence = seen[{f.rule_id, text}]++;
      k.fingerprints.push_back(fingerprint(f.rule_id, k.repository_path, text, occurrence));
    }
    keys.push_back(std::move(k));
  }
  return keys;
}

bool
load_baseline(const std::string& path, std::set<std::string>& fingerprints, core::Error& error)
{
  error = core::Error{path, 0, 0, "", {}};
  std::string text;
  switch (core::read_file(path, text)) {
  case core::ReadStatus::ok:
    break;
  case core::ReadStatus::is_folder:
    error.message = "baseline: is a folder, not a SARIF report";
    return false;
  case core::ReadStatus::no_such_file:
    error.message = "baseline: no such file";
    return false;
  default:
    error.message = "baseline: cannot be read";
    return false;
  }
  const Json log = Json::parse(text, nullptr, false);
  if (log.is_discarded()) {
    error.message = "baseline: not a SARIF report (not valid JSON)";
    return false;
  }
  if (!log.is_object() || !log.contains("runs") || !log["runs"].is_array()
      || log.value("version", std::string()) != "2.1.0") {
    error.message = "baseline: not a SARIF 2.1.0 report (no \"version\": \"2.1.0\" and \"runs\")";
    return false;
  }
  const std::string key(k_fingerprint_key);
  for (const Json& run : log["runs"]) {
    if (!run.is_object() || !run.contains("results")) {
      continue;
    }
    if (!run["results"].is_array()) {
      error.message = "baseline: not a SARIF report (\"results\" is not a list)";
      return false;
    }
    for (const Json& r : run["results"]) {
      if (!r.is_object()) {
        error.message = "baseline: not a SARIF report (a result is not an object)";
        return false;
      }
      if (auto it = r.find("partialFingerprints"); it != r.end() && it->is_object()) {
        if (auto fp = it->find(key); fp != it->end() && fp->is_string()) {
          fingerprints.insert(fp->get<std::string>());
        }
      }
    }
  }
  return true;
}

std::size_t
apply_baseline(lint::RunResult& result, RunKeys& keys, const std::set<std::string>& baseline)
{
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < result.files.size() && i < keys.size(); ++i) {
    std::vector<core::Finding>& findings = result.files[i].findings;
    std::vector<std::string>& prints = keys[i].fingerprints;
    std::vector<core::Finding> kept_findings;
    std::vector<std::string> kept_prints;
    for (std::size_t j = 0; j < findings.size() && j < prints.size(); ++j) {
      if (baseline.count(prints[j]) != 0) {
        ++dropped;
        continue;
      }
      kept_findings.push_back(std::move(findings[j]));
      kept_prints.push_back(std::move(prints[j]));
    }
    findings = std::move(kept_findings);
    prints = std::move(kept_prints);
  }
  return dropped;
}

std::string
rule_name(std::string_view id)
{
  std::string out;
  bool upper = true;
  for (const char c : id) {
    if (c == '.' || c == '-' || c == '_' || c == ' ') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

std::string
rule_help_text(const rules::Rule& rule)
{
  std::string out = trimmed(rule.docs.summary) + "\n";
  if (!rule.docs.why.empty()) {
    out += "\n" + trimmed(rule.docs.why) + "\n";
  }
  out += fmt::format("\nSeverity by profile: {}.\n", severities_line(rule));
  for (const std::string& good : rule.docs.good) {
    out += "\nGood:\n" + indented(trimmed(good), "    ");
  }
  for (const std::string& bad : rule.docs.bad) {
    out += "\nBad:\n" + indented(trimmed(bad), "    ");
  }
  return out;
}

std::string
rule_help_markdown(const rules::Rule& rule)
{
  std::string out = trimmed(rule.docs.summary) + "\n";
  if (!rule.docs.why.empty()) {
    out += "\n" + trimmed(rule.docs.why) + "\n";
  }
  out += fmt::format("\nSeverity by profile: {}.\n", severities_line(rule));
  auto example = [&](std::string_view title, const std::string& text) {
    const std::string body = trimmed(text);
    const std::string fence = fence_for(body);
    out += fmt::format("\n**{}**\n\n{}markdown\n{}\n{}\n", title, fence, body, fence);
  };
  for (const std::string& good : rule.docs.good) {
    example("Good", good);
  }
  for (const std::string& bad : rule.docs.bad) {
    example("Bad", bad);
  }
  return out;
}

std::string
render_sarif(const lint::RunResult& result, const RunKeys& keys, const SarifOptions& options)
{
  std::map<std::string, std::string> cache;
  const bool config_failed = !options.config_errors.empty();

  // The run's rules, sorted by id so that the output does not depend on the
  // order rule packs were loaded in.
  std::vector<const rules::Rule*> rules;
  if (options.catalog != nullptr && !config_failed) {
    std::vector<const rules::Catalog*> catalogs{options.catalog};
    catalogs.insert(catalogs.end(), options.more_catalogs.begin(), options.more_catalogs.end());
    for (const rules::Catalog* c : catalogs) {
      for (const rules::Rule& r : c->rules()) {
        rules.push_back(&r);
      }
    }
  }
  std::stable_sort(rules.begin(), rules.end(),
                   [](const rules::Rule* a, const rules::Rule* b) { return a->id < b->id; });
  std::map<std::string, std::size_t> index_of;
  Json descriptors = Json::array();
  for (const rules::Rule* r : rules) {
    if (index_of.emplace(r->id, descriptors.size()).second) {
      descriptors.push_back(rule_descriptor(*r, options));
    }
  }

  Json driver = Json::object();
  driver["name"] = "presslint";
  driver["version"] = PRESSLINT_VERSION;
  driver["semanticVersion"] = PRESSLINT_VERSION;
  if (!options.docs_url.empty()) {
    driver["informationUri"] = options.docs_url;
  }
  driver["rules"] = descriptors;

  Json invocation = Json::object();
  invocation["exitCode"] = options.exit_code;
  invocation["executionSuccessful"] = options.exit_code == 0 || options.exit_code == 1;
  if (!config_failed && result.links.links > 0) {
    // Live link checks: whether they were skipped (--offline), and on how
    // many web links and unique URLs (not how many came from the cache, so
    // that the log stays the same from run to run).
    invocation["properties"] = {{"presslint/linkChecks",
                                 {{"offline", result.links.offline},
                                  {"webLinks", result.links.links},
                                  {"urls", result.links.urls}}}};
  }
  if (config_failed) {
    Json notes = Json::array();
    for (const core::Error& e : options.config_errors) {
      notes.push_back(notification(e, cache, false));
    }
    invocation["toolConfigurationNotifications"] = notes;
  }
  Json execution = Json::array();
  for (const lint::FileResult& file : result.files) {
    if (file.failed) {
      core::Error e = file.error;
      if (e.path.empty()) {
        e.path = file.path;
      }
      execution.push_back(notification(e, cache, true));
    }
  }
  if (!config_failed && !execution.empty()) {
    invocation["toolExecutionNotifications"] = execution;
  }

  Json run = Json::object();
  run["tool"] = {{"driver", driver}};
  run["invocations"] = Json::array({invocation});
  run["columnKind"] = "unicodeCodePoints";
  if (!config_failed) {
    Json results = Json::array();
    for (std::size_t i = 0; i < result.files.size(); ++i) {
      const lint::FileResult& file = result.files[i];
      if (file.failed || !file.document) {
        continue;
      }
      const document::Document& doc = *file.document;
      const std::string uri = percent_encode_path(
        i < keys.size() ? keys[i].repository_path : repository_path(file.path, cache));
      for (std::size_t j = 0; j < file.findings.size(); ++j) {
        const core::Finding& f = file.findings[j];
        Json r = Json::object();
        r["ruleId"] = f.rule_id;
        if (auto it = index_of.find(f.rule_id); it != index_of.end()) {
          r["ruleIndex"] = it->second;
        }
        r["level"] = level_of(f.severity == core::Severity::off ? core::Severity::note
                                                                : f.severity);
        r["message"] = {{"text", f.message}};
        r["locations"] = Json::array(
          {{{"physicalLocation",
             {{"artifactLocation", artifact(uri)}, {"region", region_of(doc, f.span, true)}}}}});
        if (i < keys.size() && j < keys[i].fingerprints.size()) {
          r["partialFingerprints"] = {{std::string(k_fingerprint_key), keys[i].fingerprints[j]}};
        }
        if (f.fix && !f.fix->edits.empty()) {
          Json replacements = Json::array();
          for (const core::Edit& edit : f.fix->edits) {
            Json rep = Json::object();
            rep["deletedRegion"] = region_of(doc, edit.span, false);
            if (!edit.replacement.empty()) {
              rep["insertedContent"] = {{"text", edit.replacement}};
            }
            replacements.push_back(rep);
          }
          Json fix = Json::object();
          fix["description"] = {{"text", f.fix->title.empty() ? std::string("Apply the fix")
                                                               : f.fix->title}};
          fix["artifactChanges"] = Json::array(
            {{{"artifactLocation", artifact(uri)}, {"replacements", replacements}}});
          r["fixes"] = Json::array({fix});
        }
        results.push_back(r);
      }
    }
    run["results"] = results;
  }

  Json log = Json::object();
  log["$schema"] = k_schema_uri;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({run});
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace presslint::report
