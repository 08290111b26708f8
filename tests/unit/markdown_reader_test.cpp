#include "support.hpp"

#include <presslint/document/reader.hpp>

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <algorithm>
#include <random>

#include <string>
#include <vector>

using presslint::core::Error;
using presslint::document::Block;
using presslint::document::BlockKind;
using presslint::document::Document;
using presslint::document::Format;
using presslint::document::Line;
using presslint::document::Link;
using presslint::document::Position;
using presslint::document::read_document;
using presslint::test::markdown;
using presslint::test::slice;

namespace {

std::string
kind_name(BlockKind kind)
{
  switch (kind) {
  case BlockKind::heading:
    return "heading";
  case BlockKind::paragraph:
    return "paragraph";
  case BlockKind::list_item:
    return "list_item";
  case BlockKind::table_cell:
    return "table_cell";
  case BlockKind::code:
    return "code";
  case BlockKind::html:
    return "html";
  }
  return "?";
}

// "kind: text" for each block, one a line.
std::string
blocks_of(const Document& doc)
{
  std::string out;
  for (const Block& b : doc.blocks) {
    out += kind_name(b.kind);
    if (b.kind == BlockKind::heading) {
      out += std::to_string(b.level);
    }
    out += ": " + b.content.text + "\n";
  }
  return out;
}

// Reads bytes that must be refused and returns the error.
Error
refused(const std::string& path, const std::string& bytes, Format format = Format::markdown)
{
  Document doc;
  Error error;
  CHECK_FALSE(read_document(path, bytes, format, doc, error));
  return error;
}

const Link&
only_link(const Document& doc)
{
  REQUIRE(doc.links.size() == 1);
  return doc.links.front();
}

} // namespace

TEST_CASE("markdown reader: blocks, their kinds and their text")
{
  const Document doc = markdown("FOR IMMEDIATE RELEASE\n"
                                "\n"
                                "# Acme opens a *plant* in Ohio\n"
                                "\n"
                                "DAYTON, Ohio — Acme will hire\n"
                                "200 people.\n"
                                "\n"
                                "> A quoted line.\n"
                                "\n"
                                "**All of it strong.**\n"
                                "\n"
                                "- first item\n"
                                "- second item\n"
                                "\n"
                                "| a | b |\n"
                                "|---|---|\n"
                                "| c | d |\n"
                                "\n"
                                "```\n"
                                "code TK\n"
                                "```\n"
                                "\n"
                                "## About Acme\n");
  CHECK(blocks_of(doc) == "paragraph: FOR IMMEDIATE RELEASE\n"
                          "heading1: Acme opens a plant in Ohio\n"
                          "paragraph: DAYTON, Ohio — Acme will hire\n200 people.\n"
                          "paragraph: A quoted line.\n"
                          "paragraph: All of it strong.\n"
                          "list_item: first item\n"
                          "list_item: second item\n"
                          "table_cell: a\n"
                          "table_cell: b\n"
                          "table_cell: c\n"
                          "table_cell: d\n"
                          "code: code TK\n\n"
                          "heading2: About Acme\n");
  REQUIRE(doc.blocks.size() == 13);
  CHECK_FALSE(doc.blocks[0].in_quote);
  CHECK(doc.blocks[3].in_quote);
  CHECK_FALSE(doc.blocks[2].emphasized);
  CHECK(doc.blocks[4].emphasized);
  // A block's span covers whole source lines.
  CHECK(slice(doc, doc.blocks[1].span) == "# Acme opens a *plant* in Ohio");
  CHECK(slice(doc, doc.blocks[2].span) == "DAYTON, Ohio — Acme will hire\n200 people.");
  CHECK(slice(doc, doc.blocks[3].span) == "> A quoted line.");
  CHECK(slice(doc, doc.blocks[5].span) == "- first item");
  // Headings give anchors for in-page links.
  CHECK(doc.anchors == std::vector<std::string>{"about-acme", "acme-opens-a-plant-in-ohio"});
  CHECK(doc.content_begin == 0);
  CHECK(doc.format == Format::markdown);
}

