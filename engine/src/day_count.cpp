// Calendar arithmetic on stored dates.
#include "day_count.hpp"

#include <charconv>
#include <chrono>

#include "pathways/error.hpp"

namespace pathways {

int day_number(std::string_view iso) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto parse = [](std::string_view part, auto& out) {
    return std::from_chars(part.data(), part.data() + part.size(), out).ec == std::errc();
  };
  if (iso.size() < 10 || !parse(iso.substr(0, 4), y) || !parse(iso.substr(5, 2), m) ||
      !parse(iso.substr(8, 2), d))
    throw error(error_code::internal, "a stored date is not YYYY-MM-DD");
  const std::chrono::sys_days day{std::chrono::year{y} / std::chrono::month{m} /
                                  std::chrono::day{d}};
  return static_cast<int>(day.time_since_epoch().count());
}

}  // namespace pathways
