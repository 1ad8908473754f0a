// Consent rows: one flag per shareable field; withdrawal stamps the row, never deletes it.
#include "consent_rows.hpp"

#include <algorithm>

#include "child_rows.hpp"

namespace pathways::store {
namespace {

constexpr const char* consent_columns =
    "id, person_id, agency_id, agency_kind, share_contact_details, share_strengths, share_goals,"
    " share_adjustments, purpose, given_at, recorded_by, withdrawn_at, withdrawn_by";

bool shares(const consent& c, shared_field f) {
  return std::find(c.shares.begin(), c.shares.end(), f) != c.shares.end();
}

consent consent_from(const sql::statement& q) {
  consent c;
  c.id = q.text(0);
  c.person_id = q.text(1);
  c.agency_id = q.optional_text(2);
  if (auto kind = q.optional_text(3)) c.kind = stored_name<agency_kind>(*kind);
  for (int i = 0; i < 4; ++i)
    if (q.integer(4 + i) != 0) c.shares.push_back(static_cast<shared_field>(i));
  c.purpose = q.text(8);
  c.given_at = q.text(9);
  c.recorded_by = q.text(10);
  c.withdrawn_at = q.optional_text(11);
  c.withdrawn_by = q.optional_text(12);
  return c;
}

}  // namespace

void insert_consent(connection& conn, const consent& c) {
  std::optional<std::string> kind;
  if (c.kind) kind = std::string(name_of(*c.kind));
  sql::statement q(conn,
                   fmt::format("INSERT INTO consent({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                               " ?9, ?10, ?11, ?12, ?13)",
                               consent_columns));
  q.bind_all(c.id, c.person_id, c.agency_id, kind, shares(c, shared_field::contact_details),
             shares(c, shared_field::strengths), shares(c, shared_field::goals),
             shares(c, shared_field::adjustments), c.purpose, c.given_at, c.recorded_by,
             c.withdrawn_at, c.withdrawn_by)
      .run();
}

void mark_withdrawn(connection& conn, const consent& c) {
  sql::statement q(conn, "UPDATE consent SET withdrawn_at = ?2, withdrawn_by = ?3 WHERE id = ?1");
  q.bind_all(c.id, c.withdrawn_at, c.withdrawn_by).run();
}

std::vector<consent> consents_of(connection& conn, const std::string& person_id) {
  sql::statement q(conn,
                   fmt::format("SELECT {} FROM consent WHERE person_id = ?1 ORDER BY given_at, id",
                               consent_columns));
  q.bind_all(person_id);
  std::vector<consent> out;
  while (q.step()) out.push_back(consent_from(q));
  return out;
}

std::vector<shared_field> fields_shared_with(connection& conn, const std::string& person_id,
                                             const agency& a) {
  std::vector<shared_field> out;
  for (const consent& c : consents_of(conn, person_id)) {
    if (!c.covers(a)) continue;
    for (shared_field f : c.shares)
      if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace pathways::store
