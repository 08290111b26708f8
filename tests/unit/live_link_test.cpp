// Live link checks against a real HTTP server on the loopback interface
// (tests/links/server.py). No test sends anything to another address: the
// releases link only 127.0.0.1, ::1 and localhost.
#include "support.hpp"

#include <presslint/links/address.hpp>
#include <presslint/links/checker.hpp>
#include <presslint/document/reader.hpp>
#include <presslint/lint/run.hpp>
#include <presslint/lsp/live_links.hpp>

#include <curl/curl.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

#include <chrono>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;
using presslint::test::CommandResult;
using presslint::test::quote;
using presslint::test::run_command;
using presslint::test::TempDir;

namespace {

// The test server, started on a free port and stopped when the object goes.
class LoopbackServer
{
public:
  explicit LoopbackServer(bool ipv6 = false)
  {
    const std::string port_file = m_dir.path() + "/port";
    const auto r = run_command(fmt::format(
      "/usr/bin/python3 {} --port-file {}{} >/dev/null 2>&1 & echo $!",
      quote(std::string(PRESSLINT_SOURCE_DIR) + "/tests/links/server.py"), quote(port_file),
      ipv6 ? " --ipv6" : ""));
    m_pid = std::atoi(r.out.c_str());
    for (int i = 0; i < 200 && !fs::exists(port_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (fs::exists(port_file)) {
      m_port = std::atoi(presslint::test::read_file(port_file).c_str());
    }
    m_host = ipv6 ? "[::1]" : "127.0.0.1";
  }
  ~LoopbackServer()
  {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
    }
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  [[nodiscard]] bool up() const { return m_port > 0; }
  [[nodiscard]] int port() const { return m_port; }
  [[nodiscard]] std::string url(const std::string& path) const
  {
    return fmt::format("http://{}:{}{}", m_host, m_port, path);
  }

  // The server's counters (GET /__stats, not counted).
  [[nodiscard]] nlohmann::json stats() const { return nlohmann::json::parse(fetch("/__stats")); }
  [[nodiscard]] long requests() const { return stats()["requests"].get<long>(); }
  [[nodiscard]] long requests(const std::string& method_path) const
  {
    const auto s = stats();
    return s["by_path"].value(method_path, 0L);
  }
  void reset() const { (void)fetch("/__reset"); }

private:
  [[nodiscard]] std::string fetch(const std::string& path) const
  {
    CURL* e = curl_easy_init();
    std::string body;
    const std::string address = url(path);
    curl_easy_setopt(e, CURLOPT_URL, address.c_str());
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION,
                     +[](char* d, std::size_t s, std::size_t n, void* u) {
                       static_cast<std::string*>(u)->append(d, s * n);
                       return s * n;
                     });
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &body);
    curl_easy_perform(e);
    curl_easy_cleanup(e);
    return body;
  }

  TempDir m_dir;
  int m_pid = 0;
  int m_port = 0;
  std::string m_host;
};

// A folder of releases with a config whose link checks are quick.
struct Workspace
{
  TempDir dir;
  std::string cache = dir.path() + "/cache";

  explicit Workspace(const std::string& links_config = "allow-private: true\n  timeout: 2s\n  "
                                                      "retries: 1")
  {
    dir.write(".presslint.yaml", "links:\n  " + links_config + "\n");
  }

  // A release that links each of `urls` in a list.
  std::string release(const std::string& name, const std::vector<std::string>& urls) const
  {
    std::string text = "# Acme opens a plant\n\nDAYTON, Ohio, March 3, 2026 — Acme hires.\n\n";
    for (std::size_t i = 0; i < urls.size(); ++i) {
      text += fmt::format("- Read [link {}]({}).\n", i, urls[i]);
    }
    return dir.write(name, text);
  }

