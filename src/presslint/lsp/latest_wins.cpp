#include <presslint/lsp/latest_wins.hpp>

#include <cstdio>
#include <exception>

namespace presslint::lsp {

LatestWins::LatestWins(Work work) : m_work(std::move(work))
{
  m_thread = std::thread([this] { loop(); });
}

LatestWins::~LatestWins()
{
  stop();
}

std::uint64_t
LatestWins::submit(long version, std::string text, bool check_links)
{
  std::lock_guard<std::mutex> lock(m_mutex);
  Snapshot s;
  s.check_links = check_links || (m_pending.has_value() && m_pending->check_links);
  s.generation = ++m_latest;
  s.version = version;
  s.text = std::move(text);
  m_pending = std::move(s);
  m_wake.notify_one();
  return m_latest;
}

bool
LatestWins::publish_if_latest(std::uint64_t generation, const std::function<void()>& publish)
{
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_stopping || generation != m_latest) {
    return false;
  }
  publish();
  return true;
}

std::uint64_t
LatestWins::latest_generation() const
{
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_latest;
}

void
LatestWins::stop()
{
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopping = true;
    m_pending.reset();
    m_wake.notify_one();
  }
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void
LatestWins::loop()
{
  while (true) {
    Snapshot s;
    {
      std::unique_lock<std::mutex> lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stopping || m_pending.has_value(); });
      if (m_stopping) {
        return;
      }
      s = std::move(*m_pending);
      m_pending.reset();
    }
    try {
      m_work(s);
    } catch (const std::exception& e) {
      // The edge of the worker: an exception must not end the server.
      std::fprintf(stderr, "presslint lsp: internal error: %s\n", e.what());
    }
  }
}

} // namespace presslint::lsp
