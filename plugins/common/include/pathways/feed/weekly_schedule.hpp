// Weekly opening times from partner data: day names and times turned into SDK time windows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pathways/plugin/sdk.hpp"

namespace pathways::feed {

// "mon".."sun" for a day written as "MO", "Mon", "monday", "Tuesday"…; nullopt otherwise.
std::optional<std::string> parse_weekday(std::string_view text);

// "HH:MM" for "9:30", "09:30:00", "0930"; nullopt otherwise.
std::optional<std::string> parse_time_of_day(std::string_view text);

// A schedule written as "tue 09:00-13:00; thu 10:00-12:30" (also "Tuesday 9:00–13:00").
// Returns nullopt if any part cannot be read; closes must be after opens.
std::optional<std::vector<plugin::time_window>> parse_schedule(std::string_view text);

}  // namespace pathways::feed
