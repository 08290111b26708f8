#pragma once

#include <string>

namespace presslint::rules {

// A JSON Schema (draft-07) for rule files, generated from the table of
// check kinds and their parameters, for editors that validate YAML as it is
// written (rules/rule.schema.json holds it).
std::string rule_file_schema();

} // namespace presslint::rules
