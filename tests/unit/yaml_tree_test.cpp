#include "support.hpp"

#include <presslint/rules/yaml_tree.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>

using presslint::core::Errors;
using presslint::rules::parse_yaml;
using presslint::rules::YamlNode;
using presslint::test::summary;

namespace {

// Parses text that must fail and returns the summary of its errors.
std::string
failure(std::string_view text)
{
  YamlNode root;
  Errors errors;
  CHECK_FALSE(parse_yaml("f.yaml", text, root, errors));
  CHECK(root.is_null());
  return summary(errors);
}

std::string
at(const YamlNode& node)
{
  return std::to_string(node.line) + ":" + std::to_string(node.column);
}

} // namespace

TEST_CASE("yaml_tree: nested mappings and lists with code-point positions")
{
  const std::string_view text = "name: \"é€😀\"\n"
                                "key: value\n"
                                "ключ: значение\n"
                                "list:\n"
                                "  - a\n"
                                "  - k: v\n"
                                "    k2:\n"
                                "flow: {a: \"é\", b: 1}\n"
                                "seq: [x, ~, null]\n";
  YamlNode root;
  Errors errors;
  REQUIRE(parse_yaml("f.yaml", text, root, errors));
  CHECK(errors.empty());

  REQUIRE(root.is_map());
  CHECK(at(root) == "1:1");
  REQUIRE(root.entries.size() == 6);
  CHECK(root.entries[0].first.value == "name");
  CHECK(at(root.entries[0].first) == "1:1");

  const YamlNode* name = root.find("name");
  REQUIRE(name != nullptr);
  CHECK(name->is_scalar());
  CHECK(name->value == "é€😀");
  CHECK_FALSE(name->plain);
  CHECK(at(*name) == "1:7");

  const YamlNode* key = root.find("key");
  REQUIRE(key != nullptr);
  CHECK(key->value == "value");
  CHECK(key->plain);
  CHECK(at(root.entries[1].first) == "2:1");
  CHECK(at(*key) == "2:6");

  const YamlNode* cyrillic = root.find("ключ");
  REQUIRE(cyrillic != nullptr);
  CHECK(cyrillic->value == "значение");
  CHECK(at(*cyrillic) == "3:7");

  const YamlNode* list = root.find("list");
  REQUIRE(list != nullptr);
  REQUIRE(list->is_sequence());
  CHECK(at(*list) == "5:3");
  REQUIRE(list->items.size() == 2);
  CHECK(list->items[0].value == "a");
  CHECK(at(list->items[0]) == "5:5");
  const YamlNode& inner = list->items[1];
  REQUIRE(inner.is_map());
  CHECK(at(inner) == "6:5");
  REQUIRE(inner.find("k") != nullptr);
  CHECK(at(*inner.find("k")) == "6:8");
  const YamlNode* k2 = inner.find("k2");
  REQUIRE(k2 != nullptr);
  CHECK(k2->is_null());
  CHECK(at(*k2) == "7:5"); // an empty value stands at its key

  const YamlNode* flow = root.find("flow");
  REQUIRE(flow != nullptr);
  REQUIRE(flow->is_map());
  CHECK(at(*flow) == "8:7");
  REQUIRE(flow->entries.size() == 2);
  CHECK(at(flow->entries[0].first) == "8:8");
  CHECK(at(flow->entries[0].second) == "8:11");
  CHECK(flow->entries[1].first.value == "b");
  CHECK(at(flow->entries[1].first) == "8:16"); // 17 bytes in, 16th code point
  CHECK(at(flow->entries[1].second) == "8:19");

  const YamlNode* seq = root.find("seq");
  REQUIRE(seq != nullptr);
  REQUIRE(seq->items.size() == 3);
  CHECK(seq->items[1].is_null());
  CHECK(at(seq->items[1]) == "9:10");
  CHECK(seq->items[2].is_null());
  CHECK(at(seq->items[2]) == "9:13");

  CHECK(root.find("missing") == nullptr);
  CHECK(name->find("name") == nullptr);
  CHECK(root.kind_name() == "a mapping");
  CHECK(list->kind_name() == "a list");
  CHECK(name->kind_name() == "a string");
  CHECK(k2->kind_name() == "null");
}

TEST_CASE("yaml_tree: quoted, block and plain scalars")
{
  YamlNode root;
  Errors errors;
  REQUIRE(parse_yaml("f.yaml",
                     "a: x\nb: \"x\"\nc: 'x'\nd: |\n  x\ne: >-\n  x\n  y\nf: 1\ng: \"\"\n",
                     root, errors));
  REQUIRE(root.is_map());
  CHECK(root.find("a")->plain);
  CHECK_FALSE(root.find("b")->plain);
  CHECK_FALSE(root.find("c")->plain);
  CHECK_FALSE(root.find("d")->plain);
  CHECK(root.find("d")->value == "x\n");
  CHECK_FALSE(root.find("e")->plain);
  CHECK(root.find("e")->value == "x y");
  CHECK(root.find("f")->plain);
  CHECK(root.find("f")->value == "1");
  CHECK(root.find("g")->is_scalar());
  CHECK(root.find("g")->value.empty());
}

