// Openings: an agency publishes and changes its own; every key reads and filters them.
#include "pathways/opportunities.hpp"

#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "pathways/validation.hpp"
#include "store/agency_rows.hpp"
#include "store/event_rows.hpp"
#include "store/opportunity_rows.hpp"

namespace pathways {
namespace {

opportunity found(connection& conn, const std::string& id) {
  auto o = store::find_opportunity(conn, id);
  if (!o) throw error(error_code::not_found, "no such opportunity");
  return *o;
}

// The opening, if the caller may change it; otherwise not_found, as if it did not exist.
opportunity changeable(connection& conn, const principal& caller, const std::string& id) {
  opportunity o = found(conn, id);
  if (!caller.may_change_opportunity_of(o.agency_id))
    throw error(error_code::not_found, "no such opportunity");
  return o;
}

// Runs a write, reporting a clash on (agency, external_ref) as a conflict naming that field.
template <class Write>
void with_unique_ref(Write write) {
  try {
    write();
  } catch (const error& e) {
    if (e.code() != error_code::conflict) throw;
    throw error(error_code::conflict,
                "this agency already has an opportunity with this external_ref", "external_ref");
  }
}

}  // namespace

opportunity opportunity_service::publish(const principal& caller, opportunity o) {
  require_role(caller, {role::admin, role::agency}, "publish opportunities");
  if (caller.role == role::agency) {
    if (!o.agency_id.empty() && o.agency_id != caller.agency_id)
      throw error(error_code::unprocessable, "agency_id must be your own agency", "agency_id");
    o.agency_id = *caller.agency_id;
  } else if (o.agency_id.empty()) {
    throw error(error_code::invalid_argument, "agency_id is required", "agency_id");
  }
  validate(o, terms_);
  o.id = new_id();
  o.created_at = o.last_updated = now_utc();
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  if (!store::find_agency(*conn, o.agency_id))
    throw error(error_code::unprocessable, "agency_id names no agency", "agency_id");
  with_unique_ref([&] { store::insert_opportunity(*conn, o); });
  store::append_event(*conn, "opening", o.id, "published", std::nullopt, o.agency_id);
  std::lock_guard in_order(commit_order_);
  tx.commit();
  if (listener_) listener_->opportunity_saved(o);
  return o;
}

opportunity opportunity_service::get(const principal&, const std::string& id) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  return found(*conn, id);
}

page<opportunity> opportunity_service::list(const principal&, const opportunity_query& q) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  return store::list_opportunities(*conn, q);
}

opportunity opportunity_service::update(const principal& caller, const std::string& id,
                                        const std::function<void(opportunity&)>& change) {
  require_role(caller, {role::admin, role::agency}, "change opportunities");
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  opportunity o = changeable(*conn, caller, id);
  const opportunity before = o;
  change(o);
  o.id = before.id;
  o.agency_id = before.agency_id;
  o.created_at = before.created_at;
  validate(o, terms_);
  o.last_updated = now_utc();
  with_unique_ref([&] { store::update_opportunity(*conn, o); });
  store::append_event(*conn, "opening", o.id, "updated", std::nullopt, o.agency_id);
  std::lock_guard in_order(commit_order_);
  tx.commit();
  if (listener_) listener_->opportunity_saved(o);
  return o;
}

opportunity opportunity_service::close(const principal& caller, const std::string& id) {
  return update(caller, id, [](opportunity& o) { o.status = opportunity_status::closed; });
}

}  // namespace pathways
