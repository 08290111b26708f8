// The date library: dates, times, time zones and daylight saving time.
#include "support.hpp"

#include <presslint/checks/dates.hpp>
#include <presslint/core/utf8.hpp>

#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

using namespace presslint::checks::dates;
namespace chr = std::chrono;

namespace {

chr::year_month_day
ymd(int y, unsigned m, unsigned d)
{
  return chr::year_month_day{chr::year{y}, chr::month{m}, chr::day{d}};
}

std::string
part(std::string_view text, TextSpan span)
{
  return std::string(text.substr(span.begin, span.size()));
}

TimeZoneTable
zones()
{
  TimeZoneTable t;
  t.add(TimeZone{"EST", ZoneRule::us_standard, -300, "EDT", "", "", ""});
  t.add(TimeZone{"EDT", ZoneRule::us_daylight, -240, "", "EST", "", ""});
  t.add(TimeZone{"CT", ZoneRule::us_neutral, -360, "", "", "", ""});
  t.add(TimeZone{"ET", ZoneRule::us_neutral, -300, "", "", "", ""});
  t.add(TimeZone{"Eastern", ZoneRule::us_neutral, -300, "", "", "", ""});
  t.add(TimeZone{"GMT", ZoneRule::uk_standard, 0, "BST", "", "", ""});
  t.add(TimeZone{"BST", ZoneRule::uk_daylight, 60, "", "GMT", "", ""});
  t.add(TimeZone{"HST", ZoneRule::none, -600, "", "", "", ""});
  t.add_alias("Eastern Standard Time", "EST");
  return t;
}

} // namespace

TEST_CASE("dates: month and weekday names")
{
  CHECK_EQ(month_from_name("February"), 2U);
  CHECK_EQ(month_from_name("FEBRUARY"), 2U);
  CHECK_EQ(month_from_name("Feb."), 2U);
  CHECK_EQ(month_from_name("Feb"), 2U);
  CHECK_EQ(month_from_name("Sept."), 9U);
  CHECK_EQ(month_from_name("Sep"), 9U);
  CHECK_EQ(month_from_name("May"), 5U);
  CHECK_EQ(month_from_name("Mayday"), 0U);
  CHECK_EQ(month_from_name("Fe"), 0U);
  CHECK_EQ(weekday_from_name("Friday"), chr::Friday);
  CHECK_EQ(weekday_from_name("SUNDAY"), chr::Sunday);
  CHECK_EQ(weekday_from_name("Tues."), chr::Tuesday);
  CHECK_EQ(weekday_from_name("Thurs"), chr::Thursday);
  CHECK_FALSE(weekday_from_name("Fridays").has_value());
  CHECK_EQ(month_name(2), "February");
  CHECK_EQ(weekday_name(chr::Saturday), "Saturday");
}

TEST_CASE("dates: US forms")
{
  {
    const std::string_view t = "on Friday, Feb. 21, 2026 at noon";
    const auto m = parse_date_at(t, 3);
    REQUIRE(m);
    CHECK_EQ(part(t, m->span), "Friday, Feb. 21, 2026");
    CHECK_EQ(part(t, m->weekday_span), "Friday");
    CHECK_EQ(part(t, m->month_span), "Feb.");
    CHECK_EQ(part(t, m->day_span), "21");
    CHECK_EQ(part(t, m->year_span), "2026");
    CHECK_EQ(m->order, DateOrder::month_day);
    CHECK_EQ(m->ymd(), ymd(2026, 2, 21));
    CHECK_EQ(*m->weekday, chr::Friday);
    CHECK_EQ(weekday_of(m->ymd()), chr::Saturday); // Feb. 21, 2026 is a Saturday
  }
  {
    const std::string_view t = "Friday, February 21, 2026";
    const auto m = parse_date_at(t, 0);
    REQUIRE(m);
    CHECK_EQ(part(t, m->span), t);
    CHECK_EQ(part(t, m->month_span), "February");
  }
  {
    const std::string_view t = "SUNDAY, OCTOBER 7, 2018 AT 2 P.M. EDT";
    const auto m = parse_date_at(t, 0);
    REQUIRE(m);
    CHECK_EQ(part(t, m->span), "SUNDAY, OCTOBER 7, 2018");
    CHECK_EQ(weekday_of(m->ymd()), chr::Sunday);
  }
  {
    const std::string_view t = "Tuesday, March 3rd, 2026.";
    const auto m = parse_date_at(t, 0);
    REQUIRE(m);
    CHECK_EQ(part(t, m->day_span), "3rd");
    CHECK_EQ(m->day, 3U);
    CHECK_EQ(part(t, m->span), "Tuesday, March 3rd, 2026");
  }
  {
    const std::string_view t = "Thursday, March 5";
    const auto m = parse_date_at(t, 0);
    REQUIRE(m);
    CHECK_FALSE(m->year.has_value());
    CHECK_EQ(part(t, m->span), t);
  }
}

