// The offline link rules: link.placeholder, link.malformed, link.insecure
// and link.dead, and the URL syntax under them.
#include "support.hpp"

#include <presslint/checks/check.hpp>
#include <presslint/checks/url.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/config.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace presslint;
using checks::url_syntax_problem;
using checks::UrlProblem;
using checks::UrlSyntaxOptions;

namespace {

const std::vector<std::string> k_link_rules{"link.placeholder", "link.malformed", "link.insecure",
                                            "link.dead"};

// Lints `doc` with only the rules named on (all four link rules by default).
std::vector<core::Finding>
lint_links(const document::Document& doc,
           const std::vector<std::string>& only = k_link_rules,
           const std::string& profile = "")
{
  const rules::Catalog& catalog = test::builtin_catalog();
  std::vector<rules::Toggle> toggles;
  for (const rules::Rule& r : catalog.rules()) {
    toggles.push_back(rules::Toggle{r.id, false});
  }
  for (const std::string& id : only) {
    toggles.push_back(rules::Toggle{id, true});
  }
  core::Errors errors;
  const auto set =
    rules::build_rule_set(catalog, rules::Config{}, profile, toggles, {"builtin"}, errors);
  REQUIRE(errors.empty());
  const auto now =
    std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
  const auto findings = lint::lint_document(doc, *set, catalog.region_matcher(), now);
  for (const core::Finding& f : findings) {
    // The message quotes exactly the text the finding points at.
    CHECK_EQ(test::slice(doc, f.span), f.matched);
    CHECK(f.message.find('"' + f.matched + '"') != std::string::npos);
  }
  return findings;
}

// "rule:quoted" for each finding, in order.
std::vector<std::string>
summary(const std::vector<core::Finding>& findings)
{
  std::vector<std::string> out;
  for (const core::Finding& f : findings) {
    out.push_back(f.rule_id + ":" + f.matched);
  }
  return out;
}

std::vector<std::string>
lint_text(const std::string& body, const std::vector<std::string>& only = k_link_rules)
{
  return summary(lint_links(test::markdown("# Acme opens a plant\n\n" + body + "\n"), only));
}

std::vector<std::string>
one(const std::string& rule, const std::string& target)
{
  return {rule + ":" + target};
}

} // namespace

TEST_CASE("split_url: the parts of a URI reference")
{
  auto p = checks::split_url("https://jane@www.acme.com:8443/news/a?x=1#top");
  CHECK(p.has_scheme);
  CHECK_EQ(p.scheme, "https");
  CHECK(p.has_authority);
  CHECK_EQ(p.userinfo, "jane");
  CHECK_EQ(p.host, "www.acme.com");
  CHECK(p.has_port);
  CHECK_EQ(p.port, "8443");
  CHECK_EQ(p.path, "/news/a");
  CHECK_EQ(p.query, "x=1");
  CHECK_EQ(p.fragment, "top");

  p = checks::split_url("../2025/launch.md#contacts");
  CHECK(!p.has_scheme);
  CHECK(!p.has_authority);
  CHECK_EQ(p.path, "../2025/launch.md");
  CHECK_EQ(p.fragment, "contacts");

  p = checks::split_url("//[::1]:80/x");
  CHECK(p.has_authority);
  CHECK_EQ(p.host, "[::1]");
  CHECK_EQ(p.port, "80");

  p = checks::split_url("mailto:a@b.com?subject=Hi");
  CHECK_EQ(p.scheme, "mailto");
  CHECK_EQ(p.path, "a@b.com");
  CHECK_EQ(p.query, "subject=Hi");

  // Not a scheme: a space, or a digit first.
  CHECK(!checks::split_url("note that: x").has_scheme);
  CHECK(!checks::split_url("1x:y").has_scheme);
}

