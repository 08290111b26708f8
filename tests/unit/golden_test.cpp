// Golden tests: the examples' exact output, and each rule alone on its own
// golden file. PRESSLINT_UPDATE_GOLDEN=1 rewrites the expected files; review
// the diff.
#include "support.hpp"

#include <presslint/checks/link.hpp>
#include <presslint/document/reader.hpp>
#include <presslint/links/live.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/rule_set.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace presslint;

namespace {

bool
update_golden()
{
  const char* env = std::getenv("PRESSLINT_UPDATE_GOLDEN");
  return env != nullptr && std::string(env) == "1";
}

void
compare_golden(const fs::path& expected_path, const std::string& actual)
{
  if (update_golden()) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  REQUIRE_MESSAGE(fs::exists(expected_path),
                  (expected_path.string() + " is missing (PRESSLINT_UPDATE_GOLDEN=1 writes it)"));
  CHECK_EQ(test::read_file(expected_path.string()), actual);
}

// Lints `doc` with only `rule_id` on, as `presslint --disable <all> --enable
// <rule>` would, and renders "line:col: severity: message [rule]" lines.
std::string
lint_with_only(const document::Document& doc, const std::string& rule_id)
{
  const rules::Catalog& catalog = test::builtin_catalog();
  std::vector<rules::Toggle> toggles;
  for (const rules::Rule& r : catalog.rules()) {
    toggles.push_back(rules::Toggle{r.id, false});
  }
  toggles.push_back(rules::Toggle{rule_id, true});
  core::Errors errors;
  const auto set =
    rules::build_rule_set(catalog, rules::Config{}, "", toggles, {"builtin"}, errors);
  REQUIRE(errors.empty());
  const auto now = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
  auto findings = lint::lint_document(doc, *set, catalog.region_matcher(), now);
  // A rule of the live link checks: its golden file links only private IP
  // literals, which the private-address guard refuses without a request.
  const rules::ActiveRule* active = set->find(rule_id);
  if (active != nullptr && active->check
      && links::is_live_problem(checks::link_problem(active->check.get()))) {
    const auto live = links::run_live_example(doc, *active->rule, *active->check, active->severity);
    REQUIRE_MESSAGE(live.has_value(), "a live rule's golden file must need no network");
    findings = *live;
  }
  std::string out;
  for (const core::Finding& f : findings) {
    const auto pos = doc.position(f.span.begin);
    out += fmt::format("{}:{}: {}: {} [{}]\n", pos.line, pos.column, core::to_string(f.severity),
                       f.message, f.rule_id);
  }
  return out;
}

} // namespace

TEST_CASE("every example gives exactly its golden output")
{
  // Each example is linted from the source folder, with the config of its
  // own folder (examples/<profile>/.presslint.yaml), as `presslint examples/`
  // lints it.
  const fs::path examples = fs::path(PRESSLINT_SOURCE_DIR) / "examples";
  std::size_t count = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(examples)) {
    document::Format format;
    if (entry.is_regular_file() && document::format_from_path(entry.path().string(), format)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    ++count;
    const std::string name = fs::relative(path, PRESSLINT_SOURCE_DIR).generic_string();
    CAPTURE(name);
    const auto r = test::run_command(fmt::format("cd '{}' && '{}' --no-show-source --color never "
                                                 "--now 2026-01-01T00:00:00Z '{}'",
                                                 PRESSLINT_SOURCE_DIR, PRESSLINT_BINARY, name));
    const bool has_errors = r.out.find(": error: ") != std::string::npos;
    CHECK_EQ(r.status, has_errors ? 1 : 0);
    CHECK(r.err.empty());
    compare_golden(path.string() + ".expected", r.out);
  }
  CHECK(count >= 8);
}

TEST_CASE("each rule alone on its golden file")
{
  const fs::path dir = fs::path(PRESSLINT_SOURCE_DIR) / "tests" / "golden";
  for (const rules::Rule& rule : test::builtin_catalog().rules()) {
    CAPTURE(rule.id);
    const fs::path input = dir / (rule.id + ".md");
    REQUIRE_MESSAGE(fs::exists(input), ("every rule needs a golden file: " + input.string()));
    const document::Document doc = test::markdown(test::read_file(input.string()), input.string());
    const std::string actual = lint_with_only(doc, rule.id);
    // link.redirect needs a server that redirects: tests/unit/live_link_test.cpp
    // runs it against one on the loopback interface.
    if (rule.id != "link.redirect") {
      CHECK_MESSAGE(!actual.empty(), "the golden file must make the rule fire");
    }
    compare_golden(dir / (rule.id + ".expected"), actual);
  }
}

TEST_CASE("test-rules: every rule's good and bad examples")
{
  const auto r = test::run_command(fmt::format("'{}' test-rules", PRESSLINT_BINARY));
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK(r.out.find(", 0 failed") != std::string::npos);
}
