// Demo consents, referrals and IPS records, laid out by pattern (not by chance) per team.
#include "demo_outcomes.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>

#include "pathways/demo.hpp"
#include "store/audit_rows.hpp"
#include "store/consent_rows.hpp"
#include "store/event_rows.hpp"
#include "store/placement_rows.hpp"
#include "store/referral_rows.hpp"

namespace pathways {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int referrals_per_team = 24;
constexpr int ips_people_per_team = 8;

std::string date_of(sys_days d) {
  return fmt::format("{:%Y-%m-%d}", d);
}
std::string time_of(sys_days d) {
  return date_of(d) + "T09:30:00Z";
}

// The states the demo's referrals end in, in turn.
constexpr referral_state pattern[] = {referral_state::sent,      referral_state::accepted,
                                      referral_state::declined,  referral_state::started,
                                      referral_state::completed, referral_state::ended,
                                      referral_state::withdrawn, referral_state::expired};

class outcome_writer {
 public:
  outcome_writer(connection& conn, std::uint64_t seed, sys_days today)
      : conn_(conn), seed_(seed), today_(today) {}

  void refer(const person& p, const opportunity& o, int k, int n) {
    const referral_state goal = pattern[k % 8];
    const sys_days sent = goal == referral_state::sent ? today_ - days(3)
                                                       : today_ - days(20 + (k * 11 + n * 5) % 150);
    give_consent(p, o, k, sent - days(1));
    referral r;
    r.id = demo_id(seed_, "referral", n);
    r.person_id = p.id;
    r.opportunity_id = o.id;
    r.agency_id = o.agency_id;
    r.team_id = p.team_id;
    r.note = "Keen to give this a go";
    r.sent_at = time_of(sent);
    r.history.push_back({std::nullopt, referral_state::sent, "demo-coordinator", role::coordinator,
                         r.sent_at, std::nullopt, r.note});
    sys_days at = sent;
    auto move = [&](referral_state to, int after, const char* by, role who,
                    std::optional<std::string> reason) {
      at = std::min(at + days(after), today_ - days(1));
      r.history.push_back({r.history.back().to, to, by, who, time_of(at), std::move(reason), ""});
    };
    switch (goal) {
      case referral_state::declined:
        move(referral_state::declined, 4, "demo-agency", role::agency,
             std::string(name_of(static_cast<decline_reason>(k / 8 % 5))));
        break;
      case referral_state::withdrawn:
        move(referral_state::withdrawn, 2, "demo-coordinator", role::coordinator, std::nullopt);
        break;
      case referral_state::expired:
        move(referral_state::expired, 14, "system", role::admin, std::nullopt);
        break;
      case referral_state::sent:
        break;
      default:
        move(referral_state::accepted, 3, "demo-agency", role::agency, std::nullopt);
        if (goal == referral_state::accepted || !store::take_place(conn_, o.id)) break;
        move(referral_state::started, 2 + k % 20, "demo-agency", role::agency, std::nullopt);
        if (goal == referral_state::completed)
          move(referral_state::completed, 60, "demo-agency", role::agency, std::nullopt);
        if (goal == referral_state::ended)
          move(referral_state::ended, 25, "demo-agency", role::agency,
               std::string(name_of(end_reason::person_chose_to_leave)));
    }
    r.state = r.history.back().to;
    r.updated_at = r.history.back().at;
    store::insert_referral(conn_, r);
    for (const auto& t : r.history)
      store::append_event(conn_, "referral", r.id, name_of(t.to), r.team_id, r.agency_id);
    store::append_audit(conn_, demo_loader(), p.id, "demo.referral", "referral", true);
  }

