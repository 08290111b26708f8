#include <presslint/checks/url.hpp>

#include <uriparser/Uri.h>

#include <algorithm>

namespace presslint::checks {

namespace {

bool
is_alpha(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool
is_hex(char c)
{
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool
is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool
is_high(char c)
{
  return (static_cast<unsigned char>(c) & 0x80) != 0;
}

bool
all_digits(std::string_view s)
{
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

bool
contains_space(std::string_view s)
{
  return find_space(s) != std::string_view::npos;
}

// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
bool
valid_scheme(std::string_view s)
{
  if (s.empty() || !is_alpha(s[0])) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
  });
}

bool
contains_ci(const std::vector<std::string>& list, std::string_view value)
{
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& item) { return iequals(item, value); });
}

std::string_view
strip_final_dot(std::string_view host)
{
  if (host.size() > 1 && host.back() == '.') {
    host.remove_suffix(1);
  }
  return host;
}

std::vector<std::string_view>
split(std::string_view s, char sep)
{
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

bool
valid_ipv4(std::string_view host)
{
  const auto parts = split(host, '.');
  if (parts.size() != 4) {
    return false;
  }
  return std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
    return all_digits(p) && p.size() <= 3 && std::stoi(std::string(p)) <= 255;
  });
}

bool
valid_ip_literal(std::string_view host)
{
  // "[" ( IPv6address / IPvFuture ) "]"; the URL parser checks the details.
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') {
    return false;
  }
  const std::string_view inner = host.substr(1, host.size() - 2);
  if (inner[0] == 'v' || inner[0] == 'V') {
    return inner.find('.') != std::string_view::npos;
  }
  return std::count(inner.begin(), inner.end(), ':') >= 2
         && std::all_of(inner.begin(), inner.end(), [](char c) {
              return is_hex(c) || c == ':' || c == '.' || c == '%';
            });
}

bool
valid_label(std::string_view label)
{
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
    return false;
  }
  return std::all_of(label.begin(), label.end(), [](char c) {
    return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || is_high(c);
  });
}

// RFC 3986: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
bool
is_unreserved(char c)
{
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
bool
is_sub_delim(char c)
{
  static constexpr std::string_view k_sub_delims = "!$&'()*+,;=";
  return k_sub_delims.find(c) != std::string_view::npos;
}

enum class Component { userinfo, host, path, query, fragment };

// Whether RFC 3986 allows `c` as it is in `where` (pct-encoded aside).
bool
allowed_in(Component where, char c)
{
  if (is_unreserved(c) || is_sub_delim(c)) {
    return true;
  }
  switch (where) {
  case Component::userinfo:
    return c == ':';
  case Component::host:
    return false;
  case Component::path:
    return c == ':' || c == '@' || c == '/';
  case Component::query:
  case Component::fragment:
    return c == ':' || c == '@' || c == '/' || c == '?';
  }
  return false;
}

// Appends `text`, a component of a link target, to the URL uriparser is
// given, percent-encoding the bytes that RFC 3986 does not allow there but
// that a browser and libcurl accept in a link.
//
// uriparser follows RFC 3986 to the letter, which refuses much that links
// carry and that every browser follows: raw UTF-8 in paths and host names,
// "|", "^", "{", "}", "[", "]", "\", "`", '"', "<", ">", a second "#", a "%"
// that starts no escape. A browser reads them as the WHATWG URL standard
// says: it percent-encodes the bytes of its path, query, fragment and
// userinfo percent-encode sets (and leaves the others as they are), takes a
// stray "%" as it is, and an internationalised host name in its Unicode
// form. libcurl accepts all of them as well. So every such byte is encoded
// here, and a "%" without two hex digits after it becomes "%25", and the
// parser judges what is left: the structure, and IP literals. Two things are
// deliberately not encoded, so that the verdict stays libcurl's (which
// presslint had before, and which the live checks fetch with):
// - C0 controls and DEL: libcurl refuses them (a browser would encode
//   them); in a link they are a mistake;
// - "@" in the userinfo: libcurl ends the userinfo at the first "@" and
//   then refuses the rest as a host name ("https://a@b@acme.com"), where a
//   browser would encode the first "@".
void
append_encoded(std::string& out, std::string_view text, Component where)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || allowed_in(where, c) || (where == Component::userinfo && c == '@')) {
      out += c;
    } else if (c == '%') {
      const bool escape = i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2]);
      out += escape ? "%" : "%25";
    } else {
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 0x0F];
    }
  }
}

