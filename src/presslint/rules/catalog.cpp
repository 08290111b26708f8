#include <presslint/checks/check.hpp>
#include <presslint/core/read_file.hpp>
#include <presslint/core/thread.hpp>
#include <presslint/rules/embedded.hpp>
#include <presslint/rules/rule.hpp>
#include <presslint/rules/yaml_binary.hpp>
#include <presslint/rules/yaml_tree.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace presslint::rules {

bool
is_profile(std::string_view name)
{
  return std::find(k_profiles.begin(), k_profiles.end(), name) != k_profiles.end();
}

namespace {

// Below this many rule files, a pack loads on the calling thread alone.
constexpr std::size_t k_parallel_files = 8;

// "category.name", in lower case with hyphens.
bool
is_rule_id(const std::string& id)
{
  static const RE2 k_id(R"([a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*)");
  return RE2::FullMatch(id, k_id);
}

bool
is_data_path(std::string_view rel)
{
  return rel.starts_with("data/");
}

std::vector<std::string>
scalar_list(const YamlNode* node)
{
  std::vector<std::string> out;
  if (node != nullptr) {
    for (const YamlNode& item : node->items) {
      out.push_back(item.value);
    }
  }
  return out;
}

// Loads one parameter map (from a rule file, a profile or a config) into
// `out`, checking each key and value against the kind.
bool
load_param_map(const checks::KindSpec& kind,
               const YamlNode& map,
               const DataRegistry& data,
               const std::string& path,
               std::string_view text,
               std::vector<std::pair<std::string, ParamEntry>>& out,
               core::Errors& errors,
               std::span<const std::string_view> skip_keys = {},
               bool checked = false)
{
  bool ok = true;
  for (const auto& entry : map.entries) {
    // Named references: clang 14 cannot capture structured bindings.
    const YamlNode& key = entry.first;
    const YamlNode& value = entry.second;
    if (std::find(skip_keys.begin(), skip_keys.end(), key.value) != skip_keys.end()) {
      continue;
    }
    auto spec = std::find_if(kind.params.begin(), kind.params.end(),
                             [&](const ParamSpec& p) { return p.name == key.value; });
    if (spec == kind.params.end()) {
      std::string known;
      for (const ParamSpec& p : kind.params) {
        known += known.empty() ? "" : ", ";
        known += p.name;
      }
      errors.push_back(yaml_error(path, text, key,
                                  fmt::format("unknown parameter \"{}\" for kind \"{}\" "
                                              "(known: {})",
                                              key.value, kind.name, known)));
      ok = false;
      continue;
    }
    YamlNode resolved;
    if (!validate_param(*spec, value, data, path, text, resolved, errors)) {
      ok = false;
      continue;
    }
    out.emplace_back(key.value, ParamEntry{std::move(resolved), path, checked});
  }
  return ok;
}

// A parameter's default value, parsed once per process and shared by the
// rules that use it.
std::shared_ptr<const ParamEntry>
default_value(const ParamSpec& spec)
{
  if (spec.default_yaml.empty()) {
    return nullptr;
  }
  static std::mutex k_mutex;
  static std::map<std::string, std::shared_ptr<const ParamEntry>, std::less<>> k_parsed;
  std::lock_guard<std::mutex> lock(k_mutex);
  auto it = k_parsed.find(spec.default_yaml);
  if (it == k_parsed.end()) {
    YamlNode node;
    core::Errors ignored;
    if (!parse_yaml("<default>", spec.default_yaml, node, ignored)) {
      return nullptr;
    }
    auto entry = std::make_shared<const ParamEntry>(ParamEntry{std::move(node), "<default>", true});
    it = k_parsed.emplace(std::string(spec.default_yaml), std::move(entry)).first;
  }
  return it->second;
}

} // namespace

bool
load_params_for_kind(const checks::KindSpec& kind,
                     const YamlNode& map,
                     const DataRegistry& data,
                     const std::string& path,
                     std::string_view text,
                     std::vector<std::pair<std::string, ParamEntry>>& out,
                     core::Errors& errors,
                     std::span<const std::string_view> skip_keys)
{
  return load_param_map(kind, map, data, path, text, out, errors, skip_keys);
}

bool
Catalog::load_data_text(const std::string& path, std::string_view text, core::Errors& errors)
{
  YamlNode root;
  if (!parse_yaml(path, text, root, errors)) {
    return false;
  }
  return load_data_tree(path, text, std::move(root), errors);
}

