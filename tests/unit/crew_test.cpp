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

// The first of `set`'s processors, alone.
cpu_set_t
first_of(const cpu_set_t& set)
{
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &set)) {
      CPU_SET(cpu, &one);
      break;
    }
  }
  return one;
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
  const cpu_set_t one = first_of(allowed_here());
  // In a thread of its own, so that the test's own thread keeps its
  // processors.
  std::thread holder([&] {
    const bool held = sched_setaffinity(0, sizeof(cpu_set_t), &one) == 0;
    CHECK(held);
    if (!held) {
      return;
    }
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

TEST_CASE("thread: usable_processors counts the processors the caller may run on")
{
  const cpu_set_t allowed = allowed_here();
  CHECK(core::usable_processors() == static_cast<unsigned>(CPU_COUNT(&allowed)));
  const cpu_set_t one = first_of(allowed);
  std::thread holder([&] {
    const bool held = sched_setaffinity(0, sizeof(cpu_set_t), &one) == 0;
    CHECK(held);
    CHECK((!held || core::usable_processors() == 1));
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
        CHECK(index < seen.size()); // CHECK: a helper must not throw
        if (index < seen.size()) {
          ++seen[index];
        }
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

TEST_CASE("crew: the first helper does ahead()'s tasks in order, before its job, while the caller "
          "goes on")
{
  for (const auto spin : {std::chrono::milliseconds(0), std::chrono::milliseconds(20)}) {
    CAPTURE(spin.count());
    core::Crew crew(2, spin);
    std::atomic<bool> release{false};
    std::mutex m;
    std::vector<int> order;
    std::vector<std::thread::id> on;
    for (int task = 0; task < 3; ++task) {
      crew.ahead([&, task] {
        if (task == 0) {
          while (!release.load()) {
            std::this_thread::yield();
          }
        }
        std::lock_guard<std::mutex> lock(m);
        order.push_back(task);
        on.push_back(std::this_thread::get_id());
      });
    }
    // The caller is not held up by the tasks.
    release = true;
    std::atomic<int> job1_saw{-1};
    std::thread::id job1_on;
    crew.run(3, [&](unsigned index) {
      if (index == 1) {
        std::lock_guard<std::mutex> lock(m);
        job1_saw = static_cast<int>(order.size());
        job1_on = std::this_thread::get_id();
      }
    });
    CHECK(order == std::vector<int>{0, 1, 2});
    CHECK(job1_saw == 3); // job 1 began after the tasks ended
    REQUIRE(on.size() == 3);
    for (const std::thread::id id : on) {
      CHECK(id == job1_on);
      CHECK(id != std::this_thread::get_id());
    }
    CHECK_THROWS_AS(crew.ahead([] {}), std::logic_error); // after run()
  }
}

TEST_CASE("crew: an exception from ahead()'s task is dropped; the next task and the job still run")
{
  core::Crew crew(1);
  crew.ahead([] { throw std::runtime_error("no"); });
  std::atomic<bool> next{false};
  crew.ahead([&] { next = true; });
  std::atomic<int> jobs{0};
  crew.run(2, [&](unsigned) { ++jobs; });
  CHECK(next);
  CHECK(jobs == 2);
}

TEST_CASE("crew: ahead() without helpers does nothing")
{
  core::Crew crew(0);
  bool ran = false;
  crew.ahead([&] { ran = true; });
  crew.run(1, [](unsigned) {});
  CHECK(!ran);
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
      crew.ahead([&] { ran = true; });
      while (!ran.load()) {
        std::this_thread::yield();
      }
      start = std::chrono::steady_clock::now();
    }
    // Not held for the spinning time.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  }
}

TEST_CASE("crew: an exception from the caller's job leaves run() once the helpers are done")
{
  core::Crew crew(3);
  std::atomic<int> finished{0};
  std::string message;
  try {
    crew.run(4, [&](unsigned index) {
      if (index == 0) {
        throw std::runtime_error("job 0 failed");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      ++finished;
    });
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  CHECK(message == "job 0 failed");
  CHECK(finished == 3); // joined before the exception left
}

TEST_CASE("crew: add() starts more helpers before run()")
{
  core::Crew crew(1);
  crew.add(2);
  CHECK(crew.helpers() == 3);
  std::mutex m;
  std::vector<unsigned> seen;
  crew.run(4, [&](unsigned index) {
    std::lock_guard<std::mutex> lock(m);
    seen.push_back(index);
  });
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<unsigned>{0, 1, 2, 3});
  CHECK_THROWS_AS(crew.add(1), std::logic_error);
}

TEST_CASE("crew: tasks of ahead() not begun when the crew goes are dropped")
{
  std::atomic<bool> release{false};
  std::atomic<bool> first_began{false};
  std::atomic<bool> first_ran{false};
  std::atomic<bool> second_ran{false};
  std::thread releaser;
  {
    core::Crew crew(1);
    crew.ahead([&] {
      first_began = true;
      while (!release.load()) {
        std::this_thread::yield();
      }
      first_ran = true;
    });
    crew.ahead([&] { second_ran = true; });
    while (!first_began.load()) {
      std::this_thread::yield();
    }
    // The first task is let go well after the crew has been told to end.
    releaser = std::thread([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      release = true;
    });
  } // joins: waits for the first task, which was begun
  releaser.join();
  CHECK(first_ran);
  CHECK(!second_ran);
}
