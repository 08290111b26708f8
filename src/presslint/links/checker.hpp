#pragma once

// The live link checker: every URL fetched once, over libcurl's multi
// interface, within a total and a per-host limit of requests in flight.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace presslint::links {

struct Settings
{
  double timeout_seconds = 10;     // each request
  long concurrency = 32;           // requests in flight in all
  long per_host = 4;               // requests in flight to one host
  long retries = 2;                // after the first attempt, on 429, 5xx and network errors
  std::vector<std::pair<long, long>> accept{{200, 299}}; // statuses that count as alive
  double retry_after_cap_seconds = 30; // longest wait a Retry-After may ask for
  double backoff_seconds = 0.5;        // the first backoff; doubled each retry, with jitter
  double max_total_seconds = 0;        // per URL, all attempts; 0: from timeout and retries
  long max_redirects = 10;
  std::size_t max_body_bytes = std::size_t{2} << 20; // of a page read for its anchors
  std::string user_agent;
};

enum class Verdict { alive, dead, unreachable };

// Why a URL got its verdict.
enum class Reason {
  ok,
  status,             // an HTTP status that is not accepted
  redirect_loop,
  too_many_redirects,
  bad_redirect,       // a redirect to a scheme other than http(s)
  no_fragment,        // the page has no element with that id or name
  timeout,
  network,            // DNS, refused, reset, TLS...
  blocked,            // 403 or 999: the site blocks link checkers
  rate_limited,       // 429 after every retry
  private_address,    // the host resolves to a private address: not fetched
};

std::string_view to_string(Reason reason);

struct Outcome
{
  Verdict verdict = Verdict::unreachable;
  Reason reason = Reason::network;
  long status = 0;              // the last HTTP status, 0 when none
  std::string detail;           // the network error's text
  bool permanent_redirect = false; // the first hop is a 301 or 308
  std::string final_url;        // the end of the redirect chain
  bool cacheable = false;       // a final verdict (alive, or dead for good)
};

struct Request
{
  std::string url;                     // http(s), normalised, without fragment
  std::vector<std::string> fragments;  // ids to look for on the page
  bool allow_private = false;
};

struct Result
{
  Outcome page;
  std::map<std::string, bool> fragments; // fragment -> found (only when checked)
};

// Progress: URLs done, URLs in all.
using Progress = std::function<void(std::size_t, std::size_t)>;

// Checks every request; the results are in the same order.
std::vector<Result> check_urls(const std::vector<Request>& requests,
                               const Settings& settings,
                               const Progress& progress = {});

// "https://Acme.COM:443/a#x" -> "https://acme.com/a#x": scheme and host in
// lower case, the default port dropped, an empty path as "/". Empty when
// `url` is not an http(s) URL libcurl can parse.
std::string normalise_url(const std::string& url);

// Splits "u#f" into "u" and "f" (no '#': f empty, has_fragment false).
std::pair<std::string, std::string> split_fragment(const std::string& url, bool& has_fragment);

// Seconds to wait for a Retry-After value (delta-seconds or an HTTP date),
// or a negative number when it cannot be read.
double parse_retry_after(const std::string& value, long long now_epoch);

// The ids and <a name> anchors of an HTML page.
std::vector<std::string> page_anchors(const std::string& html);

} // namespace presslint::links
