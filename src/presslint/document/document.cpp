#include <presslint/document/document.hpp>

#include <presslint/core/utf8.hpp>

#include <algorithm>

namespace presslint::document {

namespace {

bool
ends_with_ci(std::string_view s, std::string_view suffix)
{
  if (s.size() < suffix.size()) {
    return false;
  }
  // Both sides lowered: std::equal passes the suffix's character first.
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<long>(suffix.size()),
                    [&](char a, char b) { return lower(a) == lower(b); });
}

} // namespace

bool
format_from_path(std::string_view path, Format& format)
{
  if (ends_with_ci(path, ".md") || ends_with_ci(path, ".markdown")) {
    format = Format::markdown;
    return true;
  }
  if (ends_with_ci(path, ".txt")) {
    format = Format::text;
    return true;
  }
  if (ends_with_ci(path, ".html") || ends_with_ci(path, ".htm")) {
    format = Format::html;
    return true;
  }
  return false;
}

std::string
heading_slug(std::string_view heading)
{
  std::string slug;
  std::size_t i = 0;
  while (i < heading.size()) {
    std::size_t len = 1;
    const char32_t cp = core::decode_utf8(heading, i, len);
    if (cp == ' ' || cp == '-') {
      slug += '-';
    } else if (cp < 0x80 && cp >= 'A' && cp <= 'Z') {
      slug += static_cast<char>(cp - 'A' + 'a');
    } else if (core::is_word_code_point(cp)) {
      slug.append(heading.substr(i, len));
    }
    i += len;
  }
  return slug;
}

void
MappedText::append_verbatim(std::string_view s, std::size_t source_begin, bool code)
{
  if (s.empty()) {
    return;
  }
  // Extend the last piece when this text continues it exactly.
  if (!pieces.empty()) {
    Piece& last = pieces.back();
    if (last.verbatim && last.code == code && last.source_end == source_begin
        && last.text_begin + (last.source_end - last.source_begin) == text.size()) {
      last.source_end += s.size();
      text.append(s);
      return;
    }
  }
  pieces.push_back(Piece{text.size(), source_begin, source_begin + s.size(), true, code});
  text.append(s);
}

void
MappedText::append_mapped(std::string_view s,
                          std::size_t source_begin,
                          std::size_t source_end,
                          bool code)
{
  if (s.empty()) {
    return;
  }
  pieces.push_back(Piece{text.size(), source_begin, source_end, false, code});
  text.append(s);
}

namespace {

// The index of the piece that holds text offset `offset`.
std::size_t
piece_index(const std::vector<Piece>& pieces, std::size_t offset)
{
  auto it = std::upper_bound(pieces.begin(), pieces.end(), offset,
                             [](std::size_t o, const Piece& p) { return o < p.text_begin; });
  if (it == pieces.begin()) {
    return 0;
  }
  return static_cast<std::size_t>(it - pieces.begin()) - 1;
}

std::size_t
piece_text_end(const MappedText& m, std::size_t index)
{
  return index + 1 < m.pieces.size() ? m.pieces[index + 1].text_begin : m.text.size();
}

} // namespace

std::size_t
MappedText::source_begin_of(std::size_t text_offset) const
{
  if (pieces.empty()) {
    return 0;
  }
  const std::size_t i = piece_index(pieces, text_offset);
  const Piece& p = pieces[i];
  if (text_offset >= piece_text_end(*this, i)) {
    return p.source_end;
  }
  if (p.verbatim) {
    return p.source_begin + (text_offset - p.text_begin);
  }
  return p.source_begin;
}

std::size_t
MappedText::source_end_of(std::size_t text_offset) const
{
  if (pieces.empty()) {
    return 0;
  }
  if (text_offset == 0) {
    return pieces.front().source_begin;
  }
  // An end offset belongs to the piece that holds the character before it.
  const std::size_t i = piece_index(pieces, text_offset - 1);
  const Piece& p = pieces[i];
  if (p.verbatim) {
    return std::min(p.source_begin + (text_offset - p.text_begin), p.source_end);
  }
  return p.source_end;
}

core::Span
MappedText::to_source(std::size_t text_begin, std::size_t text_end) const
{
  const std::size_t b = source_begin_of(text_begin);
  const std::size_t e = text_end > text_begin ? source_end_of(text_end) : b;
  return core::Span{b, std::max(b, e)};
}

bool
MappedText::overlaps_code(std::size_t text_begin, std::size_t text_end) const
{
  if (pieces.empty()) {
    return false;
  }
  for (std::size_t i = piece_index(pieces, text_begin); i < pieces.size(); ++i) {
    if (pieces[i].text_begin >= text_end) {
      break;
    }
    if (pieces[i].code) {
      return true;
    }
  }
  return false;
}

