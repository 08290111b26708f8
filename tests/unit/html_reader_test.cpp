#include <presslint/document/reader.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

using presslint::core::Error;
using presslint::core::Span;
using presslint::document::Block;
using presslint::document::BlockKind;
using presslint::document::Document;
using presslint::document::Format;
using presslint::document::MappedText;
using presslint::document::parse_html;
using presslint::document::Piece;

namespace {

struct Parsed
{
  Document doc;
  Error error;
  bool ok = false;
};

Parsed
parse(std::string source, std::string path = "release.html")
{
  Parsed p;
  p.doc.path = std::move(path);
  p.doc.format = Format::html;
  p.doc.source = std::move(source);
  p.doc.index_lines();
  p.ok = parse_html(p.doc, p.error);
  return p;
}

std::string_view
source_of(const Document& doc, Span span)
{
  return std::string_view(doc.source).substr(span.begin, span.size());
}

std::vector<std::string>
block_texts(const Document& doc)
{
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) {
    out.push_back(b.content.text);
  }
  return out;
}

bool
any_block_contains(const Document& doc, std::string_view needle)
{
  return std::any_of(doc.blocks.begin(), doc.blocks.end(), [&](const Block& b) {
    return b.content.text.find(needle) != std::string::npos;
  });
}

// Every verbatim piece stands for exactly its text in the source.
bool
verbatim_pieces_match(const Document& doc, const MappedText& m)
{
  for (std::size_t i = 0; i < m.pieces.size(); ++i) {
    const Piece& p = m.pieces[i];
    const std::size_t end = i + 1 < m.pieces.size() ? m.pieces[i + 1].text_begin : m.text.size();
    if (p.source_end > doc.source.size() || p.source_begin > p.source_end) {
      return false;
    }
    if (p.verbatim
        && std::string_view(m.text).substr(p.text_begin, end - p.text_begin)
             != source_of(doc, Span{p.source_begin, p.source_end})) {
      return false;
    }
  }
  return true;
}

} // namespace

TEST_CASE("html reader: the single article is the content")
{
  const std::string src = "<!DOCTYPE html>\n<html><body>\n"
                          "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n"
                          "<header><h1>Site name</h1></header>\n"
                          "<div role=\"main\"><h1>Section title</h1>\n"
                          "<article id=\"pr\"><h1>Acme ships widgets</h1>\n"
                          "<p>Acme today shipped widgets.</p></article>\n"
                          "</div><aside><p>Related stories</p></aside>\n"
                          "<footer><p>Copyright</p></footer></body></html>\n";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  CHECK(block_texts(p.doc)
        == std::vector<std::string>{"Acme ships widgets", "Acme today shipped widgets."});
  CHECK(p.doc.blocks[0].kind == BlockKind::heading);
  CHECK(p.doc.blocks[0].level == 1);
  CHECK(p.doc.blocks[1].kind == BlockKind::paragraph);
  CHECK(p.doc.content_begin == src.find("<article"));
  CHECK(p.doc.links.empty()); // the navigation's links are not content
  // Ids come from the whole page; heading slugs from the content.
  CHECK(std::count(p.doc.anchors.begin(), p.doc.anchors.end(), "pr") == 1);
  CHECK(std::count(p.doc.anchors.begin(), p.doc.anchors.end(), "acme-ships-widgets") == 1);
}

TEST_CASE("html reader: without an article, the body without its furniture")
{
  SUBCASE("body")
  {
    const std::string src = "<body><nav>Menu <a href=\"/\">Home</a></nav>\n"
                            "<header>Masthead</header>\n"
                            "<h2>Acme ships widgets</h2>\n<p>First paragraph.</p>\n"
                            "<div role=\"navigation\">Breadcrumbs</div>\n"
                            "<aside>Sidebar</aside>\n<form>Search <input name=q></form>\n"
                            "<script>var x = '<p>not text</p>';</script>\n"
                            "<footer>Footer</footer></body>";
    const Parsed p = parse(src);
    REQUIRE(p.ok);
    CHECK(block_texts(p.doc)
          == std::vector<std::string>{"Acme ships widgets", "First paragraph."});
    CHECK(p.doc.content_begin == src.find("<body"));
  }
  SUBCASE("two articles: the main element")
  {
    const std::string src = "<body><p>Outside</p><main><article><p>One</p></article>"
                            "<article><p>Two</p></article></main></body>";
    const Parsed p = parse(src);
    REQUIRE(p.ok);
    CHECK(block_texts(p.doc) == std::vector<std::string>{"One", "Two"});
    CHECK(p.doc.content_begin == src.find("<main"));
  }
  SUBCASE("no body tag at all")
  {
    const Parsed p = parse("Just some text\n");
    REQUIRE(p.ok);
    CHECK(block_texts(p.doc) == std::vector<std::string>{"Just some text"});
  }
}

