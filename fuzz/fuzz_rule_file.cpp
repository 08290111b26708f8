// libFuzzer target: the rule-file loader (strict YAML, kinds, parameters,
// patterns, messages, examples) on a fresh catalogue, then the rule set that
// turns a loaded rule's parameters into its check.
#include "fuzz_support.hpp"

#include <presslint/rules/config.hpp>

#include <cstdio>
#include <cstdlib>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace presslint;
  rules::Catalog catalog;
  core::Errors errors;
  const bool ok = catalog.load_rule_text("pack/fuzz.yaml", fuzz::bytes(data, size), "pack", errors);
  if (!ok && errors.empty()) {
    std::fprintf(stderr, "rule file refused without an error\n");
    std::abort();
  }
  for (const core::Error& e : errors) {
    if (e.path.empty() || e.message.empty()) {
      std::fprintf(stderr, "error without a path or message: %s\n", e.format().c_str());
      std::abort();
    }
  }
  if (ok && errors.empty()) {
    // A rule that loads must also build: its parameters become a check.
    static const rules::Config k_config;
    core::Errors build_errors;
    (void)rules::build_rule_set(catalog, k_config, "", {}, {"pack"}, build_errors);
  }
  return 0;
}
