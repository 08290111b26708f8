#include <presslint/lsp/transport.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <istream>
#include <ostream>

namespace presslint::lsp {

namespace {

// Reads a header line up to "\n" (dropping a "\r" before it). False at the
// end of the stream; `any` says whether some byte was read.
bool
read_line(std::istream& in, std::string& line, bool& any)
{
  line.clear();
  any = false;
  constexpr std::size_t k_max_header_line = 8192;
  while (true) {
    const int c = in.get();
    if (c == std::char_traits<char>::eof()) {
      return false;
    }
    any = true;
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      return true;
    }
    if (line.size() < k_max_header_line) {
      line += static_cast<char>(c);
    }
  }
}

std::string
lower(std::string_view s)
{
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view
trim(std::string_view s)
{
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

} // namespace

ReadResult
read_message(std::istream& in)
{
  ReadResult result;
  std::string line;
  bool any = false;
  bool started = false;
  bool have_length = false;
  std::size_t length = 0;
  std::string header_error;
  while (true) {
    if (!read_line(in, line, any)) {
      result.kind = started || any ? ReadResult::Kind::truncated : ReadResult::Kind::eof;
      result.error = "the stream ended inside a header";
      return result;
    }
    if (line.empty()) {
      if (!started) {
        continue; // blank lines between messages
      }
      break;
    }
    started = true;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      header_error = fmt::format("malformed header line \"{}\"", line.substr(0, 80));
      continue;
    }
    const std::string name = lower(trim(std::string_view(line).substr(0, colon)));
    const std::string_view value = trim(std::string_view(line).substr(colon + 1));
    if (name == "content-length") {
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
        header_error = fmt::format("invalid Content-Length \"{}\"", value.substr(0, 80));
        continue;
      }
      length = n;
      have_length = true;
    }
  }
  if (!have_length) {
    result.kind = ReadResult::Kind::bad_header;
    result.error = header_error.empty() ? "missing Content-Length header" : header_error;
    return result;
  }
  if (length > k_max_message_size) {
    in.ignore(static_cast<std::streamsize>(length));
    result.kind = in.gcount() == static_cast<std::streamsize>(length)
                    ? ReadResult::Kind::too_large
                    : ReadResult::Kind::truncated;
    result.error = fmt::format("message of {} bytes is larger than the limit of {} bytes",
                               length, k_max_message_size);
    return result;
  }
  result.body.resize(length);
  in.read(result.body.data(), static_cast<std::streamsize>(length));
  if (in.gcount() != static_cast<std::streamsize>(length)) {
    result.body.clear();
    result.kind = ReadResult::Kind::truncated;
    result.error = "the stream ended inside a message body";
    return result;
  }
  result.kind = ReadResult::Kind::message;
  return result;
}

std::string
frame(const std::string& body)
{
  return fmt::format("Content-Length: {}\r\n\r\n{}", body.size(), body);
}

void
Writer::write(const nlohmann::json& message)
{
  const std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string framed = frame(body);
  std::lock_guard<std::mutex> lock(m_mutex);
  m_out.write(framed.data(), static_cast<std::streamsize>(framed.size()));
  m_out.flush();
}

nlohmann::json
make_error_response(const nlohmann::json& id, int code, const std::string& message)
{
  return nlohmann::json{{"jsonrpc", "2.0"},
                        {"id", id},
                        {"error", {{"code", code}, {"message", message}}}};
}

} // namespace presslint::lsp
