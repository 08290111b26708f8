#pragma once

#include <presslint/core/error.hpp>
#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>
#include <presslint/document/regions.hpp>
#include <presslint/rules/params.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

namespace presslint::rules {
struct Rule;
}

namespace presslint::checks {

class LazyRegex;
class PatternScreen;
class ScreenCache;

// Values for a message's named placeholders ("{match}").
using Vars = std::vector<std::pair<std::string_view, std::string>>;

// Fills a rule's message template.
std::string format_message(std::string_view message, const Vars& vars);
// The placeholders a message template names.
std::vector<std::string> message_placeholders(std::string_view message);

// Work that several rules do on one document with the same inputs, done by
// the first rule that asks and kept for the others (Context::memo): the
// dateline search, the embargo lines. One memo serves one document;
// lint_document makes a new one for each.
class DocumentMemo
{
public:
  // What `make()` gives, made on the first request for a `T` with this
  // `key`: the addresses of what the result depends on besides the
  // document and its regions (objects that outlive the memo).
  template <typename T, typename Make>
  const T& get(std::initializer_list<const void*> key, const Make& make)
  {
    for (const Entry& e : m_entries) {
      if (*e.type == typeid(T) && std::equal(e.key.begin(), e.key.end(), key.begin(), key.end())) {
        return *static_cast<const T*>(e.value.get());
      }
    }
    // Made before it is stored: `make` may ask the memo for something else.
    auto value = std::make_shared<const T>(make());
    const T& out = *value;
    m_entries.push_back(Entry{&typeid(T), std::vector<const void*>(key), std::move(value)});
    return out;
  }

private:
  struct Entry
  {
    const std::type_info* type;
    std::vector<const void*> key;
    std::shared_ptr<const void> value;
  };
  std::vector<Entry> m_entries;
};

// What one check sees while it runs on one document.
struct Context
{
  const document::Document& doc;
  const document::Regions& regions;
  const rules::Rule& rule;
  core::Severity severity;
  std::chrono::sys_seconds now;
  std::vector<core::Finding>& out;
  // The rule set's one-pass screen for this document (nullptr: none).
  ScreenCache* screen = nullptr;
  // What the document's rules share (nullptr: each rule works it out
  // afresh).
  DocumentMemo* memo = nullptr;

  // Reports a finding at `span` with the rule's message; `matched` is the
  // text the message quotes (for fingerprints).
  void report(core::Span span,
              const Vars& vars,
              std::string matched,
              std::optional<core::Fix> fix = std::nullopt) const;
};

class Check
{
public:
  virtual ~Check() = default;
  virtual void run(const Context& context) const = 0;
  // The patterns the rule set may screen texts for (Context::screen).
  virtual void screened(std::vector<std::shared_ptr<const LazyRegex>>& /*out*/) const {}
  // Called once the rule set's screen is built from every check's
  // screened() patterns, before any document is linted.
  virtual void bind(PatternScreen& /*screen*/) {}
};

using Factory = std::unique_ptr<Check> (*)(const rules::Params& params,
                                           std::string_view rule_path,
                                           core::Errors& errors);

// A check kind: the name rule files give in `kind:`, its parameters and
// the placeholders its messages may use.
struct KindSpec
{
  std::string_view name;
  std::string_view summary;
  std::span<const rules::ParamSpec> params;
  std::span<const std::string_view> placeholders;
  Factory create;
};

// Every check kind (see kinds.def).
std::span<const KindSpec> kinds();
const KindSpec* find_kind(std::string_view name);

// Reports an error about parameter `name` of a rule, at its place in the
// file that set it (or the rule file when the kind's default is at fault).
void param_error(const rules::Params& params,
                 std::string_view name,
                 std::string_view rule_path,
                 std::string message,
                 core::Errors& errors);

// Calls `visit` for each text in the regions a `scope` names, each once.
void for_each_scoped_text(const document::Document& doc,
                          const document::Regions& regions,
                          const std::vector<std::string>& scope,
                          const std::function<void(const document::MappedText&)>& visit);

} // namespace presslint::checks
