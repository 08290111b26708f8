// The JSON Schema for rule files is generated from the kinds table; the
// checked-in copy (rules/rule.schema.json) must match what the code says.
#include "support.hpp"

#include <presslint/checks/check.hpp>
#include <presslint/rules/schema.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace presslint;

TEST_CASE("rule schema: the checked-in copy is the generated one")
{
  const std::string path = std::string(PRESSLINT_SOURCE_DIR) + "/rules/rule.schema.json";
  const std::string generated = rules::rule_file_schema();
  const char* update = std::getenv("PRESSLINT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << generated;
  }
  CHECK_EQ(test::read_file(path), generated);
}

TEST_CASE("rule schema: every kind and every parameter is described")
{
  const auto schema = nlohmann::json::parse(rules::rule_file_schema());
  const auto& kinds = schema["properties"]["kind"]["enum"];
  REQUIRE_EQ(kinds.size(), checks::kinds().size());
  for (const checks::KindSpec& kind : checks::kinds()) {
    CAPTURE(kind.name);
    const auto& params =
      schema["definitions"]["params-" + std::string(kind.name)]["properties"];
    CHECK_EQ(params.size(), kind.params.size());
    for (const rules::ParamSpec& p : kind.params) {
      CHECK(params.contains(std::string(p.name)));
    }
  }
  CHECK_EQ(schema["additionalProperties"], false);
}
