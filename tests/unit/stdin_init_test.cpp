// Standard input ("-" with --stdin-filename, --fix -) and presslint init,
// through the real binary.
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using presslint::test::CommandResult;
using presslint::test::only_rules;
using presslint::test::read_file;
using presslint::test::run_presslint;
using presslint::test::TempDir;

namespace {

// A short release; the placeholder "TK" stands at 5:26.
const std::string k_md = "FOR IMMEDIATE RELEASE\n"
                         "\n"
                         "# Acme opens a plant\n"
                         "\n"
                         "DAYTON, Ohio — Acme will TK open a plant.\n"
                         "\n"
                         "###\n";

// The same words as an HTML page: "TK" at 3:9 in the file.
const std::string k_html = "<html><body>\n"
                           "<h1>Acme opens a plant</h1>\n"
                           "<p>Acme TK will open a plant.</p>\n"
                           "</body></html>\n";

// Only placeholder.text on (a function: the catalogue is not loaded during
// static initialisation).
std::string
placeholder_only()
{
  return only_rules({"placeholder.text"}) + "--no-show-source ";
}

std::string
tk_line(const std::string& name, int line, int column)
{
  return name + ":" + std::to_string(line) + ":" + std::to_string(column)
         + ": error: leftover placeholder \"TK\" [placeholder.text]\n";
}

const std::string k_one_error = "1 error, 0 warnings, 0 notes in 1 file (1 file checked)\n";

// The rule lines of --print-config (severities and parameters), without the
// file and config lines.
std::string
rule_lines(const std::string& printed)
{
  const std::size_t at = printed.find("\nrules:\n");
  return at == std::string::npos ? std::string() : printed.substr(at);
}

} // namespace

TEST_CASE("stdin: the format comes from the --stdin-filename extension")
{
  TempDir dir;
  SUBCASE(".html and .htm are read as HTML: positions in the file, tags are not text")
  {
    for (const std::string name : {"page.html", "site/page.htm", "PAGE.HTML"}) {
      CAPTURE(name);
      const auto r = run_presslint(dir.path(), placeholder_only() + "- --stdin-filename " + name,
                                   k_html);
      CHECK(r.status == 1);
      CHECK(r.out == tk_line(name, 3, 9) + k_one_error);
    }
  }
  SUBCASE(".md, .markdown and .txt are read as Markdown")
  {
    for (const std::string name : {"x.md", "x.markdown", "notes/x.txt"}) {
      CAPTURE(name);
      const auto r = run_presslint(dir.path(), placeholder_only() + "- --stdin-filename " + name,
                                   k_md);
      CHECK(r.status == 1);
      CHECK(r.out == tk_line(name, 5, 26) + k_one_error);
    }
  }
  SUBCASE("the same HTML named .md is Markdown: the HTML block is not prose")
  {
    // In Markdown a block of HTML is raw HTML, not release text.
    const auto r = run_presslint(dir.path(),
                                 placeholder_only() + "- --stdin-filename page.md", k_html);
    const auto as_html = run_presslint(dir.path(),
                                       placeholder_only() + "- --stdin-filename page.html", k_html);
    CHECK(r.out != as_html.out);
    CHECK(as_html.status == 1);
  }
}

