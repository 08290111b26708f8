// The dateline parser: each form real copy writes, with the span of each
// part.
#include "support.hpp"

#include <presslint/checks/dateline_parse.hpp>
#include <presslint/document/reader.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>

using namespace presslint;
using checks::Dateline;
using checks::DatelineSeparator;
using checks::MonthForm;

namespace {

namespace chr = std::chrono;

// A paragraph's text that stands verbatim in the source at offset 0.
document::MappedText
plain(const std::string& text)
{
  document::MappedText t;
  t.append_verbatim(text, 0);
  return t;
}

std::optional<Dateline>
parse(const std::string& text)
{
  return checks::parse_dateline(plain(text));
}

// The source text at a span.
std::string
at(const std::string& source, core::Span span)
{
  return source.substr(span.begin, span.size());
}

// Checks that a part's text is `expected` and that its span covers exactly
// that text in `source`.
void
check_part(const std::string& source, const checks::DatelinePart& part, const std::string& expected)
{
  CHECK_EQ(part.text, expected);
  CHECK_EQ(at(source, part.span), expected);
}

std::optional<Dateline>
find_in(const document::Document& doc)
{
  const document::Regions regions =
    document::detect_regions(doc, test::builtin_catalog().region_matcher());
  return checks::find_dateline(doc, regions);
}

// The findings of the dateline rules (the category alone) on a Markdown
// release in a profile.
std::vector<core::Finding>
lint_datelines(const std::string& text, const std::string& profile = "ap")
{
  const rules::Catalog& catalog = test::builtin_catalog();
  std::vector<rules::Toggle> toggles;
  for (const rules::Rule& r : catalog.rules()) {
    if (r.category != "dateline") {
      toggles.push_back(rules::Toggle{r.id, false});
    }
  }
  core::Errors errors;
  const auto set = rules::build_rule_set(catalog, rules::Config{}, profile, toggles, {"builtin"},
                                         errors);
  REQUIRE(errors.empty());
  const document::Document doc = test::markdown(text);
  const auto now = std::chrono::sys_seconds{std::chrono::sys_days{chr::year{2026} / 1 / 1}};
  return lint::lint_document(doc, *set, catalog.region_matcher(), now);
}

std::string
release(const std::string& first_paragraph)
{
  return "FOR IMMEDIATE RELEASE\n\n# Acme opens a plant\n\n" + first_paragraph + "\n\n###\n";
}

// "rule 'matched'" for each finding.
std::string
summary(const std::vector<core::Finding>& findings)
{
  std::string out;
  for (const core::Finding& f : findings) {
    out += f.rule_id + " '" + f.matched + "'\n";
  }
  return out;
}

// The source after applying a finding's fix.
std::string
fixed(const std::string& source, const core::Finding& f)
{
  REQUIRE(f.fix);
  std::string out = source;
  auto edits = f.fix->edits;
  std::sort(edits.begin(), edits.end(),
            [](const core::Edit& a, const core::Edit& b) { return a.span.begin > b.span.begin; });
  for (const core::Edit& e : edits) {
    out.replace(e.span.begin, e.span.size(), e.replacement);
  }
  return out;
}

} // namespace

TEST_CASE("dateline: AP form with a stand-alone city")
{
  const std::string s = "NEW YORK, Feb. 16, 2026 — Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "NEW YORK");
  CHECK_FALSE(d->region);
  CHECK_FALSE(d->wire);
  CHECK_FALSE(d->parenthesized);
  REQUIRE(d->date);
  check_part(s, d->date->whole, "Feb. 16, 2026");
  check_part(s, d->date->month, "Feb.");
  check_part(s, d->date->day, "16");
  REQUIRE(d->date->year);
  check_part(s, *d->date->year, "2026");
  CHECK_EQ(d->date->month_form, MonthForm::abbreviated);
  CHECK_FALSE(d->date->day_first);
  CHECK(d->date->valid());
  CHECK_EQ(d->date->ymd, chr::year{2026} / chr::February / 16);
  CHECK_EQ(d->separator, DatelineSeparator::em_dash);
  check_part(s, d->separator_text, "—");
  CHECK_EQ(at(s, d->span), "NEW YORK, Feb. 16, 2026 —");
  CHECK_EQ(s.substr(d->text_begin), "Acme opened a plant.");
}