TEST_CASE("markdown reader: text under emphasis maps back to its place in the source")
{
  const Document doc = markdown("Acme *will* hire **TK** people.\n");
  REQUIRE(doc.blocks.size() == 1);
  const auto& content = doc.blocks[0].content;
  CHECK(content.text == "Acme will hire TK people.");
  const std::size_t tk = content.text.find("TK");
  const auto span = content.to_source(tk, tk + 2);
  CHECK(span.begin == 19);
  CHECK(slice(doc, span) == "TK");
  CHECK(doc.position(span.begin).column == 20);
}

TEST_CASE("markdown reader: the end mark and '- 30 -' are read line by line")
{
  const std::string text = "# Headline\n"
                           "\n"
                           "Body text.\n"
                           "\n"
                           "###\n"
                           "\n"
                           "- 30 -\n";
  const Document doc = markdown(text);
  // "###" alone is an empty heading to a Markdown parser: no block.
  CHECK(blocks_of(doc) == "heading1: Headline\n"
                          "paragraph: Body text.\n"
                          "list_item: 30 -\n");
  // Every source line is a Line, with its raw text.
  REQUIRE(doc.lines.size() == 8);
  CHECK(doc.lines[4].content.text == "###");
  CHECK(slice(doc, doc.lines[4].span) == "###");
  CHECK(doc.lines[4].block == Line::npos);
  CHECK(doc.lines[6].content.text == "- 30 -");
  CHECK(doc.lines[6].block == 2);
  CHECK(doc.lines[0].block == 0);
  CHECK(doc.lines[2].block == 1);
  CHECK(doc.lines[1].block == Line::npos);
  CHECK(doc.lines[7].content.text.empty());
  CHECK(doc.line_count() == 8);
  CHECK(doc.raw_line(6) == "- 30 -");
}

TEST_CASE("markdown reader: CRLF line ends and a BOM")
{
  const Document doc = markdown("\xEF\xBB\xBF# Head\r\n\r\nBody\r\n");
  CHECK(blocks_of(doc) == "heading1: Head\nparagraph: Body\n");
  CHECK(doc.content_begin == 3);
  REQUIRE(doc.lines.size() == 4);
  CHECK(doc.lines[0].content.text == "\xEF\xBB\xBF# Head");
  CHECK(doc.lines[2].content.text == "Body");
  CHECK(slice(doc, doc.lines[2].span) == "Body");
  CHECK(doc.position(doc.source.find("Body")).line == 3);
  CHECK(doc.position(doc.source.find("Body")).column == 1);
}

TEST_CASE("markdown reader: an inline link's target span")
{
  const Document doc = markdown("See [a](https://x.org/a) now.\n");
  const Link& link = only_link(doc);
  CHECK(link.target == "https://x.org/a");
  CHECK(slice(doc, link.target_span) == "https://x.org/a");
  CHECK(link.target_span.begin == 8);
  CHECK(slice(doc, link.span) == "[a](https://x.org/a)");
  CHECK(link.text == "a");
  CHECK_FALSE(link.autolink);
}

TEST_CASE("markdown reader: a link target with an escape or an entity")
{
  SUBCASE("escape")
  {
    const Document doc = markdown("See [a](https://x.org/a\\_b) now.\n");
    const Link& link = only_link(doc);
    CHECK(link.target == "https://x.org/a_b");
    CHECK(slice(doc, link.target_span) == "https://x.org/a\\_b");
    CHECK(slice(doc, link.span) == "[a](https://x.org/a\\_b)");
  }
  SUBCASE("entity")
  {
    const Document doc = markdown("See [a](https://x.org/?a=1&amp;b=2) now.\n");
    const Link& link = only_link(doc);
    CHECK(link.target == "https://x.org/?a=1&b=2");
    CHECK(slice(doc, link.target_span) == "https://x.org/?a=1&amp;b=2");
  }
  SUBCASE("angle brackets and a title")
  {
    const Document doc = markdown("See [a](<https://x.org/a b> \"Title\") now.\n");
    const Link& link = only_link(doc);
    CHECK(link.target == "https://x.org/a b");
    CHECK(slice(doc, link.target_span) == "https://x.org/a b");
    CHECK(slice(doc, link.span) == "[a](<https://x.org/a b> \"Title\")");
  }
  SUBCASE("emphasis in the link text")
  {
    const Document doc = markdown("See [*our* site](https://x.org/s) now.\n");
    const Link& link = only_link(doc);
    CHECK(link.text == "our site");
    CHECK(slice(doc, link.target_span) == "https://x.org/s");
    CHECK(slice(doc, link.span) == "[*our* site](https://x.org/s)");
  }
}

