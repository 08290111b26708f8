#pragma once

// The key a web link is counted under when no link is fetched (--offline):
// the string normalise_url gives, computed without libcurl, so that an
// offline run counts the same unique URLs as a live one without loading it.

#include <string>

namespace presslint::links {

// "https://Acme.COM:443/a/../b#x" -> "https://acme.com/b#x", as
// normalise_url (libcurl's parser): scheme and host in lower case, an IPv6
// address in its shortest form and without its zone, an IPv4 address with
// octal parts in decimal, the port as a number and dropped when it is the
// scheme's default, the dot segments of the path removed (RFC 3986, 5.2.4),
// an empty path as "/", the user name and an empty query dropped. `url` is
// a web link that url_syntax_problem accepts; empty when it is not an
// http(s) URL with a host.
std::string offline_url_key(const std::string& url);

// RFC 3986, 5.2.4: "/a/./b/../c" -> "/a/c".
std::string remove_dot_segments(std::string_view path);

} // namespace presslint::links
