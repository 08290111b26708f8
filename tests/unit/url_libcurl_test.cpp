// The URL syntax verdicts of the offline link rules (uriparser) against
// libcurl's parser, the offline URL keys against libcurl's normalisation,
// and libcurl loaded only when links are fetched.
//
// libcurl is reached here as the program reaches it: through
// links/curl_library.cpp, which opens the system's libcurl.so.4, so each
// curl_url_set below is libcurl's own.
#include "support.hpp"

#include <presslint/checks/url.hpp>
#include <presslint/links/checker.hpp>
#include <presslint/links/curl_library.hpp>
#include <presslint/links/url_key.hpp>

#include <curl/curl.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace presslint;
using checks::url_syntax_problem;
using checks::UrlProblem;
using presslint::test::quote;
using presslint::test::run_command;
using presslint::test::TempDir;

namespace {

// libcurl's verdict on a link target, in presslint's terms, as the offline
// link rules took it from libcurl before: its URL parser's error codes
// mapped to the problems (a network-path reference is read as https).
UrlProblem
curl_verdict(const std::string& target)
{
  const std::string url = target.starts_with("//") ? "https:" + target : target;
  CURLU* h = curl_url();
  REQUIRE(h != nullptr);
  const CURLUcode rc = curl_url_set(h, CURLUPART_URL, url.c_str(), 0);
  curl_url_cleanup(h);
  switch (rc) {
  case CURLUE_OK:
    return UrlProblem::none;
  case CURLUE_BAD_PORT_NUMBER:
    return UrlProblem::bad_port;
  case CURLUE_NO_HOST:
    return UrlProblem::no_host;
  case CURLUE_BAD_HOSTNAME:
  case CURLUE_BAD_IPV6:
  case CURLUE_BAD_LOGIN:
  case CURLUE_BAD_USER:
  case CURLUE_BAD_PASSWORD:
    return UrlProblem::bad_host;
  case CURLUE_BAD_SLASHES:
    return UrlProblem::slashes;
  default:
    return UrlProblem::invalid;
  }
}

UrlProblem
presslint_verdict(const std::string& target)
{
  return url_syntax_problem(target, checks::UrlSyntaxOptions{});
}

struct Case
{
  std::string url;
  UrlProblem verdict; // presslint's, and libcurl's unless `curl` says otherwise
  std::optional<UrlProblem> curl = std::nullopt;
  std::string why = {}; // why presslint differs from libcurl
};

// Tricky URLs on which presslint and libcurl agree.
const std::vector<Case> k_same{
  {"https://acme.com", UrlProblem::none},
  {"https://acme.com/news/2026/plant.html?id=1&src=wire#top", UrlProblem::none},
  {"//cdn.acme.com/logo.png", UrlProblem::none},
  {"ftp://ftp.acme.com/pub/file.txt", UrlProblem::none},
  {"HTTPS://ACME.COM/", UrlProblem::none},
  // IP literals.
  {"http://[::1]/", UrlProblem::none},
  {"http://[::1]:8080/x", UrlProblem::none},
  {"http://[2001:db8::8a2e:370:7334]/", UrlProblem::none},
  {"http://[::ffff:192.0.2.1]/", UrlProblem::none},
  {"http://[1:2:3:4:5:6:7:8]/", UrlProblem::none},
  {"http://[fe80::1%251]/", UrlProblem::none}, // a zone, RFC 6874
  {"http://[fe80::1%1]/", UrlProblem::none},
  {"http://[fe80::1%25]/", UrlProblem::none},
  {"http://[::1%]/", UrlProblem::bad_host},
  {"http://[fe80::1%250123456789012345]/", UrlProblem::bad_host}, // a zone over 15
  {"http://[1:2:3:4:5:6:7:8:9]/", UrlProblem::bad_host},
  {"http://[12345::]/", UrlProblem::bad_host},
  {"http://[1::2::3]/", UrlProblem::bad_host},
  {"http://[:::]/", UrlProblem::bad_host},
  {"http://[::ffff:1.2.3]/", UrlProblem::bad_host},
  {"http://[::ffff:1.2.3.256]/", UrlProblem::bad_host},
  {"http://[::01.2.3.4]/", UrlProblem::bad_host},
  {"http://[v1.fe]/", UrlProblem::bad_host}, // IPvFuture
  {"http://192.0.2.1/", UrlProblem::none},
  {"http://192.0.2.1:8080/", UrlProblem::none},
  // Ports.
  {"https://acme.com:8443/", UrlProblem::none},
  {"https://acme.com:/", UrlProblem::none},
  {"https://acme.com:0/", UrlProblem::none},
  {"https://acme.com:65535/", UrlProblem::none},
  {"https://acme.com:65536/", UrlProblem::bad_port},
  {"https://acme.com:99999/", UrlProblem::bad_port},
  {"https://acme.com:80x/", UrlProblem::bad_port},
  {"https://acme.com:-1/", UrlProblem::bad_port},
  // User information.
  {"https://jane@acme.com/", UrlProblem::none},
  {"https://jane:secret@acme.com/", UrlProblem::none},
  {"https://@acme.com/", UrlProblem::none},
  {"https://jane@doe@acme.com/", UrlProblem::bad_host}, // libcurl ends it at the first "@"
  {"https://j|ane@acme.com/", UrlProblem::none},
  {"https://j%zzane@acme.com/", UrlProblem::none},
  {"https://j%C3%A4ne@acme.com/", UrlProblem::none},
  {"https://j\xC3\xA4ne@acme.com/", UrlProblem::none},
  {"https://j[a]ne@acme.com/", UrlProblem::none},
  // Internationalised names, raw and in punycode.
  {"https://b\xC3\xBC" "cher.de/", UrlProblem::none},
  {"https://\xE4\xBE\x8B\xE5\xAD\x90.\xE6\xB5\x8B\xE8\xAF\x95/", UrlProblem::none},
  {"https://xn--bcher-kva.de/", UrlProblem::none},
  {"https://acme_corp.com/", UrlProblem::none},
  // Raw UTF-8 and characters RFC 3986 refuses but browsers take.
  {"https://acme.com/\xC3\xBC" "ber-uns", UrlProblem::none},
  {"https://acme.com/\xE6\x97\xA5\xE6\x9C\xAC/?q=\xE6\x97\xA5#\xE6\x97\xA5", UrlProblem::none},
  {"https://acme.com/a|b", UrlProblem::none},
  {"https://acme.com/a{b}", UrlProblem::none},
  {"https://acme.com/a^b", UrlProblem::none},
  {"https://acme.com/a`b", UrlProblem::none},
  {"https://acme.com/a\\b", UrlProblem::none},
  {"https://acme.com/a\"b\"", UrlProblem::none},
  {"https://acme.com/a<b>", UrlProblem::none},
  {"https://acme.com/a[b]", UrlProblem::none},
  {"https://acme.com/?q=[1]&r={2}", UrlProblem::none},
  {"https://acme.com/#a#b", UrlProblem::none},
  {"https://acme.com/~jane/!$&'()*+,;=:@", UrlProblem::none},
  // "%" escapes, good and bad.
  {"https://acme.com/a%20b", UrlProblem::none},
  {"https://acme.com/a%00b", UrlProblem::none},
  {"https://acme.com/%zz", UrlProblem::none},
  {"https://acme.com/%4", UrlProblem::none},
  {"https://acme.com/%", UrlProblem::none},
  {"https://acme.com/?q=100%", UrlProblem::none},
  {"https://acme.com/#50%off", UrlProblem::none},
  // Control characters.
  {"https://acme.com/a\x01" "b", UrlProblem::invalid},
  {"https://acme.com/a\x7F" "b", UrlProblem::invalid},
  {"https://acme.com/?q=\x1B", UrlProblem::invalid},
  {"https://acme.com/#\x01", UrlProblem::invalid},
  {"https://ja\x01ne@acme.com/", UrlProblem::bad_host},
};

// Where presslint's verdict is not libcurl's, on purpose: the checks of
// its own that come before the parser, and one scheme libcurl lacks.
const std::vector<Case> k_different{
  {"http:/acme.com", UrlProblem::slashes, UrlProblem::none,
   "libcurl adds the missing slash; in a link it is a typo"},
  {"http:///acme.com", UrlProblem::no_host, UrlProblem::none,
   "libcurl takes the path for the host; in a link the host is missing"},
  {"https://exa mple.com", UrlProblem::space, UrlProblem::bad_host,
   "presslint names the white space"},
  {"https://acme.com/a b", UrlProblem::space, UrlProblem::invalid,
   "presslint names the white space"},
  {"https://acme.com/?q=a\tb", UrlProblem::space, UrlProblem::invalid,
   "presslint names the white space"},
  {"http://intranet/", UrlProblem::no_domain, UrlProblem::none,
   "a single-label host other than localhost reaches no reader"},
  {"https://https://acme.com", UrlProblem::doubled_scheme, UrlProblem::none,
   "libcurl reads a host named https and a path"},
  {"http://256.1.1.1/", UrlProblem::bad_host, UrlProblem::none,
   "libcurl reads a host name whose last label is a number"},
  {"http://1.2.3/", UrlProblem::bad_host, UrlProblem::none,
   "libcurl reads it as the IPv4 address 1.2.0.3"},
  {"http://-acme.com/", UrlProblem::bad_host, UrlProblem::none,
   "a label may not start with a hyphen"},
  {"http://a..com/", UrlProblem::bad_host, UrlProblem::none, "an empty label"},
  {"http://ex%61mple.com/", UrlProblem::bad_host, UrlProblem::none,
   "libcurl decodes escapes in host names"},
};

std::string
shown(const std::string& url)
{
  std::string out;
  for (const char c : url) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u >= 0x7F) ? fmt::format("\\x{:02X}", u) : std::string(1, c);
  }
  return out;
}

} // namespace

