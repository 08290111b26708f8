#pragma once

// GitHub Actions workflow commands: one annotation per finding,
// "::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message".

#include <presslint/core/error.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/lint/run.hpp>
#include <presslint/report/sarif.hpp>

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

std::string render_github(const lint::RunResult& result,
                          const RunKeys& keys,
                          const GithubOptions& options);

} // namespace presslint::report
