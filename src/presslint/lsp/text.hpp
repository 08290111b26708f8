#pragma once

// Positions as LSP counts them (0-based lines, UTF-16 code units in a line)
// over a document's UTF-8 text, and the edits of textDocument/didChange.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::lsp {

struct Position16
{
  std::size_t line = 0;      // 0-based
  std::size_t character = 0; // 0-based, UTF-16 code units
  friend bool operator==(const Position16&, const Position16&) = default;
  friend auto operator<=>(const Position16&, const Position16&) = default;
};

struct Range16
{
  Position16 start;
  Position16 end;
  friend bool operator==(const Range16&, const Range16&) = default;
};

// The start of every line of a text ("\n" ends a line; a "\r" before it is
// part of the line end, not of the line).
class LineIndex
{
public:
  explicit LineIndex(std::string_view text);

  [[nodiscard]] std::size_t line_count() const { return m_starts.size(); }
  // The position of a byte offset (clamped to the text).
  [[nodiscard]] Position16 position(std::size_t offset) const;
  // The byte offset of a position: a line past the end gives the end of the
  // text, a character past the end of its line gives the end of the line
  // (before its line end), one inside a surrogate pair the code point's start.
  [[nodiscard]] std::size_t offset(Position16 position) const;
  // The end of a line's content (before "\r\n" or "\n").
  [[nodiscard]] std::size_t line_end(std::size_t line) const;

private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
};

// UTF-16 code units in valid UTF-8 text.
std::size_t utf16_length(std::string_view text);
// The byte offset of the UTF-16 unit `units` of `text` (clamped; rounded
// down to the start of a code point).
std::size_t utf8_offset_of_utf16(std::string_view text, std::size_t units);

// One change of didChange: a range and its replacement, or the whole text.
struct TextChange
{
  std::optional<Range16> range;
  std::string text;
};

// Applies changes in order, each against the text the previous one left.
void apply_changes(std::string& text, const std::vector<TextChange>& changes);

// "file:///a/b%20c.md" -> "/a/b c.md"; nullopt for another scheme or a
// malformed escape.
std::optional<std::string> path_from_uri(std::string_view uri);
// "/a/b c.md" -> "file:///a/b%20c.md".
std::string uri_from_path(std::string_view path);

} // namespace presslint::lsp
