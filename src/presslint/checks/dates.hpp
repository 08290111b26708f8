#pragma once

// Dates, times of day and time zones as press releases write them.
//
// Dates: "Friday, Feb. 21, 2026", "Friday, February 21, 2026",
// "SUNDAY, OCTOBER 7, 2018" (US order), "Friday 21 February 2026",
// "3 February 2026", "Tuesday, 3rd February 2026" (UK order) and
// "2026-02-21" (ISO). The year may be missing ("Feb. 21"); a weekday may
// stand before the date. Times: "9:00 a.m.", "9 a.m.", "2 P.M.", "9am",
// "00:01", "14:30", "00.01 hrs", "noon", "midnight". Time zones: the
// abbreviations and names of the `time-zones` reference data
// (rules/data/dates.yaml).
//
// All positions are byte offsets into the text that was parsed. Nothing
// here reads a Document: callers map offsets back to the source with
// MappedText::to_source.

#include <presslint/rules/yaml_tree.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace presslint::document {
class Document;
struct Regions;
} // namespace presslint::document

namespace presslint::checks {
struct Context;
}

namespace presslint::checks::dates {

// A half-open range of byte offsets into the parsed text; empty when the
// part is absent.
struct TextSpan
{
  std::size_t begin = 0;
  std::size_t end = 0;

  [[nodiscard]] bool empty() const { return begin == end; }
  [[nodiscard]] std::size_t size() const { return end - begin; }
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

// ---------------------------------------------------------------------------
// Names

// The month (1-12) a word names, without regard to case: full names
// ("February", "FEBRUARY") and the usual abbreviations with or without a
// period ("Feb.", "Feb", "Sept.", "Sep"). 0 when the word is not a month.
unsigned month_from_name(std::string_view word);

// The weekday a word names, without regard to case: full names ("Friday")
// and abbreviations with or without a period ("Fri.", "Tues", "Thurs.").
std::optional<std::chrono::weekday> weekday_from_name(std::string_view word);

// "January" ... "December" for 1-12; "" otherwise.
std::string_view month_name(unsigned month);
// "Monday" ... "Sunday".
std::string_view weekday_name(std::chrono::weekday weekday);

// ---------------------------------------------------------------------------
// Dates

enum class DateOrder {
  month_day, // "Feb. 21, 2026" (US)
  day_month, // "21 February 2026" (UK)
  iso,       // "2026-02-21"
};

struct DateMatch
{
  TextSpan span;                          // the whole date, weekday included
  DateOrder order = DateOrder::month_day;

  std::optional<std::chrono::weekday> weekday; // the weekday named, if any
  TextSpan weekday_span;                       // "Friday" (without its comma)

  unsigned month = 0; // 1-12
  TextSpan month_span; // "Feb." (with its period)
  unsigned day = 0;    // as written (may be out of range: "Feb. 30")
  TextSpan day_span;   // "21" (with an ordinal suffix: "21st")
  std::optional<int> year;
  TextSpan year_span;

  // The date; valid only when year is set (see is_valid).
  [[nodiscard]] std::chrono::year_month_day ymd() const;
  // The date with `fallback` as its year when none is written.
  [[nodiscard]] std::chrono::year_month_day ymd_or(int fallback_year) const;
  // True when the day exists in its month (Feb. 29 needs a leap year; with
  // no year written, Feb. 29 counts as valid).
  [[nodiscard]] bool is_valid() const;
};

// Parses a date that starts exactly at `pos` (a weekday name or the date
// itself). Month names must start with a capital letter ("may 5" is not a
// date). Returns nullopt when no date starts there.
std::optional<DateMatch> parse_date_at(std::string_view text, std::size_t pos);

// Every date in `text`, left to right, not overlapping. Only dates that
// start and end on word boundaries are found.
std::vector<DateMatch> find_dates(std::string_view text);
// Those of find_dates(text) that have a weekday, found faster.
std::vector<DateMatch> find_weekday_dates(std::string_view text);

// The weekday of a date (the date must be valid).
std::chrono::weekday weekday_of(std::chrono::year_month_day date);

// The year that puts month/day nearest to `reference` (within half a year
// either way): for a date written without its year.
int nearest_year(unsigned month, unsigned day, std::chrono::year_month_day reference);

// ---------------------------------------------------------------------------
// Times of day

struct TimeMatch
{
  TextSpan span;          // the whole time: "9:00 a.m.", "00:01 hrs", "noon"
  int hour = 0;           // 0-23, resolved ("12 a.m." -> 0, "2 P.M." -> 14)
  int minute = 0;         // 0-59
  bool meridiem = false;  // a.m./p.m. written
  bool word = false;      // "noon" or "midnight" (possibly "12 noon")
  // "12 a.m.", "12 p.m." or "12:00" with no a.m./p.m.: readers take these
  // for either noon or midnight.
  bool ambiguous = false;

