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

Totals count(const lint::RunResult& result);

// Compiler-style lines ("path:line:col: severity: message [rule]"), with the
// source line and a caret underline when asked, and a summary line.
std::string render_text(const lint::RunResult& result, const TextOptions& options);

// "3 errors, 2 warnings, 1 note in 4 files (12 files checked)"
std::string summary_line(const Totals& totals, std::size_t files_checked);
// "; 3 web links not checked (offline)" after the summary line when live
// link checks were skipped, else "".
std::string links_note(const lint::RunResult& result);

} // namespace presslint::report
