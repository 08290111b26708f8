#include <presslint/core/crew.hpp>

#include <presslint/core/heap.hpp>

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
  const unsigned processors = usable_processors();
  m_threads.reserve(helpers);
  for (unsigned i = 1; i <= helpers; ++i) {
    // Spinning threads beyond the other processors this process may use
    // would take processor time from the one preparing the work.
    const bool spins = i < processors;
    try {
      m_threads.emplace_back([this, i, spins] {
        // Its own arena's room, as main() makes the main heap's.
        reserve_heap(k_huge_page);
        wait_for_work(i, spins);
      });
    } catch (const std::system_error&) {
      break; // no more threads: fewer helpers (helpers() says how many)
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
Crew::wait_for_work(unsigned index, bool spin)
{
  unsigned taken = 0; // of ahead()'s tasks (the first helper's)
  auto until = std::chrono::steady_clock::now() + m_spin;
  while (true) {
    const unsigned s = m_signal.load(std::memory_order_acquire);
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
      until = std::chrono::steady_clock::now() + m_spin;
      continue;
    }
    if ((s & (k_work | k_end)) != 0) {
      if ((s & k_work) != 0 && index < m_jobs) {
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
  task(0);
  for (Thread& t : m_threads) {
    t.join();
  }
}

} // namespace presslint::core