TEST_CASE("url: tricky URLs get libcurl's verdict")
{
  REQUIRE_MESSAGE(links::libcurl_error().empty(), links::libcurl_error());
  for (const Case& c : k_same) {
    INFO("url: ", shown(c.url));
    CHECK_EQ(checks::to_string(presslint_verdict(c.url)), checks::to_string(c.verdict));
    CHECK_EQ(checks::to_string(curl_verdict(c.url)), checks::to_string(c.verdict));
  }
}

TEST_CASE("url: the deliberate differences from libcurl")
{
  for (const Case& c : k_different) {
    INFO("url: ", shown(c.url), " (", c.why, ")");
    REQUIRE(c.curl.has_value());
    CHECK_EQ(checks::to_string(presslint_verdict(c.url)), checks::to_string(c.verdict));
    CHECK_EQ(checks::to_string(curl_verdict(c.url)), checks::to_string(*c.curl));
  }
  // ws: and wss: when a rule allows them: a valid URL, which this libcurl
  // (built without WebSockets) refuses as an unsupported scheme.
  checks::UrlSyntaxOptions options;
  options.schemes = {"http", "https", "ws", "wss"};
  for (const std::string url : {"ws://acme.com/feed", "wss://acme.com:8443/feed"}) {
    INFO("url: ", url);
    CHECK_EQ(url_syntax_problem(url, options), UrlProblem::none);
    CHECK_EQ(curl_verdict(url), UrlProblem::invalid);
  }
}

