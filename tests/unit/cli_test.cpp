#include "support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;

using presslint::test::CommandResult;
using presslint::test::read_file;
using presslint::test::run_command;
using presslint::test::TempDir;

namespace {

// A complete AP-style release with nothing for a rule to flag.
const std::string k_clean =
  "FOR IMMEDIATE RELEASE\n"
  "\n"
  "# Acme opens a widget plant in Dayton\n"
  "\n"
  "DAYTON, Ohio, March 3, 2026 — Acme Corp. will open a widget plant in Dayton this spring and hire 200 people to staff it, the company said.\n"
  "\n"
  "The plant, on the site of a former printing works near the Great Miami River, will make the small steel widgets that Acme sells to builders of farm machinery. Work on the building began last year, and the first production line is due to start in May. A second line will follow in the autumn if orders hold up.\n"
  "\n"
  "Acme chose Dayton for its workforce, its rail links and the support of the city, which agreed to rebuild the road that serves the site. The state will train new workers through its apprenticeship program, and a local college will run evening classes in welding and machine repair for staff who want them.\n"
  "\n"
  "\"Dayton has built things for well over a century, and we want to be part of the next one,\" said Dana Atkins, the chief executive of Acme. \"The people we met here know how to make things well, and they know how to teach others to do the same.\"\n"
  "\n"
  "The company expects to spend about $40 million on the plant over three years. Most of the money will go to presses, furnaces and the cranes that move coils of steel from the rail siding to the line. The rest will pay for a warehouse and for offices on the upper floor of the old works.\n"
  "\n"
  "Hiring starts next month. Acme will hold open days at the site on the first two Saturdays of April, when people can see the building, meet the managers and apply for jobs on the spot. The company is looking for machine operators, welders, electricians, drivers and office staff, and it will pay for the training that each role needs.\n"
  "\n"
  "The mayor of Dayton said the plant would bring steady work to a part of the city that lost many jobs when the printing works closed. Local shops near the site have already seen more trade from the builders working there.\n"
  "\n"
  "Acme runs two other plants, in Toledo and in Fort Wayne, Indiana, and employs about 900 people in all. The Dayton plant will be its largest when both lines are running.\n"
  "\n"
  "###\n"
  "\n"
  "About Acme\n"
  "\n"
  "Acme Corp. makes steel widgets for the builders of farm machinery. It was founded in Toledo in 1952 and is owned by its employees.\n"
  "\n"
  "Media Contact:\n"
  "Dana Atkins\n"
  "press@acme.com\n";

// The same release with a leftover placeholder at 5:98.
std::string
with_placeholder()
{
  std::string text = k_clean;
  text.replace(text.find("hire 200 people"), 15, "hire TK people");
  return text;
}

const std::string k_tk_line = ":5:98: error: leftover placeholder \"TK\" [placeholder.text]\n";
const std::string k_one_error = "1 error, 0 warnings, 0 notes in 1 file (1 file checked)\n";

// The release with a headline over 100 characters (a warning) on line 3.
std::string
with_long_headline()
{
  std::string text = k_clean;
  text.replace(text.find("# Acme opens"), 37,
               "# Acme Corporation, the maker of steel widgets for farm machinery, opens its third "
               "plant, in Dayton, Ohio, this spring");
  return text;
}

std::string
quote(const std::string& s)
{
  return "'" + s + "'";
}

// Runs the presslint binary with `args` in `dir`.
CommandResult
run_presslint(const TempDir& dir, const std::string& args, const std::string& stdin_text = {})
{
  return run_command("cd " + quote(dir.path()) + " && " + quote(PRESSLINT_BINARY) + " " + args,
                     stdin_text);
}

std::size_t
count_of(const std::string& text, const std::string& what)
{
  std::size_t n = 0;
  for (std::size_t i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) {
    ++n;
  }
  return n;
}

const std::string k_user_rule = "id: house.jargon\n"
                                "kind: existence\n"
                                "severity: warning\n"
                                "message: 'avoid \"{match}\"'\n"
                                "docs:\n"
                                "  summary: Jargon the house style avoids.\n"
                                "  good: [\"Acme will hire people.\"]\n"
                                "  bad: [\"Acme will leverage bandwidth.\"]\n"
                                "params:\n"
                                "  words: [bandwidth]\n";

const std::string k_broken_rule = "id: house.broken\n"
                                  "kind: existence\n"
                                  "severity: [a]\n"
                                  "colour: red\n"
                                  "message: 'avoid \"{match}\"'\n"
                                  "docs:\n"
                                  "  summary: Broken.\n"
                                  "params:\n"
                                  "  patterns: ['(unclosed']\n";

} // namespace

