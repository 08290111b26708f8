#include <presslint/lsp/live_links.hpp>

#include <presslint/links/live.hpp>
#include <presslint/rules/config.hpp>

#include <algorithm>
#include <ctime>

namespace presslint::lsp {

LinkVerdicts
live_link_verdicts(const LinkCheckRequest& request, bool cache_only)
{
  LinkVerdicts verdicts;
  if (!request.document || !request.runner) {
    return verdicts;
  }
  core::Errors errors;
  const rules::Config* config = nullptr;
  const rules::RuleSet* rules = request.runner->rule_set_for(request.path, &config, errors);
  if (rules == nullptr || config == nullptr || !errors.empty()) {
    return verdicts;
  }
  std::vector<core::Finding> findings;
  links::LiveFile file{request.document.get(), rules, &config->links, &findings};
  links::LiveOptions options;
  options.cache_only = cache_only;
  options.now = static_cast<long long>(std::time(nullptr));
  links::check_live({file}, options);
  // Each finding stands on a link: keep it under the URL the link is written
  // with, so that it follows the link while the text is edited.
  for (const core::Finding& f : findings) {
    const auto& links = request.document->links;
    const auto it = std::find_if(links.begin(), links.end(), [&](const document::Link& l) {
      return f.span == l.span || f.span == l.target_span
             || (f.span.begin >= l.span.begin && f.span.end <= l.span.end);
    });
    if (it != links.end()) {
      verdicts[it->target].push_back(LinkVerdict{f.rule_id, f.severity, f.message});
    }
  }
  return verdicts;
}

LiveLinkChecker::LiveLinkChecker() : m_thread([this] { work(); }) {}

LiveLinkChecker::~LiveLinkChecker()
{
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    m_jobs.clear();
  }
  m_wake.notify_all();
  m_thread.join();
}

void
LiveLinkChecker::check(LinkCheckRequest request, std::function<void(LinkVerdicts)> done)
{
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    // A waiting request for the same document is out of date.
    std::erase_if(m_jobs, [&](const Job& j) { return j.request.uri == request.uri; });
    m_jobs.push_back(Job{std::move(request), std::move(done)});
  }
  m_wake.notify_all();
}

void
LiveLinkChecker::work()
{
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
      if (m_stop) {
        return;
      }
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    LinkVerdicts cached = live_link_verdicts(job.request, true);
    if (!cached.empty()) {
      job.done(std::move(cached));
    }
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      if (m_stop) {
        return;
      }
    }
    job.done(live_link_verdicts(job.request, false));
  }
}

} // namespace presslint::lsp
