#include <presslint/cli/cli.hpp>

int
main(int argc, char** argv)
{
  return presslint::cli::run(argc, argv);
}
