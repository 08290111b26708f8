#include <presslint/links/checker.hpp>

#include <presslint/links/address.hpp>
#include <presslint/links/curl_library.hpp>

#include <curl/curl.h>
#include <gumbo.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <set>

#include <sys/socket.h>

namespace presslint::links {

namespace {

using Clock = std::chrono::steady_clock;

std::string
lower(std::string s)
{
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return s;
}

// A URL's parts through libcurl's parser; false when it cannot parse it or
// it is not an http(s) URL with a host.
struct CurlUrlParts
{
  std::string scheme;
  std::string host;
  std::string port; // empty: the default
  std::string rest; // path and query
};

bool
curl_parts(const std::string& url, CurlUrlParts& out)
{
  CURLU* h = curl_url();
  if (h == nullptr) {
    return false;
  }
  bool ok = curl_url_set(h, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK;
  auto get = [&](CURLUPart part, std::string& value) {
    char* s = nullptr;
    if (curl_url_get(h, part, &s, 0) == CURLUE_OK && s != nullptr) {
      value = s;
    }
    curl_free(s);
  };
  if (ok) {
    std::string path;
    std::string query;
    get(CURLUPART_SCHEME, out.scheme);
    get(CURLUPART_HOST, out.host);
    get(CURLUPART_PORT, out.port);
    get(CURLUPART_PATH, path);
    get(CURLUPART_QUERY, query);
    out.scheme = lower(out.scheme);
    out.host = lower(out.host);
    if ((out.scheme == "http" && out.port == "80") || (out.scheme == "https" && out.port == "443")) {
      out.port.clear();
    }
    out.rest = path.empty() ? std::string("/") : path;
    if (!query.empty()) {
      out.rest += "?" + query;
    }
    ok = (out.scheme == "http" || out.scheme == "https") && !out.host.empty();
  }
  curl_url_cleanup(h);
  return ok;
}

std::string
host_key(const std::string& url)
{
  CurlUrlParts p;
  if (!curl_parts(url, p)) {
    return url;
  }
  return p.scheme + "://" + p.host + ":" + p.port;
}

// Resolves a Location header against the URL it came from.
std::string
resolve(const std::string& base, const std::string& location)
{
  CURLU* h = curl_url();
  std::string out;
  if (h != nullptr && curl_url_set(h, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK
      && curl_url_set(h, CURLUPART_URL, location.c_str(), CURLU_NON_SUPPORT_SCHEME)
           == CURLUE_OK) {
    char* s = nullptr;
    if (curl_url_get(h, CURLUPART_URL, &s, 0) == CURLUE_OK && s != nullptr) {
      out = s;
    }
    curl_free(s);
  }
  curl_url_cleanup(h);
  return out;
}

bool
accepted(const Settings& s, long status)
{
  return std::any_of(s.accept.begin(), s.accept.end(),
                     [&](const auto& r) { return status >= r.first && status <= r.second; });
}

bool
retryable_status(long status)
{
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool
retryable_error(CURLcode res)
{
  switch (res) {
  case CURLE_UNSUPPORTED_PROTOCOL:
  case CURLE_URL_MALFORMAT:
  case CURLE_TOO_MANY_REDIRECTS:
  case CURLE_COULDNT_RESOLVE_HOST: // the name does not exist: asking again will not help
    return false;
  default:
    return true;
  }
}

// One URL on its way through redirects, the HEAD-to-GET fallback and retries.
struct Job
{
  std::size_t index = 0;
  const Request* request = nullptr;
  std::string url;  // the current hop
  std::string host; // scheme://host:port of the current hop (per-host limit)
  bool get = false; // GET, else HEAD
  int hops = 0;
  long retries = 0;
  Clock::time_point started;
  Clock::time_point not_before;
  std::set<std::string> visited;
  Result result;
  // The transfer in flight.
  std::string body;
  std::size_t received = 0;
  std::size_t cap = 0;
  bool want_body = false;
  bool capped = false;
  bool refused_private = false;
  char error[CURL_ERROR_SIZE] = {};
};

// What a finished transfer gave, read before its handle is reused.
struct Response
{
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string location;
  std::string content_type;
  std::string retry_after;
};

curl_socket_t
open_socket(void* user, curlsocktype purpose, curl_sockaddr* address)
{
  auto* job = static_cast<Job*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) {
    return CURL_SOCKET_BAD;
  }
  // Every address a host name resolves to, on every hop, passes here
  // before a connection is opened.
  if (!job->request->allow_private
      && is_private_address(&address->addr, static_cast<socklen_t>(address->addrlen))) {
    job->refused_private = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

std::size_t
on_body(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* job = static_cast<Job*>(user);
  const std::size_t n = size * count;
  if (job->received + n > job->cap) {
    if (job->want_body) {
      job->body.append(data, job->cap - job->received);
    }
    job->received = job->cap;
    job->capped = true;
    return 0; // enough: the transfer stops here
  }
  job->received += n;
  if (job->want_body) {
    job->body.append(data, n);
  }
  return n;
}

class Scheduler
{
public:
  Scheduler(const std::vector<Request>& requests, const Settings& settings)
    : m_settings(settings), m_random(std::random_device{}())
  {
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, settings.per_host);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, settings.concurrency);
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, std::max(settings.concurrency, 4L));
    m_max_total = std::chrono::duration<double>(
      settings.max_total_seconds > 0
        ? settings.max_total_seconds
        : settings.timeout_seconds * static_cast<double>(settings.retries + 1)
            + settings.retry_after_cap_seconds);
    const auto now = Clock::now();
    for (std::size_t i = 0; i < requests.size(); ++i) {
      auto job = std::make_unique<Job>();
      job->index = i;
      job->request = &requests[i];
      job->url = requests[i].url;
      job->host = host_key(job->url);
      job->get = !requests[i].fragments.empty(); // the page is read for its anchors
      job->started = now;
      job->not_before = now;
      job->visited.insert(job->url);
      m_waiting.push_back(job.get());
      m_jobs.push_back(std::move(job));
    }
  }

  ~Scheduler()
  {
    for (CURL* e : m_idle) {
      curl_easy_cleanup(e);
    }
    curl_multi_cleanup(m_multi);
  }
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  std::vector<Result> run(const Progress& progress)
  {
    const std::size_t total = m_jobs.size();
    std::size_t done = 0;
    if (progress) {
      progress(0, total);
    }
    while (done < total) {
      start_ready();
      int running = 0;
      curl_multi_perform(m_multi, &running);
      bool changed = false;
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(m_multi, &left)) {
        if (msg->msg != CURLMSG_DONE) {
          continue;
        }
        changed = true;
        CURL* e = msg->easy_handle;
        Job* job = nullptr;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, &job);
        Response r;
        r.code = msg->data.result;
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r.status);
        char* s = nullptr;
        if (curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &s) == CURLE_OK && s != nullptr) {
          r.location = s;
        }
        s = nullptr;
        if (curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &s) == CURLE_OK && s != nullptr) {
          r.content_type = lower(s);
        }
        curl_header* h = nullptr;
        if (curl_easy_header(e, "Retry-After", 0, CURLH_HEADER, -1, &h) == CURLHE_OK
            && h != nullptr) {
          r.retry_after = h->value;
        }
        curl_multi_remove_handle(m_multi, e);
        m_idle.push_back(e);
        --m_in_flight;
        --m_by_host[job->host];
        if (finish(*job, r)) {
          ++done;
          if (progress) {
            progress(done, total);
          }
        } else {
          m_waiting.push_back(job);
        }
      }
      if (changed || done == total) {
        continue;
      }
      curl_multi_poll(m_multi, nullptr, 0, wait_ms(), nullptr);
    }
    std::vector<Result> results(total);
    for (auto& job : m_jobs) {
      results[job->index] = std::move(job->result);
    }
    return results;
  }