  // Minutes after midnight.
  [[nodiscard]] int minute_of_day() const { return hour * 60 + minute; }
};

// Parses a time that starts exactly at `pos`. Accepts "9 a.m.", "9:00 a.m.",
// "9am", "9 AM", "2 P.M.", "14:30", "00:01", "00.01 hrs", "0001 hrs",
// "noon", "midnight", "12 noon".
std::optional<TimeMatch> parse_time_at(std::string_view text, std::size_t pos);

// Every time in `text`, left to right, not overlapping.
std::vector<TimeMatch> find_times(std::string_view text);

// ---------------------------------------------------------------------------
// Daylight saving time

enum class DaylightFamily {
  none, // no daylight rule (UTC, HST, JST ...)
  us,   // second Sunday in March to the first Sunday in November
  eu,   // last Sunday in March to the last Sunday in October (UK and EU)
};

// The first and last day of daylight time in a year (the days the clocks
// change: daylight time is in force from the first day's early morning
// to the last day's early morning).
std::chrono::year_month_day daylight_start(DaylightFamily family, int year);
std::chrono::year_month_day daylight_end(DaylightFamily family, int year);

// True when daylight time is in force on `date` at local clock time
// `minute_of_day` (default noon). The US changes at 2 a.m. local time; the
// UK and EU at 01:00 UTC (taken as 1 a.m. standard / 2 a.m. summer time
// local). Always false for DaylightFamily::none.
bool daylight_in_force(DaylightFamily family,
                       std::chrono::year_month_day date,
                       int minute_of_day = 12 * 60);

// ---------------------------------------------------------------------------
// Time zones

// Which daylight rule a zone belongs to (the `rule` of the time-zones data).
enum class ZoneRule {
  none,         // no daylight time: UTC, HST, JST ...
  us_standard,  // EST, CST, MST, PST, AKST
  us_daylight,  // EDT, CDT, MDT, PDT, AKDT
  us_neutral,   // ET, CT, MT, PT, "Eastern": standard or daylight by date
  uk_standard,  // GMT
  uk_daylight,  // BST
  eu_standard,  // WET, CET, EET
  eu_daylight,  // WEST, CEST, EEST
};

struct TimeZone
{
  std::string name;            // as in the data: "EST", "ET", "Eastern"
  ZoneRule rule = ZoneRule::none;
  int offset = 0;              // minutes east of UTC (standard time for us_neutral)
  std::string daylight_form;   // "EDT" for EST
  std::string standard_form;   // "EST" for EDT
  std::string note;            // "right all year in Arizona"
  std::string ambiguous;       // "China Standard Time is UTC+8"

  [[nodiscard]] DaylightFamily family() const;
  // True for a zone that names standard or daylight time explicitly.
  [[nodiscard]] bool is_standard() const;
  [[nodiscard]] bool is_daylight() const;
  // The UTC offset in minutes on a date at a local time: us_neutral zones
  // resolve to standard or daylight time by the date.
  [[nodiscard]] int offset_on(std::chrono::year_month_day date,
                              int minute_of_day = 12 * 60) const;

  bool operator==(const TimeZone&) const = default;
};

class TimeZoneTable
{
public:
  // Reads the `time-zones` data (a mapping of name -> {offset, rule, ...});
  // `aliases` maps longer names ("Eastern Standard Time") to a zone name
  // ("EST"). Malformed entries are skipped, with a message in `problems`.
  static TimeZoneTable from_yaml(const rules::YamlNode& zones,
                                 const std::vector<std::pair<std::string, std::string>>& aliases,
                                 std::vector<std::string>* problems = nullptr);

  void add(TimeZone zone);
  void add_alias(std::string alias, std::string zone_name);

  // The zone a name gives: abbreviations match exactly ("EST", not "est"),
  // longer names and aliases without regard to case.
  [[nodiscard]] const TimeZone* find(std::string_view name) const;

  // The zone named exactly at `pos` (optionally in parentheses: "(ET)"),
  // the longest name first ("Eastern Standard Time" before "Eastern").
  // On success `span` holds the name as written (parentheses excluded).
  [[nodiscard]] const TimeZone* match_at(std::string_view text,
                                         std::size_t pos,
                                         TextSpan& span) const;

  [[nodiscard]] bool empty() const { return m_zones.empty(); }

  bool operator==(const TimeZoneTable&) const = default;

private:
  std::vector<TimeZone> m_zones;
  std::vector<std::pair<std::string, std::string>> m_aliases;
};

// ---------------------------------------------------------------------------
// Instants

// The UTC instant (in minutes) of a local date and time at a UTC offset.
std::chrono::sys_time<std::chrono::minutes> to_utc(std::chrono::year_month_day date,
                                                   int minute_of_day,
                                                   int offset_minutes);

// "2026-02-21" for messages.
std::string format_iso(std::chrono::year_month_day date);
// "Saturday, Feb. 21, 2026"-style text is left to callers; this gives
// "February 21, 2026".
std::string format_long(std::chrono::year_month_day date);

// ---------------------------------------------------------------------------
// A release's own date

// The date a release is dated: the date of its dateline, else the first
// full date (with a year) on or right after its release lines, else the
// first full date at the start of its first body paragraph. Used as the
// reference year for dates written without one.
std::optional<std::chrono::year_month_day> release_date(const document::Document& doc,
                                                        const document::Regions& regions);
// The same for the document a check runs on (its dateline found once).
std::optional<std::chrono::year_month_day> release_date(const Context& ctx);

} // namespace presslint::checks::dates
