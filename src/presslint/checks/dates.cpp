#include <presslint/checks/dates.hpp>

#include <presslint/checks/check.hpp>
#include <presslint/checks/dateline_parse.hpp>
#include <presslint/core/byte_scan.hpp>
#include <presslint/core/utf8.hpp>
#include <presslint/document/document.hpp>
#include <presslint/document/regions.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

namespace presslint::checks::dates {

namespace chr = std::chrono;

namespace {

bool
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool
is_alpha(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
is_upper(char c)
{
  return c >= 'A' && c <= 'Z';
}

bool
is_alnum(char c)
{
  return is_digit(c) || is_alpha(c);
}

char
lower(char c)
{
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// `word` in lower case in `out`, when it fits (a month or weekday name
// does): the view of it, or an empty view.
template <std::size_t N>
std::string_view
lowered_into(std::string_view word, std::array<char, N>& out)
{
  if (word.size() > N) {
    return {};
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    out[i] = lower(word[i]);
  }
  return {out.data(), word.size()};
}

std::string
lowered(std::string_view s)
{
  std::string out(s);
  for (char& c : out) {
    c = lower(c);
  }
  return out;
}

bool
iequals(std::string_view a, std::string_view b)
{
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

// True when a word character (a letter, digit or combining mark, in any
// script) starts at `pos` / ends just before `pos`.
bool
word_char_at(std::string_view text, std::size_t pos)
{
  if (pos >= text.size()) {
    return false;
  }
  if (static_cast<unsigned char>(text[pos]) < 0x80) {
    return is_alnum(text[pos]);
  }
  std::size_t length = 0;
  return core::is_word_code_point(core::decode_utf8(text, pos, length));
}

bool
word_char_before(std::string_view text, std::size_t pos)
{
  if (pos == 0) {
    return false;
  }
  if (static_cast<unsigned char>(text[pos - 1]) < 0x80) {
    return is_alnum(text[pos - 1]);
  }
  return core::is_word_code_point(core::decode_utf8_before(text, pos));
}

// The length of white space at `pos`: ASCII blanks, line ends, no-break
// spaces (U+00A0, U+202F) and thin spaces (U+2009).
std::size_t
space_at(std::string_view text, std::size_t pos)
{
  if (pos >= text.size()) {
    return 0;
  }
  const char c = text[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    return 1;
  }
  if (text.compare(pos, 2, "\xC2\xA0") == 0) {
    return 2;
  }
  if (text.compare(pos, 3, "\xE2\x80\xAF") == 0 || text.compare(pos, 3, "\xE2\x80\x89") == 0) {
    return 3;
  }
  return 0;
}

std::size_t
skip_spaces(std::string_view text, std::size_t pos)
{
  while (std::size_t n = space_at(text, pos)) {
    pos += n;
  }
  return pos;
}

std::size_t
word_end(std::string_view text, std::size_t pos)
{
  while (pos < text.size() && is_alpha(text[pos])) {
    ++pos;
  }
  return pos;
}

std::size_t
digits_end(std::string_view text, std::size_t pos)
{
  while (pos < text.size() && is_digit(text[pos])) {
    ++pos;
  }
  return pos;
}

int
to_int(std::string_view digits)
{
  int v = 0;
  for (const char c : digits) {
    v = v * 10 + (c - '0');
  }
  return v;
}

constexpr std::array<std::string_view, 12> k_months{
  "january", "february", "march",     "april",   "may",      "june",
  "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> k_month_names{
  "January", "February", "March",     "April",   "May",      "June",
  "July",    "August",   "September", "October", "November", "December"};

struct Abbreviation
{
  std::string_view word;
  unsigned value;
};

constexpr std::array<Abbreviation, 12> k_month_abbreviations{{
  {"jan", 1},
  {"feb", 2},
  {"mar", 3},
  {"apr", 4},
  {"jun", 6},
  {"jul", 7},
  {"aug", 8},
  {"sep", 9},
  {"sept", 9},
  {"oct", 10},
  {"nov", 11},
  {"dec", 12},
}};

// Index c_encoding(): Sunday = 0.
constexpr std::array<std::string_view, 7> k_weekdays{
  "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 7> k_weekday_names{
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

constexpr std::array<Abbreviation, 11> k_weekday_abbreviations{{
  {"sun", 0},
  {"mon", 1},
  {"tue", 2},
  {"tues", 2},
  {"wed", 3},
  {"weds", 3},
  {"thu", 4},
  {"thur", 4},
  {"thurs", 4},
  {"fri", 5},
  {"sat", 6},
}};

bool
is_abbreviated_month(std::string_view word)
{
  const std::string w = lowered(word);
  return std::any_of(k_month_abbreviations.begin(), k_month_abbreviations.end(),
                     [&](const Abbreviation& a) { return a.word == w; });
}

bool
is_abbreviated_weekday(std::string_view word)
{
  const std::string w = lowered(word);
  return std::none_of(k_weekdays.begin(), k_weekdays.end(),
                      [&](std::string_view d) { return d == w; });
}

// A capitalised or all-capital word: "February", "FEBRUARY", not "february".
bool
capitalised(std::string_view word)
{
  return !word.empty() && is_upper(word.front());
}

// A word at `pos` (letters) and, if it is an abbreviation, its period.
// Returns the end of the word part in `end` and of the period in `end_dot`.
struct Word
{
  std::size_t begin = 0;
  std::size_t end = 0;     // letters
  std::size_t end_dot = 0; // letters and a following period, if any
};

Word
read_word(std::string_view text, std::size_t pos)
{
  Word w;
  w.begin = pos;
  w.end = word_end(text, pos);
  w.end_dot = w.end;
  if (w.end < text.size() && text[w.end] == '.') {
    w.end_dot = w.end + 1;
  }
  return w;
}

// A month word at `pos`: sets month and its span (with the period of an
// abbreviation). Returns the end of the month, or npos.
std::size_t
read_month(std::string_view text, std::size_t pos, unsigned& month, TextSpan& span)
{
  const Word w = read_word(text, pos);
  if (w.end == w.begin || word_char_at(text, w.end)) {
    return std::string_view::npos;
  }
  const std::string_view word = text.substr(w.begin, w.end - w.begin);
  if (!capitalised(word)) {
    return std::string_view::npos;
  }
  // "MAY" and "May" but not "MAy"; mixed case beyond the first letter is
  // tolerated only when the rest is all lower or all upper case.
  const bool rest_lower =
    std::all_of(word.begin() + 1, word.end(), [](char c) { return !is_upper(c); });
  const bool rest_upper =
    std::all_of(word.begin() + 1, word.end(), [](char c) { return is_upper(c); });
  if (!rest_lower && !rest_upper) {
    return std::string_view::npos;
  }
  const unsigned m = month_from_name(word);
  if (m == 0) {
    return std::string_view::npos;
  }
  month = m;
  const std::size_t end = is_abbreviated_month(word) ? w.end_dot : w.end;
  span = TextSpan{w.begin, end};
  return end;
}

// A day number at `pos` (1-2 digits, an optional ordinal suffix). Returns
// the end, or npos.
std::size_t
read_day(std::string_view text, std::size_t pos, unsigned& day, TextSpan& span)
{
  const std::size_t e = digits_end(text, pos);
  if (e == pos || e - pos > 2) {
    return std::string_view::npos;
  }
  const int d = to_int(text.substr(pos, e - pos));
  if (d < 1 || d > 31) {
    return std::string_view::npos;
  }
  std::size_t end = e;
  if (end + 2 <= text.size()) {
    const std::string suffix = lowered(text.substr(end, 2));
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
      end += 2;
    }
  }
  if (word_char_at(text, end)) {
    return std::string_view::npos;
  }
  day = static_cast<unsigned>(d);
  span = TextSpan{pos, end};
  return end;
}

// ", 2026" / " 2026" after a day or month. Returns the end, or npos.
std::size_t
read_year(std::string_view text, std::size_t pos, int& year, TextSpan& span)
{
  std::size_t p = pos;
  if (p < text.size() && text[p] == ',') {
    ++p;
  }
  const std::size_t q = skip_spaces(text, p);
  if (q == p && p == pos) {
    return std::string_view::npos; // "21 2026" needs a space or a comma
  }
  const std::size_t e = digits_end(text, q);
  if (e - q != 4 || word_char_at(text, e)) {
    return std::string_view::npos;
  }
  // "Feb. 21, 2026" but not "Feb. 21, 2026-27" or a number "Feb. 21, 2026.5".
  if (e < text.size()
      && (text[e] == '-' || (text[e] == '.' && e + 1 < text.size() && is_digit(text[e + 1])))) {
    return std::string_view::npos;
  }
  year = to_int(text.substr(q, 4));
  if (year < 1900 || year > 2199) {
    return std::string_view::npos;
  }
  span = TextSpan{q, e};
  return e;
}

// The date itself (no weekday) at `pos`.
std::optional<DateMatch>
parse_core(std::string_view text, std::size_t pos)
{
  DateMatch m;
  if (pos >= text.size()) {
    return std::nullopt;
  }
  if (is_digit(text[pos])) {
    // ISO: 2026-02-21
    if (pos + 10 <= text.size() && digits_end(text, pos) == pos + 4 && text[pos + 4] == '-'
        && digits_end(text, pos + 5) == pos + 7 && text[pos + 7] == '-'
        && digits_end(text, pos + 8) == pos + 10 && !word_char_at(text, pos + 10)
        && !(pos + 10 < text.size() && (text[pos + 10] == '-' || text[pos + 10] == ':'))) {
      const int y = to_int(text.substr(pos, 4));
      const int mo = to_int(text.substr(pos + 5, 2));
      const int d = to_int(text.substr(pos + 8, 2));
      if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31) {
        return std::nullopt;
      }
      m.order = DateOrder::iso;
      m.year = y;
      m.year_span = TextSpan{pos, pos + 4};
      m.month = static_cast<unsigned>(mo);
      m.month_span = TextSpan{pos + 5, pos + 7};
      m.day = static_cast<unsigned>(d);
      m.day_span = TextSpan{pos + 8, pos + 10};
      m.span = TextSpan{pos, pos + 10};
      return m;
    }
    // UK: 21 February 2026, 3rd February, 21 of February
    std::size_t p = read_day(text, pos, m.day, m.day_span);
    if (p == std::string_view::npos) {
      return std::nullopt;
    }
    std::size_t q = skip_spaces(text, p);
    if (q == p) {
      return std::nullopt;
    }
    if (text.compare(q, 3, "of ") == 0) {
      q = skip_spaces(text, q + 2);
    }
    p = read_month(text, q, m.month, m.month_span);
    if (p == std::string_view::npos) {
      return std::nullopt;
    }
    m.order = DateOrder::day_month;
    int year = 0;
    const std::size_t e = read_year(text, p, year, m.year_span);
    if (e != std::string_view::npos) {
      m.year = year;
      p = e;
    }
    m.span = TextSpan{pos, p};
    return m;
  }
  // US: Feb. 21, 2026
  std::size_t p = read_month(text, pos, m.month, m.month_span);
  if (p == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t q = skip_spaces(text, p);
  if (q == p && text[p - 1] != '.') {
    return std::nullopt;
  }
  p = read_day(text, q, m.day, m.day_span);
  if (p == std::string_view::npos) {
    return std::nullopt;
  }
  // "March 3:30" is a chapter and verse or a score, not a date.
  if (p < text.size()
      && (text[p] == ':' || (text[p] == '.' && p + 1 < text.size() && is_digit(text[p + 1])))) {
    return std::nullopt;
  }
  m.order = DateOrder::month_day;
  int year = 0;
  const std::size_t e = read_year(text, p, year, m.year_span);
  if (e != std::string_view::npos) {
    m.year = year;
    p = e;
  }
  m.span = TextSpan{pos, p};
  return m;
}

} // namespace

// ---------------------------------------------------------------------------

unsigned
month_from_name(std::string_view word)
{
  if (!word.empty() && word.back() == '.') {
    word.remove_suffix(1);
  }
  std::array<char, 9> buffer{}; // "september"
  const std::string_view w = lowered_into(word, buffer);
  if (w.empty()) {
    return 0;
  }
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (k_months[i] == w) {
      return static_cast<unsigned>(i + 1);
    }
  }
  for (const Abbreviation& a : k_month_abbreviations) {
    if (a.word == w) {
      return a.value;
    }
  }
  return 0;
}

std::optional<chr::weekday>
weekday_from_name(std::string_view word)
{
  if (!word.empty() && word.back() == '.') {
    word.remove_suffix(1);
  }
  std::array<char, 9> buffer{}; // "wednesday"
  const std::string_view w = lowered_into(word, buffer);
  if (w.empty()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < k_weekdays.size(); ++i) {
    if (k_weekdays[i] == w) {
      return chr::weekday{static_cast<unsigned>(i)};
    }
  }
  for (const Abbreviation& a : k_weekday_abbreviations) {
    if (a.word == w) {
      return chr::weekday{a.value};
    }
  }
  return std::nullopt;
}

std::string_view
month_name(unsigned month)
{
  return month >= 1 && month <= 12 ? k_month_names[month - 1] : std::string_view{};
}

std::string_view
weekday_name(chr::weekday weekday)
{
  return k_weekday_names[weekday.c_encoding() % 7];
}

chr::year_month_day
DateMatch::ymd() const
{
  return chr::year_month_day{chr::year{year.value_or(0)}, chr::month{month}, chr::day{day}};
}

chr::year_month_day
DateMatch::ymd_or(int fallback_year) const
{
  return chr::year_month_day{chr::year{year.value_or(fallback_year)}, chr::month{month},
                             chr::day{day}};
}

bool
DateMatch::is_valid() const
{
  // With no year, a leap year stands in (Feb. 29 may be right).
  return ymd_or(2024).ok();
}

namespace {

// Three letters in one number, to compare at once.
constexpr std::uint32_t
three_letters(char a, char b, char c)
{
  return static_cast<std::uint32_t>(static_cast<unsigned char>(a))
         | static_cast<std::uint32_t>(static_cast<unsigned char>(b)) << 8
         | static_cast<std::uint32_t>(static_cast<unsigned char>(c)) << 16;
}

// A digit, or a capital letter and two more that begin a month or a
// weekday name: a date can begin only there (parse_date_at asks for a
// capitalised name, and every name and abbreviation has these three).
bool
could_start_date(std::string_view text, std::size_t pos)
{
  const char c = text[pos];
  if (is_digit(c)) {
    return true;
  }
  if (!is_upper(c) || pos + 3 > text.size()) {
    return false;
  }
  static constexpr std::array<std::string_view, 19> k_starts{
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
    "nov", "dec", "sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  static constexpr std::array<std::uint32_t, 19> k_keys = [] {
    std::array<std::uint32_t, 19> keys{};
    for (std::size_t i = 0; i < k_starts.size(); ++i) {
      keys[i] = three_letters(k_starts[i][0], k_starts[i][1], k_starts[i][2]);
    }
    return keys;
  }();
  const std::uint32_t three = three_letters(lower(c), lower(text[pos + 1]), lower(text[pos + 2]));
  return std::find(k_keys.begin(), k_keys.end(), three) != k_keys.end();
}

} // namespace

std::optional<DateMatch>
parse_date_at(std::string_view text, std::size_t pos)
{
  if (pos >= text.size()) {
    return std::nullopt;
  }
  if (is_alpha(text[pos])) {
    const Word w = read_word(text, pos);
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    if (capitalised(word) && !word_char_at(text, w.end)) {
      if (const auto wd = weekday_from_name(word)) {
        std::size_t p = is_abbreviated_weekday(word) ? w.end_dot : w.end;
        const std::size_t weekday_end = p;
        bool separated = false;
        if (p < text.size() && text[p] == ',') {
          ++p;
          separated = true;
        }
        const std::size_t q = skip_spaces(text, p);
        separated = separated || q > p;
        if (separated) {
          std::size_t r = q;
          // "Friday the 21st of February"
          if (text.compare(r, 4, "the ") == 0) {
            r = skip_spaces(text, r + 3);
          }
          if (auto m = parse_core(text, r)) {
            m->weekday = wd;
            m->weekday_span = TextSpan{pos, weekday_end};
            m->span.begin = pos;
            return m;
          }
        }
        return std::nullopt;
      }
    }
  }
  return parse_core(text, pos);
}

namespace {

// The dates that begin at a byte of `lead`, left to right, not
// overlapping; those `keep` takes are returned.
template <typename Keep>
std::vector<DateMatch>
find_dates_from(std::string_view text, const core::ByteRanges& lead, const Keep& keep)
{
  std::vector<DateMatch> out;
  lead.scan(text, 0, [&](std::size_t pos) {
    if (could_start_date(text, pos) && !word_char_before(text, pos)) {
      if (auto m = parse_date_at(text, pos)) {
        if (keep(*m)) {
          out.push_back(*m);
        }
        return std::max(m->span.end, pos + 1);
      }
    }
    return pos + 1;
  });
  return out;
}

} // namespace

std::vector<DateMatch>
find_dates(std::string_view text)
{
  // Only a digit or a capital letter can begin one.
  static const core::ByteRanges k_lead{{'0', '9'}, {'A', 'Z'}};
  return find_dates_from(text, k_lead, [](const DateMatch&) { return true; });
}

std::vector<DateMatch>
find_weekday_dates(std::string_view text)
{
  // A date with a weekday begins with the weekday's capital. Other dates
  // that begin at these letters ("May 3") are passed over whole, as
  // find_dates passes over them; no weekday can begin inside a date.
  static const core::ByteRanges k_lead{{'F', 'F'}, {'M', 'M'}, {'S', 'S'}, {'T', 'T'}, {'W', 'W'}};
  return find_dates_from(text, k_lead, [](const DateMatch& m) { return m.weekday.has_value(); });
}

chr::weekday
weekday_of(chr::year_month_day date)
{
  return chr::weekday{chr::sys_days{date}};
}

int
nearest_year(unsigned month, unsigned day, chr::year_month_day reference)
{
  const int y = static_cast<int>(reference.year());
  int best = y;
  long best_distance = -1;
  for (int candidate = y - 1; candidate <= y + 1; ++candidate) {
    const chr::year_month_day d{chr::year{candidate}, chr::month{month}, chr::day{day}};
    if (!d.ok()) {
      continue;
    }
    const long distance =
      std::labs(static_cast<long>((chr::sys_days{d} - chr::sys_days{reference}).count()));
    if (best_distance < 0 || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Times

namespace {

// "a.m.", "am", "A.M.", "p.m", "PM" at `pos`: sets pm; returns the end or npos.
std::size_t
read_meridiem(std::string_view text, std::size_t pos, bool& pm)
{
  if (pos >= text.size()) {
    return std::string_view::npos;
  }
  const char a = lower(text[pos]);
  if (a != 'a' && a != 'p') {
    return std::string_view::npos;
  }
  std::size_t p = pos + 1;
  if (p < text.size() && text[p] == '.') {
    ++p;
    if (p + 1 < text.size() && text[p] == ' ') {
      ++p; // "a. m."
    }
  }
  if (p >= text.size() || lower(text[p]) != 'm') {
    return std::string_view::npos;
  }
  ++p;
  if (p < text.size() && text[p] == '.') {
    ++p;
  }
  if (word_char_at(text, p)) {
    return std::string_view::npos;
  }
  pm = a == 'p';
  return p;
}

// " hrs", "hrs", " hours", "h" after a 24-hour time. Returns the end or npos.
std::size_t
read_hours_suffix(std::string_view text, std::size_t pos)
{
  const std::size_t q = skip_spaces(text, pos);
  const std::size_t e = word_end(text, q);
  const std::string w = lowered(text.substr(q, e - q));
  const bool suffix = w == "hrs" || w == "hours" || w == "hr" || (w == "h" && q == pos);
  if (suffix && !word_char_at(text, e)) {
    return e < text.size() && text[e] == '.' && w == "hrs" ? e + 1 : e;
  }
  return std::string_view::npos;
}

std::size_t
read_time_word(std::string_view text, std::size_t pos, bool& noon)
{
  const std::size_t e = word_end(text, pos);
  const std::string w = lowered(text.substr(pos, e - pos));
  if ((w == "noon" || w == "midday" || w == "midnight") && !word_char_at(text, e)) {
    noon = w != "midnight";
    return e;
  }
  return std::string_view::npos;
}

} // namespace

std::optional<TimeMatch>
parse_time_at(std::string_view text, std::size_t pos)
{
  if (pos >= text.size()) {
    return std::nullopt;
  }
  TimeMatch t;
  if (is_alpha(text[pos])) {
    bool noon = false;
    const std::size_t e = read_time_word(text, pos, noon);
    if (e == std::string_view::npos) {
      return std::nullopt;
    }
    t.word = true;
    t.hour = noon ? 12 : 0;
    t.span = TextSpan{pos, e};
    return t;
  }
  const std::size_t he = digits_end(text, pos);
  const std::size_t hn = he - pos;
  if (hn == 0 || hn > 4) {
    return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  bool has_minutes = false;
  bool dotted = false;
  std::size_t p = he;
  if (hn == 4) {
    // "0001 hrs", "1400 GMT" is left to the caller: only with a suffix here.
    hour = to_int(text.substr(pos, 2));
    minute = to_int(text.substr(pos + 2, 2));
    const std::size_t e = read_hours_suffix(text, p);
    if (e == std::string_view::npos || hour > 23 || minute > 59) {
      return std::nullopt;
    }
    t.hour = hour;
    t.minute = minute;
    t.span = TextSpan{pos, e};
    return t;
  }
  if (hn > 2) {
    return std::nullopt;
  }
  hour = to_int(text.substr(pos, hn));
  if (p < text.size() && (text[p] == ':' || text[p] == '.') && p + 3 <= text.size()
      && digits_end(text, p + 1) == p + 3) {
    dotted = text[p] == '.';
    minute = to_int(text.substr(p + 1, 2));
    has_minutes = true;
    p += 3;
    if (minute > 59 || word_char_at(text, p)) {
      return std::nullopt;
    }
    // "13:45:10" (seconds, a score, a verse) is not read as a time.
    if (p + 1 < text.size() && (text[p] == ':' || text[p] == '.') && is_digit(text[p + 1])) {
      return std::nullopt;
    }
  } else if (word_char_at(text, p)
             && std::string_view("aph").find(lower(text[p])) == std::string_view::npos) {
    return std::nullopt;
  }
  // a.m. / p.m.
  {
    const std::size_t q = skip_spaces(text, p);
    if (q - p <= 3) {
      bool pm = false;
      const std::size_t e = read_meridiem(text, q, pm);
      if (e != std::string_view::npos) {
        if (hour < 1 || hour > 12) {
          return std::nullopt;
        }
        t.meridiem = true;
        t.ambiguous = hour == 12 && minute == 0;
        t.hour = hour % 12 + (pm ? 12 : 0);
        t.minute = minute;
        t.span = TextSpan{pos, e};
        return t;
      }
      // "12 noon", "12:00 midnight"
      bool noon = false;
      const std::size_t w = read_time_word(text, q, noon);
      if (w != std::string_view::npos && hour == 12 && minute == 0 && q > p) {
        t.word = true;
        t.hour = noon ? 12 : 0;
        t.span = TextSpan{pos, w};
        return t;
      }
    }
  }
  if (!has_minutes) {
    // "14h" or "14 hrs"? Too rare to be worth a false time; only with minutes.
    return std::nullopt;
  }
  if (hour > 24 || (hour == 24 && minute != 0)) {
    return std::nullopt;
  }
  const std::size_t suffix = read_hours_suffix(text, p);
  if (dotted && suffix == std::string_view::npos) {
    // "00.01 GMT" reads as a time; "3.25 million" does not.
    const std::size_t q = skip_spaces(text, p);
    const std::size_t e = word_end(text, q);
    if (hn != 2 || q == p || e - q < 2
        || !std::all_of(text.begin() + static_cast<long>(q), text.begin() + static_cast<long>(e),
                        [](char c) { return is_upper(c); })) {
      return std::nullopt;
    }
  }
  t.hour = hour % 24;
  t.minute = minute;
  t.ambiguous = hour == 12 && minute == 0;
  t.span = TextSpan{pos, suffix == std::string_view::npos ? p : suffix};
  return t;
}

std::vector<TimeMatch>
find_times(std::string_view text)
{
  std::vector<TimeMatch> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if ((is_alpha(c) || is_digit(c)) && !word_char_before(text, pos)
        && !(pos > 0 && (text[pos - 1] == ':' || text[pos - 1] == '.' || text[pos - 1] == '$'
                         || text[pos - 1] == '/'))) {
      if (auto t = parse_time_at(text, pos)) {
        pos = t->span.end;
        out.push_back(*t);
        continue;
      }
    }
    // Skip the rest of a word or number.
    if (is_alnum(c)) {
      while (pos < text.size() && is_alnum(text[pos])) {
        ++pos;
      }
      continue;
    }
    ++pos;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Daylight saving time

chr::year_month_day
daylight_start(DaylightFamily family, int year)
{
  const chr::year y{year};
  if (family == DaylightFamily::us) {
    return chr::year_month_day{chr::sys_days{y / chr::March / chr::Sunday[2]}};
  }
  return chr::year_month_day{chr::sys_days{y / chr::March / chr::Sunday[chr::last]}};
}

chr::year_month_day
daylight_end(DaylightFamily family, int year)
{
  const chr::year y{year};
  if (family == DaylightFamily::us) {
    return chr::year_month_day{chr::sys_days{y / chr::November / chr::Sunday[1]}};
  }
  return chr::year_month_day{chr::sys_days{y / chr::October / chr::Sunday[chr::last]}};
}

bool
daylight_in_force(DaylightFamily family, chr::year_month_day date, int minute_of_day)
{
  if (family == DaylightFamily::none || !date.ok()) {
    return false;
  }
  const int year = static_cast<int>(date.year());
  const chr::sys_days d{date};
  const chr::sys_days start{daylight_start(family, year)};
  const chr::sys_days end{daylight_end(family, year)};
  if (d == start) {
    return minute_of_day >= (family == DaylightFamily::us ? 120 : 60);
  }
  if (d == end) {
    return minute_of_day < 120;
  }
  return d > start && d < end;
}

// ---------------------------------------------------------------------------
// Time zones

DaylightFamily
TimeZone::family() const
{
  switch (rule) {
  case ZoneRule::us_standard:
  case ZoneRule::us_daylight:
  case ZoneRule::us_neutral:
    return DaylightFamily::us;
  case ZoneRule::uk_standard:
  case ZoneRule::uk_daylight:
  case ZoneRule::eu_standard:
  case ZoneRule::eu_daylight:
    return DaylightFamily::eu;
  case ZoneRule::none:
    break;
  }
  return DaylightFamily::none;
}

bool
TimeZone::is_standard() const
{
  return rule == ZoneRule::us_standard || rule == ZoneRule::uk_standard
         || rule == ZoneRule::eu_standard;
}

bool
TimeZone::is_daylight() const
{
  return rule == ZoneRule::us_daylight || rule == ZoneRule::uk_daylight
         || rule == ZoneRule::eu_daylight;
}

int
TimeZone::offset_on(chr::year_month_day date, int minute_of_day) const
{
  if (rule == ZoneRule::us_neutral && daylight_in_force(DaylightFamily::us, date, minute_of_day)) {
    return offset + 60;
  }
  return offset;
}

namespace {

std::optional<ZoneRule>
parse_rule(std::string_view s)
{
  static constexpr std::array<std::pair<std::string_view, ZoneRule>, 8> k_rules{{
    {"none", ZoneRule::none},
    {"us-standard", ZoneRule::us_standard},
    {"us-daylight", ZoneRule::us_daylight},
    {"us-neutral", ZoneRule::us_neutral},
    {"uk-standard", ZoneRule::uk_standard},
    {"uk-daylight", ZoneRule::uk_daylight},
    {"eu-standard", ZoneRule::eu_standard},
    {"eu-daylight", ZoneRule::eu_daylight},
  }};
  for (const auto& [name, rule] : k_rules) {
    if (name == s) {
      return rule;
    }
  }
  return std::nullopt;
}

// A UTC offset in minutes, or the standard-time offset of a US region.
std::optional<int>
parse_offset(std::string_view s)
{
  static constexpr std::array<std::pair<std::string_view, int>, 6> k_regions{{
    {"us-eastern", -300},
    {"us-central", -360},
    {"us-mountain", -420},
    {"us-pacific", -480},
    {"us-alaska", -540},
    {"us-hawaii", -600},
  }};
  for (const auto& [name, offset] : k_regions) {
    if (name == s) {
      return offset;
    }
  }
  std::size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size() || s.size() > 6 || digits_end(s, i) != s.size()) {
    return std::nullopt;
  }
  const int v = to_int(s.substr(i));
  return negative ? -v : v;
}

bool
is_abbreviation(std::string_view name)
{
  return name.size() <= 5
         && std::all_of(name.begin(), name.end(), [](char c) { return is_upper(c); });
}

} // namespace

TimeZoneTable
TimeZoneTable::from_yaml(const rules::YamlNode& zones,
                         const std::vector<std::pair<std::string, std::string>>& aliases,
                         std::vector<std::string>* problems)
{
  TimeZoneTable table;
  auto problem = [&](std::string message) {
    if (problems != nullptr) {
      problems->push_back(std::move(message));
    }
  };
  for (const auto& [key, value] : zones.entries) {
    TimeZone zone;
    zone.name = key.value;
    const rules::YamlNode* offset = value.find("offset");
    const rules::YamlNode* rule = value.find("rule");
    if (offset == nullptr || rule == nullptr || !offset->is_scalar() || !rule->is_scalar()) {
      problem(fmt::format("time zone \"{}\" needs an offset and a rule", zone.name));
      continue;
    }
    const auto o = parse_offset(offset->value);
    const auto r = parse_rule(rule->value);
    if (!o || !r) {
      problem(fmt::format("time zone \"{}\" has an unknown offset or rule", zone.name));
      continue;
    }
    zone.offset = *o;
    zone.rule = *r;
    // A structured binding is not captured by clang 14: name the node.
    const rules::YamlNode& fields = value;
    auto text = [&](std::string_view k) {
      const rules::YamlNode* n = fields.find(k);
      return n != nullptr && n->is_scalar() ? n->value : std::string();
    };
    zone.daylight_form = text("daylight-form");
    zone.standard_form = text("standard-form");
    zone.note = text("note");
    zone.ambiguous = text("ambiguous");
    table.add(std::move(zone));
  }
  for (const auto& [alias, name] : aliases) {
    if (table.find(name) == nullptr) {
      problem(fmt::format("time zone name \"{}\" names an unknown zone \"{}\"", alias, name));
      continue;
    }
    table.add_alias(alias, name);
  }
  return table;
}

void
TimeZoneTable::add(TimeZone zone)
{
  m_zones.push_back(std::move(zone));
}

void
TimeZoneTable::add_alias(std::string alias, std::string zone_name)
{
  m_aliases.emplace_back(std::move(alias), std::move(zone_name));
}

const TimeZone*
TimeZoneTable::find(std::string_view name) const
{
  for (const TimeZone& z : m_zones) {
    if (is_abbreviation(z.name) ? z.name == name : iequals(z.name, name)) {
      return &z;
    }
  }
  for (const auto& [alias, zone] : m_aliases) {
    if (iequals(alias, name)) {
      return find(zone);
    }
  }
  return nullptr;
}

const TimeZone*
TimeZoneTable::match_at(std::string_view text, std::size_t pos, TextSpan& span) const
{
  bool paren = false;
  std::size_t p = pos;
  if (p < text.size() && text[p] == '(') {
    paren = true;
    p = skip_spaces(text, p + 1);
  }
  if (p >= text.size() || !is_alpha(text[p]) || word_char_before(text, p)) {
    return nullptr;
  }
  // Candidate names, longest first.
  const TimeZone* best = nullptr;
  std::size_t best_len = 0;
  auto try_name = [&](std::string_view name, const TimeZone* zone) {
    if (name.size() <= best_len || p + name.size() > text.size()) {
      return;
    }
    const std::string_view here = text.substr(p, name.size());
    // Names are matched as written (abbreviations with their case).
    const bool same = is_abbreviation(name) ? here == name : iequals(here, name);
    if (!same || word_char_at(text, p + name.size())) {
      return;
    }
    best = zone;
    best_len = name.size();
  };
  for (const TimeZone& z : m_zones) {
    try_name(z.name, &z);
  }
  for (const auto& [alias, zone] : m_aliases) {
    if (const TimeZone* z = find(zone)) {
      try_name(alias, z);
    }
  }
  if (best == nullptr) {
    return nullptr;
  }
  std::size_t end = p + best_len;
  if (paren) {
    const std::size_t q = skip_spaces(text, end);
    if (q >= text.size() || text[q] != ')') {
      return nullptr;
    }
  }
  span = TextSpan{p, end};
  return best;
}

// ---------------------------------------------------------------------------

chr::sys_time<chr::minutes>
to_utc(chr::year_month_day date, int minute_of_day, int offset_minutes)
{
  return chr::sys_time<chr::minutes>{chr::sys_days{date}}
         + chr::minutes{minute_of_day - offset_minutes};
}

std::string
format_iso(chr::year_month_day date)
{
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::string
format_long(chr::year_month_day date)
{
  return fmt::format("{} {}, {}", month_name(static_cast<unsigned>(date.month())),
                     static_cast<unsigned>(date.day()), static_cast<int>(date.year()));
}

// ---------------------------------------------------------------------------

namespace {

// The first valid date with a year in text[0, limit).
std::optional<chr::year_month_day>
first_full_date(std::string_view text, std::size_t limit)
{
  for (const DateMatch& d : find_dates(text.substr(0, std::min(limit, text.size())))) {
    if (d.year && d.is_valid()) {
      return d.ymd();
    }
  }
  return std::nullopt;
}

// release_date, given the document's dateline.
std::optional<chr::year_month_day>
release_date_with(const document::Document& doc,
                  const document::Regions& regions,
                  const std::optional<Dateline>& dateline)
{
  // The dateline's date, with its year.
  if (dateline) {
    if (dateline->date && dateline->date->has_year() && dateline->date->valid()) {
      return dateline->date->ymd;
    }
  } else if (regions.dateline_block && *regions.dateline_block < doc.blocks.size()) {
    // No dateline the parser knows: a date within the first words of the
    // first body paragraph ("(NewMediaWire) - March 11, 2025 - DALLAS —").
    if (auto d = first_full_date(doc.blocks[*regions.dateline_block].content.text, 80)) {
      return d;
    }
  }
  for (const document::ReleaseLine& rl : regions.release_lines) {
    for (std::size_t i = rl.line; i < doc.lines.size() && i <= rl.line + 2; ++i) {
      if (auto d = first_full_date(doc.lines[i].content.text, 400)) {
        return d;
      }
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<chr::year_month_day>
release_date(const document::Document& doc, const document::Regions& regions)
{
  return release_date_with(doc, regions, find_dateline(doc, regions));
}

std::optional<chr::year_month_day>
release_date(const Context& ctx)
{
  return release_date_with(ctx.doc, ctx.regions, find_dateline(ctx));
}

} // namespace presslint::checks::dates