  // presslint with live checks (the test suite is offline otherwise), only
  // the live link rules on, and this workspace's cache folder.
  [[nodiscard]] CommandResult lint(const std::string& args) const
  {
    return run_command(fmt::format(
      "cd {} && env -u PRESSLINT_OFFLINE {} --no-show-source --color never --cache-dir {} {} {}",
      quote(dir.path()), quote(PRESSLINT_BINARY), quote(cache),
      presslint::test::only_rules({"link.dead", "link.unreachable", "link.redirect"}), args));
  }
};

bool
has(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("live links: statuses, redirects and retries against a loopback server")
{
  LoopbackServer server;
  REQUIRE(server.up());
  Workspace ws;
  ws.release("a.md", {server.url("/ok/a"), server.url("/status/404"), server.url("/status/410"),
                      server.url("/status/500"), server.url("/moved/301/x"),
                      server.url("/moved/302/y"), server.url("/chain/3"), server.url("/loop"),
                      server.url("/head405"), server.url("/retry429/p"),
                      server.url("/retry429-date/q"), server.url("/retry503/r"),
                      server.url("/moved/308/z"), server.url("/head-drop")});
  const auto r = ws.lint("a.md");
  INFO(r.out, r.err);
  CHECK(r.status == 1);
  CHECK_FALSE(has(r.out, "/ok/a\""));
  CHECK(has(r.out, "a.md:6:17: error: dead link \"" + server.url("/status/404")
                     + "\": the server answers 404 [link.dead]"));
  CHECK(has(r.out, "\": the server answers 410 [link.dead]"));
  CHECK(has(r.out, "\": the server answers 500 [link.dead]"));
  CHECK(has(r.out, "note: link \"" + server.url("/moved/301/x") + "\" permanently redirects to \""
                     + server.url("/ok/x") + "\"; link to that address [link.redirect]"));
  CHECK(has(r.out, "permanently redirects to \"" + server.url("/ok/z")));
  CHECK(has(r.out, "permanently redirects to \"" + server.url("/ok/end")));
  CHECK_FALSE(has(r.out, "/moved/302/y\""));       // a temporary redirect is fine
  CHECK(has(r.out, "/loop\": its redirects go round in a loop [link.dead]"));
  CHECK_FALSE(has(r.out, "head405"));               // HEAD refused, GET fine
  CHECK_FALSE(has(r.out, "retry429"));              // Retry-After honoured, then 200
  CHECK_FALSE(has(r.out, "retry503"));
  CHECK_FALSE(has(r.out, "head-drop"));             // HEAD answered with nothing, GET fine
  CHECK(has(r.out, "4 errors, 0 warnings, 3 notes in 1 file (1 file checked)\n"));
  // Each URL once; HEAD then GET where HEAD was refused; one retry each.
  CHECK(server.requests("HEAD /ok/a") == 1);
  CHECK(server.requests("GET /ok/a") == 0);
  CHECK(server.requests("HEAD /head405") == 1);
  CHECK(server.requests("GET /head405") == 1);
  CHECK(server.requests("HEAD /retry429/p") == 2);
  CHECK(server.requests("HEAD /retry429-date/q") == 2);
  CHECK(server.requests("HEAD /loop") == 1);
  CHECK(server.requests("HEAD /head-drop") == 1);
  CHECK(server.requests("GET /head-drop") == 1);
  CHECK(server.requests("HEAD /status/404") == 1);
  CHECK(server.requests("GET /status/404") == 1); // a failed HEAD is confirmed with GET
  CHECK(server.requests("HEAD /status/500") == 2); // retried once (retries: 1)
  CHECK(server.requests("GET /status/500") == 1);  // then asked with GET
  const auto agents = server.stats()["user_agents"];
  REQUIRE(agents.size() == 1);
  CHECK(agents[0].get<std::string>().starts_with(std::string("presslint/") + PRESSLINT_VERSION));
}

TEST_CASE("live links: fragments, blocked sites, rate limits, timeouts and refused connections")
{
  LoopbackServer server;
  REQUIRE(server.up());
  // A port nothing listens on: bound, then closed.
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  const int closed_port = ntohs(addr.sin_port);
  ::close(s);

  Workspace ws("allow-private: true\n  timeout: 1s\n  retries: 1");
  const std::string refused = fmt::format("http://127.0.0.1:{}/x", closed_port);
  ws.release("b.md", {server.url("/ok/f#present"), server.url("/ok/f#named"),
                      server.url("/ok/f#missing"), server.url("/text/t#anything"),
                      server.url("/status/403"), server.url("/status/999"),
                      server.url("/always429"), server.url("/hang"), refused});
  const auto start = std::chrono::steady_clock::now();
  const auto r = ws.lint("b.md");
  const auto took = std::chrono::steady_clock::now() - start;
  INFO(r.out, r.err);
  CHECK(r.status == 1);
  CHECK_FALSE(has(r.out, "#present"));
  CHECK_FALSE(has(r.out, "#named"));
  CHECK(has(r.out, "/ok/f#missing\": the page has no element with the id \"missing\" [link.dead]"));
  CHECK_FALSE(has(r.out, "#anything")); // not an HTML page: its fragment is not checked
  CHECK(has(r.out, "/status/403\" could not be checked: the site answers 403 to link checkers"));
  CHECK(has(r.out, "/status/999\" could not be checked: the site answers 999 to link checkers"));
  CHECK(has(r.out, "/always429\" could not be checked: the site still rate-limits (429)"));
  CHECK(has(r.out, "/hang\" could not be checked: no answer within the timeout [link.unreachable]"));
  CHECK(has(r.out, "warning: link \"" + refused + "\" could not be checked: "));
  CHECK(has(r.out, "1 error, 5 warnings, 0 notes"));
  // One GET for the page and its three fragments.
  CHECK(server.requests("GET /ok/f") == 1);
  CHECK(server.requests("HEAD /ok/f") == 0);
  CHECK(server.requests("HEAD /always429") + server.requests("GET /always429") == 2);
  // Two attempts of one second at most, and a backoff: well under the 30 s
  // the server would hang.
  CHECK(took < std::chrono::seconds(8));
}

TEST_CASE("live links: the same URL in 50 files is fetched once, and the cache spares the next run")
{
  LoopbackServer server;
  REQUIRE(server.up());
  Workspace ws;
  for (int i = 0; i < 50; ++i) {
    ws.release(fmt::format("r{:02}.md", i), {server.url("/ok/shared"), server.url("/status/404")});
  }
  const auto first = ws.lint(".");
  INFO(first.out, first.err);
  CHECK(first.status == 1);
  CHECK(has(first.out, "50 errors, 0 warnings, 0 notes in 50 files (50 files checked)"));
  CHECK(server.requests("HEAD /ok/shared") == 1);
  CHECK(server.requests() == 3); // HEAD /ok/shared, HEAD and GET /status/404
  CHECK(fs::exists(ws.cache + "/links.json"));
  CHECK(first.err.empty()); // no progress line: standard error is not a terminal

  server.reset();
  const auto second = ws.lint(".");
  CHECK(second.out == first.out);
  CHECK(server.requests() == 0);

  // --no-cache fetches again; a corrupt cache file is a warning, not a crash.
  const auto uncached = ws.lint("--no-cache .");
  CHECK(uncached.out == first.out);
  CHECK(server.requests() == 3);
  ws.dir.write("cache/links.json", "{ not json");
  server.reset();
  const auto corrupt = ws.lint(".");
  CHECK(corrupt.out == first.out);
  CHECK(has(corrupt.err, "warning: the link cache"));
  CHECK(has(corrupt.err, "is not valid"));
  CHECK(server.requests() == 3);
  // ...and it was replaced by a good one.
  server.reset();
  CHECK(ws.lint(".").out == first.out);
  CHECK(server.requests() == 0);
}

TEST_CASE("live links: transient results are not cached")
{
  LoopbackServer server;
  REQUIRE(server.up());
  Workspace ws("allow-private: true\n  timeout: 1s\n  retries: 0");
  ws.release("t.md", {server.url("/always429"), server.url("/status/503")});
  const auto first = ws.lint("t.md");
  INFO(first.out, first.err);
  CHECK(has(first.out, "/always429\" could not be checked"));
  server.reset();
  (void)ws.lint("t.md");
  CHECK(server.requests() >= 2); // asked again
}

TEST_CASE("live links: loopback addresses are refused unless allow-private is true")
{
  LoopbackServer server;
  REQUIRE(server.up());
  LoopbackServer server6(true); // may be down on a machine without IPv6
  Workspace ws("timeout: 2s\n  retries: 1"); // allow-private: false, the default
  const std::vector<std::string> urls{
    server.url("/ok/v4"), fmt::format("http://localhost:{}/ok/name", server.port()),
    fmt::format("http://[::ffff:127.0.0.1]:{}/ok/mapped", server.port()),
    fmt::format("http://[::1]:{}/ok/v6", server6.up() ? server6.port() : server.port())};
  ws.release("p.md", urls);
  const auto r = ws.lint("p.md");
  INFO(r.out, r.err);
  for (const std::string& u : urls) {
    CHECK(has(r.out, "link \"" + u + "\" could not be checked: not fetched: it resolves to a "
                                     "loopback, private or link-local address"));
  }
  CHECK(has(r.out, "0 errors, 4 warnings, 0 notes"));
  CHECK(server.requests() == 0);
  if (server6.up()) {
    CHECK(server6.requests() == 0);
  }
  // Not cached: with allow-private the same links are fetched.
  Workspace open_ws;
  open_ws.cache = ws.cache;
  open_ws.release("p.md", urls);
  const auto allowed = open_ws.lint("p.md");
  INFO(allowed.out);
  CHECK_FALSE(has(allowed.out, server.url("/ok/v4")));
  CHECK_FALSE(has(allowed.out, "not fetched"));
  CHECK(server.requests() >= 1);
}

TEST_CASE("live links: --offline, live: false, exclude, rules turned off and inline controls")
{
  LoopbackServer server;
  REQUIRE(server.up());
  Workspace ws;
  ws.release("o.md", {server.url("/status/404"), server.url("/moved/301/m")});
  const auto offline = ws.lint("--offline o.md");
  CHECK(offline.status == 0);
  CHECK(has(offline.out, "no problems found (1 file checked); 2 web links not checked (offline)"));
  const auto sarif = ws.lint("--offline -f sarif o.md");
  const auto log = nlohmann::json::parse(sarif.out);
  CHECK(log["runs"][0]["invocations"][0]["properties"]["presslint/linkChecks"]["offline"] == true);
  CHECK(server.requests() == 0);

  Workspace off("live: false");
  off.release("o.md", {server.url("/status/404")});
  CHECK(has(off.lint("o.md").out, "no problems found (1 file checked)\n"));
  CHECK(server.requests() == 0);

  Workspace excluded("allow-private: true\n  exclude: ['/status/']");
  excluded.release("o.md", {server.url("/status/404")});
  CHECK(has(excluded.lint("o.md").out, "no problems found"));
  CHECK(server.requests() == 0);

  // --disable link.dead: the 404 is not reported; the redirect still is.
  const auto disabled = ws.lint("--disable link.dead o.md");
  CHECK_FALSE(has(disabled.out, "[link.dead]"));
  CHECK(has(disabled.out, "[link.redirect]"));

  // An inline control hides a live finding as it hides any other.
  ws.dir.write("i.md", "# Acme\n\nDAYTON, Ohio — Acme hires.\n\n"
                       "<!-- presslint-disable-next-line link.dead -->\n- [gone](" +
                         server.url("/status/404") + ")\n- [gone too](" +
                         server.url("/status/410") + ")\n");
  const auto inline_r = ws.lint("i.md");
  INFO(inline_r.out);
  CHECK_FALSE(has(inline_r.out, "/status/404"));
  CHECK(has(inline_r.out, "/status/410"));

  // Code spans and code blocks are not links; placeholders are not fetched,
  // even with link.placeholder off (here the config makes /todo-link/ one).
  server.reset();
  Workspace todo("allow-private: true\nrules:\n  link.placeholder: { severity: off, "
                 "placeholder-patterns: ['/todo-link/'] }");
  todo.dir.write("c.md", "# Acme\n\nDAYTON, Ohio — Acme hires. `" + server.url("/status/404") +
                           "`\n\n```\n" + server.url("/status/410") + "\n```\n\n[x](" +
                           server.url("/todo-link/x") + ")\n");
  const auto code = todo.lint("c.md");
  INFO(code.out, code.err);
  CHECK(has(code.out, "no problems found"));
  CHECK(server.requests() == 0);
}

TEST_CASE("live links: test-rules runs the examples that need no network")
{
  const auto r = run_command(fmt::format("env -u PRESSLINT_OFFLINE {} test-rules",
                                         quote(PRESSLINT_BINARY)));
  INFO(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(has(r.err, "note: rules/link/redirect.yaml: link.redirect: bad example 1 needs the "
                   "network: skipped"));
  CHECK_FALSE(has(r.err, "link.unreachable: bad example"));
}

TEST_CASE("live links: private addresses")
{
  using presslint::links::is_private_address;
  auto v4 = [](const char* text) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    REQUIRE(::inet_pton(AF_INET, text, &a.sin_addr) == 1);
    return is_private_address(reinterpret_cast<const sockaddr*>(&a), sizeof a);
  };
  auto v6 = [](const char* text) {
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    REQUIRE(::inet_pton(AF_INET6, text, &a.sin6_addr) == 1);
    return is_private_address(reinterpret_cast<const sockaddr*>(&a), sizeof a);
  };
  for (const char* p : {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                        "192.168.1.1", "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1",
                        "100.127.255.255", "224.0.0.1", "255.255.255.255"}) {
    INFO(p);
    CHECK(v4(p));
  }
  for (const char* p : {"8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "11.0.0.1",
                        "192.169.0.1", "93.184.216.34"}) {
    INFO(p);
    CHECK_FALSE(v4(p));
  }
  for (const char* p : {"::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1",
                        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.1.1", "ff02::1",
                        "64:ff9b::7f00:1"}) {
    INFO(p);
    CHECK(v6(p));
  }
  for (const char* p : {"2001:4860:4860::8888", "::ffff:8.8.8.8", "2606:4700::1"}) {
    INFO(p);
    CHECK_FALSE(v6(p));
  }
}

TEST_CASE("live links: Retry-After, URL normalisation and page anchors")
{
  using namespace presslint::links;
  CHECK(parse_retry_after("5", 0) == 5);
  CHECK(parse_retry_after(" 0 ", 0) == 0);
  CHECK(parse_retry_after("soon", 0) < 0);
  // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480.
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470) == 10);
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490) == 0);
  CHECK(normalise_url("HTTPS://Acme.COM:443/a?b=1#Top") == "https://acme.com/a?b=1#Top");
  CHECK(normalise_url("http://acme.com") == "http://acme.com/");
  CHECK(normalise_url("http://acme.com:8080/x") == "http://acme.com:8080/x");
  CHECK(normalise_url("ftp://acme.com/x").empty());
  const auto anchors =
    page_anchors("<p id=a>x</p><a name=b></a><div name=c></div><template><i id=d></i></template>");
  CHECK(std::find(anchors.begin(), anchors.end(), "a") != anchors.end());
  CHECK(std::find(anchors.begin(), anchors.end(), "b") != anchors.end());
  CHECK(std::find(anchors.begin(), anchors.end(), "c") == anchors.end());
}