private:
  int wait_ms() const
  {
    const auto now = Clock::now();
    auto wait = std::chrono::milliseconds(100);
    for (const Job* job : m_waiting) {
      if (job->not_before > now) {
        wait = std::min(wait, std::chrono::ceil<std::chrono::milliseconds>(job->not_before - now));
      }
    }
    return static_cast<int>(std::max<long long>(wait.count(), 1));
  }

  void start_ready()
  {
    const auto now = Clock::now();
    for (auto it = m_waiting.begin(); it != m_waiting.end() && m_in_flight < m_settings.concurrency;) {
      Job* job = *it;
      if (job->not_before > now || m_by_host[job->host] >= m_settings.per_host) {
        ++it;
        continue;
      }
      it = m_waiting.erase(it);
      start(*job);
    }
  }

  void start(Job& job)
  {
    CURL* e = nullptr;
    if (m_idle.empty()) {
      e = curl_easy_init();
    } else {
      e = m_idle.back();
      m_idle.pop_back();
      curl_easy_reset(e);
    }
    job.body.clear();
    job.received = 0;
    job.capped = false;
    job.refused_private = false;
    job.error[0] = '\0';
    job.want_body = job.get && !job.request->fragments.empty();
    // A page is read for its anchors up to the cap; any other body only as
    // far as keeps the connection for the next request.
    job.cap = job.want_body ? m_settings.max_body_bytes : std::size_t{64} << 10;
    const auto timeout_ms = static_cast<long>(std::max(1.0, m_settings.timeout_seconds * 1000));
    curl_easy_setopt(e, CURLOPT_URL, job.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &job);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); // each hop is a request of its own
    // No proxy: the guard must see the addresses of the host itself.
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &job);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(e, CURLOPT_USERAGENT, m_settings.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, job.error);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &job);
    if (job.get) {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    }
    curl_multi_add_handle(m_multi, e);
    ++m_in_flight;
    ++m_by_host[job.host];
  }

  // Schedules another attempt; false when the retries or the time are spent.
  bool retry(Job& job, double retry_after)
  {
    if (job.retries >= m_settings.retries) {
      return false;
    }
    double delay = 0;
    if (retry_after >= 0) {
      delay = std::min(retry_after, m_settings.retry_after_cap_seconds);
    } else {
      std::uniform_real_distribution<double> jitter(0.5, 1.5);
      delay = std::min(m_settings.backoff_seconds * std::pow(2.0, static_cast<double>(job.retries))
                         * jitter(m_random),
                       m_settings.retry_after_cap_seconds);
    }
    const auto now = Clock::now();
    const auto at = now + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(delay));
    if (at - job.started > m_max_total) {
      return false;
    }
    ++job.retries;
    job.not_before = at;
    return true;
  }

  void again_now(Job& job) { job.not_before = Clock::now(); }

  // Handles a finished transfer; true when the URL has its verdict.
  bool finish(Job& job, const Response& r)
  {
    Outcome& o = job.result.page;
    const bool transferred = r.code == CURLE_OK || (r.code == CURLE_WRITE_ERROR && job.capped);
    if (!transferred) {
      if (job.refused_private) {
        o.verdict = Verdict::unreachable;
        o.reason = Reason::private_address;
        o.status = 0;
        o.cacheable = false;
        return true;
      }
      const bool timeout = r.code == CURLE_OPERATION_TIMEDOUT;
      // A server that cannot answer HEAD may answer GET.
      if (!job.get && !timeout
          && (r.code == CURLE_GOT_NOTHING || r.code == CURLE_RECV_ERROR
              || r.code == CURLE_WEIRD_SERVER_REPLY || r.code == CURLE_PARTIAL_FILE)) {
        job.get = true;
        again_now(job);
        return false;
      }
      if (retryable_error(r.code) && retry(job, -1)) {
        return false;
      }
      o.verdict = Verdict::unreachable;
      o.reason = timeout ? Reason::timeout : Reason::network;
      o.status = 0;
      o.detail = job.error[0] != '\0' ? std::string(job.error) : curl_easy_strerror(r.code);
      o.cacheable = false;
      return true;
    }
    o.status = r.status;
    if (r.status >= 300 && r.status < 400 && r.status != 304 && !r.location.empty()) {
      ++job.hops;
      if (job.hops == 1) {
        o.permanent_redirect = r.status == 301 || r.status == 308;
      }
      bool fragment = false;
      const std::string next = normalise_url(split_fragment(resolve(job.url, r.location), fragment).first);
      o.cacheable = true;
      if (next.empty()) {
        o.verdict = Verdict::dead;
        o.reason = Reason::bad_redirect;
        o.detail = r.location;
        return true;
      }
      if (job.visited.count(next) != 0) {
        o.verdict = Verdict::dead;
        o.reason = Reason::redirect_loop;
        o.final_url = next;
        return true;
      }
      if (job.hops > m_settings.max_redirects) {
        o.verdict = Verdict::dead;
        o.reason = Reason::too_many_redirects;
        o.final_url = next;
        return true;
      }
      job.visited.insert(next);
      job.url = next;
      job.host = host_key(next);
      o.final_url = next;
      again_now(job);
      return false;
    }
    if (retryable_status(r.status)) {
      if (retry(job, r.retry_after.empty() ? -1.0
                                           : parse_retry_after(r.retry_after, std::time(nullptr)))) {
        return false;
      }
      if (r.status != 429 && !job.get) {
        job.get = true; // a server may fail HEAD alone: ask once with GET
        job.retries = m_settings.retries;
        again_now(job);
        return false;
      }
      o.cacheable = false; // transient: never remembered
      if (r.status == 429) {
        o.verdict = Verdict::unreachable;
        o.reason = Reason::rate_limited;
      } else {
        o.verdict = Verdict::dead;
        o.reason = Reason::status;
      }
      return true;
    }
    if (!accepted(m_settings, r.status) && !job.get) {
      job.get = true; // HEAD refused (405, 501) or wrongly answered: ask with GET
      again_now(job);
      return false;
    }
    if (r.status == 403 || r.status == 999) {
      o.verdict = Verdict::unreachable;
      o.reason = Reason::blocked;
      o.cacheable = false;
      return true;
    }
    if (!accepted(m_settings, r.status)) {
      o.verdict = Verdict::dead;
      o.reason = Reason::status;
      o.cacheable = true;
      return true;
    }
    o.verdict = Verdict::alive;
    o.reason = Reason::ok;
    o.cacheable = true;
    if (job.want_body && r.content_type.find("html") != std::string::npos) {
      const std::vector<std::string> anchors = page_anchors(job.body);
      const std::set<std::string> ids(anchors.begin(), anchors.end());
      for (const std::string& f : job.request->fragments) {
        char* decoded = curl_easy_unescape(nullptr, f.c_str(), static_cast<int>(f.size()), nullptr);
        const bool found = f.empty() || f == "top" || ids.count(f) != 0
                           || (decoded != nullptr && ids.count(decoded) != 0);
        curl_free(decoded);
        job.result.fragments[f] = found;
      }
    }
    return true;
  }

  const Settings& m_settings;
  CURLM* m_multi = nullptr;
  std::vector<std::unique_ptr<Job>> m_jobs;
  std::deque<Job*> m_waiting;
  std::vector<CURL*> m_idle;
  std::map<std::string, long> m_by_host;
  long m_in_flight = 0;
  std::chrono::duration<double> m_max_total{};
  std::mt19937 m_random;
};

} // namespace

