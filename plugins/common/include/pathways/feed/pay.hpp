// Pay as partners write it ("£11.44/hour", "£24,000 a year", "90 per day") as an amount and a
// Pathways pay unit (hour day week month year).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pathways/plugin/sdk.hpp"

namespace pathways::feed {

struct pay_rate {
  double amount = 0;
  std::string unit;  // hour day week month year; empty when the text names none
};

// The pay unit a word or phrase names: "hourly", "per hour", "ph", "HOUR", "a year", "p.a.",
// "annual", "pcm", "weekly", "daily" …; nullopt when it names none.
std::optional<std::string> parse_pay_unit(std::string_view text);

// The first amount in text (currency signs and thousands separators allowed, "24k" = 24000)
// and the unit named after it, if any. nullopt when there is no amount.
std::optional<pay_rate> parse_pay(std::string_view text);

// The feed's `pay_unit` setting as a unit name ("hourly" → "hour"), empty when unset; throws
// std::invalid_argument when it names no pay unit.
std::string pay_unit_setting(const plugin::settings& config);

// A unit guessed from the size of an amount with no unit: under 100 hour, under 1000 day,
// under 10000 month, otherwise year. Callers warn when they use it.
std::string guess_pay_unit(double amount);

}  // namespace pathways::feed
