// SQL for the audit trail: appending a chained row, reading a person's rows, walking the chain.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "pathways/audit.hpp"
#include "sqlite.hpp"

namespace pathways::store {

// Appends a row for `caller` inside the caller's open write transaction.
void append_audit(connection& conn, const principal& caller, std::string_view person_id,
                  std::string_view action, std::string_view fields, bool allowed);
page<audit_entry> list_audit(connection& conn, const std::string& person_id, const page_request& p);
// The newest row's place and hash, if there is a row.
std::optional<audit_anchor> audit_head(connection& conn);
// Calls `visit` on every row, oldest first.
void each_audit(connection& conn, const std::function<void(const audit_entry&)>& visit);
// The hash a row must carry, given the one before it.
std::string audit_hash(const audit_entry& e);

}  // namespace pathways::store