TEST_CASE("html reader: entities map back to their source")
{
  const std::string src = "<p>AT&amp;T &eacute;t&eacute;</p>";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  REQUIRE(p.doc.blocks.size() == 1);
  const MappedText& m = p.doc.blocks[0].content;
  CHECK(m.text == "AT&T \xC3\xA9t\xC3\xA9");
  CHECK(verbatim_pieces_match(p.doc, m));

  // The "&" is the whole entity; the "T" after it is the byte after ';'.
  CHECK(source_of(p.doc, m.to_source(2, 3)) == "&amp;");
  const Span t = m.to_source(3, 4);
  CHECK(t.begin == src.find("&amp;T") + 5);
  CHECK(source_of(p.doc, t) == "T");

  const std::size_t ete = m.text.find("\xC3\xA9t\xC3\xA9");
  REQUIRE(ete != std::string::npos);
  CHECK(source_of(p.doc, m.to_source(ete, m.text.size())) == "&eacute;t&eacute;");
  CHECK(p.doc.blocks[0].span == Span{0, src.size()});
}

TEST_CASE("html reader: numeric references, CR LF and folded white space")
{
  const std::string src = "<p>a&#233;b &#x2014; c\r\n   d\te</p>";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  REQUIRE(p.doc.blocks.size() == 1);
  const MappedText& m = p.doc.blocks[0].content;
  CHECK(m.text == "a\xC3\xA9"
                  "b \xE2\x80\x94 c d e");
  CHECK(verbatim_pieces_match(p.doc, m));
  CHECK(source_of(p.doc, m.to_source(1, 3)) == "&#233;");
  CHECK(source_of(p.doc, m.to_source(5, 8)) == "&#x2014;");
  // The run " \r\n   " is one space standing for all of it.
  const std::size_t space = m.text.find(" d");
  CHECK(source_of(p.doc, m.to_source(space, space + 1)) == "\r\n   ");
  CHECK(source_of(p.doc, m.to_source(space + 1, space + 2)) == "d");
  // A single space is verbatim.
  CHECK(source_of(p.doc, m.to_source(4, 5)) == " ");
}

TEST_CASE("html reader: tabs do not shift columns")
{
  // Gumbo counts a tab as up to 8 columns; positions come from offsets.
  const std::string src = "<div>\n\t\t<p>\t\xC3\xA9l\xC3\xA8ve\tword</p></div>\n";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  REQUIRE(p.doc.blocks.size() == 1);
  const MappedText& m = p.doc.blocks[0].content;
  CHECK(m.text == "\xC3\xA9l\xC3\xA8ve word");
  const std::size_t word = m.text.find("word");
  const Span span = m.to_source(word, word + 4);
  CHECK(source_of(p.doc, span) == "word");
  const auto pos = p.doc.position(span.begin);
  CHECK(pos.line == 2);
  // "\t\t<p>\télève\t" is 12 code points.
  CHECK(pos.column == 13);
  const auto first = p.doc.position(m.to_source(0, 2).begin);
  CHECK(first.line == 2);
  CHECK(first.column == 7);
}

TEST_CASE("html reader: <br> splits the lines of a block")
{
  const std::string src = "<p>one<br>two <br/>\n  three<br></p><p>four</p>";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  REQUIRE(p.doc.blocks.size() == 2);
  CHECK(p.doc.blocks[0].content.text == "one\ntwo\nthree");
  CHECK(source_of(p.doc, p.doc.blocks[0].content.to_source(3, 4)) == "<br>");
  REQUIRE(p.doc.lines.size() == 4);
  CHECK(p.doc.lines[0].content.text == "one");
  CHECK(p.doc.lines[1].content.text == "two");
  CHECK(p.doc.lines[2].content.text == "three");
  CHECK(p.doc.lines[3].content.text == "four");
  CHECK(p.doc.lines[0].block == 0);
  CHECK(p.doc.lines[2].block == 0);
  CHECK(p.doc.lines[3].block == 1);
  CHECK(source_of(p.doc, p.doc.lines[1].span) == "two");
  CHECK(source_of(p.doc, p.doc.lines[2].span) == "three");
  // Line pieces are relative to the line.
  CHECK(source_of(p.doc, p.doc.lines[2].content.to_source(0, 5)) == "three");
  for (const auto& line : p.doc.lines) {
    CHECK(verbatim_pieces_match(p.doc, line.content));
  }
}