TEST_CASE("dates: UK and ISO forms")
{
  {
    const std::string_view t = "Friday 21 February 2026";
    const auto m = parse_date_at(t, 0);
    REQUIRE(m);
    CHECK_EQ(m->order, DateOrder::day_month);
    CHECK_EQ(part(t, m->span), t);
    CHECK_EQ(m->ymd(), ymd(2026, 2, 21));
  }
  {
    const std::string_view t = "EMBARGO: 00:01 GMT, 3 February 2026";
    const auto dates = find_dates(t);
    REQUIRE_EQ(dates.size(), 1U);
    CHECK_EQ(part(t, dates[0].span), "3 February 2026");
    CHECK_FALSE(dates[0].weekday.has_value());
  }
  {
    const std::string_view t = "Tuesday, 3rd of February, 2026";
    const auto m = parse_date_at(t, 0);
    REQUIRE(m);
    CHECK_EQ(m->ymd(), ymd(2026, 2, 3));
  }
  {
    const std::string_view t = "date: 2026-02-21";
    const auto dates = find_dates(t);
    REQUIRE_EQ(dates.size(), 1U);
    CHECK_EQ(dates[0].order, DateOrder::iso);
    CHECK_EQ(dates[0].ymd(), ymd(2026, 2, 21));
  }
}

TEST_CASE("dates: what is not a date")
{
  CHECK(find_dates("may 5, 2026").empty());            // a month needs a capital
  CHECK(find_dates("March 2026").empty());             // no day
  CHECK(find_dates("the Mayor said 5 things").empty());
  CHECK(find_dates("Psalm March 3:16").empty());
  CHECK(find_dates("Friday was busy").empty());
  CHECK(find_dates("5 Mayfair Road").empty());
  CHECK(find_dates("Feb. 45, 2026").empty());
}

TEST_CASE("dates: validity and weekdays")
{
  const auto m = parse_date_at("Feb. 30, 2026", 0);
  REQUIRE(m);
  CHECK_FALSE(m->is_valid());
  CHECK(parse_date_at("Feb. 29, 2028", 0)->is_valid());
  CHECK_FALSE(parse_date_at("Feb. 29, 2026", 0)->is_valid());
  CHECK(parse_date_at("Feb. 29", 0)->is_valid());
  CHECK_FALSE(parse_date_at("April 31, 2026", 0)->is_valid());
  CHECK_EQ(weekday_of(ymd(2026, 3, 3)), chr::Tuesday);
  CHECK_EQ(weekday_of(ymd(2025, 3, 11)), chr::Tuesday);
  CHECK_EQ(weekday_of(ymd(2018, 10, 7)), chr::Sunday);
  CHECK_EQ(weekday_of(ymd(2000, 2, 29)), chr::Tuesday);
  CHECK_EQ(nearest_year(1, 5, ymd(2025, 12, 20)), 2026);
  CHECK_EQ(nearest_year(12, 30, ymd(2026, 1, 3)), 2025);
  CHECK_EQ(nearest_year(6, 1, ymd(2026, 3, 1)), 2026);
}