TEST_CASE("dateline: city, AP state abbreviation and a month in full")
{
  const std::string s = "CARLSBAD, Calif., May 5, 2025 — Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "CARLSBAD");
  REQUIRE(d->region);
  check_part(s, *d->region, "Calif.");
  REQUIRE(d->date);
  check_part(s, d->date->month, "May");
  CHECK_EQ(d->date->month_form, MonthForm::full);
  CHECK_EQ(d->date->ymd, chr::year{2025} / chr::May / 5);
  CHECK_EQ(d->separator, DatelineSeparator::em_dash);
}

TEST_CASE("dateline: a place in brackets and a hyphen")
{
  const std::string s = "(NEW YORK, NY) - The Legal Aid Society issued a statement.";
  const auto d = parse(s);
  REQUIRE(d);
  CHECK(d->parenthesized);
  check_part(s, d->city, "NEW YORK");
  REQUIRE(d->region);
  check_part(s, *d->region, "NY");
  CHECK_FALSE(d->date);
  CHECK_EQ(d->separator, DatelineSeparator::hyphen);
  check_part(s, d->separator_text, "-");
  CHECK_EQ(at(s, d->span), "(NEW YORK, NY) -");
}

TEST_CASE("dateline: a city and two hyphens")
{
  const std::string s = "WASHINGTON -- The agency said on Monday that it would act.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "WASHINGTON");
  CHECK_FALSE(d->region);
  CHECK_FALSE(d->date);
  CHECK_EQ(d->separator, DatelineSeparator::double_hyphen);
  check_part(s, d->separator_text, "--");
}

TEST_CASE("dateline: PR Newswire form")
{
  const std::string s = "AUSTIN, Texas, Feb. 16, 2026 /PRNewswire/ -- Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "AUSTIN");
  check_part(s, *d->region, "Texas");
  REQUIRE(d->date);
  check_part(s, d->date->whole, "Feb. 16, 2026");
  REQUIRE(d->wire);
  check_part(s, *d->wire, "/PRNewswire/");
  CHECK_EQ(d->separator, DatelineSeparator::double_hyphen);
  check_part(s, d->separator_text, "--");
}

TEST_CASE("dateline: Business Wire form with no date")
{
  const std::string s = "SEATTLE, Wash.--(BUSINESS WIRE)--Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "SEATTLE");
  check_part(s, *d->region, "Wash.");
  CHECK_FALSE(d->date);
  REQUIRE(d->wire);
  check_part(s, *d->wire, "(BUSINESS WIRE)");
  CHECK_EQ(d->separator, DatelineSeparator::double_hyphen);
  CHECK_EQ(d->separator_text.span.begin, s.find("--Acme"));
  CHECK_EQ(s.substr(d->text_begin), "Acme opened a plant.");
}

TEST_CASE("dateline: GlobeNewswire form")
{
  const std::string s =
    "BOSTON, Mass., February 16, 2026 (GLOBE NEWSWIRE) -- Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "BOSTON");
  check_part(s, *d->region, "Mass.");
  check_part(s, d->date->month, "February");
  CHECK_EQ(d->date->month_form, MonthForm::full);
  check_part(s, *d->wire, "(GLOBE NEWSWIRE)");
  CHECK_EQ(d->separator, DatelineSeparator::double_hyphen);
}

TEST_CASE("dateline: 24-7PressRelease form with a postal code")
{
  const std::string s =
    "PRINCETON, NJ, March 11, 2024 /24-7PressRelease/ -- Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "PRINCETON");
  check_part(s, *d->region, "NJ");
  check_part(s, d->date->whole, "March 11, 2024");
  check_part(s, *d->wire, "/24-7PressRelease/");
  CHECK_EQ(d->separator, DatelineSeparator::double_hyphen);
}

TEST_CASE("dateline: NewMediaWire form, dashes inside")
{
  const std::string s =
    "LANCASTER, PA - August 20, 2026 (NEWMEDIAWIRE) - Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "LANCASTER");
  check_part(s, *d->region, "PA");
  check_part(s, d->date->whole, "August 20, 2026");
  check_part(s, *d->wire, "(NEWMEDIAWIRE)");
  CHECK_EQ(d->separator, DatelineSeparator::hyphen);
  // The last dash ends the dateline, not the one after the state.
  CHECK_EQ(d->separator_text.span.begin, s.find("- Acme"));
}

