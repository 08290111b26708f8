// E-mail and phone validation in contact blocks, and the contact and
// end-mark checks on whole releases.
#include "support.hpp"

#include <presslint/checks/contact_parse.hpp>
#include <presslint/core/utf8.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <re2/re2.h>

#include <chrono>
#include <random>

using namespace presslint;
namespace contact = presslint::checks::contact;
using contact::NationalFormat;

namespace {

std::vector<std::string>
emails_in(std::string_view text)
{
  std::vector<std::string> out;
  for (const auto& f : contact::find_email_candidates(text)) {
    out.emplace_back(text.substr(f.begin, f.end - f.begin));
  }
  return out;
}

const std::vector<std::string> k_labels{"phone", "tel", "mobile", "cell", "fax", "t", "p", "m"};

std::vector<std::string>
phones_in(std::string_view text)
{
  std::vector<std::string> out;
  for (const auto& p : contact::find_phone_candidates(text, k_labels)) {
    out.emplace_back(text.substr(p.begin, p.end - p.begin));
  }
  return out;
}

bool
valid_phone(std::string_view number, NationalFormat format = NationalFormat::nanp)
{
  return !contact::phone_problem(number, format).has_value();
}

struct Lint
{
  document::Document doc;
  std::vector<core::Finding> findings;
};

// Lints `text` with every rule but `rule_id` off, in `profile` (which may
// turn it off too).
Lint
lint_only(const std::string& text, const std::string& rule_id, const std::string& profile = "ap")
{
  Lint out{test::markdown(text), {}};
  const rules::Catalog& catalog = test::builtin_catalog();
  std::vector<rules::Toggle> toggles;
  for (const rules::Rule& r : catalog.rules()) {
    toggles.push_back(rules::Toggle{r.id, false});
  }
  std::erase_if(toggles, [&](const rules::Toggle& t) { return t.key == rule_id; });
  core::Errors errors;
  rules::Config config;
  config.profile = profile;
  const auto set = rules::build_rule_set(catalog, config, "", toggles, {"builtin"}, errors);
  REQUIRE(errors.empty());
  const auto now = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
  out.findings = lint::lint_document(out.doc, *set, catalog.region_matcher(), now);
  return out;
}

std::string
apply_fix(const Lint& l, const core::Finding& f)
{
  std::string s = l.doc.source;
  REQUIRE(f.fix.has_value());
  for (auto it = f.fix->edits.rbegin(); it != f.fix->edits.rend(); ++it) {
    s.replace(it->span.begin, it->span.size(), it->replacement);
  }
  return s;
}

const std::string k_head =
  "# Acme opens a plant in Ohio\n\nDAYTON, Ohio, March 3, 2026 — Acme will hire "
  "200 people.\n";

} // namespace

TEST_CASE("e-mail: valid addresses")
{
  for (const char* a :
       {"jane@acme.com", "jane.doe+press@mail.acme.co.uk", "j_o'neil@acme.org",
        "press@xn--bcher-kva.example", "DANA@ACME.COM", "a@b.io", "média@exemple.fr"}) {
    CAPTURE(a);
    CHECK_FALSE(contact::email_problem(a).has_value());
  }
}

TEST_CASE("e-mail: malformed addresses")
{
  for (const char* a : {"jane@acme", "jane@", "@acme.com", "jane@@acme.com", "jane@acme@x.com",
                        "jane..doe@acme.com", ".jane@acme.com", "jane.@acme.com", "jane@acme..com",
                        "jane@-acme.com", "jane@acme-.com", "jane@acme.c", "jane@acme.c0m",
                        "jane@acme_corp.com", "jane@acme.com1"}) {
    CAPTURE(a);
    CHECK(contact::email_problem(a).has_value());
  }
  CHECK(contact::email_problem("jane@acme")->find("top-level domain") != std::string::npos);
  CHECK(contact::email_problem("jane@")->find("domain") != std::string::npos);
}