TEST_CASE("yaml_tree: every duplicate key is reported at its own position")
{
  CHECK(failure("a: 1\nb: 2\nc: {a: 1, c: 2}\na: 3\n  # comment\nb: 4\n")
        == "f.yaml:4:1: duplicate key \"a\" (first at line 1)\n"
           "f.yaml:6:1: duplicate key \"b\" (first at line 2)\n");
  CHECK(failure("x: {é: 1, é: 2}\n") == "f.yaml:1:11: duplicate key \"é\" (first at line 1)\n");
  CHECK(failure("- k: 1\n  'k': 2\n") == "f.yaml:2:3: duplicate key \"k\" (first at line 1)\n");
}

TEST_CASE("yaml_tree: mapping keys must be strings")
{
  CHECK(failure("? [a]\n: 1\n") == "f.yaml:1:3: a mapping key must be a string, not a list\n");
  CHECK(failure("{x: 1}: 2\n") == "f.yaml:1:1: a mapping key must be a string, not a mapping\n");
  CHECK(failure("null: 1\n") == "f.yaml:1:1: a mapping key must be a string, not null\n");
}

TEST_CASE("yaml_tree: anchors and aliases are refused")
{
  CHECK(failure("base: &b x\nother: *b\n")
        == "f.yaml:1:7: YAML anchors and aliases are not allowed (\"&b\")\n"
           "f.yaml:2:8: YAML aliases are not allowed (\"*b\")\n");
  CHECK(failure("a: [é, *nope]\n") == "f.yaml:1:8: YAML aliases are not allowed (\"*nope\")\n");
}

TEST_CASE("yaml_tree: a billion laughs is refused without expanding it")
{
  const std::string_view text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                                "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                                "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                                "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                                "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                                "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                                "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
                                "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
  const auto start = std::chrono::steady_clock::now();
  YamlNode root;
  Errors errors;
  CHECK_FALSE(parse_yaml("f.yaml", text, root, errors));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(2));
  CHECK(root.is_null());
  REQUIRE(errors.size() == 9 + 8 * 9);
  CHECK(summary({errors[0], errors[1], errors[2]})
        == "f.yaml:1:4: YAML anchors and aliases are not allowed (\"&a\")\n"
           "f.yaml:2:4: YAML anchors and aliases are not allowed (\"&b\")\n"
           "f.yaml:2:8: YAML aliases are not allowed (\"*a\")\n");
}

TEST_CASE("yaml_tree: too many errors stop the parse")
{
  std::string text = "x: &x 1\nl: [";
  for (int i = 0; i < 5000; ++i) {
    text += "*x, ";
  }
  text += "]\n";
  YamlNode root;
  Errors errors;
  CHECK_FALSE(parse_yaml("f.yaml", text, root, errors));
  REQUIRE(errors.size() == 101);
  CHECK(errors[99].message == "YAML aliases are not allowed (\"*x\")");
  CHECK(errors[100].line == 0);
  CHECK(errors[100].message == "too many errors (stopping after 100)");
}

