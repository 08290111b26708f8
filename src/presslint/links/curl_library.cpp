#include <presslint/links/curl_library.hpp>

#include <curl/curl.h>
#include <fmt/format.h>

#include <dlfcn.h>

#include <cstdarg>

// Each function libcurl exports and presslint calls: X(name).
#define PRESSLINT_CURL_FUNCTIONS(X)                                                              \
  X(curl_global_init)                                                                            \
  X(curl_free)                                                                                   \
  X(curl_getdate)                                                                                \
  X(curl_easy_init)                                                                              \
  X(curl_easy_setopt)                                                                            \
  X(curl_easy_perform)                                                                           \
  X(curl_easy_cleanup)                                                                           \
  X(curl_easy_reset)                                                                             \
  X(curl_easy_getinfo)                                                                           \
  X(curl_easy_header)                                                                            \
  X(curl_easy_strerror)                                                                          \
  X(curl_easy_unescape)                                                                          \
  X(curl_multi_init)                                                                             \
  X(curl_multi_setopt)                                                                           \
  X(curl_multi_add_handle)                                                                       \
  X(curl_multi_remove_handle)                                                                    \
  X(curl_multi_perform)                                                                          \
  X(curl_multi_poll)                                                                             \
  X(curl_multi_info_read)                                                                        \
  X(curl_multi_cleanup)                                                                          \
  X(curl_url)                                                                                    \
  X(curl_url_cleanup)                                                                            \
  X(curl_url_set)                                                                                \
  X(curl_url_get)                                                                                \
  X(curl_url_strerror)

namespace presslint::links {

namespace {

// The functions of the loaded library, each with the type of its
// declaration in <curl/curl.h>.
struct CurlApi
{
#define PRESSLINT_CURL_MEMBER(name) decltype(&::name) name = nullptr;
  PRESSLINT_CURL_FUNCTIONS(PRESSLINT_CURL_MEMBER)
#undef PRESSLINT_CURL_MEMBER
};

class CurlLibrary
{
public:
  CurlLibrary()
  {
    // Never closed: libcurl keeps global state until the program ends.
    void* handle = ::dlopen(k_libcurl_name, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      m_error = fmt::format("cannot load {} (libcurl), which live link checks need: {}; "
                            "install libcurl4, or run with --offline",
                            k_libcurl_name, why != nullptr ? why : "unknown error");
      return;
    }
#define PRESSLINT_CURL_RESOLVE(name)                                                             \
  if (!resolve(handle, #name, m_api.name)) {                                                     \
    return;                                                                                      \
  }
    PRESSLINT_CURL_FUNCTIONS(PRESSLINT_CURL_RESOLVE)
#undef PRESSLINT_CURL_RESOLVE
    m_loaded = true;
  }

  // The functions, or nullptr when the library could not be loaded.
  [[nodiscard]] const CurlApi* api() const { return m_loaded ? &m_api : nullptr; }
  [[nodiscard]] const std::string& error() const { return m_error; }

private:
  template <typename Function>
  bool resolve(void* handle, const char* name, Function& out)
  {
    ::dlerror();
    void* symbol = ::dlsym(handle, name);
    if (symbol == nullptr) {
      const char* why = ::dlerror();
      m_error = fmt::format("cannot load {} (libcurl), which live link checks need: {}; "
                            "libcurl 7.85.0 or later is needed",
                            k_libcurl_name, why != nullptr ? why : name);
      return false;
    }
    out = reinterpret_cast<Function>(symbol);
    return true;
  }

  CurlApi m_api;
  bool m_loaded = false;
  std::string m_error;
};

const CurlLibrary&
library()
{
  static const CurlLibrary k_library; // loaded once, by the first caller
  return k_library;
}

const CurlApi*
api()
{
  return library().api();
}

// Any function pointer: an option's callback read from the arguments as
// libcurl reads it, and passed on unchanged.
using AnyFunction = void (*)();

// Reads the one argument after an option by the option's type, as libcurl
// reads it (options are numbered in ranges by type: CURLOPTTYPE_*), and
// passes it on to `set`; `unknown` for an option of no known range. Easy and
// multi options share the ranges; only easy options have blobs.
template <typename Code, typename Set>
Code
forward_option(long option, std::va_list& args, bool blobs, Code unknown, Set set)
{
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    // CURLOPTTYPE_LONG and CURLOPTTYPE_VALUES.
    return set(va_arg(args, long));
  }
  if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    // CURLOPTTYPE_OBJECTPOINT, _STRINGPOINT, _SLISTPOINT and _CBPOINT.
    return set(va_arg(args, void*));
  }
  if (option < CURLOPTTYPE_OFF_T) {
    return set(va_arg(args, AnyFunction));
  }
  if (option < CURLOPTTYPE_BLOB) {
    return set(va_arg(args, curl_off_t));
  }
  if (blobs && option < CURLOPTTYPE_BLOB + 10000) {
    return set(va_arg(args, curl_blob*));
  }
  return unknown;
}

} // namespace