// The URL parser's verdict on a URL of a web scheme whose host and port have
// passed the checks above (a network-path reference is judged as https):
// uriparser (RFC 3986) on the URL with what browsers accept encoded (see
// append_encoded). An error inside the authority is a bad host (as libcurl's
// bad host name, IPv6 address or user name), elsewhere an invalid URL (a
// control character in the path, query or fragment).
UrlProblem
parser_problem(const UrlParts& parts)
{
  std::string text;
  text.reserve(parts.authority.size() + parts.path.size() + parts.query.size()
               + parts.fragment.size() + 32);
  text += parts.has_scheme ? parts.scheme : std::string_view("https");
  text += "://";
  if (parts.authority.find('@') != std::string_view::npos) {
    append_encoded(text, parts.userinfo, Component::userinfo);
    text += '@';
  }
  if (parts.host.front() == '[') {
    const std::string_view inner = parts.host.substr(1, parts.host.size() - 2);
    if (inner.front() == 'v' || inner.front() == 'V') {
      // IPvFuture: valid in RFC 3986, but no browser nor libcurl takes it.
      return UrlProblem::bad_host;
    }
    // A zone ("[fe80::1%25eth0]", RFC 6874, or with a bare "%") is libcurl's
    // to take: up to 15 characters after "%" or "%25". uriparser 0.9 knows
    // no zones: it is given the address alone.
    const std::size_t percent = inner.find('%');
    if (percent != std::string_view::npos) {
      std::string_view zone = inner.substr(percent + 1);
      if (zone.starts_with("25") && zone.size() > 2) {
        zone.remove_prefix(2);
      }
      if (zone.empty() || zone.size() > 15) {
        return UrlProblem::bad_host;
      }
    }
    text += '[';
    text += inner.substr(0, percent);
    text += ']';
  } else {
    append_encoded(text, parts.host, Component::host);
  }
  if (parts.has_port) {
    text += ':';
    text += parts.port;
  }
  const std::size_t authority_end = text.size();
  append_encoded(text, parts.path, Component::path);
  if (parts.has_query) {
    text += '?';
    append_encoded(text, parts.query, Component::query);
  }
  if (parts.has_fragment) {
    text += '#';
    append_encoded(text, parts.fragment, Component::fragment);
  }

  UriUriA uri;
  const char* error = nullptr;
  const int rc = uriParseSingleUriExA(&uri, text.data(), text.data() + text.size(), &error);
  if (rc == URI_SUCCESS) {
    uriFreeUriMembersA(&uri);
    return UrlProblem::none;
  }
  if (rc != URI_ERROR_SYNTAX) {
    return UrlProblem::none; // out of memory: no verdict
  }
  if (error != nullptr && error >= text.data()
      && static_cast<std::size_t>(error - text.data()) < authority_end) {
    return UrlProblem::bad_host;
  }
  return UrlProblem::invalid;
}

bool
is_local(std::string_view host, const UrlSyntaxOptions& options)
{
  return std::any_of(options.local_hosts.begin(), options.local_hosts.end(),
                     [&](const std::string& local) { return host_under(host, local); });
}

