// The periodic chore: it runs again and again, survives a failing run, and stops promptly.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

#include "pathways/periodic_task.hpp"

namespace pathways::testing {
namespace {

TEST(periodic_task, runs_again_after_a_failing_run_and_stops_when_asked) {
  std::mutex m;
  std::condition_variable ran;
  int runs = 0;
  periodic_task task("test", std::chrono::milliseconds(1), [&] {
    {
      std::lock_guard lock(m);
      ++runs;
    }
    ran.notify_all();
    throw std::runtime_error("a failing run");
  });
  {
    std::unique_lock lock(m);
    ASSERT_TRUE(ran.wait_for(lock, std::chrono::seconds(10), [&] { return runs >= 3; }));
  }
  task.stop();  // joins the thread: returns only once no run can follow
  std::lock_guard lock(m);
  EXPECT_GE(runs, 3);
}

TEST(periodic_task, a_long_interval_does_not_delay_stopping) {
  int runs = 0;
  const auto started = std::chrono::steady_clock::now();
  {
    periodic_task task("test", std::chrono::hours(1), [&runs] { ++runs; });
  }
  EXPECT_EQ(runs, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::minutes(1));
}

}  // namespace
}  // namespace pathways::testing