TEST_CASE("markdown reader: a reference link points at its definition")
{
  const Document doc = markdown("See [a][ref] now.\n"
                                "\n"
                                "[ref]: https://x.org/r\n");
  const Link& link = only_link(doc);
  CHECK(link.target == "https://x.org/r");
  CHECK(slice(doc, link.target_span) == "https://x.org/r");
  CHECK(doc.position(link.target_span.begin).line == 3);
  CHECK(doc.position(link.target_span.begin).column == 8);
  CHECK(link.text == "a");
  CHECK_FALSE(link.autolink);
  // The definition is not prose.
  CHECK(blocks_of(doc) == "paragraph: See a now.\n");
}

TEST_CASE("markdown reader: a shortcut reference link followed by an inline link")
{
  const Document doc = markdown("Read [ref] [x](https://x.org/x) or [ref][] [y](https://x.org/y).\n"
                                "\n"
                                "[ref]: https://x.org/r\n");
  REQUIRE(doc.links.size() == 4);
  CHECK(doc.links[0].target == "https://x.org/r");
  CHECK(slice(doc, doc.links[0].target_span) == "https://x.org/r");
  CHECK(doc.position(doc.links[0].target_span.begin).line == 3);
  CHECK(slice(doc, doc.links[1].target_span) == "https://x.org/x");
  CHECK(slice(doc, doc.links[1].span) == "[x](https://x.org/x)");
  CHECK(slice(doc, doc.links[2].target_span) == "https://x.org/r");
  CHECK(slice(doc, doc.links[3].target_span) == "https://x.org/y");
}

TEST_CASE("markdown reader: autolinks and placeholder targets")
{
  SUBCASE("autolink")
  {
    const Document doc = markdown("Visit <https://x.org> today.\n");
    const Link& link = only_link(doc);
    CHECK(link.autolink);
    CHECK(link.target == "https://x.org");
    CHECK(slice(doc, link.target_span) == "https://x.org");
    CHECK(link.target_span.begin == 7);
  }
  SUBCASE("hash")
  {
    const Document doc = markdown("See [x](#) now.\n");
    const Link& link = only_link(doc);
    CHECK(link.target == "#");
    CHECK(slice(doc, link.target_span) == "#");
    CHECK(link.target_span.begin == 8);
    CHECK(slice(doc, link.span) == "[x](#)");
    CHECK(link.text == "x");
  }
  SUBCASE("empty target")
  {
    const Document doc = markdown("See [x]() now.\n");
    const Link& link = only_link(doc);
    CHECK(link.target.empty());
    CHECK(link.target_span.begin == 8);
    CHECK(link.target_span.empty());
  }
  SUBCASE("two links on a line")
  {
    const Document doc = markdown("[one](https://x.org/1) and [two](https://x.org/2)\n");
    REQUIRE(doc.links.size() == 2);
    CHECK(slice(doc, doc.links[0].target_span) == "https://x.org/1");
    CHECK(slice(doc, doc.links[1].target_span) == "https://x.org/2");
    CHECK(doc.links[1].text == "two");
  }
}

TEST_CASE("markdown reader: code spans are marked as code")
{
  const Document doc = markdown("Use `TK here` and TK.\n");
  REQUIRE(doc.blocks.size() == 1);
  const auto& content = doc.blocks[0].content;
  CHECK(content.text == "Use TK here and TK.");
  const std::size_t first = content.text.find("TK");
  const std::size_t second = content.text.rfind("TK");
  CHECK(first == 4);
  CHECK(second == 16);
  CHECK(content.overlaps_code(first, first + 2));
  CHECK(content.overlaps_code(0, 5));
  CHECK_FALSE(content.overlaps_code(second, second + 2));
  CHECK_FALSE(content.overlaps_code(0, 4));
  CHECK(slice(doc, content.to_source(first, first + 2)) == "TK");
  CHECK(content.to_source(first, first + 2).begin == 5);
  CHECK(content.to_source(second, second + 2).begin == 18);
}