TEST_CASE("e-mail: candidates in text")
{
  CHECK(emails_in("Email: jane@acme.com.") == std::vector<std::string>{"jane@acme.com"});
  CHECK(emails_in("write to <jane@acme.com>, or (bob@acme.org)")
        == std::vector<std::string>{"jane@acme.com", "bob@acme.org"});
  // A handle, a lone @ and an @ in a URL are not addresses.
  CHECK(emails_in("Twitter @acme; Portfolio @ IBN; https://x.com/@acme").empty());
  // A comma for a dot ends the candidate, which then has no top-level domain.
  CHECK(emails_in("jane@acme,com") == std::vector<std::string>{"jane@acme"});
  CHECK(emails_in("mailto:jane@acme.com?subject=Hi") == std::vector<std::string>{"jane@acme.com"});
  CHECK(emails_in("jane@@acme.com") == std::vector<std::string>{"jane@@acme.com"});
}

TEST_CASE("phone: valid numbers")
{
  for (const char* n :
       {"(937) 555-0142", "937-555-0142", "937.555.0142", "937 555 0142", "1-937-555-0142",
        "+1 937 555 0142", "+1 (937) 555-0142", "+19375550142", "604-464-0242 Ext. 114",
        "(604) 464-0242 ext 109", "937-555-0142 x22", "+44 20 7946 0958", "+44 (0)20 7946 0958",
        "+44 7700 900123", "+33 1 42 68 53 00", "+49 30 901820", "0044 20 7946 0958",
        "+1 604-688-8158"}) {
    CAPTURE(n);
    CHECK(valid_phone(n));
  }
  for (const char* n : {"020 7946 0958", "07700 900123", "+44 20 7946 0958"}) {
    CAPTURE(n);
    CHECK(valid_phone(n, NationalFormat::uk));
  }
  CHECK(valid_phone("555 0142 77", NationalFormat::any));
}

TEST_CASE("phone: invalid numbers")
{
  for (const char* n :
       {"937-555-014", "555-0142", "937-555-01422", "(037) 555-0142", "(937) 155-0142",
        "2-937-555-0142", "1-800-FLOWERS", "1-800-ACME-NOW", "+1 937 555 014", "+1 937 555 01423",
        "+44 020 7946 0958", "+44 20 7946 09", "+44 20 7946 095812", "+0 123 456 789",
        "+123 4567 8901 2345 67", "+49 30 12"}) {
    CAPTURE(n);
    CHECK_FALSE(valid_phone(n));
  }
  for (const char* n : {"20 7946 0958", "0207 946 09", "020 7946 09581", "(937) 555-0142"}) {
    CAPTURE(n);
    CHECK_FALSE(valid_phone(n, NationalFormat::uk));
  }
  CHECK(contact::phone_problem("937-555-014", NationalFormat::nanp)->starts_with("too few digits"));
  CHECK(
    contact::phone_problem("937-555-01422", NationalFormat::nanp)->starts_with("too many digits"));
  CHECK(contact::phone_problem("1-800-FLOWERS", NationalFormat::nanp)->find("letters")
        != std::string::npos);
}

TEST_CASE("phone: candidates in text")
{
  CHECK(phones_in("Dana Atkins (937) 555-0142, dana@acme.com")
        == std::vector<std::string>{"(937) 555-0142"});
  CHECK(phones_in("Partners(214) 987-4121 info@stonegate.com")
        == std::vector<std::string>{"(214) 987-4121"});
  CHECK(phones_in("Canada 604-464-0242 Ext. 114")
        == std::vector<std::string>{"604-464-0242 Ext. 114"});
  CHECK(phones_in("+44 (0)20 7946 0958 or +1 937 555 0142")
        == std::vector<std::string>{"+44 (0)20 7946 0958", "+1 937 555 0142"});
  CHECK(phones_in("call 1-800-FLOWERS today") == std::vector<std::string>{"1-800-FLOWERS"});
  // A vanity number with its digits after it is one number, and a valid one.
  CHECK(phones_in("Public: 1-800-AHA-USA1 (242-8721)")
        == std::vector<std::string>{"1-800-AHA-USA1 (242-8721)"});
  CHECK(valid_phone("1-800-AHA-USA1 (242-8721)"));
  // After a label, a short number is judged; without one it is not a phone number.
  CHECK(phones_in("Phone: 555-014") == std::vector<std::string>{"555-014"});
  CHECK(phones_in("T: 555-014") == std::vector<std::string>{"555-014"});
  CHECK(phones_in("Suite 1200, 555 Main St.").empty());
  // Dates, ZIP+4 codes, spans of years, money and versions are not phone numbers.
  CHECK(phones_in("on 2026-03-02 or 3/2/2026 or 02.03.2026").empty());
  CHECK(phones_in("Dayton, OH 45402-1234").empty());
  CHECK(phones_in("from 2014-2018").empty());
  CHECK(phones_in("$1,250,000 and v1.2.3 and 1,234,567").empty());
}

