// Scope check plus audit row for every access to a person's data.
#include "person_access.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pathways/error.hpp"
#include "store/audit_rows.hpp"
#include "store/person_rows.hpp"

namespace pathways {

void audit_access(connection& conn, transaction& tx, const principal& caller,
                  std::string_view person_id, std::string_view action, std::string_view fields,
                  bool allowed, const error& denial) {
  store::append_audit(conn, caller, person_id, action, fields, allowed);
  if (allowed) return;
  tx.commit();
  throw denial;
}

person audited_person(connection& conn, transaction& tx, const principal& caller,
                      const std::string& person_id, std::string_view action,
                      std::string_view fields, std::initializer_list<role> roles) {
  // A role that may not take the action at all (agencies read no person records) is refused as
  // forbidden, and audited like any denial.
  const bool role_may = std::find(roles.begin(), roles.end(), caller.role) != roles.end();
  auto p = role_may ? store::find_person(conn, person_id) : std::nullopt;
  const bool allowed = p && caller.may_see_person_of(p->team_id);
  audit_access(conn, tx, caller, person_id, action, fields, allowed,
               role_may ? error(error_code::not_found, "no such person")
                        : error(error_code::forbidden, fmt::format("the {} role may not {}",
                                                                   name_of(caller.role), action)));
  return *p;
}

}  // namespace pathways
