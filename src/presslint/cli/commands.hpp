#pragma once

#include <presslint/core/error.hpp>
#include <presslint/rules/rule.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace presslint::cli {

// The subcommands other than lint, outside the CLI11 wiring.
std::string render_rules(const rules::Catalog& catalog,
                         const std::string& profile,
                         const std::string& format);
std::string render_explain(const rules::Rule& rule);
// Runs every rule's good and bad examples; returns the failures. An example
// of a live link rule that would need the network is skipped, with a line
// in `notes`.
std::vector<std::string> test_rules(const rules::Catalog& catalog,
                                    const std::vector<std::string>& packs,
                                    std::size_t& examples_run,
                                    std::vector<std::string>* notes = nullptr);
std::string starter_config(const std::string& profile);

// "2026-03-03", "2026-03-03T09:00:00Z", "2026-03-03T09:00:00-05:00".
std::optional<std::chrono::sys_seconds> parse_iso8601(std::string_view text);

void print_errors(const core::Errors& errors);

} // namespace presslint::cli
