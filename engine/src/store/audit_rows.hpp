// SQL for the audit trail: appending a chained row, reading a person's rows, walking the chain.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "pathways/audit.hpp"
#include "sqlite.hpp"

namespace pathways::store {

// The end of the chain as a write transaction sees it: rows appended through it follow one
// another, so a transaction writing many rows reads the end once (no one else can append until
// it commits). Make it inside the open write transaction, and while it lives append that
// transaction's rows only through it.
class audit_chain {
 public:
  explicit audit_chain(connection& conn);
  // Appends a row for `caller`.
  void append(const principal& caller, std::string_view person_id, std::string_view action,
              std::string_view fields, bool allowed);

 private:
  connection& conn_;
  std::int64_t last_seq_ = 0;
  std::string last_hash_;
  std::string content_;  // the row being hashed, its buffer kept from row to row
};

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