TEST_CASE("stdin: the config is looked up from the --stdin-filename folder")
{
  TempDir dir;
  dir.write("quiet/.presslint.yaml", "rules:\n  placeholder.text: warning\n");
  dir.write("loud/.presslint.yaml", "profile: uk\n");
  dir.write("quiet/archive/.keep", "");
  dir.write("ignoring/.presslint.yaml", "ignore: [\"drafts/**\"]\n");

  const std::string args = only_rules({"placeholder.text"}) + "--no-show-source - ";
  // The quiet folder's config makes the placeholder a warning.
  auto tk_warning = [](const std::string& name) {
    return name + ":5:26: warning: leftover placeholder \"TK\" [placeholder.text]\n"
           + "0 errors, 1 warning, 0 notes in 1 file (1 file checked)\n";
  };
  SUBCASE("the nearest config applies, in a folder that exists")
  {
    const auto r = run_presslint(dir.path(), args + "--stdin-filename quiet/x.md", k_md);
    CHECK(r.status == 0);
    CHECK(r.out == tk_warning("quiet/x.md"));
  }
  SUBCASE("and in one that does not: the walk starts from the name's folder")
  {
    const auto r = run_presslint(dir.path(), args + "--stdin-filename quiet/new/deeper/x.md", k_md);
    CHECK(r.status == 0);
    CHECK(r.out == tk_warning("quiet/new/deeper/x.md"));
  }
  SUBCASE("another folder, another config")
  {
    const auto r = run_presslint(dir.path(), args + "--stdin-filename loud/x.md", k_md);
    CHECK(r.status == 1);
    CHECK(r.out == tk_line("loud/x.md", 5, 26) + k_one_error);
    const auto printed =
      run_presslint(dir.path(), "- --stdin-filename loud/x.md --print-config loud/x.md", k_md);
    CHECK(printed.out.find("profile: uk\n") != std::string::npos);
  }
  SUBCASE("a name from another working folder: the name is taken relative to it")
  {
    const auto r = run_presslint(dir.path() + "/quiet", args + "--stdin-filename x.md", k_md);
    CHECK(r.status == 0);
    CHECK(r.out == tk_warning("x.md"));
    const auto up = run_presslint(dir.path() + "/quiet", args + "--stdin-filename ../loud/x.md",
                                  k_md);
    CHECK(up.status == 1);
    CHECK(up.out == tk_line("../loud/x.md", 5, 26) + k_one_error);
  }
  SUBCASE("the config's ignore globs apply to the name")
  {
    const auto r = run_presslint(dir.path(), args + "--stdin-filename ignoring/drafts/x.md", k_md);
    CHECK(r.status == 0);
    CHECK(r.out == "no problems found (0 files checked)\n");
    const auto kept = run_presslint(dir.path(), args + "--stdin-filename ignoring/x.md", k_md);
    CHECK(kept.status == 1);
  }
  SUBCASE("--config overrides the lookup")
  {
    const auto r = run_presslint(
      dir.path(), args + "--config loud/.presslint.yaml --stdin-filename quiet/x.md", k_md);
    CHECK(r.status == 1);
    CHECK(r.out == tk_line("quiet/x.md", 5, 26) + k_one_error);
  }
}

TEST_CASE("stdin: the name stands for the input in every report")
{
  TempDir dir;
  const std::string args =
    only_rules({"placeholder.text"}) + "- --stdin-filename 'releases/2026/launch day.md' ";

  SUBCASE("json")
  {
    const auto r = run_presslint(dir.path(), args + "-f json", k_md);
    CHECK(r.status == 1);
    const auto j = nlohmann::json::parse(r.out);
    const auto& files = j.is_array() ? j : j.at("files");
    REQUIRE(files.size() == 1);
    CHECK(files[0].at("path") == "releases/2026/launch day.md");
    REQUIRE(files[0].at("findings").size() == 1);
    CHECK(files[0].at("findings")[0].at("rule") == "placeholder.text");
    CHECK(files[0].at("findings")[0].at("start").at("line") == 5);
    CHECK(files[0].at("findings")[0].at("start").at("column") == 26);
  }
  SUBCASE("sarif: a relative, percent-encoded URI")
  {
    const auto r = run_presslint(dir.path(), args + "-f sarif", k_md);
    CHECK(r.status == 1);
    const auto j = nlohmann::json::parse(r.out);
    const auto& results = j.at("runs")[0].at("results");
    REQUIRE(results.size() == 1);
    const auto& location = results[0].at("locations")[0].at("physicalLocation");
    CHECK(location.at("artifactLocation").at("uri") == "releases/2026/launch%20day.md");
    CHECK(location.at("artifactLocation").at("uriBaseId") == "%SRCROOT%");
    CHECK(location.at("region").at("startLine") == 5);
    CHECK(location.at("region").at("startColumn") == 26);
  }
  SUBCASE("github")
  {
    const auto r = run_presslint(dir.path(), args + "-f github", k_md);
    CHECK(r.status == 1);
    CHECK(r.out.find("::error file=releases/2026/launch day.md,line=5,col=26,")
          != std::string::npos);
  }
  SUBCASE("text, and a second report from the same run")
  {
    const auto r = run_presslint(dir.path(), args + "--no-show-source --report json=r.json", k_md);
    CHECK(r.status == 1);
    CHECK(r.out == tk_line("releases/2026/launch day.md", 5, 26) + k_one_error);
    CHECK(read_file(dir.path() + "/r.json").find("\"path\": \"releases/2026/launch day.md\"")
          != std::string::npos);
  }
}

