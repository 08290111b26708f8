// existence: words or patterns that must not appear.
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/checks/screen.hpp>

#include <algorithm>
#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 6> k_params{{
  {"patterns", rules::ParamType::pattern_list, "[]", "RE2 patterns that must not match"},
  {"words", rules::ParamType::string_list, "[]", "words or phrases that must not appear (whole words)"},
  {"ignore-case", rules::ParamType::boolean, "true", "match words without regard to case"},
  {"scope", rules::ParamType::scope_list, "[all]", "the regions to search"},
  {"skip-quotations", rules::ParamType::boolean, "false", "ignore matches inside quoted speech"},
  {"exceptions", rules::ParamType::string_list, "[]", "matched texts that are allowed"},
}};
constexpr std::array<std::string_view, 1> k_placeholders{"match"};

class Existence final : public Check
{
public:
  Existence(std::vector<Pattern> patterns,
            std::vector<std::string> scope,
            bool skip_quotations,
            bool only_quotations,
            std::vector<std::string> exceptions)
    : m_patterns(std::move(patterns)),
      m_scope(std::move(scope)),
      m_skip_quotations(skip_quotations),
      m_only_quotations(only_quotations),
      m_exceptions(std::move(exceptions))
  {
  }

  void run(const Context& ctx) const override
  {
    const auto each = [&](const document::MappedText& text) {
      // Matches of all the patterns; where two overlap, the first and
      // longest is the one problem reported.
      std::vector<std::pair<std::size_t, std::size_t>> matches;
      const auto found = [&](std::size_t b, std::size_t e) {
        if (!text.overlaps_code(b, e)) {
          matches.emplace_back(b, e);
        }
      };
      for (std::size_t k = 0; k < m_patterns.size(); ++k) {
        if (ctx.screen != nullptr) {
          ctx.screen->for_each_match(m_screen, k, m_patterns[k], text, found);
        } else {
          for_each_match(m_patterns[k], text.text, found);
        }
      }
      std::sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
      });
      std::size_t covered = 0;
      for (const auto& [b, e] : matches) {
        if (b < covered) {
          continue;
        }
        covered = e;
        const std::string matched = text.text.substr(b, e - b);
        if (std::find(m_exceptions.begin(), m_exceptions.end(), matched) != m_exceptions.end()) {
          continue;
        }
        const core::Span span = text.to_source(b, e);
        const bool quoted = ctx.regions.in_quotation(span);
        if ((m_skip_quotations && quoted) || (m_only_quotations && !quoted)) {
          continue;
        }
        ctx.report(span, {{"match", matched}}, matched);
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
    for (const Pattern& p : m_patterns) {
      out.push_back(p.lazy);
    }
  }

  void bind(PatternScreen& screen) override
  {
    std::vector<const LazyRegex*> patterns;
    for (const Pattern& p : m_patterns) {
      patterns.push_back(p.lazy.get());
    }
    m_screen.bind(screen, m_scope, patterns);
  }

private:
  std::vector<Pattern> m_patterns;
  std::vector<std::string> m_scope;
  ScreenBinding m_screen;
  bool m_skip_quotations;
  bool m_only_quotations;
  std::vector<std::string> m_exceptions;
};

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  std::vector<Pattern> patterns = compile_patterns(params, "patterns", rule_path, errors);
  const std::vector<std::string> words = params.strings("words");
  if (!words.empty()) {
    patterns.push_back(compile_words(words, params.boolean("ignore-case", true)));
  }
  std::vector<std::string> scope = params.strings("scope");
  const bool only_quotations =
    std::find(scope.begin(), scope.end(), "quotation") != scope.end()
    && std::find(scope.begin(), scope.end(), "body") == scope.end();
  return std::make_unique<Existence>(std::move(patterns), std::move(scope),
                                     params.boolean("skip-quotations"), only_quotations,
                                     params.strings("exceptions"));
}

} // namespace

const KindSpec&
ExistenceCheck::spec()
{
  static const KindSpec k_spec{"existence",
                               "Flags words or patterns that must not appear in a region.",
                               k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
