#pragma once

// libcurl, loaded at run time.
//
// presslint is not linked with libcurl: linking it alone maps some thirty
// shared libraries (TLS, Kerberos, LDAP, SSH...) at every start, which costs
// more than linting a small file. The program is compiled against
// <curl/curl.h> as usual, and curl_library.cpp defines each libcurl function
// presslint calls, with curl's own declaration, forwarding to the function
// of the same name in libcurl.so.4, which is opened with dlopen on the first
// call (once, whichever thread makes it). A run that fetches nothing (the
// offline link rules, --offline) never loads it.
//
// When the library cannot be loaded, the forwarding functions fail as
// libcurl does on a bad handle (a null handle, an error code) and never
// crash; the live checks ask libcurl_error() first and report it.

#include <string>

namespace presslint::links {

// The file name dlopen is given: libcurl's soname.
inline constexpr const char* k_libcurl_name = "libcurl.so.4";

// Loads libcurl on the first call; empty when it is loaded, else a message
// that names k_libcurl_name and says why (dlerror()).
const std::string& libcurl_error();

} // namespace presslint::links
