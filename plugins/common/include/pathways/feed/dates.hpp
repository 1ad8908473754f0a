// Dates as partners write them, turned into ISO YYYY-MM-DD.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pathways::feed {

// Accepts ISO "2027-01-31" (a time after it, "2027-01-31T17:00:00Z", is ignored), day first
// "31/1/2027", "31-01-2027", "31.01.2027", and "31 January 2027" / "31 Jan 2027". Checks the
// day exists in that month (leap years included). Day-first because the partners are British.
std::optional<std::string> parse_date(std::string_view text);

}  // namespace pathways::feed
