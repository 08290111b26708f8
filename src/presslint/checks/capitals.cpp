// capitals: a text set in capitals (a shouted headline).
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/core/utf8.hpp>

#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 2> k_params{{
  {"scope", rules::ParamType::scope_list, "[headline]", "the regions to check, each text on its own"},
  {"min-runs", rules::ParamType::integer, "2",
   "how many runs of two or more capitals, each after a space, make a text with no lower-case "
   "letter one in capitals"},
}};
constexpr std::array<std::string_view, 1> k_placeholders{"match"};

bool
is_space(char32_t cp)
{
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f';
}

// True when the text has no lower-case letter and at least `min_runs` runs
// of two or more upper-case letters, with a space somewhere between each run
// and the next one counted ("ACME OPENS", not "ACME-OPENS" or "Q3").
bool
in_capitals(std::string_view text, std::int64_t min_runs)
{
  std::int64_t runs = 0;
  std::size_t run_length = 0;
  bool counted = false;   // the current run is already counted
  bool space_after = true; // a space since the last counted run
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = 1;
    const char32_t cp = core::decode_utf8(text, i, len);
    i += len;
    if (core::is_lower_code_point(cp)) {
      return false;
    }
    if (!core::is_upper_code_point(cp)) {
      run_length = 0;
      counted = false;
      space_after = space_after || is_space(cp);
      continue;
    }
    ++run_length;
    if (run_length >= 2 && !counted && space_after) {
      ++runs;
      counted = true;
      space_after = false;
    }
  }
  return runs >= min_runs;
}

class Capitals final : public Check
{
public:
  Capitals(std::vector<std::string> scope, std::int64_t min_runs)
    : m_scope(std::move(scope)), m_min_runs(min_runs)
  {
  }

  void run(const Context& ctx) const override
  {
    for_each_scoped_text(ctx.doc, ctx.regions, m_scope, [&](const document::MappedText& text) {
      if (text.text.empty() || text.overlaps_code(0, text.text.size())
          || !in_capitals(text.text, m_min_runs)) {
        return;
      }
      ctx.report(text.to_source(0, text.text.size()), {{"match", text.text}}, text.text);
    });
  }

private:
  std::vector<std::string> m_scope;
  std::int64_t m_min_runs;
};

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  const std::int64_t min_runs = params.integer("min-runs", 2);
  if (min_runs < 1) {
    param_error(params, "min-runs", rule_path, "\"min-runs\" must be at least 1", errors);
    return nullptr;
  }
  return std::make_unique<Capitals>(params.strings("scope"), min_runs);
}

} // namespace

const KindSpec&
CapitalsCheck::spec()
{
  static const KindSpec k_spec{"capitals",
                               "Flags a text set in capitals: no lower-case letter, and runs of "
                               "capitals in more than one word.",
                               k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