TEST_CASE("contact block: names")
{
  const std::vector<std::string> fields{"email", "e-mail", "phone", "tel", "web", "website", "or"};
  CHECK(contact::has_name("Dana Atkins\n937-555-0142", fields));
  CHECK(contact::has_name("Acme press office, press@acme.com", fields));
  CHECK_FALSE(contact::has_name("press@acme.com", fields));
  CHECK_FALSE(contact::has_name("Email: press@acme.com Phone: 937-555-0142", fields));
  CHECK_FALSE(contact::has_name("Web: https://acme.com/press or www.acme.com", fields));
}

TEST_CASE("contact block: field lines are the lines RE2's former pattern matched")
{
  // The pattern is_field_line stands for, with its label counted.
  const RE2 field(R"(^[\s>*_]*\p{Lu}([\p{L} ]*):\s*\S)");
  REQUIRE(field.ok());
  auto by_pattern = [&](const std::string& line) {
    re2::StringPiece label;
    return RE2::PartialMatch(line, field, &label)
           && core::count_code_points(std::string_view(label.data(), label.size())) <= 30;
  };
  // Hand-picked lines, then random ones from pieces that sit near each edge.
  // All valid UTF-8, as every document's text is.
  const std::vector<std::string> fixed{
    "Email: press@acme.com", "Phone:", "Phone: ", "Phone:\tx", "> **Media:** Dana",
    "_Press office_: yes", "media: lower case", "Élodie Martin: +33", "Ǆ digraph: x",
    "ǅ title case: x", "Über uns: x", "Δελτίο Τύπου: x", "A: b",
    "Abcdefghijklmnopqrstuvwxyzabcde: x", "Abcdefghijklmnopqrstuvwxyzabcdef: x",
    "Name 2: x", "Name-Surname: x", "Name\u00A0Surname: x", "  \f\r Name: x", "Name :x",
    "", ":", "N", "Name:\n", "Name: \u00FF", "\u00FFName: x", "Na\u00FFme: x"};
  const std::vector<std::string> pieces{
    "A", "Z", "a", "z", "É", "é", "ß", "Ǆ", "ǅ", "Δ", "δ", "中", "\u0301", " ", "  ", "\t",
    "\n", "\f", "\r", "\v", ">", "*", "_", "-", ":", "::", "1", ".", "x", "\u00A0", "\u00FF",
    "\u00C3", "\U0001D400", "Abcdefghijklmn", "opqrstuvwxyzab"};
  std::mt19937 random(20261130);
  std::vector<std::string> lines = fixed;
  for (int i = 0; i < 20000; ++i) {
    std::string line;
    const std::size_t n = 1 + random() % 8;
    for (std::size_t k = 0; k < n; ++k) {
      line += pieces[random() % pieces.size()];
    }
    lines.push_back(line);
  }
  std::size_t fields = 0;
  for (const std::string& line : lines) {
    CAPTURE(line);
    const bool expected = by_pattern(line);
    fields += expected ? 1 : 0;
    CHECK(contact::is_field_line(line) == expected);
  }
  CHECK(fields > 300);
  CHECK(contact::is_field_line("Email: press@acme.com"));
  CHECK(contact::is_field_line("Abcdefghijklmnopqrstuvwxyzabcde: x"));       // 30 after the capital
  CHECK_FALSE(contact::is_field_line("Abcdefghijklmnopqrstuvwxyzabcdef: x")); // 31
  CHECK_FALSE(contact::is_field_line("media: lower case"));
  CHECK_FALSE(contact::is_field_line("Phone: "));
}

