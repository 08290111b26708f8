// The server in this process, over pipes, with a fake live link checker: the
// seam where live link results come in. Verdicts are asked for on open and
// save only (never on a change, never when offline), merged into the
// diagnostics of the text, and follow a link when an edit moves it. No
// network: the checker answers from a table.

#include <presslint/lsp/server.hpp>
#include <presslint/lsp/transport.hpp>

#include <doctest/doctest.h>

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <istream>
#include <ostream>
#include <streambuf>
#include <thread>

using namespace presslint;
using namespace presslint::lsp;
using nlohmann::json;

namespace {

// Reads a file descriptor; the end of the stream after 10 s without data.
class FdReadBuf : public std::streambuf
{
public:
  explicit FdReadBuf(int fd) : m_fd(fd) {}

protected:
  int_type underflow() override
  {
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) {
      return traits_type::eof();
    }
    const ssize_t n = ::read(m_fd, m_buf, sizeof m_buf);
    if (n <= 0) {
      return traits_type::eof();
    }
    setg(m_buf, m_buf, m_buf + n);
    return traits_type::to_int_type(*gptr());
  }

private:
  int m_fd;
  char m_buf[4096];
};

class FdWriteBuf : public std::streambuf
{
public:
  explicit FdWriteBuf(int fd) : m_fd(fd) {}

protected:
  int_type overflow(int_type c) override
  {
    if (c != traits_type::eof()) {
      const char ch = traits_type::to_char_type(c);
      write_all(&ch, 1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override
  {
    write_all(s, static_cast<std::size_t>(n));
    return n;
  }

private:
  void write_all(const char* s, std::size_t n)
  {
    while (n > 0) {
      const ssize_t w = ::write(m_fd, s, n);
      if (w <= 0) {
        return;
      }
      s += w;
      n -= static_cast<std::size_t>(w);
    }
  }
  int m_fd;
};

class TableLinkChecker : public LinkChecker
{
public:
  std::atomic<int> calls{0};
  void check(LinkCheckRequest request, std::function<void(LinkVerdicts)> done) override
  {
    ++calls;
    LinkVerdicts verdicts;
    for (const document::Link& link : request.document->links) {
      if (link.target == "https://example.com/report") {
        verdicts[link.target].push_back(
          LinkVerdict{"link.dead", core::Severity::error, "link target returned 404 Not Found"});
      }
    }
    done(std::move(verdicts));
  }
};

struct Harness
{
  int to_server[2]{};
  int from_server[2]{};
  std::unique_ptr<FdReadBuf> server_in_buf;
  std::unique_ptr<FdWriteBuf> server_out_buf;
  std::unique_ptr<std::istream> server_in;
  std::unique_ptr<std::ostream> server_out;
  std::unique_ptr<FdReadBuf> client_in_buf;
  std::unique_ptr<std::istream> client_in;
  std::unique_ptr<Server> server;
  std::thread thread;
  int exit_code = -1;

  explicit Harness(ServerOptions options)
  {
    REQUIRE(::pipe(to_server) == 0);
    REQUIRE(::pipe(from_server) == 0);
    server_in_buf = std::make_unique<FdReadBuf>(to_server[0]);
    server_out_buf = std::make_unique<FdWriteBuf>(from_server[1]);
    server_in = std::make_unique<std::istream>(server_in_buf.get());
    server_out = std::make_unique<std::ostream>(server_out_buf.get());
    client_in_buf = std::make_unique<FdReadBuf>(from_server[0]);
    client_in = std::make_unique<std::istream>(client_in_buf.get());
    server = std::make_unique<Server>(*server_in, *server_out, std::move(options));
    thread = std::thread([this] { exit_code = server->run(); });
  }

  ~Harness()
  {
    ::close(to_server[1]);
    if (thread.joinable()) {
      thread.join();
    }
    server.reset();
    ::close(to_server[0]);
    ::close(from_server[0]);
    ::close(from_server[1]);
  }

  void send(const json& message)
  {
    const std::string framed = frame(message.dump());
    REQUIRE(::write(to_server[1], framed.data(), framed.size())
            == static_cast<ssize_t>(framed.size()));
  }

  // The next message from the server (null when none came within 10 s).
  json next()
  {
    const ReadResult r = read_message(*client_in);
    if (r.kind != ReadResult::Kind::message) {
      return nullptr;
    }
    return json::parse(r.body);
  }

  // The next publishDiagnostics.
  json next_diagnostics()
  {
    while (true) {
      json m = next();
      if (m.is_null() || m.value("method", "") == "textDocument/publishDiagnostics") {
        return m;
      }
    }
  }
};

std::vector<std::string>
summary(const json& publication)
{
  std::vector<std::string> out;
  for (const json& d : publication["params"]["diagnostics"]) {
    out.push_back(d["code"].get<std::string>() + "@" + d["range"]["start"]["line"].dump() + ":"
                  + d["range"]["start"]["character"].dump());
  }
  return out;
}

const std::string k_release = "# Acme opens a plant in Ohio\n"
                              "\n"
                              "DAYTON, Ohio, March 3, 2026 — Read [the report](https://example.com/report).\n";

} // namespace

TEST_CASE("lsp server: live link verdicts on open and save, merged into the text's diagnostics")
{
  auto checker = std::make_shared<TableLinkChecker>();
  ServerOptions options;
  options.link_checker = checker;
  Harness h(options);
  const std::string uri = "file:///nonexistent-presslint-test/release.md";

  h.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"},
          {"params", {{"capabilities", json::object()}}}});
  json m = h.next();
  REQUIRE(m["id"] == 1);

