// embargo: the embargo line ("EMBARGOED UNTIL 9 a.m. ET, Tuesday, March 3,
// 2026") read into its date, times, time zones and weekday, and checked for
// one problem per rule (see k_problems).
#include <presslint/checks/dateline_parse.hpp>
#include <presslint/checks/dates.hpp>
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/core/regex_groups.hpp>
#include <presslint/core/word_alternation.hpp>
#include <presslint/rules/rule.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <set>

namespace presslint::checks {

namespace {

namespace chr = std::chrono;
using dates::TextSpan;

constexpr std::array<std::string_view, 8> k_problems{
  "missing-date",   "missing-time", "missing-timezone",  "ambiguous-time",
  "weekday-mismatch", "dst-mismatch", "dateline-mismatch", "passed"};

constexpr std::array<rules::ParamSpec, 6> k_params{{
  {"problem", rules::ParamType::string, "missing-date",
   "what the rule checks: missing-date, missing-time, missing-timezone, ambiguous-time, "
   "weekday-mismatch, dst-mismatch, dateline-mismatch or passed"},
  {"time-zones", rules::ParamType::string_map, "{}",
   "the time zones: name -> {offset, rule, daylight-form, standard-form, note} (use {data: "
   "time-zones})"},
  {"time-zone-names", rules::ParamType::string_map, "{}",
   "longer time zone names and the zone each stands for (use {data: time-zone-names})"},
  {"labels", rules::ParamType::string_list, "[]",
   "embargo labels also looked for on a line of their own after the headline"},
  {"instants-message", rules::ParamType::string,
   "'the embargo times \"{time}\" and \"{other}\" are not the same moment'",
   "dst-mismatch: the message when two times of one embargo name different moments ({time}, "
   "{other})"},
  {"twenty-four-hour", rules::ParamType::boolean, "false",
   "ambiguous-time: times are on the 24-hour clock, where 12:00 is noon and 00:00 or 24:00 "
   "(which day?) is the ambiguous one"},
}};
constexpr std::array<std::string_view, 13> k_placeholders{
  "line", "label", "date", "time", "zone", "weekday", "actual", "expected",
  "season", "note", "dateline-date", "when", "other"};

// One stretch of text an embargo is read from: a line's text from `begin`.
struct Segment
{
  const document::MappedText* text = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Slot
{
  dates::TimeMatch time;
  std::size_t segment = 0;
  const dates::TimeZone* zone = nullptr;
  TextSpan zone_span;
  std::size_t zone_segment = 0;
};

struct ZoneMention
{
  const dates::TimeZone* zone = nullptr;
  std::size_t segment = 0;
  TextSpan span;
  bool attached = false;
};

struct Embargo
{
  core::Span label;
  core::Span line; // the label and the rest of its line, trimmed
  std::vector<Segment> segments;
  std::optional<dates::DateMatch> date;
  std::size_t date_segment = 0;
  std::vector<Slot> slots;
  std::vector<ZoneMention> zones;
};

bool
is_blank_text(std::string_view s)
{
  return s.find_first_not_of(" \t\r*_>\\") == std::string_view::npos;
}

dates::TextSpan
shifted(TextSpan s, std::size_t by)
{
  return s.empty() ? s : TextSpan{s.begin + by, s.end + by};
}

dates::DateMatch
shifted(dates::DateMatch d, std::size_t by)
{
  d.span = shifted(d.span, by);
  d.weekday_span = shifted(d.weekday_span, by);
  d.month_span = shifted(d.month_span, by);
  d.day_span = shifted(d.day_span, by);
  d.year_span = shifted(d.year_span, by);
  return d;
}

// Where a date begins, its weekday left out.
std::size_t
date_begin(const dates::DateMatch& d)
{
  std::size_t b = std::min(d.month_span.begin, d.day_span.begin);
  if (d.year) {
    b = std::min(b, d.year_span.begin);
  }
  return b;
}

// The first text offset of `text` at or after source offset `source`.
std::size_t
text_offset_of(const document::MappedText& text, std::size_t source)
{
  for (std::size_t t = 0; t < text.text.size(); ++t) {
    if (text.source_begin_of(t) >= source) {
      return t;
    }
  }
  return text.text.size();
}

// True when the text has something a date or time could be made of.
bool
has_date_or_time(std::string_view s)
{
  if (std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;
  }
  std::string lower(s);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lower.find("noon") != std::string::npos || lower.find("midnight") != std::string::npos;
}

// A label found after the headline opens an embargo line only when it reads
// as one: in capitals ("EMBARGOED"), with "until" ("Embargoed until"), or
// with a colon ("Embargo: 00:01 GMT"); not "Embargo lifted in 2024".
bool
reads_as_label(std::string_view label, std::string_view rest)
{
  const bool capitals =
    std::none_of(label.begin(), label.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  std::string lower;
  for (const char c : label) {
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::size_t i = 0;
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '*' || rest[i] == '_')) {
    ++i;
  }
  rest.remove_prefix(i);
  auto starts = [&](std::string_view w) {
    if (rest.size() < w.size()) {
      return false;
    }
    for (std::size_t k = 0; k < w.size(); ++k) {
      const char c = rest[k];
      if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c) != w[k]) {
        return false;
      }
    }
    return true;
  };
  return capitals || lower.find("until") != std::string::npos
         || lower.find("till") != std::string::npos || lower.find("before") != std::string::npos
         || starts(":") || starts("until ") || starts("till ");
}

class EmbargoLines final : public Check
{
public:
  EmbargoLines(std::string problem,
               std::shared_ptr<const dates::TimeZoneTable> zones,
               std::shared_ptr<const LazyRegex> label_pattern,
               std::string instants_message,
               bool twenty_four_hour)
    : m_problem(std::move(problem)),
      m_zones(std::move(zones)),
      m_label_pattern(std::move(label_pattern)),
      m_instants_message(std::move(instants_message)),
      m_twenty_four_hour(twenty_four_hour)
  {
  }

