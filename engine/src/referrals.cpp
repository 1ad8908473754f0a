// The referral state machine, consent-checked sending, lazy expiry and place-taking starts.
#include "pathways/referrals.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "person_access.hpp"
#include "store/agency_rows.hpp"
#include "store/audit_rows.hpp"
#include "store/consent_rows.hpp"
#include "store/event_rows.hpp"
#include "store/opportunity_rows.hpp"
#include "store/person_rows.hpp"
#include "store/referral_rows.hpp"

namespace pathways {
namespace {

using state = referral_state;

enum class actor { agency, team, either };

struct rule {
  referral_action action;
  std::initializer_list<state> from;
  state to;
  actor by;
};

// The whole state machine: which action moves which states where, and who may take it.
const rule rules[] = {
    {referral_action::accept, {state::sent}, state::accepted, actor::agency},
    {referral_action::decline, {state::sent}, state::declined, actor::agency},
    {referral_action::start, {state::accepted}, state::started, actor::either},
    {referral_action::complete, {state::started}, state::completed, actor::either},
    {referral_action::end, {state::started}, state::ended, actor::either},
    {referral_action::withdraw, {state::sent, state::accepted}, state::withdrawn, actor::team},
};

const rule& rule_for(referral_action a) {
  return *std::find_if(std::begin(rules), std::end(rules),
                       [a](const rule& r) { return r.action == a; });
}

bool may_see(const principal& caller, const referral& r) {
  return caller.is_admin() || (caller.role == role::agency && caller.agency_id == r.agency_id) ||
         (caller.works_with_people() && caller.team_id == r.team_id);
}

bool may_take(const principal& caller, actor by) {
  if (caller.is_admin() || by == actor::either) return true;
  return by == actor::agency ? caller.role == role::agency : caller.works_with_people();
}

std::string joined(const std::vector<shared_field>& fields) {
  std::string out;
  for (shared_field f : fields) out += (out.empty() ? "" : ",") + std::string(name_of(f));
  return out.empty() ? "none" : out;
}

// The person as the agency may see them: only what the person currently agrees to share.
shared_person shared_view(connection& conn, const referral& r) {
  shared_person out;
  const auto a = store::find_agency(conn, r.agency_id);
  const auto p = store::find_person(conn, r.person_id);
  out.details.id = r.person_id;
  if (!a || !p) return out;
  out.fields = store::fields_shared_with(conn, r.person_id, *a);
  for (shared_field f : out.fields) {
    switch (f) {
      case shared_field::contact_details:
        out.details.display_name = p->display_name;
        out.details.email = p->email;
        out.details.phone = p->phone;
        break;
      case shared_field::strengths:
        out.details.strengths = p->strengths;
        break;
      case shared_field::goals:
        out.details.goals = p->goals;
        break;
      case shared_field::adjustments:
        out.details.adjustments = p->adjustments;
        break;
    }
  }
  return out;
}

void check_reason(referral_action action, const referral_step& step) {
  const bool needs_reason = action == referral_action::decline || action == referral_action::end;
  if (!needs_reason) return;
  if (!step.reason)
    throw error(error_code::invalid_argument,
                fmt::format("a reason is required to {} a referral", name_of(action)), "reason");
  const bool known = action == referral_action::decline
                         ? parse_name<decline_reason>(*step.reason).has_value()
                         : parse_name<end_reason>(*step.reason).has_value();
  if (!known)
    throw error(error_code::invalid_argument,
                "reason must be one of " + (action == referral_action::decline
                                                ? allowed_names<decline_reason>()
                                                : allowed_names<end_reason>()),
                "reason");
}

}  // namespace

std::string referral_service::now_text() const {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::time_point_cast<std::chrono::seconds>(now_()));
}

