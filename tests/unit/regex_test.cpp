#include <presslint/core/regex.hpp>

#include <doctest/doctest.h>

#include <latch>
#include <set>
#include <thread>
#include <vector>

using presslint::core::LazyRegex;

TEST_CASE("regex: the thread that compiles a pattern first keeps it; other threads get their own")
{
  const LazyRegex pattern(R"(\bembargo(ed)?\b)");
  const RE2* mine = &pattern.get();
  CHECK(&pattern.get() == mine); // compiled once for this thread
  CHECK(RE2::PartialMatch("EMBARGOED until", pattern.get()) == false);
  CHECK(RE2::PartialMatch("embargoed until", pattern.get()));

  std::vector<const RE2*> theirs(4, nullptr);
  std::vector<bool> matched(4, false);
  {
    // All alive at once: a copy is freed when its thread ends.
    std::latch all_have_one(static_cast<std::ptrdiff_t>(theirs.size()));
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < theirs.size(); ++t) {
      threads.emplace_back([&, t] {
        const RE2& re = pattern.get();
        theirs[t] = &re;
        matched[t] = RE2::PartialMatch("the embargo lifts", re) && &pattern.get() == &re;
        all_have_one.arrive_and_wait();
      });
    }
  }
  std::set<const RE2*> distinct(theirs.begin(), theirs.end());
  distinct.insert(mine);
  CHECK(distinct.size() == theirs.size() + 1);
  for (std::size_t t = 0; t < matched.size(); ++t) {
    CHECK(matched[t]);
  }
  CHECK(&pattern.get() == mine);
}

TEST_CASE("regex: a pattern that does not compile gives the same error on every thread")
{
  RE2::Options options;
  options.set_log_errors(false);
  const LazyRegex bad("(unclosed", options);
  CHECK_FALSE(bad.get().ok());
  bool other_ok = true;
  std::string other_error;
  std::jthread([&] {
    other_ok = bad.get().ok();
    other_error = bad.get().error();
  }).join();
  CHECK_FALSE(other_ok);
  CHECK(other_error == bad.get().error());
}

TEST_CASE("regex: SharedOnce keeps a failed build as nothing, on every thread")
{
  presslint::core::SharedOnce<int> none;
  int builds = 0;
  auto make = [&]() -> std::unique_ptr<const int> {
    ++builds;
    return nullptr;
  };
  CHECK(none.get(make) == nullptr);
  const int* other = reinterpret_cast<const int*>(1);
  std::jthread([&] { other = none.get(make); }).join();
  CHECK(other == nullptr);
  CHECK(builds == 1);
}