TEST_CASE("cli: a clean file exits 0")
{
  TempDir dir;
  dir.write("release.md", k_clean);
  const auto r = run_presslint(dir, "release.md");
  CHECK(r.status == 0);
  CHECK(r.out == "no problems found (1 file checked)\n");
  CHECK(r.err == "");
}

TEST_CASE("cli: a finding exits 1 with a compiler-style line and a summary")
{
  TempDir dir;
  dir.write("draft.md", with_placeholder());
  dir.write("release.md", k_clean);
  const auto r = run_presslint(dir, "draft.md release.md");
  CHECK(r.status == 1);
  CHECK(r.out == "draft.md" + k_tk_line + "1 error, 0 warnings, 0 notes in 1 file (2 files checked)\n");
  CHECK(r.err == "");

  SUBCASE("plain text is read as Markdown")
  {
    dir.write("draft.txt", with_placeholder());
    const auto t = run_presslint(dir, "draft.txt");
    CHECK(t.status == 1);
    CHECK(t.out == "draft.txt" + k_tk_line + k_one_error);
  }
  SUBCASE("a folder is searched for releases")
  {
    dir.write("releases/2026/draft.md", with_placeholder());
    dir.write("releases/2026/notes.yaml", "TK: TK\n");
    dir.write("releases/node_modules/x.md", with_placeholder());
    dir.write("releases/.git/y.md", with_placeholder());
    const auto f = run_presslint(dir, "releases");
    CHECK(f.status == 1);
    CHECK(f.out == "releases/2026/draft.md" + k_tk_line + k_one_error);
  }
}

TEST_CASE("cli: a config error exits 2 and names file, line and column")
{
  TempDir dir;
  dir.write(".presslint.yaml", "profile: ap\nprofil: uk\n");
  dir.write("draft.md", with_placeholder());
  const auto r = run_presslint(dir, "draft.md");
  CHECK(r.status == 2);
  CHECK(r.out == "");
  CHECK(r.err.find(".presslint.yaml:2:1: error: unknown key \"profil\" (known: profile, extends, "
                   "rule-dirs, ignore, rules, links)\n    profil: uk\n    ^\n")
        != std::string::npos);
  CHECK(count_of(r.err, ": error: ") == 1);

  SUBCASE("an unknown rule id in the config")
  {
    dir.write("cfg.yaml", "rules:\n  placeholder.txt: off\n");
    const auto c = run_presslint(dir, "-c cfg.yaml draft.md");
    CHECK(c.status == 2);
    CHECK(c.err.find("cfg.yaml:2:3: error: unknown rule \"placeholder.txt\"") != std::string::npos);
  }
  SUBCASE("a missing --config file")
  {
    const auto c = run_presslint(dir, "-c nope.yaml draft.md");
    CHECK(c.status == 2);
    CHECK(c.err == "nope.yaml: error: config file not found\n");
  }
}

TEST_CASE("cli: an unreadable file exits 2 while the others are still linted")
{
  TempDir dir;
  dir.write("a.md", with_placeholder());
  dir.write("c.md", k_clean);
  const auto r = run_presslint(dir, "a.md missing.md c.md");
  CHECK(r.status == 2);
  CHECK(r.err == "missing.md: error: no such file\n");
  CHECK(r.out == "a.md" + k_tk_line + "1 error, 0 warnings, 0 notes in 1 file (3 files checked)\n");

  if (::geteuid() != 0) {
    const std::string locked = dir.write("locked.md", k_clean);
    fs::permissions(locked, fs::perms::none);
    const auto l = run_presslint(dir, "a.md locked.md");
    CHECK(l.status == 2);
    CHECK(l.err == "locked.md: error: cannot be read (permission denied?)\n");
    CHECK(l.out.rfind("a.md" + k_tk_line, 0) == 0);
  }
}

