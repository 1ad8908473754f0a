// Hard constraints and score parts for a person and an opening.
#include "pathways/match_scoring.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pathways/geo.hpp"

namespace pathways::scoring {
namespace {}  // namespace

std::optional<double> travel_limit(const person& p, std::optional<double> radius_km) {
  if (p.prefs.max_travel_km && radius_km) return std::min(*p.prefs.max_travel_km, *radius_km);
  return p.prefs.max_travel_km ? p.prefs.max_travel_km : radius_km;
}

bool times_overlap(const std::vector<time_slot>& a, const std::vector<time_slot>& b) {
  for (const auto& x : a)
    for (const auto& y : b)
      if (x.day == y.day && x.start_minute < y.end_minute && y.start_minute < x.end_minute)
        return true;
  return false;
}

std::string_view name_of(constraint c) {
  static constexpr std::string_view names[] = {
      "not_open", "no_places",      "past_closing_date",  "age",
      "too_far",  "too_many_hours", "adjustment_missing", "schedule"};
  return names[static_cast<int>(c)];
}

std::optional<double> distance_from_home(const person& p, const opportunity& o) {
  if (o.remote || !o.location || !p.home) return std::nullopt;
  return distance_km(*p.home, *o.location);
}

std::optional<exclusion> check(const person& p, const opportunity& o, const check_context& ctx) {
  if (o.status != opportunity_status::open)
    return exclusion{constraint::not_open, "it is no longer open"};
  if (o.places_available <= 0) return exclusion{constraint::no_places, "it has no places left"};
  if (o.closing_date && *o.closing_date < ctx.today)
    return exclusion{constraint::past_closing_date,
                     fmt::format("it closed on {}", *o.closing_date)};
  if (p.year_of_birth && (o.min_age || o.max_age)) {
    const int age = ctx.year - *p.year_of_birth;
    if (o.min_age && age < *o.min_age)
      return exclusion{constraint::age,
                       fmt::format("it is for people aged {} and over", *o.min_age)};
    if (o.max_age && age > *o.max_age)
      return exclusion{constraint::age, fmt::format("it is for people aged up to {}", *o.max_age)};
  }
  if (const auto limit = travel_limit(p, ctx.radius_km)) {
    if (const auto d = distance_from_home(p, o); d && *d > *limit)
      return exclusion{constraint::too_far,
                       fmt::format("it is {:.1f} km away, beyond {:.0f} km", *d, *limit)};
  }
  if (p.prefs.hours_max && o.hours_per_week && *o.hours_per_week > *p.prefs.hours_max)
    return exclusion{constraint::too_many_hours,
                     fmt::format("it is {:g} hours a week, above their {:g}", *o.hours_per_week,
                                 *p.prefs.hours_max)};
  for (adjustment needed : p.adjustments)
    if (!std::binary_search(o.adjustments.begin(), o.adjustments.end(), needed))
      return exclusion{constraint::adjustment_missing,
                       fmt::format("they need {}, which is not offered", spoken_name(needed))};
  if (!p.prefs.available.empty() && !o.schedule.empty() &&
      !times_overlap(p.prefs.available, o.schedule))
    return exclusion{constraint::schedule, "its times do not overlap with when they are free"};
  return std::nullopt;
}

double goal_part(const person& p, const opportunity& o) {
  double best = 0;
  for (const auto& g : p.goals)
    if (g.status == goal_status::active && g.area == o.area)
      best =
          std::max(best, static_cast<double>(6 - g.priority) / 5.0);  // priority 1 → 1.0, 5 → 0.2
  return best;
}

double distance_value(std::optional<double> km, bool remote, const preferences& prefs) {
  if (remote) return 1.0;
  if (!km) return 0.5;  // unknown: neither rewarded nor punished fully
  const double limit = prefs.max_travel_km.value_or(default_travel_km);
  return limit <= 0 ? 0.0 : std::clamp(1.0 - *km / limit, 0.0, 1.0);
}

double distance_part(const person& p, const opportunity& o) {
  return distance_value(distance_from_home(p, o), o.remote, p.prefs);
}

double hours_part(const person& p, const opportunity& o) {
  return hours_value(o.hours_per_week, p.prefs);
}

double total(double strengths, const person& p, const opportunity& o) {
  return combine(strengths, goal_part(p, o), distance_part(p, o), hours_part(p, o));
}

}  // namespace pathways::scoring
