#pragma once

#include <presslint/core/error.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/rules/params.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::checks {
struct KindSpec;
}

namespace presslint::rules {

inline constexpr std::array<std::string_view, 4> k_profiles{"ap", "wire", "uk", "gov-us"};
bool is_profile(std::string_view name);

struct RuleDocs
{
  std::string summary;
  std::string why;
  std::vector<std::string> good;
  std::vector<std::string> bad;
};

// What a profile changes in a rule: its severity, its parameters.
struct ProfileSetting
{
  std::optional<core::Severity> severity;
  std::vector<std::pair<std::string, ParamEntry>> params;
};

// One rule file.
struct Rule
{
  std::string id;
  std::string category; // the part of the id before the first dot
  const checks::KindSpec* kind = nullptr;
  core::Severity severity = core::Severity::warning;
  std::string message;
  RuleDocs docs;
  std::map<std::string, ProfileSetting, std::less<>> profiles;
  Params params; // the rule file's own, over the kind's defaults
  // Rules this one wins over when both flag overlapping text ("one problem,
  // one finding": the more specific rule wins).
  std::vector<std::string> supersedes;
  std::string path;  // where it was loaded from ("rules/..." for built-in ones)
  std::string pack;  // "builtin" or the folder of a user pack
};

// The rules and reference data of a run: built-in, then user packs.
class Catalog
{
public:
  // Whether the built-in rules' docs (Rule::docs) are read: what shows them
  // (SARIF, explain, rules) needs them; linting alone does not, and they
  // are most of the rule files' bytes.
  enum class Docs { load, skip };
  // Loads the built-in rule files compiled into the binary.
  bool load_builtin(core::Errors& errors, Docs docs = Docs::load);
  // Loads a user rule pack (a folder of rule files, and data/ lists) once.
  // Its rule files are read, parsed and checked on `threads` threads (0:
  // one a core, none for a pack of a few files), then added in the order
  // of their paths: the rules and the errors are those of loading the
  // files one after the other.
  bool load_pack(const std::string& dir, core::Errors& errors, unsigned threads = 0);

  [[nodiscard]] const std::vector<Rule>& rules() const { return m_rules; }
  [[nodiscard]] const Rule* find(std::string_view id) const;
  [[nodiscard]] bool has_category(std::string_view category) const;
  [[nodiscard]] const DataRegistry& data() const { return m_data; }
  [[nodiscard]] const document::Vocabulary& vocabulary() const { return m_vocabulary; }
  [[nodiscard]] const document::RegionMatcher& region_matcher() const { return *m_matcher; }
  [[nodiscard]] bool has_pack(const std::string& dir) const;

  // Parses one rule file; exposed for tests and `test-rules`.
  bool load_rule_text(const std::string& path,
                      std::string_view text,
                      const std::string& pack,
                      core::Errors& errors);
  bool load_data_text(const std::string& path, std::string_view text, core::Errors& errors);
  // The same for a file already parsed (`root`); `text` is its source, for
  // messages.
  bool load_rule_tree(const std::string& path,
                      std::string_view text,
                      const YamlNode& root,
                      const std::string& pack,
                      core::Errors& errors);
  bool load_data_tree(const std::string& path,
                      std::string_view text,
                      YamlNode root,
                      core::Errors& errors);

private:
  // One rule file checked without the catalogue's rules: all its errors
  // but a duplicate id, which only adding it can tell.
  struct RuleDraft;
  // Reads only m_data, which does not change while a pack's rule files are
  // drafted (data files load first): safe to call from several threads.
  [[nodiscard]] RuleDraft draft_rule(const std::string& path,
                                     std::string_view text,
                                     const YamlNode& root,
                                     const std::string& pack) const;
  // Checks the draft's id against the rules loaded so far, adds its errors
  // to `errors` and, if it has none, its rule to the catalogue.
  bool add_rule(RuleDraft draft, core::Errors& errors);
  void finish();

  std::vector<Rule> m_rules;
  // While built-in rules load without their docs: none is missing.
  bool m_docs_skipped = false;
  DataRegistry m_data;
  document::Vocabulary m_vocabulary;
  std::unique_ptr<document::RegionMatcher> m_matcher;
  std::vector<std::string> m_packs;
};

} // namespace presslint::rules

namespace presslint::rules {

// Loads the parameters of a mapping (a profile's or a config's) for a
// rule of `kind`, skipping `skip_keys` (such as "severity").
bool load_params_for_kind(const checks::KindSpec& kind,
                          const YamlNode& map,
                          const DataRegistry& data,
                          const std::string& path,
                          std::string_view text,
                          std::vector<std::pair<std::string, ParamEntry>>& out,
                          core::Errors& errors,
                          std::span<const std::string_view> skip_keys);

} // namespace presslint::rules
