// dateline: the dateline at the start of the first body paragraph. One kind
// for the dateline rules; each rule names the problem it checks
// (`problem: standalone-city`) and brings the reference data it needs.
#include <presslint/checks/dateline_parse.hpp>
#include <presslint/checks/kinds.hpp>
#include <presslint/core/utf8.hpp>
#include <presslint/rules/rule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 15> k_params{{
  {"problem", rules::ParamType::string, "",
   "what the rule checks: missing, city-case, state-style, standalone-city, month-style, "
   "invalid-date or separator"},
  {"message-missing", rules::ParamType::string, "",
   "the message for the problem's other case: standalone-city, a city that does not stand "
   "alone has no state or country; separator, no dash at all"},
  {"standalone-us", rules::ParamType::string_list, "[]",
   "US cities that stand alone in a dateline"},
  {"standalone-international", rules::ParamType::string_list, "[]",
   "cities outside the US that stand alone in a dateline"},
  {"standalone-homes", rules::ParamType::string_map, "{}",
   "stand-alone US city -> the postal code of its state (a city with another state is another "
   "city)"},
  {"provinces", rules::ParamType::string_list, "[]",
   "Canadian provinces and territories, in every form (another city of the same name)"},
  {"state-abbreviations", rules::ParamType::string_map, "{}",
   "AP state abbreviation -> postal code"},
  {"states-never-abbreviated", rules::ParamType::string_list, "[]",
   "states AP spells out in a dateline"},
  {"state-names", rules::ParamType::string_map, "{}", "full state name -> postal code"},
  {"state-forms", rules::ParamType::string_list, "[ap]",
   "the state forms accepted (ap, postal, full); the first is the one to write"},
  {"month-forms", rules::ParamType::string_map, "{}",
   "full month name -> the form to write in a date"},
  {"month-variants", rules::ParamType::string_map, "{}",
   "other spellings of months -> the full name"},
  {"accept-full-months", rules::ParamType::boolean, "false",
   "accept full month names besides the month-forms"},
  {"separators", rules::ParamType::string_list, "[em-dash]",
   "the dashes accepted after a dateline (em-dash, en-dash, double-hyphen, hyphen); the first "
   "is the one to write"},
  {"skip-parenthesized", rules::ParamType::boolean, "false",
   "do not check the dash after a place in brackets (\"(NEW YORK, NY) -\")"},
}};
constexpr std::array<std::string_view, 9> k_placeholders{
  "city", "region", "drop", "expected", "month", "date", "separator", "dateline", "start"};

enum class Problem {
  missing,
  city_case,
  state_style,
  standalone_city,
  month_style,
  invalid_date,
  separator,
};

constexpr std::array<std::pair<std::string_view, Problem>, 7> k_problems{{
  {"missing", Problem::missing},
  {"city-case", Problem::city_case},
  {"state-style", Problem::state_style},
  {"standalone-city", Problem::standalone_city},
  {"month-style", Problem::month_style},
  {"invalid-date", Problem::invalid_date},
  {"separator", Problem::separator},
}};

constexpr std::array<std::pair<std::string_view, DatelineSeparator>, 4> k_separators{{
  {"em-dash", DatelineSeparator::em_dash},
  {"en-dash", DatelineSeparator::en_dash},
  {"double-hyphen", DatelineSeparator::double_hyphen},
  {"hyphen", DatelineSeparator::hyphen},
}};

enum class StateForm { ap, postal, full };

constexpr std::array<std::pair<std::string_view, StateForm>, 3> k_state_forms{{
  {"ap", StateForm::ap},
  {"postal", StateForm::postal},
  {"full", StateForm::full},
}};

std::string_view
separator_text(DatelineSeparator s)
{
  switch (s) {
  case DatelineSeparator::em_dash:
    return "\u2014";
  case DatelineSeparator::en_dash:
    return "\u2013";
  case DatelineSeparator::double_hyphen:
    return "--";
  case DatelineSeparator::hyphen:
    return "-";
  case DatelineSeparator::none:
    break;
  }
  return "";
}

// Upper case for the letters place names use (ASCII, Latin-1, Latin
// Extended-A, Greek, Cyrillic); other code points stay.
char32_t
to_upper(char32_t c)
{
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 'A';
  }
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) {
    return c - 0x20;
  }
  if (c >= 0x100 && c <= 0x17F && c % 2 == 1 && c != 0x131 && c != 0x138 && c != 0x149
      && c != 0x17F) {
    return c - 1;
  }
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) {
    return c - 0x20;
  }
  if (c >= 0x430 && c <= 0x44F) {
    return c - 0x20;
  }
  return c;
}