TEST_CASE("host and e-mail syntax")
{
  CHECK(checks::valid_host("www.acme.com"));
  CHECK(checks::valid_host("acme.com."));
  CHECK(checks::valid_host("m\xC3\xBCller.de"));
  CHECK(checks::valid_host("192.168.1.10"));
  CHECK(checks::valid_host("[2001:db8::1]"));
  CHECK(!checks::valid_host("acme..com"));
  CHECK(!checks::valid_host(".acme.com"));
  CHECK(!checks::valid_host("-acme.com"));
  CHECK(!checks::valid_host("www.acme,com"));
  CHECK(!checks::valid_host("300.1.1.1"));
  CHECK(!checks::valid_host("acme.123"));

  CHECK(checks::valid_email("jane.doe+press@acme.co.uk"));
  CHECK(checks::valid_email("press@m\xC3\xBCller.de"));
  CHECK(!checks::valid_email("jane@acme"));
  CHECK(!checks::valid_email("jane.@acme.com"));
  CHECK(!checks::valid_email("jane..doe@acme.com"));
  CHECK(!checks::valid_email("jane doe@acme.com"));
  CHECK(!checks::valid_email("@acme.com"));
  CHECK(!checks::valid_email("jane@acme.c"));
  CHECK(!checks::valid_email("jane(at)acme.com"));

  CHECK_EQ(checks::find_space("a\xE2\x80\x83" "b"), 1);
  CHECK_EQ(checks::find_space("caf\xC3\xA9\xE2\x80\x9C"), std::string_view::npos);

  CHECK(checks::host_under("www.Example.com", "example.com"));
  CHECK(checks::host_under("example.com.", "example.com"));
  CHECK(checks::host_under("shop.test", "test"));
  CHECK(!checks::host_under("notexample.com", "example.com"));
  CHECK(checks::host_under("[::1]", "::1"));
}

TEST_CASE("url_syntax_problem: valid targets")
{
  const UrlSyntaxOptions options;
  for (const char* ok : {
         "", "https://www.acme.com", "HTTPS://ACME.COM/News?id=3#top", "http://localhost:8080/x",
         "http://intranet.localhost/", "ftp://ftp.acme.com/pub/file.pdf",
         "https://m\xC3\xBCller.de/\xE2\x80\x9C" "Dirty\xE2\x80\x9D", "https://acme.com:/x",
         "https://[2001:db8::1]/", "https://1.2.3.4/", "//cdn.acme.com/logo.png", "./logo.png",
         "../2025/launch.md", "logo.png", "/abs/path", "#contacts", "?page=2", "report.pdf",
         "mailto:press@acme.com", "mailto:press@acme.com,news@acme.com?subject=Hello%20there",
         "mailto:?to=press@acme.com", "mailto:jane%40acme.com", "tel:+1-937-555-0100",
         "tel:(937) 555.0100", "tel:+44%2020%207946%200000", "tel:+1-937-555-0100;ext=12"}) {
    const std::string shown = ok;
    CAPTURE(shown);
    CHECK_EQ(url_syntax_problem(ok, options), UrlProblem::none);
  }
}