// The authority of a URL that has one, and then the rest of it.
UrlProblem
authority_problem(const UrlParts& parts, const UrlSyntaxOptions& options)
{
  if (parts.host.empty()) {
    return UrlProblem::no_host;
  }
  const std::string host = ascii_lower(parts.host);
  if (host == "http" || host == "https" || host == "ftp") {
    return UrlProblem::doubled_scheme;
  }
  if (!valid_host(parts.host)) {
    return UrlProblem::bad_host;
  }
  if (parts.host.front() != '[' && strip_final_dot(parts.host).find('.') == std::string_view::npos
      && !is_local(parts.host, options)) {
    return UrlProblem::no_domain;
  }
  if (parts.has_port && !parts.port.empty()
      && (!all_digits(parts.port) || parts.port.size() > 5
          || std::stoi(std::string(parts.port)) > 65535)) {
    return UrlProblem::bad_port;
  }
  return parser_problem(parts);
}

UrlProblem
tel_problem(std::string_view rest, const UrlSyntaxOptions& options)
{
  // Parameters (";ext=123") follow the number.
  const std::string number(trim_space(percent_decode(rest.substr(0, rest.find(';')))));
  if (number.empty()) {
    return UrlProblem::bad_phone;
  }
  int digits = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (is_digit(c)) {
      ++digits;
    } else if (c == '+') {
      if (i != 0) {
        return UrlProblem::bad_phone;
      }
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      return UrlProblem::bad_phone;
    }
  }
  if (digits < options.min_phone_digits || digits > options.max_phone_digits) {
    return UrlProblem::bad_phone;
  }
  return UrlProblem::none;
}

UrlProblem
mailto_problem(std::string_view rest)
{
  const std::size_t q = rest.find('?');
  const std::string_view to = rest.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? std::string_view{} : rest.substr(q + 1);
  if (to.starts_with("//")) {
    return UrlProblem::bad_email; // "mailto://jane@acme.com"
  }
  const std::string decoded = percent_decode(to);
  std::size_t addresses = 0;
  for (const std::string_view item : split(decoded, ',')) {
    const std::string_view address = trim_space(item);
    if (address.empty()) {
      continue;
    }
    ++addresses;
    if (!valid_email(address)) {
      return UrlProblem::bad_email;
    }
  }
  if (addresses == 0) {
    // "mailto:?to=jane@acme.com" names its address in the query.
    const std::string lower = ascii_lower(query);
    if (!(lower.starts_with("to=") || lower.find("&to=") != std::string::npos)) {
      return UrlProblem::bad_email;
    }
  }
  return UrlProblem::none;
}

// "acme.com" or "news.acme.org": a first path segment that reads as a host
// name under one of the bare-host suffixes.
bool
looks_like_host(std::string_view segment, const UrlSyntaxOptions& options)
{
  segment = strip_final_dot(segment);
  const std::size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos || dot == 0) {
    return false;
  }
  return contains_ci(options.bare_host_suffixes, segment.substr(dot + 1)) && valid_host(segment);
}

} // namespace

