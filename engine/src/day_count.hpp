// Whole days between ISO dates (YYYY-MM-DD), for tenure, retention and waiting times.
#pragma once

#include <string_view>

namespace pathways {

// Days since 1970-01-01 of an ISO date or the date part of an ISO timestamp.
int day_number(std::string_view iso);
// `to` minus `from`, in days.
inline int days_between(std::string_view from, std::string_view to) {
  return day_number(to) - day_number(from);
}

}  // namespace pathways
