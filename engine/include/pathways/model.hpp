// The domain model: agencies, teams, people with their strengths, goals, adjustments and
// preferences, and the opportunities agencies publish. Deliberately no diagnosis, risk or deficit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/vocabulary.hpp"

namespace pathways {

struct geo_point {
  double lat = 0;
  double lon = 0;
};

// A weekly time window, e.g. Tuesdays 09:30–13:00; minutes since midnight.
struct time_slot {
  weekday day = weekday::mon;
  int start_minute = 0;
  int end_minute = 0;
};

struct agency {
  std::string id;
  std::string name;
  agency_kind kind = agency_kind::employer;
  std::string contact_name;
  std::string contact_email;
  std::string contact_phone;
  std::string website;
  std::string created_at;
  std::string updated_at;
};

struct team {
  std::string id;
  std::string name;
  std::string borough;
  std::string created_at;
};

// Something a person is good at: a taxonomy term, in their own words, and how strong (1–5).
struct strength {
  std::string term;
  std::string own_words;
  int level = 3;
};

// Something a person cares about; the term is optional, their own words are not.
struct interest {
  std::optional<std::string> term;
  std::string own_words;
};

struct goal {
  std::string id;
  domain area = domain::work;
  std::string own_words;
  int priority = 3;  // 1 (most important) .. 5
  goal_status status = goal_status::active;
};

struct preferences {
  std::optional<double> max_travel_km;
  std::optional<double> hours_min;
  std::optional<double> hours_max;
  std::vector<time_slot> available;
};

struct person {
  std::string id;
  std::string team_id;
  std::string display_name;
  std::string email;
  std::string phone;
  std::optional<int> year_of_birth;
  std::optional<geo_point> home;
  std::vector<strength> strengths;
  std::vector<interest> interests;
  std::vector<goal> goals;
  std::vector<adjustment> adjustments;
  preferences prefs;
  std::string created_at;
  std::string updated_at;
};

// A strength an opening values, weighted 0..1.
struct valued_strength {
  std::string term;
  double weight = 1.0;
};

struct pay {
  double amount = 0;
  pay_unit unit = pay_unit::hour;
};

struct opportunity {
  std::string id;
  std::string agency_id;
  std::string external_ref;
  domain area = domain::work;
  std::string title;
  std::string description;
  std::optional<geo_point> location;
  std::string address;
  bool remote = false;
  std::vector<time_slot> schedule;
  std::optional<double> hours_per_week;
  std::optional<pay> wage;
  int places_total = 1;
  int places_available = 1;
  std::vector<valued_strength> strengths;
  std::optional<int> min_age;
  std::optional<int> max_age;
  std::vector<adjustment> adjustments;
  std::optional<std::string> start_date;  // ISO dates, YYYY-MM-DD
  std::optional<std::string> end_date;
  std::optional<std::string> closing_date;
  opportunity_status status = opportunity_status::open;
  std::string source = "api";
  std::string last_updated;  // ISO 8601 UTC timestamp
  std::optional<std::string> assured_date;
  std::string created_at;
};

}  // namespace pathways