TEST_CASE("cli: invalid UTF-8 exits 2 and is located")
{
  TempDir dir;
  dir.write("w.md", "# Caf\xE9 news\n\nBody \x93quoted\x94.\n");
  dir.write("good.md", with_placeholder());
  const auto r = run_presslint(dir, "w.md good.md");
  CHECK(r.status == 2);
  CHECK(r.err
        == "w.md:1:6: error: invalid UTF-8 (byte 0xE9): the file looks like Windows-1252; save "
           "it as UTF-8\n");
  CHECK(r.out.rfind("good.md" + k_tk_line, 0) == 0);

  dir.write("u16.md", std::string("\xFF\xFE#\0 \0H\0i\0\n\0", 12));
  const auto u = run_presslint(dir, "u16.md");
  CHECK(u.status == 2);
  CHECK(u.err
        == "u16.md: error: file is encoded as UTF-16 (it starts with a UTF-16 byte order mark); "
           "presslint reads UTF-8: save it as UTF-8\n");
}

TEST_CASE("cli: --fail-on, --max-warnings and -q")
{
  TempDir dir;
  dir.write("warn.md", with_long_headline());
  dir.write("err.md", with_placeholder());
  const std::string warning_line =
    "warn.md:3:3: warning: headline is 116 characters long; keep it to 100 [headline.length]\n";

  const auto plain = run_presslint(dir, "warn.md");
  CHECK(plain.status == 0);
  CHECK(plain.out == warning_line + "0 errors, 1 warning, 0 notes in 1 file (1 file checked)\n");

  CHECK(run_presslint(dir, "--fail-on warning warn.md").status == 1);
  CHECK(run_presslint(dir, "--fail-on note warn.md").status == 1);
  CHECK(run_presslint(dir, "--fail-on error warn.md").status == 0);
  CHECK(run_presslint(dir, "--fail-on never err.md").status == 0);
  CHECK(run_presslint(dir, "--fail-on sometimes err.md").status == 2);

  CHECK(run_presslint(dir, "--max-warnings 0 warn.md").status == 1);
  CHECK(run_presslint(dir, "--max-warnings 1 warn.md").status == 0);
  CHECK(run_presslint(dir, "--max-warnings 5 err.md").status == 1);

  const auto quiet = run_presslint(dir, "-q warn.md err.md");
  CHECK(quiet.status == 1);
  CHECK(quiet.out == "err.md" + k_tk_line);
  const auto quiet_warning = run_presslint(dir, "--quiet --fail-on warning warn.md err.md");
  CHECK(quiet_warning.status == 1);
  CHECK(quiet_warning.out == "err.md" + k_tk_line + warning_line);
  const auto quiet_clean = run_presslint(dir, "-q warn.md");
  CHECK(quiet_clean.status == 0);
  CHECK(quiet_clean.out == "");
}

TEST_CASE("cli: --disable and --enable")
{
  TempDir dir;
  dir.write("draft.md", with_placeholder());
  const auto off = run_presslint(dir, "--disable placeholder draft.md");
  CHECK(off.status == 0);
  CHECK(off.out == "no problems found (1 file checked)\n");
  CHECK(run_presslint(dir, "--disable=placeholder.text draft.md").status == 0);

  const auto on = run_presslint(dir, "--disable placeholder --enable placeholder.text draft.md");
  CHECK(on.status == 1);
  CHECK(on.out == "draft.md" + k_tk_line + k_one_error);
  CHECK(run_presslint(dir, "--enable placeholder.text --disable placeholder draft.md").status == 0);

  // A config that turns the rule off, and --enable over it.
  dir.write(".presslint.yaml", "rules:\n  placeholder.text: off\n");
  CHECK(run_presslint(dir, "draft.md").status == 0);
  const auto enabled = run_presslint(dir, "--enable placeholder draft.md");
  CHECK(enabled.status == 1);
  CHECK(enabled.out == "draft.md" + k_tk_line + k_one_error);

  const auto unknown = run_presslint(dir, "--enable nope draft.md");
  CHECK(unknown.status == 2);
  CHECK(unknown.err == "--enable: error: unknown rule or category \"nope\"\n");
}

