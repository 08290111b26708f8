// Every real release of the shared corpus: linted without a crash, each
// finding's range is the text its message quotes, and positions round-trip.
#include "support.hpp"

#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace presslint;

namespace {

std::vector<fs::path>
corpus_files()
{
  std::vector<fs::path> files;
  const fs::path root = fs::path(test::shared_dir()) / "corpus";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    document::Format format;
    if (e.is_regular_file() && document::format_from_path(e.path().string(), format)
        && e.path().filename() != "README.md") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The first "..." a message quotes, if any.
std::optional<std::string>
quoted(const std::string& message)
{
  const auto b = message.find('"');
  if (b == std::string::npos) {
    return std::nullopt;
  }
  const auto e = message.find('"', b + 1);
  if (e == std::string::npos) {
    return std::nullopt;
  }
  return message.substr(b + 1, e - b - 1);
}

} // namespace

TEST_CASE("corpus: findings quote their own range, positions round-trip")
{
  const auto files = corpus_files();
  REQUIRE(files.size() >= 145);
  const rules::Catalog& catalog = test::builtin_catalog();
  core::Errors errors;
  const auto set = rules::build_rule_set(catalog, rules::Config{}, "", {}, {"builtin"}, errors);
  REQUIRE(errors.empty());
  const auto now = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
  std::size_t findings_seen = 0;
  std::size_t quotes_checked = 0;
  for (const fs::path& path : files) {
    CAPTURE(path.string());
    document::Format format = document::Format::markdown;
    document::format_from_path(path.string(), format);
    document::Document doc;
    core::Error error;
    REQUIRE_MESSAGE(document::read_document(path.string(), test::read_file(path.string()), format,
                                            doc, error),
                    error.format());
    const auto findings = lint::lint_document(doc, *set, catalog.region_matcher(), now);
    for (const core::Finding& f : findings) {
      ++findings_seen;
      CAPTURE(f.message);
      REQUIRE(f.span.begin <= f.span.end);
      REQUIRE(f.span.end <= doc.source.size());
      if (const auto q = quoted(f.message); q && !f.matched.empty() && *q == f.matched) {
        ++quotes_checked;
        CHECK_EQ(test::slice(doc, f.span), *q);
      }
      const auto pos = doc.position(f.span.begin);
      CHECK_EQ(doc.offset_of(pos), f.span.begin);
      const auto u16 = doc.utf16_position(f.span.begin);
      CHECK_EQ(doc.offset_of_utf16(u16.line - 1, u16.column), f.span.begin);
    }
  }
  MESSAGE(fmt::format("{} findings, {} quoted ranges checked", findings_seen, quotes_checked));
}

TEST_CASE("corpus: the binary lints every file with exit status 0 or 1")
{
  for (const fs::path& path : corpus_files()) {
    CAPTURE(path.string());
    const auto r = test::run_command(
      fmt::format("'{}' --no-show-source --color never '{}'", PRESSLINT_BINARY, path.string()));
    CHECK((r.status == 0 || r.status == 1));
    CHECK(r.err.empty());
  }
}
