#pragma once

#include <presslint/core/error.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>
#include <presslint/links/live.hpp>
#include <presslint/rules/rule_set.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace presslint::lint {

struct RunOptions
{
  std::vector<std::string> paths;     // files and folders; "-" for stdin
  std::string stdin_filename;         // with "-"
  std::string stdin_text;             // read by the caller
  std::string config_path;            // --config
  std::string profile;                // --profile
  std::vector<std::string> rule_dirs; // --rules
  std::vector<rules::Toggle> toggles; // --enable / --disable
  unsigned jobs = 0;                  // 0: hardware threads
  std::chrono::sys_seconds now{};
  // Live link checks: off unless asked for (the lint command asks for them
  // unless --offline); `offline` makes the summary say they were skipped.
  bool live_links = false;
  bool offline = false;
  bool no_cache = false;       // --no-cache
  std::string cache_dir;       // --cache-dir
  bool link_progress = false;  // a progress line on standard error
  // Whether the built-in rules' docs are read (rules::Catalog::Docs): a
  // report that shows them (SARIF) needs them.
  bool rule_docs = true;
};

struct FileResult
{
  std::string path;     // as the user named it
  bool from_stdin = false; // the "-" input (its path is --stdin-filename)
  bool failed = false;  // unreadable or not parseable
  core::Error error;
  std::shared_ptr<const document::Document> document;
  std::vector<core::Finding> findings;
};

struct RunResult
{
  core::Errors config_errors; // rule files and configs: exit 2 before linting
  std::vector<FileResult> files; // in a stable order (sorted by path); empty with a sink
  std::size_t files_checked = 0;
  links::LiveSummary links; // what the live link checks did
  unsigned jobs = 0;         // threads that linted, the calling one included
};

// Receives each file's result, in the order of RunResult::files.
using FileSink = std::function<void(FileResult&&)>;

class Runner
{
public:
  explicit Runner(RunOptions options);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Loads the catalogue and the --config file; false on a config error.
  bool prepare(core::Errors& errors);
  // Lints every file. The rule set of every file is found first: a config
  // error stops the run before any file is linted. A file's document keeps
  // only what reports read (its source and position tables), not its
  // blocks, lines, links or anchors.
  RunResult run();
  // The same, but each file goes to `sink` (in report order) instead of
  // RunResult::files: as soon as it and every file before it are done when
  // no live link check is asked for (the web links are then only counted,
  // and LiveSummary::urls stays 0); after the live checks, which need every
  // file's links, otherwise. Calls to `sink` are never concurrent.
  RunResult run(const FileSink& sink);

  // The rule set that applies to `path` (for --print-config and the LSP).
  const rules::RuleSet* rule_set_for(const std::string& path,
                                     const rules::Config** config,
                                     core::Errors& errors);
  [[nodiscard]] const rules::Catalog& catalog() const;
  // The catalogues of configs that load rule packs (each has the built-in
  // rules too), in the order of their pack folders.
  [[nodiscard]] std::vector<const rules::Catalog*> pack_catalogs() const;
  // A rule by id, in the built-in catalogue or a config's rule packs.
  [[nodiscard]] const rules::Rule* find_rule(std::string_view id) const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Expands folders (recursively, by release extension) and keeps files as
// given; sorted, without duplicates. Unreadable folders are reported.
std::vector<std::string> collect_files(const std::vector<std::string>& paths,
                                       std::vector<FileResult>& failures);

} // namespace presslint::lint
