// Time as the engine stores it: ISO 8601 UTC timestamps and YYYY-MM-DD dates.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace pathways {

// Now, as "2026-11-23T22:05:01Z".
std::string now_utc();
// Today's date in UTC, as "2026-11-23".
std::string today_utc();
// The current year in UTC.
int current_year();
// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);

}  // namespace pathways
