// How a person and an opening fit: the hard constraints that are never broken, and the score's
// parts with every weight named and explained. The one place where matching policy lives.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "pathways/model.hpp"

namespace pathways::scoring {

// The parts of a score; they add up to 1.
// Strengths: what the person is good at is the heart of strengths-based matching.
inline constexpr double strengths_weight = 0.45;
// Goals: what the person said they want; a stated goal outweighs any inferred link (below).
inline constexpr double goals_weight = 0.30;
// Distance: nearer is easier to get to and to keep up.
inline constexpr double distance_weight = 0.15;
// Hours: hours inside the person's own preference.
inline constexpr double hours_weight = 0.10;

// How much a valued strength counts, by how the person has it.
inline constexpr double direct_strength = 1.0;   // the same term, scaled by their level (1-5)
inline constexpr double related_strength = 0.5;  // a related term: transferable, but inferred
inline constexpr double interest_only = 0.3;     // something they care about, not named a strength

// With no travel limit given, distance scores fall to zero at this many km.
inline constexpr double default_travel_km = 15.0;

// Allocation of scarce places: an opening the person chose themselves is worth more than any
// match score (a score is at most 1), and their first choice more than their last.
inline constexpr double chosen_by_person = 1.0;
inline constexpr double first_choice_extra = 0.5;  // falls linearly to 0 for their last choice

enum class constraint {
  not_open,
  no_places,
  past_closing_date,
  age,
  too_far,
  too_many_hours,
  adjustment_missing,
  schedule
};
std::string_view name_of(constraint c);

struct exclusion {
  constraint rule;
  std::string detail;  // plain language, e.g. "needs step-free access, which is not offered"
};

// What the check needs besides the two records.
struct check_context {
  std::string today;  // YYYY-MM-DD
  int year = 2026;
  std::optional<double> radius_km;  // a caller's narrower radius, if any
};

// The first hard constraint the pair breaks, or nullopt when the opening is open to them.
std::optional<exclusion> check(const person& p, const opportunity& o, const check_context& ctx);

// The furthest the person will travel: their own limit, narrowed by a caller's radius.
std::optional<double> travel_limit(const person& p, std::optional<double> radius_km);
// True when some window of `a` overlaps some window of `b` on the same day.
bool times_overlap(const std::vector<time_slot>& a, const std::vector<time_slot>& b);
// Whether a broken constraint is worth raising with the agency: not for an opening that is
// closed or past its closing date; for everything else (a place may free up, too).
inline bool negotiable(constraint c) {
  return c != constraint::not_open && c != constraint::past_closing_date;
}

// The distance from home, when both places are known and the opening is not remote.
std::optional<double> distance_from_home(const person& p, const opportunity& o);
// 0..1 parts of the score.
double goal_part(const person& p, const opportunity& o);
double distance_part(const person& p, const opportunity& o);
double hours_part(const person& p, const opportunity& o);
// The strengths part (0..1): the sum over the opening's valued terms of its weight times how the
// person has the term (the factors above), over the sum of its weights; capped at 1.
inline double strengths_value(float weighted_sum, float total_weight) {
  return total_weight > 0 ? std::min(1.0, static_cast<double>(weighted_sum / total_weight)) : 0.0;
}
// The total from a strengths part already computed (0..1).
double total(double strengths, const person& p, const opportunity& o);

// The same parts from plain values, for the match loop (which keeps openings flat).
// `km`: the distance from home when known; `hours`: the opening's hours a week when given.
double distance_value(std::optional<double> km, bool remote, const preferences& prefs);
// (Inline: the match loop bounds it for most openings it meets.)
inline double hours_value(std::optional<double> hours, const preferences& prefs) {
  if (!hours || (!prefs.hours_min && !prefs.hours_max)) return 0.5;
  const double h = *hours;
  const double low = prefs.hours_min.value_or(0);
  const double high = prefs.hours_max.value_or(80);
  if (h >= low && h <= high) return 1.0;
  const double gap = h < low ? low - h : h - high;
  return std::clamp(1.0 - gap / 10.0, 0.0, 1.0);
}
inline double combine(double strengths, double goal, double distance, double hours) {
  return strengths_weight * strengths + goals_weight * goal + distance_weight * distance +
         hours_weight * hours;
}

}  // namespace pathways::scoring
