// The language server's pieces: UTF-16 positions, incremental edits, file
// URIs, Content-Length framing, settings, and the worker where the latest
// version wins. The whole server is exercised by real clients
// (tests/node/lsp-client.mjs, tests/nvim/lsp.lua).

#include <presslint/lsp/latest_wins.hpp>
#include <presslint/lsp/link_results.hpp>
#include <presslint/lsp/server.hpp>
#include <presslint/lsp/text.hpp>
#include <presslint/lsp/transport.hpp>
#include <presslint/lsp/workspace.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

using namespace presslint;
using namespace presslint::lsp;
using nlohmann::json;

TEST_CASE("lsp: UTF-16 positions count surrogate pairs as two units")
{
  // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units; "中" 3 bytes, 1 unit.
  const std::string text = "aé😀b\r\n中x\nlast";
  const LineIndex index(text);
  CHECK(index.line_count() == 3);
  CHECK(index.position(0) == Position16{0, 0});
  CHECK(index.position(1) == Position16{0, 1});  // before é
  CHECK(index.position(3) == Position16{0, 2});  // before 😀
  CHECK(index.position(7) == Position16{0, 4});  // before b
  CHECK(index.position(8) == Position16{0, 5});  // before \r
  CHECK(index.position(10) == Position16{1, 0}); // 中
  CHECK(index.position(13) == Position16{1, 1}); // x
  CHECK(index.position(text.size()) == Position16{2, 4});

  CHECK(index.offset(Position16{0, 4}) == 7);
  CHECK(index.offset(Position16{0, 3}) == 3);   // inside the pair: its start
  CHECK(index.offset(Position16{0, 99}) == 8);  // past the end: before "\r\n"
  CHECK(index.offset(Position16{1, 1}) == 13);
  CHECK(index.offset(Position16{9, 0}) == text.size());
  CHECK(index.line_end(0) == 8);
  CHECK(index.line_end(2) == text.size());

  CHECK(utf16_length("aé😀") == 4);
  CHECK(utf8_offset_of_utf16("😀x", 2) == 4);
  CHECK(utf8_offset_of_utf16("😀x", 1) == 0);
}

TEST_CASE("lsp: incremental changes apply in order, a change without range replaces all")
{
  std::string text = "Hello world\nsecond line\n";
  apply_changes(text, {TextChange{Range16{{0, 6}, {0, 11}}, "there"}});
  CHECK(text == "Hello there\nsecond line\n");
  // Two changes, the second against the text the first left.
  apply_changes(text, {TextChange{Range16{{1, 0}, {1, 6}}, "2nd"},
                       TextChange{Range16{{1, 0}, {1, 3}}, "😀"}});
  CHECK(text == "Hello there\n😀 line\n");
  // After a surrogate pair, columns count two units for it.
  apply_changes(text, {TextChange{Range16{{1, 2}, {1, 3}}, "_"}});
  CHECK(text == "Hello there\n😀_line\n");
  // Insertion across lines and at the very end.
  apply_changes(text, {TextChange{Range16{{0, 11}, {1, 0}}, " and\n"}});
  CHECK(text == "Hello there and\n😀_line\n");
  apply_changes(text, {TextChange{Range16{{2, 0}, {2, 0}}, "end"}});
  CHECK(text == "Hello there and\n😀_line\nend");
  apply_changes(text, {TextChange{std::nullopt, "new"}});
  CHECK(text == "new");
}

TEST_CASE("lsp: file URIs")
{
  CHECK(path_from_uri("file:///tmp/a%20b/r%C3%A9.md") == std::optional<std::string>("/tmp/a b/ré.md"));
  CHECK(path_from_uri("file://localhost/x.md") == std::optional<std::string>("/x.md"));
  CHECK_FALSE(path_from_uri("untitled:Untitled-1").has_value());
  CHECK_FALSE(path_from_uri("file://server/share/x.md").has_value());
  CHECK_FALSE(path_from_uri("file:///bad%2").has_value());
  CHECK_FALSE(path_from_uri("file:///nul%00.md").has_value());
  CHECK(uri_from_path("/tmp/a b/ré.md") == "file:///tmp/a%20b/r%C3%A9.md");
  CHECK(path_from_uri(uri_from_path("/x/#1 [draft].md")) == std::optional<std::string>("/x/#1 [draft].md"));
}

