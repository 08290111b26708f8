#pragma once

// JSON-RPC messages over a byte stream with LSP's base protocol: headers
// ("Content-Length: N", optionally "Content-Type: ..."), a blank line, then N
// bytes of JSON.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <string>

namespace presslint::lsp {

// The largest message body read; a longer one is skipped with an error.
inline constexpr std::size_t k_max_message_size = 256 * 1024 * 1024;

struct ReadResult
{
  enum class Kind {
    message,     // `body` holds the content
    bad_header,  // the header block had no valid Content-Length; `error` says why
    too_large,   // the body was skipped
    eof,         // the stream ended between messages
    truncated,   // the stream ended inside a message
  };
  Kind kind = Kind::eof;
  std::string body;
  std::string error;
};

// Reads one message. After bad_header or too_large the stream stands at the
// start of the next header block, so reading can go on.
ReadResult read_message(std::istream& in);

// Content-Length framing of a body.
std::string frame(const std::string& body);

// Writes framed messages; safe to call from several threads.
class Writer
{
public:
  explicit Writer(std::ostream& out) : m_out(out) {}
  void write(const nlohmann::json& message);

private:
  std::ostream& m_out;
  std::mutex m_mutex;
};

// JSON-RPC error codes used by the server.
namespace error_code {
inline constexpr int k_parse_error = -32700;
inline constexpr int k_invalid_request = -32600;
inline constexpr int k_method_not_found = -32601;
inline constexpr int k_invalid_params = -32602;
inline constexpr int k_internal_error = -32603;
inline constexpr int k_server_not_initialized = -32002;
inline constexpr int k_request_cancelled = -32800;
} // namespace error_code

nlohmann::json make_error_response(const nlohmann::json& id, int code, const std::string& message);

} // namespace presslint::lsp
