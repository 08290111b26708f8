#include <presslint/lint/run.hpp>

#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace presslint::lint {

namespace {

bool
read_all(const std::string& path, std::string& out, std::string& why)
{
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    why = "is a folder";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = fs::exists(path, ec) ? "cannot be read (permission denied?)" : "no such file";
    return false;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > document::k_max_file_size) {
    why = fmt::format("file is too large ({} MB; the limit is {} MB)", size / (1024 * 1024),
                      document::k_max_file_size / (1024 * 1024));
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    why = "read error";
    return false;
  }
  out = ss.str();
  return true;
}

bool
is_hidden_dir(const fs::path& p)
{
  const std::string name = p.filename().string();
  return (name.size() > 1 && name[0] == '.' && name != "..") || name == "node_modules";
}

} // namespace

std::vector<std::string>
collect_files(const std::vector<std::string>& paths, std::vector<FileResult>& failures)
{
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") {
      files.push_back(p);
      continue;
    }
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        FileResult f;
        f.path = p;
        f.failed = true;
        f.error = core::Error{p, 0, 0, "cannot read folder: " + ec.message(), {}};
        failures.push_back(std::move(f));
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
          break;
        }
        // Symbolic links to folders are not followed (no loops); hidden
        // folders (.git) and node_modules are skipped.
        if (it->is_directory(ec)) {
          if (is_hidden_dir(it->path())) {
            it.disable_recursion_pending();
          }
          continue;
        }
        document::Format format;
        // Reported as the user named the folder: "./a.md" for ".".
        const std::string s = it->path().generic_string();
        if (document::format_from_path(s, format) && !it->is_directory(ec)) {
          // A FIFO, socket or device would block or never end: reported,
          // not read.
          if (it->is_fifo(ec) || it->is_socket(ec) || it->is_block_file(ec)
              || it->is_character_file(ec)) {
            FileResult f;
            f.path = s;
            f.failed = true;
            f.error = core::Error{s, 0, 0, "not a regular file", {}};
            failures.push_back(std::move(f));
            continue;
          }
          found.push_back(s);
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (const std::string& f : files) {
    if (seen.insert(f).second) {
      unique.push_back(f);
    }
  }
  return unique;
}

struct Runner::Impl
{
  RunOptions options;
  rules::Catalog catalog;
  std::mutex mutex;
  // Config discovery and rule sets, cached by folder and by config file.
  std::map<std::string, std::string> config_by_dir;
  std::map<std::string, std::unique_ptr<rules::Config>> configs;
  std::map<std::string, std::unique_ptr<rules::RuleSet>> rule_sets;
  std::map<std::string, core::Errors> config_errors;
  std::vector<std::string> cli_packs;
  // A config that loads rule packs gets a catalogue of its own (the built-in
  // rules, the --rules packs and its packs), by its pack folders: a
  // catalogue is never changed once a rule set points into it, so threads
  // that lint with one rule set are not disturbed by a folder that loads
  // another pack.
  std::map<std::vector<std::string>, std::unique_ptr<rules::Catalog>> pack_catalogs;
  std::map<const rules::RuleSet*, const rules::Catalog*> catalog_of;
  core::Errors reported_config_errors;
  std::set<std::string> reported;

