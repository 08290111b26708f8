#pragma once

#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/rules/rule_set.hpp>

#include <chrono>
#include <vector>

namespace presslint::lint {

// Runs every enabled rule of `rules` on one document, drops what inline
// comments disable, and returns the findings sorted by position and rule.
std::vector<core::Finding> lint_document(const document::Document& doc,
                                         const rules::RuleSet& rules,
                                         const document::RegionMatcher& matcher,
                                         std::chrono::sys_seconds now);

// Inline control comments: <!-- presslint-disable RULE... -->,
// <!-- presslint-enable RULE... -->, <!-- presslint-disable-next-line RULE... -->,
// <!-- presslint-disable-line RULE... --> (on the line the comment is on).
void apply_inline_controls(const document::Document& doc, std::vector<core::Finding>& findings);

// Drops the findings of rules superseded by another rule's finding on
// overlapping text (the rule file's `supersedes`).
void apply_superseded(const rules::RuleSet& rules, std::vector<core::Finding>& findings);

void sort_findings(std::vector<core::Finding>& findings);

} // namespace presslint::lint