  void run(const Context& ctx) const override
  {
    // The embargo rules of a rule set read the same lines the same way:
    // once for all of them.
    if (ctx.memo == nullptr) {
      for (const Embargo& e : find_embargoes(ctx)) {
        check(ctx, e);
      }
      return;
    }
    const auto& found = ctx.memo->get<std::vector<Embargo>>(
      {m_label_pattern.get(), m_zones.get()}, [&] { return find_embargoes(ctx); });
    for (const Embargo& e : found) {
      check(ctx, e);
    }
  }

private:
  // -------------------------------------------------------------------------
  // Finding and reading embargo lines: what they find depends on the
  // document, the label pattern and the time zones alone.

  std::vector<Embargo> find_embargoes(const Context& ctx) const
  {
    const auto& doc = ctx.doc;
    std::vector<Embargo> out;
    std::set<std::size_t> release_line_indices;
    for (const document::ReleaseLine& rl : ctx.regions.release_lines) {
      release_line_indices.insert(rl.line);
    }
    for (const document::ReleaseLine& rl : ctx.regions.release_lines) {
      if (rl.kind == document::ReleaseLineKind::embargo && rl.line < doc.lines.size()) {
        out.push_back(read(ctx, rl.line, rl.label, release_line_indices));
      }
    }
    // An embargo line of its own after the headline (some releases put it
    // under the headline or the summary).
    if (m_label_pattern && m_label_pattern->get().ok()) {
      for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        const document::Line& line = doc.lines[i];
        if (release_line_indices.count(i) != 0 || line.block == document::Line::npos
            || line.span.begin >= ctx.regions.body_end) {
          continue;
        }
        const document::Block& block = doc.blocks[line.block];
        if (block.kind == document::BlockKind::code || block.kind == document::BlockKind::html
            || block.content.text.find('\n') != std::string::npos
            || block.content.text.size() > 300 || line.content.text.size() > 400) {
          continue;
        }
        re2::StringPiece whole(line.content.text);
        re2::StringPiece groups[2];
        if (!core::find_groups(m_label_pattern->get(), line.content.text, 0, groups, 2)) {
          continue;
        }
        const re2::StringPiece group = groups[1];
        const auto b = static_cast<std::size_t>(group.data() - whole.data());
        const std::string_view rest = std::string_view(line.content.text).substr(b + group.size());
        const std::string_view label(group.data(), group.size());
        if (!has_date_or_time(rest) || !reads_as_label(label, rest)) {
          continue;
        }
        out.push_back(read(ctx, i, line.content.to_source(b, b + group.size()),
                           release_line_indices));
      }
    }
    return out;
  }

