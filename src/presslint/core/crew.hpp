#pragma once

#include <presslint/core/thread.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

namespace presslint::core {

// Threads started before their work is known, so that they are running
// when it comes, and the first of them can take a part of preparing it
// (ahead()).
//
// Each thread reserves its heap (reserve_heap), then waits for ahead()'s
// tasks or run(): by spinning, for at most `spin` and only as many threads
// as there are other processors it may use (usable_processors()), and then
// asleep. A thread asleep can take milliseconds to wake: on a virtual
// machine, its idle processor is woken through the host.
class Crew
{
public:
  // Starts `helpers` threads (none for 0), or as many as the system lets
  // it start.
  explicit Crew(unsigned helpers,
                std::chrono::milliseconds spin = std::chrono::milliseconds(20));
  // Lets threads that were given no work end (tasks of ahead() not yet
  // begun are dropped), and joins them all.
  ~Crew();
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;

  [[nodiscard]] unsigned helpers() const { return static_cast<unsigned>(m_threads.size()); }

  // Starts `more` helpers (or as many as the system lets it start). Before
  // run() only.
  void add(unsigned more);

  // A pause in a loop that waits for another thread (x86's PAUSE; nothing
  // elsewhere).
  static void pause();

  // Gives the first helper `task` to do while it waits, before its part of
  // run(): work that run() will need done, which the calling thread would
  // otherwise do itself on the way there (its results must be safe to
  // share). Tasks given this way run one after another, in order. An
  // exception from one is dropped. Before run() only; without helpers,
  // nothing is done.
  void ahead(std::function<void()> task);

  // Runs task(0) on the calling thread and task(1) .. task(jobs - 1) on the
  // first jobs - 1 helpers (jobs is at most helpers() + 1), and returns
  // when all are done. An exception from task(0) leaves once the helpers
  // are done too; one from a helper's task ends the process, as from a
  // std::thread (the task should catch it and hand it over). Called at
  // most once.
  void run(unsigned jobs, const std::function<void(unsigned)>& task);

private:
  void wait_for_work(unsigned index, bool may_spin);
  void signal(unsigned bit);

  // What the helpers are told: two bits, and above them the number of
  // tasks given to ahead().
  static constexpr unsigned k_work = 1; // run() has work
  static constexpr unsigned k_end = 2;  // no work: end
  static constexpr unsigned k_task = 4; // one more task
  std::atomic<unsigned> m_signal{0};
  std::mutex m_ahead_mutex;
  std::vector<std::function<void()>> m_ahead;
  const std::function<void(unsigned)>* m_task = nullptr;
  unsigned m_jobs = 0;
  std::chrono::milliseconds m_spin;
  std::vector<Thread> m_threads;
};

} // namespace presslint::core
