#pragma once

// presslint lsp: a language server over a byte stream (stdio in use).
//
// The main thread reads messages and answers them in order; each open
// document has a worker that lints its latest text (lsp/latest_wins.hpp) and
// publishes diagnostics for it. Live link checks, when a LinkChecker is
// given, start on open and save only, and their verdicts are merged into the
// next diagnostics of the text (lsp/link_results.hpp).

#include <presslint/lsp/link_results.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace presslint::lsp {

struct ServerOptions
{
  std::shared_ptr<LinkChecker> link_checker; // null: no live link checks
};

class Server
{
public:
  Server(std::istream& in, std::ostream& out, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until `exit` or the end of the input. Returns the process exit
  // code: 0 after shutdown then exit, 1 otherwise.
  int run();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// `presslint lsp [--stdio]`: serves on standard input and output.
int run_stdio(const std::vector<std::string>& args);

} // namespace presslint::lsp