  Embargo read(const Context& ctx,
               std::size_t line_index,
               core::Span label,
               const std::set<std::size_t>& release_lines) const
  {
    const auto& doc = ctx.doc;
    const document::Line& line = doc.lines[line_index];
    Embargo e;
    e.label = label;
    // The label and the rest of the line, without trailing emphasis.
    std::size_t end = line.span.end;
    while (end > label.end
           && std::string_view(" \t\r*_\\").find(doc.source[end - 1]) != std::string_view::npos) {
      --end;
    }
    e.line = core::Span{label.begin, std::max(end, label.end)};
    const std::size_t begin = text_offset_of(line.content, label.end);
    e.segments.push_back(Segment{&line.content, begin, line.content.text.size()});
    // "EMBARGOED UNTIL" alone: the date and time are on the next line.
    if (!has_date_or_time(std::string_view(line.content.text).substr(begin))) {
      for (std::size_t j = line_index + 1; j < doc.lines.size(); ++j) {
        const document::Line& next = doc.lines[j];
        if (is_blank_text(next.content.text)) {
          continue;
        }
        const bool headline = ctx.regions.headline && next.block == *ctx.regions.headline;
        const bool body = ctx.regions.dateline_block && next.block == *ctx.regions.dateline_block;
        if (!headline && !body && release_lines.count(j) == 0
            && next.content.text.size() < 200 && has_date_or_time(next.content.text)) {
          e.segments.push_back(Segment{&next.content, 0, next.content.text.size()});
        }
        break;
      }
    }
    parse(e);
    return e;
  }

  void parse(Embargo& e) const
  {
    for (std::size_t si = 0; si < e.segments.size(); ++si) {
      const Segment& seg = e.segments[si];
      const std::string_view text =
        std::string_view(seg.text->text).substr(seg.begin, seg.end - seg.begin);
      if (!e.date) {
        const auto found = dates::find_dates(text);
        // A date with its year first; else the first one.
        auto it = std::find_if(found.begin(), found.end(),
                               [](const dates::DateMatch& d) { return d.year.has_value(); });
        if (it == found.end() && !found.empty()) {
          it = found.begin();
        }
        if (it != found.end()) {
          e.date = shifted(*it, seg.begin);
          e.date_segment = si;
        }
      }
      const std::size_t first_slot = e.slots.size();
      for (const dates::TimeMatch& t : dates::find_times(text)) {
        Slot s;
        s.time = t;
        s.time.span = shifted(t.span, seg.begin);
        s.segment = si;
        e.slots.push_back(s);
      }
      // Time zones: right after a time, and anywhere else on the line.
      std::vector<bool> covered(text.size() + 1, false);
      for (std::size_t k = first_slot; k < e.slots.size(); ++k) {
        Slot& s = e.slots[k];
        for (std::size_t p = s.time.span.begin; p < s.time.span.end; ++p) {
          covered[p - seg.begin] = true;
        }
        std::size_t p = s.time.span.end;
        while (p < seg.end && (seg.text->text[p] == ' ' || seg.text->text[p] == ',')) {
          ++p;
        }
        TextSpan zs;
        if (const dates::TimeZone* z = m_zones->match_at(seg.text->text, p, zs)) {
          s.zone = z;
          s.zone_span = zs;
          s.zone_segment = si;
          e.zones.push_back(ZoneMention{z, si, zs, true});
          for (std::size_t q = zs.begin; q < zs.end; ++q) {
            covered[q - seg.begin] = true;
          }
        }
      }
      if (m_zones->empty()) {
        continue;
      }
      for (std::size_t p = 0; p < text.size(); ++p) {
        if (covered[p]) {
          continue;
        }
        TextSpan zs;
        if (const dates::TimeZone* z = m_zones->match_at(seg.text->text, seg.begin + p, zs)) {
          if (zs.begin < seg.begin + p) {
            continue;
          }
          e.zones.push_back(ZoneMention{z, si, zs, false});
          p = zs.end - seg.begin;
        }
      }
    }
    // A zone written away from its time ("9 a.m. Tuesday, March 3, Eastern
    // Time") belongs to the time before it that has none.
    for (ZoneMention& z : e.zones) {
      if (z.attached) {
        continue;
      }
      for (Slot& s : e.slots) {
        if (s.zone == nullptr && (s.segment < z.segment
                                  || (s.segment == z.segment && s.time.span.end <= z.span.begin))) {
          s.zone = z.zone;
          s.zone_span = z.span;
          s.zone_segment = z.segment;
          z.attached = true;
          break;
        }
      }
    }
  }

