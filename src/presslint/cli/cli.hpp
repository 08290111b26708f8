#pragma once

namespace presslint::cli {

// The whole command line: lint, or a subcommand given as the first word.
// Returns the exit code: 0 clean, 1 findings, 2 usage/config/input error.
int run(int argc, char** argv);

} // namespace presslint::cli
