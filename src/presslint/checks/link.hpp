#pragma once

// What the live link checks need from the link rules: the web link targets
// of a document and the rules' reason texts.

#include <presslint/checks/check.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace presslint::rules {
struct RuleSet;
}

namespace presslint::checks {

// An http(s) link target of a document, where it is written.
struct WebLink
{
  std::string url;     // the target, trimmed and unescaped
  std::string written; // the source text, as messages quote it
  core::Span span;
};

// The http(s) link targets a live check fetches: syntactically valid and not
// placeholders (as the link rules of `rules` define them, when given). Each
// place once, in source order.
std::vector<WebLink> web_links(const document::Document& doc, const rules::RuleSet* rules);

// The problem a rule of the link kind flags ("dead", "unreachable",
// "redirect"...), or "" when `check` is not of the link kind.
std::string_view link_problem(const Check* check);

// The text of reason `key` of a link rule (its `reasons` or the default),
// with {status}, {detail}, {final} and {fragment} filled from `vars`.
std::string link_reason(const Check& check, std::string_view key, const Vars& vars);

} // namespace presslint::checks
