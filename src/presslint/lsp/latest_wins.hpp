#pragma once

// One worker thread per open document. Work is submitted as snapshots; a
// snapshot submitted while another is pending replaces it (the pending one is
// never run), and a result may be published only while its snapshot is still
// the latest one submitted: results for older versions are dropped. There is
// no timer: the worker starts on a snapshot as soon as it is free.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace presslint::lsp {

struct Snapshot
{
  std::uint64_t generation = 0; // set by submit: increases with each submission
  long version = 0;             // the document's version (LSP)
  std::string text;
  // Start live link checks with this lint (open and save). A snapshot that
  // replaces a pending one keeps its request.
  bool check_links = false;
};

class LatestWins
{
public:
  // `work` runs on the worker thread, one snapshot at a time.
  using Work = std::function<void(const Snapshot&)>;

  explicit LatestWins(Work work);
  ~LatestWins();
  LatestWins(const LatestWins&) = delete;
  LatestWins& operator=(const LatestWins&) = delete;

  // Queues a snapshot, replacing one not yet started; returns its generation.
  std::uint64_t submit(long version, std::string text, bool check_links = false);

  // Runs `publish` (under the lock that submit takes) only when `generation`
  // is still the latest submitted and the worker is not stopping; says
  // whether it ran.
  bool publish_if_latest(std::uint64_t generation, const std::function<void()>& publish);

  // Stops the worker: a pending snapshot is dropped, a running one finishes
  // but cannot publish. Idempotent; called by the destructor.
  void stop();

  [[nodiscard]] std::uint64_t latest_generation() const;

private:
  void loop();

  Work m_work;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::optional<Snapshot> m_pending;
  std::uint64_t m_latest = 0;
  bool m_stopping = false;
  std::thread m_thread;
};

} // namespace presslint::lsp
