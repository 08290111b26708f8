// CLI11 wiring: the only place that knows about argv.
#include <presslint/cli/cli.hpp>
#include <presslint/cli/commands.hpp>

#include <presslint/core/atomic_file.hpp>
#include <presslint/lint/fix.hpp>
#include <presslint/lint/run.hpp>
#include <presslint/lsp/server.hpp>
#include <presslint/report/github.hpp>
#include <presslint/report/json.hpp>
#include <presslint/report/sarif.hpp>
#include <presslint/report/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <string_view>

#include <unistd.h>

namespace presslint::cli {

namespace {

constexpr std::array<std::string_view, 5> k_subcommands{"rules", "explain", "init", "test-rules",
                                                        "lsp"};

bool
is_subcommand(std::string_view word)
{
  return std::find(k_subcommands.begin(), k_subcommands.end(), word) != k_subcommands.end();
}

std::string
version_string()
{
  return fmt::format("presslint {}", PRESSLINT_VERSION);
}

// CLI11 parses a vector given in reverse order.
int
parse(CLI::App& app, std::vector<std::string> args)
{
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return -1;
}

bool
write_output(const std::string& path, const std::string& text)
{
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return true;
  }
  std::string why;
  if (!core::write_file_atomic(path, text, why)) {
    std::fprintf(stderr, "presslint: cannot write %s: %s\n", path.c_str(), why.c_str());
    return false;
  }
  return true;
}

bool
load_catalog(rules::Catalog& catalog,
             const std::vector<std::string>& dirs,
             std::vector<std::string>& packs)
{
  core::Errors errors;
  catalog.load_builtin(errors);
  packs.emplace_back("builtin");
  for (const std::string& d : dirs) {
    const std::string abs = std::filesystem::absolute(d).lexically_normal().string();
    catalog.load_pack(abs, errors);
    packs.push_back(abs);
  }
  print_errors(errors);
  return errors.empty();
}

int
cmd_rules(const std::vector<std::string>& args)
{
  CLI::App app{"List the rule catalogue", "presslint rules"};
  std::string format = "text";
  std::string profile = "ap";
  std::vector<std::string> dirs;
  app.add_option("--format", format, "text, json or markdown")
    ->check(CLI::IsMember({"text", "json", "markdown"}));
  app.add_option("--profile", profile, "profile whose severities are shown")
    ->check(CLI::IsMember({"ap", "wire", "uk", "gov-us"}));
  // One value a flag, so that "--rules DIR FILE" does not take FILE as a folder.
  app.add_option("--rules", dirs, "an extra rule pack folder (repeatable)")
    ->allow_extra_args(false);
  if (const int code = parse(app, args); code >= 0) {
    return code;
  }
  rules::Catalog catalog;
  std::vector<std::string> packs;
  if (!load_catalog(catalog, dirs, packs)) {
    return 2;
  }
  return write_output("", render_rules(catalog, profile, format)) ? 0 : 2;
}

int
cmd_explain(const std::vector<std::string>& args)
{
  CLI::App app{"Show a rule's documentation", "presslint explain"};
  std::string id;
  std::vector<std::string> dirs;
  app.add_option("rule", id, "the rule id")->required();
  // One value a flag, so that "--rules DIR FILE" does not take FILE as a folder.
  app.add_option("--rules", dirs, "an extra rule pack folder (repeatable)")
    ->allow_extra_args(false);
  if (const int code = parse(app, args); code >= 0) {
    return code;
  }
  rules::Catalog catalog;
  std::vector<std::string> packs;
  if (!load_catalog(catalog, dirs, packs)) {
    return 2;
  }
  const rules::Rule* rule = catalog.find(id);
  if (rule == nullptr) {
    std::fprintf(stderr, "presslint: unknown rule \"%s\" (presslint rules lists them)\n",
                 id.c_str());
    return 2;
  }
  return write_output("", render_explain(*rule)) ? 0 : 2;
}

int
cmd_test_rules(const std::vector<std::string>& args)
{
  CLI::App app{"Check every rule file's own good and bad examples", "presslint test-rules"};
  std::vector<std::string> dirs;
  app.add_option("dirs", dirs, "rule pack folders (default: the built-in rules)");
  if (const int code = parse(app, args); code >= 0) {
    return code;
  }
  rules::Catalog catalog;
  std::vector<std::string> packs;
  if (!load_catalog(catalog, dirs, packs)) {
    return 2;
  }
  if (!dirs.empty()) {
    packs.erase(packs.begin()); // only the packs named
  }
  std::size_t examples = 0;
  std::vector<std::string> notes;
  const auto failures = test_rules(catalog, packs, examples, &notes);
  // Examples of live link rules that need the network are skipped; the
  // test suite covers those rules against a loopback server.
  for (const auto& n : notes) {
    std::fprintf(stderr, "note: %s\n", n.c_str());
  }
  for (const auto& f : failures) {
    std::fprintf(stderr, "%s\n", f.c_str());
  }
  std::printf("%zu examples checked, %zu failed\n", examples, failures.size());
  return failures.empty() ? 0 : 1;
}

int
cmd_init(const std::vector<std::string>& args)
{
  CLI::App app{"Write a starter .presslint.yaml in the current folder", "presslint init"};
  std::string profile = "ap";
  bool force = false;
  app.add_option("--profile", profile, "house style profile")
    ->check(CLI::IsMember({"ap", "wire", "uk", "gov-us"}));
  app.add_flag("--force", force, "overwrite an existing .presslint.yaml");
  if (const int code = parse(app, args); code >= 0) {
    return code;
  }
  std::error_code ec;
  if (std::filesystem::exists(".presslint.yaml", ec) && !force) {
    std::fprintf(stderr, "presslint: .presslint.yaml already exists (use --force to replace it)\n");
    return 2;
  }
  if (!write_output(".presslint.yaml", starter_config(profile))) {
    return 2;
  }
  std::printf("wrote .presslint.yaml (profile %s)\n", profile.c_str());
  return 0;
}

// --enable and --disable in the order given: the last flag wins.
std::vector<rules::Toggle>
ordered_toggles(const std::vector<std::string>& args)
{
  std::vector<rules::Toggle> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    for (const auto& [flag, enable] :
         {std::pair<std::string_view, bool>{"--enable", true}, {"--disable", false}}) {
      if (a == flag && i + 1 < args.size()) {
        out.push_back(rules::Toggle{args[i + 1], enable});
      } else if (a.starts_with(std::string(flag) + "=")) {
        out.push_back(rules::Toggle{a.substr(flag.size() + 1), enable});
      }
    }
    if (a == "--") {
      break;
    }
  }
  return out;
}