TEST_CASE("cli: - reads stdin with --stdin-filename")
{
  TempDir dir;
  const auto r = run_presslint(dir, "- --stdin-filename x.md", with_placeholder());
  CHECK(r.status == 1);
  CHECK(r.out == "x.md" + k_tk_line + k_one_error);

  const auto unnamed = run_presslint(dir, "-", with_placeholder());
  CHECK(unnamed.status == 1);
  CHECK(unnamed.out == "<stdin>" + k_tk_line + k_one_error);

  // The name is used to find the config.
  dir.write("quiet/.presslint.yaml", "rules:\n  placeholder: off\n");
  const auto configured = run_presslint(dir, "- --stdin-filename quiet/x.md", with_placeholder());
  CHECK(configured.status == 0);
  CHECK(configured.out == "no problems found (1 file checked)\n");

  // And its format: HTML (a fragment: only the placeholder rule is on).
  const auto page = run_presslint(dir,
                                  "--disable release-line --disable dateline --disable contact "
                                  "--disable terminator --disable body --disable boilerplate "
                                  "- --stdin-filename page.html",
                              "<html><body><h1>Launch</h1>\n<p>Body TK.</p></body></html>\n");
  CHECK(page.status == 1);
  CHECK(page.out
        == "page.html:2:9: error: leftover placeholder \"TK\" [placeholder.text]\n" + k_one_error);
}

TEST_CASE("cli: -o writes the report to a file")
{
  TempDir dir;
  dir.write("draft.md", with_placeholder());
  const auto r = run_presslint(dir, "-o out.txt draft.md");
  CHECK(r.status == 1);
  CHECK(r.out == "");
  CHECK(r.err == "");
  CHECK(read_file(dir.path() + "/out.txt") == "draft.md" + k_tk_line + k_one_error);
  // It replaces an existing report.
  dir.write("draft.md", k_clean);
  CHECK(run_presslint(dir, "--output out.txt draft.md").status == 0);
  CHECK(read_file(dir.path() + "/out.txt") == "no problems found (1 file checked)\n");
  const auto bad = run_presslint(dir, "-o no/such/dir/out.txt draft.md");
  CHECK(bad.status == 2);
  CHECK(bad.err.find("presslint: cannot write no/such/dir/out.txt") == 0);
}

TEST_CASE("cli: a subcommand is only recognised as the first word")
{
  TempDir dir;
  dir.write("a.md", k_clean);
  dir.write("rules/x.md", with_placeholder());
  const auto late = run_presslint(dir, "a.md rules");
  CHECK(late.status == 2);
  CHECK(late.out == "");
  CHECK(late.err
        == "presslint: \"rules\" is a subcommand and must come first; write ./rules for a file or "
           "folder of that name\n");
  CHECK(run_presslint(dir, "--fail-on error explain").status == 2);

  const auto folder = run_presslint(dir, "./rules");
  CHECK(folder.status == 1);
  CHECK(folder.out == "./rules/x.md" + k_tk_line + k_one_error);
}

TEST_CASE("cli: presslint rules")
{
  TempDir dir;
  const auto r = run_presslint(dir, "rules");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("Rules in profile ap:\n", 0) == 0);
  const std::regex placeholder(R"((^|\n)  placeholder\.text +error +Leftover placeholders )");
  CHECK(std::regex_search(r.out, placeholder));
  const std::regex headline(R"((^|\n)  headline\.length +warning +A headline longer )");
  CHECK(std::regex_search(r.out, headline));

  const auto json = run_presslint(dir, "rules --format json");
  CHECK(json.status == 0);
  CHECK(json.out.find("\"id\": \"placeholder.text\",\n    \"kind\": \"existence\",\n    "
                      "\"severity\": \"error\"")
        != std::string::npos);
  const auto md = run_presslint(dir, "rules --format markdown");
  CHECK(md.out.find("| `placeholder.text` | error | error | error | error | ") != std::string::npos);
  CHECK(run_presslint(dir, "rules --format yaml").status == 2);
}