bool
Catalog::load_data_tree(const std::string& path,
                        std::string_view text,
                        YamlNode root,
                        core::Errors& errors)
{
  if (root.is_null()) {
    return true;
  }
  if (!root.is_map()) {
    errors.push_back(yaml_error(path, text, root, "a data file must be a mapping of names to lists"));
    return false;
  }
  bool ok = true;
  for (auto& [key, value] : root.entries) {
    if (m_data.count(key.value) != 0) {
      errors.push_back(yaml_error(path, text, key,
                                  fmt::format("reference list \"{}\" is defined twice", key.value)));
      ok = false;
      continue;
    }
    m_data.emplace(key.value, std::move(value));
  }
  return ok;
}

bool
Catalog::load_rule_text(const std::string& path,
                        std::string_view text,
                        const std::string& pack,
                        core::Errors& errors)
{
  YamlNode root;
  if (!parse_yaml(path, text, root, errors)) {
    return false;
  }
  return load_rule_tree(path, text, root, pack, errors);
}

struct Catalog::RuleDraft
{
  Rule rule;
  core::Errors errors; // the file's errors, but a duplicate id
  // Set when the id is well formed: only then is it looked up among the
  // rules already loaded, and a duplicate reported at `duplicate_at` in
  // `errors` (after the errors about the keys and the id).
  bool check_id = false;
  std::size_t duplicate_at = 0;
  core::Error duplicate; // at the id, without its message yet
};

bool
Catalog::load_rule_tree(const std::string& path,
                        std::string_view text,
                        const YamlNode& root,
                        const std::string& pack,
                        core::Errors& errors)
{
  return add_rule(draft_rule(path, text, root, pack), errors);
}

bool
Catalog::add_rule(RuleDraft draft, core::Errors& errors)
{
  if (draft.check_id) {
    if (const Rule* other = find(draft.rule.id)) {
      draft.duplicate.message =
        fmt::format("duplicate rule id \"{}\" (also in {})", draft.rule.id, other->path);
      draft.errors.insert(draft.errors.begin() + static_cast<long>(draft.duplicate_at),
                          std::move(draft.duplicate));
    }
  }
  if (!draft.errors.empty()) {
    errors.insert(errors.end(), std::make_move_iterator(draft.errors.begin()),
                  std::make_move_iterator(draft.errors.end()));
    return false;
  }
  m_rules.push_back(std::move(draft.rule));
  return true;
}