TEST_CASE("url_syntax_problem: malformed targets")
{
  const UrlSyntaxOptions options;
  const std::vector<std::pair<const char*, UrlProblem>> cases{
    {"https://acme.com/a b", UrlProblem::space},
    {"my file.pdf", UrlProblem::space},
    {"https://acme.com/\xC2\xA0", UrlProblem::space},
    {"https://acme.com/\xE2\x80\x8Bnews", UrlProblem::space}, // a zero-width space
    {"https://acme.com/\xEF\xBB\xBF", UrlProblem::space},
    {"https://", UrlProblem::no_host},
    {"https:///news", UrlProblem::no_host},
    {"http:/acme.com", UrlProblem::slashes},
    {"http:acme.com", UrlProblem::slashes},
    {"htps://acme.com", UrlProblem::unknown_scheme},
    {"file:///C:/Users/dana/release.docx", UrlProblem::unknown_scheme},
    {"C:\\Users\\dana\\logo.png", UrlProblem::unknown_scheme},
    {"https://https://acme.com", UrlProblem::doubled_scheme},
    {"http://http//acme.com", UrlProblem::doubled_scheme},
    {"https://www.acme,com", UrlProblem::bad_host},
    {"https://acme..com", UrlProblem::bad_host},
    {"https://acme", UrlProblem::no_domain},
    {"https://acme.com:99999", UrlProblem::bad_port},
    {"https://acme.com:8o", UrlProblem::bad_port},
    {"www.acme.com", UrlProblem::no_scheme},
    {"WWW.acme.com/jobs", UrlProblem::no_scheme},
    {"www.acme.com:8080/x", UrlProblem::no_scheme},
    {"acme.com", UrlProblem::no_scheme},
    {"news.acme.org/2025/launch", UrlProblem::no_scheme},
    {"https//acme.com", UrlProblem::bad_scheme},
    {"press@acme.com", UrlProblem::no_mailto},
    {"mailto:", UrlProblem::bad_email},
    {"mailto:press@acme", UrlProblem::bad_email},
    {"mailto://press@acme.com", UrlProblem::bad_email},
    {"mailto:press(at)acme.com", UrlProblem::bad_email},
    {"tel:", UrlProblem::bad_phone},
    {"tel:555-010", UrlProblem::bad_phone},
    {"tel:1-800-FLOWERS", UrlProblem::bad_phone},
    {"tel:+1 937 555 0100 0100 0100", UrlProblem::bad_phone},
    {"tel:1+937-555-0100", UrlProblem::bad_phone},
  };
  for (const auto& [target, expected] : cases) {
    const std::string shown = target;
    CAPTURE(shown);
    CHECK_EQ(checks::to_string(url_syntax_problem(target, options)), checks::to_string(expected));
  }
  // The options are the rule file's: another scheme, other digit counts.
  UrlSyntaxOptions custom;
  custom.schemes.push_back("sms");
  custom.min_phone_digits = 3;
  CHECK_EQ(url_syntax_problem("sms:+19375550100", custom), UrlProblem::none);
  CHECK_EQ(url_syntax_problem("tel:911", custom), UrlProblem::none);
  CHECK_EQ(url_syntax_problem("tel:911", options), UrlProblem::bad_phone);
}

TEST_CASE("link.placeholder: the forms of a placeholder target")
{
  for (const std::string target :
       {"#", "TODO", "tbd", "TBA", "https://example.com", "https://www.example.com/launch",
        "http://example.org", "https://example.net/x", "https://shop.example/", "https://a.invalid",
        "https://acme.test/x", "www.example.com", "example.com/about", "javascript:void(0)",
        "javascript:;", "{{url}}", "[LINK]", "mailto:press@example.com", "https://xxx.com",
        "https://yourwebsite.com/page"}) {
    CAPTURE(target);
    CHECK_EQ(lint_text("Read [the report](<" + target + ">)."), one("link.placeholder", target));
  }
  // An empty target points between the parentheses.
  const auto doc = test::markdown("# Acme opens a plant\n\nRead [the report]().\n");
  const auto findings = lint_links(doc);
  REQUIRE_EQ(findings.size(), 1);
  CHECK_EQ(findings[0].rule_id, "link.placeholder");
  CHECK(findings[0].span.empty());
  CHECK_EQ(findings[0].span.begin, doc.source.find("]()") + 2);
  CHECK_EQ(findings[0].message, "link target \"\" is a placeholder; link to the real page");
  // Near misses: real addresses with the words in them.
  for (const std::string target :
       {"https://www.acme.com/todo-list", "https://example-widgets.com", "https://acme.com/#",
        "https://testing.acme.com", "https://www.acme.com/tbd.html"}) {
    CAPTURE(target);
    CHECK(lint_text("Read [the report](" + target + ").", {"link.placeholder"}).empty());
  }
}