TEST_CASE("contact rules on whole releases")
{
  SUBCASE("a contact block at the top or the bottom counts")
  {
    CHECK(lint_only("Media Contact:\nDana Atkins\n937-555-0142\n\n" + k_head, "contact.missing")
            .findings.empty());
    CHECK(lint_only(k_head + "\n###\n\nMedia Inquiries: Dana Atkins, dana@acme.com\n",
                    "contact.missing")
            .findings.empty());
    CHECK(lint_only(k_head + "\nFor more information, contact Dana Atkins at dana@acme.com.\n",
                    "contact.missing")
            .findings.empty());
    CHECK(lint_only(k_head + "\nCustomers can call 800-555-0142 for a refund.\n", "contact.missing")
            .findings.size()
          == 1);
    const Lint none = lint_only(k_head + "\n###\n", "contact.missing");
    REQUIRE(none.findings.size() == 1);
    CHECK(none.findings[0].span.begin == 0);
  }
  SUBCASE("uk: Media enquiries, and contact.missing at the end")
  {
    CHECK(lint_only(k_head + "\nENDS\n\nMedia enquiries: Dana Atkins, +44 20 7946 0958\n",
                    "contact.missing", "uk")
            .findings.empty());
    const Lint none = lint_only(k_head + "\nENDS\n", "contact.missing", "uk");
    REQUIRE(none.findings.size() == 1);
    CHECK(none.doc.position(none.findings[0].span.begin).line == 5);
  }
  SUBCASE("incomplete")
  {
    const Lint l =
      lint_only(k_head + "\n###\n\nMedia Contact: press@acme.com\n", "contact.incomplete");
    REQUIRE(l.findings.size() == 1);
    CHECK(l.findings[0].message == "contact block \"Media Contact\" lacks a name");
    CHECK(test::slice(l.doc, l.findings[0].span) == "Media Contact");
    // A label that names an office needs no other name.
    CHECK(lint_only(k_head + "\n###\n\nInvestor Relations: ir@acme.com\n", "contact.incomplete")
            .findings.empty());
    // Fields set as paragraphs of their own belong to the block.
    CHECK(lint_only(k_head
                      + "\n###\n\nMedia Contact\n\nDana Atkins\n\nCEO, Acme\n\nEmail: "
                        "dana@acme.com\n\nAbout Acme\n",
                    "contact.incomplete")
            .findings.empty());
    const Lint l2 =
      lint_only(k_head + "\n###\n\nMedia Contact:\nDana Atkins\n", "contact.incomplete");
    REQUIRE(l2.findings.size() == 1);
    CHECK(l2.findings[0].message
          == "contact block \"Media Contact\" lacks a phone number or an e-mail address");
  }
  SUBCASE("e-mail addresses in text and in mailto: links, and obfuscation")
  {
    const Lint l = lint_only(k_head
                               + "\n###\n\nMedia Contact:\nDana Atkins, \\[email protected\\]\n"
                                 "[Bob Ray](mailto:bob@acme,com), [sue@acme](mailto:sue@acme)\n",
                             "contact.invalid-email");
    REQUIRE(l.findings.size() == 3);
    CHECK(test::slice(l.doc, l.findings[0].span) == "\\[email protected\\]");
    CHECK(l.findings[0].message.find("obfuscated") != std::string::npos);
    CHECK(test::slice(l.doc, l.findings[1].span) == "bob@acme,com");
    CHECK(test::slice(l.doc, l.findings[2].span) == "sue@acme");
    for (const auto& f : l.findings) {
      CHECK(test::slice(l.doc, f.span) == f.matched);
    }
  }
  SUBCASE("phone numbers, per profile")
  {
    const std::string text = k_head + "\n###\n\nMedia Contact:\nDana Atkins\n020 7946 0958\n";
    const Lint ap = lint_only(text, "contact.invalid-phone");
    REQUIRE(ap.findings.size() == 1);
    CHECK(ap.findings[0].matched == "020 7946 0958");
    CHECK(lint_only(text, "contact.invalid-phone", "uk").findings.empty());
  }
}

