// Reports for machines other than SARIF: JSON, GitHub workflow commands,
// --report FORMAT=FILE and -o.
#include "support.hpp"

#include <presslint/report/github.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

namespace fs = std::filesystem;
using namespace presslint;
using Json = nlohmann::ordered_json;
using test::CommandResult;
using test::run_command;
using test::TempDir;
using test::only_rules;
using test::quote;
using test::run_presslint;

namespace {

std::string
release(const std::string& line)
{
  return "FOR IMMEDIATE RELEASE\n\n# Acme opens a plant\n\n" + line + "\n\n###\n";
}

// A rule whose message holds every character the toolkit escapes.
const std::string k_odd_rule = "id: house.odd\n"
                               "kind: existence\n"
                               "severity: warning\n"
                               "message: \"odd, wording: 100% sure\\nline two: \\\"{match}\\\"\"\n"
                               "docs:\n"
                               "  summary: Odd words.\n"
                               "  good: [\"# Acme\\n\\nAcme will hire people.\"]\n"
                               "  bad: [\"# Acme\\n\\nAcme will leverage synergy.\"]\n"
                               "params:\n"
                               "  words: [synergy]\n";

const std::string k_note_rule = "id: house.note\n"
                                "kind: existence\n"
                                "severity: note\n"
                                "message: 'consider \"{match}\"'\n"
                                "docs:\n"
                                "  summary: Words to consider.\n"
                                "  good: [\"# Acme\\n\\nAcme will hire people.\"]\n"
                                "  bad: [\"# Acme\\n\\nAcme will hire staff.\"]\n"
                                "params:\n"
                                "  words: [staff]\n";

const std::string k_fix_rule = "id: house.spelling\n"
                               "kind: substitution\n"
                               "severity: error\n"
                               "message: 'write \"{replacement}\", not \"{match}\"'\n"
                               "docs:\n"
                               "  summary: House spellings.\n"
                               "  good: [\"# Acme\\n\\nAcme will use it.\"]\n"
                               "  bad: [\"# Acme\\n\\nAcme will utilise it.\"]\n"
                               "params:\n"
                               "  swap:\n"
                               "    utilise: use\n";

// A folder with the three rules above as a pack and a draft that each flags:
// utilise at 5:34 (an error with a fix), synergy at 5:46 (a warning), staff at
// 5:61 (a note).
void
write_pack_and_draft(const TempDir& dir)
{
  dir.write("pack/house/odd.yaml", k_odd_rule);
  dir.write("pack/house/note.yaml", k_note_rule);
  dir.write("pack/house/spelling.yaml", k_fix_rule);
  dir.write("draft.md",
            release("DAYTON, Ohio, March 3, 2026 — We utilise the synergy of our staff."));
}

std::vector<std::string>
keys_of(const Json& object)
{
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) {
    keys.push_back(key);
  }
  return keys;
}

