// Timestamps follow the system clock to the second, however often they are asked for.
#include <gtest/gtest.h>

#include <fmt/chrono.h>

#include <chrono>

#include "pathways/clock.hpp"

namespace pathways {
namespace {

std::string written(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::time_point_cast<std::chrono::seconds>(t));
}

TEST(clock, now_utc_is_the_current_second_every_time_it_is_asked) {
  for (int i = 0; i < 1000; ++i) {
    const std::string before = written(std::chrono::system_clock::now());
    const std::string now = now_utc();
    const std::string after = written(std::chrono::system_clock::now());
    EXPECT_TRUE(now == before || now == after) << before << " " << now << " " << after;
    EXPECT_EQ(today_utc(), now_utc().substr(0, 10));
  }
}

}  // namespace
}  // namespace pathways