TEST_CASE("link.placeholder wins over link.malformed, link.dead and link.insecure")
{
  CHECK_EQ(lint_text("Read [the report](TODO)."), one("link.placeholder", "TODO"));
  CHECK_EQ(lint_text("Read [the report](www.example.com)."),
           one("link.placeholder", "www.example.com"));
  CHECK_EQ(lint_text("Read [the report](http://example.com/x)."),
           one("link.placeholder", "http://example.com/x"));
  CHECK_EQ(lint_text("Read [the report](javascript:void(0))."),
           one("link.placeholder", "javascript:void(0)"));
  // Without link.placeholder, the other rules speak for themselves.
  CHECK_EQ(lint_text("Read [the report](javascript:void(0)).", {"link.malformed"}),
           one("link.malformed", "javascript:void(0)"));
  CHECK_EQ(lint_text("Read [the report](#TODO).", {"link.dead"}), one("link.dead", "#TODO"));
}

TEST_CASE("the seed release's (#) links are placeholders, one finding each")
{
  const std::string text = "# Legal Aid statement\n\n"
                           "(NEW YORK, NY) - In response to [reporting](#) of collusion.\n\n"
                           "\xE2\x80\x9CIt is against the [Detainer Law](#) and policy.\n\n"
                           "Visit [www.legalaidnyc.org](http://www.legalaidnyc.org)\n";
  const auto doc = test::markdown(text, "seed.txt");
  const auto findings = lint_links(doc);
  CHECK_EQ(summary(findings), std::vector<std::string>{"link.placeholder:#", "link.placeholder:#",
                                                       "link.insecure:http://www.legalaidnyc.org"});
  REQUIRE_EQ(findings.size(), 3);
  CHECK_EQ(findings[0].span.begin, text.find("(#)") + 1);
  CHECK_EQ(findings[2].severity, core::Severity::note);
}

TEST_CASE("link.malformed: messages name the problem")
{
  const auto doc = test::markdown("# Acme opens a plant\n\n"
                                  "Apply at [our site](www.acme.com/jobs), write to "
                                  "[us](mailto:jobs@acme) or call [us](tel:555-010).\n");
  const auto findings = lint_links(doc, {"link.malformed"});
  REQUIRE_EQ(findings.size(), 3);
  CHECK_EQ(findings[0].message, "link target \"www.acme.com/jobs\" is not a valid URL: a web "
                                "address needs \"https://\" before it");
  CHECK_EQ(findings[1].message,
           "link target \"mailto:jobs@acme\" is not a valid URL: the e-mail address is not valid");
  CHECK_EQ(findings[2].message, "link target \"tel:555-010\" is not a valid URL: a phone "
                                "number has 7 to 15 digits and only + ( ) . - and spaces");
  CHECK_EQ(findings[0].severity, core::Severity::error);
}

TEST_CASE("link.malformed in HTML: spaces, entities and the span of the target")
{
  const auto doc = test::markdown(
    "<html><body><h1>Acme opens a plant</h1>\n"
    "<p>See <a href=\"  https://acme.com/a b  \">this</a>, <a href=\"htps://acme.com/?a=1&amp;b=2\">"
    "that</a> and <a href=\" https://www.acme.com/ok \">fine</a>.</p></body></html>\n",
    "release.html");
  const auto findings = lint_links(doc, {"link.malformed"});
  CHECK_EQ(summary(findings),
           std::vector<std::string>{"link.malformed:https://acme.com/a b",
                                    "link.malformed:htps://acme.com/?a=1&amp;b=2"});
}

TEST_CASE("link.placeholder in HTML: empty and valueless hrefs")
{
  const std::string page = "<html><body><h1>Acme opens a plant</h1>\n"
                           "<p><a href=\"\">one</a> <a href>two</a> <a href=\"  \">three</a> "
                           "<a href=\"#\">four</a></p></body></html>\n";
  const auto doc = test::markdown(page, "release.html");
  const auto findings = lint_links(doc);
  CHECK_EQ(summary(findings),
           std::vector<std::string>{"link.placeholder:", "link.placeholder:", "link.placeholder:",
                                    "link.placeholder:#"});
  REQUIRE_EQ(findings.size(), 4);
  CHECK_EQ(findings[1].span.begin, page.find("href>") + 4);
}