const std::string&
libcurl_error()
{
  return library().error();
}

} // namespace presslint::links

using presslint::links::api;
using presslint::links::forward_option;

// The forwarding definitions: curl's own declarations (extern "C", from
// <curl/curl.h>). The names are in parentheses because curl.h defines
// curl_easy_setopt and others as function-like macros.
//
// curl declares its variadic functions with an enum as the last named
// parameter, which clang warns of (-Wvarargs: an enum is promoted when
// passed); the declarations are curl's and cannot change, and on every ABI
// the enum is passed as the int it is promoted to, as libcurl itself
// assumes in its own definitions.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wvarargs"
#endif

CURLcode(curl_global_init)(long flags)
{
  const auto* a = api();
  return a != nullptr ? a->curl_global_init(flags) : CURLE_FAILED_INIT;
}

void(curl_free)(void* p)
{
  // Anything to free came from the library, which is then loaded.
  if (const auto* a = api(); a != nullptr && p != nullptr) {
    a->curl_free(p);
  }
}

time_t(curl_getdate)(const char* p, const time_t* unused)
{
  const auto* a = api();
  return a != nullptr ? a->curl_getdate(p, unused) : -1;
}

CURL*(curl_easy_init)(void)
{
  const auto* a = api();
  return a != nullptr ? a->curl_easy_init() : nullptr;
}

// The one argument after the option is read by the option's type
// (forward_option).
CURLcode(curl_easy_setopt)(CURL* curl, CURLoption option, ...)
{
  const auto* a = api();
  if (a == nullptr || curl == nullptr) {
    return CURLE_BAD_FUNCTION_ARGUMENT;
  }
  std::va_list args;
  va_start(args, option);
  // The option goes on as its number: an unknown one is no value of the
  // enum, and must not be read as one.
  const long kind = static_cast<long>(option);
  const CURLcode rc = forward_option(kind, args, true, CURLE_UNKNOWN_OPTION, [&](auto value) {
    return a->curl_easy_setopt(curl, static_cast<CURLoption>(kind), value);
  });
  va_end(args);
  return rc;
}

CURLcode(curl_easy_perform)(CURL* curl)
{
  const auto* a = api();
  return a != nullptr ? a->curl_easy_perform(curl) : CURLE_FAILED_INIT;
}

void(curl_easy_cleanup)(CURL* curl)
{
  if (const auto* a = api(); a != nullptr) {
    a->curl_easy_cleanup(curl);
  }
}

void(curl_easy_reset)(CURL* curl)
{
  if (const auto* a = api(); a != nullptr) {
    a->curl_easy_reset(curl);
  }
}

// Every CURLINFO is given a pointer to where the value goes.
CURLcode(curl_easy_getinfo)(CURL* curl, CURLINFO info, ...)
{
  const auto* a = api();
  if (a == nullptr || curl == nullptr) {
    return CURLE_BAD_FUNCTION_ARGUMENT;
  }
  std::va_list args;
  va_start(args, info);
  void* out = va_arg(args, void*);
  va_end(args);
  return a->curl_easy_getinfo(curl, info, out);
}

CURLHcode(curl_easy_header)(CURL* easy,
                            const char* name,
                            size_t index,
                            unsigned int origin,
                            int request,
                            curl_header** hout)
{
  const auto* a = api();
  return a != nullptr ? a->curl_easy_header(easy, name, index, origin, request, hout)
                      : CURLHE_BAD_ARGUMENT;
}

