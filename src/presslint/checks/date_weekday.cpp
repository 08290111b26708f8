// date-weekday: a weekday written with a date that falls on another day
// ("Friday, Feb. 21, 2026": Feb. 21, 2026 is a Saturday).
#include <presslint/checks/dates.hpp>
#include <presslint/checks/kinds.hpp>

#include <algorithm>
#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 2> k_params{{
  {"scope", rules::ParamType::scope_list, "[all, release-line]", "the regions to search"},
  {"infer-year", rules::ParamType::boolean, "true",
   "check dates written without a year, in the year nearest the release's own date"},
}};
constexpr std::array<std::string_view, 3> k_placeholders{"weekday", "date", "actual"};

namespace chr = std::chrono;

// "March 3-4", "March 3 and 4", "March 3 to 5": the weekday may belong to
// another day of the range.
bool
is_range(std::string_view text, std::size_t day_end)
{
  std::size_t p = day_end;
  while (p < text.size() && text[p] == ' ') {
    ++p;
  }
  auto digit_at = [&](std::size_t i) {
    while (i < text.size() && text[i] == ' ') {
      ++i;
    }
    return i < text.size() && text[i] >= '0' && text[i] <= '9';
  };
  for (const std::string_view joiner :
       {std::string_view("-"), std::string_view("\xE2\x80\x93"), std::string_view("\xE2\x80\x94"),
        std::string_view("to "), std::string_view("through "), std::string_view("and "),
        std::string_view("or "), std::string_view("& "), std::string_view("thru ")}) {
    if (text.substr(p).starts_with(joiner) && digit_at(p + joiner.size())) {
      return true;
    }
  }
  return false;
}

// A weekday that closes a list or range of weekdays ("Tuesday and
// Wednesday, March 3"): the date may be the first day's.
bool
ends_weekday_list(std::string_view text, std::size_t weekday_begin)
{
  std::string_view before = text.substr(0, weekday_begin);
  while (!before.empty() && before.back() == ' ') {
    before.remove_suffix(1);
  }
  for (const std::string_view joiner :
       {std::string_view(" and"), std::string_view(" or"), std::string_view(" through"),
        std::string_view(" to"), std::string_view(" thru"), std::string_view("-"),
        std::string_view("\xE2\x80\x93"), std::string_view("&")}) {
    if (before.ends_with(joiner)) {
      std::string_view rest = before.substr(0, before.size() - joiner.size());
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == ',')) {
        rest.remove_suffix(1);
      }
      std::size_t b = rest.size();
      while (b > 0 && ((rest[b - 1] >= 'a' && rest[b - 1] <= 'z')
                       || (rest[b - 1] >= 'A' && rest[b - 1] <= 'Z') || rest[b - 1] == '.')) {
        --b;
      }
      if (dates::weekday_from_name(rest.substr(b))) {
        return true;
      }
    }
  }
  return false;
}

class DateWeekday final : public Check
{
public:
  DateWeekday(std::vector<std::string> scope, bool infer_year)
    : m_scope(std::move(scope)), m_infer_year(infer_year)
  {
  }

  void run(const Context& ctx) const override
  {
    const std::optional<chr::year_month_day> reference =
      m_infer_year ? dates::release_date(ctx) : std::nullopt;
    for_each_scoped_text(ctx.doc, ctx.regions, m_scope, [&](const document::MappedText& text) {
      for (const dates::DateMatch& d : dates::find_weekday_dates(text.text)) {
        if (!d.weekday || !d.is_valid()) {
          continue;
        }
        if (text.overlaps_code(d.span.begin, d.span.end)) {
          continue;
        }
        if (is_range(text.text, d.day_span.end) || ends_weekday_list(text.text, d.span.begin)) {
          continue;
        }
        chr::year_month_day date;
        if (d.year) {
          date = d.ymd();
        } else if (reference) {
          date = d.ymd_or(dates::nearest_year(d.month, d.day, *reference));
        } else {
          continue;
        }
        if (!date.ok()) {
          continue;
        }
        const chr::weekday actual = dates::weekday_of(date);
        if (actual == *d.weekday) {
          continue;
        }
        const core::Span span = text.to_source(d.weekday_span.begin, d.weekday_span.end);
        const std::string weekday = ctx.doc.source.substr(span.begin, span.size());
        std::size_t date_begin = std::min(d.month_span.begin, d.day_span.begin);
        if (d.year) {
          date_begin = std::min(date_begin, d.year_span.begin);
        }
        std::string written = text.text.substr(date_begin, d.span.end - date_begin);
        if (!d.year) {
          written += ", " + std::to_string(static_cast<int>(date.year()));
        }
        ctx.report(span,
                   {{"weekday", weekday},
                    {"date", written},
                    {"actual", std::string(dates::weekday_name(actual))}},
                   weekday);
      }
    });
  }

private:
  std::vector<std::string> m_scope;
  bool m_infer_year;
};

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view, core::Errors&)
{
  return std::make_unique<DateWeekday>(params.strings("scope"),
                                       params.boolean("infer-year", true));
}

} // namespace

const KindSpec&
DateWeekdayCheck::spec()
{
  static const KindSpec k_spec{"date-weekday",
                               "Flags a weekday written with a date that falls on another day.",
                               k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