void
Document::index_lines()
{
  m_line_starts.clear();
  m_line_starts.push_back(0);
  for (std::size_t i = source.find('\n'); i != std::string::npos; i = source.find('\n', i + 1)) {
    m_line_starts.push_back(i + 1);
  }
  // Both counts add up over any split of the bytes (they count lead bytes),
  // so a block boundary inside a character is fine.
  m_code_points_at_block.assign(1, 0);
  m_utf16_units_at_block.assign(1, 0);
  const std::string_view all(source);
  for (std::size_t b = 0; b + k_count_block <= all.size(); b += k_count_block) {
    const std::string_view block = all.substr(b, k_count_block);
    m_code_points_at_block.push_back(m_code_points_at_block.back()
                                     + core::count_code_points(block));
    m_utf16_units_at_block.push_back(m_utf16_units_at_block.back()
                                     + core::count_utf16_units(block));
  }
}

std::size_t
Document::code_points_before(std::size_t offset) const
{
  const std::size_t block = std::min(offset / k_count_block, m_code_points_at_block.size() - 1);
  const std::size_t from = block * k_count_block;
  return m_code_points_at_block[block]
         + core::count_code_points(std::string_view(source).substr(from, offset - from));
}

std::size_t
Document::utf16_units_before(std::size_t offset) const
{
  const std::size_t block = std::min(offset / k_count_block, m_utf16_units_at_block.size() - 1);
  const std::size_t from = block * k_count_block;
  return m_utf16_units_at_block[block]
         + core::count_utf16_units(std::string_view(source).substr(from, offset - from));
}

std::size_t
Document::line_index(std::size_t offset) const
{
  auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  return static_cast<std::size_t>(it - m_line_starts.begin()) - 1;
}

std::string_view
Document::raw_line(std::size_t index) const
{
  const std::size_t begin = m_line_starts[index];
  std::size_t end =
    index + 1 < m_line_starts.size() ? m_line_starts[index + 1] - 1 : source.size();
  if (end > begin && source[end - 1] == '\r') {
    --end;
  }
  if (end < begin) {
    end = begin;
  }
  return std::string_view(source).substr(begin, end - begin);
}

Position
Document::position(std::size_t offset) const
{
  offset = std::min(offset, source.size());
  const std::size_t line = line_index(offset);
  if (offset - m_line_starts[line] <= k_count_block || m_code_points_at_block.empty()) {
    const std::string_view before =
      std::string_view(source).substr(m_line_starts[line], offset - m_line_starts[line]);
    return Position{line + 1, core::count_code_points(before) + 1};
  }
  return Position{line + 1,
                  code_points_before(offset) - code_points_before(m_line_starts[line]) + 1};
}

Position
PositionCursor::at(std::size_t offset)
{
  offset = std::min(offset, m_doc.source.size());
  if (m_any && offset >= m_offset && offset < m_line_end) {
    m_position.column += core::count_code_points(
      std::string_view(m_doc.source).substr(m_offset, offset - m_offset));
    m_offset = offset;
    return m_position;
  }
  m_position = m_doc.position(offset);
  m_offset = offset;
  m_line_end = m_position.line < m_doc.line_count() ? m_doc.line_start(m_position.line)
                                                    : m_doc.source.size() + 1;
  m_any = true;
  return m_position;
}

Position
Document::utf16_position(std::size_t offset) const
{
  offset = std::min(offset, source.size());
  const std::size_t line = line_index(offset);
  if (offset - m_line_starts[line] <= k_count_block || m_utf16_units_at_block.empty()) {
    const std::string_view before =
      std::string_view(source).substr(m_line_starts[line], offset - m_line_starts[line]);
    return Position{line + 1, core::count_utf16_units(before)};
  }
  return Position{line + 1,
                  utf16_units_before(offset) - utf16_units_before(m_line_starts[line])};
}

std::size_t
Document::offset_of(Position position) const
{
  if (position.line == 0 || position.line > m_line_starts.size()) {
    return source.size();
  }
  const std::string_view line = raw_line(position.line - 1);
  return m_line_starts[position.line - 1]
         + core::byte_offset_of_code_point(line, position.column - 1);
}

std::size_t
Document::offset_of_utf16(std::size_t line, std::size_t character) const
{
  if (line >= m_line_starts.size()) {
    return source.size();
  }
  const std::string_view text = raw_line(line);
  return m_line_starts[line] + core::byte_offset_of_utf16_unit(text, character);
}

} // namespace presslint::document
