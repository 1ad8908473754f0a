// The one gate to a person's data inside a transaction: checks the caller's scope and writes
// the audit row, allowed or denied, in that same transaction.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "pathways/database.hpp"
#include "pathways/error.hpp"
#include "pathways/model.hpp"
#include "pathways/principal.hpp"
#include "store/sqlite.hpp"

namespace pathways {

// Audits the access; when it is denied, commits that row and throws `denial`.
void audit_access(connection& conn, transaction& tx, const principal& caller,
                  std::string_view person_id, std::string_view action, std::string_view fields,
                  bool allowed, const error& denial);

// The person, if the caller's team may see them (audited as allowed); otherwise the denied
// access is audited and not_found is thrown, as if the person did not exist (forbidden for a
// role that reads no people at all).
// `roles` are the roles that may take this action at all.
person audited_person(connection& conn, transaction& tx, const principal& caller,
                      const std::string& person_id, std::string_view action,
                      std::string_view fields = "all",
                      std::initializer_list<role> roles = {role::admin, role::coordinator,
                                                           role::employment_specialist});

}  // namespace pathways
