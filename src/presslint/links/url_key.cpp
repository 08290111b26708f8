#include <presslint/links/url_key.hpp>

#include <presslint/checks/url.hpp>
#include <presslint/links/checker.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace presslint::links {

namespace {

bool
all_digits(std::string_view s)
{
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An IPv6 literal as libcurl keeps it: its shortest form when that is
// shorter than the text, without the zone.
std::string
ipv6_key(std::string_view host)
{
  std::string inner(host.substr(1, host.size() - 2));
  inner = inner.substr(0, inner.find('%'));
  in6_addr address{};
  char shortest[INET6_ADDRSTRLEN] = {};
  if (::inet_pton(AF_INET6, inner.c_str(), &address) == 1
      && ::inet_ntop(AF_INET6, &address, shortest, sizeof shortest) != nullptr
      && std::string_view(shortest).size() < inner.size()) {
    inner = shortest;
  }
  return "[" + inner + "]";
}

// A dotted quad as libcurl writes it: each part read as a C number (a
// leading 0 makes it octal), unless a part is not one ("08").
std::string
ipv4_key(std::string_view host)
{
  std::string parts[4];
  std::size_t n = 0;
  std::size_t start = 0;
  while (n < 4) {
    const std::size_t dot = host.find('.', start);
    parts[n++] = std::string(host.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    char* end = nullptr;
    const unsigned long value = std::strtoul(parts[i].c_str(), &end, 0);
    if (end == nullptr || *end != '\0' || value > 255) {
      return std::string(host);
    }
    out += (i == 0 ? "" : ".") + std::to_string(value);
  }
  return out;
}

std::string
host_key(std::string_view host)
{
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return checks::ascii_lower(ipv6_key(host));
  }
  std::size_t start = 0;
  bool numeric = true;
  std::size_t count = 0;
  while (true) {
    const std::size_t dot = host.find('.', start);
    const std::string_view label =
      host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    numeric = numeric && all_digits(label);
    ++count;
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  if (numeric && count == 4) {
    return ipv4_key(host);
  }
  return checks::ascii_lower(host);
}

} // namespace

std::string
remove_dot_segments(std::string_view path)
{
  std::string out;
  std::string_view in = path;
  auto drop_last_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.remove_prefix(3);
      drop_last_segment();
    } else if (in == "/..") {
      in = "/";
      drop_last_segment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t end = in.find('/', 1);
      const std::size_t n = end == std::string_view::npos ? in.size() : end;
      out += in.substr(0, n);
      in.remove_prefix(n);
    }
  }
  return out;
}

std::string
offline_url_key(const std::string& url)
{
  bool has_fragment = false;
  const auto [base, fragment] = split_fragment(url, has_fragment);
  const checks::UrlParts parts = checks::split_url(base);
  if (!parts.has_scheme || !parts.has_authority || parts.host.empty()) {
    return {};
  }
  const std::string scheme = checks::ascii_lower(parts.scheme);
  if (scheme != "http" && scheme != "https") {
    return {};
  }
  std::string out = scheme + "://" + host_key(parts.host);
  if (parts.has_port && all_digits(parts.port)) {
    const std::string port = std::to_string(std::strtoul(std::string(parts.port).c_str(), nullptr, 10));
    if (!((scheme == "http" && port == "80") || (scheme == "https" && port == "443"))) {
      out += ":" + port;
    }
  }
  const std::string path = remove_dot_segments(parts.path);
  out += path.empty() ? std::string("/") : path;
  if (parts.has_query && !parts.query.empty()) {
    out += "?";
    out += parts.query;
  }
  if (has_fragment) {
    out += "#" + fragment;
  }
  return out;
}

} // namespace presslint::links
