// SARIF 2.1.0 reports: validated against the OASIS schema with a draft-04
// validator that checks formats (tests/node/validate-sarif.mjs, npm ajv), and
// what GitHub code scanning needs: regions in code points, percent-encoded
// repository-relative URIs, stable fingerprints, determinism.
#include "support.hpp"

#include <presslint/document/reader.hpp>
#include <presslint/report/sarif.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;
using namespace presslint;
using Json = nlohmann::json;
using test::CommandResult;
using test::run_command;
using test::TempDir;
using test::only_rules;
using test::quote;
using test::run_presslint;

namespace {

const std::string k_node_dir = std::string(PRESSLINT_SOURCE_DIR) + "/tests/node";

std::string
schema_path()
{
  return test::shared_dir() + "/sarif/sarif-schema-2.1.0.json";
}

// Runs the validator on `files`; "--strict" adds presslint's own promises.
CommandResult
validate(const std::vector<std::string>& files, bool strict)
{
  REQUIRE_MESSAGE(fs::exists(k_node_dir + "/node_modules/ajv-draft-04/package.json"),
                  "the SARIF validator is not installed: run bash scripts/install-test-tools.sh");
  std::string command = "node " + quote(k_node_dir + "/validate-sarif.mjs") + " --schema "
                        + quote(schema_path()) + (strict ? " --strict" : "");
  for (const std::string& f : files) {
    command += " " + quote(f);
  }
  return run_command(command);
}

// SARIF texts a test makes, validated (strictly) together in one run of the
// validator when the batch goes: node and the schema take a while to load.
class SarifBatch
{
public:
  SarifBatch() = default;
  SarifBatch(const SarifBatch&) = delete;
  SarifBatch& operator=(const SarifBatch&) = delete;
  ~SarifBatch()
  {
    if (m_files.empty() || std::uncaught_exceptions() > 0) {
      return;
    }
    const CommandResult v = validate(m_files, true);
    CHECK_MESSAGE(v.status == 0, (v.out + v.err));
  }

