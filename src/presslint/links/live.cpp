#include <presslint/links/live.hpp>

#include <presslint/checks/check.hpp>
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/link.hpp>
#include <presslint/links/address.hpp>
#include <presslint/links/cache.hpp>
#include <presslint/links/checker.hpp>
#include <presslint/links/curl_library.hpp>
#include <presslint/links/url_key.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/rules/config.hpp>
#include <presslint/rules/rule.hpp>
#include <presslint/rules/rule_set.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

namespace presslint::links {

namespace {

// A web link of one file, with the key of its verdict.
struct Occurrence
{
  std::size_t file = 0;
  checks::WebLink link;
  std::string key;  // normalised URL with its fragment
  std::string base; // without the fragment
  std::string fragment;
  bool has_fragment = false;
};

// A live rule of a file's rule set.
struct LiveRule
{
  const rules::ActiveRule* active = nullptr;
  std::string_view problem;
};

std::vector<LiveRule>
live_rules(const rules::RuleSet& set)
{
  std::vector<LiveRule> out;
  for (const rules::ActiveRule& active : set.rules) {
    if (active.severity == core::Severity::off || !active.check || active.rule == nullptr
        || active.rule->kind == nullptr || active.rule->kind->name != checks::LinkCheck::spec().name) {
      continue;
    }
    const std::string_view problem = checks::link_problem(active.check.get());
    if (problem == "dead" || problem == "unreachable" || problem == "redirect") {
      out.push_back(LiveRule{&active, problem});
    }
  }
  return out;
}

std::vector<std::pair<long, long>>
accept_ranges(const std::vector<std::string>& accept)
{
  std::vector<std::pair<long, long>> out;
  for (const std::string& a : accept) {
    long lo = 0;
    long hi = 0;
    if (RE2::FullMatch(a, R"(\s*(\d{3})\s*-\s*(\d{3})\s*)", &lo, &hi)
        || (RE2::FullMatch(a, R"(\s*(\d{3})\s*)", &lo) && (hi = lo) != 0)) {
      out.emplace_back(lo, hi);
    }
  }
  if (out.empty()) {
    out.emplace_back(200, 299);
  }
  return out;
}

Settings
settings_of(const rules::LinksConfig& c)
{
  Settings s;
  s.timeout_seconds = c.timeout_seconds;
  s.concurrency = c.concurrency;
  s.per_host = c.per_host;
  s.retries = c.retries;
  s.accept = accept_ranges(c.accept);
  s.user_agent = fmt::format("presslint/{} (link checker)", PRESSLINT_VERSION);
  return s;
}

// The problem, reason key and message values of a verdict; problem "" when
// the link is fine.
struct Verdictive
{
  std::string_view problem;
  std::string_view reason;
  checks::Vars vars;
};

Verdictive
judge(const Outcome& o, const std::string& fragment)
{
  Verdictive v;
  v.vars = {{"status", std::to_string(o.status)},
            {"detail", o.detail},
            {"final", o.final_url},
            {"fragment", fragment}};
  switch (o.verdict) {
  case Verdict::alive:
    if (o.permanent_redirect && !o.final_url.empty()) {
      v.problem = "redirect";
    }
    break;
  case Verdict::dead:
    v.problem = "dead";
    v.reason = to_string(o.reason);
    if (o.reason == Reason::bad_redirect) {
      v.vars[1].second = o.detail;
    }
    break;
  case Verdict::unreachable:
    v.problem = "unreachable";
    v.reason = to_string(o.reason);
    if (o.reason == Reason::network && o.detail.empty()) {
      v.vars[1].second = "the connection failed";
    }
    break;
  }
  return v;
}

core::Finding
make_finding(const rules::Rule& rule,
             core::Severity severity,
             const checks::Check& check,
             const checks::WebLink& link,
             const Verdictive& v)
{
  checks::Vars vars{{"target", link.written}, {"final", v.vars[2].second}};
  if (!v.reason.empty()) {
    vars.emplace_back("reason", checks::link_reason(check, v.reason, v.vars));
  }
  core::Finding f;
  f.rule_id = rule.id;
  f.severity = severity;
  f.message = checks::format_message(rule.message, vars);
  f.span = link.span;
  f.matched = link.written;
  return f;
}

// The outcome of a key (a URL with its fragment) from its page's result.
Outcome
outcome_of(const Result& result, bool has_fragment, const std::string& fragment)
{
  Outcome o = result.page;
  if (has_fragment && o.verdict == Verdict::alive) {
    const auto it = result.fragments.find(fragment);
    if (it != result.fragments.end() && !it->second) {
      o.verdict = Verdict::dead;
      o.reason = Reason::no_fragment;
    }
  }
  return o;
}

void
show_progress(std::size_t done, std::size_t total)
{
  if (done >= total) {
    std::fputs("\r\033[K", stderr);
  } else {
    std::fprintf(stderr, "\rchecking links: %zu/%zu", done, total);
  }
  std::fflush(stderr);
}

} // namespace

bool
is_live_problem(std::string_view problem)
{
  return problem == "unreachable" || problem == "redirect";
}

LiveSummary
check_live(const std::vector<LiveFile>& files, const LiveOptions& options)
{
  LiveSummary summary;
  summary.offline = options.offline;
  std::vector<Occurrence> occurrences;
  std::vector<std::vector<LiveRule>> rules_of(files.size());
  // Per unique URL (without fragment): what it is fetched with.
  struct Wanted
  {
    std::set<std::string> fragments;
    bool allow_private = true;
  };
  std::map<std::string, Wanted> wanted;
  const rules::LinksConfig* first = nullptr;
  std::map<const rules::LinksConfig*, std::vector<std::unique_ptr<RE2>>> excludes;
  // Offline, the links are only counted: under keys made without libcurl,
  // which is then never loaded. Live, libcurl is loaded at the first web
  // link, and its parser makes the keys the URLs are fetched with.
  bool live = !options.offline;
  bool loaded = false;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const LiveFile& f = files[i];
    if (f.document == nullptr || f.rules == nullptr || f.links == nullptr || !f.links->live) {
      continue;
    }
    rules_of[i] = live_rules(*f.rules);
    if (rules_of[i].empty()) {
      continue;
    }
    auto [ex, inserted] = excludes.try_emplace(f.links);
    if (inserted) {
      for (const std::string& p : f.links->exclude) {
        auto re = std::make_unique<RE2>(p, RE2::Quiet);
        if (re->ok()) {
          ex->second.push_back(std::move(re));
        }
      }
    }
    for (checks::WebLink& link : checks::web_links(*f.document, f.rules)) {
      if (std::any_of(ex->second.begin(), ex->second.end(),
                      [&](const auto& re) { return RE2::PartialMatch(link.url, *re); })) {
        continue;
      }
      if (live && !loaded) {
        loaded = true;
        if (!libcurl_error().empty()) {
          summary.error = libcurl_error();
          live = false;
        }
      }
      Occurrence o;
      o.file = i;
      o.key = live ? normalise_url(link.url) : offline_url_key(link.url);
      if (o.key.empty()) {
        continue;
      }
      auto [base, fragment] = split_fragment(o.key, o.has_fragment);
      o.base = std::move(base);
      o.fragment = std::move(fragment);
      o.link = std::move(link);
      Wanted& w = wanted[o.base];
      if (o.has_fragment && !o.fragment.empty()) {
        w.fragments.insert(o.fragment);
      }
      w.allow_private = w.allow_private && f.links->allow_private;
      if (first == nullptr) {
        first = f.links;
      }
      occurrences.push_back(std::move(o));
    }
  }
  summary.links = occurrences.size();
  summary.urls = wanted.size();
  if (!live || occurrences.empty()) {
    return summary;
  }

