// The dateline parser: the place, the date, a wire-service marker and the
// dash, in the orders real copy writes them.
#include <presslint/checks/dateline_parse.hpp>

#include <presslint/checks/check.hpp>
#include <presslint/checks/dates.hpp>
#include <presslint/core/utf8.hpp>

#include <array>
#include <vector>

namespace presslint::checks {

namespace {

namespace chr = std::chrono;
constexpr std::size_t k_npos = std::string_view::npos;

// Limits that keep the parser to the start of a paragraph.
constexpr std::size_t k_max_city_words = 5;
constexpr std::size_t k_max_region_words = 4;
constexpr std::size_t k_max_place_bytes = 48;
constexpr std::size_t k_max_marker_bytes = 80;
constexpr std::size_t k_max_bare_marker_words = 6;
constexpr std::size_t k_max_blocks_scanned = 8;
constexpr std::size_t k_short_block = 250;

enum class Case { none, upper, lower };

// The case of a letter, for the scripts place names are written in;
// `none` for a code point that is not a cased letter.
Case
letter_case(char32_t c)
{
  if (c >= 'A' && c <= 'Z') {
    return Case::upper;
  }
  if (c >= 'a' && c <= 'z') {
    return Case::lower;
  }
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) {
    return Case::upper;
  }
  if (c >= 0xDF && c <= 0xFF && c != 0xF7) {
    return Case::lower;
  }
  if (c >= 0x100 && c <= 0x17F) {
    return c % 2 == 0 ? Case::upper : Case::lower;
  }
  if (c >= 0x391 && c <= 0x3A9) {
    return Case::upper;
  }
  if (c >= 0x3B1 && c <= 0x3C9) {
    return Case::lower;
  }
  if (c >= 0x410 && c <= 0x42F) {
    return Case::upper;
  }
  if (c >= 0x430 && c <= 0x44F) {
    return Case::lower;
  }
  return Case::none;
}

bool
is_digit(char32_t c)
{
  return c >= '0' && c <= '9';
}

bool
is_letter(char32_t c)
{
  if (letter_case(c) != Case::none) {
    return true;
  }
  return c >= 0x80 && core::is_word_code_point(c);
}

class Scanner
{
public:
  explicit Scanner(std::string_view text) : m_text(text) {}

  [[nodiscard]] std::string_view text() const { return m_text; }
  [[nodiscard]] std::size_t size() const { return m_text.size(); }

  // The code point at `pos` (0 past the end); `len` gets its length.
  char32_t at(std::size_t pos, std::size_t& len) const
  {
    if (pos >= m_text.size()) {
      len = 0;
      return 0;
    }
    return core::decode_utf8(m_text, pos, len);
  }
  char32_t at(std::size_t pos) const
  {
    std::size_t len = 0;
    return at(pos, len);
  }

  // Spaces, tabs, line ends and the no-break and thin spaces.
  std::size_t space_at(std::size_t pos, bool allow_newline = true) const
  {
    std::size_t len = 0;
    const char32_t c = at(pos, len);
    if (c == ' ' || c == '\t' || c == 0xA0 || c == 0x2009 || c == 0x202F) {
      return len;
    }
    if (allow_newline && (c == '\n' || c == '\r')) {
      return len;
    }
    return 0;
  }
  std::size_t skip_spaces(std::size_t pos, bool allow_newline = true) const
  {
    while (const std::size_t n = space_at(pos, allow_newline)) {
      pos += n;
    }
    return pos;
  }

  // A dash at `pos`: its kind and length (0 when none).
  std::size_t dash_at(std::size_t pos, DatelineSeparator& kind) const
  {
    std::size_t len = 0;
    const char32_t c = at(pos, len);
    if (c == 0x2014) {
      kind = DatelineSeparator::em_dash;
      return len;
    }
    if (c == 0x2013) {
      kind = DatelineSeparator::en_dash;
      return len;
    }
    if (c == '-') {
      if (at(pos + 1) == '-') {
        kind = DatelineSeparator::double_hyphen;
        return 2;
      }
      // A hyphen joined to a word is part of the word, not a dash.
      const char32_t next = at(pos + 1);
      if (is_letter(next) || is_digit(next)) {
        return 0;
      }
      kind = DatelineSeparator::hyphen;
      return 1;
    }
    return 0;
  }