TEST_CASE("stdin: --fix - writes the fixed text to stdout and nothing to disk")
{
  if (presslint::test::builtin_catalog().find("style.time-format") == nullptr) {
    MESSAGE("no style.time-format rule in this catalogue");
    return;
  }
  TempDir dir;
  const std::string before = "FOR IMMEDIATE RELEASE\n\n# Acme opens a plant\n\n"
                             "DAYTON, Ohio — Tours run from 9:00 AM daily.\n\n###\n";
  const std::string after = "FOR IMMEDIATE RELEASE\n\n# Acme opens a plant\n\n"
                            "DAYTON, Ohio — Tours run from 9 a.m. daily.\n\n###\n";
  // A file of the same name on disk, which --fix - must not touch.
  const std::string on_disk = dir.write("releases/x.md", before);
  const std::string args = only_rules({"style.time-format", "placeholder.text"})
                           + "--no-show-source --fix - --stdin-filename releases/x.md";

  const auto r = run_presslint(dir.path(), args, before);
  CHECK(r.status == 0);
  CHECK(r.out == after);
  CHECK(r.err == "no problems found (1 file checked)\n");
  CHECK(read_file(on_disk) == before);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(dir.path())) {
    ++entries;
  }
  CHECK(entries == 2); // releases/ and releases/x.md: no temporary file left behind

  SUBCASE("what remains is reported on stderr, and sets the exit status")
  {
    std::string with_tk = before;
    with_tk.replace(with_tk.find("daily"), 5, "TK");
    std::string fixed_tk = after;
    fixed_tk.replace(fixed_tk.find("daily"), 5, "TK");
    const auto t = run_presslint(dir.path(), args, with_tk);
    CHECK(t.status == 1);
    CHECK(t.out == fixed_tk);
    CHECK(t.err == tk_line("releases/x.md", 5, 38) + k_one_error);
    CHECK(read_file(on_disk) == before);
  }
  SUBCASE("a BOM and CRLF line ends come back as they went in when nothing is fixed")
  {
    const std::string crlf = "\xEF\xBB\xBF" "FOR IMMEDIATE RELEASE\r\n\r\n# Acme\r\n\r\n"
                             "DAYTON, Ohio — A plant.\r\n\r\n###\r\n";
    const auto c = run_presslint(dir.path(), args, crlf);
    CHECK(c.status == 0);
    CHECK(c.out == crlf);
  }
  SUBCASE("a file on disk given too, under the same name: each is fixed where it belongs")
  {
    const std::string other = "FOR IMMEDIATE RELEASE\n\n# Acme opens a shop\n\n"
                              "DAYTON, Ohio — Doors open at 10:00 AM.\n\n###\n";
    const std::string other_fixed = "FOR IMMEDIATE RELEASE\n\n# Acme opens a shop\n\n"
                                    "DAYTON, Ohio — Doors open at 10 a.m.\n\n###\n";
    const auto both = run_presslint(dir.path(), args + " releases/x.md", other);
    CHECK(both.status == 0);
    CHECK(both.out == other_fixed);  // the standard input, fixed
    CHECK(read_file(on_disk) == after); // the file, fixed in place
  }
  SUBCASE("an ignored name: the text passes through unchanged")
  {
    dir.write(".presslint.yaml", "ignore: [\"releases/**\"]\n");
    const auto i = run_presslint(dir.path(), args, before);
    CHECK(i.status == 0);
    CHECK(i.out == before);
    CHECK(read_file(on_disk) == before);
  }
}