TEST_CASE("yaml_tree: nesting is limited to 64 levels, located")
{
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  const auto start = std::chrono::steady_clock::now();
  CHECK(failure(deep) == "f.yaml:1:65: YAML nesting is too deep (more than 64 levels)\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));

  CHECK(failure("a:\n  b: " + std::string(100, '[') + std::string(100, ']') + "\n")
        == "f.yaml:2:68: YAML nesting is too deep (more than 64 levels)\n");

  YamlNode root;
  Errors errors;
  CHECK(parse_yaml("f.yaml", std::string(64, '[') + std::string(64, ']'), root, errors));
  CHECK(errors.empty());
  CHECK(root.is_sequence());
}

TEST_CASE("yaml_tree: invalid UTF-8 is located at its first bad byte")
{
  YamlNode root;
  Errors errors;
  CHECK_FALSE(parse_yaml("f.yaml", "a: ok\nb: café \xE9t\xE9\n", root, errors));
  REQUIRE(errors.size() == 1);
  CHECK(summary(errors) == "f.yaml:2:9: invalid UTF-8 (byte 0xE9)\n");
  CHECK(errors[0].excerpt == "b: café \xEF\xBF\xBDt\xEF\xBF\xBD");
  CHECK(errors[0].format()
        == "f.yaml:2:9: error: invalid UTF-8 (byte 0xE9)\n"
           "    b: café \xEF\xBF\xBDt\xEF\xBF\xBD\n"
           "            ^");

  CHECK(failure("\xEF\xBB\xBF" "é: \xFF\n") == "f.yaml:1:4: invalid UTF-8 (byte 0xFF)\n");
}

TEST_CASE("yaml_tree: UTF-16 and UTF-32 are named")
{
  using namespace std::string_view_literals;
  CHECK(failure("\xFF\xFE" "a\0:\0 \0" "1\0"sv)
        == "f.yaml:0:0: the file is UTF-16 (byte order mark FF FE); save it as UTF-8\n");
  CHECK(failure("\xFE\xFF\0a\0:\0 \0" "1"sv)
        == "f.yaml:0:0: the file is UTF-16 (byte order mark FE FF); save it as UTF-8\n");
  CHECK(failure("\xFF\xFE\0\0a\0\0\0"sv)
        == "f.yaml:0:0: the file is UTF-32 (byte order mark FF FE 00 00); save it as UTF-8\n");
  CHECK(failure("a\0:\0 \0" "1\0\n\0"sv)
        == "f.yaml:0:0: the file looks like UTF-16 (it has many NUL bytes); save it as UTF-8\n");
}

TEST_CASE("yaml_tree: control characters are refused")
{
  using namespace std::string_view_literals;
  CHECK(failure("a: 1\nb: é\x04x\n") == "f.yaml:2:5: control character U+0004 is not allowed\n");
  CHECK(failure("a: some long text\0\n"sv) == "f.yaml:1:18: control character U+0000 is not allowed\n");
}

TEST_CASE("yaml_tree: syntax errors carry yaml-cpp's message at a code-point column")
{
  YamlNode root;
  Errors errors;
  CHECK_FALSE(parse_yaml("f.yaml", "ok: 1\nété: x: y\n", root, errors));
  REQUIRE(errors.size() == 1);
  CHECK(summary(errors) == "f.yaml:2:7: illegal map value\n");
  CHECK(errors[0].excerpt == "été: x: y");

  CHECK(failure("a: [1, 2\n") == "f.yaml:1:9: end of sequence flow not found\n");
  CHECK(failure("a: x\nb: \"unterminated\nc: 1\n")
        == "f.yaml:2:4: unterminated quoted string (it runs to the end of the file)\n");
  CHECK(failure("a: 'it''s\n") == "f.yaml:1:4: unterminated quoted string (it runs to the end of the file)\n");
  CHECK(failure("a: \"x\\\"") == "f.yaml:1:8: illegal EOF in scalar\n");
  // Errors found before the syntax error are kept.
  CHECK(failure("a: 1\na: 2\nb: [\n")
        == "f.yaml:2:1: duplicate key \"a\" (first at line 1)\n"
           "f.yaml:3:5: end of sequence flow not found\n");
}

TEST_CASE("yaml_tree: one document only")
{
  CHECK(failure("a: 1\n---\nb: 2\n") == "f.yaml:2:1: more than one YAML document in the file\n");
  CHECK(failure("--- a\n--- b\n") == "f.yaml:2:1: more than one YAML document in the file\n");

  YamlNode root;
  Errors errors;
  CHECK(parse_yaml("f.yaml", "%YAML 1.2\n---\na: 1\n...\n# end\n", root, errors));
  CHECK(errors.empty());
  CHECK(root.find("a") != nullptr);
}

TEST_CASE("yaml_tree: empty and comment-only files give a null root")
{
  for (const std::string_view text : {"", "\n\n", "# just a comment\n  # and another", "\xEF\xBB\xBF"}) {
    YamlNode root;
    root.kind = YamlNode::Kind::scalar;
    Errors errors;
    CHECK(parse_yaml("f.yaml", text, root, errors));
    CHECK(errors.empty());
    CHECK(root.is_null());
  }
}

TEST_CASE("yaml_tree: explicit tags are refused")
{
  CHECK(failure("data: !!binary aGVsbG8=\n")
        == "f.yaml:1:7: YAML tags are not allowed (\"!!binary\")\n");
  CHECK(failure("a: !custom x\nb: ! x\nc: !!str [1]\nd: ! {}\ne: !!null\n")
        == "f.yaml:1:4: YAML tags are not allowed (\"!custom\")\n"
           "f.yaml:2:4: YAML tags are not allowed (\"!\")\n"
           "f.yaml:3:4: YAML tags are not allowed (\"!!str\")\n"
           "f.yaml:4:4: YAML tags are not allowed (\"!\")\n"
           "f.yaml:5:4: YAML tags are not allowed (\"!!null\")\n");
}

TEST_CASE("yaml_tree: a byte order mark and CRLF line ends do not shift positions")
{
  YamlNode root;
  Errors errors;
  REQUIRE(parse_yaml("f.yaml", "\xEF\xBB\xBF" "é: 1\r\nb: [x, y]\r\n", root, errors));
  REQUIRE(root.find("é") != nullptr);
  CHECK(at(*root.find("é")) == "1:4");
  REQUIRE(root.find("b") != nullptr);
  CHECK(at(root.find("b")->items[1]) == "2:8");
  CHECK(root.find("b")->items[1].value == "y");

  CHECK(failure("a: 1\r\na: 2\r\n") == "f.yaml:2:1: duplicate key \"a\" (first at line 1)\n");
}
