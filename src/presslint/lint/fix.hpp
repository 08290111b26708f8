#pragma once

// --fix: applies the safe fixes of findings to a document's source, re-lints
// and repeats until nothing changes, and writes the result back atomically.

#include <presslint/core/finding.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/lint/run.hpp>
#include <presslint/rules/rule_set.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::lint {

// At most this many rounds of fixing and re-linting a file.
inline constexpr std::size_t k_max_fix_passes = 10;

struct AppliedFixes
{
  std::string text;         // the source with the fixes applied
  std::size_t applied = 0;  // fixes applied
  std::size_t deferred = 0; // fixes that overlap one applied before them
};

// True when two edits touch the same text: their ranges overlap, or an
// insertion stands inside or at an edge of the other.
bool edits_conflict(const core::Edit& a, const core::Edit& b);

// Applies the fixes of `findings` to `source`, in the order of the findings:
// a fix whose edits overlap those of a fix applied before it (or each other,
// or fall outside the source) waits for the next pass.
AppliedFixes apply_fixes(std::string_view source, const std::vector<core::Finding>& findings);

struct FixOutcome
{
  std::size_t passes = 0;  // passes that changed the text
  std::size_t applied = 0; // fixes applied in all
  bool changed = false;    // the text differs from the original
};

// Fixes `file` in memory: applies its fixes, reads and lints the new text
// again, and repeats until a pass changes nothing (at most k_max_fix_passes).
// On return `file.document` and `file.findings` are those of the fixed text.
FixOutcome fix_file(FileResult& file,
                    const rules::RuleSet& rules,
                    const document::RegionMatcher& matcher,
                    std::chrono::sys_seconds now);

enum class WriteOutcome { written, changed_on_disk, failed };

// Writes `fixed` to `path` atomically (a temporary file in the same folder,
// then a rename, keeping the file's mode), unless the file no longer holds
// `original`: then it is left alone. On failure `path` is untouched and `why`
// says what went wrong.
WriteOutcome write_fixed_file(const std::string& path,
                              std::string_view original,
                              std::string_view fixed,
                              std::string& why);

struct FixRunOptions
{
  std::string stdin_name;  // the name a "-" input has in the results ("" when none)
  std::string* stdin_text = nullptr; // receives the fixed text of the "-" input
};

struct FixRunReport
{
  std::size_t files_fixed = 0;
  std::size_t fixes_applied = 0;
  std::vector<std::string> messages; // for standard error
  bool write_failed = false;         // a fixed file could not be written
};

// Fixes every file of `result` and writes each changed file back in place;
// the "-" input's fixed text goes to `options.stdin_text` instead. A file whose
// rule set cannot be had, that changed on disk meanwhile, or that cannot be
// written keeps its original findings.
FixRunReport fix_run(Runner& runner,
                     RunResult& result,
                     std::chrono::sys_seconds now,
                     const FixRunOptions& options);

} // namespace presslint::lint