  // -------------------------------------------------------------------------
  // Checks

  // The source text of a span.
  static std::string source_text(const Context& ctx, core::Span span)
  {
    return ctx.doc.source.substr(span.begin, span.size());
  }

  // True when quoted source text reads as it renders (HTML tags, entities
  // and line ends do not).
  static bool plain(std::string_view s)
  {
    return s.find('<') == std::string_view::npos && s.find('&') == std::string_view::npos
           && s.find('\n') == std::string_view::npos;
  }

  // The embargo line to point at and quote: the whole line when it stands
  // verbatim in the source, else its label.
  static core::Span line_span(const Context& ctx, const Embargo& e)
  {
    return plain(source_text(ctx, e.line)) ? e.line : e.label;
  }

  core::Span span_of(const Embargo& e, std::size_t segment, TextSpan s) const
  {
    return e.segments[segment].text->to_source(s.begin, s.end);
  }

  // The date the embargo lifts, with a year (written or inferred).
  static std::optional<chr::year_month_day> embargo_date(const Context& ctx, const Embargo& e)
  {
    if (!e.date || !e.date->is_valid()) {
      return std::nullopt;
    }
    if (e.date->year) {
      return e.date->ymd();
    }
    chr::year_month_day reference{chr::floor<chr::days>(ctx.now)};
    if (const auto d = dateline_date(ctx); d && d->first.year() != chr::year{0}) {
      reference = d->first;
    }
    const auto date = e.date->ymd_or(dates::nearest_year(e.date->month, e.date->day, reference));
    return date.ok() ? std::optional(date) : std::nullopt;
  }

  // The dateline's date and how it is written.
  static std::optional<std::pair<chr::year_month_day, std::string>> dateline_date(
    const Context& ctx)
  {
    const auto& r = ctx.regions;
    if (const auto dateline = find_dateline(ctx)) {
      if (!dateline->date || !dateline->date->valid()) {
        return std::nullopt;
      }
      return std::pair{dateline->date->ymd, dateline->date->whole.text};
    }
    // No dateline the parser knows: a date within the first words of the
    // first body paragraph ("(NewMediaWire) - March 11, 2025 - DALLAS —").
    if (!r.dateline_block || *r.dateline_block >= ctx.doc.blocks.size()) {
      return std::nullopt;
    }
    const std::string& text = ctx.doc.blocks[*r.dateline_block].content.text;
    const std::string_view head =
      std::string_view(text).substr(0, std::min<std::size_t>(80, text.size()));
    for (const dates::DateMatch& d : dates::find_dates(head)) {
      if (!d.is_valid()) {
        continue;
      }
      const std::size_t b = date_begin(d);
      return std::pair{d.ymd_or(0), std::string(head.substr(b, d.span.end - b))};
    }
    return std::nullopt;
  }

  void report(const Context& ctx,
              const std::string& message,
              core::Span span,
              const Vars& vars,
              std::string matched,
              std::optional<core::Fix> fix = std::nullopt) const
  {
    core::Finding f;
    f.rule_id = ctx.rule.id;
    f.severity = ctx.severity;
    f.message = format_message(message, vars);
    f.span = span;
    f.matched = std::move(matched);
    f.fix = std::move(fix);
    ctx.out.push_back(std::move(f));
  }

