// metric: counts and lengths with a minimum and a maximum.
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/checks/word_count.hpp>
#include <presslint/core/utf8.hpp>

#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 9> k_params{{
  {"scope", rules::ParamType::scope_list, "[body]", "the regions to measure"},
  {"per-block", rules::ParamType::boolean, "false",
   "measure each block on its own rather than the regions as a whole"},
  {"min-chars", rules::ParamType::integer, "", "fewest characters"},
  {"max-chars", rules::ParamType::integer, "", "most characters"},
  {"min-words", rules::ParamType::integer, "", "fewest words"},
  {"max-words", rules::ParamType::integer, "", "most words"},
  {"patterns", rules::ParamType::pattern_list, "[]", "patterns whose matches are counted"},
  {"min-count", rules::ParamType::integer, "", "fewest matches of the patterns"},
  {"max-count", rules::ParamType::integer, "", "most matches of the patterns"},
}};
constexpr std::array<std::string_view, 4> k_placeholders{"count", "min", "max", "unit"};

struct Limit
{
  std::string_view unit; // "characters", "words", "matches"
  std::int64_t min = -1;
  std::int64_t max = -1;
};

class Metric final : public Check
{
public:
  Metric(std::vector<Limit> limits,
         std::vector<Pattern> patterns,
         std::vector<std::string> scope,
         bool per_block)
    : m_limits(std::move(limits)),
      m_patterns(std::move(patterns)),
      m_scope(std::move(scope)),
      m_per_block(per_block)
  {
    for (const Limit& l : m_limits) {
      m_count_chars = m_count_chars || l.unit == "characters";
      m_count_words = m_count_words || l.unit == "words";
    }
  }

  void run(const Context& ctx) const override
  {
    std::size_t chars = 0;
    std::size_t words = 0;
    std::size_t matches = 0;
    core::Span first{};
    bool any = false;
    auto measure = [&](const document::MappedText& text) {
      std::string_view t = text.text;
      // Only what a limit asks for.
      chars = m_count_chars ? core::count_code_points(t) : 0;
      words = m_count_words ? count_words(t) : 0;
      matches = 0;
      for (const Pattern& p : m_patterns) {
        for_each_match(p, t, [&](std::size_t b, std::size_t e) {
          if (!text.overlaps_code(b, e)) {
            ++matches;
          }
        });
      }
    };
    if (m_per_block) {
      for_each_scoped_text(ctx.doc, ctx.regions, m_scope, [&](const document::MappedText& text) {
        measure(text);
        judge(ctx, text.to_source(0, text.text.size()), chars, words, matches);
      });
      return;
    }
    std::size_t total_chars = 0;
    std::size_t total_words = 0;
    std::size_t total_matches = 0;
    for_each_scoped_text(ctx.doc, ctx.regions, m_scope, [&](const document::MappedText& text) {
      measure(text);
      if (!any) {
        first = text.to_source(0, 0);
        any = true;
      }
      total_chars += chars;
      total_words += words;
      total_matches += matches;
    });
    if (!any) {
      return; // nothing to measure: other rules report the missing part
    }
    judge(ctx, first, total_chars, total_words, total_matches);
  }

private:
  void judge(const Context& ctx,
             core::Span span,
             std::size_t chars,
             std::size_t words,
             std::size_t matches) const
  {
    for (const Limit& l : m_limits) {
      const auto value = static_cast<std::int64_t>(
        l.unit == "characters" ? chars : (l.unit == "words" ? words : matches));
      const bool too_few = l.min >= 0 && value < l.min;
      const bool too_many = l.max >= 0 && value > l.max;
      if (too_few || too_many) {
        ctx.report(span,
                   {{"count", std::to_string(value)},
                    {"min", l.min >= 0 ? std::to_string(l.min) : "-"},
                    {"max", l.max >= 0 ? std::to_string(l.max) : "-"},
                    {"unit", std::string(l.unit)}},
                   std::string(ctx.doc.source.substr(span.begin, span.size())));
        return;
      }
    }
  }

  std::vector<Limit> m_limits;
  std::vector<Pattern> m_patterns;
  std::vector<std::string> m_scope;
  bool m_per_block;
  bool m_count_chars = false;
  bool m_count_words = false;
};

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  std::vector<Limit> limits;
  auto add = [&](std::string_view unit, std::string_view min_key, std::string_view max_key) {
    if (params.has(min_key) || params.has(max_key)) {
      limits.push_back(Limit{unit, params.integer(min_key, -1), params.integer(max_key, -1)});
    }
  };
  add("characters", "min-chars", "max-chars");
  add("words", "min-words", "max-words");
  add("matches", "min-count", "max-count");
  return std::make_unique<Metric>(std::move(limits),
                                  compile_patterns(params, "patterns", rule_path, errors),
                                  params.strings("scope"), params.boolean("per-block"));
}

} // namespace

const KindSpec&
MetricCheck::spec()
{
  static const KindSpec k_spec{"metric", "Flags counts and lengths outside a minimum and a maximum.",
                               k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
