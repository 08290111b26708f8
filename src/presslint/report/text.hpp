#pragma once

#include <presslint/core/finding.hpp>
#include <presslint/lint/run.hpp>

#include <string>

namespace presslint::report {

struct TextOptions
{
  bool color = false;
  bool show_source = false;
  bool quiet = false;
  core::Severity min_severity = core::Severity::note; // with --quiet: --fail-on
};

struct Totals
{
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t notes = 0;
  std::size_t files_with_findings = 0;
};

// Adds a file's findings to `totals`.
void count_file(Totals& totals, const lint::FileResult& file);
Totals count(const lint::RunResult& result);

// Compiler-style lines ("path:line:col: severity: message [rule]"), with the
// source line and a caret underline when asked, and a summary line:
// render_text_file for each file, then render_text_summary.
std::string render_text(const lint::RunResult& result, const TextOptions& options);
// A file's lines ("" for a file that could not be read: its error goes to
// standard error).
std::string render_text_file(const lint::FileResult& file, const TextOptions& options);
// The summary line and its line end; "" with --quiet.
std::string render_text_summary(const Totals& totals,
                                std::size_t files_checked,
                                const links::LiveSummary& links,
                                const TextOptions& options);

// "3 errors, 2 warnings, 1 note in 4 files (12 files checked)"
std::string summary_line(const Totals& totals, std::size_t files_checked);
// "; 3 web links not checked (offline)" after the summary line when live
// link checks were skipped, else "".
std::string links_note(const lint::RunResult& result);
std::string links_note(const links::LiveSummary& links);

} // namespace presslint::report
