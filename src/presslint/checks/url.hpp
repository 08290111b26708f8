#pragma once

// URL syntax for the offline link rules: the parts of a URI reference
// (RFC 3986: scheme ":" "//" authority path "?" query "#" fragment) and the
// checks that tell a valid link target from a malformed one.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::checks {

// The parts of a URI reference, as views into the text it was split from.
// Splitting never fails: any string is some reference (RFC 3986, appendix B).
struct UrlParts
{
  bool has_scheme = false;
  std::string_view scheme; // without the ':'
  bool has_authority = false;
  std::string_view authority;
  std::string_view userinfo; // without the '@'
  std::string_view host;     // an IP literal keeps its brackets
  bool has_port = false;
  std::string_view port; // without the ':'
  std::string_view path;
  bool has_query = false;
  std::string_view query; // without the '?'
  bool has_fragment = false;
  std::string_view fragment; // without the '#'
};

UrlParts split_url(std::string_view text);

// ASCII lower case.
std::string ascii_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
// Trims ASCII white space at both ends.
std::string_view trim_space(std::string_view text);
// Where the first white space in `text` starts (ASCII white space, the
// no-break and other Unicode spaces, and the invisible zero-width space and
// byte-order mark that pasting leaves behind), or npos.
std::size_t find_space(std::string_view text);
// Decodes %XX escapes; a '%' not followed by two hex digits stays as it is.
std::string percent_decode(std::string_view text);

// True when `host` is `domain` or a name under it ("www.example.com" under
// "example.com"), without regard to case; brackets round an IP literal and
// a final dot are ignored.
bool host_under(std::string_view host, std::string_view domain);

// True when `host` is a syntactically valid host name (labels of letters,
// digits, hyphens and underscores, none empty, none starting or ending with a
// hyphen; bytes beyond ASCII are allowed for internationalised names), an
// IPv4 address or a bracketed IP literal.
bool valid_host(std::string_view host);

// True when `address` is a syntactically valid e-mail address
// (local-part@domain, the domain with a dot and a top-level domain).
bool valid_email(std::string_view address);

// What makes a link target malformed.
enum class UrlProblem {
  none,
  space,          // white space inside the target
  unknown_scheme, // a scheme that is not allowed
  slashes,        // http:, https:, ftp: not followed by "//"
  no_host,        // "https://" with no host
  bad_host,       // a host name that cannot be
  no_domain,      // a single-label host that is not a local name
  doubled_scheme, // "https://https://...", "http://http//..."
  bad_port,       // a port that is not a number from 0 to 65535
  invalid,        // some other part the URL parser rejects
  no_scheme,      // "www.acme.com", "acme.com/about": a web address without http(s)://
  bad_scheme,     // "https//acme.com": the scheme without its ':'
  no_mailto,      // "jane@acme.com" as a link target
  bad_email,      // a mailto: with no valid address
  bad_phone,      // a tel: that is not a phone number
};

// The stable key of a problem ("unknown-scheme"), used in rule files.
std::string_view to_string(UrlProblem problem);
// Every problem but `none`.
const std::vector<UrlProblem>& url_problems();

struct UrlSyntaxOptions
{
  std::vector<std::string> schemes{"http", "https", "mailto", "tel", "ftp"};
  // Top-level domains that make a relative reference look like a host name
  // written without its scheme ("acme.com/about").
  std::vector<std::string> bare_host_suffixes{"com", "org", "net", "gov", "edu"};
  // Host names that need no domain (and all names under them).
  std::vector<std::string> local_hosts{"localhost"};
  int min_phone_digits = 7;
  int max_phone_digits = 15;
};

// Why `target` (trimmed, unescaped) is not a valid link target, or
// UrlProblem::none. An empty target (the document itself) is valid.
UrlProblem url_syntax_problem(std::string_view target, const UrlSyntaxOptions& options);

// True for a scheme whose URLs need an authority ("//host").
bool is_web_scheme(std::string_view scheme);

} // namespace presslint::checks
