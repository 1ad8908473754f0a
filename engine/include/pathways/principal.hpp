// Who is calling: the API key's role and the team or agency it belongs to, and the scope
// rules every service applies before touching a record.
#pragma once

#include <optional>
#include <string>

#include "pathways/vocabulary.hpp"

namespace pathways {

struct principal {
  std::string key_id;
  pathways::role role = role::admin;
  std::optional<std::string> team_id;    // coordinator and employment_specialist
  std::optional<std::string> agency_id;  // agency
  std::string request_id;                // the request being answered, for the audit trail

  bool is_admin() const { return role == role::admin; }
  bool works_with_people() const {
    return role == role::coordinator || role == role::employment_specialist;
  }
  // A person record is visible to admins and to the workers of the person's own team.
  bool may_see_person_of(const std::string& person_team) const {
    return is_admin() || (works_with_people() && team_id == person_team);
  }
  // An opening may be changed by admins and by the agency that published it.
  bool may_change_opportunity_of(const std::string& publisher) const {
    return is_admin() || (role == role::agency && agency_id == publisher);
  }
};

// Throws forbidden unless the caller's role is one of those allowed.
void require_role(const principal& caller, std::initializer_list<role> allowed, const char* action);

}  // namespace pathways