TEST_CASE("html reader: code spans and preformatted blocks")
{
  const std::string src = "<p>Run <code>make  all</code> now.</p>\n"
                          "<pre>\n  int x;\r\n  return &lt;x&gt;;\n</pre>";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  REQUIRE(p.doc.blocks.size() == 2);
  const MappedText& m = p.doc.blocks[0].content;
  CHECK(m.text == "Run make all now.");
  const std::size_t make = m.text.find("make");
  CHECK(m.overlaps_code(make, make + 4));
  CHECK(m.overlaps_code(make + 4, make + 5)); // the folded space inside <code>
  CHECK_FALSE(m.overlaps_code(0, 3));
  CHECK_FALSE(m.overlaps_code(m.text.find("now"), m.text.size()));

  const Block& pre = p.doc.blocks[1];
  CHECK(pre.kind == BlockKind::code);
  CHECK(pre.content.text == "  int x;\n  return <x>;");
  CHECK(std::all_of(pre.content.pieces.begin(), pre.content.pieces.end(),
                    [](const Piece& piece) { return piece.code; }));
  CHECK(verbatim_pieces_match(p.doc, pre.content));
  REQUIRE(p.doc.lines.size() == 3);
  CHECK(p.doc.lines[1].content.text == "  int x;");
  CHECK(p.doc.lines[2].content.text == "  return <x>;");
  CHECK(source_of(p.doc, p.doc.lines[2].span) == "  return &lt;x&gt;;");
}

TEST_CASE("html reader: links and their targets as written")
{
  const std::string src = "<p>See <a href=\"https://example.com/a\">the <b>site</b></a>, "
                          "<a href=\"a&amp;b\">two</a>, <a href='c d'>three</a> and "
                          "<a href=plain>four</a>. <a name=\"top\">No href</a></p>";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  REQUIRE(p.doc.links.size() == 4);
  const auto& links = p.doc.links;
  CHECK(links[0].target == "https://example.com/a");
  CHECK(source_of(p.doc, links[0].target_span) == "https://example.com/a");
  CHECK(links[0].text == "the site");
  CHECK(source_of(p.doc, links[0].span)
        == "<a href=\"https://example.com/a\">the <b>site</b></a>");

  CHECK(links[1].target == "a&b");
  CHECK(source_of(p.doc, links[1].target_span) == "a&amp;b");
  CHECK(links[1].text == "two");

  CHECK(links[2].target == "c d");
  CHECK(source_of(p.doc, links[2].target_span) == "c d");
  CHECK(links[3].target == "plain");
  CHECK(source_of(p.doc, links[3].target_span) == "plain");
  CHECK(source_of(p.doc, links[3].span) == "<a href=plain>four</a>");

  CHECK(std::count(p.doc.anchors.begin(), p.doc.anchors.end(), "top") == 1);
  CHECK(p.doc.blocks.size() == 1);
  CHECK(p.doc.blocks[0].content.text == "See the site, two, three and four. No href");
}

TEST_CASE("html reader: block kinds, quotes, emphasis and anchors")
{
  const std::string src = "<article><h2 id=\"about\">About Acme, Inc.</h2>\n"
                          "<p><strong>Media contact</strong> <em>only</em></p>\n"
                          "<p><strong>Partly</strong> bold</p>\n"
                          "<blockquote><p>Quoted words.</p></blockquote>\n"
                          "<ul><li>One</li><li>Two<ul><li>Inner</li></ul>tail</li></ul>\n"
                          "<table><tr><th>Q</th><td>Value</td></tr></table>\n"
                          "<div class=\"x\">Loose <span>text</span><p>Para</p>after</div>"
                          "</article>";
  const Parsed p = parse(src);
  REQUIRE(p.ok);
  CHECK(block_texts(p.doc)
        == std::vector<std::string>{"About Acme, Inc.", "Media contact only", "Partly bold",
                                    "Quoted words.", "One", "Two", "Inner", "tail", "Q",
                                    "Value", "Loose text", "Para", "after"});
  const auto& b = p.doc.blocks;
  CHECK(b[0].kind == BlockKind::heading);
  CHECK(b[0].level == 2);
  CHECK(b[1].emphasized);
  CHECK_FALSE(b[2].emphasized);
  CHECK(b[3].in_quote);
  CHECK_FALSE(b[2].in_quote);
  CHECK(b[4].kind == BlockKind::list_item);
  CHECK(b[7].kind == BlockKind::list_item);
  CHECK(b[8].kind == BlockKind::table_cell);
  CHECK(b[10].kind == BlockKind::paragraph);
  // A block that is a whole element spans it; a run of text spans itself.
  CHECK(source_of(p.doc, b[3].span) == "<p>Quoted words.</p>");
  CHECK(source_of(p.doc, b[10].span) == "Loose <span>text");
  CHECK(std::count(p.doc.anchors.begin(), p.doc.anchors.end(), "about") == 1);
  CHECK(std::count(p.doc.anchors.begin(), p.doc.anchors.end(), "about-acme-inc") == 1);
  CHECK(p.doc.lines.size() == b.size());
}