int
print_config(lint::Runner& runner, const std::string& file)
{
  core::Errors errors;
  const rules::Config* config = nullptr;
  const rules::RuleSet* set = runner.rule_set_for(file, &config, errors);
  if (set == nullptr) {
    print_errors(errors);
    return 2;
  }
  std::string out = fmt::format("file: {}\n", file);
  if (config == nullptr || config->files.empty()) {
    out += "config: none (defaults)\n";
  } else {
    out += "config:\n";
    for (const auto& f : config->files) {
      out += fmt::format("  {}\n", f);
    }
  }
  out += fmt::format("profile: {}\n", set->profile);
  out += "rules:\n";
  for (const rules::ActiveRule& r : set->rules) {
    out += fmt::format("  {}: {}  ({})\n", r.rule->id, core::to_string(r.severity),
                       r.severity_origin);
    for (const auto& [name, shared] : r.params.all()) {
      const rules::ParamEntry& entry = *shared;
      std::string value;
      if (entry.node.is_scalar()) {
        value = entry.node.value;
      } else if (entry.node.is_sequence()) {
        for (const auto& item : entry.node.items) {
          value += value.empty() ? "" : ", ";
          value += item.value;
        }
        value = "[" + value + "]";
        if (value.size() > 80) {
          value = fmt::format("[{} items]", entry.node.items.size());
        }
      } else if (entry.node.is_map()) {
        value = fmt::format("{{{} entries}}", entry.node.entries.size());
      }
      std::string origin;
      for (const auto& o : r.param_origins) {
        if (o.starts_with(name + ": ")) {
          origin = o.substr(name.size() + 2);
        }
      }
      out += fmt::format("    {}: {}  ({})\n", name, value, origin);
    }
  }
  return write_output("", out) ? 0 : 2;
}