  const rules::RuleSet* rule_set_for(const std::string& path,
                                     const rules::Config** config_out,
                                     core::Errors& errors)
  {
    std::lock_guard<std::mutex> lock(mutex);
    std::string config_path = options.config_path;
    if (config_path.empty()) {
      std::error_code ec;
      const std::string dir =
        fs::absolute(fs::path(path), ec).parent_path().lexically_normal().string();
      auto it = config_by_dir.find(dir);
      if (it == config_by_dir.end()) {
        it = config_by_dir.emplace(dir, rules::find_config(dir)).first;
      }
      config_path = it->second;
    }
    auto rs = rule_sets.find(config_path);
    if (rs == rule_sets.end()) {
      auto config = std::make_unique<rules::Config>();
      core::Errors errs;
      if (!config_path.empty()) {
        rules::load_config(config_path, *config, errs);
      }
      std::vector<std::string> packs = cli_packs;
      rules::Catalog* cat = &catalog;
      if (!config->rule_dirs.empty()) {
        auto& own = pack_catalogs[config->rule_dirs];
        if (!own) {
          own = std::make_unique<rules::Catalog>();
          own->load_builtin(errs);
          for (const std::string& dir : cli_packs) {
            if (dir != "builtin") {
              own->load_pack(dir, errs);
            }
          }
          for (const std::string& dir : config->rule_dirs) {
            own->load_pack(dir, errs);
          }
        }
        cat = own.get();
        packs.insert(packs.end(), config->rule_dirs.begin(), config->rule_dirs.end());
      }
      if (errs.empty()) {
        rules::check_config_rules(*config, *cat, errs);
      }
      std::unique_ptr<rules::RuleSet> set;
      if (errs.empty()) {
        set = rules::build_rule_set(*cat, *config, options.profile, options.toggles, packs,
                                    errs);
        catalog_of[set.get()] = cat;
      }
      config_errors[config_path] = errs;
      configs[config_path] = std::move(config);
      rs = rule_sets.emplace(config_path, std::move(set)).first;
    }
    const core::Errors& errs = config_errors[config_path];
    errors.insert(errors.end(), errs.begin(), errs.end());
    if (config_out != nullptr) {
      *config_out = configs[config_path].get();
    }
    return errs.empty() ? rs->second.get() : nullptr;
  }

  // The catalogue a rule set was built from.
  const rules::Catalog& catalog_for(const rules::RuleSet* set)
  {
    std::lock_guard<std::mutex> lock(mutex);
    const auto it = catalog_of.find(set);
    return it == catalog_of.end() ? catalog : *it->second;
  }
};

Runner::Runner(RunOptions options) : m_impl(std::make_unique<Impl>())
{
  m_impl->options = std::move(options);
}

Runner::~Runner() = default;

const rules::Catalog&
Runner::catalog() const
{
  return m_impl->catalog;
}

std::vector<const rules::Catalog*>
Runner::pack_catalogs() const
{
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  std::vector<const rules::Catalog*> out;
  for (const auto& [dirs, catalog] : m_impl->pack_catalogs) {
    out.push_back(catalog.get());
  }
  return out;
}

const rules::Rule*
Runner::find_rule(std::string_view id) const
{
  if (const rules::Rule* rule = m_impl->catalog.find(id)) {
    return rule;
  }
  for (const rules::Catalog* c : pack_catalogs()) {
    if (const rules::Rule* rule = c->find(id)) {
      return rule;
    }
  }
  return nullptr;
}

bool
Runner::prepare(core::Errors& errors)
{
  const std::size_t before = errors.size();
  m_impl->catalog.load_builtin(errors);
  m_impl->cli_packs.emplace_back("builtin");
  for (const std::string& dir : m_impl->options.rule_dirs) {
    const std::string abs = fs::absolute(dir).lexically_normal().string();
    m_impl->catalog.load_pack(abs, errors);
    m_impl->cli_packs.push_back(abs);
  }
  if (!m_impl->options.config_path.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(m_impl->options.config_path, ec)) {
      errors.push_back(core::Error{m_impl->options.config_path, 0, 0, "config file not found", {}});
    } else {
      m_impl->options.config_path =
        fs::absolute(m_impl->options.config_path).lexically_normal().string();
      m_impl->rule_set_for(m_impl->options.config_path, nullptr, errors);
    }
  }
  for (const rules::Toggle& t : m_impl->options.toggles) {
    if (m_impl->catalog.find(t.key) == nullptr && !m_impl->catalog.has_category(t.key)) {
      errors.push_back(core::Error{t.enable ? "--enable" : "--disable", 0, 0,
                                   fmt::format("unknown rule or category \"{}\"", t.key), {}});
    }
  }
  return errors.size() == before;
}

