#include "fuzz_support.hpp"

#include <presslint/document/reader.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/config.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace presslint::fuzz {

namespace {

[[noreturn]] void
fail(const core::Errors& errors)
{
  for (const core::Error& e : errors) {
    std::fprintf(stderr, "%s\n", e.format().c_str());
  }
  std::abort();
}

} // namespace

const rules::Catalog&
catalog()
{
  static const rules::Catalog* const k_catalog = [] {
    auto* c = new rules::Catalog();
    core::Errors errors;
    if (!c->load_builtin(errors)) {
      fail(errors);
    }
    return c;
  }();
  return *k_catalog;
}

const rules::RuleSet&
rule_set()
{
  static const rules::RuleSet* const k_set = [] {
    static const rules::Config k_config;
    core::Errors errors;
    std::unique_ptr<rules::RuleSet> set =
      rules::build_rule_set(catalog(), k_config, "", {}, {"builtin"}, errors);
    if (!set || !errors.empty()) {
      fail(errors);
    }
    return set.release();
  }();
  return *k_set;
}

std::string
bytes(const std::uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

void
read_and_lint(const std::string& path, std::string text, document::Format format)
{
  document::Document doc;
  core::Error error;
  if (!document::read_document(path, std::move(text), format, doc, error)) {
    // A refusal must say where: a file, and a position inside it when the
    // problem has one.
    if (error.path != path || error.message.empty()) {
      std::fprintf(stderr, "refusal without a path or message: %s\n", error.format().c_str());
      std::abort();
    }
    return;
  }
  (void)lint::lint_document(doc, rule_set(), catalog().region_matcher(), k_now);
}

} // namespace presslint::fuzz
