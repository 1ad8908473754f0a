// Teams: admins create and rename; any key reads.
#include "pathways/teams.hpp"

#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "pathways/validation.hpp"
#include "store/agency_rows.hpp"

namespace pathways {
namespace {

team found(connection& conn, const std::string& id) {
  auto t = store::find_team(conn, id);
  if (!t) throw error(error_code::not_found, "no such team");
  return *t;
}

}  // namespace

team team_service::create(const principal& caller, team t) {
  require_role(caller, {role::admin}, "create teams");
  validate(t);
  t.id = new_id();
  t.created_at = now_utc();
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  store::insert_team(*conn, t);
  tx.commit();
  return t;
}

team team_service::get(const principal&, const std::string& id) {
  auto conn = db_.connect();
  return found(*conn, id);
}

page<team> team_service::list(const principal&, const page_request& paging) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  return store::list_teams(*conn, paging);
}

team team_service::update(const principal& caller, const std::string& id,
                          const std::function<void(team&)>& change) {
  require_role(caller, {role::admin}, "edit teams");
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  team t = found(*conn, id);
  const team before = t;
  change(t);
  t.id = before.id;
  t.created_at = before.created_at;
  validate(t);
  store::update_team(*conn, t);
  tx.commit();
  return t;
}

}  // namespace pathways
