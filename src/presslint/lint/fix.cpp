#include <presslint/lint/fix.hpp>

#include <presslint/core/atomic_file.hpp>
#include <presslint/core/read_file.hpp>
#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace presslint::lint {

namespace {

bool
read_bytes(const std::string& path, std::string& out, std::string& why)
{
  const core::ReadStatus status = core::read_file(path, out);
  if (status == core::ReadStatus::read_error) {
    why = "read error";
  } else if (status != core::ReadStatus::ok) {
    why = "cannot be read again before writing";
  }
  return status == core::ReadStatus::ok;
}

bool
has_fix(const FileResult& file)
{
  return std::any_of(file.findings.begin(), file.findings.end(),
                     [](const core::Finding& f) { return f.fix && !f.fix->edits.empty(); });
}

} // namespace

bool
edits_conflict(const core::Edit& a, const core::Edit& b)
{
  const std::size_t begin = std::max(a.span.begin, b.span.begin);
  const std::size_t end = std::min(a.span.end, b.span.end);
  if (begin < end) {
    return true; // the ranges share text
  }
  // An insertion inside or at an edge of the other edit: which goes first
  // is not defined, so the later one waits.
  return (a.span.empty() || b.span.empty()) && begin <= end;
}

AppliedFixes
apply_fixes(std::string_view source, const std::vector<core::Finding>& findings)
{
  AppliedFixes out;
  std::vector<const core::Edit*> accepted;
  for (const core::Finding& f : findings) {
    if (!f.fix || f.fix->edits.empty()) {
      continue;
    }
    const std::vector<core::Edit>& edits = f.fix->edits;
    bool ok = true;
    for (std::size_t i = 0; ok && i < edits.size(); ++i) {
      const core::Edit& e = edits[i];
      if (e.span.begin > e.span.end || e.span.end > source.size()) {
        ok = false;
        break;
      }
      for (std::size_t j = 0; ok && j < i; ++j) {
        ok = !edits_conflict(e, edits[j]);
      }
      for (const core::Edit* other : accepted) {
        if (edits_conflict(e, *other)) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      ++out.deferred;
      continue;
    }
    // An edit that changes nothing is no fix.
    const bool changes = std::any_of(edits.begin(), edits.end(), [&](const core::Edit& e) {
      return source.substr(e.span.begin, e.span.size()) != e.replacement;
    });
    if (!changes) {
      continue;
    }
    for (const core::Edit& e : edits) {
      accepted.push_back(&e);
    }
    ++out.applied;
  }
  std::stable_sort(accepted.begin(), accepted.end(), [](const core::Edit* a, const core::Edit* b) {
    return a->span.begin < b->span.begin;
  });
  std::size_t at = 0;
  for (const core::Edit* e : accepted) {
    out.text.append(source.substr(at, e->span.begin - at));
    out.text += e->replacement;
    at = e->span.end;
  }
  out.text.append(source.substr(at));
  return out;
}

FixOutcome
fix_file(FileResult& file,
         const rules::RuleSet& rules,
         const document::RegionMatcher& matcher,
         std::chrono::sys_seconds now)
{
  FixOutcome outcome;
  if (file.failed || !file.document) {
    return outcome;
  }
  const std::string original = file.document->source;
  for (std::size_t pass = 0; pass < k_max_fix_passes; ++pass) {
    AppliedFixes applied = apply_fixes(file.document->source, file.findings);
    if (applied.applied == 0 || applied.text == file.document->source) {
      break;
    }
    auto doc = std::make_shared<document::Document>();
    core::Error error;
    if (!document::read_document(file.document->path, std::move(applied.text),
                                 file.document->format, *doc, error)) {
      break; // keep the last text that reads
    }
    file.findings = lint_document(*doc, rules, matcher, now);
    file.document = std::move(doc);
    outcome.applied += applied.applied;
    ++outcome.passes;
  }
  outcome.changed = file.document->source != original;
  return outcome;
}

WriteOutcome
write_fixed_file(const std::string& path,
                 std::string_view original,
                 std::string_view fixed,
                 std::string& why)
{
  std::string current;
  if (!read_bytes(path, current, why)) {
    return WriteOutcome::failed;
  }
  if (current != original) {
    why = "changed on disk while it was being linted";
    return WriteOutcome::changed_on_disk;
  }
  return core::write_file_atomic(path, fixed, why) ? WriteOutcome::written : WriteOutcome::failed;
}

FixRunReport
fix_run(Runner& runner, RunResult& result, std::chrono::sys_seconds now, const FixRunOptions& options)
{
  FixRunReport report;
  for (FileResult& file : result.files) {
    // By origin, not by name: a file on disk may have the --stdin-filename name.
    const bool is_stdin = file.from_stdin;
    if (file.failed || !file.document) {
      continue;
    }
    if (!has_fix(file)) {
      if (is_stdin && options.stdin_text != nullptr) {
        *options.stdin_text = file.document->source;
      }
      continue;
    }
    core::Errors errors;
    const rules::RuleSet* rules = runner.rule_set_for(file.path, nullptr, errors);
    if (rules == nullptr) {
      continue; // cannot happen after a run that linted the file
    }
    const auto original_document = file.document;
    const auto original_findings = file.findings;
    const FixOutcome outcome = fix_file(file, *rules, runner.catalog().region_matcher(), now);
    if (is_stdin) {
      if (options.stdin_text != nullptr) {
        *options.stdin_text = file.document->source;
      }
    } else if (outcome.changed) {
      std::string why;
      switch (write_fixed_file(file.path, original_document->source, file.document->source, why)) {
      case WriteOutcome::written:
        break;
      case WriteOutcome::changed_on_disk:
        report.messages.push_back(
          fmt::format("presslint: {}: {}; not fixed, left as it is", file.path, why));
        file.document = original_document;
        file.findings = original_findings;
        continue;
      case WriteOutcome::failed:
        report.messages.push_back(
          fmt::format("presslint: cannot write the fixes to {}: {}; the file is unchanged",
                      file.path, why));
        report.write_failed = true;
        file.document = original_document;
        file.findings = original_findings;
        continue;
      }
    }
    if (outcome.changed) {
      ++report.files_fixed;
      report.fixes_applied += outcome.applied;
    }
  }
  return report;
}

} // namespace presslint::lint
