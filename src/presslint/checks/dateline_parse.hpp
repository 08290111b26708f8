// The dateline at the start of a release's first body paragraph, parsed
// into its parts with their source spans:
//
//   NEW YORK, Feb. 16, 2026 —
//   CARLSBAD, Calif., May 5, 2025 —
//   (NEW YORK, NY) -
//   WASHINGTON --
//   AUSTIN, Texas, March 3, 2026 /PRNewswire/ --
//   SEATTLE, Wash.--(BUSINESS WIRE)--
//   HENGQIN, CHINA – Media OutReach Newswire – 21 August 2026 –
//
// The parser recognises the shape of a dateline only; which forms are
// right (AP abbreviations, stand-alone cities, month forms, dashes) is the
// rules' business.
#pragma once

#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>
#include <presslint/document/regions.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace presslint::checks {

struct Context;

// One part of a dateline: its text as it stands in the block's text and its
// span in the source.
struct DatelinePart
{
  std::string text;
  core::Span span;
};

// How the month of a dateline date is written.
enum class MonthForm {
  full,         // "February", "May"
  abbreviated,  // "Feb.", "Sept.", "Sep."  (a short form with a period)
  bare,         // "Feb", "Sep"            (a short form without a period)
};

// The date of a dateline: "Feb. 16, 2026", "March 5", "21 August 2026".
struct DatelineDate
{
  DatelinePart whole;               // the date as written, month to year
  DatelinePart month;               // the month as written ("Feb.", "Sept", "March")
  DatelinePart day;                 // the day as written ("16")
  std::optional<DatelinePart> year; // the year as written, when there is one
  MonthForm month_form = MonthForm::full;
  bool day_first = false;           // "21 August 2026"
  // The date. When the dateline gives no year, the year is
  // std::chrono::year{0} (a leap year, so Feb. 29 stays valid) and
  // `year` above is empty. A date that does not exist ("Feb. 30, 2026")
  // is kept as written: `ymd.ok()` is false.
  std::chrono::year_month_day ymd{};

  [[nodiscard]] bool has_year() const { return year.has_value(); }
  [[nodiscard]] bool valid() const { return ymd.ok(); }
};

// The dash that ends a dateline.
enum class DatelineSeparator {
  none,          // no dash: the text runs on, or a colon or comma stands there
  em_dash,       // "—"
  en_dash,       // "–"
  double_hyphen, // "--"
  hyphen,        // "-"
};

struct Dateline
{
  std::size_t block = 0;               // index into Document::blocks
  core::Span span;                     // the whole dateline, separator included
  DatelinePart city;                   // "NEW YORK", "Carlsbad"
  std::optional<DatelinePart> region;  // state, province or country ("Calif.", "NY", "CHINA")
  std::optional<DatelinePart> country; // a second part after the region ("Ontario, Canada")
  std::optional<DatelineDate> date;
  std::optional<DatelinePart> wire;    // "/PRNewswire/", "(BUSINESS WIRE)", "Media OutReach Newswire"
  bool parenthesized = false;          // "(NEW YORK, NY) -": the place stands in parentheses
  DatelineSeparator separator = DatelineSeparator::none;
  // The separator as written, with no white space; when there is none, an
  // empty span where it belongs (right after the last part) and text "".
  DatelinePart separator_text;
  // Where the release text after the dateline begins (a source offset).
  std::size_t text_begin = 0;
};

// Parses the dateline at the start of `text` (the text of block `block`);
// nullopt when the text does not begin with one.
std::optional<Dateline> parse_dateline(const document::MappedText& text, std::size_t block = 0);

// The dateline at the start of the first body paragraph
// (Regions::dateline_block). Subheadlines and label lines that stand
// before the first real paragraph ("--News Direct--", a one-line summary)
// are looked past, and a dateline standing alone on such a line counts.
// nullopt when there is no body or no dateline.
std::optional<Dateline> find_dateline(const document::Document& doc,
                                      const document::Regions& regions);

// The block a dateline belongs at the start of: Regions::dateline_block,
// or, when that is a subheadline or a label line, the first real paragraph
// after it (the block that holds the dateline, when there is one).
std::optional<std::size_t> dateline_paragraph(const document::Document& doc,
                                              const document::Regions& regions);

// find_dateline and dateline_paragraph for the document a check runs on:
// one search for all its rules, through its Context's memo when it has one.
std::optional<Dateline> find_dateline(const Context& ctx);
std::optional<std::size_t> dateline_paragraph(const Context& ctx);

// The month (1-12) an English month name or abbreviation stands for
// ("February", "Feb.", "Feb", "Sept.", "sep"), or 0.
unsigned month_number(std::string_view word);

} // namespace presslint::checks
