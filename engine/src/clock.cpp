// UTC timestamps and calendar dates in the forms the store keeps.
#include "pathways/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <charconv>

namespace pathways {

std::string now_utc() {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  // Written once a second on each thread: requests ask for the time and the day many times.
  thread_local std::chrono::sys_seconds written_at{};
  thread_local std::string written;
  if (written.empty() || now != written_at) {
    written = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
    written_at = now;
  }
  return written;
}

std::string today_utc() {
  return now_utc().substr(0, 10);
}

int current_year() {
  return std::stoi(now_utc().substr(0, 4));
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto parse = [](std::string_view part, auto& out) {
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && end == part.data() + part.size();
  };
  if (!parse(text.substr(0, 4), y) || !parse(text.substr(5, 2), m) || !parse(text.substr(8, 2), d))
    return false;
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                     std::chrono::day{d}}
      .ok();
}

}  // namespace pathways