  // The cache, with the settings of the first file that checks links.
  const bool use_cache = !options.no_cache && first->cache;
  Cache cache;
  bool cache_ok = false;
  if (use_cache) {
    const std::string dir = options.cache_dir.empty() ? Cache::default_dir() : options.cache_dir;
    std::string warning;
    if (!dir.empty()) {
      cache_ok = cache.load(dir, warning);
      if (!cache_ok) {
        summary.warnings.push_back(warning);
        cache_ok = true; // start afresh; the file is replaced
      }
    }
  }
  std::map<std::string, Outcome> outcomes; // by key
  std::map<std::string, std::set<std::string>> keys_of; // base -> keys linked
  for (const Occurrence& o : occurrences) {
    keys_of[o.base].insert(o.key);
  }
  std::vector<Request> requests;
  for (const auto& [base, w] : wanted) {
    bool all_cached = cache_ok;
    if (cache_ok) {
      for (const std::string& key : keys_of[base]) {
        if (auto hit = cache.find(key, options.now, first->cache_max_age_seconds)) {
          outcomes[key] = *hit;
        } else {
          all_cached = false;
        }
      }
    }
    if (all_cached) {
      ++summary.from_cache;
      continue;
    }
    Request r;
    r.url = base;
    r.fragments.assign(w.fragments.begin(), w.fragments.end());
    r.allow_private = w.allow_private;
    requests.push_back(std::move(r));
  }
  if (options.cache_only) {
    requests.clear();
  }
  summary.fetched = requests.size();
  const Settings settings = settings_of(*first);
  const std::vector<Result> results =
    check_urls(requests, settings, options.progress ? Progress(&show_progress) : Progress());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    for (const std::string& key : keys_of[requests[i].url]) {
      bool has_fragment = false;
      const auto [base, fragment] = split_fragment(key, has_fragment);
      const Outcome o = outcome_of(results[i], has_fragment, fragment);
      outcomes[key] = o;
      if (cache_ok) {
        cache.put(key, o, options.now);
      }
    }
  }
  if (cache_ok && !requests.empty()) {
    std::string why;
    if (!cache.save(first->cache_max_age_seconds, options.now, why)) {
      summary.warnings.push_back("cannot write the link cache: " + why);
    }
  }

  // Findings, each by the file's own rules.
  std::vector<std::vector<core::Finding>> added(files.size());
  for (const Occurrence& o : occurrences) {
    const auto it = outcomes.find(o.key);
    if (it == outcomes.end()) {
      continue;
    }
    const Verdictive v = judge(it->second, o.fragment);
    if (v.problem.empty()) {
      continue;
    }
    for (const LiveRule& r : rules_of[o.file]) {
      if (r.problem == v.problem) {
        added[o.file].push_back(
          make_finding(*r.active->rule, r.active->severity, *r.active->check, o.link, v));
      }
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (added[i].empty()) {
      continue;
    }
    lint::apply_inline_controls(*files[i].document, added[i]);
    std::vector<core::Finding>& out = *files[i].findings;
    out.insert(out.end(), std::make_move_iterator(added[i].begin()),
               std::make_move_iterator(added[i].end()));
    lint::sort_findings(out);
  }
  return summary;
}

