#include "support.hpp"

#include <presslint/document/reader.hpp>

#include <doctest/doctest.h>

#include <array>
#include <set>
#include <cstdio>
#include <thread>
#include <chrono>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace presslint::test {

namespace {

// Every presslint the tests run is offline unless a test says otherwise
// (tests/unit/live_link_test.cpp, against its loopback server only): the
// releases of the corpus and the examples are full of public URLs.
const bool k_offline = [] {
  ::setenv("PRESSLINT_OFFLINE", "1", 1);
  return true;
}();

} // namespace

std::string
shared_dir()
{
  if (const char* env = std::getenv("PRESSLINT_SHARED_DIR")) {
    return env;
  }
  return PRESSLINT_SHARED_DIR;
}

std::string
read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string>
corpus_texts(bool markdown_only)
{
  std::vector<std::string> out;
  for (const char* folder : {"newsworthy-archive", "us-doj-opa"}) {
    for (const auto& entry : std::filesystem::directory_iterator(shared_dir() + "/corpus/" + folder)) {
      if (!markdown_only || entry.path().extension() == ".md") {
        out.push_back(read_file(entry.path().string()));
      }
    }
  }
  return out;
}

std::vector<std::string>
lines_of(const std::string& text)
{
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    end = end == std::string::npos ? text.size() : end;
    out.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

std::string
summary(const core::Errors& errors, const std::string& dir)
{
  std::string out;
  for (const auto& e : errors) {
    std::string path = e.path;
    if (!dir.empty() && path.rfind(dir + "/", 0) == 0) {
      path = path.substr(dir.size() + 1);
    }
    out += path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message
           + "\n";
  }
  return out;
}

std::string
rule_file_text(const std::string& id, const std::string& extra, bool examples)
{
  return "id: " + id + "\n"
         "kind: existence\n"
         "severity: warning\n"
         "message: 'avoid \"{match}\"'\n"
         "docs:\n"
         "  summary: Words the house style avoids.\n"
         + std::string(examples ? "  good: [\"We will hire people.\"]\n"
                                  "  bad: [\"We will leverage synergy.\"]\n"
                                : "")
         + extra;
}

document::Document
markdown(const std::string& text, const std::string& path)
{
  document::Document doc;
  core::Error error;
  document::Format format = document::Format::markdown;
  document::format_from_path(path, format);
  REQUIRE_MESSAGE(document::read_document(path, text, format, doc, error), error.format());
  return doc;
}

const rules::Catalog&
builtin_catalog()
{
  static const rules::Catalog k_catalog = [] {
    rules::Catalog c;
    core::Errors errors;
    c.load_builtin(errors);
    if (!errors.empty()) {
      throw std::runtime_error(errors.front().format());
    }
    return c;
  }();
  return k_catalog;
}

std::string
slice(const document::Document& doc, core::Span span)
{
  return doc.source.substr(span.begin, span.size());
}

CommandResult
run_command(const std::string& command, const std::string& stdin_text)
{
  TempDir tmp;
  const std::string in = tmp.write("stdin", stdin_text);
  const std::string out = tmp.path() + "/stdout";
  const std::string err = tmp.path() + "/stderr";
  const std::string full = "(" + command + ") <'" + in + "' >'" + out + "' 2>'" + err + "'";
  const int raw = std::system(full.c_str());
  CommandResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

std::string
quote(const std::string& s)
{
  return "'" + s + "'";
}

CommandResult
run_presslint(const std::string& dir, const std::string& args, const std::string& stdin_text)
{
  (void)k_offline;
  return run_command("cd " + quote(dir) + " && " + quote(PRESSLINT_BINARY) + " " + args,
                     stdin_text);
}

std::string
only_rules(const std::vector<std::string>& enabled)
{
  std::set<std::string> categories;
  for (const rules::Rule& r : builtin_catalog().rules()) {
    categories.insert(r.category);
  }
  std::string out;
  for (const std::string& c : categories) {
    out += " --disable " + c;
  }
  for (const std::string& e : enabled) {
    out += " --enable " + e;
  }
  return out + " ";
}

TempDir::TempDir()
{
  std::string tmpl = (fs::temp_directory_path() / "presslint-test-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  m_path = tmpl;
}

TempDir::~TempDir()
{
  std::error_code ec;
  // Make everything writable again so that it can be removed.
  for (auto it = fs::recursive_directory_iterator(m_path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(m_path, ec);
}

std::string
TempDir::write(const std::string& relative, const std::string& content) const
{
  const fs::path p = fs::path(m_path) / relative;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p.string();
}

bool
write_fifo(const std::string& path, const std::string& text, double seconds)
{
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  int fd = -1;
  while ((fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK)) < 0) {
    if (errno != ENXIO || std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  // Blocking writes from here on.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

} // namespace presslint::test
