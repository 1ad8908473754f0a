// The event table: appended with the change it records, read back by sequence within a scope.
#include "event_rows.hpp"

#include "pathways/clock.hpp"

namespace pathways::store {

void append_event(connection& conn, std::string_view kind, const std::string& subject_id,
                  std::string_view change, const std::optional<std::string>& team_id,
                  const std::optional<std::string>& agency_id) {
  sql::statement q(conn,
                   "INSERT INTO event(at, kind, subject_id, change, team_id, agency_id)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  q.bind_all(now_utc(), kind, subject_id, change, team_id, agency_id).run();
}

event_page events_since(connection& conn, const principal& caller, std::int64_t since, int limit) {
  // ?3 team: the team's referrals and every opening; ?4 agency: everything about its openings.
  sql::statement q(
      conn,
      "SELECT seq, at, kind, subject_id, change, team_id, agency_id FROM event"
      " WHERE seq > ?1 AND (?5 OR (?3 IS NOT NULL AND (team_id = ?3 OR kind = 'opening'))"
      "   OR (?4 IS NOT NULL AND agency_id = ?4))"
      " ORDER BY seq LIMIT ?2");
  q.bind_all(since, limit, caller.works_with_people() ? caller.team_id : std::nullopt,
             caller.role == role::agency ? caller.agency_id : std::nullopt, caller.is_admin());
  event_page out;
  out.next_since = since;
  while (q.step()) {
    event e{q.int64(0), q.text(1),          q.text(2),         q.text(3),
            q.text(4),  q.optional_text(5), q.optional_text(6)};
    out.next_since = e.seq;
    out.events.push_back(std::move(e));
  }
  return out;
}

}  // namespace pathways::store
