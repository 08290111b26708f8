#pragma once

#include <presslint/core/error.hpp>
#include <presslint/rules/params.hpp>

#include <re2/re2.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::checks {

// A compiled pattern and whether its matches must stand on word boundaries
// (Unicode-aware: RE2's \b knows only ASCII letters).
struct Pattern
{
  // Shared: the same pattern compiled once per process (rule files are
  // checked when loaded and their checks built again for every config).
  std::shared_ptr<const RE2> re;
  bool whole_words = false;
  std::string source; // as written, for messages
};

// Compiles the patterns of a pattern_list parameter, reporting each one RE2
// rejects at its place in the rule file.
std::vector<Pattern> compile_patterns(const rules::Params& params,
                                      std::string_view name,
                                      std::string_view rule_path,
                                      core::Errors& errors);

// Compiles a word list into one pattern that matches any of the words as a
// whole word; a space in a word matches any run of white space.
Pattern compile_words(const std::vector<std::string>& words, bool ignore_case);

// Calls `visit(begin, end)` for each non-overlapping match in `text`.
void for_each_match(const Pattern& pattern,
                    std::string_view text,
                    const std::function<void(std::size_t, std::size_t)>& visit);

} // namespace presslint::checks