TEST_CASE("dates: times")
{
  auto one = [](std::string_view t) {
    const auto times = find_times(t);
    REQUIRE_EQ(times.size(), 1U);
    return times[0];
  };
  {
    const std::string_view t = "UNTIL 9:00 a.m. ET";
    const auto m = one(t);
    CHECK_EQ(part(t, m.span), "9:00 a.m.");
    CHECK_EQ(m.hour, 9);
    CHECK_EQ(m.minute, 0);
    CHECK(m.meridiem);
    CHECK_FALSE(m.ambiguous);
  }
  {
    const std::string_view t = "AT 2 P.M. EDT";
    const auto m = one(t);
    CHECK_EQ(part(t, m.span), "2 P.M.");
    CHECK_EQ(m.hour, 14);
  }
  CHECK_EQ(one("at 9am today").hour, 9);
  CHECK_EQ(one("at 11:30 PM").minute_of_day(), 23 * 60 + 30);
  {
    const auto m = one("EMBARGO: 00:01 GMT");
    CHECK_EQ(m.hour, 0);
    CHECK_EQ(m.minute, 1);
    CHECK_FALSE(m.meridiem);
  }
  CHECK_EQ(one("at 14:30").minute_of_day(), 14 * 60 + 30);
  {
    const std::string_view t = "until 00.01 hrs GMT";
    const auto m = one(t);
    CHECK_EQ(part(t, m.span), "00.01 hrs");
    CHECK_EQ(m.minute, 1);
  }
  {
    const auto m = one("until noon ET");
    CHECK(m.word);
    CHECK_EQ(m.hour, 12);
    CHECK_FALSE(m.ambiguous);
  }
  {
    const std::string_view t = "until 12 midnight";
    const auto m = one(t);
    CHECK_EQ(part(t, m.span), "12 midnight");
    CHECK_EQ(m.hour, 0);
    CHECK_FALSE(m.ambiguous);
  }
  CHECK_EQ(one("Midnight").hour, 0);
  // The ambiguous forms.
  CHECK(one("12 a.m. ET").ambiguous);
  CHECK_EQ(one("12 a.m. ET").hour, 0);
  CHECK(one("12 p.m.").ambiguous);
  CHECK_EQ(one("12 p.m.").hour, 12);
  CHECK(one("12:00 ET").ambiguous);
  CHECK(one("12:00 p.m.").ambiguous);
  CHECK_FALSE(one("12:01 a.m.").ambiguous);
  // Not times.
  CHECK(find_times("revenue rose 3.25 million").empty());
  CHECK(find_times("a 12-month plan with 30 people").empty());
  CHECK(find_times("ratio 13:45:10").empty());
  CHECK(find_times("version 2.10").empty());
}

TEST_CASE("dates: US daylight time 2025 and 2026")
{
  CHECK_EQ(daylight_start(DaylightFamily::us, 2025), ymd(2025, 3, 9));
  CHECK_EQ(daylight_end(DaylightFamily::us, 2025), ymd(2025, 11, 2));
  CHECK_EQ(daylight_start(DaylightFamily::us, 2026), ymd(2026, 3, 8));
  CHECK_EQ(daylight_end(DaylightFamily::us, 2026), ymd(2026, 11, 1));
  CHECK_FALSE(daylight_in_force(DaylightFamily::us, ymd(2026, 3, 7)));
  CHECK(daylight_in_force(DaylightFamily::us, ymd(2026, 3, 8)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::us, ymd(2026, 3, 8), 60)); // 1 a.m.
  CHECK(daylight_in_force(DaylightFamily::us, ymd(2026, 10, 31)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::us, ymd(2026, 11, 1)));
  CHECK(daylight_in_force(DaylightFamily::us, ymd(2026, 11, 1), 60));
  CHECK_FALSE(daylight_in_force(DaylightFamily::us, ymd(2025, 3, 8)));
  CHECK(daylight_in_force(DaylightFamily::us, ymd(2025, 3, 11)));
  CHECK(daylight_in_force(DaylightFamily::us, ymd(2025, 11, 1)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::us, ymd(2025, 11, 2)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::us, ymd(2026, 1, 15)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::none, ymd(2026, 7, 1)));
}