TEST_CASE("dateline: Media OutReach form, day before month")
{
  const std::string s =
    "HENGQIN, CHINA – Media OutReach Newswire – 21 August 2026 – Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "HENGQIN");
  check_part(s, *d->region, "CHINA");
  check_part(s, *d->wire, "Media OutReach Newswire");
  REQUIRE(d->date);
  check_part(s, d->date->whole, "21 August 2026");
  check_part(s, d->date->day, "21");
  check_part(s, d->date->month, "August");
  CHECK(d->date->day_first);
  CHECK_EQ(d->date->ymd, chr::year{2026} / chr::August / 21);
  CHECK_EQ(d->separator, DatelineSeparator::en_dash);
  CHECK_EQ(d->separator_text.span.begin, s.find("– Acme"));
}

TEST_CASE("dateline: British day-month-year")
{
  const std::string s = "LONDON, 3 March 2026 — Acme opened a plant.";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "LONDON");
  CHECK_FALSE(d->region);
  check_part(s, d->date->whole, "3 March 2026");
  CHECK(d->date->day_first);
  CHECK_EQ(d->separator, DatelineSeparator::em_dash);
}

TEST_CASE("dateline: Newsworthy form, a city not in capitals, weekday and time")
{
  const std::string s = "Spokane, Washington (Newsworthy.ai) Tuesday Jan 30, 2024 @ 8:00 AM "
                        "Eastern — One of the biggest complaints";
  const auto d = parse(s);
  REQUIRE(d);
  check_part(s, d->city, "Spokane");
  check_part(s, *d->region, "Washington");
  check_part(s, *d->wire, "(Newsworthy.ai)");
  REQUIRE(d->date);
  check_part(s, d->date->whole, "Jan 30, 2024");
  check_part(s, d->date->month, "Jan");
  CHECK_EQ(d->date->month_form, MonthForm::bare);
  CHECK_EQ(d->separator, DatelineSeparator::em_dash);
  CHECK_EQ(s.substr(d->text_begin), "One of the biggest complaints");
}

TEST_CASE("dateline: the wire marker or the date before the place")
{
  {
    const std::string s = "(NewMediaWire) - March 11, 2025 - DALLAS — The disparities between";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->city, "DALLAS");
    check_part(s, *d->wire, "(NewMediaWire)");
    check_part(s, d->date->whole, "March 11, 2025");
    CHECK_EQ(d->separator, DatelineSeparator::em_dash);
    CHECK_EQ(at(s, d->span), "(NewMediaWire) - March 11, 2025 - DALLAS —");
  }
  {
    const std::string s = "January 9, 2025 – Los Angeles, CA – Evertise Ai PR, a leading agency";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->city, "Los Angeles");
    check_part(s, *d->region, "CA");
    check_part(s, d->date->whole, "January 9, 2025");
    CHECK_EQ(d->separator, DatelineSeparator::en_dash);
  }
}

TEST_CASE("dateline: no dash")
{
  {
    const std::string s = "ATLANTA, GA / PR Karma / June 18, 2024 10:15";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->city, "ATLANTA");
    check_part(s, *d->region, "GA");
    check_part(s, *d->wire, "/ PR Karma /");
    check_part(s, d->date->whole, "June 18, 2024");
    CHECK_EQ(d->separator, DatelineSeparator::none);
    CHECK(d->separator_text.span.empty());
    CHECK_EQ(d->separator_text.span.begin, s.size());
  }
  {
    const std::string s = "DAYTON, Ohio, March 3, 2026: Acme opened a plant.";
    const auto d = parse(s);
    REQUIRE(d);
    CHECK_EQ(d->separator, DatelineSeparator::none);
    CHECK(d->separator_text.text.empty());
    CHECK_EQ(d->separator_text.span, (core::Span{s.find(':'), s.find(':')}));
    CHECK_EQ(at(s, d->span), "DAYTON, Ohio, March 3, 2026");
  }
}