TEST_CASE("url: every byte in the user name, path, query and fragment gets libcurl's verdict")
{
  // White space is presslint's own problem (libcurl refuses it under
  // another name); "/", "?" and "#" would end the user name, and leave a
  // host name with no domain.
  const std::vector<std::pair<std::string, std::string>> templates{
    {"https://ja", "ne@acme.com/"},
    {"https://acme.com/a", "b/c"},
    {"https://acme.com/p?q=a", "b&r=1"},
    {"https://acme.com/p#a", "b"},
    {"//cdn.acme.com/a", "b"},
  };
  std::size_t compared = 0;
  for (const auto& [before, after] : templates) {
    for (int b = 1; b <= 0xFF; ++b) {
      const char c = static_cast<char>(b);
      if (before.ends_with("ja") && (c == '/' || c == '?' || c == '#')) {
        continue;
      }
      const std::string url = before + c + after;
      INFO("url: ", shown(url));
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        CHECK_EQ(presslint_verdict(url), UrlProblem::space);
        CHECK_NE(curl_verdict(url), UrlProblem::none);
        continue;
      }
      CHECK_EQ(checks::to_string(presslint_verdict(url)), checks::to_string(curl_verdict(url)));
      ++compared;
    }
  }
  CHECK_EQ(compared, 5 * 255 - 3 - 5 * 6);
}