Catalog::RuleDraft
Catalog::draft_rule(const std::string& path,
                    std::string_view text,
                    const YamlNode& root,
                    const std::string& pack) const
{
  RuleDraft draft;
  core::Errors& errors = draft.errors;
  auto error = [&](const YamlNode& at, std::string message) {
    errors.push_back(yaml_error(path, text, at, std::move(message)));
  };
  if (!root.is_map()) {
    YamlNode at = root;
    if (at.line == 0) {
      at.line = 1;
      at.column = 1;
    }
    error(at, fmt::format("a rule file must be a mapping, not {}", root.kind_name()));
    return draft;
  }
  static constexpr std::array<std::string_view, 8> k_keys{
    "id", "kind", "severity", "message", "docs", "params", "profiles", "supersedes"};
  for (const auto& [key, value] : root.entries) {
    if (std::find(k_keys.begin(), k_keys.end(), key.value) == k_keys.end()) {
      error(key, fmt::format("unknown key \"{}\" (known: id, kind, severity, message, docs, "
                             "params, profiles, supersedes)",
                             key.value));
    }
  }
  YamlNode file_start;
  file_start.line = 1;
  file_start.column = 1;
  auto scalar = [&](std::string_view key, bool required) -> const YamlNode* {
    const YamlNode* node = root.find(key);
    if (node == nullptr) {
      if (required) {
        error(file_start, fmt::format("missing key \"{}\"", key));
      }
      return nullptr;
    }
    if (!node->is_scalar()) {
      error(*node, fmt::format("\"{}\" must be a string, not {}", key, node->kind_name()));
      return nullptr;
    }
    return node;
  };

  Rule& rule = draft.rule;
  rule.path = path;
  rule.pack = pack;
  // The built-in rules are checked when presslint is built (their ids,
  // patterns and examples: tests/unit/rule_loader_test.cpp); at run time
  // they are only loaded.
  const bool builtin = pack == "builtin";
  if (const YamlNode* id = scalar("id", true)) {
    if (!builtin && !is_rule_id(id->value)) {
      error(*id, fmt::format("rule id \"{}\" must be category.name in lower case with hyphens",
                             id->value));
    } else {
      draft.check_id = true;
      draft.duplicate_at = errors.size();
      draft.duplicate = yaml_error(path, text, *id, {});
    }
    rule.id = id->value;
    rule.category = rule.id.substr(0, rule.id.find('.'));
  }
  if (const YamlNode* kind = scalar("kind", true)) {
    rule.kind = checks::find_kind(kind->value);
    if (rule.kind == nullptr) {
      std::string known;
      for (const auto& k : checks::kinds()) {
        known += known.empty() ? "" : ", ";
        known += k.name;
      }
      error(*kind, fmt::format("unknown kind \"{}\" (known: {})", kind->value, known));
    }
  }
  if (const YamlNode* severity = scalar("severity", true)) {
    if (auto s = core::parse_severity(severity->value)) {
      rule.severity = *s;
    } else {
      error(*severity, fmt::format("severity must be error, warning, note or off, not \"{}\"",
                                   severity->value));
    }
  }
  if (const YamlNode* message = scalar("message", true)) {
    rule.message = message->value;
    if (rule.kind != nullptr) {
      for (const std::string& name : checks::message_placeholders(rule.message)) {
        const auto& ph = rule.kind->placeholders;
        if (std::find(ph.begin(), ph.end(), name) == ph.end()) {
          std::string known;
          for (auto p : ph) {
            known += known.empty() ? "" : ", ";
            known += "{" + std::string(p) + "}";
          }
          error(*message, fmt::format("unknown placeholder \"{{{}}}\" in message (kind \"{}\" "
                                      "offers {})",
                                      name, rule.kind->name, known.empty() ? "none" : known));
        }
      }
    }
  }
  if (const YamlNode* sup = root.find("supersedes")) {
    if (!sup->is_sequence()) {
      error(*sup, fmt::format("\"supersedes\" must be a list of rule ids, not {}", sup->kind_name()));
    } else {
      for (const YamlNode& item : sup->items) {
        if (!item.is_scalar()) {
          error(item, fmt::format("each item of \"supersedes\" must be a rule id, not {}",
                                  item.kind_name()));
        } else {
          rule.supersedes.push_back(item.value);
        }
      }
    }
  }
  if (const YamlNode* docs = root.find("docs")) {
    if (!docs->is_map()) {
      error(*docs, fmt::format("\"docs\" must be a mapping, not {}", docs->kind_name()));
    } else {
      for (const auto& [key, value] : docs->entries) {
        if (key.value == "summary" || key.value == "why") {
          if (!value.is_scalar()) {
            error(value, fmt::format("\"docs.{}\" must be a string, not {}", key.value,
                                     value.kind_name()));
          } else {
            (key.value == "summary" ? rule.docs.summary : rule.docs.why) = value.value;
          }
        } else if (key.value == "good" || key.value == "bad") {
          if (!value.is_sequence()) {
            error(value, fmt::format("\"docs.{}\" must be a list of examples, not {}", key.value,
                                     value.kind_name()));
            continue;
          }
          for (const YamlNode& item : value.items) {
            if (!item.is_scalar()) {
              error(item, fmt::format("each example must be a string, not {}", item.kind_name()));
            } else {
              (key.value == "good" ? rule.docs.good : rule.docs.bad).push_back(item.value);
            }
          }
        } else {
          error(key, fmt::format("unknown key \"docs.{}\" (known: summary, why, good, bad)",
                                 key.value));
        }
      }
      if (rule.docs.summary.empty()) {
        error(*docs, "\"docs.summary\" is missing");
      }
    }
  } else if (!m_docs_skipped) {
    error(file_start, "missing key \"docs\"");
  }
  if (rule.kind != nullptr) {
    // The kind's defaults, then the rule file's own parameters.
    for (const ParamSpec& spec : rule.kind->params) {
      if (auto entry = default_value(spec)) {
        rule.params.set(std::string(spec.name), std::move(entry));
      }
    }
    if (const YamlNode* params = root.find("params")) {
      if (!params->is_map()) {
        error(*params, fmt::format("\"params\" must be a mapping, not {}", params->kind_name()));
      } else {
        std::vector<std::pair<std::string, ParamEntry>> loaded;
        load_param_map(*rule.kind, *params, m_data, path, text, loaded, errors, {}, builtin);
        for (auto& [k, v] : loaded) {
          rule.params.set(k, std::move(v));
        }
      }
    }
    if (const YamlNode* profiles = root.find("profiles")) {
      if (!profiles->is_map()) {
        error(*profiles,
              fmt::format("\"profiles\" must be a mapping, not {}", profiles->kind_name()));
      } else {
        for (const auto& [key, value] : profiles->entries) {
          if (!is_profile(key.value)) {
            error(key, fmt::format("unknown profile \"{}\" (known: ap, wire, uk, gov-us)",
                                   key.value));
            continue;
          }
          ProfileSetting setting;
          if (value.is_scalar()) {
            setting.severity = core::parse_severity(value.value);
            if (!setting.severity) {
              error(value, fmt::format("severity must be error, warning, note or off, not "
                                       "\"{}\"",
                                       value.value));
            }
          } else if (value.is_map()) {
            if (const YamlNode* s = value.find("severity")) {
              setting.severity = s->is_scalar() ? core::parse_severity(s->value) : std::nullopt;
              if (!setting.severity) {
                error(*s, "severity must be error, warning, note or off");
              }
            }
            static constexpr std::array<std::string_view, 1> k_skip{"severity"};
            load_param_map(*rule.kind, value, m_data, path, text, setting.params, errors,
                           k_skip, builtin);
          } else {
            error(value, fmt::format("a profile setting must be a severity or a mapping, not {}",
                                     value.kind_name()));
          }
          rule.profiles[key.value] = std::move(setting);
        }
      }
    }
    // Build the check once, so that a bad pattern is reported at load, with
    // the file's other errors. A profile's check reports only what the
    // rule's own check did not.
    const std::size_t before_checks = errors.size();
    if (!builtin) {
      rule.kind->create(rule.params, path, errors);
    }
    for (const auto& [name, setting] : rule.profiles) {
      if (builtin || setting.params.empty()) {
        continue;
      }
      Params p = rule.params;
      for (const auto& [k, v] : setting.params) {
        p.set(k, v);
      }
      core::Errors profile_errors;
      rule.kind->create(p, path, profile_errors);
      for (core::Error& e : profile_errors) {
        const auto same = [&](const core::Error& o) {
          return o.path == e.path && o.line == e.line && o.column == e.column
                 && o.message == e.message;
        };
        if (std::none_of(errors.begin() + static_cast<long>(before_checks), errors.end(), same)) {
          errors.push_back(std::move(e));
        }
      }
    }
  }
  return draft;
}

