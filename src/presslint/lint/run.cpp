#include <presslint/lint/run.hpp>

#include <presslint/core/crew.hpp>
#include <presslint/core/read_file.hpp>
#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

namespace fs = std::filesystem;

namespace presslint::lint {

namespace {

bool
read_all(const std::string& path, std::string& out, std::string& why)
{
  const core::ReadStatus status = core::read_file(path, out, document::k_max_file_size);
  if (status == core::ReadStatus::ok) {
    return true;
  }
  if (status == core::ReadStatus::too_large) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec); // a pipe has none
    why = !ec && size > document::k_max_file_size
            ? fmt::format("file is too large ({} MB; the limit is {} MB)", size / (1024 * 1024),
                          document::k_max_file_size / (1024 * 1024))
            : fmt::format("file is too large (the limit is {} MB)",
                          document::k_max_file_size / (1024 * 1024));
  } else {
    why = core::describe(status);
  }
  return false;
}

// What reports do not read of a linted document: its blocks, lines and
// anchors, and its links unless `keep_links` (the live checks read them).
// Its source and position tables stay.
void
drop_lint_data(document::Document& doc, bool keep_links)
{
  std::vector<document::Block>().swap(doc.blocks);
  std::vector<document::Line>().swap(doc.lines);
  std::vector<std::string>().swap(doc.anchors);
  if (!keep_links) {
    std::vector<document::Link>().swap(doc.links);
  }
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
      if (files.empty()) {
        files = std::move(found);
      } else {
        files.insert(files.end(), std::make_move_iterator(found.begin()),
                     std::make_move_iterator(found.end()));
      }
    } else {
      files.push_back(p);
    }
  }
  if (paths.size() < 2) {
    return files; // one folder's walk names each file once
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
  // The working directory, taken once: relative paths are found from it.
  fs::path cwd;
  rules::Catalog catalog;
  std::mutex mutex;
  // Config discovery and rule sets, cached by folder and by config file.
  std::map<std::string, std::string> config_by_dir;
  std::map<std::string, std::string, std::less<>> folder_of_named;
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
  // Threads for the next run, started by prepare() (see run()), and
  // whether they were given collect_ahead() and warm_up(). They use the
  // members above and below: ~Impl() ends them first.
  std::unique_ptr<core::Crew> early_crew;
  bool warming = false;

  // The files to lint, listed by a helper while the rules load.
  struct Listing
  {
    enum State : int { idle = 0, asked = 1, listing = 2, listed = 3 };
    std::atomic<int> state{idle};
    std::vector<std::string> files;
    std::vector<FileResult> failures;
    bool ok = false; // false: run() lists them itself
  };
  Listing listing;

  void collect_ahead()
  {
    int expected = Listing::asked;
    if (!listing.state.compare_exchange_strong(expected, Listing::listing,
                                               std::memory_order_acq_rel)) {
      return; // run() took it back
    }
    try {
      listing.files = collect_files(options.paths, listing.failures);
      listing.ok = true;
    } catch (...) { // NOLINT(bugprone-empty-catch): run() lists them again
    }
    listing.state.store(Listing::listed, std::memory_order_release);
  }

  // collect_files(), or what collect_ahead() found.
  std::vector<std::string> take_files(std::vector<FileResult>& failures)
  {
    int expected = Listing::asked;
    if (listing.state.compare_exchange_strong(expected, Listing::idle,
                                              std::memory_order_acq_rel)) {
      return collect_files(options.paths, failures); // not begun: no wait
    }
    if (expected == Listing::idle) {
      return collect_files(options.paths, failures);
    }
    // Being listed: a matter of a millisecond, not worth a sleep (but the
    // processor is offered now and then, should the helper share it).
    for (unsigned n = 1; listing.state.load(std::memory_order_acquire) != Listing::listed; ++n) {
      if (n % 64 == 0) {
        std::this_thread::yield();
      } else {
        core::Crew::pause();
      }
    }
    listing.state.store(Listing::idle, std::memory_order_relaxed);
    if (!listing.ok) {
      listing.failures.clear();
      return collect_files(options.paths, failures);
    }
    failures = std::move(listing.failures);
    return std::move(listing.files);
  }

  // A file in the first input's folder, whose rule set most files of a run
  // use (empty: none to guess).
  std::string first_probe() const
  {
    std::string probe = options.paths.empty() ? std::string() : options.paths.front();
    if (probe == "-") {
      probe = options.stdin_filename;
    }
    std::error_code ec;
    if (!probe.empty() && fs::is_directory(probe, ec)) {
      probe = (fs::path(probe) / "-").string(); // a file in that folder
    }
    return probe;
  }

  // What run() will need first, made by a helper thread while the calling
  // one lists the files and finds their rule sets: the rule set of the
  // first input's folder (a guess: a run whose files need another rule set
  // makes that one as usual), and the patterns that almost every release
  // needs, which are otherwise compiled on first use. Errors are kept with
  // the rule set, and reported by run() for the files they concern.
  void warm_up()
  {
    const std::string probe = first_probe();
    if (probe.empty()) {
      return;
    }
    core::Errors errs;
    const rules::RuleSet* set = rule_set_for(probe, nullptr, errs);
    if (set == nullptr) {
      return;
    }
    if (set->screen) {
      set->screen->compile();
    }
    catalog_for(set).region_matcher().compile_all();
  }

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { early_crew.reset(); }

  // Threads to start beside the calling one for `files` files.
  unsigned helpers_for(std::size_t files) const
  {
    unsigned jobs = options.jobs;
    if (jobs == 0) {
      jobs = std::max(1U, std::thread::hardware_concurrency());
    }
    return static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(files, 1))) - 1;
  }

  const rules::RuleSet* rule_set_for(const std::string& path,
                                     const rules::Config** config_out,
                                     core::Errors& errors)
  {
    std::lock_guard<std::mutex> lock(mutex);
    std::string config_path = options.config_path;
    if (config_path.empty()) {
      // The folder as named (up to and with the last '/'), then as found
      // from the working directory: the files of a folder share the first.
      const std::size_t slash = path.rfind('/');
      const std::string_view named =
        std::string_view(path).substr(0, slash == std::string::npos ? 0 : slash + 1);
      auto folder = folder_of_named.find(named);
      if (folder == folder_of_named.end()) {
        const fs::path p(path);
        folder = folder_of_named
                   .emplace(std::string(named),
                            (p.is_absolute() ? p : cwd / p).parent_path().lexically_normal().string())
                   .first;
      }
      const std::string& dir = folder->second;
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
          own->load_builtin(errs, docs());
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

  // A file to report, in report order.
  struct Entry
  {
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::string path;                   // as reported
    bool from_stdin = false;
    std::size_t failure = npos;         // an index of collect_files' failures
    const rules::RuleSet* set = nullptr;
    const rules::Config* config = nullptr;
    const rules::Catalog* catalog = nullptr; // catalog_for(set)
  };

  static links::LiveFile live_file(const document::Document& doc,
                                   const Entry& e,
                                   std::vector<core::Finding>& findings)
  {
    return links::LiveFile{&doc, e.set, e.config != nullptr ? &e.config->links : nullptr,
                           &findings};
  }

  RunResult run(const FileSink* sink);

  [[nodiscard]] rules::Catalog::Docs docs() const
  {
    return options.rule_docs ? rules::Catalog::Docs::load : rules::Catalog::Docs::skip;
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
  std::error_code ec;
  m_impl->cwd = fs::current_path(ec);
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
  // A run over several files or a folder starts a helper thread here, for
  // what the run needs first: the list of files, and (warm_up) its first
  // rule set and patterns once the rules are loaded. It starts while the
  // built-in rules load, unless rule packs load too: the pack loader's
  // threads would then share the processors with it.
  std::size_t inputs = m_impl->options.paths.size();
  for (const std::string& p : m_impl->options.paths) {
    std::error_code ec;
    if (p != "-" && fs::is_directory(p, ec)) {
      inputs = std::numeric_limits<std::size_t>::max();
    }
  }
  const auto start_crew = [&] {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    if (inputs > 1 && !m_impl->early_crew) {
      // One helper, for the work ahead: a folder may hold three files, and
      // run() adds the helpers its files need.
      m_impl->early_crew = std::make_unique<core::Crew>(std::min(m_impl->helpers_for(inputs), 1U));
      if (m_impl->early_crew->helpers() > 0) {
        // The folders are walked meanwhile.
        m_impl->listing.state.store(Impl::Listing::asked, std::memory_order_relaxed);
        m_impl->early_crew->ahead([impl = m_impl.get()] { impl->collect_ahead(); });
      }
    }
  };
  if (m_impl->options.rule_dirs.empty()) {
    start_crew();
  }
  m_impl->catalog.load_builtin(errors, m_impl->docs());
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
  if (errors.size() != before) {
    return false;
  }
  start_crew();
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  if (m_impl->early_crew && !m_impl->warming) {
    m_impl->warming = true;
    m_impl->early_crew->ahead([impl = m_impl.get()] { impl->warm_up(); });
  }
  return true;
}

const rules::RuleSet*
Runner::rule_set_for(const std::string& path, const rules::Config** config, core::Errors& errors)
{
  return m_impl->rule_set_for(path, config, errors);
}

RunResult
Runner::run()
{
  return m_impl->run(nullptr);
}

RunResult
Runner::run(const FileSink& sink)
{
  return m_impl->run(&sink);
}

RunResult
Runner::Impl::run(const FileSink* sink)
{
  RunResult result;
  std::vector<FileResult> failures;
  if (listing.state.load(std::memory_order_acquire) != Listing::idle) {
    // While a helper lists the files: the first folder's rule set, which
    // the helper's warm_up() then finds made.
    const std::string probe = first_probe();
    core::Errors errs;
    if (!probe.empty()) {
      rule_set_for(probe, nullptr, errs);
    }
  }
  const std::vector<std::string> files = take_files(failures);

  // Every file to report, with its rule set, before any is linted: a config
  // error stops the run with nothing reported (each folder's config is
  // read once, and later files reuse it).
  std::vector<Entry> entries;
  entries.reserve(failures.size() + files.size());
  for (std::size_t i = 0; i < failures.size(); ++i) {
    Entry e;
    e.path = failures[i].path;
    e.failure = i;
    entries.push_back(std::move(e));
  }
  std::set<std::string> seen_config_errors;
  for (const std::string& file : files) {
    Entry e;
    e.from_stdin = file == "-";
    e.path = e.from_stdin ? (options.stdin_filename.empty() ? std::string("<stdin>")
                                                            : options.stdin_filename)
                          : file;
    // "-" is looked up (config, ignore globs) by its --stdin-filename.
    core::Errors errs;
    e.set = rule_set_for(e.path, &e.config, errs);
    if (!errs.empty()) {
      for (const core::Error& err : errs) {
        if (seen_config_errors.insert(err.format()).second) {
          result.config_errors.push_back(err);
        }
      }
      continue;
    }
    if (e.config != nullptr && rules::is_ignored(*e.config, e.path)) {
      continue; // ignored: not checked
    }
    e.catalog = entries.empty() || entries.back().set != e.set ? &catalog_for(e.set)
                                                                : entries.back().catalog;
    entries.push_back(std::move(e));
  }
  if (!result.config_errors.empty()) {
    std::sort(result.config_errors.begin(), result.config_errors.end(),
              [](const core::Error& a, const core::Error& b) {
                return std::tie(a.path, a.line, a.column, a.message)
                       < std::tie(b.path, b.line, b.column, b.message);
              });
    return result;
  }
  // Report order: by path; the failures of collect_files first among equal
  // paths, then the files in the order collected. Files are linted in this
  // order too, so that few wait in the reorder buffer below.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.path < b.path; });
  result.files_checked = entries.size();

  // Live checks need every file's links; without them (offline, or not
  // asked for) each file is passed on as soon as it and the files before it
  // are done, its web links only counted.
  const bool count_links = options.live_links || options.offline;
  const bool live = options.live_links && !options.offline;
  const bool stream = sink != nullptr && !live;
  std::atomic<std::size_t> web_links{0};

  // Without streaming: the files in report order, and their documents (the
  // same objects, not const) so that their links can go after the live
  // checks.
  std::vector<std::shared_ptr<document::Document>> documents;
  std::vector<std::size_t> entry_of;
  if (!stream) {
    result.files.reserve(entries.size());
    documents.reserve(entries.size());
    entry_of.reserve(entries.size());
  }

  // The threads that lint beside this one: those prepare() started, or
  // started now. With one file or none, this one alone (a helper still
  // busy making ahead what this file needs is not waited for).
  const auto linted = static_cast<std::size_t>(std::count_if(
    entries.begin(), entries.end(), [](const Entry& e) { return e.failure == Entry::npos; }));
  std::unique_ptr<core::Crew> crew;
  if (linted > 1) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      crew = std::move(early_crew);
    }
    if (!crew) {
      crew = std::make_unique<core::Crew>(helpers_for(linted));
    } else if (crew->helpers() < helpers_for(linted)) {
      crew->add(helpers_for(linted) - crew->helpers());
    }
  }
  const auto jobs = static_cast<unsigned>(
    crew ? std::min<std::size_t>(crew->helpers() + 1, linted) : 1);
  result.jobs = jobs;

  // The reorder buffer: results that are done but wait for an earlier one,
  // by their place in `entries`. One thread at a time passes results on,
  // outside the lock; the others leave theirs in `waiting` and go on
  // linting.
  //
  // A result goes back to the job that made it to be freed (`spent`), and
  // the buffer itself is allocated before the jobs start: glibc's allocator
  // frees a block under the lock of the heap it came from, which the
  // block's maker holds whenever it allocates, so that freeing across
  // threads makes them wait on each other.
  struct Done
  {
    FileResult result;
    std::shared_ptr<document::Document> document;
    unsigned maker = 0; // the job that made it (0: the calling thread)
  };
  std::mutex pending_mutex;
  std::vector<std::unique_ptr<Done>> waiting(entries.size());
  std::vector<std::vector<std::unique_ptr<Done>>> spent(jobs);
  std::vector<std::vector<std::unique_ptr<Done>>> freeing(jobs);
  for (unsigned t = 0; t < jobs; ++t) {
    spent[t].reserve(256);
    freeing[t].reserve(256);
  }
  std::size_t next_out = 0;
  bool passing_on = false;
  auto finish = [&](unsigned self, std::size_t k, std::unique_ptr<Done> item) {
    std::unique_lock<std::mutex> lock(pending_mutex);
    freeing[self].swap(spent[self]);
    if (item) {
      waiting[k] = std::move(item);
    }
    if (!passing_on) {
      passing_on = true;
      while (next_out < waiting.size() && waiting[next_out]) {
        std::unique_ptr<Done> done = std::move(waiting[next_out]);
        const std::size_t index = next_out++;
        lock.unlock();
        if (stream) {
          (*sink)(std::move(done->result));
        } else {
          result.files.push_back(std::move(done->result));
          documents.push_back(std::move(done->document));
          entry_of.push_back(index);
        }
        if (done->maker == self) {
          done.reset();
        }
        lock.lock();
        if (done) {
          spent[done->maker].push_back(std::move(done));
        }
      }
      passing_on = false;
    }
    lock.unlock();
    freeing[self].clear(); // this job's results, passed on by another
  };

  std::vector<std::size_t> to_lint;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (entries[k].failure != Entry::npos) {
      waiting[k] = std::make_unique<Done>();
      waiting[k]->result = std::move(failures[entries[k].failure]);
    } else {
      to_lint.push_back(k);
    }
  }
  finish(0, 0, nullptr); // failures that come first

  // An exception in a job (the sink's, say, or no memory) stops every job
  // after its file, and leaves run() once all have stopped.
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<std::size_t> next{0};
  auto lint_files = [&](unsigned self) {
    while (!stop.load(std::memory_order_relaxed)) {
      const std::size_t n = next.fetch_add(1);
      if (n >= to_lint.size()) {
        return;
      }
      const std::size_t k = to_lint[n];
      const Entry& e = entries[k];
      auto done = std::make_unique<Done>();
      done->maker = self;
      FileResult& r = done->result;
      r.path = e.path;
      r.from_stdin = e.from_stdin;
      std::string bytes;
      std::string why;
      if (e.from_stdin) {
        bytes = options.stdin_text;
      } else if (!read_all(e.path, bytes, why)) {
        r.failed = true;
        r.error = core::Error{r.path, 0, 0, why, {}};
        finish(self, k, std::move(done));
        continue;
      }
      document::Format format = document::Format::markdown;
      document::format_from_path(r.path, format);
      auto doc = std::make_shared<document::Document>();
      if (!document::read_document(r.path, std::move(bytes), format, *doc, r.error)) {
        r.failed = true;
        finish(self, k, std::move(done));
        continue;
      }
      r.findings = lint_document(*doc, *e.set, e.catalog->region_matcher(), options.now);
      if (stream && count_links) {
        links::LiveOptions lo;
        lo.offline = true;
        const links::LiveSummary s = links::check_live(
          {live_file(*doc, e, r.findings)}, lo);
        web_links += s.links;
      }
      drop_lint_data(*doc, !stream && count_links);
      r.document = doc;
      if (!stream) {
        done->document = std::move(doc);
      }
      finish(self, k, std::move(done));
    }
  };
  const std::function<void(unsigned)> work = [&](unsigned self) {
    try {
      lint_files(self);
    } catch (...) {
      {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) {
          failure = std::current_exception();
        }
      }
      stop.store(true, std::memory_order_relaxed);
    }
  };
  // The calling thread is one of the jobs.
  if (crew) {
    crew->run(jobs, work);
  } else {
    work(0);
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
  finish(0, 0, nullptr);
  spent.clear(); // the other jobs' results: no thread allocates any more

  if (stream) {
    if (count_links) {
      result.links.offline = true;
      result.links.links = web_links;
    }
    return result;
  }
  if (count_links) {
    // After every file is linted: their web links, each URL checked once.
    std::vector<links::LiveFile> live_files(result.files.size());
    for (std::size_t i = 0; i < result.files.size(); ++i) {
      if (documents[i]) {
        live_files[i] = live_file(*documents[i], entries[entry_of[i]], result.files[i].findings);
      }
    }
    links::LiveOptions lo;
    lo.offline = !live;
    lo.no_cache = options.no_cache;
    lo.cache_dir = options.cache_dir;
    lo.progress = options.link_progress;
    lo.now = std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count();
    result.links = links::check_live(live_files, lo);
    for (const auto& doc : documents) {
      if (doc) {
        drop_lint_data(*doc, false);
      }
    }
  }
  documents.clear();
  if (sink != nullptr) {
    for (FileResult& r : result.files) {
      (*sink)(std::move(r));
      r = FileResult{};
    }
    result.files.clear();
  }
  return result;
}

} // namespace presslint::lint