UrlParts
split_url(std::string_view text)
{
  UrlParts parts;
  std::string_view rest = text;
  // ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?
  const std::size_t colon = rest.find_first_of(":/?#");
  if (colon != std::string_view::npos && rest[colon] == ':' && valid_scheme(rest.substr(0, colon))) {
    parts.has_scheme = true;
    parts.scheme = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  if (rest.starts_with("//")) {
    parts.has_authority = true;
    rest.remove_prefix(2);
    const std::size_t end = std::min(rest.find_first_of("/?#"), rest.size());
    parts.authority = rest.substr(0, end);
    rest.remove_prefix(end);
    std::string_view hostport = parts.authority;
    if (const std::size_t at = hostport.rfind('@'); at != std::string_view::npos) {
      parts.userinfo = hostport.substr(0, at);
      hostport.remove_prefix(at + 1);
    }
    std::size_t port_colon = std::string_view::npos;
    if (hostport.starts_with("[")) {
      const std::size_t close = hostport.find(']');
      if (close != std::string_view::npos && close + 1 < hostport.size() && hostport[close + 1] == ':') {
        port_colon = close + 1;
      }
    } else {
      port_colon = hostport.rfind(':');
    }
    if (port_colon != std::string_view::npos) {
      parts.has_port = true;
      parts.port = hostport.substr(port_colon + 1);
      hostport = hostport.substr(0, port_colon);
    }
    parts.host = hostport;
  }
  const std::size_t path_end = std::min(rest.find_first_of("?#"), rest.size());
  parts.path = rest.substr(0, path_end);
  rest.remove_prefix(path_end);
  if (rest.starts_with("?")) {
    const std::size_t end = std::min(rest.find('#'), rest.size());
    parts.has_query = true;
    parts.query = rest.substr(1, end - 1);
    rest.remove_prefix(end);
  }
  if (rest.starts_with("#")) {
    parts.has_fragment = true;
    parts.fragment = rest.substr(1);
  }
  return parts;
}

std::string
ascii_lower(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool
iequals(std::string_view a, std::string_view b)
{
  return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

std::string_view
trim_space(std::string_view text)
{
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::size_t
find_space(std::string_view text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_space(text[i])) {
      return i;
    }
    if (c < 0xC2 || c > 0xEF) {
      continue;
    }
    const std::string_view rest = text.substr(i);
    // U+00A0; U+2000-U+200B, U+202F, U+205F; U+3000; U+FEFF.
    if (rest.starts_with("\xC2\xA0") || rest.starts_with("\xE3\x80\x80")
        || rest.starts_with("\xEF\xBB\xBF") || rest.starts_with("\xE2\x80\xAF")
        || rest.starts_with("\xE2\x81\x9F")) {
      return i;
    }
    if (rest.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(rest[1]) == 0x80
        && static_cast<unsigned char>(rest[2]) >= 0x80 && static_cast<unsigned char>(rest[2]) <= 0x8B) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string
percent_decode(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool
host_under(std::string_view host, std::string_view domain)
{
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']') {
    domain = domain.substr(1, domain.size() - 2);
  }
  host = strip_final_dot(host);
  domain = strip_final_dot(domain);
  if (domain.empty()) {
    return false;
  }
  if (iequals(host, domain)) {
    return true;
  }
  return host.size() > domain.size() + 1 && host[host.size() - domain.size() - 1] == '.'
         && iequals(host.substr(host.size() - domain.size()), domain);
}

bool
valid_host(std::string_view host)
{
  if (host.empty()) {
    return false;
  }
  if (host.front() == '[') {
    return valid_ip_literal(host);
  }
  host = strip_final_dot(host);
  if (host.size() > 253) {
    return false;
  }
  const auto labels = split(host, '.');
  if (!std::all_of(labels.begin(), labels.end(), valid_label)) {
    return false;
  }
  // A name whose last label is a number is an IPv4 address or nothing.
  if (all_digits(labels.back())) {
    return valid_ipv4(host);
  }
  return true;
}

bool
valid_email(std::string_view address)
{
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) {
    return false;
  }
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.size() > 64) {
    return false;
  }
  if (local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    // A quoted local part: anything printable but a bare quote or backslash.
  } else {
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
      return false;
    }
    static constexpr std::string_view k_specials = "!#$%&'*+/=?^_`{|}~-.";
    if (!std::all_of(local.begin(), local.end(), [](char c) {
          return is_alpha(c) || is_digit(c) || is_high(c)
                 || k_specials.find(c) != std::string_view::npos;
        })) {
      return false;
    }
  }
  if (domain.front() == '[') {
    return valid_ip_literal(domain) || valid_ipv4(domain.substr(1, domain.size() - 2));
  }
  const std::string_view name = strip_final_dot(domain);
  if (!valid_host(name) || name.find('.') == std::string_view::npos) {
    return false;
  }
  // The top-level domain: letters (or an internationalised name), two or more.
  const std::string_view tld = name.substr(name.rfind('.') + 1);
  return tld.size() >= 2
         && (std::all_of(tld.begin(), tld.end(), [](char c) { return is_alpha(c) || is_high(c); })
             || iequals(tld.substr(0, 4), "xn--"));
}

std::string_view
to_string(UrlProblem problem)
{
  switch (problem) {
  case UrlProblem::none:
    return "none";
  case UrlProblem::space:
    return "space";
  case UrlProblem::unknown_scheme:
    return "unknown-scheme";
  case UrlProblem::slashes:
    return "slashes";
  case UrlProblem::no_host:
    return "no-host";
  case UrlProblem::bad_host:
    return "bad-host";
  case UrlProblem::no_domain:
    return "no-domain";
  case UrlProblem::doubled_scheme:
    return "doubled-scheme";
  case UrlProblem::bad_port:
    return "bad-port";
  case UrlProblem::invalid:
    return "invalid";
  case UrlProblem::no_scheme:
    return "no-scheme";
  case UrlProblem::bad_scheme:
    return "bad-scheme";
  case UrlProblem::no_mailto:
    return "no-mailto";
  case UrlProblem::bad_email:
    return "bad-email";
  case UrlProblem::bad_phone:
    return "bad-phone";
  }
  return "invalid";
}

const std::vector<UrlProblem>&
url_problems()
{
  static const std::vector<UrlProblem> k_all{
    UrlProblem::space,     UrlProblem::unknown_scheme, UrlProblem::slashes,
    UrlProblem::no_host,   UrlProblem::bad_host,       UrlProblem::no_domain,
    UrlProblem::doubled_scheme, UrlProblem::bad_port,  UrlProblem::invalid,
    UrlProblem::no_scheme, UrlProblem::bad_scheme,     UrlProblem::no_mailto,
    UrlProblem::bad_email, UrlProblem::bad_phone};
  return k_all;
}

bool
is_web_scheme(std::string_view scheme)
{
  static constexpr std::string_view k_web[] = {"http", "https", "ftp", "ftps", "ws", "wss"};
  return std::any_of(std::begin(k_web), std::end(k_web),
                     [&](std::string_view s) { return iequals(s, scheme); });
}

UrlProblem
url_syntax_problem(std::string_view target, const UrlSyntaxOptions& options)
{
  if (target.empty()) {
    return UrlProblem::none;
  }
  const UrlParts parts = split_url(target);
  const bool allowed = parts.has_scheme && contains_ci(options.schemes, parts.scheme);
  const std::string_view rest =
    parts.has_scheme ? target.substr(parts.scheme.size() + 1) : std::string_view{};
  // tel: and mailto: have their own rules about spaces.
  if (allowed && iequals(parts.scheme, "tel")) {
    return tel_problem(rest, options);
  }
  if (allowed && iequals(parts.scheme, "mailto")) {
    return mailto_problem(rest);
  }
  if (contains_space(target)) {
    return UrlProblem::space;
  }
  const std::string lower = ascii_lower(target);
  if (parts.has_scheme) {
    if (lower.starts_with("www.")) {
      return UrlProblem::no_scheme; // "www.acme.com:8080/x"
    }
    if (!allowed) {
      return looks_like_host(parts.scheme, options) ? UrlProblem::no_scheme
                                                    : UrlProblem::unknown_scheme;
    }
    if (!is_web_scheme(parts.scheme)) {
      return UrlProblem::none;
    }
    if (!parts.has_authority) {
      return UrlProblem::slashes;
    }
    return authority_problem(parts, options);
  }
  if (parts.has_authority) {
    // A network-path reference ("//cdn.acme.com/logo.png").
    return authority_problem(parts, options);
  }
  if (lower.starts_with("www.")) {
    return UrlProblem::no_scheme;
  }
  // "https//acme.com": the scheme without its colon.
  for (const std::string_view scheme : {"http", "https", "ftp"}) {
    const std::string_view after = std::string_view(lower).substr(
      std::min(lower.size(), scheme.size()));
    if (lower.starts_with(scheme) && (after.starts_with("//") || after.starts_with(";//"))) {
      return UrlProblem::bad_scheme;
    }
  }
  const std::string_view first = parts.path.substr(0, parts.path.find('/'));
  if (first.find('@') != std::string_view::npos && first.size() == parts.path.size()
      && valid_email(percent_decode(first))) {
    return UrlProblem::no_mailto;
  }
  if (looks_like_host(first, options)) {
    return UrlProblem::no_scheme;
  }
  return UrlProblem::none;
}

} // namespace presslint::checks