bool
Catalog::load_builtin(core::Errors& errors, Docs docs)
{
  const std::size_t before = errors.size();
  // Parsed when presslint was built (tools/compile_rules.cpp).
  const auto files = embedded_rule_files();
  auto tree = [&](const EmbeddedFile& f, YamlNode& root) {
    if (yaml_from_cbor(f.tree, root)) {
      return true;
    }
    errors.push_back(core::Error{"rules/" + std::string(f.path), 0, 0,
                                 "the built-in rule file's parsed tree is damaged", {}});
    return false;
  };
  for (const EmbeddedFile& f : files) {
    YamlNode root;
    if (is_data_path(f.path) && tree(f, root)) {
      load_data_tree("rules/" + std::string(f.path), f.content, std::move(root), errors);
    }
  }
  m_docs_skipped = docs == Docs::skip;
  for (const EmbeddedFile& f : files) {
    YamlNode root;
    if (is_data_path(f.path) || !tree(f, root)) {
      continue;
    }
    if (docs == Docs::load && !f.docs.empty()) {
      YamlNode stored;
      if (!yaml_from_cbor(f.docs, stored)) {
        errors.push_back(core::Error{"rules/" + std::string(f.path), 0, 0,
                                     "the built-in rule file's parsed docs are damaged", {}});
        continue;
      }
      join_docs(root, std::move(stored));
    }
    load_rule_tree("rules/" + std::string(f.path), f.content, root, "builtin", errors);
  }
  m_docs_skipped = false;
  m_packs.emplace_back("builtin");
  finish();
  return errors.size() == before;
}

bool
Catalog::has_pack(const std::string& dir) const
{
  return std::find(m_packs.begin(), m_packs.end(), dir) != m_packs.end();
}

