// release-line: the line above the headline that says when the release may
// be used (FOR IMMEDIATE RELEASE, an embargo line, PRESS RELEASE).
#include <presslint/checks/dates.hpp>
#include <presslint/checks/kinds.hpp>
#include <presslint/rules/rule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 4> k_params{{
  {"problem", rules::ParamType::string, "missing",
   "what the rule checks: missing (no release line before the headline) or conflict (both "
   "FOR IMMEDIATE RELEASE and an embargo line)"},
  {"accept", rules::ParamType::string_list, "[immediate, embargo, label]",
   "the release lines that count: immediate (FOR IMMEDIATE RELEASE), embargo, label (PRESS "
   "RELEASE, NEWS RELEASE, MEDIA RELEASE)"},
  {"require-date", rules::ParamType::boolean, "false",
   "missing: a date must also stand on the release line or on the next line"},
  {"no-date-message", rules::ParamType::string,
   "'no date on or right after the release line \"{label}\"'",
   "missing: the message when the release line has no date ({label})"},
}};
constexpr std::array<std::string_view, 2> k_placeholders{"label", "other"};

using document::ReleaseLineKind;

std::optional<ReleaseLineKind>
kind_from_name(std::string_view name)
{
  if (name == "immediate") {
    return ReleaseLineKind::immediate;
  }
  if (name == "embargo") {
    return ReleaseLineKind::embargo;
  }
  if (name == "label") {
    return ReleaseLineKind::label;
  }
  return std::nullopt;
}

std::string
source_text(const document::Document& doc, core::Span span)
{
  return doc.source.substr(span.begin, span.size());
}

// A numeric date: 3/2/2026, 03-02-2026.
bool
has_numeric_date(std::string_view text)
{
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!digit(text[i]) || (i > 0 && digit(text[i - 1]))) {
      continue;
    }
    std::size_t j = i;
    int groups = 0;
    std::size_t last_len = 0;
    while (groups < 3) {
      const std::size_t start = j;
      while (j < text.size() && digit(text[j])) {
        ++j;
      }
      last_len = j - start;
      if (last_len == 0 || last_len > 4) {
        break;
      }
      ++groups;
      if (groups < 3) {
        if (j < text.size() && (text[j] == '/' || text[j] == '-' || text[j] == '.')) {
          ++j;
        } else {
          break;
        }
      }
    }
    if (groups == 3 && (last_len == 4 || last_len == 2)) {
      return true;
    }
  }
  return false;
}

bool
has_full_date(std::string_view text)
{
  const auto found = dates::find_dates(text);
  return std::any_of(found.begin(), found.end(),
                     [](const dates::DateMatch& d) { return d.year.has_value(); })
         || has_numeric_date(text);
}

class ReleaseLine final : public Check
{
public:
  ReleaseLine(std::string problem,
              std::vector<ReleaseLineKind> accept,
              bool require_date,
              std::string no_date_message)
    : m_problem(std::move(problem)),
      m_accept(std::move(accept)),
      m_require_date(require_date),
      m_no_date_message(std::move(no_date_message))
  {
  }

  void run(const Context& ctx) const override
  {
    if (m_problem == "conflict") {
      run_conflict(ctx);
    } else {
      run_missing(ctx);
    }
  }

private:
  void run_missing(const Context& ctx) const
  {
    const auto& lines = ctx.regions.release_lines;
    auto it = std::find_if(lines.begin(), lines.end(), [&](const document::ReleaseLine& rl) {
      return std::find(m_accept.begin(), m_accept.end(), rl.kind) != m_accept.end();
    });
    if (it == lines.end()) {
      ctx.report(headline_span(ctx), {}, {});
      return;
    }
    if (!m_require_date || dated(ctx, *it)) {
      return;
    }
    const std::string label = source_text(ctx.doc, it->label);
    core::Finding f;
    f.rule_id = ctx.rule.id;
    f.severity = ctx.severity;
    f.message = format_message(m_no_date_message, {{"label", label}});
    f.span = it->label;
    f.matched = label;
    ctx.out.push_back(std::move(f));
  }

  void run_conflict(const Context& ctx) const
  {
    const auto& lines = ctx.regions.release_lines;
    auto immediate = std::find_if(lines.begin(), lines.end(), [](const document::ReleaseLine& rl) {
      return rl.kind == ReleaseLineKind::immediate;
    });
    auto embargo = std::find_if(lines.begin(), lines.end(), [](const document::ReleaseLine& rl) {
      return rl.kind == ReleaseLineKind::embargo;
    });
    if (immediate == lines.end() || embargo == lines.end()) {
      return;
    }
    const std::string label = source_text(ctx.doc, immediate->label);
    const std::string other = source_text(ctx.doc, embargo->label);
    ctx.report(immediate->label, {{"label", label}, {"other", other}}, label);
  }

  // The headline's text, or 1:1 when there is no headline.
  static core::Span headline_span(const Context& ctx)
  {
    if (ctx.regions.headline) {
      const document::Block& b = ctx.doc.blocks[*ctx.regions.headline];
      if (!b.content.text.empty()) {
        return b.content.to_source(0, b.content.text.size());
      }
      return core::Span{b.span.begin, b.span.begin};
    }
    return core::Span{0, 0};
  }

  // A date on the release line, or on the next line that is not blank.
  static bool dated(const Context& ctx, const document::ReleaseLine& rl)
  {
    const auto& lines = ctx.doc.lines;
    if (rl.line >= lines.size()) {
      return false;
    }
    if (has_full_date(lines[rl.line].content.text)) {
      return true;
    }
    for (std::size_t i = rl.line + 1; i < lines.size(); ++i) {
      const std::string& t = lines[i].content.text;
      if (t.find_first_not_of(" \t\r*_>") == std::string::npos) {
        continue;
      }
      return has_full_date(t);
    }
    return false;
  }

  std::string m_problem;
  std::vector<ReleaseLineKind> m_accept;
  bool m_require_date;
  std::string m_no_date_message;
};


std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  const std::string problem = params.string("problem", "missing");
  if (problem != "missing" && problem != "conflict") {
    param_error(params, "problem", rule_path, "\"problem\" must be missing or conflict", errors);
  }
  std::vector<ReleaseLineKind> accept;
  for (const std::string& name : params.strings("accept")) {
    if (const auto k = kind_from_name(name)) {
      accept.push_back(*k);
    } else {
      param_error(params, "accept", rule_path,
                  fmt::format("unknown release line \"{}\" in \"accept\" (known: immediate, "
                              "embargo, label)",
                              name),
                  errors);
    }
  }
  std::string no_date = params.string("no-date-message");
  for (const std::string& ph : message_placeholders(no_date)) {
    if (ph != "label") {
      param_error(params, "no-date-message", rule_path,
                  fmt::format("unknown placeholder \"{{{}}}\" in \"no-date-message\" (known: "
                              "{{label}})",
                              ph),
                  errors);
    }
  }
  return std::make_unique<ReleaseLine>(problem, std::move(accept),
                                       params.boolean("require-date"), std::move(no_date));
}

} // namespace

const KindSpec&
ReleaseLineCheck::spec()
{
  static const KindSpec k_spec{
    "release-line",
    "Flags a release with no release line before its headline (or, when asked, no date with "
    "it), or with both FOR IMMEDIATE RELEASE and an embargo line.",
    k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