TEST_CASE("url: offline keys are libcurl's normalised URLs")
{
  std::vector<std::string> urls{
    "https://acme.com",
    "HTTP://ACME.COM:80/A/./b/../C?x=1&y=2#Frag",
    "https://acme.com:443/",
    "https://acme.com:0443/x",
    "http://acme.com:8080",
    "http://acme.com:/x",
    "https://acme.com:0/",
    "https://acme.com?",
    "https://acme.com/x?#f",
    "https://acme.com/x?q#",
    "https://jane:secret@acme.com/x",
    "http://010.1.1.1/",
    "http://08.1.1.1/",
    "http://192.0.2.1:80/",
    "http://[FE80::0:1]/",
    "http://[fe80::1%251]:8080/",
    "http://[::FFFF:1.2.3.4]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "https://acme.com./",
    "https://acme.com/a/%2e%2e/b",
    "https://acme.com/?q=./../",
    "https://b\xC3\xBC" "cher.de/\xC3\xBC",
    "https://acme.com/a|b{c}",
  };
  for (const Case& c : k_same) {
    if (c.verdict == UrlProblem::none && (c.url.starts_with("http") || c.url.starts_with("HTTP"))) {
      urls.push_back(c.url);
    }
  }
  // Dot segments: every path of one to four of these segments.
  const std::vector<std::string> segments{"a", "", ".", "..", ".a", "a.", "..."};
  std::vector<std::string> paths;
  std::vector<std::string> shorter{""};
  for (int depth = 1; depth <= 4; ++depth) {
    std::vector<std::string> longer;
    for (const std::string& p : shorter) {
      for (const std::string& s : segments) {
        longer.push_back(p + "/" + s);
      }
    }
    paths.insert(paths.end(), longer.begin(), longer.end());
    shorter = std::move(longer);
  }
  CHECK_EQ(paths.size(), 7 + 49 + 343 + 2401);
  for (const std::string& p : paths) {
    urls.push_back("https://acme.com" + p);
  }
  for (const std::string& url : urls) {
    INFO("url: ", shown(url));
    REQUIRE_EQ(presslint_verdict(url), UrlProblem::none);
    const std::string key = links::offline_url_key(url);
    CHECK_FALSE(key.empty());
    CHECK_EQ(key, links::normalise_url(url));
  }
  CHECK_EQ(links::offline_url_key("ftp://acme.com/x"), "");
  CHECK_EQ(links::offline_url_key("mailto:jane@acme.com"), "");
}

TEST_CASE("libcurl: loaded on first use, each option type passed on")
{
  REQUIRE_MESSAGE(links::libcurl_error().empty(), links::libcurl_error());
  const std::string maps = test::read_file("/proc/self/maps");
  CHECK(maps.find("libcurl.so.4") != std::string::npos);

  CURL* e = curl_easy_init();
  REQUIRE(e != nullptr);
  int marker = 0;
  static constexpr char k_ca[] = "not a certificate";
  curl_blob blob{const_cast<char*>(k_ca), sizeof k_ca - 1, CURL_BLOB_COPY};
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 1500L), CURLE_OK);                 // long
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_URL, "http://127.0.0.1:9/"), CURLE_OK);        // string
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_PRIVATE, &marker), CURLE_OK);                  // object
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION,                                 // function
                            +[](char*, std::size_t s, std::size_t n, void*) { return s * n; }),
           CURLE_OK);
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t{1} << 40), CURLE_OK); // off_t
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob), CURLE_OK);                // blob
  CHECK_EQ(curl_easy_setopt(e, static_cast<CURLoption>(CURLOPTTYPE_BLOB + 10000), 1L),
           CURLE_UNKNOWN_OPTION);
  // The values arrived: the object pointer comes back, and a long out of
  // its range is refused by libcurl itself.
  int* back = nullptr;
  CHECK_EQ(curl_easy_getinfo(e, CURLINFO_PRIVATE, &back), CURLE_OK);
  CHECK_EQ(back, &marker);
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L), CURLE_OK);
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_MAXREDIRS, -2L), CURLE_BAD_FUNCTION_ARGUMENT);
  CHECK_EQ(curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t{-1}),
           CURLE_BAD_FUNCTION_ARGUMENT);
  curl_easy_cleanup(e);

  // The multi options: a function and its data, called back when a handle
  // is added (nothing is performed: no connection is made).
  CURLM* m = curl_multi_init();
  REQUIRE(m != nullptr);
  int timer_calls = 0;
  CHECK_EQ(curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 4L), CURLM_OK);
  CHECK_EQ(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, +[](CURLM*, long, void* data) {
             ++*static_cast<int*>(data);
             return 0;
           }),
           CURLM_OK);
  CHECK_EQ(curl_multi_setopt(m, CURLMOPT_TIMERDATA, &timer_calls), CURLM_OK);
  CHECK_EQ(curl_multi_setopt(m, static_cast<CURLMoption>(CURLOPTTYPE_BLOB + 1), 1L),
           CURLM_UNKNOWN_OPTION);
  CURL* added = curl_easy_init();
  REQUIRE(added != nullptr);
  CHECK_EQ(curl_easy_setopt(added, CURLOPT_URL, "http://127.0.0.1:9/"), CURLE_OK);
  CHECK_EQ(curl_multi_add_handle(m, added), CURLM_OK);
  CHECK_GT(timer_calls, 0);
  CHECK_EQ(curl_multi_remove_handle(m, added), CURLM_OK);
  curl_easy_cleanup(added);
  CHECK_EQ(curl_multi_cleanup(m), CURLM_OK);

  CHECK_EQ(curl_getdate("Sun, 06 Nov 1994 08:49:37 GMT", nullptr), 784111777);
  char* s = curl_easy_unescape(nullptr, "a%20b", 5, nullptr);
  REQUIRE(s != nullptr);
  CHECK_EQ(std::string(s), "a b");
  curl_free(s);
}