  h.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
          {"params", {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", 1},
                                        {"text", k_release}}}}}});
  // The text's diagnostics first, then again with the link's verdict.
  json first = h.next_diagnostics();
  REQUIRE_FALSE(first.is_null());
  CHECK(first["params"]["version"] == 1);
  const std::vector<std::string> text_only = summary(first);
  CHECK(std::find(text_only.begin(), text_only.end(), "link.dead@2:48") == text_only.end());
  json second = h.next_diagnostics();
  REQUIRE_FALSE(second.is_null());
  CHECK(second["params"]["version"] == 1);
  std::vector<std::string> with_links = summary(second);
  CHECK(std::find(with_links.begin(), with_links.end(), "link.dead@2:48") != with_links.end());
  CHECK(checker->calls == 1);

  // An edit moves the link: the verdict follows it; no new check.
  h.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
          {"params", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                      {"contentChanges", json::array({{{"range", {{"start", {{"line", 2}, {"character", 30}}},
                                                                  {"end", {{"line", 2}, {"character", 30}}}}},
                                                       {"text", "Now "}}})}}}});
  json third = h.next_diagnostics();
  REQUIRE_FALSE(third.is_null());
  CHECK(third["params"]["version"] == 2);
  with_links = summary(third);
  CHECK(std::find(with_links.begin(), with_links.end(), "link.dead@2:52") != with_links.end());
  CHECK(checker->calls == 1);

  // Save: checked again. Offline: not checked.
  h.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didSave"},
          {"params", {{"textDocument", {{"uri", uri}}}}}});
  h.next_diagnostics();
  h.next_diagnostics();
  CHECK(checker->calls == 2);
  h.send({{"jsonrpc", "2.0"}, {"method", "workspace/didChangeConfiguration"},
          {"params", {{"settings", {{"offline", true}}}}}});
  h.next_diagnostics();
  h.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didSave"},
          {"params", {{"textDocument", {{"uri", uri}}}}}});
  h.next_diagnostics();
  CHECK(checker->calls == 2);

  h.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  m = h.next();
  CHECK(m["id"] == 2);
  CHECK(m["result"].is_null());
  h.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  h.thread.join();
  CHECK(h.exit_code == 0);
}
