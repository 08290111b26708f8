#pragma once

// RE2 patterns that threads match with in parallel.
//
// RE2 objects are safe to share between threads, but every match takes a
// reader-writer lock on the object's DFA cache: two threads matching with
// the same object keep taking that lock's cache line from each other, and on
// two cores each match took about 1.7 times as long as on one. So a thread
// matches with an object of its own: the thread that compiles a pattern
// first keeps that object, and any other thread compiles a copy the first
// time it matches with the pattern.

#include <re2/re2.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace presslint::core {

// One object of type T for each thread that asks for it, made on that
// thread's first request and freed when the thread ends.
template <class T>
class PerThread
{
public:
  PerThread() : m_slot(next_slot()) {}
  PerThread(const PerThread&) = delete;
  PerThread& operator=(const PerThread&) = delete;

  template <class Make>
  const T& get(Make&& make) const
  {
    std::vector<std::unique_ptr<const T>>& mine = local();
    if (m_slot >= mine.size()) {
      mine.resize(m_slot + 1);
    }
    std::unique_ptr<const T>& object = mine[m_slot];
    if (!object) {
      object = make();
    }
    return *object;
  }

private:
  static std::vector<std::unique_ptr<const T>>& local()
  {
    thread_local std::vector<std::unique_ptr<const T>> objects;
    return objects;
  }
  static std::size_t next_slot()
  {
    static std::atomic<std::size_t> next{0};
    return next.fetch_add(1, std::memory_order_relaxed);
  }

  std::size_t m_slot; // never reused: a slot outlives its owner harmlessly
};

// An object built on first use by whichever thread needs it first, which
// keeps it; another thread gets one of its own. `make` must give equal
// objects on every thread.
template <class T>
class SharedOnce
{
public:
  template <class Make>
  const T* get(Make&& make) const
  {
    std::call_once(m_once, [&] {
      m_first = make();
      m_owner = std::this_thread::get_id();
    });
    if (std::this_thread::get_id() == m_owner || !m_first) {
      return m_first.get();
    }
    return &m_copies.get([&] { return make(); });
  }

private:
  mutable std::once_flag m_once;
  mutable std::unique_ptr<const T> m_first;
  mutable std::thread::id m_owner;
  PerThread<T> m_copies;
};

// An RE2 pattern compiled on first use. Unicode classes make RE2 programs
// costly to build (\p{L} alone is about half a millisecond), and many
// patterns are reached only by some documents (text after the end mark, a
// second kind of dateline).
class LazyRegex
{
public:
  explicit LazyRegex(std::string pattern, const RE2::Options& options = RE2::Options(),
                     std::size_t id = 0);
  // The calling thread's compiled pattern.
  [[nodiscard]] const RE2& get() const;
  [[nodiscard]] const std::string& pattern() const { return m_pattern; }
  [[nodiscard]] const RE2::Options& options() const { return m_options; }
  // Distinct for each pattern checks::shared_pattern() made, counted from 1.
  [[nodiscard]] std::size_t id() const { return m_id; }

private:
  std::string m_pattern;
  RE2::Options m_options;
  std::size_t m_id;
  SharedOnce<RE2> m_re;
};

} // namespace presslint::core
