#pragma once

// The seam for live link checks. The language server lints text offline on
// every change; live checks of link targets run elsewhere (a separate worker
// that fetches, from its cache first) and only on open and save. Their
// verdicts come back per URL, so that they stay valid while the text is
// edited: on each lint the verdicts are laid over the links of the current
// text, at the positions those links have now.

#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>
#include <presslint/lint/run.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace presslint::lsp {

// What a live check found about one URL (a dead link, a redirect...).
struct LinkVerdict
{
  std::string rule_id;
  core::Severity severity = core::Severity::warning;
  std::string message;
  friend bool operator==(const LinkVerdict&, const LinkVerdict&) = default;
};

// Verdicts by URL, as written in the document.
using LinkVerdicts = std::map<std::string, std::vector<LinkVerdict>>;

// A live link checker the server can be given. check() must not block: it
// starts the work and calls `done` later, from any thread, with the verdicts
// for the URLs it checked. The server calls it on didOpen and didSave, never
// on didChange, and not at all when the `offline` setting is on.
// One document to check: its URI, the path its config is looked up from,
// the document as last linted, and the runner that linted it (its rule set
// and `links:` settings apply).
struct LinkCheckRequest
{
  std::string uri;
  std::string path;
  std::shared_ptr<const document::Document> document;
  std::shared_ptr<lint::Runner> runner;
};

class LinkChecker
{
public:
  virtual ~LinkChecker() = default;
  // `done` may be called more than once: each call replaces the verdicts
  // (verdicts from the cache first, then those of the fetches).
  virtual void check(LinkCheckRequest request, std::function<void(LinkVerdicts)> done) = 0;
};

// The verdicts' findings at the links of `document` whose target has one.
std::vector<core::Finding> link_findings(const document::Document& document,
                                         const LinkVerdicts& verdicts);

} // namespace presslint::lsp