TEST_CASE("markdown reader: YAML front matter is not release text")
{
  const std::string text = "---\n"
                           "title: TK\n"
                           "---\n"
                           "# Head\n"
                           "\n"
                           "Body.\n";
  const Document doc = markdown(text);
  CHECK(doc.content_begin == 18);
  CHECK(blocks_of(doc) == "heading1: Head\nparagraph: Body.\n");
  // Lines start after the front matter.
  REQUIRE(doc.lines.size() == 4);
  CHECK(doc.lines[0].content.text == "# Head");
  CHECK(doc.lines[0].span.begin == 18);
  for (const Line& line : doc.lines) {
    CHECK(line.span.begin >= doc.content_begin);
  }
  // Unclosed "---" is not front matter.
  const Document open = markdown("---\ntitle: x\n");
  CHECK(open.content_begin == 0);
  CHECK_FALSE(open.blocks.empty());
}

TEST_CASE("markdown reader: positions in code points and in UTF-16 units")
{
  // "é" is 2 bytes, one code point, one UTF-16 unit; "😀" is 4 bytes, one
  // code point, two UTF-16 units.
  const Document doc = markdown("First line\naé😀b TK\n");
  const std::size_t b = doc.source.find('b');
  REQUIRE(b == 18);
  const Position pos = doc.position(b);
  CHECK(pos.line == 2);
  CHECK(pos.column == 4);
  const Position utf16 = doc.utf16_position(b);
  CHECK(utf16.line == 2);
  CHECK(utf16.column == 4); // 0-based: a, é, two units for the emoji
  const std::size_t tk = doc.source.find("TK");
  CHECK(doc.position(tk).column == 6);
  CHECK(doc.utf16_position(tk).column == 6);
  CHECK(doc.position(0).line == 1);
  CHECK(doc.position(0).column == 1);
  CHECK(doc.utf16_position(0).column == 0);
  CHECK(doc.offset_of(Position{2, 4}) == b);
  CHECK(doc.offset_of_utf16(1, 4) == b);
  // Past the end of a line: its end; past the last line: the end of the file.
  CHECK(doc.offset_of(Position{1, 99}) == 10);
  CHECK(doc.offset_of(Position{9, 1}) == doc.source.size());
}

TEST_CASE("markdown reader: offset_of and offset_of_utf16 round-trip every code-point boundary")
{
  const std::string text = "# Café 😀 news\n"
                           "\n"
                           "ÅNGSTRÖM — 東京 a\tb 🇺🇸 done\n"
                           "x\n"
                           "\n";
  const Document doc = markdown(text);
  std::size_t checked = 0;
  for (std::size_t o = 0; o <= text.size(); ++o) {
    if (o < text.size() && (static_cast<unsigned char>(text[o]) & 0xC0) == 0x80) {
      continue; // inside a code point
    }
    CAPTURE(o);
    const Position p = doc.position(o);
    CHECK(doc.offset_of(p) == o);
    const Position u = doc.utf16_position(o);
    CHECK(u.line == p.line);
    CHECK(doc.offset_of_utf16(u.line - 1, u.column) == o);
    ++checked;
  }
  CHECK(checked == 45);
}