// The report formats of the lint command.
constexpr std::array<std::string_view, 4> k_formats{"text", "json", "sarif", "github"};

bool
is_format(std::string_view name)
{
  return std::find(k_formats.begin(), k_formats.end(), name) != k_formats.end();
}

// Where a report goes: the main one (-f, -o) and each --report FORMAT=FILE.
struct ReportTarget
{
  std::string format;
  std::string path;         // "" or "-": standard output
  bool to_stderr = false;   // the main report of --fix with "-" input
  bool main = false;
};

// Everything a report is rendered from.
struct ReportInput
{
  const lint::RunResult* result = nullptr;
  const report::RunKeys* keys = nullptr;
  const rules::Catalog* catalog = nullptr;
  std::vector<const rules::Catalog*> more_catalogs;
  core::Errors config_errors;
  std::string profile;
  int exit_code = 0;
  report::TextOptions text;
  report::GithubOptions github;
};

std::string
render_report(const ReportTarget& target, const ReportInput& in)
{
  if (target.format == "json") {
    report::JsonOptions o;
    o.config_errors = in.config_errors;
    return report::render_json(*in.result, *in.keys, o);
  }
  if (target.format == "sarif") {
    report::SarifOptions o;
    o.catalog = in.catalog;
    o.more_catalogs = in.more_catalogs;
    o.profile = in.profile.empty() ? std::string("ap") : in.profile;
    o.docs_url = PRESSLINT_DOCS_URL;
    o.exit_code = in.exit_code;
    o.config_errors = in.config_errors;
    return report::render_sarif(*in.result, *in.keys, o);
  }
  if (target.format == "github") {
    report::GithubOptions o = in.github;
    o.config_errors = in.config_errors;
    return report::render_github(*in.result, *in.keys, o);
  }
  report::TextOptions o = in.text;
  if (!target.main) {
    o.color = false;
    o.show_source = false;
  }
  return report::render_text(*in.result, o);
}

// Writes every report; false when one could not be written. After a config
// error (config_errors set) the text report is not written: the errors went
// to standard error.
bool
write_reports(const std::vector<ReportTarget>& targets, const ReportInput& in)
{
  bool ok = true;
  for (const ReportTarget& t : targets) {
    if (!in.config_errors.empty() && t.format == "text") {
      continue;
    }
    const std::string text = render_report(t, in);
    if (t.to_stderr && (t.path.empty() || t.path == "-")) {
      std::fwrite(text.data(), 1, text.size(), stderr);
      std::fflush(stderr);
    } else if (!write_output(t.path, text)) {
      ok = false;
    }
  }
  return ok;
}

// Exit status 1 when a finding is at or above the threshold or there are
// too many warnings, else 0.
int
findings_status(const report::Totals& totals, core::Severity threshold, long max_warnings)
{
  const bool reached = (threshold == core::Severity::note
                        && totals.errors + totals.warnings + totals.notes > 0)
                       || (threshold == core::Severity::warning
                           && totals.errors + totals.warnings > 0)
                       || (threshold == core::Severity::error && totals.errors > 0);
  if (reached) {
    return 1;
  }
  if (max_warnings >= 0 && static_cast<long>(totals.warnings) > max_warnings) {
    return 1;
  }
  return 0;
}

// Writes a part of a report to standard output now.
void
write_now(const std::string& text)
{
  if (!text.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }
}

