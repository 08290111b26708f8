// required: something that must appear in a region.
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>

#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 5> k_params{{
  {"patterns", rules::ParamType::pattern_list, "[]", "RE2 patterns, one of which must match"},
  {"words", rules::ParamType::string_list, "[]", "words or phrases, one of which must appear"},
  {"ignore-case", rules::ParamType::boolean, "true", "match words without regard to case"},
  {"scope", rules::ParamType::scope_list, "[all]", "the regions to search"},
  {"at", rules::ParamType::string, "start",
   "where a finding points: start, headline, body-start or body-end"},
}};
constexpr std::array<std::string_view, 0> k_placeholders{};

class Required final : public Check
{
public:
  Required(std::vector<Pattern> patterns, std::vector<std::string> scope, std::string at)
    : m_patterns(std::move(patterns)), m_scope(std::move(scope)), m_at(std::move(at))
  {
  }

  void run(const Context& ctx) const override
  {
    bool found = false;
    for_each_scoped_text(ctx.doc, ctx.regions, m_scope, [&](const document::MappedText& text) {
      for (const Pattern& p : m_patterns) {
        if (found) {
          return;
        }
        // The first match outside code is enough.
        found = any_match(p, text.text,
                          [&](std::size_t b, std::size_t e) { return !text.overlaps_code(b, e); });
      }
    });
    if (!found) {
      ctx.report(where(ctx), {}, {});
    }
  }

private:
  core::Span where(const Context& ctx) const
  {
    const auto& r = ctx.regions;
    const auto& d = ctx.doc;
    std::size_t at = d.content_begin;
    if (m_at == "headline" && r.headline) {
      at = d.blocks[*r.headline].span.begin;
    } else if (m_at == "body-start" && r.dateline_block) {
      at = d.blocks[*r.dateline_block].span.begin;
    } else if (m_at == "body-end" && !r.body.empty()) {
      at = d.blocks[r.body.back()].span.end;
    }
    return core::Span{at, at};
  }

  std::vector<Pattern> m_patterns;
  std::vector<std::string> m_scope;
  std::string m_at;
};

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  std::vector<Pattern> patterns = compile_patterns(params, "patterns", rule_path, errors);
  const std::vector<std::string> words = params.strings("words");
  if (!words.empty()) {
    patterns.push_back(compile_words(words, params.boolean("ignore-case", true)));
  }
  const std::string at = params.string("at", "start");
  if (at != "start" && at != "headline" && at != "body-start" && at != "body-end") {
    const rules::ParamEntry* e = params.entry("at");
    errors.push_back(core::Error{e->path.empty() ? std::string(rule_path) : e->path, e->node.line,
                                 e->node.column,
                                 "\"at\" must be start, headline, body-start or body-end",
                                 {}});
  }
  return std::make_unique<Required>(std::move(patterns), params.strings("scope"), at);
}

} // namespace

const KindSpec&
RequiredCheck::spec()
{
  static const KindSpec k_spec{"required", "Flags a region in which a pattern does not appear.",
                               k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