std::vector<std::string>
folder_entries(const std::string& dir)
{
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST_CASE("github: the toolkit's escaping")
{
  CHECK(report::escape_github_data("a, b: 100%\r\nc") == "a, b: 100%25%0D%0Ac");
  CHECK(report::escape_github_property("a, b: 100%\r\nc") == "a%2C b%3A 100%25%0D%0Ac");
  CHECK(report::escape_github_data("plain") == "plain");
}

TEST_CASE("github: one workflow command per finding, escaped")
{
  TempDir dir;
  write_pack_and_draft(dir);
  const CommandResult r = run_presslint(dir.path(), "--rules pack -f github" + only_rules() + "draft.md");
  CHECK(r.status == 1);
  CHECK(r.out
        == "::error file=draft.md,line=5,col=34,endLine=5,endColumn=41,title=house.spelling::"
           "write \"use\", not \"utilise\"\n"
           "::warning file=draft.md,line=5,col=46,endLine=5,endColumn=53,title=house.odd::"
           "odd, wording: 100%25 sure%0Aline two: \"synergy\"\n"
           "::notice file=draft.md,line=5,col=61,endLine=5,endColumn=66,title=house.note::"
           "consider \"staff\"\n"
           "1 error, 1 warning, 1 note in 1 file (1 file checked)\n");
  CHECK(r.err.empty());

  SUBCASE("a path with a comma and a colon is escaped as a property")
  {
    fs::rename(dir.path() + "/draft.md", dir.path() + "/a,b:c.md");
    const CommandResult p =
      run_presslint(dir.path(), "--rules pack -f github -q" + only_rules() + "'a,b:c.md'");
    CHECK(p.out == "::error file=a%2Cb%3Ac.md,line=5,col=34,endLine=5,endColumn=41,"
                   "title=house.spelling::write \"use\", not \"utilise\"\n");
  }
  SUBCASE("unreadable files and config errors are annotated too")
  {
    const CommandResult m = run_presslint(dir.path(), "-f github" + only_rules() + "missing.md");
    CHECK(m.status == 2);
    CHECK(m.out.rfind("::error file=missing.md,title=presslint::no such file\n", 0) == 0);
    dir.write(".presslint.yaml", "profil: uk\n");
    const CommandResult c = run_presslint(dir.path(), "-f github draft.md");
    CHECK(c.status == 2);
    CHECK(c.out.rfind("::error file=.presslint.yaml,line=1,col=1,title=presslint::unknown key "
                      "\"profil\"",
                      0)
          == 0);
  }
}

TEST_CASE("github: a range over several lines has no columns")
{
  lint::RunResult result;
  lint::FileResult file;
  file.path = "draft.md";
  file.document = std::make_shared<document::Document>(
    test::markdown("# Acme\n\nOne line\nand the next.\n", "draft.md"));
  core::Finding f;
  f.rule_id = "house.span";
  f.severity = core::Severity::warning;
  f.message = "two lines";
  f.span = core::Span{file.document->source.find("line"), file.document->source.find("next")};
  file.findings.push_back(f);
  result.files.push_back(file);
  result.files_checked = 1;
  report::GithubOptions options;
  options.quiet = true;
  CHECK(report::render_github(result, report::compute_keys(result), options)
        == "::warning file=draft.md,line=3,endLine=4,title=house.span::two lines\n");
}

TEST_CASE("json: one object per file, in a fixed key order")
{
  TempDir dir;
  write_pack_and_draft(dir);
  dir.write("clean.md", release("DAYTON, Ohio, March 3, 2026 — We use it."));
  const CommandResult r =
    run_presslint(dir.path(), "--rules pack -f json" + only_rules() + "clean.md draft.md missing.md");
  CHECK(r.status == 2);
  const Json out = Json::parse(r.out);
  CHECK(keys_of(out) == std::vector<std::string>{"tool", "files", "errors", "summary"});
  CHECK(out.at("tool").at("name") == "presslint");
  CHECK(out.at("tool").at("version") == PRESSLINT_VERSION);
  const Json& files = out.at("files");
  REQUIRE(files.size() == 3);
  CHECK(files[0].at("path") == "clean.md");
  CHECK(files[0].at("error").is_null());
  CHECK(files[0].at("findings").empty());
  CHECK(keys_of(files[1]) == std::vector<std::string>{"path", "error", "findings"});
  const Json& findings = files[1].at("findings");
  REQUIRE(findings.size() == 3);
  const Json& fix = findings[0];
  CHECK(keys_of(fix) == std::vector<std::string>{"rule", "severity", "message", "start", "end",
                                                 "fingerprint", "fix"});
  CHECK(fix.at("rule") == "house.spelling");
  CHECK(fix.at("severity") == "error");
  CHECK(fix.at("message") == "write \"use\", not \"utilise\"");
  CHECK(fix.at("start") == Json({{"line", 5}, {"column", 34}}));
  CHECK(fix.at("end") == Json({{"line", 5}, {"column", 41}}));
  CHECK(fix.at("fingerprint").get<std::string>().size() == 32);
  CHECK(fix.at("fix")
        == Json({{"title", "Replace with \"use\""},
                 {"edits",
                  {{{"start", {{"line", 5}, {"column", 34}}},
                    {"end", {{"line", 5}, {"column", 41}}},
                    {"replacement", "use"}}}}}));
  CHECK(findings[1].at("message") == "odd, wording: 100% sure\nline two: \"synergy\"");
  CHECK(findings[1].at("fix").is_null());
  CHECK(findings[2].at("severity") == "note");
  CHECK(files[2].at("path") == "missing.md");
  CHECK(files[2].at("error") == Json({{"line", 0}, {"column", 0}, {"message", "no such file"}}));
  CHECK(out.at("errors").empty());
  CHECK(out.at("summary")
        == Json({{"errors", 1},
                 {"warnings", 1},
                 {"notes", 1},
                 {"files_with_findings", 1},
                 {"files_checked", 3}}));

  SUBCASE("a config error")
  {
    dir.write(".presslint.yaml", "profil: uk\n");
    const CommandResult c = run_presslint(dir.path(), "-f json draft.md");
    CHECK(c.status == 2);
    const Json e = Json::parse(c.out);
    CHECK(e.at("files").empty());
    CHECK(e.at("errors").at(0).at("message").get<std::string>().rfind("unknown key \"profil\"", 0)
          == 0);
    CHECK(e.at("errors").at(0).at("line") == 1);
    CHECK(fs::path(e.at("errors").at(0).at("path").get<std::string>()).filename()
          == ".presslint.yaml");
  }
}

TEST_CASE("--report writes other formats from the same run, and -o is atomic for every format")
{
  TempDir dir;
  write_pack_and_draft(dir);
  const std::string common = "--rules pack" + only_rules();
  const CommandResult r = run_presslint(
    dir.path(), common + "-f github --report sarif=presslint.sarif --report json=r.json "
                         "--report text=r.txt draft.md");
  CHECK(r.status == 1);
  CHECK(r.out.rfind("::error file=draft.md,", 0) == 0);
  const Json sarif = Json::parse(test::read_file(dir.path() + "/presslint.sarif"));
  CHECK(sarif.at("runs").at(0).at("results").size() == 3);
  CHECK(sarif.at("runs").at(0).at("invocations").at(0).at("exitCode") == 1);
  CHECK(Json::parse(test::read_file(dir.path() + "/r.json")).at("summary").at("errors") == 1);
  // The text report in a file has no colour and no source lines.
  CHECK(test::read_file(dir.path() + "/r.txt")
        == "draft.md:5:34: error: write \"use\", not \"utilise\" [house.spelling]\n"
           "draft.md:5:46: warning: odd, wording: 100% sure\nline two: \"synergy\" [house.odd]\n"
           "draft.md:5:61: note: consider \"staff\" [house.note]\n"
           "1 error, 1 warning, 1 note in 1 file (1 file checked)\n");

  for (const std::string format : {"text", "json", "sarif", "github"}) {
    CAPTURE(format);
    const CommandResult plain = run_presslint(dir.path(), common + "-f " + format + " draft.md");
    const CommandResult to_file =
      run_presslint(dir.path(), common + "-f " + format + " -o report.out draft.md");
    CHECK(to_file.status == plain.status);
    CHECK(to_file.out.empty());
    CHECK(test::read_file(dir.path() + "/report.out") == plain.out);
  }
  // Only the reports are left: no temporary files.
  CHECK(folder_entries(dir.path())
        == std::vector<std::string>{"draft.md", "pack", "presslint.sarif", "r.json", "r.txt",
                                    "report.out"});

  SUBCASE("a report that cannot be written is an error")
  {
    const CommandResult w = run_presslint(dir.path(), common + "--report json=nowhere/x/r.json draft.md");
    CHECK(w.status == 2);
    CHECK(w.err.find("presslint: cannot write nowhere/x/r.json: ") == 0);
  }
  SUBCASE("--report needs FORMAT=FILE with a known format")
  {
    for (const std::string bad : {"xml=r.xml", "sarif", "sarif=", "=r.sarif"}) {
      CAPTURE(bad);
      const CommandResult b = run_presslint(dir.path(), "--report " + bad + " draft.md");
      CHECK(b.status == 2);
      CHECK(b.err.find("expected FORMAT=FILE") != std::string::npos);
    }
    const CommandResult f = run_presslint(dir.path(), "-f xml draft.md");
    CHECK(f.status == 2);
  }
}
