#include <presslint/cli/cli.hpp>
#include <presslint/core/heap.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

int
main(int argc, char** argv)
{
  // What one release needs, mapped at once (see core/heap.hpp).
  presslint::core::reserve_heap(presslint::core::k_huge_page);
  const int code = presslint::cli::run(argc, argv);
#if defined(__SANITIZE_ADDRESS__)
  // Under the sanitizers everything is torn down, so that leaks show.
  return code;
#else
  // The process ends here: its patterns, rules and caches go back to the
  // system at once, not one object at a time (that took milliseconds, most
  // of it in freeing the patterns' compiled automata).
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}