  void check(const Context& ctx, const Embargo& e) const
  {
    const core::Span where = line_span(ctx, e);
    const std::string line = source_text(ctx, where);
    const std::string label = source_text(ctx, e.label);
    Vars base{{"line", line}, {"label", label}};

    if (m_problem == "missing-date") {
      if (!e.date) {
        ctx.report(where, base, line);
      }
      return;
    }
    if (m_problem == "missing-time") {
      if (e.slots.empty()) {
        ctx.report(where, base, line);
      }
      return;
    }
    if (m_problem == "missing-timezone") {
      for (const Slot& s : e.slots) {
        if (s.zone == nullptr) {
          const core::Span span = span_of(e, s.segment, s.time.span);
          const std::string time = source_text(ctx, span);
          if (plain(time)) {
            ctx.report(span, {{"time", time}, {"line", line}, {"label", label}}, time);
          }
        }
      }
      return;
    }
    if (m_problem == "ambiguous-time") {
      for (const Slot& s : e.slots) {
        if (ambiguous(s.time)) {
          const core::Span span = span_of(e, s.segment, s.time.span);
          const std::string time = source_text(ctx, span);
          if (plain(time)) {
            ctx.report(span, {{"time", time}, {"line", line}, {"label", label}}, time);
          }
        }
      }
      return;
    }
    const auto date = embargo_date(ctx, e);
    if (m_problem == "weekday-mismatch") {
      if (!date || !e.date->weekday) {
        return;
      }
      const chr::weekday actual = dates::weekday_of(*date);
      if (actual == *e.date->weekday) {
        return;
      }
      const core::Span span = span_of(e, e.date_segment, e.date->weekday_span);
      const std::string weekday = source_text(ctx, span);
      ctx.report(span,
                 {{"weekday", weekday},
                  {"date", date_text(e)},
                  {"actual", std::string(dates::weekday_name(actual))},
                  {"line", line},
                  {"label", label}},
                 weekday);
      return;
    }
    if (m_problem == "dst-mismatch") {
      if (date) {
        check_dst(ctx, e, *date);
      }
      return;
    }
    if (m_problem == "dateline-mismatch") {
      const auto dl = dateline_date(ctx);
      if (!date || !dl) {
        return;
      }
      const bool years_known = e.date->year.has_value() && dl->first.year() != chr::year{0};
      const bool same = date->month() == dl->first.month() && date->day() == dl->first.day()
                        && (!years_known || date->year() == dl->first.year());
      if (same) {
        return;
      }
      const std::size_t b = date_begin(*e.date);
      const core::Span span = span_of(e, e.date_segment, TextSpan{b, e.date->span.end});
      const std::string written = source_text(ctx, span);
      if (plain(written)) {
        ctx.report(span, {{"date", written}, {"dateline-date", dl->second}, {"line", line}},
                   written);
      }
      return;
    }
    if (m_problem == "passed") {
      check_passed(ctx, e, date, where, line);
    }
  }

  // 12 a.m. and 12 p.m. always; 12:00 on a 12-hour clock, 00:00 and 24:00
  // on a 24-hour one.
  bool ambiguous(const dates::TimeMatch& t) const
  {
    if (t.meridiem || t.word || !m_twenty_four_hour) {
      return t.ambiguous;
    }
    return t.minute == 0 && t.hour == 0;
  }

  static std::string date_text(const Embargo& e)
  {
    const std::size_t b = date_begin(*e.date);
    std::string s = e.segments[e.date_segment].text->text.substr(b, e.date->span.end - b);
    return s;
  }

  // The UTC offset a zone's writer meant on a date: the local time of the
  // zone's region (EST in July is read as Eastern time, which is EDT then).
  static int intended_offset(const dates::TimeZone& z, chr::year_month_day date, int minute)
  {
    if (z.family() == dates::DaylightFamily::none) {
      return z.offset;
    }
    const int standard = z.is_daylight() ? z.offset - 60 : z.offset;
    return standard + (dates::daylight_in_force(z.family(), date, minute) ? 60 : 0);
  }