std::string
upper(std::string_view s)
{
  std::string out;
  std::size_t len = 0;
  for (std::size_t i = 0; i < s.size(); i += len) {
    core::append_utf8(out, to_upper(core::decode_utf8(s, i, len)));
  }
  return out;
}

// ASCII case folding and runs of white space as one space, for comparing
// names ("N.Y." and "n.y.", "NEW  YORK" and "New York").
std::string
fold(std::string_view s)
{
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool
has_lower(std::string_view s)
{
  return upper(s) != s;
}

// A US state as a dateline may write it.
struct State
{
  std::string postal;
  StateForm written = StateForm::ap;
};

struct Settings
{
  Problem problem = Problem::missing;
  std::string message_missing;
  std::vector<std::string> standalone_us;       // folded
  std::vector<std::string> standalone_international;
  std::map<std::string, std::string> homes;     // folded city -> postal
  std::vector<std::string> provinces;           // folded
  std::map<std::string, std::string> ap_by_postal;   // "CA" -> "Calif."
  std::map<std::string, std::string> full_by_postal; // "CA" -> "California"
  std::map<std::string, std::string> postal_by_ap;   // folded "calif." -> "CA"
  std::map<std::string, std::string> postal_by_full; // folded "california" -> "CA"
  std::vector<std::string> never_abbreviated;         // folded
  std::vector<StateForm> state_forms;
  std::vector<std::pair<unsigned, std::pair<std::string, std::string>>> months; // n -> full, form
  std::map<std::string, std::string> month_variants;
  bool accept_full_months = false;
  std::vector<DatelineSeparator> separators;
  bool skip_parenthesized = false;
};

bool
contains(const std::vector<std::string>& list, const std::string& folded)
{
  return std::find(list.begin(), list.end(), folded) != list.end();
}

class DatelineRules final : public Check
{
public:
  explicit DatelineRules(Settings settings) : m_s(std::move(settings)) {}

  void run(const Context& ctx) const override
  {
    if (m_s.problem == Problem::missing) {
      check_missing(ctx);
      return;
    }
    const auto d = find_dateline(ctx);
    if (!d) {
      return;
    }
    switch (m_s.problem) {
    case Problem::city_case:
      check_city_case(ctx, *d);
      break;
    case Problem::state_style:
      check_state_style(ctx, *d);
      break;
    case Problem::standalone_city:
      check_standalone(ctx, *d);
      break;
    case Problem::month_style:
      check_month(ctx, *d);
      break;
    case Problem::invalid_date:
      if (d->date && !d->date->valid()) {
        ctx.report(d->date->whole.span, {{"date", d->date->whole.text}}, d->date->whole.text);
      }
      break;
    case Problem::separator:
      check_separator(ctx, *d);
      break;
    case Problem::missing:
      break;
    }
  }

private:
  // True when a part's text stands verbatim in the source, so that a fix
  // may replace it.
  static bool verbatim(const Context& ctx, const DatelinePart& part)
  {
    return part.span.end <= ctx.doc.source.size()
           && std::string_view(ctx.doc.source).substr(part.span.begin, part.span.size())
                == part.text;
  }

  static std::string source_text(const Context& ctx, core::Span span)
  {
    return ctx.doc.source.substr(span.begin, span.size());
  }

  // Reports with another message template than the rule's.
  static void report_with(const Context& ctx,
                          const std::string& message,
                          core::Span span,
                          const Vars& vars,
                          std::string matched,
                          std::optional<core::Fix> fix)
  {
    core::Finding f;
    f.rule_id = ctx.rule.id;
    f.severity = ctx.severity;
    f.message = format_message(message.empty() ? ctx.rule.message : message, vars);
    f.span = span;
    f.fix = std::move(fix);
    f.matched = std::move(matched);
    ctx.out.push_back(std::move(f));
  }

  static core::Fix replace(core::Span span, std::string replacement)
  {
    core::Fix fix;
    fix.title = fmt::format("Write \"{}\"", replacement);
    fix.edits.push_back(core::Edit{span, std::move(replacement)});
    return fix;
  }

  void check_missing(const Context& ctx) const
  {
    if (find_dateline(ctx)) {
      return;
    }
    const auto paragraph = dateline_paragraph(ctx);
    if (!paragraph) {
      return;
    }
    const document::MappedText& text = ctx.doc.blocks[*paragraph].content;
    const std::string_view t = text.text;
    // The paragraph's first words, to quote.
    std::size_t b = 0;
    while (b < t.size() && (t[b] == ' ' || t[b] == '\n' || t[b] == '\t')) {
      ++b;
    }
    if (b >= t.size()) {
      return;
    }
    std::size_t e = b;
    std::size_t words = 0;
    while (e < t.size() && words < 3) {
      std::size_t w = e;
      while (w < t.size() && t[w] != ' ' && t[w] != '\n' && t[w] != '\t') {
        ++w;
      }
      if (w - b > 40 && words > 0) {
        break;
      }
      e = w;
      ++words;
      while (w < t.size() && (t[w] == ' ' || t[w] == '\n' || t[w] == '\t')) {
        ++w;
      }
      if (w >= t.size()) {
        break;
      }
      if (words < 3) {
        e = w;
      }
    }
    // No trailing space or punctuation in the quote.
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t' || t[e - 1] == ','
                     || t[e - 1] == ';' || t[e - 1] == ':' || t[e - 1] == '.')) {
      --e;
    }
    if (e == b) {
      return;
    }
    // A cut inside a multi-byte character would split it: step back to a
    // character boundary.
    while (e > b && (static_cast<unsigned char>(t[e]) & 0xC0) == 0x80) {
      --e;
    }
    const std::string start(t.substr(b, e - b));
    const core::Span span = text.to_source(b, e);
    // The quote is matched to the source only where it stands there
    // verbatim (in HTML a tag may stand inside a word).
    const bool same = source_text(ctx, span) == start;
    ctx.report(span, {{"start", start}}, same ? start : std::string());
  }

  void check_city_case(const Context& ctx, const checks::Dateline& d) const
  {
    if (!has_lower(d.city.text)) {
      return;
    }
    const std::string expected = upper(d.city.text);
    std::optional<core::Fix> fix;
    if (verbatim(ctx, d.city)) {
      fix = replace(d.city.span, expected);
    }
    ctx.report(d.city.span, {{"city", d.city.text}, {"expected", expected}}, d.city.text,
               std::move(fix));
  }

  // The US state a dateline's region names, and how it is written.
  std::optional<State> resolve_state(std::string_view region) const
  {
    const std::string f = fold(region);
    if (auto it = m_s.postal_by_ap.find(f); it != m_s.postal_by_ap.end()) {
      return State{it->second, StateForm::ap};
    }
    if (auto it = m_s.postal_by_full.find(f); it != m_s.postal_by_full.end()) {
      return State{it->second, StateForm::full};
    }
    const std::string u = upper(region);
    if (m_s.full_by_postal.contains(u)) {
      return State{u, StateForm::postal};
    }
    return std::nullopt;
  }

  // How a state is written in a form ("Calif.", "CA", "California").
  std::string render_state(const std::string& postal, StateForm form) const
  {
    const auto full = m_s.full_by_postal.find(postal);
    switch (form) {
    case StateForm::postal:
      return postal;
    case StateForm::full:
      return full != m_s.full_by_postal.end() ? full->second : postal;
    case StateForm::ap:
      if (full != m_s.full_by_postal.end() && contains(m_s.never_abbreviated, fold(full->second))) {
        return full->second;
      }
      if (auto it = m_s.ap_by_postal.find(postal); it != m_s.ap_by_postal.end()) {
        return it->second;
      }
      return full != m_s.full_by_postal.end() ? full->second : postal;
    }
    return postal;
  }

  void check_state_style(const Context& ctx, const checks::Dateline& d) const
  {
    if (!d.region) {
      return;
    }
    const auto state = resolve_state(d.region->text);
    if (!state || m_s.state_forms.empty()) {
      return;
    }
    for (const StateForm form : m_s.state_forms) {
      if (fold(render_state(state->postal, form)) == fold(d.region->text)) {
        return;
      }
    }
    const std::string expected = render_state(state->postal, m_s.state_forms.front());
    std::optional<core::Fix> fix;
    if (verbatim(ctx, *d.region)) {
      fix = replace(d.region->span, expected);
    }
    ctx.report(d.region->span, {{"region", d.region->text}, {"expected", expected}},
               d.region->text, std::move(fix));
  }

  void check_standalone(const Context& ctx, const checks::Dateline& d) const
  {
    const std::string city = fold(d.city.text);
    // "CHICAGO & BRUSSELS", "SAN MATEO/HANOI": one state cannot serve two
    // cities; such datelines are left alone.
    if (city.find('&') != std::string::npos || city.find('/') != std::string::npos
        || city.find(" and ") != std::string::npos) {
      return;
    }
    const bool us = contains(m_s.standalone_us, city);
    const bool international = contains(m_s.standalone_international, city);
    if (!d.region) {
      if (us || international) {
        return;
      }
      // "HONG KONG SAR": a stand-alone city with a qualifier.
      for (const auto* list : {&m_s.standalone_us, &m_s.standalone_international}) {
        for (const std::string& name : *list) {
          if (city.starts_with(name + " ")) {
            return;
          }
        }
      }
      report_with(ctx, m_s.message_missing, d.city.span, {{"city", d.city.text}}, d.city.text,
                  std::nullopt);
      return;
    }
    if (!us && !international) {
      return;
    }
    // Another city of the same name: "DALLAS, Ga.", "LONDON, Ontario",
    // "SYDNEY, NOVA SCOTIA".
    const auto state = resolve_state(d.region->text);
    if (contains(m_s.provinces, fold(d.region->text))) {
      return;
    }
    if (state) {
      if (international) {
        return;
      }
      const auto home = m_s.homes.find(city);
      if (home != m_s.homes.end() && home->second != state->postal) {
        return;
      }
    }
    const core::Span last = d.country ? d.country->span : d.region->span;
    const core::Span drop{d.city.span.end, last.end};
    const core::Span whole{d.city.span.begin, last.end};
    const std::string drop_text = source_text(ctx, drop);
    // Only a plain ", NY" is removed: no markup may stand inside it.
    std::string plain = ", " + d.region->text;
    if (d.country) {
      plain += ", " + d.country->text;
    }
    std::optional<core::Fix> fix;
    if (fold(drop_text) == fold(plain)) {
      core::Fix f;
      f.title = fmt::format("Drop \"{}\"", drop_text);
      f.edits.push_back(core::Edit{drop, ""});
      fix = std::move(f);
    }
    ctx.report(whole,
               {{"city", d.city.text}, {"region", d.region->text}, {"drop", drop_text}},
               source_text(ctx, whole), std::move(fix));
  }

  void check_month(const Context& ctx, const checks::Dateline& d) const
  {
    if (!d.date || d.date->month.text.empty()) {
      return;
    }
    const std::string& written = d.date->month.text;
    unsigned n = 0;
    if (auto it = m_s.month_variants.find(written); it != m_s.month_variants.end()) {
      n = month_number(it->second);
    }
    if (n == 0) {
      n = month_number(written);
    }
    const auto it = std::find_if(m_s.months.begin(), m_s.months.end(),
                                 [&](const auto& m) { return m.first == n; });
    if (n == 0 || it == m_s.months.end()) {
      return;
    }
    const auto& [full, form] = it->second;
    if (written == form || (m_s.accept_full_months && written == full)) {
      return;
    }
    std::optional<core::Fix> fix;
    if (verbatim(ctx, d.date->month)) {
      fix = replace(d.date->month.span, form);
    }
    ctx.report(d.date->month.span, {{"month", written}, {"expected", form}}, written,
               std::move(fix));
  }

  void check_separator(const Context& ctx, const checks::Dateline& d) const
  {
    if ((d.parenthesized && m_s.skip_parenthesized) || m_s.separators.empty()) {
      return;
    }
    const std::string expected(separator_text(m_s.separators.front()));
    const std::string dateline = source_text(ctx, d.span);
    if (d.separator == DatelineSeparator::none) {
      // Where the dash belongs: after the last part. The fix adds it when
      // the release's text follows on (after a space, or a colon or a
      // comma that stands in its place).
      const std::size_t at = d.separator_text.span.begin;
      const std::string_view src = ctx.doc.source;
      std::optional<core::Fix> fix;
      const bool punctuation = at < src.size() && (src[at] == ':' || src[at] == ',' || src[at] == ';');
      std::size_t next = punctuation ? at + 1 : at;
      const std::size_t gap = next;
      while (next < src.size() && (src[next] == ' ' || src[next] == '\t')) {
        ++next;
      }
      // Text must follow on the same line, after a space.
      const bool text_follows = next > gap && next < src.size() && src[next] != '\n'
                                && src[next] != '\r';
      if (text_follows && punctuation) {
        fix = core::Fix{fmt::format("Write \"{}\" after the dateline", expected),
                        {core::Edit{core::Span{at, at + 1}, " " + expected}}};
      } else if (text_follows) {
        fix = core::Fix{fmt::format("Add \"{}\" after the dateline", expected),
                        {core::Edit{core::Span{at, at}, " " + expected}}};
      }
      report_with(ctx, m_s.message_missing, core::Span{at, at},
                  {{"dateline", dateline}, {"expected", expected}}, dateline, std::move(fix));
      return;
    }
    if (std::find(m_s.separators.begin(), m_s.separators.end(), d.separator)
        != m_s.separators.end()) {
      return;
    }
    std::optional<core::Fix> fix;
    if (verbatim(ctx, d.separator_text)) {
      fix = replace(d.separator_text.span, expected);
    }
    ctx.report(d.separator_text.span,
               {{"separator", d.separator_text.text}, {"expected", expected},
                {"dateline", dateline}},
               d.separator_text.text, std::move(fix));
  }

  Settings m_s;
};