// The lint run when its only report is text or github annotations on
// standard output and nothing needs every file at once (no live link check,
// --fix, --baseline or report file): each file's part is written as soon as
// it and the files before it are linted, and only counts are kept.
int
lint_streamed(lint::Runner& runner,
              const std::string& format,
              const report::TextOptions& text,
              const report::GithubOptions& github,
              core::Severity threshold,
              long max_warnings,
              const std::function<int(const core::Errors&)>& config_failure)
{
  report::Totals totals;
  report::RepositoryPaths paths;
  bool failed = false; // an input that could not be read
  const lint::RunResult result = runner.run([&](lint::FileResult&& file) {
    if (file.failed) {
      failed = true;
      std::fprintf(stderr, "%s\n", file.error.format().c_str());
    }
    report::count_file(totals, file);
    write_now(format == "github" ? report::render_github_file(file, paths.of(file.path), github)
                                 : report::render_text_file(file, text));
  });
  if (!result.config_errors.empty()) {
    return config_failure(result.config_errors); // before any file was reported
  }
  write_now(format == "github"
              ? report::render_github_summary(totals, result.files_checked, result.links, github)
              : report::render_text_summary(totals, result.files_checked, result.links, text));
  return failed ? 2 : findings_status(totals, threshold, max_warnings);
}

// The run's runner, kept until the process ends: main() leaves with
// _Exit, so its rules, patterns and caches go back to the system at once
// rather than object by object. Under the sanitizers main() returns and
// it is destroyed with the other statics, so that leaks still show.
lint::Runner&
lasting_runner(const lint::RunOptions& options)
{
  static std::unique_ptr<lint::Runner> k_runner;
  k_runner = std::make_unique<lint::Runner>(options);
  return *k_runner;
}