TEST_CASE("link.malformed: a URL in running text ends at a no-break space")
{
  CHECK(lint_text("Visit https://protopod.acme.com/\xC2\xA0to listen.").empty());
  CHECK(lint_text("Visit <https://acme.com/jobs> today.").empty());
  // Code spans and code blocks hold no links.
  CHECK(lint_text("Type `www.acme.com` or\n\n    [x](htps://a b)\n").empty());
}

TEST_CASE("link.insecure: http:// links, not local ones")
{
  CHECK_EQ(lint_text("See [the site](http://www.acme.com/news)."),
           one("link.insecure", "http://www.acme.com/news"));
  CHECK_EQ(lint_text("See [the site](HTTP://acme.com)."), one("link.insecure", "HTTP://acme.com"));
  CHECK(lint_text("See [the site](https://www.acme.com/news).").empty());
  CHECK(lint_text("See [the demo](http://localhost:3000/) or [this](http://127.0.0.1/x).").empty());
  CHECK(lint_text("See [the printer](http://printer.local/).").empty());
  // A malformed http:// link is one problem, reported as malformed.
  CHECK_EQ(lint_text("See [the site](http://www.acme,com)."),
           one("link.malformed", "http://www.acme,com"));
  // The gov-us profile makes it a warning.
  const auto doc = test::markdown("# Agency news\n\nSee [the site](http://www.agency.gov).\n");
  const auto findings = lint_links(doc, {"link.insecure"}, "gov-us");
  REQUIRE_EQ(findings.size(), 1);
  CHECK_EQ(findings[0].severity, core::Severity::warning);
}

TEST_CASE("link.dead: relative links checked against the release's folder")
{
  const test::TempDir dir;
  dir.write("press/logo.png", "png");
  dir.write("press/kit/fact sheet.pdf", "pdf");
  dir.write("2025/launch.md", "# Launch\n");
  dir.write("abs/path/photo.jpg", "jpg");
  const std::string text = "# Acme opens a plant\n\n"
                           "![logo](./logo.png) ![logo](logo.png) [last year](../2025/launch.md) "
                           "[facts](kit/fact%20sheet.pdf) [kit](kit/) [v2](logo.png?v=2#top) "
                           "[photo](/abs/path/photo.jpg)\n\n"
                           "Missing: ![photo](./photo.png) [old](../2024/launch.md) "
                           "[sheet](kit/factsheet.pdf) [root](/img/logo.png)\n";
  const std::string path = dir.write("press/release.md", text);
  const auto findings = lint_links(test::markdown(text, path));
  // "/abs/path/photo.jpg" is taken from the release's folder, where there is none.
  CHECK_EQ(summary(findings),
           std::vector<std::string>{"link.dead:/abs/path/photo.jpg", "link.dead:./photo.png",
                                    "link.dead:../2024/launch.md", "link.dead:kit/factsheet.pdf",
                                    "link.dead:/img/logo.png"});
  REQUIRE_FALSE(findings.empty());
  CHECK_EQ(findings[1].message, "dead link \"./photo.png\": no such file next to the release");
}

TEST_CASE("link.dead: no file check without a file")
{
  const std::string text = "# Acme opens a plant\n\nSee ![photo](./no-such-photo.png).\n";
  CHECK(lint_links(test::markdown(text, "<stdin>")).empty());
  document::Document doc = test::markdown(text, "x.md");
  doc.path.clear();
  CHECK(lint_links(doc).empty());
}

TEST_CASE("link.dead: in-page links checked against headings and ids")
{
  const std::string text = "# Acme opens a plant\n\n"
                           "See [contacts](#media-contacts), [about](#About-Acme), "
                           "[top](#top), [bio](#dana-bio), [second](#media-contacts-1), "
                           "[caf\xC3\xA9](#caf%C3%A9).\n\n"
                           "Broken: [press](#press-office) and [about](#about-acme-inc).\n\n"
                           "## Media contacts\n\nDana <span id=\"dana-bio\">Atkins</span>\n\n"
                           "## About Acme\n\n## Caf\xC3\xA9\n";
  const auto findings = lint_links(test::markdown(text));
  CHECK_EQ(summary(findings),
           std::vector<std::string>{"link.dead:#press-office", "link.dead:#about-acme-inc"});
  REQUIRE_FALSE(findings.empty());
  CHECK_EQ(findings[0].message,
           "dead link \"#press-office\": no heading or id of that name in the release");
}

