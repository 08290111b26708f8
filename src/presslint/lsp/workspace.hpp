#pragma once

// What the language server lints with: the settings an editor gives
// (initializationOptions, workspace/didChangeConfiguration), the rule sets of
// the documents' folders, and the check that reloads them when a config file
// changes (by its modification time and size, on each lint: some editors send
// no file-watch events).

#include <presslint/core/error.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>
#include <presslint/lint/run.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace presslint::lsp {

struct Settings
{
  // The house style profile for documents with no .presslint.yaml above
  // them; a config file's own profile wins.
  std::string profile = "ap";
  // No network: live link checks are not run.
  bool offline = false;
};

// Reads `profile` and `offline` from initializationOptions or the settings
// of didChangeConfiguration (either at the top or under "presslint").
// Unknown keys are ignored; a wrong value is reported in `problems` and the
// previous value kept.
Settings parse_settings(const nlohmann::json& value,
                        const Settings& previous,
                        std::vector<std::string>& problems);

struct LintOutput
{
  // Null when the text could not be read (encoding) or there was a config
  // error; the errors are in `errors` then.
  std::shared_ptr<const document::Document> document;
  std::vector<core::Finding> findings;
  core::Errors errors;
  bool ignored = false; // the config's `ignore` matches the file
  // The runner the lint used, which owns the rule catalogue (for hover).
  std::shared_ptr<lint::Runner> runner;
};

class Workspace
{
public:
  Workspace();

  void set_settings(const Settings& settings);
  [[nodiscard]] Settings settings() const;

  // Lints `text` as the file `path` (an absolute path; its folder decides the
  // config). `format_hint` is used when the name has no release extension.
  // Safe to call from several threads.
  LintOutput lint(const std::string& path,
                  std::string text,
                  document::Format format_hint);

private:
  struct Stamp
  {
    std::string config_path;
    std::vector<std::pair<std::string, std::string>> files; // path, mtime+size
    friend bool operator==(const Stamp&, const Stamp&) = default;
  };
  Stamp stamp_for(const std::string& config_path) const;
  std::shared_ptr<lint::Runner> runner_for(const std::string& path, bool has_config,
                                           core::Errors& errors);

  mutable std::mutex m_mutex;
  Settings m_settings;
  // Runners by profile override ("" for documents under a config file).
  std::map<std::string, std::shared_ptr<lint::Runner>> m_runners;
  // What each folder's config looked like when the runners were built.
  std::map<std::string, Stamp> m_stamps;
  // Each config file's extends chain (itself first), as loaded.
  std::map<std::string, std::vector<std::string>> m_chains;
};

} // namespace presslint::lsp
