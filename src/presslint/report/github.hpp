#pragma once

// GitHub Actions workflow commands: one annotation per finding,
// "::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message".

#include <presslint/core/error.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/lint/run.hpp>
#include <presslint/report/sarif.hpp>
#include <presslint/report/text.hpp>

#include <string>
#include <string_view>

namespace presslint::report {

struct GithubOptions
{
  bool quiet = false;                                 // only findings at or above min_severity
  core::Severity min_severity = core::Severity::note; // with quiet
  core::Errors config_errors;                         // annotated too
};

// The toolkit's escaping of a command's message: % CR LF.
std::string escape_github_data(std::string_view text);
// ... and of a property value: also ':' and ','.
std::string escape_github_property(std::string_view text);

// The config errors' annotations, each file's (render_github_file), and
// the summary line (render_github_summary).
std::string render_github(const lint::RunResult& result,
                          const RunKeys& keys,
                          const GithubOptions& options);
// A file's annotations: its findings, or its error when it could not be
// read; `repository_path` names it.
std::string render_github_file(const lint::FileResult& file,
                               const std::string& repository_path,
                               const GithubOptions& options);
// The summary line and its line end; "" when quiet or after config errors.
std::string render_github_summary(const Totals& totals,
                                  std::size_t files_checked,
                                  const links::LiveSummary& links,
                                  const GithubOptions& options);

} // namespace presslint::report
