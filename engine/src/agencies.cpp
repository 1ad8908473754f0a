// Agencies: admins create; any key reads; an agency edits its own record.
#include "pathways/agencies.hpp"

#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "pathways/validation.hpp"
#include "store/agency_rows.hpp"

namespace pathways {
namespace {

agency found(connection& conn, const std::string& id) {
  auto a = store::find_agency(conn, id);
  if (!a) throw error(error_code::not_found, "no such agency");
  return *a;
}

}  // namespace

agency agency_service::create(const principal& caller, agency a) {
  require_role(caller, {role::admin}, "create agencies");
  validate(a);
  a.id = new_id();
  a.created_at = a.updated_at = now_utc();
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  store::insert_agency(*conn, a);
  tx.commit();
  return a;
}

agency agency_service::get(const principal&, const std::string& id) {
  auto conn = db_.connect();
  return found(*conn, id);
}

page<agency> agency_service::list(const principal&, const agency_query& q) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  return store::list_agencies(*conn, q.kind, q.paging);
}

agency agency_service::update(const principal& caller, const std::string& id,
                              const std::function<void(agency&)>& change) {
  require_role(caller, {role::admin, role::agency}, "edit agencies");
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  agency a = found(*conn, id);
  if (!caller.is_admin() && caller.agency_id != a.id)
    throw error(error_code::not_found, "no such agency");
  const agency before = a;
  change(a);
  a.id = before.id;
  a.created_at = before.created_at;
  a.updated_at = now_utc();
  validate(a);
  store::update_agency(*conn, a);
  tx.commit();
  return a;
}

}  // namespace pathways
