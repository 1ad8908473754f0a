// Consent: recorded and withdrawn by the person's team, every access audited.
#include "pathways/consents.hpp"

#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "person_access.hpp"
#include "store/agency_rows.hpp"
#include "store/consent_rows.hpp"

namespace pathways {
namespace {

void check(connection& conn, const consent& c) {
  if (c.agency_id.has_value() == c.kind.has_value())
    throw error(error_code::invalid_argument, "name either agency_id or agency_kind, not both",
                "agency_id");
  if (c.agency_id && !store::find_agency(conn, *c.agency_id))
    throw error(error_code::unprocessable, "agency_id names no agency", "agency_id");
  if (c.shares.empty())
    throw error(error_code::invalid_argument, "name at least one field the person agrees to share",
                "shares");
  if (c.purpose.empty())
    throw error(error_code::invalid_argument, "purpose is required", "purpose");
}

}  // namespace

consent consent_service::give(const principal& caller, const std::string& person_id, consent c) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  audited_person(*conn, tx, caller, person_id, "consent.give", "consent");
  check(*conn, c);
  c.id = new_id();
  c.person_id = person_id;
  c.given_at = now_utc();
  c.recorded_by = caller.key_id;
  c.withdrawn_at.reset();
  c.withdrawn_by.reset();
  store::insert_consent(*conn, c);
  tx.commit();
  return c;
}

std::vector<consent> consent_service::list(const principal& caller, const std::string& person_id) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);  // the read and its audit row
  audited_person(*conn, tx, caller, person_id, "consent.read", "consent");
  auto out = store::consents_of(*conn, person_id);
  tx.commit();
  return out;
}

consent consent_service::withdraw(const principal& caller, const std::string& person_id,
                                  const std::string& consent_id) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  audited_person(*conn, tx, caller, person_id, "consent.withdraw", "consent");
  for (consent c : store::consents_of(*conn, person_id)) {
    if (c.id != consent_id) continue;
    if (c.withdrawn_at)
      throw error(error_code::conflict, "this consent was already withdrawn on " + *c.withdrawn_at);
    c.withdrawn_at = now_utc();
    c.withdrawn_by = caller.key_id;
    store::mark_withdrawn(*conn, c);
    tx.commit();
    return c;
  }
  throw error(error_code::not_found, "no such consent");
}

}  // namespace pathways