TEST_CASE("link.dead: a web page resolves relative links against its own address")
{
  const test::TempDir dir;
  const std::string page =
    "<html><head><link rel=\"canonical\" href=\"https://www.agency.gov/pr/x\"></head><body>"
    "<h1>Agency news</h1><p><a href=\"/opa/file/1/download\">file</a> "
    "<a href=\"#missing\">here</a></p></body></html>\n";
  const std::string path = dir.write("release.html", page);
  CHECK_EQ(summary(lint_links(test::markdown(page, path))),
           std::vector<std::string>{"link.dead:#missing"});
  // Without the address, the same link is a file next to the release.
  std::string bare = page;
  bare.erase(bare.find("<link"), bare.find("</head>") - bare.find("<link"));
  const std::string bare_path = dir.write("bare.html", bare);
  CHECK_EQ(summary(lint_links(test::markdown(bare, bare_path))),
           std::vector<std::string>{"link.dead:/opa/file/1/download", "link.dead:#missing"});
}

TEST_CASE("link rules: a reference definition is reported once, at the definition")
{
  const std::string text = "# Acme opens a plant\n\n"
                           "Read [the report][r] and [again][r].\n\n"
                           "[r]: www.acme.com/report\n";
  const auto doc = test::markdown(text);
  const auto findings = lint_links(doc);
  REQUIRE_EQ(findings.size(), 1);
  CHECK_EQ(findings[0].rule_id, "link.malformed");
  CHECK_EQ(doc.position(findings[0].span.begin).line, 5);
}

TEST_CASE("link rules: a link round an image points at its own target")
{
  const std::string text = "# Acme opens a plant\n\n"
                           "[![Acme logo](https://acme.com/logo.png)](http://www.acme.com/)\n";
  const auto doc = test::markdown(text);
  const auto findings = lint_links(doc);
  REQUIRE_EQ(findings.size(), 1);
  CHECK_EQ(findings[0].rule_id, "link.insecure");
  CHECK_EQ(findings[0].span.begin, text.find("http://www.acme.com/"));
}

TEST_CASE("link kind: parameters are checked when the rule is loaded")
{
  auto load = [](const std::string& params) {
    rules::Catalog catalog;
    core::Errors errors;
    catalog.load_rule_text("rules/house/links.yaml",
                           "id: house.links\nkind: link\nseverity: error\n"
                           "message: 'bad \"{target}\": {reason}'\n"
                           "docs: {summary: s, why: w, good: [g], bad: [b]}\n"
                           "params:\n" +
                             params,
                           "house", errors);
    return errors;
  };
  CHECK(load("  problem: malformed\n").empty());
  CHECK(load("  problem: dead\n  reasons: {no-file: gone}\n").empty());
  auto errors = load("  problem: broken\n");
  REQUIRE_EQ(errors.size(), 1);
  CHECK(errors[0].message.find("unknown link problem \"broken\"") != std::string::npos);
  CHECK_EQ(errors[0].line, 7);
  errors = load("  problem: dead\n  reasons: {no-host: gone}\n");
  REQUIRE_EQ(errors.size(), 1);
  CHECK(errors[0].message.find("no reason \"no-host\"") != std::string::npos);
  CHECK_EQ(errors[0].line, 8);
  CHECK_EQ(load("  problem: malformed\n  placeholder-patterns: ['(']\n").size(), 1);
  CHECK_EQ(load("  problem: malformed\n  min-phone-digits: 9\n  max-phone-digits: 8\n").size(), 1);
  CHECK_EQ(load("  schemes: [http]\n").size(), 1);
}