TEST_CASE("html reader: deep nesting is refused before parsing")
{
  SUBCASE("100,000 nested divs")
  {
    std::string src = "<!DOCTYPE html>\n<p>Intro</p>\n";
    for (int i = 0; i < 100000; ++i) {
      src += "<div>";
    }
    const auto start = std::chrono::steady_clock::now();
    const Parsed p = parse(src, "deep.html");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK_FALSE(p.ok);
    CHECK(elapsed < std::chrono::milliseconds(500));
    CHECK(p.error.path == "deep.html");
    CHECK(p.error.line == 3);
    // The 401st <div> starts after 400 of five characters.
    CHECK(p.error.column == 2001);
    CHECK(p.error.message.find("400") != std::string::npos);
    CHECK(p.error.excerpt.size() <= 120);
    CHECK(p.error.excerpt.starts_with("<div><div>"));
  }
  SUBCASE("self-closed divs nest too")
  {
    std::string src;
    for (int i = 0; i < 1000; ++i) {
      src += "<div/>";
    }
    CHECK_FALSE(parse(src).ok);
  }
  SUBCASE("unclosed formatting across paragraphs keeps nesting")
  {
    std::string src;
    for (int i = 0; i < 1000; ++i) {
      src += "<p><b class=\"c" + std::to_string(i) + "\">x</p>\n";
    }
    CHECK_FALSE(parse(src).ok);
  }
  SUBCASE("elements that close themselves do not add up")
  {
    std::string src = "<ul>";
    for (int i = 0; i < 600; ++i) {
      src += "<li>item<p>para<td>cell";
    }
    src += "</ul><table>";
    for (int i = 0; i < 600; ++i) {
      src += "<tr><td>a<td>b";
    }
    src += "</table><select>";
    for (int i = 0; i < 600; ++i) {
      src += "<option>o";
    }
    src += "</select>";
    for (int i = 0; i < 600; ++i) {
      src += "<p><b>bold</p>";
    }
    for (int i = 0; i < 600; ++i) {
      src += "<img src=x><br><hr><input><span/><a href=x>link<a href=y>";
    }
    const Parsed p = parse(src);
    CHECK(p.ok);
    CHECK(p.doc.blocks.size() > 1800);
  }
  SUBCASE("comments, scripts and attributes hide nothing")
  {
    std::string src = "<!-- <div><div> --><script>";
    for (int i = 0; i < 1000; ++i) {
      src += "<div>";
    }
    src += "</script><p title=\"<div><div><div>\">ok</p><textarea>";
    for (int i = 0; i < 1000; ++i) {
      src += "<div>";
    }
    src += "</textarea>";
    const Parsed p = parse(src);
    CHECK(p.ok);
  }
  SUBCASE("400 levels are fine")
  {
    std::string src;
    for (int i = 0; i < 395; ++i) {
      src += "<div>";
    }
    src += "deep text";
    const Parsed p = parse(src);
    REQUIRE(p.ok);
    CHECK(block_texts(p.doc) == std::vector<std::string>{"deep text"});
  }
}

TEST_CASE("html reader: the press release corpus")
{
  const std::filesystem::path dir = PRESSLINT_SHARED_DIR "/corpus/us-doj-opa";
  REQUIRE(std::filesystem::is_directory(dir));
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".html") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    CAPTURE(file.string());
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Parsed p = parse(std::move(bytes), file.string());
    REQUIRE(p.ok);
    CHECK(std::any_of(p.doc.blocks.begin(), p.doc.blocks.end(),
                      [](const Block& b) { return b.kind == BlockKind::heading; }));
    CHECK(any_block_contains(p.doc, "FOR IMMEDIATE RELEASE"));
    // The page's navigation, masthead and footer are not the release.
    CHECK_FALSE(any_block_contains(p.doc, "Main menu"));
    CHECK_FALSE(any_block_contains(p.doc, "Footer Menu"));
    CHECK_FALSE(any_block_contains(p.doc, "Stay Connected with Justice"));
    CHECK_FALSE(any_block_contains(p.doc, "Justice News"));
    CHECK(p.doc.content_begin == p.doc.source.find("<article"));
    CHECK(p.doc.lines.size() >= p.doc.blocks.size());
    for (const Block& b : p.doc.blocks) {
      CHECK(verbatim_pieces_match(p.doc, b.content));
      CHECK(b.span.begin >= p.doc.content_begin);
    }
    std::size_t previous = 0;
    for (const auto& line : p.doc.lines) {
      CHECK(line.block < p.doc.blocks.size());
      CHECK(line.block >= previous);
      previous = line.block;
      CHECK(!line.content.text.empty());
    }
  }
}
