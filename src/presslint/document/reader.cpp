#include <presslint/document/reader.hpp>

#include <presslint/core/utf8.hpp>

#include <fmt/format.h>

namespace presslint::document {

namespace {

core::Error
located(const Document& doc, std::size_t offset, std::string message)
{
  core::Error error;
  error.path = doc.path;
  const Position pos = doc.position(offset);
  error.line = pos.line;
  error.column = pos.column;
  error.message = std::move(message);
  std::string_view line = doc.raw_line(pos.line - 1);
  if (line.size() > 120) {
    line = line.substr(0, 120);
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) {
      line.remove_suffix(1);
    }
    if (!line.empty() && static_cast<unsigned char>(line.back()) >= 0xC0) {
      line.remove_suffix(1);
    }
  }
  if (!core::find_invalid_utf8(line)) {
    error.excerpt = std::string(line);
  }
  return error;
}

// What an invalid UTF-8 file most likely is.
std::string
describe_encoding(std::string_view bytes)
{
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return "UTF-16 (it starts with a UTF-16 byte order mark)";
  }
  std::size_t zero_even = 0;
  std::size_t zero_odd = 0;
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4096);
  for (std::size_t i = 0; i < n; ++i) {
    if (bytes[i] == '\0') {
      (i % 2 == 0 ? zero_even : zero_odd) += 1;
    }
  }
  if (n >= 4 && (zero_even > n / 4 || zero_odd > n / 4)) {
    return "UTF-16 (every other byte is zero)";
  }
  return {};
}

// A byte that Windows-1252 would print as punctuation or a letter.
bool
looks_like_windows_1252(std::string_view bytes, std::size_t at)
{
  const auto c = static_cast<unsigned char>(bytes[at]);
  if (c < 0x80) {
    return false;
  }
  // A lone high byte followed by ASCII is the usual sign of a single-byte
  // encoding; 0x80-0x9F are Windows-1252's smart quotes and dashes.
  const bool next_ascii =
    at + 1 >= bytes.size() || static_cast<unsigned char>(bytes[at + 1]) < 0x80;
  return next_ascii || (c >= 0x80 && c <= 0x9F);
}

} // namespace

bool
read_document(std::string path,
              std::string bytes,
              Format format,
              Document& out,
              core::Error& error)
{
  out = Document{};
  out.path = std::move(path);
  out.format = format;
  out.source = std::move(bytes);
  out.index_lines();

  if (out.source.size() > k_max_file_size) {
    error = core::Error{out.path, 0, 0,
                        fmt::format("file is too large ({} MB; the limit is {} MB)",
                                    out.source.size() / (1024 * 1024),
                                    k_max_file_size / (1024 * 1024)),
                        {}};
    return false;
  }
  const std::string encoding = describe_encoding(out.source);
  if (!encoding.empty()) {
    error = core::Error{out.path, 0, 0,
                        fmt::format("file is encoded as {}; presslint reads UTF-8: "
                                    "save it as UTF-8",
                                    encoding),
                        {}};
    return false;
  }
  if (const auto bad = core::find_invalid_utf8(out.source)) {
    std::string message;
    if (looks_like_windows_1252(out.source, *bad)) {
      message = fmt::format("invalid UTF-8 (byte 0x{:02X}): the file looks like Windows-1252; "
                            "save it as UTF-8",
                            static_cast<unsigned char>(out.source[*bad]));
    } else {
      message = fmt::format("invalid UTF-8 (byte 0x{:02X})",
                            static_cast<unsigned char>(out.source[*bad]));
    }
    error = located(out, *bad, std::move(message));
    return false;
  }
  if (const auto nul = out.source.find('\0'); nul != std::string::npos) {
    error = located(out, nul, "NUL byte in text: this looks like a binary file");
    return false;
  }
  if (format == Format::html) {
    return parse_html(out, error);
  }
  return parse_markdown(out, error);
}

} // namespace presslint::document
