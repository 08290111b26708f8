#include <presslint/links/cache.hpp>

#include <presslint/core/atomic_file.hpp>
#include <presslint/core/read_file.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace presslint::links {

namespace {

constexpr int k_version = 1;

std::string_view
verdict_name(Verdict v)
{
  switch (v) {
  case Verdict::alive: return "alive";
  case Verdict::dead: return "dead";
  case Verdict::unreachable: return "unreachable";
  }
  return "unreachable";
}

std::optional<Verdict>
parse_verdict(const std::string& s)
{
  if (s == "alive") {
    return Verdict::alive;
  }
  if (s == "dead") {
    return Verdict::dead;
  }
  return std::nullopt; // only final verdicts are kept
}

std::optional<Reason>
parse_reason(const std::string& s)
{
  for (const Reason r :
       {Reason::ok, Reason::status, Reason::redirect_loop, Reason::too_many_redirects,
        Reason::bad_redirect, Reason::no_fragment, Reason::timeout, Reason::network,
        Reason::blocked, Reason::rate_limited, Reason::private_address}) {
    if (to_string(r) == s) {
      return r;
    }
  }
  return std::nullopt;
}

} // namespace

std::string
Cache::default_dir()
{
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return (fs::path(xdg) / "presslint").string();
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return (fs::path(home) / ".cache" / "presslint").string();
  }
  return {};
}

bool
Cache::load(const std::string& dir, std::string& warning)
{
  m_dir = dir;
  m_path = (fs::path(dir) / "links.json").string();
  m_entries.clear();
  std::string text;
  const core::ReadStatus status = core::read_file(m_path, text);
  if (status == core::ReadStatus::no_such_file) {
    return true;
  }
  if (status != core::ReadStatus::ok) {
    warning = "cannot read the link cache " + m_path + "; it is ignored";
    return false;
  }
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto corrupt = [&](const std::string& why) {
    warning = "the link cache " + m_path + " is not valid (" + why + "); it is ignored";
    m_entries.clear();
    return false;
  };
  if (j.is_discarded() || !j.is_object()) {
    return corrupt("not a JSON object");
  }
  if (!j.contains("version") || j["version"] != k_version) {
    return corrupt("unknown version");
  }
  if (!j.contains("entries") || !j["entries"].is_object()) {
    return corrupt("no entries");
  }
  for (const auto& [url, e] : j["entries"].items()) {
    if (!e.is_object() || !e.contains("verdict") || !e["verdict"].is_string()
        || !e.contains("checked") || !e["checked"].is_number_integer()) {
      return corrupt("a malformed entry for " + url);
    }
    const auto verdict = parse_verdict(e["verdict"].get<std::string>());
    const auto reason =
      parse_reason(e.contains("reason") && e["reason"].is_string() ? e["reason"].get<std::string>()
                                                                   : std::string("ok"));
    if (!verdict || !reason) {
      return corrupt("a malformed entry for " + url);
    }
    CacheEntry entry;
    entry.outcome.verdict = *verdict;
    entry.outcome.reason = *reason;
    entry.outcome.cacheable = true;
    entry.outcome.status = e.value("status", 0L);
    entry.outcome.permanent_redirect = e.value("permanent-redirect", false);
    entry.outcome.final_url = e.value("final-url", std::string());
    entry.checked = e["checked"].get<long long>();
    m_entries[url] = std::move(entry);
  }
  return true;
}

std::optional<Outcome>
Cache::find(const std::string& key, long long now, double max_age_seconds) const
{
  const auto it = m_entries.find(key);
  if (it == m_entries.end()) {
    return std::nullopt;
  }
  const auto age = static_cast<double>(now - it->second.checked);
  if (age < 0 || age > max_age_seconds) {
    return std::nullopt;
  }
  return it->second.outcome;
}

void
Cache::put(const std::string& key, const Outcome& outcome, long long now)
{
  if (!outcome.cacheable
      || (outcome.verdict != Verdict::alive && outcome.verdict != Verdict::dead)) {
    return;
  }
  m_entries[key] = CacheEntry{outcome, now};
}

bool
Cache::save(double max_age_seconds, long long now, std::string& why) const
{
  if (m_path.empty()) {
    why = "no cache folder";
    return false;
  }
  nlohmann::json entries = nlohmann::json::object();
  for (const auto& [url, e] : m_entries) {
    const auto age = static_cast<double>(now - e.checked);
    if (age < 0 || age > max_age_seconds) {
      continue;
    }
    nlohmann::json j = {{"verdict", verdict_name(e.outcome.verdict)},
                        {"reason", to_string(e.outcome.reason)},
                        {"status", e.outcome.status},
                        {"checked", e.checked}};
    if (e.outcome.permanent_redirect) {
      j["permanent-redirect"] = true;
    }
    if (!e.outcome.final_url.empty()) {
      j["final-url"] = e.outcome.final_url;
    }
    entries[url] = std::move(j);
  }
  const nlohmann::json doc = {{"version", k_version}, {"entries", std::move(entries)}};
  std::error_code ec;
  fs::create_directories(m_dir, ec);
  if (ec) {
    why = "cannot create " + m_dir + ": " + ec.message();
    return false;
  }
  return core::write_file_atomic(m_path, doc.dump(1) + "\n", why);
}

} // namespace presslint::links