core::Error
param_error(const rules::Params& params,
            std::string_view name,
            std::string_view rule_path,
            std::string message)
{
  core::Error e;
  e.path = std::string(rule_path);
  if (const rules::ParamEntry* entry = params.entry(name)) {
    e.path = entry->path == "<default>" ? std::string(rule_path) : entry->path;
    e.line = entry->node.line;
    e.column = entry->node.column;
  }
  e.message = std::move(message);
  return e;
}

std::vector<std::string>
folded_list(const std::vector<std::string>& list)
{
  std::vector<std::string> out;
  out.reserve(list.size());
  for (const std::string& s : list) {
    out.push_back(fold(s));
  }
  return out;
}

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  Settings s;
  const std::string problem = params.string("problem");
  const auto p = std::find_if(k_problems.begin(), k_problems.end(),
                              [&](const auto& e) { return e.first == problem; });
  if (p == k_problems.end()) {
    errors.push_back(param_error(
      params, "problem", rule_path,
      fmt::format("unknown dateline problem \"{}\" (known: missing, city-case, state-style, "
                  "standalone-city, month-style, invalid-date, separator)",
                  problem)));
    return nullptr;
  }
  s.problem = p->second;
  s.message_missing = params.string("message-missing");
  for (const std::string& name : message_placeholders(s.message_missing)) {
    if (std::find(k_placeholders.begin(), k_placeholders.end(), name) == k_placeholders.end()) {
      errors.push_back(param_error(params, "message-missing", rule_path,
                                   fmt::format("unknown placeholder \"{{{}}}\" in message-missing",
                                               name)));
    }
  }
  s.standalone_us = folded_list(params.strings("standalone-us"));
  s.standalone_international = folded_list(params.strings("standalone-international"));
  for (const auto& [city, postal] : params.string_map("standalone-homes")) {
    s.homes[fold(city)] = upper(postal);
  }
  s.provinces = folded_list(params.strings("provinces"));
  for (const auto& [ap, postal] : params.string_map("state-abbreviations")) {
    s.ap_by_postal[postal] = ap;
    s.postal_by_ap[fold(ap)] = postal;
  }
  for (const auto& [full, postal] : params.string_map("state-names")) {
    s.full_by_postal[postal] = full;
    s.postal_by_full[fold(full)] = postal;
  }
  s.never_abbreviated = folded_list(params.strings("states-never-abbreviated"));
  for (const std::string& form : params.strings("state-forms")) {
    const auto f = std::find_if(k_state_forms.begin(), k_state_forms.end(),
                                [&](const auto& e) { return e.first == form; });
    if (f == k_state_forms.end()) {
      errors.push_back(param_error(params, "state-forms", rule_path,
                                   fmt::format("unknown state form \"{}\" (known: ap, postal, "
                                               "full)",
                                               form)));
      continue;
    }
    s.state_forms.push_back(f->second);
  }
  for (const auto& [full, form] : params.string_map("month-forms")) {
    const unsigned n = month_number(full);
    if (n == 0) {
      errors.push_back(param_error(params, "month-forms", rule_path,
                                   fmt::format("\"{}\" in month-forms is not a month", full)));
      continue;
    }
    s.months.push_back({n, {full, form}});
  }
  for (const auto& [variant, full] : params.string_map("month-variants")) {
    s.month_variants[variant] = full;
  }
  s.accept_full_months = params.boolean("accept-full-months");
  for (const std::string& name : params.strings("separators")) {
    const auto f = std::find_if(k_separators.begin(), k_separators.end(),
                                [&](const auto& e) { return e.first == name; });
    if (f == k_separators.end()) {
      errors.push_back(param_error(params, "separators", rule_path,
                                   fmt::format("unknown separator \"{}\" (known: em-dash, "
                                               "en-dash, double-hyphen, hyphen)",
                                               name)));
      continue;
    }
    s.separators.push_back(f->second);
  }
  s.skip_parenthesized = params.boolean("skip-parenthesized");
  return std::make_unique<DatelineRules>(std::move(s));
}

} // namespace

const KindSpec&
DatelineCheck::spec()
{
  static const KindSpec k_spec{
    "dateline",
    "Checks the dateline at the start of the first body paragraph: that it is there, and its "
    "city, state, date and dash.",
    k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
