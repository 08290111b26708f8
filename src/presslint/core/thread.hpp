#pragma once

#include <functional>

#include <pthread.h>

namespace presslint::core {

// The processors the calling thread may run on (its affinity), which a
// taskset or a container can make fewer than the machine's; the machine's
// count where that cannot be read, and at least 1.
unsigned usable_processors();

// A thread that begins on another processor than the one that starts it,
// where there is one it may run on, and may then move anywhere it could
// have begun. Linux puts a new thread on its creator's processor, where it
// waits until the creator blocks or the scheduler moves it, a few
// milliseconds later (a scheduler tick): as long as a short run's work on
// two threads. Elsewhere, or where its processors cannot be read, an
// ordinary thread.
//
// Like std::thread, except that it joins when destroyed.
class Thread
{
public:
  Thread() = default;
  // Throws std::system_error when no thread can be made.
  explicit Thread(std::function<void()> body);
  ~Thread();
  Thread(Thread&& other) noexcept;
  Thread& operator=(Thread&& other) noexcept;
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;

  [[nodiscard]] bool joinable() const { return m_started; }
  void join();

private:
  pthread_t m_handle{};
  bool m_started = false;
};

} // namespace presslint::core