TEST_CASE("markdown reader: a position cursor gives Document::position's positions")
{
  // Lines of code points of one to four bytes, one longer than the blocks
  // positions are counted in; offsets asked for in order (as a file's
  // findings are), twice, back again, and at random.
  std::string text = "# Café 😀 news\n\nÅNGSTRÖM — 東京 a\tb 🇺🇸 done\n";
  for (int i = 0; i < 900; ++i) {
    text += "é😀 ab";
  }
  text += "\nx\n\nlast";
  const Document doc = markdown(text);
  std::vector<std::size_t> offsets;
  for (std::size_t o = 0; o <= text.size() + 2; o += 3) {
    offsets.push_back(o);
    offsets.push_back(o);
  }
  for (std::size_t o = text.size(); o >= 7; o -= 7) {
    offsets.push_back(o);
  }
  std::mt19937 random(7);
  for (int i = 0; i < 2000; ++i) {
    offsets.push_back(random() % (text.size() + 1));
  }
  presslint::document::PositionCursor cursor(doc);
  std::size_t same_line = 0;
  std::size_t last_line = 0;
  for (const std::size_t o : offsets) {
    CAPTURE(o);
    const Position expected = doc.position(o);
    const Position p = cursor.at(o);
    CHECK(p.line == expected.line);
    CHECK(p.column == expected.column);
    same_line += expected.line == last_line ? 1 : 0;
    last_line = expected.line;
  }
  CHECK(same_line > offsets.size() / 2);
}

TEST_CASE("markdown reader: invalid UTF-8 names its line and column")
{
  const Error e = refused("bad.md", "ok line\nab\xE2\x82\xC3\xA9 more\n");
  CHECK(e.path == "bad.md");
  CHECK(e.line == 2);
  CHECK(e.column == 3);
  CHECK(e.message == "invalid UTF-8 (byte 0xE2)");
  CHECK(e.format() == "bad.md:2:3: error: invalid UTF-8 (byte 0xE2)");
}

TEST_CASE("markdown reader: a Windows-1252 file is named as such")
{
  const Error e = refused("w.txt", "# Head\n\ncaf\xE9 \x93quoted\x94\n", Format::text);
  CHECK(e.path == "w.txt");
  CHECK(e.line == 3);
  CHECK(e.column == 4);
  CHECK(e.message
        == "invalid UTF-8 (byte 0xE9): the file looks like Windows-1252; save it as UTF-8");
  // A smart quote alone (0x93) is Windows-1252 too.
  const Error q = refused("q.md", "say \x93hi\x94\n");
  CHECK(q.line == 1);
  CHECK(q.column == 5);
  CHECK(q.message
        == "invalid UTF-8 (byte 0x93): the file looks like Windows-1252; save it as UTF-8");
}

TEST_CASE("markdown reader: UTF-16 files are named as such")
{
  SUBCASE("little-endian with a BOM")
  {
    const std::string bytes("\xFF\xFE#\0 \0H\0i\0\n\0", 12);
    const Error e = refused("u.md", bytes);
    CHECK(e.line == 0);
    CHECK(e.format()
          == "u.md: error: file is encoded as UTF-16 (it starts with a UTF-16 byte order "
             "mark); presslint reads UTF-8: save it as UTF-8");
  }
  SUBCASE("big-endian with a BOM")
  {
    const std::string bytes("\xFE\xFF\0#\0 \0H\0i", 10);
    const Error e = refused("u.md", bytes);
    CHECK(e.message.find("UTF-16") != std::string::npos);
  }
  SUBCASE("little-endian without a BOM")
  {
    const std::string bytes("#\0 \0H\0i\0\n\0B\0o\0d\0y\0\n\0", 20);
    const Error e = refused("u.md", bytes);
    CHECK(e.message
          == "file is encoded as UTF-16 (every other byte is zero); presslint reads UTF-8: "
             "save it as UTF-8");
  }
}

TEST_CASE("markdown reader: a NUL byte is located")
{
  const Error e = refused("n.md", std::string("abc\nde\0f\n", 9));
  CHECK(e.path == "n.md");
  CHECK(e.line == 2);
  CHECK(e.column == 3);
  CHECK(e.message == "NUL byte in text: this looks like a binary file");
}

TEST_CASE("markdown reader: an empty file reads fine")
{
  Document doc;
  Error error;
  REQUIRE(read_document("empty.md", "", Format::markdown, doc, error));
  CHECK(doc.blocks.empty());
  CHECK(doc.links.empty());
  CHECK(doc.anchors.empty());
  CHECK(doc.content_begin == 0);
  CHECK(doc.line_count() == 1);
  REQUIRE(doc.lines.size() == 1);
  CHECK(doc.lines[0].content.text.empty());
  CHECK(doc.position(0).line == 1);
  CHECK(doc.position(0).column == 1);

  // Only white space: no blocks either.
  const Document blank = markdown("\n  \n\n");
  CHECK(blank.blocks.empty());
  CHECK(blank.lines.size() == 4);
}

