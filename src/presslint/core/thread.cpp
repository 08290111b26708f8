#include <presslint/core/thread.hpp>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>

#include <pthread.h>
#if defined(__linux__)
#include <sched.h>
#endif

namespace presslint::core {

namespace {

struct Start
{
  std::function<void()> body;
#if defined(__linux__)
  bool placed = false;
  cpu_set_t allowed{}; // the creator's processors, given back at once
#endif
};

extern "C" void*
thread_main(void* arg)
{
  std::unique_ptr<Start> start(static_cast<Start*>(arg));
#if defined(__linux__)
  if (start->placed) {
    pthread_setaffinity_np(pthread_self(), sizeof(cpu_set_t), &start->allowed);
  }
#endif
  try {
    start->body();
  } catch (...) {
    std::terminate(); // as std::thread does
  }
  return nullptr;
}

} // namespace

unsigned
usable_processors()
{
#if defined(__linux__)
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (sched_getaffinity(0, sizeof(cpu_set_t), &allowed) == 0 && CPU_COUNT(&allowed) > 0) {
    return static_cast<unsigned>(CPU_COUNT(&allowed));
  }
#endif
  return std::max(1U, std::thread::hardware_concurrency());
}

Thread::Thread(std::function<void()> body)
{
  auto start = std::make_unique<Start>();
  start->body = std::move(body);
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) {
    throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                            "cannot start a thread");
  }
#if defined(__linux__)
  // Begin anywhere the creator may run but where it runs now.
  const int here = sched_getcpu();
  if (here >= 0 && here < CPU_SETSIZE
      && sched_getaffinity(0, sizeof(cpu_set_t), &start->allowed) == 0) {
    cpu_set_t elsewhere = start->allowed;
    CPU_CLR(here, &elsewhere);
    if (CPU_COUNT(&elsewhere) > 0
        && pthread_attr_setaffinity_np(&attr, sizeof(cpu_set_t), &elsewhere) == 0) {
      start->placed = true;
    }
  }
#endif
  pthread_t handle{};
  int rc = pthread_create(&handle, &attr, thread_main, start.get());
#if defined(__linux__)
  if (rc == EINVAL && start->placed) {
    // The processors were taken away meanwhile: begin anywhere.
    start->placed = false;
    pthread_attr_destroy(&attr);
    pthread_attr_init(&attr);
    rc = pthread_create(&handle, &attr, thread_main, start.get());
  }
#endif
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    throw std::system_error(rc, std::generic_category(), "cannot start a thread");
  }
  start.release(); // the thread's now
  m_handle = handle;
  m_started = true;
}

Thread::~Thread()
{
  if (m_started) {
    join();
  }
}

Thread::Thread(Thread&& other) noexcept
  : m_handle(std::exchange(other.m_handle, pthread_t{})), m_started(std::exchange(other.m_started, false))
{
}

Thread&
Thread::operator=(Thread&& other) noexcept
{
  if (this != &other) {
    if (m_started) {
      join();
    }
    m_handle = std::exchange(other.m_handle, pthread_t{});
    m_started = std::exchange(other.m_started, false);
  }
  return *this;
}

void
Thread::join()
{
  if (!m_started) {
    throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                            "join: no thread");
  }
  m_started = false;
  pthread_join(m_handle, nullptr);
}

} // namespace presslint::core