const char*(curl_easy_strerror)(CURLcode code)
{
  const auto* a = api();
  return a != nullptr ? a->curl_easy_strerror(code) : presslint::links::libcurl_error().c_str();
}

char*(curl_easy_unescape)(CURL* handle, const char* string, int length, int* outlength)
{
  const auto* a = api();
  return a != nullptr ? a->curl_easy_unescape(handle, string, length, outlength) : nullptr;
}

CURLM*(curl_multi_init)(void)
{
  const auto* a = api();
  return a != nullptr ? a->curl_multi_init() : nullptr;
}

// As curl_easy_setopt: the multi options are numbered by type in the same
// ranges (CURLMOPT_* of CURLOPTTYPE_LONG, _OBJECTPOINT, _FUNCTIONPOINT,
// _OFF_T).
CURLMcode(curl_multi_setopt)(CURLM* multi_handle, CURLMoption option, ...)
{
  const auto* a = api();
  if (a == nullptr || multi_handle == nullptr) {
    return CURLM_BAD_HANDLE;
  }
  std::va_list args;
  va_start(args, option);
  const long kind = static_cast<long>(option);
  const CURLMcode rc = forward_option(kind, args, false, CURLM_UNKNOWN_OPTION, [&](auto value) {
    return a->curl_multi_setopt(multi_handle, static_cast<CURLMoption>(kind), value);
  });
  va_end(args);
  return rc;
}

CURLMcode(curl_multi_add_handle)(CURLM* multi_handle, CURL* curl_handle)
{
  const auto* a = api();
  return a != nullptr ? a->curl_multi_add_handle(multi_handle, curl_handle) : CURLM_BAD_HANDLE;
}

CURLMcode(curl_multi_remove_handle)(CURLM* multi_handle, CURL* curl_handle)
{
  const auto* a = api();
  return a != nullptr ? a->curl_multi_remove_handle(multi_handle, curl_handle)
                      : CURLM_BAD_HANDLE;
}

CURLMcode(curl_multi_perform)(CURLM* multi_handle, int* running_handles)
{
  const auto* a = api();
  return a != nullptr ? a->curl_multi_perform(multi_handle, running_handles) : CURLM_BAD_HANDLE;
}

CURLMcode(curl_multi_poll)(CURLM* multi_handle,
                           curl_waitfd extra_fds[],
                           unsigned int extra_nfds,
                           int timeout_ms,
                           int* ret)
{
  const auto* a = api();
  return a != nullptr ? a->curl_multi_poll(multi_handle, extra_fds, extra_nfds, timeout_ms, ret)
                      : CURLM_BAD_HANDLE;
}

CURLMsg*(curl_multi_info_read)(CURLM* multi_handle, int* msgs_in_queue)
{
  const auto* a = api();
  return a != nullptr ? a->curl_multi_info_read(multi_handle, msgs_in_queue) : nullptr;
}

CURLMcode(curl_multi_cleanup)(CURLM* multi_handle)
{
  const auto* a = api();
  return a != nullptr ? a->curl_multi_cleanup(multi_handle) : CURLM_BAD_HANDLE;
}

CURLU*(curl_url)(void)
{
  const auto* a = api();
  return a != nullptr ? a->curl_url() : nullptr;
}

void(curl_url_cleanup)(CURLU* handle)
{
  if (const auto* a = api(); a != nullptr) {
    a->curl_url_cleanup(handle);
  }
}

CURLUcode(curl_url_set)(CURLU* handle, CURLUPart what, const char* part, unsigned int flags)
{
  const auto* a = api();
  return a != nullptr ? a->curl_url_set(handle, what, part, flags) : CURLUE_BAD_HANDLE;
}

CURLUcode(curl_url_get)(CURLU* handle, CURLUPart what, char** part, unsigned int flags)
{
  const auto* a = api();
  return a != nullptr ? a->curl_url_get(handle, what, part, flags) : CURLUE_BAD_HANDLE;
}

const char*(curl_url_strerror)(CURLUcode code)
{
  const auto* a = api();
  return a != nullptr ? a->curl_url_strerror(code) : presslint::links::libcurl_error().c_str();
}