int
cmd_lint(const std::vector<std::string>& args)
{
  CLI::App app{"presslint: a linter for press releases", "presslint"};
  app.footer("Subcommands (first word only): rules, explain RULE, init, test-rules, lsp\n"
             "Exit status: 0 no findings at or above --fail-on, 1 findings, 2 errors.");
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::vector<std::string> report_specs;
  std::string baseline_path;
  bool fix = false;
  std::string print_config_file;
  std::string config_path;
  std::string profile;
  std::vector<std::string> rule_dirs;
  std::vector<std::string> enables;
  std::vector<std::string> disables;
  std::string fail_on = "error";
  long max_warnings = -1;
  bool offline = false;
  bool no_cache = false;
  std::string cache_dir;
  std::string now_text;
  std::string stdin_filename;
  unsigned jobs = 0;
  std::string color = "auto";
  bool show_source = false;
  bool no_show_source = false;
  bool quiet = false;
  bool version = false;

  app.add_option("paths", paths, "files and folders to lint (default: .); - reads stdin");
  app.add_option("-f,--format", format, "report format: text, json, sarif or github")
    ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  app.add_option("-o,--output", output, "write the report to FILE (atomically)");
  // One value a flag, so that "--report sarif=x.sarif FILE" does not take FILE.
  app.add_option("--report", report_specs,
                 "also write a report in FORMAT to FILE, as FORMAT=FILE (repeatable)")
    ->allow_extra_args(false);
  app.add_option("--baseline", baseline_path,
                 "a SARIF report of an earlier run: its findings are not reported");
  app.add_flag("--fix", fix, "apply the safe fixes in place (atomically); report what remains");
  app.add_option("--print-config", print_config_file,
                 "print the configuration that applies to FILE");
  app.add_option("-c,--config", config_path, "config file (default: the nearest .presslint.yaml)");
  app.add_option("--profile", profile, "house style profile")
    ->check(CLI::IsMember({"ap", "wire", "uk", "gov-us"}));
  // One value a flag, so that "--enable RULE FILE" does not take FILE as a rule.
  app.add_option("--rules", rule_dirs, "an extra rule pack folder (repeatable)")
    ->allow_extra_args(false);
  app.add_option("--enable", enables, "turn a rule or a category on (repeatable)")
    ->allow_extra_args(false);
  app.add_option("--disable", disables, "turn a rule or a category off (repeatable)")
    ->allow_extra_args(false);
  app.add_option("--fail-on", fail_on, "lowest severity that makes the exit status 1")
    ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  app.add_option("--max-warnings", max_warnings, "exit 1 when more than N warnings");
  app.add_flag("--offline", offline,
               "no network: live link checks are skipped (also PRESSLINT_OFFLINE=1)");
  app.add_flag("--no-cache", no_cache, "do not read or write the link cache");
  app.add_option("--cache-dir", cache_dir,
                 "keep the link cache in DIR (default: the user's cache folder)");
  app.add_option("--now", now_text, "reference time for embargo checks (ISO 8601)");
  app.add_option("--stdin-filename", stdin_filename, "the name used for - input");
  app.add_option("-j,--jobs", jobs, "files linted in parallel (default: hardware threads)");
  app.add_option("--color", color, "colour in text output")
    ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--show-source", show_source, "show the source line and a caret");
  app.add_flag("--no-show-source", no_show_source, "do not show the source line");
  app.add_flag("-q,--quiet", quiet, "print only findings at or above --fail-on");
  app.add_flag("--version", version, "print the version");
  if (const int code = parse(app, args); code >= 0) {
    return code;
  }
  if (version) {
    std::printf("%s\n", version_string().c_str());
    return 0;
  }
  for (const std::string& p : paths) {
    if (is_subcommand(p)) {
      std::fprintf(stderr,
                   "presslint: \"%s\" is a subcommand and must come first; write ./%s for a "
                   "file or folder of that name\n",
                   p.c_str(), p.c_str());
      return 2;
    }
  }
  if (paths.empty()) {
    paths.emplace_back(".");
  }
  // PRESSLINT_OFFLINE=1 (any value but "" and "0") is --offline for a whole
  // environment, such as a test suite or a build sandbox.
  if (const char* env = std::getenv("PRESSLINT_OFFLINE");
      env != nullptr && env[0] != '\0' && std::string_view(env) != "0") {
    offline = true;
  }
  const bool reads_stdin = std::find(paths.begin(), paths.end(), "-") != paths.end();

  // The reports: the main one, then each --report in the order given.
  std::vector<ReportTarget> targets;
  targets.push_back(ReportTarget{format, output, fix && reads_stdin && output.empty(), true});
  for (const std::string& spec : report_specs) {
    const std::size_t eq = spec.find('=');
    const std::string name = eq == std::string::npos ? spec : spec.substr(0, eq);
    if (eq == std::string::npos || !is_format(name) || eq + 1 == spec.size()) {
      std::fprintf(stderr,
                   "presslint: --report \"%s\": expected FORMAT=FILE with FORMAT one of text, "
                   "json, sarif, github\n",
                   spec.c_str());
      return 2;
    }
    targets.push_back(ReportTarget{name, spec.substr(eq + 1), false, false});
  }

  lint::RunOptions options;
  options.paths = paths;
  options.stdin_filename = stdin_filename;
  options.config_path = config_path;
  options.profile = profile;
  options.rule_dirs = rule_dirs;
  options.toggles = ordered_toggles(args);
  options.jobs = jobs;
  options.live_links = !offline;
  options.offline = offline;
  options.no_cache = no_cache;
  options.cache_dir = cache_dir;
  options.link_progress = ::isatty(STDERR_FILENO) != 0;
  // Of the reports, only SARIF shows the rules' docs.
  options.rule_docs = std::any_of(targets.begin(), targets.end(),
                                  [](const ReportTarget& t) { return t.format == "sarif"; });
  if (now_text.empty()) {
    options.now = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now());
  } else if (auto t = parse_iso8601(now_text)) {
    options.now = *t;
  } else {
    std::fprintf(stderr, "presslint: --now: \"%s\" is not an ISO 8601 time\n", now_text.c_str());
    return 2;
  }
  if (reads_stdin) {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    options.stdin_text = ss.str();
  }
  const std::chrono::sys_seconds now = options.now;
  // The text the "-" input would be written back as: unchanged unless fixed.
  std::string fixed_stdin = options.stdin_text;

  const auto threshold = fail_on == "never" ? core::Severity::off
                                            : *core::parse_severity(fail_on);
  ReportInput in;
  in.profile = profile;
  const bool main_is_tty =
    output.empty() && ::isatty(targets.front().to_stderr ? STDERR_FILENO : STDOUT_FILENO) != 0;
  in.text.color =
    color == "always" || (color == "auto" && main_is_tty && std::getenv("NO_COLOR") == nullptr);
  in.text.show_source = no_show_source ? false : (show_source || main_is_tty);
  in.text.quiet = quiet;
  in.text.min_severity = threshold == core::Severity::off ? core::Severity::error : threshold;
  in.github.quiet = quiet;
  in.github.min_severity = in.text.min_severity;

  // A config, rule-file or baseline error stops the run: the errors go to
  // standard error and into the reports for machines; exit status 2.
  lint::RunResult empty;
  report::RunKeys no_keys;
  auto config_failure = [&](const core::Errors& errors, const rules::Catalog* catalog) {
    print_errors(errors);
    in.result = &empty;
    in.keys = &no_keys;
    in.catalog = catalog;
    in.config_errors = errors;
    in.exit_code = 2;
    write_reports(targets, in);
    if (fix && reads_stdin) {
      std::fwrite(fixed_stdin.data(), 1, fixed_stdin.size(), stdout);
      std::fflush(stdout);
    }
    return 2;
  };

  lint::Runner& runner = lasting_runner(options);
  core::Errors errors;
  if (!runner.prepare(errors)) {
    return config_failure(errors, &runner.catalog());
  }
  if (!print_config_file.empty()) {
    return print_config(runner, print_config_file);
  }
  std::set<std::string> baseline;
  if (!baseline_path.empty()) {
    core::Error error;
    if (!report::load_baseline(baseline_path, baseline, error)) {
      return config_failure({error}, &runner.catalog());
    }
  }
  // Text or github annotations on standard output, and nothing that needs
  // every file at once: streamed.
  if (offline && !fix && baseline_path.empty() && targets.size() == 1
      && (format == "text" || format == "github") && (output.empty() || output == "-")
      && !targets.front().to_stderr) {
    return lint_streamed(runner, format, in.text, in.github, threshold, max_warnings,
                         [&](const core::Errors& config_errors) {
                           return config_failure(config_errors, &runner.catalog());
                         });
  }
  lint::RunResult result = runner.run();
  if (!result.config_errors.empty()) {
    return config_failure(result.config_errors, &runner.catalog());
  }

  for (const std::string& w : result.links.warnings) {
    std::fprintf(stderr, "presslint: warning: %s\n", w.c_str());
  }
  bool failed = false; // an input that could not be read, fixes not written, no live checks
  if (!result.links.error.empty()) {
    std::fprintf(stderr, "presslint: error: %s\n", result.links.error.c_str());
    failed = true;
  }
  for (const lint::FileResult& f : result.files) {
    if (f.failed) {
      failed = true;
      std::fprintf(stderr, "%s\n", f.error.format().c_str());
    }
  }
  if (fix) {
    lint::FixRunOptions fix_options;
    if (reads_stdin) {
      fix_options.stdin_name = stdin_filename.empty() ? std::string("<stdin>") : stdin_filename;
      fix_options.stdin_text = &fixed_stdin;
    }
    const lint::FixRunReport fixed = lint::fix_run(runner, result, now, fix_options);
    for (const std::string& m : fixed.messages) {
      std::fprintf(stderr, "%s\n", m.c_str());
    }
    failed = failed || fixed.write_failed;
    if (reads_stdin) {
      std::fwrite(fixed_stdin.data(), 1, fixed_stdin.size(), stdout);
      std::fflush(stdout);
    }
  }

  report::RunKeys keys = report::compute_keys(result);
  if (!baseline_path.empty()) {
    report::apply_baseline(result, keys, baseline);
  }
  in.result = &result;
  in.keys = &keys;
  in.catalog = &runner.catalog();
  in.more_catalogs = runner.pack_catalogs();
  in.exit_code = failed ? 2 : findings_status(report::count(result), threshold, max_warnings);
  if (!write_reports(targets, in)) {
    return 2;
  }
  return in.exit_code;
}

} // namespace

int
run(int argc, char** argv)
{
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && is_subcommand(args.front())) {
      const std::string sub = args.front();
      const std::vector<std::string> rest(args.begin() + 1, args.end());
      if (sub == "rules") {
        return cmd_rules(rest);
      }
      if (sub == "explain") {
        return cmd_explain(rest);
      }
      if (sub == "init") {
        return cmd_init(rest);
      }
      if (sub == "test-rules") {
        return cmd_test_rules(rest);
      }
      return lsp::run_stdio(rest);
    }
    return cmd_lint(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "presslint: internal error: %s\n", e.what());
    return 2;
  }
}

} // namespace presslint::cli
