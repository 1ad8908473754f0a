// Referral rows, their transition history, and the atomic place count.
#include "referral_rows.hpp"

#include "child_rows.hpp"

namespace pathways::store {
namespace {

constexpr const char* referral_columns =
    "id, person_id, opportunity_id, agency_id, team_id, note, state, sent_at, updated_at";

referral referral_from(const sql::statement& q) {
  referral r;
  r.id = q.text(0);
  r.person_id = q.text(1);
  r.opportunity_id = q.text(2);
  r.agency_id = q.text(3);
  r.team_id = q.text(4);
  r.note = q.text(5);
  r.state = stored_name<referral_state>(q.text(6));
  r.sent_at = q.text(7);
  r.updated_at = q.text(8);
  return r;
}

std::vector<referral_transition> history_of(connection& conn, const std::string& id) {
  sql::statement q(conn,
                   "SELECT from_state, to_state, by_key, by_role, at, reason, reason_text"
                   " FROM referral_transition WHERE referral_id = ?1 ORDER BY position");
  q.bind_all(id);
  std::vector<referral_transition> out;
  while (q.step()) {
    referral_transition t;
    if (auto from = q.optional_text(0)) t.from = stored_name<referral_state>(*from);
    t.to = stored_name<referral_state>(q.text(1));
    t.by_key = q.text(2);
    t.by_role = stored_name<role>(q.text(3));
    t.at = q.text(4);
    t.reason = q.optional_text(5);
    t.text = q.text(6);
    out.push_back(std::move(t));
  }
  return out;
}

void insert_transition(connection& conn, const std::string& id, std::size_t position,
                       const referral_transition& t) {
  std::optional<std::string> from;
  if (t.from) from = std::string(name_of(*t.from));
  sql::statement q(
      conn,
      "INSERT INTO referral_transition(referral_id, position, from_state, to_state,"
      " by_key, by_role, at, reason, reason_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  q.bind_all(id, static_cast<std::int64_t>(position), from, name_of(t.to), t.by_key,
             name_of(t.by_role), t.at, t.reason, t.text)
      .run();
}

}  // namespace

void insert_referral(connection& conn, const referral& r) {
  sql::statement q(
      conn, fmt::format("INSERT INTO referral({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        referral_columns));
  q.bind_all(r.id, r.person_id, r.opportunity_id, r.agency_id, r.team_id, r.note, name_of(r.state),
             r.sent_at, r.updated_at)
      .run();
  for (std::size_t i = 0; i < r.history.size(); ++i) insert_transition(conn, r.id, i, r.history[i]);
}

void record_transition(connection& conn, const referral& r) {
  sql::statement q(conn, "UPDATE referral SET state = ?2, updated_at = ?3 WHERE id = ?1");
  q.bind_all(r.id, name_of(r.state), r.updated_at).run();
  insert_transition(conn, r.id, r.history.size() - 1, r.history.back());
}

std::optional<referral> find_referral(connection& conn, const std::string& id) {
  sql::statement q(conn, fmt::format("SELECT {} FROM referral WHERE id = ?1", referral_columns));
  q.bind_all(id);
  if (!q.step()) return std::nullopt;
  referral r = referral_from(q);
  r.history = history_of(conn, r.id);
  return r;
}

page<referral> list_referrals(connection& conn, const std::optional<std::string>& team_id,
                              const std::optional<std::string>& agency_id,
                              const referral_query& q) {
  constexpr const char* where =
      " WHERE (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR agency_id = ?2)"
      " AND (?3 IS NULL OR state = ?3)";
  std::optional<std::string> state;
  if (q.state) state = std::string(name_of(*q.state));
  page<referral> out{{}, 0, q.paging};
  sql::statement count(conn, fmt::format("SELECT COUNT(*) FROM referral{}", where));
  count.bind_all(team_id, agency_id, state).step();
  out.total_items = count.int64(0);
  sql::statement rows(conn, fmt::format("SELECT {} FROM referral{} ORDER BY sent_at DESC, id"
                                        " LIMIT ?4 OFFSET ?5",
                                        referral_columns, where));
  rows.bind_all(team_id, agency_id, state, q.paging.per_page, q.paging.offset());
  while (rows.step()) out.items.push_back(referral_from(rows));
  for (referral& r : out.items) r.history = history_of(conn, r.id);
  return out;
}

std::vector<std::string> sent_before(connection& conn, const std::string& cutoff) {
  sql::statement q(
      conn, "SELECT id FROM referral WHERE state = 'sent' AND sent_at <= ?1 ORDER BY sent_at");
  q.bind_all(cutoff);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

bool take_place(connection& conn, const std::string& opportunity_id) {
  sql::statement q(conn,
                   "UPDATE opportunity SET places_available = places_available - 1"
                   " WHERE id = ?1 AND places_available > 0");
  q.bind_all(opportunity_id).run();
  return sql::changes(conn) == 1;
}

}  // namespace pathways::store
