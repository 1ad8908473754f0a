// People: scoped to the caller's team, validated against the taxonomy, saved whole.
#include "pathways/people.hpp"

#include <set>

#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "pathways/validation.hpp"
#include "person_access.hpp"
#include "store/agency_rows.hpp"
#include "store/audit_rows.hpp"
#include "store/person_rows.hpp"

namespace pathways {
namespace {

constexpr auto people_roles = {role::admin, role::coordinator, role::employment_specialist};

// New goals get fresh ids; a goal keeps its id only if it already belonged to this person.
void assign_goal_ids(person& p, const std::set<std::string>& known) {
  for (goal& g : p.goals)
    if (g.id.empty() || !known.contains(g.id)) g.id = new_id();
}

void check_team(connection& conn, const std::string& team_id) {
  if (!store::find_team(conn, team_id))
    throw error(error_code::unprocessable, "team_id names no team", "team_id");
}

}  // namespace

person people_service::create(const principal& caller, person p) {
  require_role(caller, people_roles, "register people");
  if (!caller.is_admin()) {
    if (!p.team_id.empty() && p.team_id != caller.team_id)
      throw error(error_code::unprocessable, "team_id must be your own team", "team_id");
    p.team_id = *caller.team_id;
  } else if (p.team_id.empty()) {
    throw error(error_code::invalid_argument, "team_id is required", "team_id");
  }
  validate(p, terms_);
  p.id = new_id();
  assign_goal_ids(p, {});
  p.created_at = p.updated_at = now_utc();
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  check_team(*conn, p.team_id);
  store::insert_person(*conn, p);
  store::append_audit(*conn, caller, p.id, "person.create", "all", true);
  std::lock_guard in_order(commit_order_);
  tx.commit();
  if (listener_) listener_->person_saved(p);
  return p;
}

person people_service::get(const principal& caller, const std::string& id) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);  // the read and its audit row
  person p = audited_person(*conn, tx, caller, id, "person.read");
  tx.commit();
  return p;
}

page<person> people_service::list(const principal& caller, const person_query& q) {
  require_role(caller, people_roles, "read people");
  const std::optional<std::string> team = caller.is_admin() ? q.team_id : caller.team_id;
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);  // the read and its audit rows
  if (!caller.is_admin() && q.team_id && q.team_id != caller.team_id) return {{}, 0, q.paging};
  auto found = store::list_people(*conn, team, q.paging);
  for (const person& p : found.items)
    store::append_audit(*conn, caller, p.id, "person.list", "all", true);
  tx.commit();
  return found;
}

person people_service::update(const principal& caller, const std::string& id,
                              const std::function<void(person&)>& change) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  person p = audited_person(*conn, tx, caller, id, "person.update");
  const person before = p;
  change(p);
  p.id = before.id;
  p.created_at = before.created_at;
  if (p.team_id != before.team_id) {
    if (!caller.is_admin())
      throw error(error_code::forbidden, "only an admin may move a person to another team",
                  "team_id");
    check_team(*conn, p.team_id);
  }
  validate(p, terms_);
  std::set<std::string> known;
  for (const goal& g : before.goals) known.insert(g.id);
  assign_goal_ids(p, known);
  p.updated_at = now_utc();
  store::update_person(*conn, p);
  std::lock_guard in_order(commit_order_);
  tx.commit();
  if (listener_) listener_->person_saved(p);
  return p;
}

}  // namespace pathways
