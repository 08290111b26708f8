#pragma once

// SARIF 2.1.0 reports, and what reports for machines share: paths relative
// to the repository root, content-based fingerprints, baselines.

#include <presslint/core/error.hpp>
#include <presslint/lint/run.hpp>
#include <presslint/rules/rule.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::report {

// The key of presslint's entry in a SARIF result's partialFingerprints.
inline constexpr std::string_view k_fingerprint_key = "presslint/v1";

// A file's path as SARIF and GitHub annotations name it: relative to the root
// of the git work tree that holds it, else to the working directory, with '/'
// separators. A name that is not a path ("<stdin>") is kept as it is.
std::string repository_path(const std::string& path);

// repository_path() for the files of a run: each folder's git root is looked
// up once.
class RepositoryPaths
{
public:
  std::string of(const std::string& path);

private:
  std::map<std::string, std::string> m_git_roots; // by folder
};

// Percent-encodes a relative path for a URI reference: every byte but the
// unreserved characters (A-Z a-z 0-9 - . _ ~) and '/'.
std::string percent_encode_path(std::string_view path);

// A content-based fingerprint: a hash of the rule, the file's repository
// path, the text the finding is about and the index of that text among the
// rule's findings in the file. No line number enters it, so that editing
// text above a finding does not change it.
std::string fingerprint(std::string_view rule_id,
                        std::string_view path,
                        std::string_view text,
                        std::size_t occurrence);

// What reports for machines need about each file, in the order of
// RunResult::files.
struct FileKeys
{
  std::string repository_path;           // see repository_path()
  std::vector<std::string> fingerprints; // one per finding, in order
};
using RunKeys = std::vector<FileKeys>;

RunKeys compute_keys(const lint::RunResult& result);

// Reads the presslint fingerprints of a SARIF report of an earlier run. A file
// that cannot be read or is not a SARIF log is an error naming it.
bool load_baseline(const std::string& path, std::set<std::string>& fingerprints, core::Error& error);

// Leaves out the findings whose fingerprint is in `baseline` (and their keys);
// returns how many were left out.
std::size_t apply_baseline(lint::RunResult& result,
                           RunKeys& keys,
                           const std::set<std::string>& baseline);

struct SarifOptions
{
  const rules::Catalog* catalog = nullptr; // the run's rules (none: an empty list)
  // The catalogues of configs that load rule packs (their rules are listed too).
  std::vector<const rules::Catalog*> more_catalogs;
  std::string profile = "ap";              // whose severities are the default levels
  std::string docs_url;                    // informationUri and helpUri when not empty
  int exit_code = 0;
  // Errors in config or rule files: reported as configuration notifications,
  // and the log has no results.
  core::Errors config_errors;
};

// A SARIF 2.1.0 log of the run; deterministic (sorted, no timestamps).
std::string render_sarif(const lint::RunResult& result,
                         const RunKeys& keys,
                         const SarifOptions& options);

// A rule's help as text and as Markdown: summary, why, and its good and bad
// examples.
std::string rule_help_text(const rules::Rule& rule);
std::string rule_help_markdown(const rules::Rule& rule);

// "dateline.standalone-city" -> "DatelineStandaloneCity".
std::string rule_name(std::string_view id);

} // namespace presslint::report