std::optional<std::vector<core::Finding>>
run_live_example(const document::Document& doc,
                 const rules::Rule& rule,
                 const checks::Check& check,
                 core::Severity severity)
{
  const std::string_view problem = checks::link_problem(&check);
  const std::vector<checks::WebLink> links = checks::web_links(doc, nullptr);
  std::vector<Request> requests;
  std::vector<std::string> fragments;
  for (const checks::WebLink& link : links) {
    // Only a private IP literal: no name to resolve, and the guard refuses
    // the address before any connection is opened.
    const std::string key = normalise_url(link.url);
    if (key.empty()) {
      return std::nullopt; // libcurl cannot parse it, or cannot be loaded
    }
    std::string host = key.substr(key.find("://") + 3);
    host = host.substr(0, host.find('/'));
    if (!host.empty() && host.front() == '[') {
      host = host.substr(1, host.find(']') - 1);
    } else {
      host = host.substr(0, host.find(':'));
    }
    sockaddr_in v4{};
    sockaddr_in6 v6{};
    bool private_literal = false;
    if (::inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
      v4.sin_family = AF_INET;
      private_literal = is_private_address(reinterpret_cast<const sockaddr*>(&v4), sizeof v4);
    } else if (::inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
      v6.sin6_family = AF_INET6;
      private_literal = is_private_address(reinterpret_cast<const sockaddr*>(&v6), sizeof v6);
    }
    if (!private_literal) {
      return std::nullopt;
    }
    bool has_fragment = false;
    Request r;
    auto [base, fragment] = split_fragment(key, has_fragment);
    r.url = base;
    r.allow_private = false;
    requests.push_back(std::move(r));
    fragments.push_back(fragment);
  }
  Settings settings;
  settings.timeout_seconds = 2;
  settings.retries = 0;
  const std::vector<Result> results = check_urls(requests, settings);
  std::vector<core::Finding> findings;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Verdictive v = judge(results[i].page, fragments[i]);
    if (!v.problem.empty() && v.problem == problem) {
      findings.push_back(make_finding(rule, severity, check, links[i], v));
    }
  }
  lint::apply_inline_controls(doc, findings);
  lint::sort_findings(findings);
  return findings;
}

} // namespace presslint::links