bool
Catalog::load_pack(const std::string& dir, core::Errors& errors, unsigned threads)
{
  if (has_pack(dir)) {
    return true;
  }
  m_packs.push_back(dir);
  const std::size_t before = errors.size();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back(core::Error{dir, 0, 0, "rule folder not found", {}});
    return false;
  }
  std::vector<fs::path> data_files;
  std::vector<fs::path> rule_files;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".yaml") {
      continue;
    }
    // Below `dir` by name: no link among its folders, as none is followed.
    // Only a link, or a file under data/ (which fs::relative may fail to
    // resolve), needs the file system's answer.
    fs::path rel = it->path().lexically_relative(dir);
    if (it->is_symlink(ec) || (rel.begin() != rel.end() && *rel.begin() == "data")) {
      rel = fs::relative(it->path(), dir, ec);
    }
    (rel.begin() != rel.end() && *rel.begin() == "data" ? data_files : rule_files)
      .push_back(it->path());
  }
  std::sort(data_files.begin(), data_files.end());
  std::sort(rule_files.begin(), rule_files.end());
  // Data files first, one after the other: rule files read m_data, which
  // must not change while they are drafted.
  for (const auto& p : data_files) {
    std::string text;
    if (core::read_file(p.string(), text) != core::ReadStatus::ok) {
      errors.push_back(core::Error{p.string(), 0, 0, "cannot read file", {}});
      continue;
    }
    load_data_text(p.string(), text, errors);
  }

  // Each rule file is read, parsed and checked on its own, on several
  // threads; the drafts are then added in path order, which decides the
  // duplicate ids and the order of the errors as loading them one by one.
  struct RuleFile
  {
    bool read = false;
    bool parsed = false;
    core::Errors parse_errors;
    RuleDraft draft;
    std::exception_ptr failure;
  };
  std::vector<RuleFile> drafted(rule_files.size());
  auto draft_file = [&](std::size_t i) {
    RuleFile& file = drafted[i];
    const std::string path = rule_files[i].string();
    std::string text;
    if (core::read_file(path, text) != core::ReadStatus::ok) {
      return;
    }
    file.read = true;
    YamlNode root;
    if (!parse_yaml(path, text, root, file.parse_errors)) {
      return;
    }
    file.parsed = true;
    file.draft = draft_rule(path, text, root, dir);
  };
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < drafted.size(); i = next++) {
      try {
        draft_file(i);
      } catch (...) {
        drafted[i].failure = std::current_exception();
      }
    }
  };
  std::size_t workers = threads;
  if (workers == 0) {
    workers = rule_files.size() < k_parallel_files
                ? 1
                : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  }
  workers = std::min(workers, rule_files.size());
  std::vector<core::Thread> pool;
  pool.reserve(workers);
  try {
    while (pool.size() + 1 < workers) {
      pool.emplace_back(work);
    }
  } catch (const std::system_error&) {
    // No more threads: the files left are drafted by those running.
  }
  work();
  for (core::Thread& t : pool) {
    t.join();
  }

  for (std::size_t i = 0; i < drafted.size(); ++i) {
    RuleFile& file = drafted[i];
    if (file.failure) {
      std::rethrow_exception(file.failure);
    }
    if (!file.read) {
      errors.push_back(core::Error{rule_files[i].string(), 0, 0, "cannot read file", {}});
      continue;
    }
    errors.insert(errors.end(), std::make_move_iterator(file.parse_errors.begin()),
                  std::make_move_iterator(file.parse_errors.end()));
    if (file.parsed) {
      add_rule(std::move(file.draft), errors);
    }
  }
  finish();
  return errors.size() == before;
}

void
Catalog::finish()
{
  std::sort(m_rules.begin(), m_rules.end(),
            [](const Rule& a, const Rule& b) { return a.id < b.id; });
  if (!m_matcher) {
    auto list = [&](std::string_view name) {
      auto it = m_data.find(name);
      return it == m_data.end() ? std::vector<std::string>{} : scalar_list(&it->second);
    };
    auto it = m_data.find("release-lines");
    if (it != m_data.end()) {
      m_vocabulary.immediate = scalar_list(it->second.find("immediate"));
      m_vocabulary.embargo = scalar_list(it->second.find("embargo"));
      m_vocabulary.label = scalar_list(it->second.find("label"));
    }
    m_vocabulary.end_marks = list("end-marks");
    m_vocabulary.contact_labels = list("contact-labels");
    m_vocabulary.notes_labels = list("notes-labels");
    m_vocabulary.boilerplate_labels = list("boilerplate-labels");
    m_matcher = std::make_unique<document::RegionMatcher>(m_vocabulary);
  }
}

const Rule*
Catalog::find(std::string_view id) const
{
  for (const Rule& r : m_rules) {
    if (r.id == id) {
      return &r;
    }
  }
  return nullptr;
}

bool
Catalog::has_category(std::string_view category) const
{
  return std::any_of(m_rules.begin(), m_rules.end(),
                     [&](const Rule& r) { return r.category == category; });
}

} // namespace presslint::rules