TEST_CASE("markdown reader: a 1 MB single line")
{
  std::string text;
  text.reserve(1 << 20);
  while (text.size() < (1 << 20)) {
    text += "word ";
  }
  text += "TK";
  const Document doc = markdown(text);
  REQUIRE(doc.blocks.size() == 1);
  CHECK(doc.blocks[0].kind == BlockKind::paragraph);
  CHECK(doc.blocks[0].content.text == text);
  REQUIRE(doc.lines.size() == 1);
  CHECK(doc.lines[0].content.text.size() == text.size());
  const Position end = doc.position(text.size() - 2);
  CHECK(end.line == 1);
  CHECK(end.column == text.size() - 1);
}

TEST_CASE("markdown reader: a 50 MB file is read")
{
  const std::string paragraph = "Acme will hire 200 people in Dayton, said é [Dana](https://x.org/d).\n\n";
  std::string text;
  const std::size_t target = std::size_t{50} * 1024 * 1024;
  text.reserve(target + paragraph.size());
  std::size_t count = 0;
  while (text.size() < target) {
    text += paragraph;
    ++count;
  }
  Document doc;
  Error error;
  REQUIRE_MESSAGE(read_document("big.md", text, Format::markdown, doc, error), error.format());
  CHECK(doc.source.size() == count * paragraph.size());
  CHECK(doc.blocks.size() == count);
  CHECK(doc.links.size() == count);
  CHECK(doc.lines.size() == 2 * count + 1);
  CHECK(doc.blocks.back().content.text
        == "Acme will hire 200 people in Dayton, said é Dana.");
  CHECK(slice(doc, doc.links.back().target_span) == "https://x.org/d");
  CHECK(doc.position(doc.blocks.back().span.begin).line == 2 * count - 1);
}

TEST_CASE("markdown reader: a file over the size limit is refused")
{
  const std::string text(presslint::document::k_max_file_size + 1, 'a');
  const Error e = refused("huge.md", text);
  CHECK(e.line == 0);
  CHECK(e.message == "file is too large (64 MB; the limit is 64 MB)");
}

TEST_CASE("markdown reader: ids written as raw HTML are every one a scan of the whole text finds")
{
  // The reader looks only where an "=" is; a scan from the start, as the
  // pattern alone would do it, must find the same ids.
  auto scanned = [](const std::string& text) {
    static const RE2 k_id(R"((?i)\b(?:id|name)\s*=\s*["']([^"'<>]+)["'])");
    std::vector<std::string> ids;
    re2::StringPiece input(text);
    std::string id;
    while (RE2::FindAndConsume(&input, k_id, &id)) {
      ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  };
  std::vector<std::string> texts{
    "# Title\n\n<a name=\"top\"></a>\n\nText <span id = 'x'>here</span>.\n",
    "<A NAME=\"Up\"> <b data-id=\"d\"> <i grid=\"no\"> <p id=\"a\"id=\"b\">\n",
    "a = b, x == y, name= \"a=b\" and id=\t\n 'tabbed' and name  =  \"far\"\n",
    "=== id=\"\" name=\"<no>\" id='ok'=\n",
    "no equals sign at all\n",
    "ends with id=",
  };
  const std::vector<std::string> corpus = presslint::test::corpus_texts(true);
  texts.insert(texts.end(), corpus.begin(), corpus.end());
  std::size_t found = 0;
  for (const std::string& text : texts) {
    const Document doc = markdown(text);
    std::vector<std::string> ids = scanned(doc.source);
    found += ids.size();
    // The anchors are those ids and the headings' slugs.
    std::vector<std::string> expected = ids;
    for (const Block& block : doc.blocks) {
      if (block.kind == BlockKind::heading) {
        expected.push_back(presslint::document::heading_slug(block.content.text));
      }
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    CAPTURE(text.substr(0, 80));
    CHECK(doc.anchors == expected);
  }
  CHECK(found >= 10);
}
