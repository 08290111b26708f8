#include <presslint/report/text.hpp>

#include <presslint/core/utf8.hpp>

#include <fmt/format.h>

namespace presslint::report {

namespace {

std::string
plural(std::size_t n, std::string_view word)
{
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string_view
severity_color(core::Severity s)
{
  switch (s) {
  case core::Severity::error:
    return "\x1b[1;31m";
  case core::Severity::warning:
    return "\x1b[1;33m";
  default:
    return "\x1b[1;36m";
  }
}

// The source line with tabs kept, and a caret line under [begin, end).
void
append_source(std::string& out,
              const document::Document& doc,
              const core::Finding& f,
              bool color)
{
  const document::Position start = doc.position(f.span.begin);
  const std::string_view line = doc.raw_line(start.line - 1);
  const std::size_t line_begin = doc.line_start(start.line - 1);
  const std::size_t b = f.span.begin - line_begin;
  std::size_t e = std::min(f.span.end, line_begin + line.size());
  e = e > f.span.begin ? e - line_begin : b;
  out += fmt::format("  {}\n  ", line);
  std::string caret;
  std::size_t i = 0;
  while (i < b && i < line.size()) {
    std::size_t len = 1;
    core::decode_utf8(line, i, len);
    caret += line[i] == '\t' ? '\t' : ' ';
    i += len;
  }
  caret += '^';
  std::size_t width = e > b ? core::count_code_points(line.substr(b, e - b)) : 1;
  if (width > 1) {
    caret.append(width - 1, '~');
  }
  if (color) {
    out += fmt::format("\x1b[1;32m{}\x1b[0m\n", caret);
  } else {
    out += caret + "\n";
  }
}

} // namespace

void
count_file(Totals& t, const lint::FileResult& file)
{
  if (!file.findings.empty()) {
    ++t.files_with_findings;
  }
  for (const core::Finding& f : file.findings) {
    switch (f.severity) {
    case core::Severity::error:
      ++t.errors;
      break;
    case core::Severity::warning:
      ++t.warnings;
      break;
    case core::Severity::note:
      ++t.notes;
      break;
    case core::Severity::off:
      break;
    }
  }
}

Totals
count(const lint::RunResult& result)
{
  Totals t;
  for (const lint::FileResult& file : result.files) {
    count_file(t, file);
  }
  return t;
}

std::string
summary_line(const Totals& t, std::size_t files_checked)
{
  if (t.errors + t.warnings + t.notes == 0) {
    return fmt::format("no problems found ({} checked)", plural(files_checked, "file"));
  }
  return fmt::format("{}, {}, {} in {} ({} checked)", plural(t.errors, "error"),
                     plural(t.warnings, "warning"), plural(t.notes, "note"),
                     plural(t.files_with_findings, "file"), plural(files_checked, "file"));
}

std::string
links_note(const links::LiveSummary& links)
{
  if (!links.offline || links.links == 0) {
    return {};
  }
  return fmt::format("; {} not checked (offline)", plural(links.links, "web link"));
}

std::string
links_note(const lint::RunResult& result)
{
  return links_note(result.links);
}

std::string
render_text_file(const lint::FileResult& file, const TextOptions& options)
{
  std::string out;
  if (file.failed || !file.document) {
    return out;
  }
  const document::Document& doc = *file.document;
  document::PositionCursor positions(doc);
  for (const core::Finding& f : file.findings) {
    if (options.quiet && f.severity < options.min_severity) {
      continue;
    }
    const document::Position pos = positions.at(f.span.begin);
    if (options.color) {
      out += fmt::format("\x1b[1m{}:{}:{}:\x1b[0m {}{}:\x1b[0m {} \x1b[2m[{}]\x1b[0m\n",
                         file.path, pos.line, pos.column, severity_color(f.severity),
                         core::to_string(f.severity), f.message, f.rule_id);
    } else {
      out += fmt::format("{}:{}:{}: {}: {} [{}]\n", file.path, pos.line, pos.column,
                         core::to_string(f.severity), f.message, f.rule_id);
    }
    if (options.show_source) {
      append_source(out, doc, f, options.color);
    }
  }
  return out;
}

std::string
render_text_summary(const Totals& totals,
                    std::size_t files_checked,
                    const links::LiveSummary& links,
                    const TextOptions& options)
{
  if (options.quiet) {
    return {};
  }
  return summary_line(totals, files_checked) + links_note(links) + "\n";
}

std::string
render_text(const lint::RunResult& result, const TextOptions& options)
{
  std::string out;
  for (const lint::FileResult& file : result.files) {
    out += render_text_file(file, options);
  }
  return out + render_text_summary(count(result), result.files_checked, result.links, options);
}

} // namespace presslint::report