int referral_service::expire_overdue(connection& conn) {
  const auto cutoff_time = now_() - std::chrono::hours(24) * answer_within_days_;
  const std::string cutoff = fmt::format(
      "{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::time_point_cast<std::chrono::seconds>(cutoff_time));
  const auto due = store::sent_before(conn, cutoff);
  for (const std::string& id : due) {
    referral r = *store::find_referral(conn, id);
    r.state = state::expired;
    r.updated_at = now_text();
    r.history.push_back({state::sent, state::expired, "system", role::admin, r.updated_at,
                         std::nullopt,
                         fmt::format("no answer within {} days", answer_within_days_)});
    store::record_transition(conn, r);
    store::append_event(conn, "referral", r.id, "expired", r.team_id, r.agency_id);
    spdlog::info("event=referral_expired referral_id={}", r.id);
  }
  return static_cast<int>(due.size());
}

int referral_service::expire_overdue() {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  const int expired = expire_overdue(*conn);
  tx.commit();
  return expired;
}

// The referral as the caller may see it: agencies get the consented part of the person.
referral referral_service::answer(connection& conn, const principal& caller, referral r) {
  if (caller.role == role::agency) r.person = shared_view(conn, r);
  return r;
}

referral referral_service::send(const principal& caller, const std::string& person_id,
                                const std::string& opportunity_id, const std::string& note) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  expire_overdue(*conn);
  const person p = audited_person(*conn, tx, caller, person_id, "referral.send", "referral");
  const auto o = store::find_opportunity(*conn, opportunity_id);
  if (!o)
    throw error(error_code::unprocessable, "opportunity_id names no opening", "opportunity_id");
  if (o->status != opportunity_status::open)
    throw error(error_code::conflict, fmt::format("the opening is {}", name_of(o->status)),
                "opportunity_id");
  const auto a = store::find_agency(*conn, o->agency_id);
  const bool consented = a && !store::fields_shared_with(*conn, person_id, *a).empty();
  audit_access(*conn, tx, caller, person_id, "referral.consent_check", "consent", consented,
               error(error_code::forbidden,
                     "the person has not consented to sharing with this opening's agency: record "
                     "their consent first",
                     "person_id"));
  referral r;
  r.id = new_id();
  r.person_id = person_id;
  r.opportunity_id = opportunity_id;
  r.agency_id = o->agency_id;
  r.team_id = p.team_id;
  r.note = note;
  r.state = state::sent;
  r.sent_at = r.updated_at = now_text();
  r.history.push_back(
      {std::nullopt, state::sent, caller.key_id, caller.role, r.sent_at, std::nullopt, note});
  store::insert_referral(*conn, r);
  store::append_event(*conn, "referral", r.id, "sent", r.team_id, r.agency_id);
  tx.commit();
  spdlog::info("event=referral_sent referral_id={} opportunity_id={} request_id={}", r.id,
               opportunity_id, caller.request_id);
  return r;
}

referral referral_service::get(const principal& caller, const std::string& id) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);  // expiry, the read and its audit row
  expire_overdue(*conn);
  auto r = store::find_referral(*conn, id);
  const bool allowed = r && may_see(caller, *r);
  referral out = allowed ? answer(*conn, caller, *r) : referral{};
  audit_access(*conn, tx, caller, r ? r->person_id : "unknown", "referral.read",
               out.person ? joined(out.person->fields) : "referral", allowed,
               error(error_code::not_found, "no such referral"));
  tx.commit();
  return out;
}

page<referral> referral_service::list(const principal& caller, const referral_query& q) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);  // expiry, the read and its audit rows
  expire_overdue(*conn);
  const std::optional<std::string> team =
      caller.works_with_people() ? caller.team_id : std::nullopt;
  const std::optional<std::string> agency =
      caller.role == role::agency ? caller.agency_id : std::nullopt;
  auto found = store::list_referrals(*conn, team, agency, q);
  for (referral& r : found.items) {
    r = answer(*conn, caller, std::move(r));
    store::append_audit(*conn, caller, r.person_id, "referral.list",
                        r.person ? joined(r.person->fields) : "referral", true);
  }
  tx.commit();
  return found;
}

referral referral_service::act(const principal& caller, const std::string& id,
                               const referral_step& step) {
  const rule& how = rule_for(step.action);
  const std::string action = fmt::format("referral.{}", name_of(step.action));
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  expire_overdue(*conn);
  auto found = store::find_referral(*conn, id);
  const bool visible = found && may_see(caller, *found);
  audit_access(*conn, tx, caller, found ? found->person_id : "unknown", action, "referral",
               visible && may_take(caller, how.by),
               visible ? error(error_code::forbidden,
                               fmt::format("the {} role may not {} a referral",
                                           name_of(caller.role), name_of(step.action)))
                       : error(error_code::not_found, "no such referral"));
  referral r = *found;
  if (std::find(how.from.begin(), how.from.end(), r.state) == how.from.end())
    throw error(error_code::conflict,
                fmt::format("the referral is {}; it cannot be moved to {}", name_of(r.state),
                            name_of(how.to)),
                "state");
  check_reason(step.action, step);
  std::optional<opportunity> changed_opening;
  if (step.action == referral_action::start) {
    if (!store::take_place(*conn, r.opportunity_id))
      throw error(error_code::conflict, "the opening has no places left", "opportunity_id");
    changed_opening = store::find_opportunity(*conn, r.opportunity_id);
    store::append_event(*conn, "opening", r.opportunity_id, "places_changed", std::nullopt,
                        r.agency_id);
  }
  r.history.push_back(
      {r.state, how.to, caller.key_id, caller.role, now_text(), step.reason, step.text});
  r.state = how.to;
  r.updated_at = r.history.back().at;
  store::record_transition(*conn, r);
  store::append_event(*conn, "referral", r.id, name_of(r.state), r.team_id, r.agency_id);
  r = answer(*conn, caller, std::move(r));
  std::lock_guard in_order(commit_order_);
  tx.commit();
  if (listener_ && changed_opening) listener_->opportunity_saved(*changed_opening);
  spdlog::info("event=referral_{} referral_id={} request_id={}", name_of(r.state), r.id,
               caller.request_id);
  return r;
}

}  // namespace pathways
