// Outcome indicators, "the yardstick of success": goals, the referral loop, employment and the
// IPS fidelity measures over a period, grouped by team, borough, agency or domain. Coordinators
// and specialists see their own team; admins everything.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/principal.hpp"

namespace pathways {

enum class indicator_grouping { team, borough, agency, domain };
template <>
struct vocabulary<indicator_grouping> {
  static constexpr std::array<std::string_view, 4> names{"team", "borough", "agency", "domain"};
};

struct indicator_query {
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
  indicator_grouping group_by = indicator_grouping::team;
};

struct retention_count {
  int known = 0;     // jobs started in the period whose outcome at this point is known
  int retained = 0;  // of those, still in the job at this point
};

struct indicator_group {
  std::string key;    // team id, borough, agency id or domain
  std::string label;  // team name, borough, agency name or domain
  std::map<std::string, int> people_with_active_goals_by_domain;
  int referrals_sent = 0;
  int referrals_accepted = 0;
  int referrals_declined = 0;
  std::map<std::string, int> referrals_declined_by_reason;
  int referrals_started = 0;
  int referrals_completed = 0;
  std::optional<double> median_days_sent_to_start;
  std::map<std::string, int> starts_by_domain;  // education, housing, leisure, faith, community...
  int people_in_employment_support = 0;
  int people_in_competitive_employment = 0;
  std::optional<double> competitive_employment_rate;
  std::string
      ips_band;  // below_fair, fair (31%), good (41%) or exemplary (50%); "" with no one enrolled
  int enrolments = 0;
  std::optional<double> median_days_to_first_face_to_face_contact;
  int first_face_to_face_contact_within_30_days = 0;
  int specialists = 0;
  std::optional<double> employer_contacts_per_specialist_per_week;
  int specialists_with_6_contacts_a_week = 0;
  retention_count retention_13_weeks;
  retention_count retention_26_weeks;
  retention_count retention_52_weeks;
};

struct indicator_report {
  indicator_query query;
  std::vector<indicator_group> groups;
};

// The IPS employment-rate band a rate reaches.
std::string ips_band_of(double rate);

class indicator_service {
 public:
  explicit indicator_service(database& db) : db_(db) {}
  // `today` (YYYY-MM-DD) dates job retention; empty means today.
  indicator_report report(const principal& caller, const indicator_query& q,
                          std::string today = {});

 private:
  database& db_;
};

}  // namespace pathways