TEST_CASE("dateline: runs of dashes, ordinals, a state and a country")
{
  {
    const std::string s = "SALT LAKE CITY -– February 14, 2025 – BioUtah released an agenda.";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->city, "SALT LAKE CITY");
    check_part(s, d->date->whole, "February 14, 2025");
    CHECK_EQ(d->separator, DatelineSeparator::en_dash);
    CHECK_EQ(d->separator_text.span.begin, s.find("– BioUtah"));
  }
  {
    const std::string s = "DALLAS, TX -- October 31st, 2024 --  Civeo Corporation reported.";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->date->day, "31st");
    CHECK_EQ(d->date->ymd, chr::year{2024} / chr::October / 31);
  }
  {
    const std::string s = "Jacksons Point, Ontario, Canada (Newsworthy.ai) Thursday Apr 3, 2025 "
                          "@ 8:00 AM America/Toronto — Although most";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->city, "Jacksons Point");
    check_part(s, *d->region, "Ontario");
    REQUIRE(d->country);
    check_part(s, *d->country, "Canada");
    CHECK_EQ(d->separator, DatelineSeparator::em_dash);
  }
  {
    const std::string s = "CHICAGO & BRUSSELS–(BUSINESS WIRE)–Following years of shocks";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->city, "CHICAGO & BRUSSELS");
    CHECK_EQ(d->separator, DatelineSeparator::en_dash);
  }
  {
    const std::string s = "SÃO PAULO, Brazil, Sept. 3, 2026 — Acme opened a plant.";
    const auto d = parse(s);
    REQUIRE(d);
    check_part(s, d->city, "SÃO PAULO");
    CHECK_EQ(d->date->month_form, MonthForm::abbreviated);
  }
}

TEST_CASE("dateline: dates that do not exist")
{
  const auto d = parse("NEW YORK, Feb. 30, 2026 — Acme opened a plant.");
  REQUIRE(d);
  REQUIRE(d->date);
  CHECK_FALSE(d->date->valid());
  const auto leap = parse("NEW YORK, Feb. 29, 2028 — Acme opened a plant.");
  REQUIRE(leap);
  CHECK(leap->date->valid());
  // With no year, Feb. 29 may be right.
  const auto no_year = parse("NEW YORK, Feb. 29 — Acme opened a plant.");
  REQUIRE(no_year);
  CHECK_FALSE(no_year->date->has_year());
  CHECK(no_year->date->valid());
}

TEST_CASE("dateline: text that is not a dateline")
{
  CHECK_FALSE(parse("Acme today announced a plant in Dayton, Ohio."));
  CHECK_FALSE(parse("Renowned crypto educational platform Coin Bureau has announced a club."));
  CHECK_FALSE(parse("Monday, October 16, 2017"));
  CHECK_FALSE(parse("(NewsUSA) - As the summer winds down, many children look forward."));
  CHECK_FALSE(parse("Standard Lithium (NYSE American: SLI) announced it has produced."));
  CHECK_FALSE(parse("TOWER CAPITAL GROUP, market maker of Generational Health, defines."));
  CHECK_FALSE(parse("United States - November 2025"));
  CHECK_FALSE(parse("As first announced on 2 July 2025, Hexagon US Federal has grown."));
  CHECK_FALSE(parse("Today, Feb. 16, 2026, Acme announced a plant."));
  CHECK_FALSE(parse("Acme, Feb. 16, 2026, announced a plant."));
  CHECK_FALSE(parse("March 3, 2026 – Acme Corp. announced a plant today."));
  CHECK_FALSE(parse("ACME CORP (NASDAQ: ACME) — The company announced a plant today."));
  CHECK_FALSE(parse(""));
}

TEST_CASE("dateline: a dash followed by the story's text ends the dateline")
{
  const std::string s = "NEW YORK — (Acme Corp.) announced a plant today.";
  const auto d = parse(s);
  REQUIRE(d);
  CHECK_EQ(d->separator, DatelineSeparator::em_dash);
  CHECK_FALSE(d->wire);
  CHECK_EQ(at(s, d->span), "NEW YORK —");
}