TEST_CASE("cli: presslint explain")
{
  TempDir dir;
  const auto r = run_presslint(dir, "explain placeholder.text");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("placeholder.text\n\nLeftover placeholders such as TK, XX, [INSERT QUOTE], TBD "
                    "or lorem ipsum.\n\nWhy:\n  Editors mark missing facts",
                    0)
        == 0);
  CHECK(r.out.find("Severity by profile: ap=error wire=error uk=error gov-us=error\n")
        != std::string::npos);
  CHECK(r.out.find("Kind: existence\n") != std::string::npos);
  CHECK(r.out.find("\nGood:\n    # Acme opens a plant in Ohio\n\n    DAYTON, Ohio, March 3, 2026 — "
                   "Acme will hire 200 people, said Dana Atkins.\n")
        != std::string::npos);
  CHECK(r.out.find("\nBad:\n    # Acme opens a plant in Ohio\n\n    DAYTON, Ohio, March 3, 2026 — "
                   "Acme will hire TK people.\n")
        != std::string::npos);
  CHECK(r.out.find("\nBad:\n    # Acme opens a plant in Ohio\n\n    \"[INSERT QUOTE],\" said the "
                   "chief executive.\n")
        != std::string::npos);
  CHECK(r.out.find("Defined in rules/placeholder/text.yaml\n") != std::string::npos);

  const auto nope = run_presslint(dir, "explain nope");
  CHECK(nope.status == 2);
  CHECK(nope.out == "");
  CHECK(nope.err == "presslint: unknown rule \"nope\" (presslint rules lists them)\n");
  CHECK(run_presslint(dir, "explain").status == 2);
}

TEST_CASE("cli: presslint init")
{
  TempDir dir;
  const auto first = run_presslint(dir, "init");
  CHECK(first.status == 0);
  CHECK(first.out == "wrote .presslint.yaml (profile ap)\n");
  const std::string written = read_file(dir.path() + "/.presslint.yaml");
  CHECK(written.find("\nprofile: ap\n") != std::string::npos);

  // The starter config loads and applies.
  dir.write("release.md", k_clean);
  const auto lint = run_presslint(dir, "release.md");
  CHECK(lint.status == 0);
  CHECK(lint.err == "");
  const auto printed = run_presslint(dir, "--print-config release.md");
  CHECK(printed.out.find("profile: ap\n") != std::string::npos);

  const auto again = run_presslint(dir, "init");
  CHECK(again.status == 2);
  CHECK(again.err == "presslint: .presslint.yaml already exists (use --force to replace it)\n");
  CHECK(read_file(dir.path() + "/.presslint.yaml") == written);

  const auto forced = run_presslint(dir, "init --force --profile uk");
  CHECK(forced.status == 0);
  CHECK(forced.out == "wrote .presslint.yaml (profile uk)\n");
  CHECK(read_file(dir.path() + "/.presslint.yaml").find("\nprofile: uk\n") != std::string::npos);
  CHECK(run_presslint(dir, "init --force --profile de").status == 2);
}

TEST_CASE("cli: --print-config shows the profile, severities and their origins")
{
  TempDir dir;
  const std::string config = dir.write(".presslint.yaml",
                                       "profile: wire\n"
                                       "rules:\n"
                                       "  placeholder.text: warning\n");
  dir.write("news/release.md", k_clean);
  const auto r = run_presslint(dir, "--print-config news/release.md");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("file: news/release.md\nconfig:\n  " + config + "\nprofile: wire\nrules:\n", 0)
        == 0);
  CHECK(r.out.find("\n  placeholder.text: warning  (" + config + ":3)\n") != std::string::npos);
  CHECK(r.out.find("\n  headline.length: warning  (rules/headline/length.yaml)\n")
        != std::string::npos);
  CHECK(r.out.find("\n    max-chars: 120  (rules/headline/length.yaml (profile wire))\n")
        != std::string::npos);

  const auto overridden = run_presslint(dir, "--profile ap --disable headline --print-config news/release.md");
  CHECK(overridden.status == 0);
  CHECK(overridden.out.find("\nprofile: ap\n") != std::string::npos);
  CHECK(overridden.out.find("\n  headline.length: off  (--disable headline)\n") != std::string::npos);
  CHECK(overridden.out.find("\n    max-chars: 100  (<default>)\n") == std::string::npos);

  TempDir bare;
  bare.write("x.md", k_clean);
  const auto none = run_presslint(bare, "--print-config x.md");
  CHECK(none.out.rfind("file: x.md\nconfig: none (defaults)\nprofile: ap\n", 0) == 0);
}

