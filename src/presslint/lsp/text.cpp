#include <presslint/lsp/text.hpp>

#include <algorithm>
#include <cctype>

namespace presslint::lsp {

namespace {

// UTF-16 units of the code point a lead byte starts; 0 for a continuation byte.
std::size_t
units_of_byte(unsigned char c)
{
  if ((c & 0xC0) == 0x80) {
    return 0;
  }
  return c >= 0xF0 ? 2 : 1;
}

int
hex_value(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace

std::size_t
utf16_length(std::string_view text)
{
  std::size_t n = 0;
  for (const char c : text) {
    n += units_of_byte(static_cast<unsigned char>(c));
  }
  return n;
}

std::size_t
utf8_offset_of_utf16(std::string_view text, std::size_t units)
{
  std::size_t counted = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t u = units_of_byte(c);
    if (u > 0 && counted + u > units) {
      return i; // `units` falls at or inside this code point
    }
    counted += u;
    ++i;
    if (u > 0 && counted == units) {
      // Past the continuation bytes of the code point just counted.
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
        ++i;
      }
      return i;
    }
  }
  return text.size();
}

LineIndex::LineIndex(std::string_view text) : m_text(text)
{
  m_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      m_starts.push_back(i + 1);
    }
  }
}

std::size_t
LineIndex::line_end(std::size_t line) const
{
  if (line >= m_starts.size()) {
    return m_text.size();
  }
  std::size_t end = line + 1 < m_starts.size() ? m_starts[line + 1] - 1 : m_text.size();
  if (line + 1 < m_starts.size() && end > m_starts[line] && m_text[end - 1] == '\r') {
    --end;
  }
  return end;
}

Position16
LineIndex::position(std::size_t offset) const
{
  offset = std::min(offset, m_text.size());
  const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  const auto line = static_cast<std::size_t>(it - m_starts.begin()) - 1;
  return Position16{line,
                    utf16_length(m_text.substr(m_starts[line], offset - m_starts[line]))};
}

std::size_t
LineIndex::offset(Position16 position) const
{
  if (position.line >= m_starts.size()) {
    return m_text.size();
  }
  const std::size_t begin = m_starts[position.line];
  const std::string_view line = m_text.substr(begin, line_end(position.line) - begin);
  return begin + utf8_offset_of_utf16(line, position.character);
}

void
apply_changes(std::string& text, const std::vector<TextChange>& changes)
{
  for (const TextChange& change : changes) {
    if (!change.range) {
      text = change.text;
      continue;
    }
    const LineIndex index(text);
    std::size_t begin = index.offset(change.range->start);
    std::size_t end = index.offset(change.range->end);
    if (end < begin) {
      std::swap(begin, end);
    }
    text.replace(begin, end - begin, change.text);
  }
}

std::optional<std::string>
path_from_uri(std::string_view uri)
{
  constexpr std::string_view k_scheme = "file://";
  if (uri.size() < k_scheme.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < k_scheme.size(); ++i) {
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(uri[i]))) != k_scheme[i]) {
      return std::nullopt;
    }
  }
  uri.remove_prefix(k_scheme.size());
  // "file://host/path": only an empty host or "localhost" names this machine.
  const std::size_t slash = uri.find('/');
  if (slash == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view host = uri.substr(0, slash);
  if (!host.empty() && host != "localhost") {
    return std::nullopt;
  }
  uri.remove_prefix(slash);
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '?' || uri[i] == '#') {
      break;
    }
    if (uri[i] != '%') {
      out += uri[i];
      continue;
    }
    if (i + 2 >= uri.size()) {
      return std::nullopt;
    }
    const int hi = hex_value(uri[i + 1]);
    const int lo = hex_value(uri[i + 2]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (out.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  return out;
}

std::string
uri_from_path(std::string_view path)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    }
  }
  return out;
}

} // namespace presslint::lsp
