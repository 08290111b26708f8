#include <presslint/rules/schema.hpp>

#include <presslint/checks/check.hpp>
#include <presslint/rules/rule.hpp>

#include <nlohmann/json.hpp>

namespace presslint::rules {

namespace {

using Json = nlohmann::ordered_json;

Json
severity()
{
  return Json{{"enum", {"error", "warning", "note", "off"}}};
}

Json
data_ref()
{
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"data"}},
              {"properties", {{"data", {{"type", "string"}}}}}};
}

Json
param_schema(const ParamSpec& spec)
{
  Json s;
  switch (spec.type) {
  case ParamType::boolean:
    s = {{"type", "boolean"}};
    break;
  case ParamType::integer:
    s = {{"type", "integer"}};
    break;
  case ParamType::string:
    s = {{"type", "string"}};
    break;
  case ParamType::string_list:
  case ParamType::pattern_list:
    s = {{"oneOf",
          {Json{{"type", "array"}, {"items", {{"type", "string"}}}},
           Json{{"$ref", "#/definitions/data-ref"}}}}};
    break;
  case ParamType::scope_list: {
    Json names = Json::array();
    for (const auto n : scope_names()) {
      names.push_back(std::string(n));
    }
    s = {{"type", "array"}, {"items", {{"enum", names}}}};
    break;
  }
  case ParamType::string_map:
    s = {{"oneOf",
          {Json{{"type", "object"}, {"additionalProperties", {{"type", "string"}}}},
           Json{{"$ref", "#/definitions/data-ref"}}}}};
    break;
  }
  s["description"] = std::string(spec.doc);
  return s;
}

} // namespace

std::string
rule_file_schema()
{
  Json kinds = Json::array();
  Json definitions = Json::object();
  definitions["severity"] = severity();
  definitions["data-ref"] = data_ref();
  Json all_of = Json::array();
  Json profile_names = Json::array();
  for (const auto p : k_profiles) {
    profile_names.push_back(std::string(p));
  }
  for (const checks::KindSpec& kind : checks::kinds()) {
    const std::string name(kind.name);
    kinds.push_back(name);
    Json props = Json::object();
    for (const ParamSpec& p : kind.params) {
      props[std::string(p.name)] = param_schema(p);
    }
    definitions["params-" + name] = {{"type", "object"},
                                     {"additionalProperties", false},
                                     {"properties", props}};
    Json profile_props = props;
    profile_props["severity"] = {{"$ref", "#/definitions/severity"}};
    definitions["profile-" + name] = {
      {"oneOf",
       {Json{{"$ref", "#/definitions/severity"}},
        Json{{"type", "object"}, {"additionalProperties", false}, {"properties", profile_props}}}}};
    all_of.push_back(
      {{"if", {{"properties", {{"kind", {{"const", name}}}}}, {"required", {"kind"}}}},
       {"then",
        {{"properties",
          {{"params", {{"$ref", "#/definitions/params-" + name}}},
           {"profiles",
            {{"type", "object"},
             {"propertyNames", {{"enum", profile_names}}},
             {"additionalProperties", {{"$ref", "#/definitions/profile-" + name}}}}}}}}}});
  }
  Json examples = {{"type", "array"}, {"items", {{"type", "string"}}}};
  Json schema = {
    {"$schema", "http://json-schema.org/draft-07/schema#"},
    {"$id", "https://presslint.invalid/rule.schema.json"},
    {"title", "presslint rule file"},
    {"description", "One rule: rules/<category>/<name>.yaml. Generated from presslint's table of "
                    "check kinds; do not edit by hand."},
    {"type", "object"},
    {"additionalProperties", false},
    {"required", {"id", "kind", "severity", "message", "docs"}},
    {"properties",
     {{"id",
       {{"type", "string"},
        {"pattern", "^[a-z0-9]+(?:-[a-z0-9]+)*\\.[a-z0-9]+(?:-[a-z0-9]+)*$"},
        {"description", "category.name, in lower case with hyphens"}}},
      {"kind", {{"enum", kinds}, {"description", "the check kind that interprets the rule"}}},
      {"severity", {{"$ref", "#/definitions/severity"}}},
      {"message", {{"type", "string"}, {"description", "with the kind's {placeholders}"}}},
      {"docs",
       {{"type", "object"},
        {"additionalProperties", false},
        {"required", {"summary"}},
        {"properties",
         {{"summary", {{"type", "string"}}},
          {"why", {{"type", "string"}}},
          {"good", examples},
          {"bad", examples}}}}},
      {"params", {{"type", "object"}}},
      {"profiles", {{"type", "object"}, {"propertyNames", {{"enum", profile_names}}}}},
      {"supersedes", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
    {"allOf", all_of},
    {"definitions", definitions}};
  return schema.dump(2) + "\n";
}

} // namespace presslint::rules