TEST_CASE("cli: --rules with a user rule pack")
{
  TempDir dir;
  dir.write("pack/house/jargon.yaml", k_user_rule);
  std::string text = k_clean;
  text.replace(text.find("the company said."), 17, "the company said of the bandwidth.");
  dir.write("draft.md", text);
  const auto r = run_presslint(dir, "--rules pack draft.md");
  CHECK(r.status == 0);
  CHECK(r.out == "draft.md:5:146: warning: avoid \"bandwidth\" [house.jargon]\n"
                 "0 errors, 1 warning, 0 notes in 1 file (1 file checked)\n");
  // Without the pack the rule does not exist.
  CHECK(run_presslint(dir, "draft.md").out == "no problems found (1 file checked)\n");
  // The pack's rules are in the catalogue commands too.
  CHECK(run_presslint(dir, "explain --rules pack house.jargon").out.rfind("house.jargon\n", 0) == 0);

  SUBCASE("rule-dirs in the config")
  {
    dir.write(".presslint.yaml", "rule-dirs: [pack]\n");
    const auto c = run_presslint(dir, "draft.md");
    CHECK(c.out == "draft.md:5:146: warning: avoid \"bandwidth\" [house.jargon]\n"
                   "0 errors, 1 warning, 0 notes in 1 file (1 file checked)\n");
  }
  SUBCASE("a missing pack")
  {
    const auto m = run_presslint(dir, "--rules nowhere draft.md");
    CHECK(m.status == 2);
    CHECK(m.err.find("nowhere: error: rule folder not found\n") != std::string::npos);
  }
}

TEST_CASE("cli: a rule pack with three mistakes gives three located errors")
{
  TempDir dir;
  dir.write("pack/broken.yaml", k_broken_rule);
  dir.write("draft.md", with_placeholder());
  const auto r = run_presslint(dir, "--rules pack draft.md");
  CHECK(r.status == 2);
  CHECK(r.out == "");
  CHECK(count_of(r.err, ": error: ") == 3);
  CHECK(r.err.find("pack/broken.yaml:4:1: error: unknown key \"colour\"") != std::string::npos);
  CHECK(r.err.find("pack/broken.yaml:3:11: error: \"severity\" must be a string, not a list")
        != std::string::npos);
  CHECK(r.err.find("pack/broken.yaml:9:14: error: invalid RE2 pattern \"(unclosed\": missing ): "
                   "(unclosed")
        != std::string::npos);
}

TEST_CASE("cli: the binary runs alone from another folder with the built-in rules")
{
  TempDir bin;
  const std::string copy = bin.path() + "/presslint";
  fs::copy_file(PRESSLINT_BINARY, copy);
  fs::permissions(copy, fs::perms::owner_all, fs::perm_options::add);
  TempDir work;
  work.write("draft.md", with_placeholder());
  const auto r = run_command("cd " + quote(work.path()) + " && " + quote(copy) + " draft.md");
  CHECK(r.status == 1);
  CHECK(r.out == "draft.md" + k_tk_line + k_one_error);
  const auto rules = run_command("cd / && " + quote(copy) + " rules");
  CHECK(rules.status == 0);
  CHECK(rules.out.find("  placeholder.text ") != std::string::npos);
}

TEST_CASE("cli: --show-source prints the line and a caret")
{
  TempDir dir;
  dir.write("draft.md", with_placeholder());
  const auto r = run_presslint(dir, "--show-source draft.md");
  CHECK(r.status == 1);
  const std::string line = "DAYTON, Ohio, March 3, 2026 — Acme Corp. will open a widget plant in "
                           "Dayton this spring and hire TK people to staff it, the company said.";
  CHECK(r.out == "draft.md" + k_tk_line + "  " + line + "\n  " + std::string(97, ' ') + "^~\n"
                   + k_one_error);
  CHECK(run_presslint(dir, "--show-source --no-show-source draft.md").out
        == "draft.md" + k_tk_line + k_one_error);
  CHECK(run_presslint(dir, "--color never draft.md").out == "draft.md" + k_tk_line + k_one_error);
  const auto colored = run_presslint(dir, "--color always draft.md");
  CHECK(colored.out.find("\x1b[") != std::string::npos);
  CHECK(colored.out.find("leftover placeholder \"TK\"") != std::string::npos);
}