TEST_CASE("libcurl: an offline run never maps it, a live one does")
{
  // ld.so names every library it maps (LD_DEBUG=files), libcurl's among
  // them when it is opened with dlopen.
  // The corpus of real releases: some 900 web links.
  const std::string corpus = test::shared_dir() + "/corpus";
  const auto offline = run_command(
    fmt::format("LD_DEBUG=files {} --offline --no-show-source --color never {} 2>&1 >/dev/null",
                quote(PRESSLINT_BINARY), quote(corpus)));
  CHECK(offline.out.find("file=libc.so.6") != std::string::npos); // ld.so did report
  CHECK(offline.out.find("libcurl") == std::string::npos);
  // The web links are still counted, without it.
  const auto counted = run_command(fmt::format("{} --offline --no-show-source --color never {}",
                                               quote(PRESSLINT_BINARY), quote(corpus)));
  CHECK(counted.out.find("web links not checked (offline)") != std::string::npos);

  // A live run: one link to the loopback address, which the private-address
  // guard refuses before any connection is made.
  TempDir dir;
  dir.write("release.md", "# Acme opens a plant\n\nSee [the plan](http://127.0.0.1:9/plan).\n");
  const auto live = run_command(fmt::format(
    "cd {} && env -u PRESSLINT_OFFLINE LD_DEBUG=files {} --no-cache --no-show-source --color never "
    "release.md 2>&1",
    quote(dir.path()), quote(PRESSLINT_BINARY)));
  CHECK(live.out.find("file=libcurl.so.4") != std::string::npos);
  CHECK(live.out.find("[link.unreachable]") != std::string::npos);
}

TEST_CASE("libcurl: when it cannot be loaded, live checks fail with exit status 2")
{
  // libcurl replaced by an empty file, in a mount namespace of the command
  // alone (root and unshare(1) needed: skipped without them).
  REQUIRE_MESSAGE(links::libcurl_error().empty(), links::libcurl_error());
  std::string path;
  std::istringstream maps(test::read_file("/proc/self/maps"));
  for (std::string line; path.empty() && std::getline(maps, line);) {
    const std::size_t slash = line.find('/');
    if (slash != std::string::npos && line.find("libcurl.so.4", slash) != std::string::npos) {
      path = line.substr(slash);
    }
  }
  REQUIRE_FALSE(path.empty());
  if (run_command("unshare -m true 2>/dev/null").status != 0) {
    MESSAGE("unshare -m is not allowed here: skipped");
    return;
  }
  TempDir dir;
  dir.write("release.md", "# Acme opens a plant\n\nSee [the plan](http://127.0.0.1:9/plan).\n");
  const auto r = run_command(fmt::format(
    "cd {} && env -u PRESSLINT_OFFLINE unshare -m sh -c {} 2>&1", quote(dir.path()),
    quote(fmt::format("mount --bind /dev/null {} && exec {} --no-cache --no-show-source "
                      "--color never release.md",
                      quote(path), quote(PRESSLINT_BINARY)))));
  INFO(r.out);
  CHECK_EQ(r.status, 2);
  CHECK(r.out.find("presslint: error: cannot load libcurl.so.4") != std::string::npos);
  CHECK(r.out.find("file too short") != std::string::npos); // dlerror()
  CHECK(r.out.find("[link.unreachable]") == std::string::npos);
  // Offline, the same namespace is no trouble.
  const auto offline = run_command(fmt::format(
    "cd {} && unshare -m sh -c {} 2>&1", quote(dir.path()),
    quote(fmt::format("mount --bind /dev/null {} && exec {} --offline --no-show-source "
                      "--color never release.md",
                      quote(path), quote(PRESSLINT_BINARY)))));
  CHECK_NE(offline.status, 2);
  CHECK(offline.out.find("1 web link not checked (offline)") != std::string::npos);
}