TEST_CASE("lsp: Content-Length framing reads messages and recovers from bad headers")
{
  std::string stream;
  stream += frame(R"({"a":1})");
  stream += "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 7\r\n\r\n{\"b\":2}";
  stream += "Content-Length: nope\r\n\r\n";
  stream += "X-Other: 1\r\n\r\n";
  stream += frame(R"({"é":"😀"})");
  stream += "Content-Length: 50\r\n\r\n{\"cut";
  std::istringstream in(stream);

  ReadResult r = read_message(in);
  REQUIRE(r.kind == ReadResult::Kind::message);
  CHECK(r.body == R"({"a":1})");
  r = read_message(in);
  REQUIRE(r.kind == ReadResult::Kind::message);
  CHECK(r.body == R"({"b":2})");
  r = read_message(in);
  CHECK(r.kind == ReadResult::Kind::bad_header);
  CHECK(r.error == "invalid Content-Length \"nope\"");
  r = read_message(in);
  CHECK(r.kind == ReadResult::Kind::bad_header);
  CHECK(r.error == "missing Content-Length header");
  r = read_message(in);
  REQUIRE(r.kind == ReadResult::Kind::message);
  CHECK(json::parse(r.body)["é"] == "😀");
  r = read_message(in);
  CHECK(r.kind == ReadResult::Kind::truncated);
  r = read_message(in);
  CHECK(r.kind == ReadResult::Kind::eof);

  std::istringstream empty("");
  CHECK(read_message(empty).kind == ReadResult::Kind::eof);
  CHECK(frame("{}") == "Content-Length: 2\r\n\r\n{}");
}

TEST_CASE("lsp: settings from initializationOptions and didChangeConfiguration")
{
  std::vector<std::string> problems;
  Settings s = parse_settings(json::parse(R"({"profile":"uk","offline":true})"), Settings{}, problems);
  CHECK(s.profile == "uk");
  CHECK(s.offline);
  CHECK(problems.empty());
  s = parse_settings(json::parse(R"({"presslint":{"profile":"wire"}})"), s, problems);
  CHECK(s.profile == "wire");
  CHECK(s.offline);
  s = parse_settings(json::parse(R"({"profile":"bbc","offline":"yes"})"), s, problems);
  CHECK(s.profile == "wire");
  CHECK(s.offline);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == R"(setting "profile": "bbc" is not one of ap, wire, uk, gov-us)");
  CHECK(problems[1] == R"(setting "offline": "yes" is not true or false)");
}

TEST_CASE("lsp: the latest version wins, older results are dropped")
{
  std::mutex mutex;
  std::condition_variable cv;
  bool release_first = false;
  std::vector<long> started;
  std::vector<long> published;
  LatestWins* self = nullptr;
  LatestWins worker([&](const Snapshot& s) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      started.push_back(s.version);
      cv.notify_all();
      // The first lint is slow: it runs while newer versions arrive.
      if (s.version == 1) {
        cv.wait(lock, [&] { return release_first; });
      }
    }
    self->publish_if_latest(s.generation, [&] {
      std::lock_guard<std::mutex> lock(mutex);
      published.push_back(s.version);
      cv.notify_all();
    });
  });
  self = &worker;
  worker.submit(1, "one");
  {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return !started.empty(); });
  }
  // While version 1 is linted, 2 and 3 arrive: 3 replaces 2, which never runs.
  worker.submit(2, "two");
  const std::uint64_t third = worker.submit(3, "three");
  CHECK(worker.latest_generation() == third);
  {
    std::unique_lock<std::mutex> lock(mutex);
    release_first = true;
    cv.notify_all();
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return !published.empty(); }));
  }
  worker.stop();
  CHECK(started == std::vector<long>{1, 3});
  CHECK(published == std::vector<long>{3});
  // After stop nothing publishes.
  CHECK_FALSE(worker.publish_if_latest(third, [] {}));
}

TEST_CASE("lsp: a pending request for link checks survives being replaced")
{
  std::mutex mutex;
  std::condition_variable cv;
  bool go = false;
  bool running = false;
  std::vector<std::pair<long, bool>> seen;
  LatestWins worker([&](const Snapshot& s) {
    std::unique_lock<std::mutex> lock(mutex);
    running = true;
    cv.notify_all();
    cv.wait(lock, [&] { return go; });
    seen.emplace_back(s.version, s.check_links);
    cv.notify_all();
  });
  worker.submit(1, "a"); // runs and waits for `go`
  {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return running; });
  }
  worker.submit(2, "b", true);   // opened or saved: check links
  worker.submit(3, "c", false);  // an edit replaces it before it ran
  {
    std::unique_lock<std::mutex> lock(mutex);
    go = true;
    cv.notify_all();
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return seen.size() >= 2; }));
  }
  worker.stop();
  REQUIRE(seen.size() == 2);
  CHECK(seen[1] == std::pair<long, bool>{3, true});
}

TEST_CASE("lsp: live link verdicts land on the links of the current text")
{
  // Verdicts are per URL: after an edit moves the link, they follow it.
  const document::Document doc = test::markdown(
    "# Title\n\nSee [the report](https://example.com/report) and [home](https://example.com/).\n");
  LinkVerdicts verdicts;
  verdicts["https://example.com/report"] = {
    LinkVerdict{"link.dead", core::Severity::error, "link target returned 404"}};
  verdicts["https://example.com/gone"] = {
    LinkVerdict{"link.dead", core::Severity::error, "not in this text"}};
  const std::vector<core::Finding> found = link_findings(doc, verdicts);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule_id == "link.dead");
  CHECK(found[0].severity == core::Severity::error);
  CHECK(test::slice(doc, found[0].span) == "https://example.com/report");
  CHECK(link_findings(doc, LinkVerdicts{}).empty());
}