  void check_dst(const Context& ctx, const Embargo& e, chr::year_month_day date) const
  {
    for (const Slot& s : e.slots) {
      if (s.zone == nullptr || (!s.zone->is_standard() && !s.zone->is_daylight())) {
        continue;
      }
      const bool daylight =
        dates::daylight_in_force(s.zone->family(), date, s.time.minute_of_day());
      if (daylight == s.zone->is_daylight()) {
        continue;
      }
      const std::string& expected = daylight ? s.zone->daylight_form : s.zone->standard_form;
      const core::Span span = span_of(e, s.zone_segment, s.zone_span);
      const std::string zone = source_text(ctx, span);
      if (!plain(zone)) {
        continue;
      }
      std::string note;
      if (!s.zone->note.empty()) {
        note = fmt::format(" ({} is {})", s.zone->name, s.zone->note);
      }
      std::optional<core::Fix> fix;
      if (!expected.empty() && s.zone->note.empty() && zone == s.zone->name) {
        fix = core::Fix{fmt::format("use \"{}\"", expected), {core::Edit{span, expected}}};
      }
      ctx.report(span,
                 {{"zone", zone},
                  {"date", date_text(e)},
                  {"expected", expected.empty() ? std::string("the other form") : expected},
                  {"season", daylight ? "daylight" : "standard"},
                  {"note", note},
                  {"time", source_text(ctx, span_of(e, s.segment, s.time.span))}},
                 zone, std::move(fix));
    }
    // Two times for one embargo ("4 a.m. CT / 5 a.m. ET") must be the same
    // moment. A time with no a.m. or p.m. ("1:00 ET / 10:00 PT") may be
    // read on either clock.
    const Slot* first = nullptr;
    std::vector<chr::sys_time<chr::minutes>> first_instants;
    for (const Slot& s : e.slots) {
      if (s.zone == nullptr) {
        continue;
      }
      const auto instants = instants_of(s, date);
      if (first == nullptr) {
        first = &s;
        first_instants = instants;
        continue;
      }
      const bool same = std::any_of(instants.begin(), instants.end(), [&](const auto& i) {
        return std::find(first_instants.begin(), first_instants.end(), i) != first_instants.end();
      });
      if (same) {
        continue;
      }
      const core::Span a = slot_span(e, *first);
      const core::Span b = slot_span(e, s);
      const std::string other = source_text(ctx, b);
      const std::string time = source_text(ctx, a);
      if (!plain(other) || !plain(time)) {
        continue;
      }
      report(ctx, m_instants_message, b, {{"time", other}, {"other", time}}, other);
    }
  }

  // The moments a time with its zone may mean on a date.
  static std::vector<chr::sys_time<chr::minutes>> instants_of(const Slot& s,
                                                              chr::year_month_day date)
  {
    std::vector<int> minutes{s.time.minute_of_day()};
    if (!s.time.meridiem && !s.time.word && s.time.hour >= 1 && s.time.hour <= 12) {
      minutes.push_back((s.time.minute_of_day() + 12 * 60) % (24 * 60));
    }
    std::vector<chr::sys_time<chr::minutes>> out;
    for (const int m : minutes) {
      out.push_back(dates::to_utc(date, m, intended_offset(*s.zone, date, m)));
    }
    return out;
  }

  // A time and its zone ("5:00 a.m. ET"), or the time alone when the zone
  // stands elsewhere.
  core::Span slot_span(const Embargo& e, const Slot& s) const
  {
    const bool joined = s.zone_segment == s.segment && s.zone_span.begin >= s.time.span.end
                        && s.zone_span.begin - s.time.span.end <= 3;
    return span_of(e, s.segment,
                   TextSpan{s.time.span.begin, joined ? s.zone_span.end : s.time.span.end});
  }

