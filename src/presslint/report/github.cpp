#include <presslint/report/github.hpp>

#include <presslint/report/text.hpp>

#include <fmt/format.h>

namespace presslint::report {

namespace {

std::string_view
command_of(core::Severity s)
{
  switch (s) {
  case core::Severity::error:
    return "error";
  case core::Severity::warning:
    return "warning";
  default:
    return "notice";
  }
}

std::string
escape(std::string_view text, bool property)
{
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// An annotation for an error that is not a finding (a config file, an
// unreadable release).
std::string
error_annotation(const core::Error& e, const std::string& path)
{
  std::string props;
  if (!path.empty()) {
    props = "file=" + escape_github_property(path);
    if (e.line > 0) {
      props += fmt::format(",line={}", e.line);
      if (e.column > 0) {
        props += fmt::format(",col={}", e.column);
      }
    }
    props += ",title=presslint";
  } else {
    props = "title=presslint";
  }
  return fmt::format("::error {}::{}\n", props, escape_github_data(e.message));
}

} // namespace

std::string
escape_github_data(std::string_view text)
{
  return escape(text, false);
}

std::string
escape_github_property(std::string_view text)
{
  return escape(text, true);
}

std::string
render_github_file(const lint::FileResult& file,
                   const std::string& repository_path,
                   const GithubOptions& options)
{
  if (file.failed) {
    return error_annotation(file.error, repository_path);
  }
  std::string out;
  if (!file.document) {
    return out;
  }
  const document::Document& doc = *file.document;
  for (const core::Finding& f : file.findings) {
    if (options.quiet && f.severity < options.min_severity) {
      continue;
    }
    const document::Position b = doc.position(f.span.begin);
    const document::Position e = doc.position(std::max(f.span.begin, f.span.end));
    // Columns only for a range on one line: the runner drops them otherwise.
    const std::string range =
      b.line == e.line ? fmt::format("line={},col={},endLine={},endColumn={}", b.line, b.column,
                                     e.line, e.column)
                       : fmt::format("line={},endLine={}", b.line, e.line);
    out += fmt::format("::{} file={},{},title={}::{}\n", command_of(f.severity),
                       escape_github_property(repository_path), range,
                       escape_github_property(f.rule_id), escape_github_data(f.message));
  }
  return out;
}

std::string
render_github_summary(const Totals& totals,
                      std::size_t files_checked,
                      const links::LiveSummary& links,
                      const GithubOptions& options)
{
  if (options.quiet || !options.config_errors.empty()) {
    return {};
  }
  return summary_line(totals, files_checked) + links_note(links) + "\n";
}

std::string
render_github(const lint::RunResult& result, const RunKeys& keys, const GithubOptions& options)
{
  std::string out;
  for (const core::Error& e : options.config_errors) {
    out += error_annotation(e, e.path.empty() ? std::string() : repository_path(e.path));
  }
  RepositoryPaths paths;
  for (std::size_t i = 0; i < result.files.size(); ++i) {
    const lint::FileResult& file = result.files[i];
    out += render_github_file(file, i < keys.size() ? keys[i].repository_path
                                                    : paths.of(file.path),
                              options);
  }
  return out + render_github_summary(count(result), result.files_checked, result.links, options);
}

} // namespace presslint::report