TEST_CASE("dateline: month numbers")
{
  CHECK_EQ(checks::month_number("February"), 2U);
  CHECK_EQ(checks::month_number("Sept."), 9U);
  CHECK_EQ(checks::month_number("Sep"), 9U);
  CHECK_EQ(checks::month_number("Mar."), 3U);
  CHECK_EQ(checks::month_number("Acme"), 0U);
}

TEST_CASE("dateline: found in a Markdown release, under emphasis")
{
  const std::string src = "FOR IMMEDIATE RELEASE\n\n# Acme opens a plant\n\n"
                          "**NEW YORK**, Feb. 16, 2026 — Acme opened a plant.\n";
  const document::Document doc = test::markdown(src);
  const auto d = find_in(doc);
  REQUIRE(d);
  CHECK_EQ(test::slice(doc, d->city.span), "NEW YORK");
  CHECK_EQ(test::slice(doc, d->date->month.span), "Feb.");
  CHECK_EQ(test::slice(doc, d->separator_text.span), "—");
  CHECK_EQ(doc.position(d->city.span.begin).line, 5U);
  CHECK_EQ(doc.position(d->city.span.begin).column, 3U);
}

TEST_CASE("dateline: found past a subheadline and a label line")
{
  const std::string src = "# Acme opens a plant\n\nTwo hundred jobs come to the Miami Valley\n\n"
                          "--News Direct--\n\nDAYTON, Ohio, March 3, 2026 — Acme will hire.\n";
  const document::Document doc = test::markdown(src);
  const auto d = find_in(doc);
  REQUIRE(d);
  CHECK_EQ(test::slice(doc, d->city.span), "DAYTON");
  CHECK_EQ(doc.position(d->city.span.begin).line, 7U);
}

TEST_CASE("dateline: where a missing dateline belongs")
{
  const std::string src = "# Acme opens a plant\n\nTwo hundred jobs come to the Miami Valley\n\n"
                          "Acme will hire 200 people.\n\nThe plant opens in May.\n\n"
                          "DAYTON, Ohio, March 3, 2026 — Too late to count.\n";
  const document::Document doc = test::markdown(src);
  const document::Regions regions =
    document::detect_regions(doc, test::builtin_catalog().region_matcher());
  CHECK_FALSE(checks::find_dateline(doc, regions));
  const auto paragraph = checks::dateline_paragraph(doc, regions);
  REQUIRE(paragraph);
  CHECK_EQ(doc.position(doc.blocks[*paragraph].span.begin).line, 5U);
}

TEST_CASE("dateline: an HTML release, the dash as an entity")
{
  const std::string src = "<html><body><h1>Acme opens a plant</h1>"
                          "<p>NEW YORK, Feb. 16, 2026 &mdash; Acme opened a plant.</p>"
                          "</body></html>\n";
  document::Document doc;
  core::Error error;
  REQUIRE(document::read_document("test.html", src, document::Format::html, doc, error));
  const auto d = find_in(doc);
  REQUIRE(d);
  CHECK_EQ(test::slice(doc, d->city.span), "NEW YORK");
  CHECK_EQ(d->separator, DatelineSeparator::em_dash);
  CHECK_EQ(test::slice(doc, d->separator_text.span), "&mdash;");
}

TEST_CASE("dateline rules: a right AP dateline gives nothing")
{
  CHECK_EQ(summary(lint_datelines(release("NEW YORK, Feb. 16, 2026 — Acme opened a plant."))), "");
  CHECK_EQ(summary(lint_datelines(release("CARLSBAD, Calif., May 5, 2025 — Acme opened a plant."))),
           "");
  CHECK_EQ(summary(lint_datelines(release("AUSTIN, Texas, Sept. 3, 2026 — Acme opened a plant."))),
           "");
  CHECK_EQ(summary(lint_datelines(release("WASHINGTON — Acme opened a plant."))), "");
  CHECK_EQ(summary(lint_datelines(release("LONDON, Ontario, March 5, 2026 — Acme opened a plant."))),
           "");
}