  // A run of dashes written as one ("-–", "—-"): its kind is that of its
  // last dash, or of the one dash.
  std::size_t dash_run_at(std::size_t pos, DatelineSeparator& kind) const
  {
    std::size_t end = pos;
    std::size_t count = 0;
    while (const std::size_t len = dash_at(end, kind)) {
      end += len;
      ++count;
    }
    if (count > 1 && kind == DatelineSeparator::em_dash) {
      kind = DatelineSeparator::en_dash; // not a plain em dash either way
    }
    return end - pos;
  }

  // The end of the word of a place name at `pos` ("NEW", "N.Y.", "Calif.",
  // "WILKES-BARRE", "MATEO/HANOI", "O'FALLON"), or k_npos.
  std::size_t place_word_end(std::size_t pos) const
  {
    std::size_t len = 0;
    if (!is_letter(at(pos, len))) {
      return k_npos;
    }
    std::size_t p = pos + len;
    while (p < m_text.size()) {
      const char32_t c = at(p, len);
      if (is_letter(c)) {
        p += len;
        continue;
      }
      if (c == '.' || c == '\'' || c == 0x2019 || c == '-' || c == '/') {
        std::size_t next_len = 0;
        const char32_t next = at(p + len, next_len);
        if (is_letter(next)) {
          p += len + next_len;
          continue;
        }
        if (c == '.') {
          p += len; // "Calif.", "ST."
        }
      }
      break;
    }
    return p;
  }

private:
  std::string_view m_text;
};

// Small words that may stand inside a place name in lower case ("RIO DE
// JANEIRO" is written "Rio de Janeiro").
bool
is_particle(std::string_view word)
{
  static constexpr std::array<std::string_view, 16> k_particles{
    "de", "del", "della", "da", "do", "dos", "das", "di", "du", "la", "le", "les", "el", "of", "on",
    "upon"};
  for (std::string_view p : k_particles) {
    if (word == p) {
      return true;
    }
  }
  return false;
}

// True when a word of a place name is written as a name: a capital first,
// then capitals or small letters, but no capital inside a word of small
// letters ("NewsUSA", "BookTrib" are brands, not places), save after a
// Scottish, Irish or Romance prefix ("McALLEN", "DeKalb", "LaGrange").
bool
is_name_word(const Scanner& s, std::size_t begin, std::size_t end)
{
  std::size_t len = 0;
  if (letter_case(s.at(begin, len)) != Case::upper) {
    return false;
  }
  const std::string_view word = s.text().substr(begin, end - begin);
  static constexpr std::array<std::string_view, 6> k_prefixes{"Mc", "Mac", "De", "La", "Le", "Di"};
  Case previous = Case::upper;
  std::size_t p = begin + len;
  while (p < end) {
    const char32_t c = s.at(p, len);
    const Case k = letter_case(c);
    if (k == Case::upper && previous == Case::lower) {
      bool prefixed = false;
      for (std::string_view prefix : k_prefixes) {
        if (p - begin == prefix.size() && word.starts_with(prefix)) {
          prefixed = true;
        }
      }
      if (!prefixed) {
        return false;
      }
    }
    previous = is_letter(c) ? k : Case::upper; // after ".", "-", "'" a capital is fine
    if (k == Case::none && is_letter(c)) {
      previous = Case::none;
    }
    p += len;
  }
  return true;
}

// Words that open sentences and stand before a comma and a date ("Today,
// Feb. 16, 2026, Acme said"), not place names.
bool
is_sentence_opener(std::string_view word)
{
  static constexpr std::array<std::string_view, 20> k_openers{
    "Today", "Yesterday", "Tomorrow", "Tonight", "Now", "Recently", "Earlier", "Later",
    "Currently", "Previously", "Meanwhile", "Effective", "Starting", "Beginning", "Since",
    "Until", "On", "In", "As", "By"};
  for (std::string_view w : k_openers) {
    if (word == w) {
      return true;
    }
  }
  return false;
}

struct Phrase
{
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t words = 0;
};

// A run of name words, with particles and "&" or "and" inside it, on one
// line: a city ("NEW YORK", "CHICAGO & BRUSSELS", "Rio de Janeiro") or a
// state or country ("Calif.", "NOVA SCOTIA", "United States").
std::optional<Phrase>
read_name_phrase(const Scanner& s, std::size_t pos, std::size_t max_words)
{
  Phrase phrase{pos, pos, 0};
  std::size_t p = pos;
  while (true) {
    const std::size_t e = s.place_word_end(p);
    if (e == k_npos) {
      if (s.at(p) == '&' && phrase.words > 0) {
        p += 1;
      } else {
        break;
      }
    } else {
      const std::string_view word = s.text().substr(p, e - p);
      if (phrase.words > 0 && (word == "and" || word == "AND" || is_particle(word))) {
        p = e;
      } else if (is_name_word(s, p, e)) {
        if (phrase.words == max_words || e - pos > k_max_place_bytes) {
          return std::nullopt;
        }
        ++phrase.words;
        phrase.end = e;
        p = e;
      } else {
        break;
      }
    }
    const std::size_t next = s.skip_spaces(p, false);
    if (next == p) {
      break;
    }
    p = next;
  }
  if (phrase.words == 0) {
    return std::nullopt;
  }
  return phrase;
}

bool
is_caps(const Scanner& s, std::size_t begin, std::size_t end)
{
  std::size_t len = 0;
  for (std::size_t p = begin; p < end; p += len) {
    if (letter_case(s.at(p, len)) == Case::lower) {
      // Particles ("de") may stay in small letters only in a name that
      // has small letters elsewhere too; in a capitals city they count.
      return false;
    }
  }
  return true;
}

std::optional<dates::DateMatch>
date_at(const Scanner& s, std::size_t pos)
{
  if (pos >= s.size()) {
    return std::nullopt;
  }
  auto m = dates::parse_date_at(s.text(), pos);
  if (!m || m->day_span.empty() || m->month == 0) {
    return std::nullopt;
  }
  if (is_letter(s.at(m->span.end)) || is_digit(s.at(m->span.end))) {
    return std::nullopt;
  }
  return m;
}

// A time after the date: "10:15", "@ 8:00 AM Eastern", "11:59 AM US/Central".
std::size_t
time_end(const Scanner& s, std::size_t pos)
{
  std::size_t p = pos;
  if (s.at(p) == '@') {
    p = s.skip_spaces(p + 1, false);
  }
  const auto t = dates::parse_time_at(s.text(), p);
  if (!t || t->word) {
    return k_npos;
  }
  std::size_t end = t->span.end;
  // A zone: "ET", "EST", "Eastern", "US/Central", "America/Toronto".
  const std::size_t q = s.skip_spaces(end, false);
  if (q > end) {
    const std::size_t e = s.place_word_end(q);
    if (e != k_npos) {
      const std::string_view zone = s.text().substr(q, e - q);
      const bool caps = zone.size() >= 2 && zone.size() <= 5 && is_caps(s, q, e)
                        && zone.find('.') == std::string_view::npos;
      const bool named = zone == "Eastern" || zone == "Central" || zone == "Mountain"
                         || zone == "Pacific" || zone.find('/') != std::string_view::npos;
      if (caps || named) {
        end = e;
      }
    }
  }
  return end;
}

// A wire-service marker in brackets or slashes: "(BUSINESS WIRE)",
// "/PRNewswire/", "/ PR Karma /", "(Newsworthy.ai)".
std::size_t
delimited_marker_end(const Scanner& s, std::size_t pos)
{
  const char32_t open = s.at(pos);
  char32_t close = 0;
  if (open == '(') {
    close = ')';
  } else if (open == '/') {
    close = '/';
  } else {
    return k_npos;
  }
  std::size_t len = 0;
  bool any = false;
  for (std::size_t p = pos + 1; p < s.size() && p - pos <= k_max_marker_bytes; p += len) {
    const char32_t c = s.at(p, len);
    // A ticker ("(NASDAQ: ACME)") is not a wire marker.
    if (c == '\n' || c == '\r' || c == ':' || (close == '/' && c == '(')) {
      return k_npos;
    }
    if (c == close) {
      return any ? p + len : k_npos;
    }
    if (is_letter(c) || is_digit(c)) {
      any = true;
    }
  }
  return k_npos;
}

bool
ends_with_wire(std::string_view word)
{
  if (word.size() < 4) {
    return false;
  }
  const std::string_view tail = word.substr(word.size() - 4);
  for (std::size_t i = 0; i < 4; ++i) {
    const char c = static_cast<char>(tail[i] | 0x20);
    if (c != "wire"[i]) {
      return false;
    }
  }
  return true;
}

// A wire-service marker standing bare between dashes: "Media OutReach
// Newswire", "PRISM MediaWire (Press Release Service – Press Release
// Distribution)". It ends before the next dash outside brackets and names
// a wire ("...wire").
std::size_t
bare_marker_end(const Scanner& s, std::size_t pos)
{
  std::size_t p = pos;
  std::size_t words = 0;
  std::size_t last_end = k_npos;
  bool wire = false;
  while (p < s.size() && p - pos <= k_max_marker_bytes) {
    DatelineSeparator kind{};
    if (s.dash_at(p, kind) != 0) {
      break;
    }
    if (s.at(p) == '(') {
      const std::size_t e = delimited_marker_end(s, p);
      if (e == k_npos || words == 0) {
        return k_npos;
      }
      last_end = e;
      p = s.skip_spaces(e, false);
      continue;
    }
    std::size_t e = p;
    std::size_t len = 0;
    while (e < s.size()) {
      const char32_t c = s.at(e, len);
      if (!(is_letter(c) || is_digit(c) || c == '.' || c == '\'' || c == 0x2019 || c == '&')) {
        break;
      }
      e += len;
    }
    if (e == p) {
      return k_npos;
    }
    if (++words > k_max_bare_marker_words) {
      return k_npos;
    }
    wire = wire || ends_with_wire(s.text().substr(p, e - p));
    last_end = e;
    const std::size_t next = s.skip_spaces(e, false);
    if (next == e) {
      // Something other than a space or a dash follows the word.
      DatelineSeparator k2{};
      if (s.dash_at(e, k2) == 0) {
        return k_npos;
      }
    }
    p = next;
  }
  DatelineSeparator kind{};
  if (!wire || last_end == k_npos || p >= s.size() || s.dash_at(p, kind) == 0) {
    return k_npos;
  }
  return last_end;
}

enum class ElementKind { date, time, marker, place };

struct Element
{
  ElementKind kind = ElementKind::date;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::optional<dates::DateMatch> date;
};

struct Dash
{
  std::size_t begin = 0;
  std::size_t end = 0;
  DatelineSeparator kind = DatelineSeparator::none;
  std::size_t elements_before = 0; // how many elements precede it
};

struct Place
{
  std::size_t begin = 0; // the city
  std::size_t end = 0;   // after the last part (the closing bracket excluded)
  Phrase city;
  std::optional<Phrase> region;
  std::optional<Phrase> country;
};

// The city and its state or country: "NEW YORK", "CARLSBAD, Calif.",
// "Jacksons Point, Ontario, Canada".
std::optional<Place>
read_place(const Scanner& s, std::size_t pos)
{
  const auto city = read_name_phrase(s, pos, k_max_city_words);
  if (!city) {
    return std::nullopt;
  }
  if (city->words == 1) {
    // "Monday, October 16, 2017" and "January 9, 2025 –" open with a date;
    // "Today, Feb. 16, 2026, Acme ..." with a word that starts sentences.
    const std::string_view word = s.text().substr(city->begin, city->end - city->begin);
    if (dates::month_from_name(word) != 0 || dates::weekday_from_name(word)
        || is_sentence_opener(word)) {
      return std::nullopt;
    }
  }
  Place place;
  place.begin = city->begin;
  place.city = *city;
  place.end = city->end;
  for (int part = 0; part < 2; ++part) {
    if (s.at(place.end) != ',') {
      break;
    }
    const std::size_t q = s.skip_spaces(place.end + 1, false);
    if (q == place.end + 1 || date_at(s, q)) {
      break;
    }
    const auto region = read_name_phrase(s, q, k_max_region_words);
    if (!region) {
      break;
    }
    if (part == 0) {
      place.region = region;
    } else {
      place.country = region;
    }
    place.end = region->end;
  }
  return place;
}

DatelinePart
make_part(const document::MappedText& text, std::size_t begin, std::size_t end)
{
  return DatelinePart{text.text.substr(begin, end - begin), text.to_source(begin, end)};
}

std::string
lowered(std::string_view s)
{
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

DatelineDate
make_date(const document::MappedText& text, const dates::DateMatch& m)
{
  DatelineDate d;
  const std::size_t begin = m.order == dates::DateOrder::day_month ? m.day_span.begin
                            : m.order == dates::DateOrder::iso     ? m.span.begin
                                                                   : m.month_span.begin;
  d.whole = make_part(text, begin, m.span.end);
  d.month = make_part(text, m.month_span.begin, m.month_span.end);
  d.day = make_part(text, m.day_span.begin, m.day_span.end);
  if (m.year && !m.year_span.empty()) {
    d.year = make_part(text, m.year_span.begin, m.year_span.end);
  }
  d.day_first = m.order == dates::DateOrder::day_month;
  const std::string_view month = d.month.text;
  if (lowered(month) == lowered(dates::month_name(m.month))) {
    d.month_form = MonthForm::full;
  } else if (month.ends_with('.')) {
    d.month_form = MonthForm::abbreviated;
  } else {
    d.month_form = MonthForm::bare;
  }
  d.ymd = chr::year_month_day{chr::year{m.year.value_or(0)}, chr::month{m.month},
                              chr::day{m.day}};
  return d;
}

class Parser
{
public:
  explicit Parser(const document::MappedText& text) : m_text(text), m_s(text.text) {}

  std::optional<Dateline> parse(std::size_t block)
  {
    const std::size_t start = m_s.skip_spaces(0);
    if (start >= m_s.size()) {
      return std::nullopt;
    }
    std::size_t pos = start;
    // The place first: "NEW YORK, Feb. 16 —", "(NEW YORK, NY) -".
    if (m_s.at(start) == '(') {
      const auto place = read_place(m_s, m_s.skip_spaces(start + 1, false));
      if (place) {
        const std::size_t close = m_s.skip_spaces(place->end, false);
        if (m_s.at(close) == ')') {
          m_place = place;
          m_parenthesized = true;
          pos = close + 1;
        }
      }
    } else if (auto place = read_place(m_s, start)) {
      m_place = place;
      pos = place->end;
    }
    if (!m_place) {
      // A wire marker or the date first: "(NewMediaWire) - March 11, 2025 -
      // DALLAS —", "January 9, 2025 – Los Angeles, CA –".
      if (const std::size_t e = delimited_marker_end(m_s, start); e != k_npos) {
        m_elements.push_back(Element{ElementKind::marker, start, e, std::nullopt});
        pos = e;
      } else if (auto d = date_at(m_s, start)) {
        m_elements.push_back(Element{ElementKind::date, start, d->span.end, d});
        pos = d->span.end;
      } else {
        return std::nullopt;
      }
    }
    scan_elements(pos);
    return finish(block, start);
  }

private:
  bool has_date() const
  {
    for (const Element& e : m_elements) {
      if (e.kind == ElementKind::date) {
        return true;
      }
    }
    return false;
  }

  // An element that follows a dash or a comma.
  std::optional<Element> element_at(std::size_t q)
  {
    if (auto d = date_at(m_s, q)) {
      return Element{ElementKind::date, q, d->span.end, d};
    }
    if (const std::size_t e = time_end(m_s, q); e != k_npos && has_date()) {
      return Element{ElementKind::time, q, e, std::nullopt};
    }
    if (const std::size_t e = delimited_marker_end(m_s, q); e != k_npos) {
      return Element{ElementKind::marker, q, e, std::nullopt};
    }
    if (const std::size_t e = bare_marker_end(m_s, q); e != k_npos) {
      return Element{ElementKind::marker, q, e, std::nullopt};
    }
    if (!m_place && !m_elements.empty()) {
      // The place after a marker or a date; in capitals unless a date
      // went before it.
      if (auto place = read_place(m_s, q)) {
        if (is_caps(m_s, place->city.begin, place->city.end) || has_date()) {
          m_place = place;
          return Element{ElementKind::place, q, place->end, std::nullopt};
        }
      }
    }
    return std::nullopt;
  }

  // An element after white space alone: a bracketed marker after the
  // place ("Spokane, Washington (Newsworthy.ai)"), the date after a
  // marker, a time after the date.
  std::optional<Element> spaced_element_at(std::size_t q)
  {
    if (const std::size_t e = delimited_marker_end(m_s, q); e != k_npos) {
      return Element{ElementKind::marker, q, e, std::nullopt};
    }
    if (m_elements.empty()) {
      return std::nullopt;
    }
    if (auto d = date_at(m_s, q)) {
      return Element{ElementKind::date, q, d->span.end, d};
    }
    if (const std::size_t e = time_end(m_s, q); e != k_npos && has_date()) {
      return Element{ElementKind::time, q, e, std::nullopt};
    }
    return std::nullopt;
  }

  void scan_elements(std::size_t pos)
  {
    m_last_end = pos;
    while (pos < m_s.size()) {
      const std::size_t p = m_s.skip_spaces(pos);
      DatelineSeparator kind{};
      if (const std::size_t len = m_s.dash_run_at(p, kind)) {
        const Dash dash{p, p + len, kind, m_elements.size()};
        const std::size_t q = m_s.skip_spaces(p + len);
        if (auto e = element_at(q)) {
          m_dashes.push_back(dash);
          m_elements.push_back(*e);
          pos = m_last_end = e->end;
          continue;
        }
        m_final = dash;
        return;
      }
      if (m_s.at(p) == ',') {
        const std::size_t q = m_s.skip_spaces(p + 1);
        if (auto e = element_at(q)) {
          m_elements.push_back(*e);
          pos = m_last_end = e->end;
          continue;
        }
        return;
      }
      if (p > pos || m_s.at(p) == '(') {
        if (auto e = spaced_element_at(p)) {
          m_elements.push_back(*e);
          pos = m_last_end = e->end;
          continue;
        }
      }
      return;
    }
  }

  std::optional<Dateline> finish(std::size_t block, std::size_t start)
  {
    if (!m_place) {
      return std::nullopt;
    }
    // No dash at the end: when a dash stood inside, and what follows it
    // holds no date, that dash ended the dateline and the rest is the
    // release's text ("NEW YORK — (Acme) announced ...").
    if (!m_final && !m_dashes.empty()) {
      const Dash& last = m_dashes.back();
      bool date_or_place_after = false;
      for (std::size_t i = last.elements_before; i < m_elements.size(); ++i) {
        date_or_place_after = date_or_place_after || m_elements[i].kind == ElementKind::date
                              || m_elements[i].kind == ElementKind::place;
      }
      if (!date_or_place_after) {
        m_final = last;
        m_elements.resize(last.elements_before);
        m_dashes.pop_back();
      }
    }
    const bool caps = is_caps(m_s, m_place->city.begin, m_place->city.end);
    const bool date = has_date();
    bool marker = false;
    std::size_t place_element = m_elements.size();
    for (std::size_t i = 0; i < m_elements.size(); ++i) {
      marker = marker || m_elements[i].kind == ElementKind::marker;
      if (m_elements[i].kind == ElementKind::place) {
        place_element = i;
      }
    }
    const bool dashed = m_final || !m_dashes.empty();
    if (caps) {
      // "WASHINGTON --", "NEW YORK, Feb. 16, 2026 Acme ...".
      if (!(date || m_final)) {
        return std::nullopt;
      }
    } else if (!((date && (dashed || marker)) || (m_place->region && m_final))) {
      // A name in small letters needs more: "Dayton, Ohio, March 3, 2026
      // —", "Katy, TX –" ("Acme, Feb. 16, 2026, said" is a sentence).
      return std::nullopt;
    }
    // A place after the date or the marker ends the dateline: "January 9,
    // 2025 – Los Angeles, CA –" ("March 3, 2026 – Acme Corp. said" is a
    // sentence).
    if (place_element < m_elements.size()
        && !(m_final && place_element + 1 == m_elements.size())) {
      return std::nullopt;
    }

    Dateline d;
    d.block = block;
    d.city = make_part(m_text, m_place->city.begin, m_place->city.end);
    if (m_place->region) {
      d.region = make_part(m_text, m_place->region->begin, m_place->region->end);
    }
    if (m_place->country) {
      d.country = make_part(m_text, m_place->country->begin, m_place->country->end);
    }
    d.parenthesized = m_parenthesized;
    for (const Element& e : m_elements) {
      if (e.kind == ElementKind::date && !d.date) {
        d.date = make_date(m_text, *e.date);
      } else if (e.kind == ElementKind::marker && !d.wire) {
        d.wire = make_part(m_text, e.begin, e.end);
      }
    }
    std::size_t end = 0;
    if (m_final) {
      d.separator = m_final->kind;
      d.separator_text = make_part(m_text, m_final->begin, m_final->end);
      end = m_final->end;
    } else {
      end = m_elements.empty() ? m_last_end : std::max(m_last_end, m_elements.back().end);
      d.separator = DatelineSeparator::none;
      const std::size_t at = m_text.source_end_of(end);
      d.separator_text = DatelinePart{"", core::Span{at, at}};
    }
    d.span = m_text.to_source(start, end);
    const std::size_t after = m_s.skip_spaces(end);
    d.text_begin = after < m_s.size() ? m_text.source_begin_of(after) : m_text.source_end_of(end);
    return d;
  }

  const document::MappedText& m_text;
  Scanner m_s;
  std::optional<Place> m_place;
  bool m_parenthesized = false;
  std::vector<Element> m_elements;
  std::vector<Dash> m_dashes;
  std::optional<Dash> m_final;
  std::size_t m_last_end = 0;
};

bool
is_prose(const document::Block& block)
{
  return block.kind == document::BlockKind::paragraph
         || block.kind == document::BlockKind::list_item
         || block.kind == document::BlockKind::heading;
}

// A block that reads as a subheadline, a label or a date line rather than
// a paragraph: a heading, all emphasis, or one short line that does not
// end a sentence.
bool
is_title_like(const document::Block& block)
{
  if (block.kind == document::BlockKind::heading || block.emphasized
      || block.kind == document::BlockKind::list_item) {
    return true;
  }
  std::string_view t = block.content.text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\t')) {
    t.remove_suffix(1);
  }
  if (t.find('\n') != std::string_view::npos
      || (t.size() > k_short_block && core::count_code_points(t) > k_short_block)) {
    return false;
  }
  if (t.empty()) {
    return true;
  }
  const char last = t.back();
  return !(last == '.' || last == '!' || last == '?' || last == ';' || last == '"'
           || t.ends_with("\u201D"));
}

bool
is_blank(std::string_view t)
{
  for (const char c : t) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return true;
}

// What find_dateline and dateline_paragraph find: one search.
struct Search
{
  std::optional<Dateline> dateline;
  std::optional<std::size_t> paragraph;
};

// From the first body paragraph on, past subheadlines and label lines that
// region detection may take for the body's start, to the first real
// paragraph.
Search
search(const document::Document& doc, const document::Regions& regions)
{
  Search out;
  if (!regions.dateline_block) {
    return out;
  }
  out.paragraph = regions.dateline_block;
  std::size_t seen = 0;
  bool paragraph_seen = false;
  for (std::size_t b = *regions.dateline_block;
       b < doc.blocks.size() && seen < k_max_blocks_scanned; ++b) {
    const document::Block& block = doc.blocks[b];
    if (!is_prose(block) || is_blank(block.content.text)) {
      continue;
    }
    if (b != *regions.dateline_block && block.span.begin >= regions.body_end) {
      break;
    }
    ++seen;
    if (block.kind == document::BlockKind::heading) {
      continue; // a subheadline
    }
    if (auto d = parse_dateline(block.content, b)) {
      out.paragraph = b;
      out.dateline = std::move(d);
      return out;
    }
    if (!is_title_like(block)) {
      // A one-paragraph summary may stand before the dateline paragraph;
      // the dateline is missing when the next paragraph has none either.
      if (paragraph_seen) {
        return out;
      }
      out.paragraph = b;
      paragraph_seen = true;
    }
  }
  return out;
}

} // namespace

unsigned
month_number(std::string_view word)
{
  return dates::month_from_name(word);
}

std::optional<Dateline>
parse_dateline(const document::MappedText& text, std::size_t block)
{
  return Parser(text).parse(block);
}

std::optional<Dateline>
find_dateline(const document::Document& doc, const document::Regions& regions)
{
  return search(doc, regions).dateline;
}

std::optional<std::size_t>
dateline_paragraph(const document::Document& doc, const document::Regions& regions)
{
  return search(doc, regions).paragraph;
}

namespace {

// `take` of the document's search: the memo's, or one made for this call.
template <typename Take>
auto
from_search(const Context& ctx, const Take& take)
{
  if (ctx.memo == nullptr) {
    return take(search(ctx.doc, ctx.regions));
  }
  return take(ctx.memo->get<Search>({}, [&] { return search(ctx.doc, ctx.regions); }));
}

} // namespace

std::optional<Dateline>
find_dateline(const Context& ctx)
{
  return from_search(ctx, [](const Search& s) { return s.dateline; });
}

std::optional<std::size_t>
dateline_paragraph(const Context& ctx)
{
  return from_search(ctx, [](const Search& s) { return s.paragraph; });
}

} // namespace presslint::checks
