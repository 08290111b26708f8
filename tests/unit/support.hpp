#pragma once

// Shared helpers for the unit tests.

#include <presslint/core/error.hpp>
#include <presslint/document/document.hpp>
#include <presslint/rules/rule.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace presslint::test {

// The shared material folder (corpus, SARIF schema).
std::string shared_dir();

// Reads a whole file.
std::string read_file(const std::string& path);

// The texts of the shared corpus's releases, in both of its folders (with
// `markdown_only`, the Markdown ones alone).
std::vector<std::string> corpus_texts(bool markdown_only = false);

// The lines of `text`, without their line feeds.
std::vector<std::string> lines_of(const std::string& text);

// "path:line:column: message" for each error, one a line, with `dir/`
// taken off the paths.
std::string summary(const core::Errors& errors, const std::string& dir = {});

// A complete existence rule file with id `id`, six lines long; with
// `examples`, two more give its docs a good and a bad example. `extra` is
// appended.
std::string rule_file_text(const std::string& id,
                           const std::string& extra = {},
                           bool examples = true);

// A Markdown document parsed from text, as the linter would read it.
document::Document markdown(const std::string& text, const std::string& path = "test.md");

// The built-in catalogue, loaded once.
const rules::Catalog& builtin_catalog();

// The text of a byte span of a document.
std::string slice(const document::Document& doc, core::Span span);

// Runs a command through the shell; returns its exit status and output.
struct CommandResult
{
  int status = -1;
  std::string out; // stdout
  std::string err; // stderr
};
CommandResult run_command(const std::string& command, const std::string& stdin_text = {});

// A shell-quoted word ('...').
std::string quote(const std::string& s);

// The real binary, run in `dir` with `args` (shell words).
CommandResult run_presslint(const std::string& dir,
                            const std::string& args,
                            const std::string& stdin_text = {});

// "--disable C" for every built-in category, then "--enable R" for each of
// `enabled`: a test sees only the rules it asks for, whatever the
// catalogue grows to.
std::string only_rules(const std::vector<std::string>& enabled = {});

// Writes `text` into the FIFO at `path` once a reader has it open; gives up
// after `seconds` (false) so that a reader that never comes cannot hang the
// test.
bool write_fifo(const std::string& path, const std::string& text, double seconds);

// A fresh temporary folder, removed when the object goes.
class TempDir
{
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return m_path; }
  // Writes a file below the folder (creating folders) and returns its path.
  std::string write(const std::string& relative, const std::string& content) const;

private:
  std::string m_path;
};

} // namespace presslint::test
