// libFuzzer target: the config loader (.presslint.yaml: profile, rules,
// ignore globs, links), then the rule set the config gives with the built-in
// catalogue, as a lint run builds it.
#include "fuzz_support.hpp"

#include <presslint/rules/config.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

// One config file per fuzzing process, in a private temporary folder.
const std::string&
config_path()
{
  static const std::string k_path = [] {
    char tmpl[] = "/tmp/presslint-fuzz-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) {
      std::abort();
    }
    return std::string(tmpl) + "/.presslint.yaml";
  }();
  return k_path;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace presslint;
  {
    std::ofstream out(config_path(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  rules::Config config;
  core::Errors errors;
  if (!rules::load_config(config_path(), config, errors)) {
    if (errors.empty()) {
      std::fprintf(stderr, "config refused without an error\n");
      std::abort();
    }
    return 0;
  }
  // rule-dirs would load folders named by the input: not followed here.
  config.rule_dirs.clear();
  if (errors.empty() && rules::check_config_rules(config, fuzz::catalog(), errors)) {
    (void)rules::build_rule_set(fuzz::catalog(), config, "", {}, {"builtin"}, errors);
    (void)rules::is_ignored(config, "releases/a.md");
  }
  return 0;
}