std::string_view
to_string(Reason reason)
{
  switch (reason) {
  case Reason::ok: return "ok";
  case Reason::status: return "status";
  case Reason::redirect_loop: return "redirect-loop";
  case Reason::too_many_redirects: return "too-many-redirects";
  case Reason::bad_redirect: return "bad-redirect";
  case Reason::no_fragment: return "no-fragment";
  case Reason::timeout: return "timeout";
  case Reason::network: return "network";
  case Reason::blocked: return "blocked";
  case Reason::rate_limited: return "rate-limited";
  case Reason::private_address: return "private-address";
  }
  return "network";
}

std::pair<std::string, std::string>
split_fragment(const std::string& url, bool& has_fragment)
{
  const std::size_t hash = url.find('#');
  has_fragment = hash != std::string::npos;
  if (!has_fragment) {
    return {url, {}};
  }
  return {url.substr(0, hash), url.substr(hash + 1)};
}

std::string
normalise_url(const std::string& url)
{
  bool has_fragment = false;
  const auto [base, fragment] = split_fragment(url, has_fragment);
  CurlUrlParts p;
  if (!curl_parts(base, p)) {
    return {};
  }
  std::string out = p.scheme + "://" + p.host;
  if (!p.port.empty()) {
    out += ":" + p.port;
  }
  out += p.rest;
  if (has_fragment) {
    out += "#" + fragment;
  }
  return out;
}

