#pragma once

#include <presslint/core/thread.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <vector>

namespace presslint::core {

// Threads started before their work is known, so that they are running
// when it comes, and the first of them can take a part of preparing it
// (first()).
//
// Each thread reserves its heap (reserve_heap), then waits for first()'s
// task or run(): by spinning, for at most `spin` and only as many threads
// as there are other hardware threads, and then asleep. A thread asleep
// can take milliseconds to wake: on a virtual machine, its idle processor
// is woken through the host.
class Crew
{
public:
  // Starts `helpers` threads (none for 0).
  explicit Crew(unsigned helpers,
                std::chrono::milliseconds spin = std::chrono::milliseconds(20));
  // Lets threads that were given no work end, and joins them all.
  ~Crew();
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;

  [[nodiscard]] unsigned helpers() const { return static_cast<unsigned>(m_threads.size()); }

  // Gives the first helper `task` to do while it waits, before its part of
  // run(): work that run() will need done, which the calling thread would
  // otherwise do itself on the way there (its results must be safe to
  // share). An exception from it is dropped. At most once, before run();
  // without helpers, nothing is done.
  void first(std::function<void()> task);

  // Runs task(0) on the calling thread and task(1) .. task(jobs - 1) on the
  // first jobs - 1 helpers (jobs is at most helpers() + 1), and returns
  // when all are done. Called at most once.
  void run(unsigned jobs, const std::function<void(unsigned)>& task);

private:
  void wait_for_work(unsigned index, bool spin);
  void signal(unsigned bit);

  // What the helpers are told, as bits.
  static constexpr unsigned k_first = 1; // first() has a task
  static constexpr unsigned k_work = 2;  // run() has work
  static constexpr unsigned k_end = 4;   // no work: end
  std::atomic<unsigned> m_signal{0};
  std::function<void()> m_first;
  const std::function<void(unsigned)>* m_task = nullptr;
  unsigned m_jobs = 0;
  std::chrono::milliseconds m_spin;
  std::vector<Thread> m_threads;
};

} // namespace presslint::core