const rules::RuleSet*
Runner::rule_set_for(const std::string& path, const rules::Config** config, core::Errors& errors)
{
  return m_impl->rule_set_for(path, config, errors);
}

RunResult
Runner::run()
{
  RunResult result;
  std::vector<FileResult> failures;
  const std::vector<std::string> files = collect_files(m_impl->options.paths, failures);
  std::vector<FileResult> results(files.size());
  std::vector<links::LiveFile> live(files.size());
  std::atomic<std::size_t> next{0};
  std::mutex errors_mutex;
  std::set<std::string> seen_config_errors;

  auto work = [&] {
    while (true) {
      const std::size_t i = next.fetch_add(1);
      if (i >= files.size()) {
        return;
      }
      FileResult& r = results[i];
      const bool is_stdin = files[i] == "-";
      r.from_stdin = is_stdin;
      r.path = is_stdin ? (m_impl->options.stdin_filename.empty() ? std::string("<stdin>")
                                                                  : m_impl->options.stdin_filename)
                        : files[i];
      const std::string lookup = is_stdin ? r.path : files[i];
      core::Errors errs;
      const rules::Config* config = nullptr;
      const rules::RuleSet* set = m_impl->rule_set_for(lookup, &config, errs);
      if (!errs.empty()) {
        std::lock_guard<std::mutex> lock(errors_mutex);
        for (const core::Error& e : errs) {
          const std::string key = e.format();
          if (seen_config_errors.insert(key).second) {
            result.config_errors.push_back(e);
          }
        }
        r.path.clear();
        continue;
      }
      if (config != nullptr && rules::is_ignored(*config, lookup)) {
        r.path.clear(); // ignored: not checked
        continue;
      }
      std::string bytes;
      std::string why;
      if (is_stdin) {
        bytes = m_impl->options.stdin_text;
      } else if (!read_all(files[i], bytes, why)) {
        r.failed = true;
        r.error = core::Error{r.path, 0, 0, why, {}};
        continue;
      }
      document::Format format = document::Format::markdown;
      document::format_from_path(r.path, format);
      auto doc = std::make_shared<document::Document>();
      if (!document::read_document(r.path, std::move(bytes), format, *doc, r.error)) {
        r.failed = true;
        continue;
      }
      r.findings = lint_document(*doc, *set, m_impl->catalog_for(set).region_matcher(),
                                 m_impl->options.now);
      live[i] = links::LiveFile{doc.get(), set, config != nullptr ? &config->links : nullptr,
                                &r.findings};
      r.document = std::move(doc);
    }
  };
  unsigned jobs = m_impl->options.jobs;
  if (jobs == 0) {
    jobs = std::max(1U, std::thread::hardware_concurrency());
  }
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(files.size(), 1)));
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs; ++t) {
      threads.emplace_back(work);
    }
    for (auto& t : threads) {
      t.join();
    }
  }
  if (m_impl->options.live_links || m_impl->options.offline) {
    // After every file is linted: their web links, each URL checked once.
    links::LiveOptions lo;
    lo.offline = m_impl->options.offline || !m_impl->options.live_links;
    lo.no_cache = m_impl->options.no_cache;
    lo.cache_dir = m_impl->options.cache_dir;
    lo.progress = m_impl->options.link_progress;
    lo.now = std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count();
    result.links = links::check_live(live, lo);
  }
  for (FileResult& r : failures) {
    result.files.push_back(std::move(r));
  }
  for (FileResult& r : results) {
    if (!r.path.empty()) {
      result.files.push_back(std::move(r));
    }
  }
  result.files_checked = result.files.size();
  std::stable_sort(result.files.begin(), result.files.end(),
                   [](const FileResult& a, const FileResult& b) { return a.path < b.path; });
  std::sort(result.config_errors.begin(), result.config_errors.end(),
            [](const core::Error& a, const core::Error& b) {
              return std::tie(a.path, a.line, a.column, a.message)
                     < std::tie(b.path, b.line, b.column, b.message);
            });
  return result;
}

} // namespace presslint::lint