TEST_CASE("dates: UK summer time 2025 and 2026")
{
  CHECK_EQ(daylight_start(DaylightFamily::eu, 2025), ymd(2025, 3, 30));
  CHECK_EQ(daylight_end(DaylightFamily::eu, 2025), ymd(2025, 10, 26));
  CHECK_EQ(daylight_start(DaylightFamily::eu, 2026), ymd(2026, 3, 29));
  CHECK_EQ(daylight_end(DaylightFamily::eu, 2026), ymd(2026, 10, 25));
  CHECK_FALSE(daylight_in_force(DaylightFamily::eu, ymd(2026, 3, 28)));
  CHECK(daylight_in_force(DaylightFamily::eu, ymd(2026, 3, 29)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::eu, ymd(2026, 3, 29), 1)); // 00:01
  CHECK(daylight_in_force(DaylightFamily::eu, ymd(2026, 10, 24)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::eu, ymd(2026, 10, 25)));
  CHECK(daylight_in_force(DaylightFamily::eu, ymd(2026, 10, 25), 1));
  CHECK_FALSE(daylight_in_force(DaylightFamily::eu, ymd(2025, 3, 29)));
  CHECK(daylight_in_force(DaylightFamily::eu, ymd(2025, 10, 25)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::eu, ymd(2025, 10, 26)));
  CHECK_FALSE(daylight_in_force(DaylightFamily::eu, ymd(2026, 2, 3)));
}

TEST_CASE("dates: time zones")
{
  const TimeZoneTable t = zones();
  REQUIRE(t.find("EST"));
  CHECK(t.find("est") == nullptr);
  CHECK(t.find("eastern") != nullptr);
  CHECK_EQ(t.find("Eastern Standard Time")->name, "EST");
  CHECK(t.find("EST")->is_standard());
  CHECK(t.find("EDT")->is_daylight());
  CHECK_EQ(t.find("HST")->family(), DaylightFamily::none);
  CHECK_EQ(t.find("GMT")->family(), DaylightFamily::eu);
  // Neutral zones resolve by the date.
  CHECK_EQ(t.find("ET")->offset_on(ymd(2026, 3, 3)), -300);
  CHECK_EQ(t.find("ET")->offset_on(ymd(2026, 3, 10)), -240);
  CHECK_EQ(t.find("CT")->offset_on(ymd(2025, 3, 11)), -300);
  CHECK_EQ(t.find("EST")->offset_on(ymd(2026, 7, 1)), -300);
  {
    const std::string_view text = "9 a.m. Eastern Standard Time";
    TextSpan span;
    const TimeZone* z = t.match_at(text, 7, span);
    REQUIRE(z);
    CHECK_EQ(z->name, "EST");
    CHECK_EQ(part(text, span), "Eastern Standard Time");
  }
  {
    const std::string_view text = "9 a.m. (ET) on";
    TextSpan span;
    const TimeZone* z = t.match_at(text, 7, span);
    REQUIRE(z);
    CHECK_EQ(part(text, span), "ET");
  }
  {
    TextSpan span;
    CHECK(t.match_at("ETA", 0, span) == nullptr);
    CHECK(t.match_at("Easterner", 0, span) == nullptr);
  }
}

TEST_CASE("dates: instants")
{
  // 4 a.m. CT and 5 a.m. ET on March 11, 2025 are the same instant.
  const TimeZoneTable t = zones();
  const auto d = ymd(2025, 3, 11);
  const auto ct = to_utc(d, 4 * 60, t.find("CT")->offset_on(d, 4 * 60));
  const auto et = to_utc(d, 5 * 60, t.find("ET")->offset_on(d, 5 * 60));
  CHECK(ct == et);
  CHECK_EQ(format_iso(d), "2025-03-11");
  CHECK_EQ(format_long(d), "March 11, 2025");
  // 00:01 GMT on 3 February 2026.
  const auto g = to_utc(ymd(2026, 2, 3), 1, 0);
  CHECK(g == chr::sys_days{ymd(2026, 2, 3)} + chr::minutes{1});
}