TEST_CASE("dateline rules: the seed release's bracketed form gives one finding")
{
  const std::string src = release("(NEW YORK, NY) - The Legal Aid Society issued a statement.");
  const auto findings = lint_datelines(src);
  REQUIRE_EQ(findings.size(), 1U);
  CHECK_EQ(findings[0].rule_id, "dateline.standalone-city");
  CHECK_EQ(findings[0].message, "dateline city \"NEW YORK\" stands alone in AP style; drop \", NY\"");
  CHECK_EQ(fixed(src, findings[0]), release("(NEW YORK) - The Legal Aid Society issued a statement."));
}

TEST_CASE("dateline rules: stand-alone city supersedes the state's style")
{
  const auto findings = lint_datelines(release("NEW YORK, NY, Feb. 16, 2026 — Acme opened a plant."));
  CHECK_EQ(summary(findings), "dateline.standalone-city 'NEW YORK, NY'\n");
  // Another Dallas: the state names another city.
  CHECK_EQ(summary(lint_datelines(release("DALLAS, Ga., Feb. 16, 2026 — Acme opened a plant."))), "");
  CHECK_EQ(summary(lint_datelines(release("DALLAS, TX, Feb. 16, 2026 — Acme opened a plant."))),
           "dateline.standalone-city 'DALLAS, TX'\n");
  CHECK_EQ(summary(lint_datelines(release("CARLSBAD, Feb. 16, 2026 — Acme opened a plant."))),
           "dateline.standalone-city 'CARLSBAD'\n");
}

TEST_CASE("dateline rules: fixes")
{
  {
    const std::string src = release("Dayton, Ohio, Sep. 3, 2026 - Acme opened a plant.");
    const auto findings = lint_datelines(src);
    REQUIRE_EQ(summary(findings), "dateline.city-case 'Dayton'\n"
                                  "dateline.month-style 'Sep.'\n"
                                  "dateline.separator '-'\n");
    CHECK_EQ(fixed(src, findings[0]), release("DAYTON, Ohio, Sep. 3, 2026 - Acme opened a plant."));
    CHECK_EQ(fixed(src, findings[1]), release("Dayton, Ohio, Sept. 3, 2026 - Acme opened a plant."));
    CHECK_EQ(fixed(src, findings[2]), release("Dayton, Ohio, Sep. 3, 2026 — Acme opened a plant."));
    CHECK_EQ(findings[2].fix->title, "Write \"—\"");
  }
  {
    const std::string src = release("CARLSBAD, California, May 5, 2025 — Acme opened a plant.");
    const auto findings = lint_datelines(src);
    REQUIRE_EQ(summary(findings), "dateline.state-style 'California'\n");
    CHECK_EQ(findings[0].message,
             "dateline state \"California\" is not in house style; write \"Calif.\"");
    CHECK_EQ(fixed(src, findings[0]), release("CARLSBAD, Calif., May 5, 2025 — Acme opened a plant."));
  }
  {
    const std::string src = release("DAYTON, Ohio, March 3, 2026: Acme opened a plant.");
    const auto findings = lint_datelines(src);
    REQUIRE_EQ(summary(findings), "dateline.separator 'DAYTON, Ohio, March 3, 2026'\n");
    CHECK(findings[0].span.empty());
    CHECK_EQ(findings[0].message, "no dash after the dateline; end it with \"—\"");
    CHECK_EQ(fixed(src, findings[0]), release("DAYTON, Ohio, March 3, 2026 — Acme opened a plant."));
  }
  {
    // Markup inside what a fix would replace: no fix.
    const std::string src = release("*Dayton*, Ohio, March 3, 2026 — Acme opened a plant.");
    const auto findings = lint_datelines(src);
    REQUIRE_EQ(summary(findings), "dateline.city-case 'Dayton'\n");
    CHECK(findings[0].fix);
    const std::string bold = release("**NEW YORK**, NY, Feb. 16, 2026 — Acme opened a plant.");
    const auto b = lint_datelines(bold);
    REQUIRE_EQ(b.size(), 1U);
    CHECK_FALSE(b[0].fix);
  }
}

TEST_CASE("dateline rules: invalid dates and the eight states spelled out")
{
  CHECK_EQ(summary(lint_datelines(release("DAYTON, Ohio, Feb. 30, 2026 — Acme opened a plant."))),
           "dateline.invalid-date 'Feb. 30, 2026'\n");
  CHECK_EQ(summary(lint_datelines(release("AUSTIN, TX, Feb. 3, 2026 — Acme opened a plant."))),
           "dateline.state-style 'TX'\n");
  const auto f = lint_datelines(release("AUSTIN, TX, Feb. 3, 2026 — Acme opened a plant."));
  CHECK_EQ(f[0].message, "dateline state \"TX\" is not in house style; write \"Texas\"");
}

