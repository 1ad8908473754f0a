// The indicator facts: active goals, referrals with their steps, and each person's IPS record.
#include "indicator_rows.hpp"

#include <fmt/format.h>

#include "placement_rows.hpp"

namespace pathways::store {
namespace {

constexpr const char* team_join =
    " JOIN team t ON t.id = p.team_id WHERE (?1 IS NULL OR p.team_id = ?1)";

fact_place team_place(const sql::statement& q, int first) {
  return {q.text(first), q.text(first + 1), q.text(first + 2),
          std::nullopt,  std::nullopt,      std::nullopt};
}

}  // namespace

std::vector<goal_fact> active_goal_facts(connection& conn,
                                         const std::optional<std::string>& team_id) {
  sql::statement q(
      conn, fmt::format("SELECT DISTINCT t.id, t.name, t.borough, g.domain, p.id FROM person_goal g"
                        " JOIN person p ON p.id = g.person_id{} AND g.status = 'active'",
                        team_join));
  q.bind_all(team_id);
  std::vector<goal_fact> out;
  while (q.step()) {
    goal_fact f{team_place(q, 0), q.text(4)};
    f.place.domain = q.text(3);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<referral_fact> referral_facts(connection& conn,
                                          const std::optional<std::string>& team_id) {
  sql::statement q(
      conn,
      "SELECT t.id, t.name, t.borough, a.id, a.name, o.domain, r.sent_at, r.id FROM referral r"
      " JOIN team t ON t.id = r.team_id JOIN agency a ON a.id = r.agency_id"
      " JOIN opportunity o ON o.id = r.opportunity_id WHERE (?1 IS NULL OR r.team_id = ?1)"
      " ORDER BY r.sent_at, r.id");
  q.bind_all(team_id);
  std::vector<referral_fact> out;
  std::vector<std::string> ids;
  while (q.step()) {
    referral_fact f{team_place(q, 0), q.text(6), {}};
    f.place.agency_id = q.text(3);
    f.place.agency_name = q.text(4);
    f.place.domain = q.text(5);
    out.push_back(std::move(f));
    ids.push_back(q.text(7));
  }
  sql::statement steps(conn,
                       "SELECT to_state, at, reason FROM referral_transition WHERE referral_id = ?1"
                       " ORDER BY position");
  for (std::size_t i = 0; i < out.size(); ++i) {
    steps.reset();
    steps.bind_all(ids[i]);
    while (steps.step())
      out[i].steps.push_back({steps.text(0), steps.text(1), steps.optional_text(2)});
  }
  return out;
}

std::vector<person_ips_fact> ips_facts(connection& conn,
                                       const std::optional<std::string>& team_id) {
  sql::statement q(
      conn, fmt::format("SELECT t.id, t.name, t.borough, p.id FROM person p{}"
                        " AND (EXISTS (SELECT 1 FROM ips_enrolment e WHERE e.person_id = p.id)"
                        "   OR EXISTS (SELECT 1 FROM ips_job j WHERE j.person_id = p.id))"
                        " ORDER BY p.id",
                        team_join));
  q.bind_all(team_id);
  std::vector<person_ips_fact> out;
  while (q.step()) {
    person_ips_fact f{team_place(q, 0), q.text(3), std::nullopt, {}, {}};
    f.place.domain = "work";
    out.push_back(std::move(f));
  }
  for (auto& f : out) {
    f.enrolment = enrolment_of(conn, f.person_id);
    f.contacts = employer_contacts_of(conn, f.person_id);
    f.jobs = jobs_of(conn, f.person_id);
  }
  return out;
}

}  // namespace pathways::store