TEST_CASE("end-mark rules on whole releases")
{
  SUBCASE("missing: at the end of the body, with a fix that inserts the mark")
  {
    const Lint l = lint_only(k_head + "\nAbout Acme: Acme makes widgets.\n", "terminator.missing");
    REQUIRE(l.findings.size() == 1);
    CHECK(l.doc.position(l.findings[0].span.begin).line == 3);
    CHECK(apply_fix(l, l.findings[0]) == k_head + "\n###\n\nAbout Acme: Acme makes widgets.\n");
    const Lint end = lint_only(k_head, "terminator.missing");
    REQUIRE(end.findings.size() == 1);
    CHECK(apply_fix(end, end.findings[0]) == k_head + "\n###\n");
    const Lint bare =
      lint_only("# Acme opens a plant\n\nDAYTON, Ohio — Acme will hire.", "terminator.missing");
    REQUIRE(bare.findings.size() == 1);
    CHECK(apply_fix(bare, bare.findings[0])
          == "# Acme opens a plant\n\nDAYTON, Ohio — Acme will hire.\n\n###\n");
  }
  SUBCASE("missing: the forms each profile accepts")
  {
    CHECK(lint_only(k_head + "\n# # #\n", "terminator.missing").findings.empty());
    const Lint ends = lint_only(k_head + "\nENDS\n", "terminator.missing");
    REQUIRE(ends.findings.size() == 1);
    CHECK(ends.findings[0].matched == "ENDS");
    CHECK(apply_fix(ends, ends.findings[0]) == k_head + "\n###\n");
    CHECK(lint_only(k_head + "\nENDS\n", "terminator.missing", "uk").findings.empty());
    CHECK(lint_only(k_head + "\n-30-\n", "terminator.missing", "gov-us").findings.empty());
    CHECK(lint_only(k_head, "terminator.missing", "wire").findings.empty());
    const Lint uk = lint_only(k_head, "terminator.missing", "uk");
    REQUIRE(uk.findings.size() == 1);
    CHECK(apply_fix(uk, uk.findings[0]) == k_head + "\nENDS\n");
  }
  SUBCASE("not alone, with a fix that moves the mark to its own line")
  {
    const Lint l = lint_only("# Acme opens a plant\n\nDAYTON, Ohio — Acme will hire. ###\n",
                             "terminator.not-alone");
    REQUIRE(l.findings.size() == 1);
    CHECK(l.findings[0].matched == "###");
    CHECK(apply_fix(l, l.findings[0])
          == "# Acme opens a plant\n\nDAYTON, Ohio — Acme will hire.\n\n###\n");
    CHECK(lint_only(k_head + "\n###\n", "terminator.not-alone").findings.empty());
  }
  SUBCASE("multiple")
  {
    const Lint l = lint_only(k_head + "\n###\n\nAbout Acme: Acme makes widgets.\n\n###\n",
                             "terminator.multiple");
    REQUIRE(l.findings.size() == 1);
    CHECK(l.doc.position(l.findings[0].span.begin).line == 9);
  }
  SUBCASE("content after: what may follow the mark and what may not")
  {
    const std::string ok = k_head
                           + "\n###\n\n*Acme Widgets makes widgets.*\n\n## About Acme\n\nAcme "
                             "makes widgets.\n\nMedia Contact:\nDana Atkins, 937-555-0142\n\n"
                             "Notes to editors:\n\nPhotos are at acme.example.com.\n";
    CHECK(lint_only(ok, "terminator.content-after").findings.empty());
    const Lint quote = lint_only(
      k_head + "\n###\n\n“We are proud to grow here,” said Dana Atkins, the chief executive.\n",
      "terminator.content-after");
    REQUIRE(quote.findings.size() == 1);
    CHECK(quote.findings[0].matched == "“We are proud to grow here,” said Dana");
    const Lint dateline =
      lint_only(k_head
                  + "\n###\n\nAbout Acme\n\nAcme makes widgets.\n\nTOLEDO, Ohio — Acme will "
                    "also hire in Toledo.\n",
                "terminator.content-after");
    REQUIRE(dateline.findings.size() == 1);
    CHECK(dateline.doc.position(dateline.findings[0].span.begin).line == 11);
    // An untitled paragraph, even one before the "About" section, is boilerplate.
    CHECK(lint_only(k_head
                      + "\n###\n\nSince 1950, Acme has made widgets.\n\n## About Beta\n\n"
                        "Beta makes gears.\n\nMedia Contact: Dana Atkins, 937-555-0142\n",
                    "terminator.content-after")
            .findings.empty());
  }
}
