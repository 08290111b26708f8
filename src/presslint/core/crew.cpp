#include <presslint/core/crew.hpp>

#include <presslint/core/heap.hpp>

#include <exception>
#include <stdexcept>
#include <system_error>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace presslint::core {

void
Crew::pause()
{
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

Crew::Crew(unsigned helpers, std::chrono::milliseconds spin) : m_spin(spin)
{
  try {
    add(helpers);
  } catch (...) {
    // Not a thread the system refused (add() stops there) but, say, no
    // memory: those started must end before the members they use.
    signal(k_end);
    m_threads.clear(); // joins
    throw;
  }
}

void
Crew::add(unsigned more)
{
  if ((m_signal.load(std::memory_order_relaxed) & (k_work | k_end)) != 0) {
    throw std::logic_error("Crew::add: after run()");
  }
  // The heap room reserve_heap makes stays with a thread's arena, which
  // later threads reuse: the first threads of the process reserve it, as
  // many as it may use processors, and later ones find it there.
  static std::atomic<unsigned> threads_started{0};
  const unsigned processors = usable_processors();
  m_threads.reserve(m_threads.size() + more);
  for (unsigned n = 0; n < more; ++n) {
    const auto i = static_cast<unsigned>(m_threads.size()) + 1;
    // Spinning threads beyond the other processors this process may use
    // would take processor time from the one preparing the work.
    const bool spins = i < processors;
    try {
      m_threads.emplace_back([this, i, spins, processors] {
        if (threads_started.fetch_add(1, std::memory_order_relaxed) < processors) {
          // Its own arena's room, as main() makes the main heap's.
          reserve_heap(k_huge_page);
        }
        wait_for_work(i, spins);
      });
    } catch (const std::system_error&) {
      return; // no more threads: fewer helpers (helpers() says how many)
    }
  }
}

Crew::~Crew()
{
  signal(k_end);
  m_threads.clear(); // joins
}

void
Crew::signal(unsigned bit)
{
  m_signal.fetch_or(bit, std::memory_order_release);
  m_signal.notify_all();
}

void
Crew::wait_for_work(unsigned index, const bool may_spin)
{
  unsigned taken = 0; // of ahead()'s tasks (the first helper's)
  bool spin = may_spin;
  auto until = std::chrono::steady_clock::now() + m_spin;
  while (true) {
    const unsigned s = m_signal.load(std::memory_order_acquire);
    if ((s & k_end) != 0) {
      return; // tasks not begun are dropped: their owner is going
    }
    if (index == 1 && s / k_task > taken) {
      std::function<void()> task;
      {
        std::lock_guard<std::mutex> lock(m_ahead_mutex);
        task = std::move(m_ahead[taken]);
      }
      ++taken;
      try {
        task();
      } catch (...) { // NOLINT(bugprone-empty-catch): run() does it again
      }
      // The caller is still preparing the work, and will not be long.
      spin = may_spin;
      until = std::chrono::steady_clock::now() + m_spin;
      continue;
    }
    if ((s & k_work) != 0) {
      if (index < m_jobs) {
        (*m_task)(index);
      }
      return;
    }
    // Nothing new: spin while allowed, then sleep until the bits change.
    for (unsigned n = 1; spin && s == m_signal.load(std::memory_order_acquire); ++n) {
      pause();
      if (n % 256 == 0 && std::chrono::steady_clock::now() >= until) {
        spin = false;
      }
    }
    if (!spin) {
      m_signal.wait(s, std::memory_order_acquire);
    }
  }
}

void
Crew::ahead(std::function<void()> task)
{
  if (m_threads.empty()) {
    return;
  }
  if ((m_signal.load(std::memory_order_relaxed) & k_work) != 0) {
    throw std::logic_error("Crew::ahead: after run()");
  }
  {
    std::lock_guard<std::mutex> lock(m_ahead_mutex);
    m_ahead.push_back(std::move(task));
  }
  m_signal.fetch_add(k_task, std::memory_order_release);
  m_signal.notify_all();
}

void
Crew::run(unsigned jobs, const std::function<void(unsigned)>& task)
{
  if (jobs == 0 || jobs > helpers() + 1) {
    throw std::logic_error("Crew::run: more jobs than threads");
  }
  if ((m_signal.load(std::memory_order_relaxed) & k_work) != 0) {
    throw std::logic_error("Crew::run: called twice");
  }
  m_task = &task;
  m_jobs = jobs;
  signal(k_work);
  // The helpers use `task` and what it refers to: they are joined before
  // an exception from job 0 leaves (the task must let them end).
  std::exception_ptr failure;
  try {
    task(0);
  } catch (...) {
    failure = std::current_exception();
  }
  for (Thread& t : m_threads) {
    t.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

} // namespace presslint::core