TEST_CASE("dates: the time-zones data reads whole")
{
  const auto& data = presslint::test::builtin_catalog().data();
  const auto zones = data.find("time-zones");
  const auto names = data.find("time-zone-names");
  REQUIRE(zones != data.end());
  REQUIRE(names != data.end());
  std::vector<std::pair<std::string, std::string>> aliases;
  for (const auto& [k, v] : names->second.entries) {
    aliases.emplace_back(k.value, v.value);
  }
  std::vector<std::string> problems;
  const TimeZoneTable t = TimeZoneTable::from_yaml(zones->second, aliases, &problems);
  CHECK(problems.empty());
  for (const auto& [k, v] : zones->second.entries) {
    CAPTURE(k.value);
    const TimeZone* z = t.find(k.value);
    REQUIRE(z);
    // Every zone that names standard or daylight time names its pair, and
    // the pair is an hour apart.
    if (z->is_standard()) {
      const TimeZone* d = t.find(z->daylight_form);
      REQUIRE(d);
      CHECK_EQ(d->offset, z->offset + 60);
      CHECK_EQ(d->standard_form, z->name);
    }
  }
  CHECK_EQ(t.find("Pacific Daylight Time")->name, "PDT");
  CHECK_EQ(t.find("British Summer Time")->offset, 60);
  CHECK_EQ(t.find("PT")->offset_on(ymd(2026, 7, 1)), -420);
  CHECK_EQ(t.find("MT")->offset_on(ymd(2026, 1, 1)), -420);
  CHECK_EQ(t.find("HST")->offset_on(ymd(2026, 7, 1)), -600);
  CHECK(t.find("MST")->note.find("Arizona") != std::string::npos);
}

TEST_CASE("dates: find_dates finds what parse_date_at finds at every word start, over the corpus")
{
  // find_dates tries only the places where a date can begin; trying every
  // place that begins a word must find the same dates.
  auto every_start = [](std::string_view text) {
    std::vector<DateMatch> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
      const auto c = static_cast<unsigned char>(text[pos]);
      const bool word_before =
        pos > 0 && presslint::core::is_word_code_point(presslint::core::decode_utf8_before(text, pos));
      if (c < 0x80 && std::isalnum(c) != 0 && !word_before) {
        if (auto m = parse_date_at(text, pos)) {
          out.push_back(*m);
          pos = m->span.end;
          continue;
        }
      }
      ++pos;
    }
    return out;
  };
  std::size_t files = 0;
  std::size_t dates = 0;
  for (const std::string& text : presslint::test::corpus_texts()) {
    const std::vector<DateMatch> found = find_dates(text);
    const std::vector<DateMatch> expected = every_start(text);
    ++files;
    dates += found.size();
    REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].span.begin == expected[i].span.begin);
      CHECK(found[i].span.end == expected[i].span.end);
      CHECK(found[i].month == expected[i].month);
      CHECK(found[i].day == expected[i].day);
    }
  }
  CHECK(files > 100);
  CHECK(dates > 200);
}

TEST_CASE("dates: find_weekday_dates finds the dates of find_dates that have a weekday")
{
  // Over the corpus, the rules' examples, and sentences that put weekday
  // dates beside other dates and numbers.
  std::vector<std::string> texts = presslint::test::corpus_texts();
  for (const presslint::rules::Rule& r : presslint::test::builtin_catalog().rules()) {
    texts.insert(texts.end(), r.docs.good.begin(), r.docs.good.end());
    texts.insert(texts.end(), r.docs.bad.begin(), r.docs.bad.end());
  }
  const std::vector<std::string> parts{
    "Tuesday, March 3, 2026", "May 5", "Mon. Feb. 2", "3 March 2026", "Sunday 1 March",
    "2026-03-03", "Thurs., Sept. 4", "Friday the 21st of February", "200 people", "Wed 4 March",
    "Saturday", "March 3, Tuesday", "Sat, 7 March 2026", "Thu., Jan. 1, 2026", "(Friday, May 1)"};
  std::string mixed;
  for (std::size_t i = 0; i < 2000; ++i) {
    mixed += parts[(i * 7 + i / 3) % parts.size()];
    mixed += (i % 5 == 0) ? "\n" : (i % 3 == 0 ? ", " : " and ");
  }
  texts.push_back(mixed);
  std::size_t found_any = 0;
  for (const std::string& text : texts) {
    std::vector<DateMatch> expected;
    for (const DateMatch& d : find_dates(text)) {
      if (d.weekday) {
        expected.push_back(d);
      }
    }
    const std::vector<DateMatch> found = find_weekday_dates(text);
    REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].span.begin == expected[i].span.begin);
      CHECK(found[i].span.end == expected[i].span.end);
      CHECK(found[i].weekday_span.end == expected[i].weekday_span.end);
      CHECK(found[i].day == expected[i].day);
    }
    found_any += found.size();
  }
  CHECK(found_any > 500);
}