  // Keeps `sarif` for validation and returns its parsed form.
  Json add(const std::string& sarif)
  {
    m_files.push_back(m_dir.write(fmt::format("{}.sarif", m_files.size()), sarif));
    return Json::parse(sarif);
  }

private:
  TempDir m_dir;
  std::vector<std::string> m_files;
};

const Json&
results_of(const Json& log)
{
  return log.at("runs").at(0).at("results");
}

std::vector<Json>
results_for(const Json& log, const std::string& rule)
{
  std::vector<Json> out;
  for (const Json& r : results_of(log)) {
    if (r.at("ruleId") == rule) {
      out.push_back(r);
    }
  }
  return out;
}

const Json&
region_of(const Json& result)
{
  return result.at("locations").at(0).at("physicalLocation").at("region");
}

std::string
uri_of(const Json& result)
{
  return result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri");
}

// A short release; `line` is its first body paragraph.
std::string
release(const std::string& line)
{
  return "FOR IMMEDIATE RELEASE\n\n# Acme opens a plant\n\n" + line + "\n\n###\n";
}

const std::string k_substitution_rule = "id: house.spelling\n"
                                        "kind: substitution\n"
                                        "severity: warning\n"
                                        "message: 'write \"{replacement}\", not \"{match}\"'\n"
                                        "docs:\n"
                                        "  summary: House spellings.\n"
                                        "  why: One spelling reads better.\n"
                                        "  good: [\"# Acme\\n\\nAcme will use it.\"]\n"
                                        "  bad: [\"# Acme\\n\\nAcme will utilise it.\"]\n"
                                        "params:\n"
                                        "  swap:\n"
                                        "    utilise: use\n";

std::vector<std::string>
release_files(const fs::path& root)
{
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    document::Format format;
    if (e.is_regular_file() && document::format_from_path(e.path().string(), format)) {
      files.push_back(fs::relative(e.path(), PRESSLINT_SOURCE_DIR).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

TEST_CASE("sarif: the validator accepts the valid samples and rejects every broken one")
{
  const fs::path samples = fs::path(test::shared_dir()) / "sarif" / "samples";
  // shared/sarif/README.md: these are valid; every broken-* and the two
  // edge-uri samples with a space or a backslash must be rejected.
  const std::set<std::string> valid{"minimal-valid.sarif", "recommended.sarif",
                                    "config-error.sarif", "edge-uri-percent-encoded.sarif",
                                    "gh-weak.sarif"};
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(samples)) {
    if (e.path().extension() == ".sarif") {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 16);
  const CommandResult r = validate(files, false);
  CHECK(r.status == 1);
  // One line a file: "valid FILE" or "invalid FILE: reasons".
  std::map<std::string, std::string> verdicts;
  std::size_t start = 0;
  while (start < r.out.size()) {
    const std::size_t end = r.out.find('\n', start);
    const std::string line = r.out.substr(start, end - start);
    start = end == std::string::npos ? r.out.size() : end + 1;
    for (const std::string& f : files) {
      if (line.rfind("valid " + f, 0) == 0 || line.rfind("invalid " + f + ":", 0) == 0) {
        verdicts[fs::path(f).filename().string()] = line;
      }
    }
  }
  std::size_t broken = 0;
  for (const std::string& f : files) {
    const std::string name = fs::path(f).filename().string();
    CAPTURE(name);
    REQUIRE(verdicts.count(name) == 1);
    const std::string& verdict = verdicts[name];
    if (valid.count(name) != 0) {
      CHECK_MESSAGE(verdict.rfind("valid ", 0) == 0, verdict);
    } else {
      ++broken;
      CHECK_MESSAGE(verdict.rfind("invalid ", 0) == 0, verdict);
    }
  }
  CHECK(broken >= 11);
  // The formats are checked: a URI with a space or a backslash.
  CHECK(verdicts["edge-uri-unencoded-space.sarif"].find("uri-reference") != std::string::npos);
  CHECK(verdicts["edge-uri-backslash.sarif"].find("uri-reference") != std::string::npos);
  CHECK(verdicts["broken-helpuri-format.sarif"].find("format \"uri\"") != std::string::npos);

  // --strict holds a log to what GitHub code scanning and presslint need.
  const CommandResult weak = validate({(samples / "gh-weak.sarif").string()}, true);
  CHECK(weak.status == 1);
  CHECK(weak.out.find("no partialFingerprints") != std::string::npos);
  CHECK(weak.out.find("no uriBaseId") != std::string::npos);
}

TEST_CASE("sarif: presslint's report on every example validates")
{
  const auto files = release_files(fs::path(PRESSLINT_SOURCE_DIR) / "examples");
  REQUIRE(files.size() >= 2);
  TempDir tmp;
  std::vector<std::string> reports;
  for (const std::string& f : files) {
    CAPTURE(f);
    const CommandResult r = run_presslint(PRESSLINT_SOURCE_DIR, "-f sarif " + quote(f));
    CHECK((r.status == 0 || r.status == 1));
    const Json log = Json::parse(r.out);
    CHECK(log.at("runs").at(0).at("invocations").at(0).at("exitCode") == r.status);
    for (const Json& result : results_of(log)) {
      // Inside this git work tree: paths from its root.
      CHECK(uri_of(result).rfind("examples/", 0) == 0);
    }
    std::string name = f;
    std::replace(name.begin(), name.end(), '/', '_');
    reports.push_back(tmp.write(name + ".sarif", r.out));
  }
  const CommandResult v = validate(reports, true);
  CHECK_MESSAGE(v.status == 0, (v.out + v.err));
}

TEST_CASE("sarif: the whole corpus validates, the same with -j 1 and -j 8")
{
  TempDir tmp;
  const std::string corpus = test::shared_dir() + "/corpus";
  const CommandResult one =
    run_presslint(PRESSLINT_SOURCE_DIR, "-j 1 -f sarif -o " + quote(tmp.path() + "/j1.sarif")
                                          + " " + quote(corpus));
  CHECK((one.status == 0 || one.status == 1));
  const CommandResult eight =
    run_presslint(PRESSLINT_SOURCE_DIR, "-j 8 -f sarif -o " + quote(tmp.path() + "/j8.sarif")
                                          + " " + quote(corpus));
  CHECK(eight.status == one.status);
  const std::string j1 = test::read_file(tmp.path() + "/j1.sarif");
  const std::string j8 = test::read_file(tmp.path() + "/j8.sarif");
  CHECK(j1 == j8); // byte for byte
  const CommandResult again = run_presslint(PRESSLINT_SOURCE_DIR, "-f sarif " + quote(corpus));
  CHECK(again.out == j1);

  const CommandResult v = validate({tmp.path() + "/j1.sarif"}, true);
  CHECK_MESSAGE(v.status == 0, (v.out + v.err));

  const Json log = Json::parse(j1);
  CHECK(results_of(log).size() > 100);
  // Fingerprints tell the findings apart.
  std::set<std::string> prints;
  for (const Json& r : results_of(log)) {
    prints.insert(r.at("partialFingerprints").at(std::string(report::k_fingerprint_key)));
  }
  CHECK(prints.size() == results_of(log).size());
  // No timestamps anywhere.
  CHECK(j1.find("timeUtc") == std::string::npos);
}

TEST_CASE("sarif: the driver lists every rule of the run and results point at them")
{
  SarifBatch batch;
  TempDir dir;
  dir.write("pack/house/spelling.yaml", k_substitution_rule);
  dir.write("draft.md", release("DAYTON, Ohio, March 3, 2026 — Acme will utilise TK people."));
  const CommandResult r = run_presslint(dir.path(), "--rules pack -f sarif draft.md");
  CHECK(r.status == 1);
  const Json log = batch.add(r.out);
  const Json& driver = log.at("runs").at(0).at("tool").at("driver");
  CHECK(driver.at("name") == "presslint");
  CHECK(driver.at("version") == PRESSLINT_VERSION);
  CHECK(driver.at("semanticVersion") == PRESSLINT_VERSION);
  // This build has no documentation URL: no informationUri, no helpUri.
  CHECK(std::string(PRESSLINT_DOCS_URL).empty() == !driver.contains("informationUri"));
  const Json& rules = driver.at("rules");
  CHECK(rules.size() == test::builtin_catalog().rules().size() + 1);
  std::vector<std::string> ids;
  for (const Json& rule : rules) {
    ids.push_back(rule.at("id"));
    CHECK(rule.at("properties").at("tags").at(0)
          == rule.at("id").get<std::string>().substr(0, rule.at("id").get<std::string>().find('.')));
    CHECK(rule.at("help").at("markdown").get<std::string>().find("**Bad**") != std::string::npos);
    CHECK(rule.at("help").at("text").get<std::string>().find("Good:\n") != std::string::npos);
  }
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  const auto house = std::find(ids.begin(), ids.end(), "house.spelling");
  REQUIRE(house != ids.end());
  const Json& rule = rules.at(static_cast<std::size_t>(house - ids.begin()));
  CHECK(rule.at("name") == "HouseSpelling");
  CHECK(rule.at("shortDescription").at("text") == "House spellings.");
  CHECK(rule.at("fullDescription").at("text") == "House spellings. One spelling reads better.");
  CHECK(rule.at("defaultConfiguration").at("level") == "warning");
  CHECK(!rule.contains("helpUri"));
  CHECK(rule.at("help").at("markdown").get<std::string>().find("```markdown\n# Acme\n\nAcme will utilise it.\n```")
        != std::string::npos);

  for (const Json& result : results_of(log)) {
    CHECK(rules.at(result.at("ruleIndex").get<std::size_t>()).at("id") == result.at("ruleId"));
  }
  const auto spelling = results_for(log, "house.spelling");
  REQUIRE(spelling.size() == 1);
  CHECK(spelling[0].at("level") == "warning");
  CHECK(spelling[0].at("message").at("text") == "write \"use\", not \"utilise\"");
  const auto tk = results_for(log, "placeholder.text");
  REQUIRE(!tk.empty());
  CHECK(tk[0].at("level") == "error");
  const Json& run = log.at("runs").at(0);
  CHECK(run.at("columnKind") == "unicodeCodePoints");
  CHECK(run.at("invocations").at(0).at("exitCode") == 1);
  CHECK(run.at("invocations").at(0).at("executionSuccessful") == true);

  SUBCASE("a safe fix is a SARIF fix")
  {
    const Json& fixes = spelling[0].at("fixes");
    REQUIRE(fixes.size() == 1);
    CHECK(fixes[0].at("description").at("text") == "Replace with \"use\"");
    const Json& change = fixes[0].at("artifactChanges").at(0);
    CHECK(change.at("artifactLocation").at("uri") == "draft.md");
    const Json& rep = change.at("replacements").at(0);
    CHECK(rep.at("deletedRegion")
          == Json({{"startLine", 5}, {"startColumn", 41}, {"endLine", 5}, {"endColumn", 48}}));
    CHECK(rep.at("insertedContent").at("text") == "use");
    CHECK(region_of(spelling[0]).at("snippet").at("text") == "utilise");
  }
}

TEST_CASE("sarif: a config error is a configuration notification, with no results and exit 2")
{
  SarifBatch batch;
  TempDir dir;
  dir.write(".presslint.yaml", "profile: ap\nprofil: uk\n");
  dir.write("draft.md", release("DAYTON, Ohio, March 3, 2026 — TK."));
  const CommandResult r = run_presslint(dir.path(), "-f sarif draft.md");
  CHECK(r.status == 2);
  CHECK(r.err.find(".presslint.yaml:2:1: error: unknown key \"profil\"") != std::string::npos);
  const Json log = batch.add(r.out);
  const Json& run = log.at("runs").at(0);
  CHECK(!run.contains("results"));
  const Json& invocation = run.at("invocations").at(0);
  CHECK(invocation.at("exitCode") == 2);
  CHECK(invocation.at("executionSuccessful") == false);
  const Json& note = invocation.at("toolConfigurationNotifications").at(0);
  CHECK(note.at("level") == "error");
  CHECK(note.at("message").at("text").get<std::string>().find("unknown key \"profil\"")
        != std::string::npos);
  const Json& location = note.at("locations").at(0).at("physicalLocation");
  CHECK(location.at("artifactLocation").at("uri") == ".presslint.yaml");
  CHECK(location.at("region").at("startLine") == 2);
  CHECK(location.at("region").at("startColumn") == 1);

  SUBCASE("--report sarif=FILE gets it too, and -f text prints nothing on stdout")
  {
    const CommandResult t = run_presslint(dir.path(), "--report sarif=out.sarif draft.md");
    CHECK(t.status == 2);
    CHECK(t.out.empty());
    const Json written = batch.add(test::read_file(dir.path() + "/out.sarif"));
    CHECK(written.at("runs").at(0).at("invocations").at(0).contains(
      "toolConfigurationNotifications"));
  }
  SUBCASE("an unknown rule for --enable has no file to point at")
  {
    fs::remove(dir.path() + "/.presslint.yaml");
    const CommandResult e = run_presslint(dir.path(), "-f sarif --enable nope draft.md");
    CHECK(e.status == 2);
    const Json elog = batch.add(e.out);
    const Json& n =
      elog.at("runs").at(0).at("invocations").at(0).at("toolConfigurationNotifications").at(0);
    CHECK(n.at("message").at("text") == "--enable: unknown rule or category \"nope\"");
    CHECK(!n.contains("locations"));
  }
}

TEST_CASE("sarif: an unreadable file is an execution notification")
{
  SarifBatch batch;
  TempDir dir;
  dir.write("good.md", release("DAYTON, Ohio, March 3, 2026 — TK."));
  dir.write("w.md", "# Caf\xE9 news\n\nBody \x93quoted\x94.\n");
  const CommandResult r = run_presslint(dir.path(), "-f sarif good.md missing.md w.md");
  CHECK(r.status == 2);
  const Json log = batch.add(r.out);
  const Json& invocation = log.at("runs").at(0).at("invocations").at(0);
  CHECK(invocation.at("exitCode") == 2);
  CHECK(invocation.at("executionSuccessful") == false);
  const Json& notes = invocation.at("toolExecutionNotifications");
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].at("message").at("text") == "no such file");
  CHECK(notes[0].at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri")
        == "missing.md");
  const Json& located = notes[1].at("locations").at(0).at("physicalLocation");
  CHECK(located.at("artifactLocation").at("uri") == "w.md");
  CHECK(located.at("region").at("startLine") == 1);
  // The file that could be read is still reported.
  CHECK(!results_for(log, "placeholder.text").empty());
}

TEST_CASE("sarif: columns count code points after an emoji and an accented letter")
{
  SarifBatch batch;
  TempDir dir;
  // "Café 🎉 " is 7 code points (and 11 bytes) before "TK".
  dir.write("draft.md", release("Café 🎉 TK and é TKTK."));
  const CommandResult r =
    run_presslint(dir.path(), "-f sarif" + only_rules({"placeholder.text"}) + "draft.md");
  CHECK(r.status == 1);
  const Json log = batch.add(r.out);
  const auto tk = results_for(log, "placeholder.text");
  REQUIRE(tk.size() == 2);
  CHECK(region_of(tk[0]) == Json({{"startLine", 5},
                                  {"startColumn", 8},
                                  {"endLine", 5},
                                  {"endColumn", 10},
                                  {"snippet", {{"text", "TK"}}}}));
  CHECK(region_of(tk[1]).at("startColumn") == 17);
  CHECK(region_of(tk[1]).at("endColumn") == 21);
  CHECK(region_of(tk[1]).at("snippet").at("text") == "TKTK");
}

TEST_CASE("sarif: a file name with a space and a non-ASCII letter is percent-encoded")
{
  SarifBatch batch;
  TempDir dir;
  dir.write("My Über release.md", release("DAYTON, Ohio, March 3, 2026 — TK."));
  const CommandResult r = run_presslint(dir.path(), "-f sarif" + only_rules({"placeholder.text"})
                                                      + quote("My Über release.md"));
  CHECK(r.status == 1);
  const Json log = batch.add(r.out);
  REQUIRE(results_of(log).size() == 1);
  CHECK(uri_of(results_of(log)[0]) == "My%20%C3%9Cber%20release.md");
  CHECK(results_of(log)[0].at("locations").at(0).at("physicalLocation").at("artifactLocation").at(
          "uriBaseId")
        == "%SRCROOT%");
}

TEST_CASE("sarif: paths are relative to the root of the git work tree holding the file")
{
  SarifBatch batch;
  TempDir dir;
  fs::create_directories(dir.path() + "/repo/.git");
  dir.write("repo/releases/2026/draft.md", release("DAYTON, Ohio, March 3, 2026 — TK."));
  dir.write("outside/draft.md", release("DAYTON, Ohio, March 3, 2026 — TK."));
  const std::string only = only_rules({"placeholder.text"});
  // Run from a folder inside the work tree: the URI is still from its root.
  const CommandResult r =
    run_presslint(dir.path() + "/repo/releases", "-f sarif" + only + "2026/draft.md");
  CHECK(uri_of(batch.add(r.out).at("runs").at(0).at("results").at(0))
        == "releases/2026/draft.md");
  // GitHub annotations name files the same way; text reports as given.
  const CommandResult g = run_presslint(dir.path() + "/repo/releases", "-f github" + only + "2026/draft.md");
  CHECK(g.out.find("file=releases/2026/draft.md,") != std::string::npos);
  const CommandResult t = run_presslint(dir.path() + "/repo/releases", only + "2026/draft.md");
  CHECK(t.out.rfind("2026/draft.md:", 0) == 0);
  // Outside any work tree: relative to the working directory.
  const CommandResult o = run_presslint(dir.path(), "-f sarif" + only + "outside/draft.md");
  CHECK(uri_of(batch.add(o.out).at("runs").at(0).at("results").at(0)) == "outside/draft.md");
  CHECK(report::repository_path("<stdin>") == "<stdin>");
}

TEST_CASE("sarif: fingerprints survive a line inserted above, and tell equal text apart")
{
  SarifBatch batch;
  TempDir dir;
  const std::string body = "DAYTON, Ohio, March 3, 2026 — Acme will hire TK people.\n\n"
                           "Pay is TK a year, and TK more in bonuses.";
  dir.write("draft.md", release(body));
  const std::string only = " -f sarif" + only_rules({"placeholder.text"}) + "draft.md";
  const Json before = batch.add(run_presslint(dir.path(), only).out);
  std::string text = release(body);
  text.insert(text.find("DAYTON"), "A new paragraph stands above.\n\nAnd another one.\n\n");
  dir.write("draft.md", text);
  const Json after = batch.add(run_presslint(dir.path(), only).out);
  const auto a = results_for(before, "placeholder.text");
  const auto b = results_for(after, "placeholder.text");
  REQUIRE(a.size() == 3);
  REQUIRE(b.size() == 3);
  std::set<std::string> prints;
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(region_of(b[i]).at("startLine") == region_of(a[i]).at("startLine").get<int>() + 4);
    CHECK(a[i].at("partialFingerprints") == b[i].at("partialFingerprints"));
    prints.insert(a[i].at("partialFingerprints").at("presslint/v1").get<std::string>());
  }
  CHECK(prints.size() == 3); // three "TK"s, three fingerprints

  SUBCASE("the fingerprint depends on rule, path, text and occurrence only")
  {
    const std::string f = report::fingerprint("placeholder.text", "a.md", "TK", 0);
    CHECK(f.size() == 32);
    CHECK(f == report::fingerprint("placeholder.text", "a.md", "TK", 0));
    CHECK(f != report::fingerprint("placeholder.text", "a.md", "TK", 1));
    CHECK(f != report::fingerprint("placeholder.text", "b.md", "TK", 0));
    CHECK(f != report::fingerprint("style.hype", "a.md", "TK", 0));
    CHECK(f != report::fingerprint("placeholder.text", "a.md", "TKTK", 0));
    CHECK(report::fingerprint("a", "bc", "", 0) != report::fingerprint("ab", "c", "", 0));
  }
}

TEST_CASE("sarif: --baseline leaves out the findings of an earlier report")
{
  SarifBatch batch;
  TempDir dir;
  const std::string only = only_rules({"placeholder.text"});
  dir.write("a.md", release("DAYTON, Ohio, March 3, 2026 — Acme will hire TK people."));
  dir.write("b.md", release("DAYTON, Ohio, March 3, 2026 — Pay is TBD."));
  const CommandResult first =
    run_presslint(dir.path(), "-f sarif -o baseline.sarif" + only + "a.md b.md");
  CHECK(first.status == 1);
  const CommandResult none = run_presslint(dir.path(), "--baseline baseline.sarif" + only + "a.md b.md");
  CHECK(none.status == 0);
  CHECK(none.out == "no problems found (2 files checked)\n");

  // A new finding, and an old one moved down by a new line above it.
  dir.write("a.md", release("A line above.\n\nDAYTON, Ohio, March 3, 2026 — Acme will hire TK "
                            "people at [INSERT WAGE]."));
  const CommandResult r = run_presslint(dir.path(), "--baseline baseline.sarif --no-show-source"
                                                      + only + "a.md b.md");
  CHECK(r.status == 1);
  CHECK(r.out == "a.md:7:59: error: leftover placeholder \"[INSERT WAGE]\" [placeholder.text]\n"
                 "1 error, 0 warnings, 0 notes in 1 file (2 files checked)\n");
  const CommandResult s =
    run_presslint(dir.path(), "--baseline baseline.sarif -f sarif" + only + "a.md b.md");
  CHECK(results_of(batch.add(s.out)).size() == 1);

  SUBCASE("a corrupt baseline is an error that names the file")
  {
    dir.write("bad.sarif", "{\"version\": \"2.1.0\", \"runs\": [");
    const CommandResult c = run_presslint(dir.path(), "--baseline bad.sarif a.md");
    CHECK(c.status == 2);
    CHECK(c.out.empty());
    CHECK(c.err == "bad.sarif: error: baseline: not a SARIF report (not valid JSON)\n");
    dir.write("other.json", "{\"files\": []}");
    const CommandResult o = run_presslint(dir.path(), "--baseline other.json a.md");
    CHECK(o.status == 2);
    CHECK(o.err.find("other.json: error: baseline: not a SARIF 2.1.0 report") == 0);
    const CommandResult m = run_presslint(dir.path(), "--baseline nope.sarif -f sarif a.md");
    CHECK(m.status == 2);
    CHECK(m.err == "nope.sarif: error: baseline: no such file\n");
    CHECK(!batch.add(m.out).at("runs").at(0).contains("results"));
  }
}

TEST_CASE("sarif: informationUri and helpUri come with a documentation URL")
{
  SarifBatch batch;
  TempDir dir;
  dir.write("draft.md", release("DAYTON, Ohio, March 3, 2026 — TK."));
  lint::RunResult result;
  lint::FileResult file;
  file.path = dir.path() + "/draft.md";
  auto doc = std::make_shared<document::Document>(
    test::markdown(test::read_file(file.path), file.path));
  core::Finding f;
  f.rule_id = "placeholder.text";
  f.severity = core::Severity::error;
  f.message = "leftover placeholder \"TK\"";
  f.span = core::Span{doc->source.find("TK"), doc->source.find("TK") + 2};
  f.matched = "TK";
  f.fix = core::Fix{"Remove it", {core::Edit{f.span, ""}}};
  file.document = doc;
  file.findings.push_back(f);
  result.files.push_back(file);
  result.files_checked = 1;
  report::SarifOptions options;
  options.catalog = &test::builtin_catalog();
  options.docs_url = "https://example.org/presslint/";
  options.exit_code = 1;
  const Json log = batch.add(report::render_sarif(result, report::compute_keys(result), options));
  const Json& driver = log.at("runs").at(0).at("tool").at("driver");
  CHECK(driver.at("informationUri") == "https://example.org/presslint/");
  for (const Json& rule : driver.at("rules")) {
    CHECK(rule.at("helpUri") == "https://example.org/presslint/rules/" + rule.at("id").get<std::string>());
  }
  // A deletion has no insertedContent.
  const Json& rep =
    results_of(log).at(0).at("fixes").at(0).at("artifactChanges").at(0).at("replacements").at(0);
  CHECK(!rep.contains("insertedContent"));
}

TEST_CASE("sarif: percent-encoding and rule names")
{
  CHECK(report::percent_encode_path("releases/2026/a-b_c.~d.md") == "releases/2026/a-b_c.~d.md");
  CHECK(report::percent_encode_path("My Über #1%.md") == "My%20%C3%9Cber%20%231%25.md");
  CHECK(report::percent_encode_path("a:b\\c") == "a%3Ab%5Cc");
  CHECK(report::rule_name("dateline.standalone-city") == "DatelineStandaloneCity");
  CHECK(report::rule_name("placeholder.text") == "PlaceholderText");
}