  static void check_passed(const Context& ctx,
                           const Embargo& e,
                           const std::optional<chr::year_month_day>& date,
                           core::Span where,
                           const std::string& line)
  {
    if (!date) {
      return;
    }
    // Without a time or a zone, the latest moment the line can mean.
    int minute = 23 * 60 + 59;
    int offset = -12 * 60;
    const Slot* slot = nullptr;
    for (const Slot& s : e.slots) {
      if (slot == nullptr || (slot->zone == nullptr && s.zone != nullptr)) {
        slot = &s;
      }
    }
    if (slot != nullptr) {
      minute = slot->time.minute_of_day();
      if (slot->zone != nullptr) {
        offset = intended_offset(*slot->zone, *date, minute);
      }
    }
    const auto instant = dates::to_utc(*date, minute, offset);
    if (instant >= chr::floor<chr::minutes>(ctx.now)) {
      return;
    }
    const auto day = chr::floor<chr::days>(instant);
    const chr::hh_mm_ss hms{instant - day};
    const std::string when =
      fmt::format("{} {:02}:{:02} UTC", dates::format_iso(chr::year_month_day{day}),
                  hms.hours().count(), hms.minutes().count());
    ctx.report(where, {{"line", line}, {"when", when}, {"date", date_text(e)}}, line);
  }

  std::string m_problem;
  std::shared_ptr<const dates::TimeZoneTable> m_zones; // never null
  std::shared_ptr<const LazyRegex> m_label_pattern;
  std::string m_instants_message;
  bool m_twenty_four_hour;
};


// One table for every embargo rule with the same time zones, so that they
// can share what they read (EmbargoLines::run).
std::shared_ptr<const dates::TimeZoneTable>
shared_zones(dates::TimeZoneTable zones)
{
  static std::mutex k_mutex;
  static std::vector<std::shared_ptr<const dates::TimeZoneTable>> k_tables;
  std::lock_guard<std::mutex> lock(k_mutex);
  for (const auto& t : k_tables) {
    if (*t == zones) {
      return t;
    }
  }
  return k_tables.emplace_back(std::make_shared<const dates::TimeZoneTable>(std::move(zones)));
}

// One pattern for every embargo rule, compiled when a document first needs it.
std::shared_ptr<const LazyRegex>
label_pattern(std::vector<std::string> labels)
{
  if (labels.empty()) {
    return nullptr;
  }
  const std::string alternation = core::word_alternation(std::move(labels), core::WordSpacing::runs);
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  return shared_pattern(R"(^[\s>*_\\~]*(?:#{1,6}\s+)?[\s>*_\\~]*()" + alternation + R"()\b)",
                        options);
}

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  const std::string problem = params.string("problem", "missing-date");
  if (std::find(k_problems.begin(), k_problems.end(), problem) == k_problems.end()) {
    std::string known;
    for (const auto p : k_problems) {
      known += known.empty() ? "" : ", ";
      known += p;
    }
    param_error(params, "problem", rule_path,
                fmt::format("unknown problem \"{}\" (known: {})", problem, known), errors);
  }
  std::vector<std::string> problems;
  dates::TimeZoneTable zones;
  if (const rules::ParamEntry* z = params.entry("time-zones")) {
    zones = dates::TimeZoneTable::from_yaml(z->node, params.string_map("time-zone-names"),
                                            &problems);
  }
  for (std::string& p : problems) {
    param_error(params, "time-zones", rule_path, std::move(p), errors);
  }
  std::string instants = params.string("instants-message");
  for (const std::string& ph : message_placeholders(instants)) {
    if (ph != "time" && ph != "other") {
      param_error(params, "instants-message", rule_path,
                  fmt::format("unknown placeholder \"{{{}}}\" in \"instants-message\" (known: "
                              "{{time}}, {{other}})",
                              ph),
                  errors);
    }
  }
  return std::make_unique<EmbargoLines>(problem, shared_zones(std::move(zones)),
                                        label_pattern(params.strings("labels")),
                                        std::move(instants),
                                        params.boolean("twenty-four-hour"));
}

} // namespace

const KindSpec&
EmbargoCheck::spec()
{
  static const KindSpec k_spec{
    "embargo",
    "Reads the embargo line (date, times, time zones, weekday) and flags one problem with it: "
    "a missing date, time or zone, an ambiguous time, a wrong weekday, a time zone that does "
    "not match daylight saving time, a date other than the dateline's, or an embargo that has "
    "passed.",
    k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
