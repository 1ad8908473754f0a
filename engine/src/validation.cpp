// Field checks for agencies, teams, people and opportunities, naming the field at fault.
#include "pathways/validation.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/geo.hpp"

namespace pathways {
namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& why) {
  throw error(error_code::invalid_argument, fmt::format("{} {}", field, why), field);
}
[[noreturn]] void unprocessable(const std::string& field, const std::string& why) {
  throw error(error_code::unprocessable, fmt::format("{} {}", field, why), field);
}

// In place: no copy of text that has nothing to trim.
void trim(std::string& s) {
  const auto last = s.find_last_not_of(" \t\r\n");
  s.erase(last == std::string::npos ? 0 : last + 1);
  s.erase(0, s.find_first_not_of(" \t\r\n"));
}

// Trims `value` and checks its length in bytes.
void text(std::string& value, const std::string& field, std::size_t max, bool required) {
  trim(value);
  if (required && value.empty()) invalid(field, "is required");
  if (value.size() > max) invalid(field, fmt::format("is longer than {} characters", max));
}

void optional_date(const std::optional<std::string>& value, const std::string& field) {
  if (value && !is_iso_date(*value)) invalid(field, "must be a date written YYYY-MM-DD");
}

void point(const std::optional<geo_point>& p, const std::string& field) {
  if (p && !is_valid_point(*p))
    invalid(field, "must have lat between -90 and 90 and lon between -180 and 180");
}

void number(std::optional<double> v, const std::string& field, double low, double high) {
  if (v && (!std::isfinite(*v) || *v < low || *v > high))
    invalid(field, fmt::format("must be between {} and {}", low, high));
}

void slots(const std::vector<time_slot>& list, const std::string& field) {
  if (list.size() > 50) invalid(field, "has more than 50 time slots");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& s = list[i];
    const std::string f = fmt::format("{}[{}]", field, i);
    if (s.start_minute < 0 || s.end_minute > 24 * 60 || s.start_minute >= s.end_minute)
      invalid(f, "must start before it ends, within one day (00:00-24:00)");
  }
}

void adjustments(std::vector<adjustment>& list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
}

void known_term(const taxonomy& terms, const std::string& term, const std::string& field) {
  if (!terms.contains(term))
    unprocessable(
        field,
        fmt::format("'{}' is not a term of the strengths taxonomy (see /v1/taxonomy)", term));
}

}  // namespace

void validate(agency& a) {
  text(a.name, "name", 200, true);
  text(a.contact_name, "contact_name", 200, false);
  text(a.contact_email, "contact_email", 254, false);
  text(a.contact_phone, "contact_phone", 50, false);
  text(a.website, "website", 500, false);
  if (!a.contact_email.empty() && a.contact_email.find('@') == std::string::npos)
    invalid("contact_email", "must be an email address");
}

void validate(team& t) {
  text(t.name, "name", 200, true);
  text(t.borough, "borough", 200, true);
}

