#pragma once

#include <presslint/core/finding.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::document {

enum class Format { markdown, text, html };

// Format from a file name's extension; nullopt-like `false` when it is not a
// release extension (.md .markdown .txt .html .htm).
bool format_from_path(std::string_view path, Format& format);

// The anchor GitHub gives a heading: lower case, spaces to hyphens, other
// punctuation dropped ("About Acme, Inc." -> "about-acme-inc").
std::string heading_slug(std::string_view heading);

// A stretch of the text a rule sees and where it stands in the source.
// When `verbatim`, text[text_begin, text_begin + size) is exactly
// source[source_begin, source_end); otherwise the whole piece of text
// (an entity, a folded run of white space) maps to the whole source range.
struct Piece
{
  std::size_t text_begin = 0;
  std::size_t source_begin = 0;
  std::size_t source_end = 0;
  bool verbatim = true;
  bool code = false; // inside a code span: not prose
};

// Text with a map back to source byte offsets.
struct MappedText
{
  std::string text;
  std::vector<Piece> pieces;

  // Appends text that stands verbatim in the source at `source_begin`.
  void append_verbatim(std::string_view s, std::size_t source_begin, bool code = false);
  // Appends text that stands for the source range [source_begin, source_end).
  void append_mapped(std::string_view s,
                     std::size_t source_begin,
                     std::size_t source_end,
                     bool code = false);

  // Source offset of a text offset (a begin); `source_end_of` for an end.
  [[nodiscard]] std::size_t source_begin_of(std::size_t text_offset) const;
  [[nodiscard]] std::size_t source_end_of(std::size_t text_offset) const;
  [[nodiscard]] core::Span to_source(std::size_t text_begin, std::size_t text_end) const;
  // True when any part of [text_begin, text_end) is inside a code span.
  [[nodiscard]] bool overlaps_code(std::size_t text_begin, std::size_t text_end) const;
  [[nodiscard]] bool empty() const { return text.empty(); }
};

enum class BlockKind {
  heading,
  paragraph,
  list_item,
  table_cell,
  code,
  html,
};

struct Block
{
  BlockKind kind = BlockKind::paragraph;
  int level = 0;             // heading level
  bool in_quote = false;     // inside a blockquote
  bool emphasized = false;   // all its text is under emphasis or strong
  core::Span span;           // source span, whole lines for Markdown
  MappedText content;
};

struct Link
{
  std::string target;      // as written, after unescaping
  core::Span target_span;  // where the destination stands in the source
  core::Span span;         // the whole link
  std::string text;        // the link text
  bool autolink = false;
};

// A line a line-oriented rule sees: a source line for Markdown and text,
// a line of a block's text for HTML.
struct Line
{
  MappedText content;
  core::Span span;              // source span of the line, without its end
  std::size_t block = npos;     // index of the block it belongs to, or npos
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

struct Position
{
  std::size_t line = 1;   // 1-based
  std::size_t column = 1; // 1-based, unit as asked
};

class Document
{
public:
  std::string path;        // as the user named it
  Format format = Format::markdown;
  std::string source;      // the file's bytes
  std::size_t content_begin = 0; // after a BOM and YAML front matter
  std::vector<Block> blocks;
  std::vector<Line> lines;
  std::vector<Link> links;
  std::vector<std::string> anchors; // ids and heading slugs, for in-page links

  // Fills the line-start table; called by the readers.
  void index_lines();

  [[nodiscard]] std::size_t line_count() const { return m_line_starts.size(); }
  // 0-based line index of a byte offset.
  [[nodiscard]] std::size_t line_index(std::size_t offset) const;
  [[nodiscard]] std::size_t line_start(std::size_t index) const { return m_line_starts[index]; }
  // The raw text of a 0-based line, without its line end.
  [[nodiscard]] std::string_view raw_line(std::size_t index) const;

  // 1-based line and 1-based code-point column of a byte offset.
  [[nodiscard]] Position position(std::size_t offset) const;
  // 1-based line and 0-based UTF-16 column (as LSP counts) of a byte offset.
  [[nodiscard]] Position utf16_position(std::size_t offset) const;
  // The byte offset of a 1-based line and 1-based code-point column.
  [[nodiscard]] std::size_t offset_of(Position position) const;
  // The byte offset of a 0-based line and 0-based UTF-16 column.
  [[nodiscard]] std::size_t offset_of_utf16(std::size_t line, std::size_t character) const;

private:
  // Code points (and UTF-16 units) before the start of every block of
  // k_count_block bytes: a column costs at most one block's count, not a
  // count from the start of its line (a 1 MB line with many findings).
  static constexpr std::size_t k_count_block = 4096;
  [[nodiscard]] std::size_t code_points_before(std::size_t offset) const;
  [[nodiscard]] std::size_t utf16_units_before(std::size_t offset) const;

  std::vector<std::size_t> m_line_starts;
  std::vector<std::size_t> m_code_points_at_block;
  std::vector<std::size_t> m_utf16_units_at_block;
};

// Document::position for offsets asked for mostly in increasing order (a
// file's findings): an offset on the line of the one before it, and not
// before it, is counted on from there, not from the start of its line.
class PositionCursor
{
public:
  explicit PositionCursor(const Document& doc) : m_doc(doc) {}
  Position at(std::size_t offset);

private:
  const Document& m_doc;
  bool m_any = false;
  std::size_t m_offset = 0;
  std::size_t m_line_end = 0; // where the next line starts (or the end)
  Position m_position;
};

} // namespace presslint::document