TEST_CASE("live links: the language server's checker gives the cache's verdicts first")
{
  LoopbackServer server;
  REQUIRE(server.up());
  Workspace ws;
  const std::string path = ws.release("r.md", {server.url("/ok/a"), server.url("/status/404")});
  // The default cache folder, under this test's own temporary folder.
  const char* old_cache = std::getenv("XDG_CACHE_HOME");
  const std::string saved = old_cache != nullptr ? old_cache : "";
  ::setenv("XDG_CACHE_HOME", ws.cache.c_str(), 1);

  presslint::lsp::LinkCheckRequest request;
  request.uri = "file://" + path;
  request.path = path;
  auto doc = std::make_shared<presslint::document::Document>();
  presslint::core::Error error;
  REQUIRE(presslint::document::read_document(path, presslint::test::read_file(path),
                                             presslint::document::Format::markdown, *doc, error));
  request.document = doc;
  request.runner = std::make_shared<presslint::lint::Runner>(presslint::lint::RunOptions{});
  presslint::core::Errors errors;
  REQUIRE(request.runner->prepare(errors));

  // Nothing cached yet: no verdict, and no request.
  CHECK(presslint::lsp::live_link_verdicts(request, true).empty());
  CHECK(server.requests() == 0);

  // The fetch: the dead link gets its finding, under the URL as written.
  const auto fetched = presslint::lsp::live_link_verdicts(request, false);
  REQUIRE(fetched.size() == 1);
  const auto it = fetched.find(server.url("/status/404"));
  REQUIRE(it != fetched.end());
  REQUIRE(it->second.size() == 1);
  CHECK(it->second[0].rule_id == "link.dead");
  CHECK(server.requests() == 3);

  // From the cache now, without a request.
  server.reset();
  CHECK(presslint::lsp::live_link_verdicts(request, true) == fetched);
  CHECK(server.requests() == 0);

  if (old_cache != nullptr) {
    ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_CACHE_HOME");
  }
}
