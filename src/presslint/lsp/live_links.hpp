#pragma once

// The language server's live link checker: the checks of links/live.hpp run
// on one worker thread, off the thread that lints the text. For each request
// the verdicts the cache holds are given first (no request at all), then those
// of the fetches. A newer request for the same document replaces one that has
// not started.

#include <presslint/lsp/link_results.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace presslint::lsp {

class LiveLinkChecker final : public LinkChecker
{
public:
  LiveLinkChecker();
  ~LiveLinkChecker() override;
  LiveLinkChecker(const LiveLinkChecker&) = delete;
  LiveLinkChecker& operator=(const LiveLinkChecker&) = delete;

  void check(LinkCheckRequest request, std::function<void(LinkVerdicts)> done) override;

private:
  struct Job
  {
    LinkCheckRequest request;
    std::function<void(LinkVerdicts)> done;
  };

  void work();

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Job> m_jobs;
  bool m_stop = false;
  std::thread m_thread;
};

// The live link findings of one document, by the URL each link is written
// with (`cache_only`: from the cache, without a request).
LinkVerdicts live_link_verdicts(const LinkCheckRequest& request, bool cache_only);

} // namespace presslint::lsp
