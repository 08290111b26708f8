#pragma once

// The JSON report: one object per file with its findings, keys in a fixed
// order (documented in the README, "Reports for machines").

#include <presslint/core/error.hpp>
#include <presslint/lint/run.hpp>
#include <presslint/report/sarif.hpp>

#include <string>

namespace presslint::report {

struct JsonOptions
{
  // Errors in config or rule files (the run stopped before linting).
  core::Errors config_errors;
};

std::string render_json(const lint::RunResult& result,
                        const RunKeys& keys,
                        const JsonOptions& options);

} // namespace presslint::report