TEST_CASE("dateline rules: missing")
{
  const auto findings = lint_datelines(release("Acme will hire 200 people in Dayton."));
  REQUIRE_EQ(summary(findings), "dateline.missing 'Acme will hire'\n");
  CHECK_EQ(findings[0].message,
           "no dateline at the start of the first body paragraph, before \"Acme will hire\"");
  CHECK_EQ(summary(lint_datelines(release("Acme will hire 200 people in Dayton."), "gov-us")), "");
}

TEST_CASE("dateline rules: profiles")
{
  const std::string wire =
    release("PRINCETON, NJ, March 11, 2024 /24-7PressRelease/ -- Acme opened a plant.");
  CHECK_EQ(summary(lint_datelines(wire, "ap")),
           "dateline.state-style 'NJ'\ndateline.separator '--'\n");
  CHECK_EQ(summary(lint_datelines(wire, "wire")), "");
  CHECK_EQ(summary(lint_datelines(
             release("BURLINGTON, Mass., February 16, 2026 (GLOBE NEWSWIRE) -- Acme opened."), "wire")),
           "");
  CHECK_EQ(summary(lint_datelines(release("REDMOND, Wash.--(BUSINESS WIRE)--Acme opened."), "wire")),
           "");
  CHECK_EQ(summary(lint_datelines(release("REDMOND, WA--(BUSINESS WIRE)--Acme opened."), "wire")),
           "");
  CHECK_EQ(summary(lint_datelines(release("REDMOND, WA - Feb. 3, 2026 - Acme opened."), "wire")),
           "dateline.separator '-'\n");
  CHECK_EQ(summary(lint_datelines(release("HENGQIN, CHINA – Media OutReach Newswire – 21 August "
                                          "2026 – Acme opened a plant."))),
           "dateline.month-style 'August'\ndateline.separator '–'\n");
  CHECK_EQ(summary(lint_datelines(release("LONDON, 21 Aug. 2026 – Acme opened a plant."), "uk")),
           "dateline.month-style 'Aug.'\n");
  CHECK_EQ(summary(lint_datelines(release("LONDON, 21 August 2026 – Acme opened a plant."), "uk")),
           "");
  CHECK_EQ(summary(lint_datelines(release("CAMBRIDGE, MA, 21 August 2026 — Acme opened."), "uk")),
           "");
}

TEST_CASE("dateline: through a document's memo, the same dateline as found alone")
{
  const rules::Rule& rule = *test::builtin_catalog().find("dateline.missing");
  const auto& matcher = test::builtin_catalog().region_matcher();
  for (const std::string& text : {std::string("# Acme opens a plant\n\n"
                                              "DAYTON, Ohio, March 3, 2026 — Acme will hire.\n"),
                                  std::string("# Acme opens a plant\n\n"
                                              "Acme will hire 200 people.\n")}) {
    CAPTURE(text);
    const document::Document doc = test::markdown(text);
    const document::Regions regions = document::detect_regions(doc, matcher);
    std::vector<core::Finding> out;
    checks::DocumentMemo memo;
    const checks::Context alone{doc, regions, rule, rule.severity, {}, out, nullptr, nullptr};
    const checks::Context shared{doc, regions, rule, rule.severity, {}, out, nullptr, &memo};
    const auto expected = checks::find_dateline(doc, regions);
    CHECK(checks::find_dateline(alone).has_value() == expected.has_value());
    // Asked twice through the memo: the first search's result both times.
    for (int i = 0; i < 2; ++i) {
      const auto found = checks::find_dateline(shared);
      REQUIRE(found.has_value() == expected.has_value());
      if (found) {
        CHECK_EQ(found->city.text, expected->city.text);
        CHECK_EQ(found->block, expected->block);
      }
      CHECK(checks::dateline_paragraph(shared) == checks::dateline_paragraph(doc, regions));
    }
  }
}
