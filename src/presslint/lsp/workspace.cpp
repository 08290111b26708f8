#include <presslint/lsp/workspace.hpp>

#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/config.hpp>
#include <presslint/rules/rule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;

namespace presslint::lsp {

namespace {

void
apply_settings_object(const nlohmann::json& obj, Settings& out, std::vector<std::string>& problems)
{
  if (const auto it = obj.find("profile"); it != obj.end() && !it->is_null()) {
    const bool known =
      it->is_string()
      && std::find(rules::k_profiles.begin(), rules::k_profiles.end(), it->get<std::string>())
           != rules::k_profiles.end();
    if (known) {
      out.profile = it->get<std::string>();
    } else {
      problems.push_back(fmt::format("setting \"profile\": {} is not one of ap, wire, uk, gov-us",
                                     it->dump()));
    }
  }
  if (const auto it = obj.find("offline"); it != obj.end() && !it->is_null()) {
    if (it->is_boolean()) {
      out.offline = it->get<bool>();
    } else {
      problems.push_back(fmt::format("setting \"offline\": {} is not true or false", it->dump()));
    }
  }
}

std::string
file_stamp(const std::string& path)
{
  std::error_code ec;
  const auto time = fs::last_write_time(path, ec);
  if (ec) {
    return "missing";
  }
  const auto size = fs::file_size(path, ec);
  return fmt::format("{}:{}", time.time_since_epoch().count(), ec ? 0 : size);
}

} // namespace

Settings
parse_settings(const nlohmann::json& value,
               const Settings& previous,
               std::vector<std::string>& problems)
{
  Settings out = previous;
  if (!value.is_object()) {
    return out;
  }
  apply_settings_object(value, out, problems);
  if (const auto it = value.find("presslint"); it != value.end() && it->is_object()) {
    apply_settings_object(*it, out, problems);
  }
  return out;
}

Workspace::Workspace() = default;

void
Workspace::set_settings(const Settings& settings)
{
  std::lock_guard<std::mutex> lock(m_mutex);
  if (settings.profile != m_settings.profile) {
    m_runners.clear();
    m_stamps.clear();
  }
  m_settings = settings;
}

Settings
Workspace::settings() const
{
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_settings;
}

Workspace::Stamp
Workspace::stamp_for(const std::string& config_path) const
{
  // Called with m_mutex held: the config and its extends chain as last
  // loaded (just the config before it was loaded).
  Stamp stamp;
  stamp.config_path = config_path;
  if (config_path.empty()) {
    return stamp;
  }
  std::vector<std::string> files{config_path};
  if (const auto it = m_chains.find(config_path); it != m_chains.end()) {
    files = it->second;
  }
  for (const std::string& f : files) {
    stamp.files.emplace_back(f, file_stamp(f));
  }
  return stamp;
}

std::shared_ptr<lint::Runner>
Workspace::runner_for(const std::string& path, bool has_config, core::Errors& errors)
{
  // Called with m_mutex held.
  const std::string key = has_config ? std::string() : m_settings.profile;
  auto it = m_runners.find(key);
  if (it == m_runners.end()) {
    lint::RunOptions options;
    options.profile = key;
    options.paths = {path};
    auto runner = std::make_shared<lint::Runner>(std::move(options));
    if (!runner->prepare(errors)) {
      return nullptr;
    }
    it = m_runners.emplace(key, std::move(runner)).first;
  }
  return it->second;
}

LintOutput
Workspace::lint(const std::string& path, std::string text, document::Format format_hint)
{
  LintOutput out;
  const std::string dir = fs::path(path).parent_path().lexically_normal().string();
  // Reading the config's modification times happens on every lint, outside
  // the lock: a few stat calls.
  const std::string config_path = rules::find_config(dir);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    const Stamp stamp = stamp_for(config_path);
    const auto known = m_stamps.find(dir);
    if (known != m_stamps.end() && !(known->second == stamp)) {
      // A config file appeared, went or changed: build everything again.
      m_runners.clear();
      m_stamps.clear();
      m_chains.clear();
    }
    m_stamps[dir] = stamp_for(config_path);
    out.runner = runner_for(path, !config_path.empty(), out.errors);
  }
  if (!out.runner) {
    return out;
  }
  const rules::Config* config = nullptr;
  const rules::RuleSet* set = out.runner->rule_set_for(path, &config, out.errors);
  if (config != nullptr && !config_path.empty()) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_chains.find(config_path) == m_chains.end() && !config->files.empty()) {
      m_chains[config_path] = config->files;
      m_stamps[dir] = stamp_for(config_path);
    }
  }
  if (set == nullptr) {
    return out;
  }
  if (config != nullptr && rules::is_ignored(*config, path)) {
    out.ignored = true;
    return out;
  }
  document::Format format = format_hint;
  document::format_from_path(path, format);
  auto doc = std::make_shared<document::Document>();
  core::Error error;
  if (!document::read_document(path, std::move(text), format, *doc, error)) {
    out.errors.push_back(std::move(error));
    return out;
  }
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  out.findings =
    lint::lint_document(*doc, *set, out.runner->catalog().region_matcher(), now);
  out.document = std::move(doc);
  return out;
}

} // namespace presslint::lsp
