// Threads that begin on another processor (core::Thread) and threads
// started before their work is known (core::Crew).

#include <presslint/core/crew.hpp>
#include <presslint/core/thread.hpp>

#include <doctest/doctest.h>

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

using namespace presslint;

namespace {

// The processors the calling thread may run on.
cpu_set_t
allowed_here()
{
  cpu_set_t set;
  CPU_ZERO(&set);
  REQUIRE(sched_getaffinity(0, sizeof(cpu_set_t), &set) == 0);
  return set;
}

} // namespace

TEST_CASE("thread: runs its body once, and join waits for it")
{
  std::atomic<int> runs{0};
  core::Thread t([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ++runs;
  });
  CHECK(t.joinable());
  t.join();
  CHECK(runs == 1);
  CHECK(!t.joinable());
  CHECK_THROWS_AS(t.join(), std::system_error);
}

TEST_CASE("thread: joins when destroyed, and moves")
{
  std::atomic<int> runs{0};
  {
    std::vector<core::Thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ++runs;
      });
    }
    core::Thread moved = std::move(threads.front());
    CHECK(moved.joinable());
    CHECK(!threads.front().joinable());
    core::Thread assigned;
    CHECK(!assigned.joinable());
    assigned = std::move(moved);
    CHECK(assigned.joinable());
  }
  CHECK(runs == 8);
}

TEST_CASE("thread: begins on another processor than its creator's, then may run on all of its "
          "creator's")
{
  const cpu_set_t allowed = allowed_here();
  if (CPU_COUNT(&allowed) < 2) {
    MESSAGE("one processor: nothing to place");
    return;
  }
  // Linux puts a new thread on its creator's processor: with the creator
  // busy until the thread begins, nearly every one of these would begin
  // there. Placed, one can only where the creator moved between reading
  // its processor and creating the thread.
  constexpr int k_threads = 20;
  int where_created = 0;
  for (int i = 0; i < k_threads; ++i) {
    std::atomic<int> began_on{-1};
    cpu_set_t inside;
    CPU_ZERO(&inside);
    const int creator = sched_getcpu();
    core::Thread t([&] {
      const int cpu = sched_getcpu();
      sched_getaffinity(0, sizeof(cpu_set_t), &inside);
      began_on = cpu;
    });
    while (began_on.load() < 0) {
      // busy, as the linting thread is while its helpers start
    }
    t.join();
    where_created += began_on.load() == creator ? 1 : 0;
    CHECK(CPU_EQUAL(&inside, &allowed));
  }
  CHECK(where_created <= 2);
}

TEST_CASE("thread: a creator held to one processor makes ordinary threads")
{
  const cpu_set_t allowed = allowed_here();
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &allowed)) {
      CPU_SET(cpu, &one);
      break;
    }
  }
  // In a thread of its own, so that the test's own thread keeps its
  // processors.
  std::thread holder([&] {
    REQUIRE(sched_setaffinity(0, sizeof(cpu_set_t), &one) == 0);
    cpu_set_t inside;
    CPU_ZERO(&inside);
    std::atomic<bool> ran{false};
    core::Thread t([&] {
      sched_getaffinity(0, sizeof(cpu_set_t), &inside);
      ran = true;
    });
    t.join();
    CHECK(ran);
    CHECK(CPU_EQUAL(&inside, &one));
  });
  holder.join();
}

TEST_CASE("crew: run gives each job its number once, on its own thread")
{
  for (const unsigned helpers : {0U, 1U, 3U}) {
    for (unsigned jobs = 1; jobs <= helpers + 1; ++jobs) {
      CAPTURE(helpers);
      CAPTURE(jobs);
      core::Crew crew(helpers);
      CHECK(crew.helpers() == helpers);
      std::mutex m;
      std::vector<int> seen(helpers + 1, 0);
      std::vector<std::thread::id> ids;
      crew.run(jobs, [&](unsigned index) {
        std::lock_guard<std::mutex> lock(m);
        REQUIRE(index < seen.size());
        ++seen[index];
        ids.push_back(std::this_thread::get_id());
      });
      for (unsigned i = 0; i <= helpers; ++i) {
        CHECK(seen[i] == (i < jobs ? 1 : 0));
      }
      std::sort(ids.begin(), ids.end());
      CHECK(std::unique(ids.begin(), ids.end()) == ids.end());
      CHECK(std::find(ids.begin(), ids.end(), std::this_thread::get_id()) != ids.end());
      CHECK_THROWS_AS(crew.run(1, [](unsigned) {}), std::logic_error);
    }
  }
}

TEST_CASE("crew: more jobs than threads is refused")
{
  core::Crew crew(1);
  CHECK_THROWS_AS(crew.run(3, [](unsigned) {}), std::logic_error);
  CHECK_THROWS_AS(crew.run(0, [](unsigned) {}), std::logic_error);
}

TEST_CASE("crew: the first helper does first()'s task before its job, while the caller goes on")
{
  for (const auto spin : {std::chrono::milliseconds(0), std::chrono::milliseconds(20)}) {
    CAPTURE(spin.count());
    core::Crew crew(2, spin);
    std::atomic<bool> release{false};
    std::atomic<int> step{0};
    std::thread::id first_on;
    crew.first([&] {
      first_on = std::this_thread::get_id();
      while (!release.load()) {
        std::this_thread::yield();
      }
      step = 1;
    });
    // The caller is not held up by the task.
    release = true;
    std::atomic<int> job1_saw{-1};
    std::thread::id job1_on;
    crew.run(3, [&](unsigned index) {
      if (index == 1) {
        job1_saw = step.load();
        job1_on = std::this_thread::get_id();
      }
    });
    CHECK(step == 1);
    CHECK(job1_saw == 1); // job 1 began after the task ended
    CHECK(job1_on == first_on);
    CHECK(first_on != std::this_thread::get_id());
  }
}

TEST_CASE("crew: an exception from first()'s task is dropped; the job still runs")
{
  core::Crew crew(1);
  crew.first([] { throw std::runtime_error("no"); });
  std::atomic<int> jobs{0};
  crew.run(2, [&](unsigned) { ++jobs; });
  CHECK(jobs == 2);
}

TEST_CASE("crew: first() without helpers does nothing, and a second first() is refused")
{
  {
    core::Crew crew(0);
    bool ran = false;
    crew.first([&] { ran = true; });
    crew.run(1, [](unsigned) {});
    CHECK(!ran);
  }
  core::Crew crew(1);
  crew.first([] {});
  CHECK_THROWS_AS(crew.first([] {}), std::logic_error);
  crew.run(1, [](unsigned) {});
}

TEST_CASE("crew: helpers that get no work end when the crew goes, asleep or spinning")
{
  for (const auto spin : {std::chrono::milliseconds(0), std::chrono::milliseconds(1),
                          std::chrono::milliseconds(10000)}) {
    CAPTURE(spin.count());
    std::atomic<bool> ran{false};
    std::chrono::steady_clock::time_point start;
    {
      core::Crew crew(3, spin);
      crew.first([&] { ran = true; });
      while (!ran.load()) {
        std::this_thread::yield();
      }
      start = std::chrono::steady_clock::now();
    }
    // Not held for the spinning time.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  }
}