double
parse_retry_after(const std::string& value, long long now_epoch)
{
  std::string v = value;
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) {
    v.pop_back();
  }
  v.erase(0, v.find_first_not_of(" \t"));
  if (v.empty()) {
    return -1;
  }
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (v.size() > 9) {
      return 1e9;
    }
    return static_cast<double>(std::strtol(v.c_str(), nullptr, 10));
  }
  const time_t at = curl_getdate(v.c_str(), nullptr);
  if (at == -1) {
    return -1;
  }
  return std::max(0.0, static_cast<double>(static_cast<long long>(at) - now_epoch));
}

std::vector<std::string>
page_anchors(const std::string& html)
{
  std::vector<std::string> out;
  GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  if (parsed == nullptr) {
    return out;
  }
  std::vector<const GumboNode*> stack{parsed->root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
      continue;
    }
    const GumboElement& el = node->v.element;
    if (const GumboAttribute* id = gumbo_get_attribute(&el.attributes, "id")) {
      out.emplace_back(id->value);
    }
    if (el.tag == GUMBO_TAG_A) {
      if (const GumboAttribute* name = gumbo_get_attribute(&el.attributes, "name")) {
        out.emplace_back(name->value);
      }
    }
    for (unsigned i = 0; i < el.children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(el.children.data[i]));
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, parsed);
  return out;
}

std::vector<Result>
check_urls(const std::vector<Request>& requests, const Settings& settings, const Progress& progress)
{
  if (requests.empty()) {
    return {};
  }
  if (const std::string& error = libcurl_error(); !error.empty()) {
    // Not one request can be made: each URL is unreachable, and says why.
    std::vector<Result> results(requests.size());
    for (Result& r : results) {
      r.page.verdict = Verdict::unreachable;
      r.page.reason = Reason::network;
      r.page.detail = error;
      r.page.cacheable = false;
    }
    return results;
  }
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Scheduler scheduler(requests, settings);
  return scheduler.run(progress);
}

} // namespace presslint::links
