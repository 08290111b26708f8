#pragma once

// Shared pieces of the libFuzzer targets: the built-in catalogue and its
// rule set, loaded once per process, and a fixed reference time.

#include <presslint/document/document.hpp>
#include <presslint/rules/rule.hpp>
#include <presslint/rules/rule_set.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace presslint::fuzz {

// The built-in catalogue (aborts if it does not load: that is a bug too).
const rules::Catalog& catalog();

// Every built-in rule under the default config and profile.
const rules::RuleSet& rule_set();

// The input as a string.
std::string bytes(const std::uint8_t* data, std::size_t size);

// Reads `text` as a document of `format` and, when it reads, lints it with
// every built-in rule: the readers, the region finder and all checks
// (dates, dateline, embargo, contact, links offline) see the input.
void read_and_lint(const std::string& path, std::string text, document::Format format);

inline constexpr std::chrono::sys_seconds k_now{std::chrono::seconds{1767225600}}; // 2026-01-01

} // namespace presslint::fuzz
