#include <presslint/lint/linter.hpp>

#include <presslint/checks/dateline_parse.hpp>
#include <presslint/rules/rule.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <sstream>

namespace presslint::lint {

void
sort_findings(std::vector<core::Finding>& findings)
{
  std::stable_sort(findings.begin(), findings.end(),
                   [](const core::Finding& a, const core::Finding& b) {
                     if (a.span.begin != b.span.begin) {
                       return a.span.begin < b.span.begin;
                     }
                     if (a.rule_id != b.rule_id) {
                       return a.rule_id < b.rule_id;
                     }
                     return a.span.end < b.span.end;
                   });
}

namespace {

struct Control
{
  enum class Kind { disable, enable, disable_next_line, disable_line } kind;
  std::size_t offset = 0;  // where it takes effect
  std::size_t line = 0;    // for disable-next-line: the 0-based line it covers
  std::vector<std::string> rules; // empty: all
};

bool
names(const std::vector<std::string>& rules, const std::string& id)
{
  if (rules.empty()) {
    return true;
  }
  const std::string category = id.substr(0, id.find('.'));
  return std::any_of(rules.begin(), rules.end(),
                     [&](const std::string& r) { return r == id || r == category; });
}

} // namespace

void
apply_inline_controls(const document::Document& doc, std::vector<core::Finding>& findings)
{
  if (doc.source.find("presslint-") == std::string::npos) {
    return;
  }
  static const RE2 k_control(
    R"(<!--\s*presslint-(disable-next-line|disable-line|disable|enable)((?:\s[^>]*?)?)\s*-->)");
  std::vector<Control> controls;
  re2::StringPiece input(doc.source);
  const char* base = doc.source.data();
  while (true) {
    re2::StringPiece groups[3];
    if (!k_control.Match(input, 0, input.size(), RE2::UNANCHORED, groups, 3)) {
      break;
    }
    const auto begin = static_cast<std::size_t>(groups[0].data() - base);
    const std::size_t end = begin + groups[0].size();
    Control c;
    const std::string_view kv(groups[1].data(), groups[1].size());
    if (kv == "disable") {
      c.kind = Control::Kind::disable;
    } else if (kv == "enable") {
      c.kind = Control::Kind::enable;
    } else if (kv == "disable-line") {
      c.kind = Control::Kind::disable_line;
    } else {
      c.kind = Control::Kind::disable_next_line;
    }
    c.offset = c.kind == Control::Kind::enable ? end : begin;
    // The line a line-scoped comment covers: its own, or the next one.
    c.line = doc.line_index(begin) + (c.kind == Control::Kind::disable_next_line ? 1 : 0);
    std::istringstream words(std::string(groups[2].data(), groups[2].size()));
    std::string w;
    while (words >> w) {
      while (!w.empty() && w.back() == ',') {
        w.pop_back();
      }
      if (!w.empty()) {
        c.rules.push_back(w);
      }
    }
    controls.push_back(std::move(c));
    input.remove_prefix(end - static_cast<std::size_t>(input.data() - base));
  }
  if (controls.empty()) {
    return;
  }
  std::erase_if(findings, [&](const core::Finding& f) {
    bool disabled = false;
    const std::size_t line = doc.line_index(f.span.begin);
    for (const Control& c : controls) {
      if (c.kind == Control::Kind::disable_next_line || c.kind == Control::Kind::disable_line) {
        if (c.line == line && names(c.rules, f.rule_id)) {
          return true;
        }
        continue;
      }
      if (c.offset > f.span.begin) {
        break;
      }
      if (names(c.rules, f.rule_id)) {
        disabled = c.kind == Control::Kind::disable;
      }
    }
    return disabled;
  });
}

void
apply_superseded(const rules::RuleSet& rules, std::vector<core::Finding>& findings)
{
  // One problem, one finding: a rule's finding hides the findings of the
  // rules it supersedes on overlapping text.
  std::vector<bool> drop(findings.size(), false);
  for (const core::Finding& winner : findings) {
    const rules::ActiveRule* active = rules.find(winner.rule_id);
    if (active == nullptr || active->rule->supersedes.empty()) {
      continue;
    }
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const core::Finding& loser = findings[i];
      const auto& sup = active->rule->supersedes;
      if (std::find(sup.begin(), sup.end(), loser.rule_id) == sup.end()) {
        continue;
      }
      const bool overlap = loser.span.begin < winner.span.end && winner.span.begin < loser.span.end;
      const bool same_point = loser.span.begin == winner.span.begin;
      if (overlap || same_point) {
        drop[i] = true;
      }
    }
  }
  std::size_t i = 0;
  std::erase_if(findings, [&](const core::Finding&) { return drop[i++]; });
}

std::vector<core::Finding>
lint_document(const document::Document& doc,
              const rules::RuleSet& rules,
              const document::RegionMatcher& matcher,
              std::chrono::sys_seconds now)
{
  const document::Regions regions = document::detect_regions(doc, matcher);
  std::vector<core::Finding> findings;
  checks::ScreenCache screen(rules.screen.get());
  checks::DocumentMemo memo;
  for (const rules::ActiveRule& active : rules.rules) {
    if (active.severity == core::Severity::off || !active.check) {
      continue;
    }
    checks::Context ctx{doc, regions, *active.rule, active.severity, now, findings, &screen, &memo};
    active.check->run(ctx);
  }
  apply_superseded(rules, findings);
  apply_inline_controls(doc, findings);
  sort_findings(findings);
  return findings;
}

} // namespace presslint::lint
