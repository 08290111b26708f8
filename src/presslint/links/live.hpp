#pragma once

// Live link checks over a whole run: the web links of every document,
// each unique URL checked once (or taken from the cache), and the verdicts
// turned into findings of each file's own link rules.

#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace presslint::rules {
struct RuleSet;
struct LinksConfig;
struct Rule;
}

namespace presslint::checks {
class Check;
}

namespace presslint::links {

// One linted file: its document, its rules and `links:` settings, and the
// findings the live checks add to.
struct LiveFile
{
  const document::Document* document = nullptr;
  const rules::RuleSet* rules = nullptr;
  const rules::LinksConfig* links = nullptr;
  std::vector<core::Finding>* findings = nullptr;
};

struct LiveOptions
{
  bool offline = false;    // --offline: no request at all
  bool no_cache = false;   // --no-cache
  std::string cache_dir;   // --cache-dir; "" the user's cache folder
  bool progress = false;   // a progress line on standard error
  bool cache_only = false; // verdicts from the cache only: no request
  long long now = 0;       // seconds since the epoch (cache ages)
};

// What the live checks did, for the reports.
struct LiveSummary
{
  bool offline = false;
  std::size_t links = 0;      // web links that live checks apply to
  std::size_t urls = 0;       // unique URLs among them
  std::size_t fetched = 0;    // URLs fetched in this run
  std::size_t from_cache = 0; // URLs whose verdict came from the cache
  std::vector<std::string> warnings; // a cache that could not be read or written
  // Why the live checks could not run at all (libcurl could not be loaded);
  // empty when they ran or were not asked for. The web links are counted
  // all the same, and none is checked.
  std::string error;
};

// Checks the web links of `files` and adds the findings of the live link
// rules (sorted, inline controls applied). How the files' settings combine:
// a URL is fetched when a file that links it has `live: true` and does not
// exclude it; it may be at a private address only if every such file allows
// it; timeout, limits, retries, accepted statuses and the cache settings are
// those of the first such file.
LiveSummary check_live(const std::vector<LiveFile>& files, const LiveOptions& options);

// For `presslint test-rules` and the golden tests: the findings a live link
// rule gives on an example, checked with the private-address guard on.
// Nothing is sent: only examples whose web links are all at IP literals in a
// private range are run (the guard refuses them before any connection); for
// any other, nullopt (the example needs the network).
std::optional<std::vector<core::Finding>> run_live_example(const document::Document& doc,
                                                           const rules::Rule& rule,
                                                           const checks::Check& check,
                                                           core::Severity severity);

// True when `problem` (a link rule's) is given by the live checks.
bool is_live_problem(std::string_view problem);

} // namespace presslint::links