  void support_into_work(const person& p, int k, int n, const std::string& specialist) {
    const sys_days enrolled = today_ - days(45 + (k * 17 + n * 3) % 200);
    store::insert_enrolment(
        conn_, {demo_id(seed_, "enrolment", n), p.id, specialist, date_of(enrolled), std::nullopt});
    int contact = 0;
    // Job development: a face-to-face visit first, then contacts with employers every few days.
    for (sys_days d = enrolled + days(7 + k * 5 % 40); d < today_; d += days(2 + k % 3)) {
      store::insert_employer_contact(
          conn_, {demo_id(seed_, fmt::format("employer_contact_{}", n), contact), p.id, specialist,
                  date_of(d), employers[(k + contact) % 6],
                  static_cast<employer_contact_kind>(contact % 5), contact % 3 != 1});
      ++contact;
    }
    const sys_days start = enrolled + days(40 + k * 7 % 30);
    if (k % 3 == 2 || start >= today_) return;
    ips_job job{demo_id(seed_, "job", n),
                p.id,
                employers[k % 6],
                titles[k % 4],
                date_of(start),
                static_cast<double>(8 + k % 4 * 6),
                11.44 + k % 3,
                k % 4 != 3,
                static_cast<disclosure>(k % 3),
                std::nullopt,
                std::nullopt};
    store::insert_job(conn_, job);
    if (k % 5 == 4 && start + days(50) < today_) {
      job.end_date = date_of(start + days(50));
      job.end_reason = job_end_reason::resigned;
      store::end_job(conn_, job);
    }
    int support = 0;
    for (sys_days d = start + days(7); d < today_ && support < 6; d += days(14), ++support)
      store::insert_support_contact(
          conn_, {demo_id(seed_, fmt::format("support_contact_{}", n), support), p.id, job.id,
                  specialist, date_of(d)});
    store::append_audit(conn_, demo_loader(), p.id, "demo.employment_support", "employment_support",
                        true);
  }

  int consents = 0;

 private:
  void give_consent(const person& p, const opportunity& o, int k, sys_days given) {
    consent c;
    c.id = demo_id(seed_, "consent", consents++);
    c.person_id = p.id;
    c.agency_id = o.agency_id;
    c.shares = {shared_field::strengths, shared_field::goals, shared_field::adjustments};
    if (k % 2 == 0) c.shares.insert(c.shares.begin(), shared_field::contact_details);
    c.purpose = "referral to an opening the person chose";
    c.given_at = time_of(given);
    c.recorded_by = "demo-coordinator";
    if (k % 12 == 11) {  // the person later changed their mind: sharing has stopped
      c.withdrawn_at = time_of(today_ - days(1));
      c.withdrawn_by = "demo-coordinator";
    }
    store::insert_consent(conn_, c);
  }

  static constexpr const char* employers[] = {"Riverside Bakery", "Norwich Market Traders",
                                              "City Print Works", "Greenway Garden Centre",
                                              "Castle Café",      "Eastern Logistics"};
  static constexpr const char* titles[] = {"Kitchen assistant", "Retail assistant",
                                           "Warehouse operative", "Gardener"};

  connection& conn_;
  std::uint64_t seed_;
  sys_days today_;
};

bool has_work_goal(const person& p) {
  return std::any_of(p.goals.begin(), p.goals.end(), [](const goal& g) {
    return g.area == domain::work && g.status == goal_status::active;
  });
}

}  // namespace

principal demo_loader() {
  return {"demo-loader", role::admin, std::nullopt, std::nullopt, "demo-load"};
}

demo_outcomes add_demo_outcomes(connection& conn, std::uint64_t seed, sys_days today,
                                const std::vector<team>& teams, const std::vector<person>& people,
                                const std::vector<opportunity>& openings) {
  std::vector<const opportunity*> open;
  for (const auto& o : openings)
    if (o.status == opportunity_status::open && o.places_available > 0) open.push_back(&o);
  outcome_writer writer(conn, seed, today);
  demo_outcomes out;
  if (open.empty()) return out;
  for (std::size_t t = 0; t < teams.size(); ++t) {
    int referred = 0;
    int supported = 0;
    for (const person& p : people) {
      if (p.team_id != teams[t].id) continue;
      const std::string specialist = fmt::format("demo-specialist-{}", t);
      if (referred < referrals_per_team) {
        const std::size_t pick = (t * 131 + static_cast<std::size_t>(referred) * 37) % open.size();
        writer.refer(p, *open[pick], referred, out.referrals++);
        ++referred;
      }
      if (supported < ips_people_per_team && has_work_goal(p)) {
        writer.support_into_work(p, supported++, out.people_in_employment_support++, specialist);
      }
    }
  }
  out.consents = writer.consents;
  return out;
}

}  // namespace pathways