TEST_CASE("init: a commented config for each profile that loads and matches it")
{
  for (const std::string profile : {"ap", "wire", "uk", "gov-us"}) {
    CAPTURE(profile);
    TempDir dir;
    const auto r = run_presslint(dir.path(), "init --profile " + profile);
    CHECK(r.status == 0);
    CHECK(r.out == "wrote .presslint.yaml (profile " + profile + ")\n");
    CHECK(r.err == "");
    const std::string written = read_file(dir.path() + "/.presslint.yaml");
    CHECK(written.starts_with("# "));
    CHECK(written.find("\nprofile: " + profile + "\n") != std::string::npos);
    std::size_t comments = 0;
    for (std::size_t at = written.find("\n#"); at != std::string::npos;
         at = written.find("\n#", at + 1)) {
      ++comments;
    }
    CHECK(comments >= 5);
    // The comment above `profile:` describes that profile.
    CHECK(written.find("\n# " + profile + ": ") != std::string::npos);
    CHECK(written.find("# `presslint rules --profile " + profile + "` lists")
          != std::string::npos);
    const auto listed = run_presslint(dir.path(), "rules --profile " + profile);
    CHECK(listed.status == 0);

    // It loads, and gives the same rules, severities and parameters as the
    // profile on the command line with no config at all.
    dir.write("release.md", k_md);
    const auto with_config = run_presslint(dir.path(), "--print-config release.md");
    CHECK(with_config.status == 0);
    CHECK(with_config.err == "");
    CHECK(with_config.out.find("profile: " + profile + "\n") != std::string::npos);
    TempDir bare;
    bare.write("release.md", k_md);
    const auto with_flag =
      run_presslint(bare.path(), "--profile " + profile + " --print-config release.md");
    CHECK(with_flag.status == 0);
    REQUIRE(!rule_lines(with_flag.out).empty());
    CHECK(rule_lines(with_config.out).size() > 100);
    // The origins differ (the config file against the profile), the values not.
    auto values = [](std::string text) {
      std::string out;
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
          end = text.size();
        }
        const std::string line = text.substr(start, end - start);
        out += line.substr(0, line.rfind("  (")) + "\n";
        start = end + 1;
      }
      return out;
    };
    CHECK(values(rule_lines(with_config.out)) == values(rule_lines(with_flag.out)));

    // And the lint runs with it.
    const auto lint = run_presslint(dir.path(), "--no-show-source release.md");
    CHECK(lint.err == "");
    CHECK(lint.status <= 1);
  }
}

TEST_CASE("init: an existing .presslint.yaml is kept without --force")
{
  TempDir dir;
  const std::string mine = "profile: uk\nrules:\n  style.hype: off\n";
  dir.write(".presslint.yaml", mine);
  const auto r = run_presslint(dir.path(), "init --profile wire");
  CHECK(r.status == 2);
  CHECK(r.out == "");
  CHECK(r.err == "presslint: .presslint.yaml already exists (use --force to replace it)\n");
  CHECK(read_file(dir.path() + "/.presslint.yaml") == mine);

  SUBCASE("--force replaces it")
  {
    const auto f = run_presslint(dir.path(), "init --profile wire --force");
    CHECK(f.status == 0);
    CHECK(read_file(dir.path() + "/.presslint.yaml").find("\nprofile: wire\n")
          != std::string::npos);
  }
  SUBCASE("a symbolic link to a config elsewhere counts as existing, and is not followed")
  {
    TempDir other;
    const std::string target = other.write("shared.yaml", mine);
    fs::remove(dir.path() + "/.presslint.yaml");
    fs::create_symlink(target, dir.path() + "/.presslint.yaml");
    const auto s = run_presslint(dir.path(), "init");
    CHECK(s.status == 2);
    CHECK(read_file(target) == mine);
  }
  SUBCASE("a folder in the way is an error, not a crash")
  {
    fs::remove(dir.path() + "/.presslint.yaml");
    fs::create_directory(dir.path() + "/.presslint.yaml");
    const auto d = run_presslint(dir.path(), "init --force");
    CHECK(d.status == 2);
    CHECK(d.err.find(".presslint.yaml") != std::string::npos);
    CHECK(fs::is_directory(dir.path() + "/.presslint.yaml"));
  }
  SUBCASE("an unknown profile is a usage error and writes nothing")
  {
    fs::remove(dir.path() + "/.presslint.yaml");
    const auto u = run_presslint(dir.path(), "init --profile de");
    CHECK(u.status == 2);
    CHECK(!fs::exists(dir.path() + "/.presslint.yaml"));
  }
}
