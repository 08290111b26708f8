// substitution: a pattern and the text that should replace it (a safe fix).
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/checks/screen.hpp>

#include <fmt/format.h>

#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 4> k_params{{
  {"swap", rules::ParamType::string_map, "", "RE2 pattern -> replacement (\\1 for groups)"},
  {"whole-words", rules::ParamType::boolean, "true", "matches must stand on word boundaries"},
  {"scope", rules::ParamType::scope_list, "[all]", "the regions to search"},
  {"fix-title", rules::ParamType::string, "", "the title of the fix ({replacement} allowed)"},
}};
constexpr std::array<std::string_view, 2> k_placeholders{"match", "replacement"};

struct Swap
{
  Pattern pattern;
  std::string replacement;
};

class Substitution final : public Check
{
public:
  Substitution(std::vector<Swap> swaps, std::vector<std::string> scope, std::string fix_title)
    : m_swaps(std::move(swaps)), m_scope(std::move(scope)), m_fix_title(std::move(fix_title))
  {
  }

  void run(const Context& ctx) const override
  {
    const auto each = [&](const document::MappedText& text) {
      for (std::size_t k = 0; k < m_swaps.size(); ++k) {
        const Swap& s = m_swaps[k];
        const auto found = [&](std::size_t b, std::size_t e) {
          if (text.overlaps_code(b, e)) {
            return;
          }
          const std::string matched = text.text.substr(b, e - b);
          std::string replacement = matched;
          RE2::Replace(&replacement, s.pattern.re(), s.replacement);
          if (replacement == matched) {
            return;
          }
          const core::Span span = text.to_source(b, e);
          std::optional<core::Fix> fix;
          // Only text that stands verbatim in the source can be replaced safely.
          if (std::string_view(ctx.doc.source).substr(span.begin, span.size()) == matched) {
            fix = core::Fix{format_message(m_fix_title.empty() ? "Replace with \"{replacement}\""
                                                               : m_fix_title,
                                           {{"replacement", replacement}, {"match", matched}}),
                            {core::Edit{span, replacement}}};
          }
          ctx.report(span, {{"match", matched}, {"replacement", replacement}}, matched,
                     std::move(fix));
        };
        if (ctx.screen != nullptr) {
          ctx.screen->for_each_match(m_screen, k, s.pattern, text, found);
        } else {
          for_each_match(s.pattern, text.text, found);
        }
      }
    };
    if (ctx.screen != nullptr) {
      ctx.screen->for_each_text(ctx.doc, ctx.regions, m_scope, m_screen, each);
    } else {
      for_each_scoped_text(ctx.doc, ctx.regions, m_scope, each);
    }
  }

  void screened(std::vector<std::shared_ptr<const LazyRegex>>& out) const override
  {
    for (const Swap& s : m_swaps) {
      out.push_back(s.pattern.lazy);
    }
  }

  void bind(PatternScreen& screen) override
  {
    std::vector<const LazyRegex*> patterns;
    for (const Swap& s : m_swaps) {
      patterns.push_back(s.pattern.lazy.get());
    }
    m_screen.bind(screen, m_scope, patterns);
  }

private:
  std::vector<Swap> m_swaps;
  std::vector<std::string> m_scope;
  ScreenBinding m_screen;
  std::string m_fix_title;
};

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  std::vector<Swap> swaps;
  const rules::ParamEntry* entry = params.entry("swap");
  const bool whole_words = params.boolean("whole-words", true);
  if (entry != nullptr) {
    RE2::Options options;
    options.set_log_errors(false);
    for (const auto& [key, value] : entry->node.entries) {
      Swap s;
      s.pattern.source = key.value;
      s.pattern.lazy = shared_pattern(key.value, options);
      s.pattern.whole_words = whole_words;
      s.replacement = value.value;
      if (entry->checked) {
        swaps.push_back(std::move(s));
        continue;
      }
      std::string why;
      if (!s.pattern.re().ok()) {
        errors.push_back(core::Error{entry->path.empty() ? std::string(rule_path) : entry->path,
                                     key.line, key.column,
                                     fmt::format("invalid RE2 pattern \"{}\": {}", key.value,
                                                 s.pattern.re().error()),
                                     {}});
        continue;
      }
      if (!s.pattern.re().CheckRewriteString(s.replacement, &why)) {
        errors.push_back(core::Error{entry->path.empty() ? std::string(rule_path) : entry->path,
                                     value.line, value.column,
                                     fmt::format("invalid replacement \"{}\": {}", value.value, why),
                                     {}});
        continue;
      }
      swaps.push_back(std::move(s));
    }
  }
  return std::make_unique<Substitution>(std::move(swaps), params.strings("scope"),
                                        params.string("fix-title"));
}

} // namespace

const KindSpec&
SubstitutionCheck::spec()
{
  static const KindSpec k_spec{"substitution",
                               "Flags a pattern and offers its replacement as a safe fix.",
                               k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