void validate(person& p, const taxonomy& terms) {
  text(p.display_name, "display_name", 200, true);
  text(p.email, "email", 254, false);
  text(p.phone, "phone", 50, false);
  if (!p.email.empty() && p.email.find('@') == std::string::npos)
    invalid("email", "must be an email address");
  if (p.year_of_birth && (*p.year_of_birth < 1900 || *p.year_of_birth > current_year() - 14))
    invalid("year_of_birth", fmt::format("must be between 1900 and {}", current_year() - 14));
  point(p.home, "home");

  if (p.strengths.size() > 100) invalid("strengths", "has more than 100 entries");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < p.strengths.size(); ++i) {
    auto& s = p.strengths[i];
    const std::string f = fmt::format("strengths[{}]", i);
    text(s.own_words, f + ".own_words", 500, false);
    if (s.level < 1 || s.level > 5) invalid(f + ".level", "must be between 1 and 5");
    known_term(terms, s.term, f + ".term");
    if (!seen.insert(s.term).second)
      unprocessable(f + ".term", fmt::format("'{}' is listed twice", s.term));
  }
  if (p.interests.size() > 100) invalid("interests", "has more than 100 entries");
  for (std::size_t i = 0; i < p.interests.size(); ++i) {
    auto& in = p.interests[i];
    const std::string f = fmt::format("interests[{}]", i);
    text(in.own_words, f + ".own_words", 500, !in.term);
    if (in.term) known_term(terms, *in.term, f + ".term");
  }
  if (p.goals.size() > 50) invalid("goals", "has more than 50 entries");
  for (std::size_t i = 0; i < p.goals.size(); ++i) {
    auto& g = p.goals[i];
    const std::string f = fmt::format("goals[{}]", i);
    text(g.own_words, f + ".own_words", 1000, true);
    if (g.priority < 1 || g.priority > 5) invalid(f + ".priority", "must be between 1 and 5");
  }
  adjustments(p.adjustments);
  number(p.prefs.max_travel_km, "preferences.max_travel_km", 0, 500);
  number(p.prefs.hours_min, "preferences.hours_min", 0, 80);
  number(p.prefs.hours_max, "preferences.hours_max", 0, 80);
  if (p.prefs.hours_min && p.prefs.hours_max && *p.prefs.hours_min > *p.prefs.hours_max)
    unprocessable("preferences.hours_min", "is more than preferences.hours_max");
  slots(p.prefs.available, "preferences.available");
}

void validate(opportunity& o, const taxonomy& terms) {
  text(o.external_ref, "external_ref", 200, true);
  text(o.title, "title", 300, true);
  text(o.description, "description", 20000, false);
  text(o.address, "address", 500, false);
  text(o.source, "source", 100, true);
  point(o.location, "location");
  if (!o.remote && !o.location && o.address.empty())
    unprocessable("location", "is needed (or an address, or remote: true)");
  slots(o.schedule, "schedule");
  number(o.hours_per_week, "hours_per_week", 0, 80);
  if (o.wage) {
    if (!std::isfinite(o.wage->amount) || o.wage->amount < 0 || o.wage->amount > 1e7)
      invalid("pay.amount", "must be between 0 and 10000000");
  }
  if (o.places_total < 0 || o.places_total > 100000)
    invalid("places_total", "must be between 0 and 100000");
  if (o.places_available < 0) invalid("places_available", "must not be negative");
  if (o.places_available > o.places_total)
    unprocessable("places_available", "is more than places_total");
  if (o.strengths.size() > 50) invalid("strengths", "has more than 50 entries");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < o.strengths.size(); ++i) {
    const auto& s = o.strengths[i];
    const std::string f = fmt::format("strengths[{}]", i);
    if (!std::isfinite(s.weight) || s.weight <= 0 || s.weight > 1)
      invalid(f + ".weight", "must be more than 0 and at most 1");
    known_term(terms, s.term, f + ".term");
    if (!seen.insert(s.term).second)
      unprocessable(f + ".term", fmt::format("'{}' is listed twice", s.term));
  }
  if (o.min_age && (*o.min_age < 0 || *o.min_age > 120))
    invalid("min_age", "must be between 0 and 120");
  if (o.max_age && (*o.max_age < 0 || *o.max_age > 120))
    invalid("max_age", "must be between 0 and 120");
  if (o.min_age && o.max_age && *o.min_age > *o.max_age)
    unprocessable("min_age", "is more than max_age");
  adjustments(o.adjustments);
  optional_date(o.start_date, "start_date");
  optional_date(o.end_date, "end_date");
  optional_date(o.closing_date, "closing_date");
  optional_date(o.assured_date, "assured_date");
  if (o.start_date && o.end_date && *o.end_date < *o.start_date)
    unprocessable("end_date", "is before start_date");
}

}  // namespace pathways