TEST_CASE("cli: ignore globs apply to paths given on the command line")
{
  TempDir dir;
  dir.write(".presslint.yaml", "ignore: [\"archive/**\", \"*.txt\"]\n");
  dir.write("archive/old.md", with_placeholder());
  dir.write("notes/todo.txt", with_placeholder());
  dir.write("new.md", with_placeholder());
  const auto r = run_presslint(dir, "archive/old.md notes/todo.txt new.md");
  CHECK(r.status == 1);
  CHECK(r.out == "new.md" + k_tk_line + k_one_error);
  const auto all = run_presslint(dir, ".");
  CHECK(all.out == "./new.md" + k_tk_line + k_one_error);
}

TEST_CASE("cli: presslint test-rules")
{
  TempDir dir;
  const auto r = run_presslint(dir, "test-rules");
  CHECK(r.status == 0);
  // Only notes on the examples of live link rules that need the network.
  std::istringstream notes(r.err);
  for (std::string line; std::getline(notes, line);) {
    CHECK(std::regex_match(line, std::regex(R"(note: .*: link\.[a-z]+: (good|bad) example [0-9]+ needs the network: skipped)")));
  }
  CHECK(std::regex_match(r.out, std::regex(R"([1-9][0-9]* examples checked, 0 failed\n)")));

  dir.write("pack/house/jargon.yaml", k_user_rule);
  const auto pack = run_presslint(dir, "test-rules pack");
  CHECK(pack.status == 0);
  CHECK(pack.out == "2 examples checked, 0 failed\n");

  std::string wrong = k_user_rule;
  wrong.replace(wrong.find("Acme will hire people."), 22, "Bandwidth at work.");
  dir.write("bad/house/jargon.yaml", wrong);
  const auto failing = run_presslint(dir, "test-rules bad");
  CHECK(failing.status == 1);
  CHECK(failing.out == "2 examples checked, 1 failed\n");
  CHECK(failing.err.find("bad/house/jargon.yaml: house.jargon: good example 1 gives 1 finding\n")
        != std::string::npos);
}

TEST_CASE("cli: --version")
{
  TempDir dir;
  const auto r = run_presslint(dir, "--version");
  CHECK(r.status == 0);
  CHECK(std::regex_match(r.out, std::regex(R"(presslint [0-9]+\.[0-9]+\.[0-9]+.*\n)")));
}

TEST_CASE("cli: the man page documents every option of --help and every subcommand")
{
  TempDir dir;
  const std::string man = read_file(std::string(PRESSLINT_SOURCE_DIR) + "/docs/presslint.1");
  REQUIRE(!man.empty());
  // roff writes a minus as "\-".
  auto in_man = [&](const std::string& word) {
    std::string escaped;
    for (const char c : word) {
      escaped += c == '-' ? std::string("\\-") : std::string(1, c);
    }
    return man.find(escaped) != std::string::npos;
  };
  std::size_t options = 0;
  for (const std::string& help_args : {std::string("--help"), std::string("init --help"),
                                       std::string("rules --help")}) {
    const auto help = run_presslint(dir, help_args);
    CHECK(help.status == 0);
    const std::regex long_option(R"(--[a-z][a-z-]+)");
    for (auto it = std::sregex_iterator(help.out.begin(), help.out.end(), long_option);
         it != std::sregex_iterator(); ++it) {
      ++options;
      CAPTURE(it->str());
      CHECK(in_man(it->str()));
    }
  }
  CHECK(options > 20);
  for (const std::string sub : {"rules", "explain", "init", "test-rules", "lsp"}) {
    CAPTURE(sub);
    CHECK(in_man(".B presslint " + sub));
  }
}
