// Build-time step: parses every built-in rule and data file (rules/*.yaml)
// and writes a C++ source that holds each file's text and its parsed tree
// (CBOR), so that presslint does not parse YAML for its own rules at run
// time. A file that does not parse fails the build with located errors.
//
//   presslint-compile-rules RULES_DIR OUTPUT.cpp

#include <presslint/core/read_file.hpp>
#include <presslint/rules/yaml_binary.hpp>
#include <presslint/rules/yaml_tree.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

void
append_bytes(std::string& out, const std::string& name, const void* data, std::size_t size)
{
  const auto* bytes = static_cast<const unsigned char*>(data);
  out += "alignas(8) const unsigned char " + name + "[] = {";
  for (std::size_t i = 0; i < size; ++i) {
    out += (i % 24 == 0) ? "\n  " : "";
    out += std::to_string(bytes[i]) + ",";
  }
  out += "\n  0};\n";
}

} // namespace

int
main(int argc, char** argv)
{
  if (argc != 3) {
    std::fprintf(stderr, "usage: presslint-compile-rules RULES_DIR OUTPUT.cpp\n");
    return 2;
  }
  const fs::path root = argv[1];
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(fs::relative(entry.path(), root).generic_string());
    }
  }
  std::sort(files.begin(), files.end());

  std::string body;
  std::string table;
  bool ok = true;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string text;
    const auto status = presslint::core::read_file((root / files[i]).string(), text);
    if (status != presslint::core::ReadStatus::ok) {
      std::fprintf(stderr, "rules/%s: %s\n", files[i].c_str(), presslint::core::describe(status));
      ok = false;
      continue;
    }
    presslint::rules::YamlNode tree;
    presslint::core::Errors errors;
    if (!presslint::rules::parse_yaml("rules/" + files[i], text, tree, errors)) {
      for (const presslint::core::Error& e : errors) {
        std::fprintf(stderr, "%s\n", e.format().c_str());
      }
      ok = false;
      continue;
    }
    // A rule file's docs apart (EmbeddedFile); data files have none.
    presslint::rules::YamlNode docs;
    const bool has_docs =
      !files[i].starts_with("data/") && presslint::rules::split_docs(tree, docs);
    const std::vector<std::uint8_t> cbor = presslint::rules::yaml_to_cbor(tree);
    const std::vector<std::uint8_t> docs_cbor =
      has_docs ? presslint::rules::yaml_to_cbor(docs) : std::vector<std::uint8_t>{};
    const std::string n = std::to_string(i);
    append_bytes(body, "k_text_" + n, text.data(), text.size());
    append_bytes(body, "k_tree_" + n, cbor.data(), cbor.size());
    std::string docs_span = "{}";
    if (has_docs) {
      append_bytes(body, "k_docs_" + n, docs_cbor.data(), docs_cbor.size());
      docs_span = "std::span<const std::uint8_t>(k_docs_" + n + ", "
                  + std::to_string(docs_cbor.size()) + ")";
    }
    table += "  {\"" + files[i] + "\", std::string_view(reinterpret_cast<const char*>(k_text_" + n
             + "), " + std::to_string(text.size()) + "), std::span<const std::uint8_t>(k_tree_" + n
             + ", " + std::to_string(cbor.size()) + "), " + docs_span + "},\n";
  }
  if (!ok) {
    return 1;
  }
  const std::string out = "// Generated from rules/ by presslint-compile-rules. Do not edit.\n"
                          "#include <presslint/rules/embedded.hpp>\n\n"
                          "namespace presslint::rules {\nnamespace {\n"
                          + body + "\nconst EmbeddedFile k_files[] = {\n" + table
                          + "};\n} // namespace\n\n"
                            "std::span<const EmbeddedFile>\nembedded_rule_files()\n{\n"
                            "  return k_files;\n}\n\n} // namespace presslint::rules\n";
  // Written only when it changed, so that an unchanged rule set does not
  // rebuild the library.
  const fs::path output = argv[2];
  std::string previous;
  if (presslint::core::read_file(output.string(), previous) == presslint::core::ReadStatus::ok
      && previous == out) {
    return 0;
  }
  const fs::path temp = output.string() + ".tmp";
  {
    std::ofstream f(temp, std::ios::binary);
    f << out;
    if (!f.flush()) {
      std::fprintf(stderr, "presslint-compile-rules: cannot write %s\n", temp.c_str());
      return 1;
    }
  }
  fs::rename(temp, output);
  return 0;
}
