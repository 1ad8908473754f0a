// SQL for agencies and teams.
#include "agency_rows.hpp"

#include "child_rows.hpp"

namespace pathways::store {
namespace {

constexpr const char* agency_columns =
    "id, name, kind, contact_name, contact_email, contact_phone, website, created_at, updated_at";

agency agency_from(const sql::statement& q) {
  return agency{q.text(0), q.text(1), stored_name<agency_kind>(q.text(2)),
                q.text(3), q.text(4), q.text(5),
                q.text(6), q.text(7), q.text(8)};
}

team team_from(const sql::statement& q) {
  return team{q.text(0), q.text(1), q.text(2), q.text(3)};
}

std::int64_t count(connection& conn, const std::string& sql_text,
                   const std::optional<std::string>& arg) {
  sql::statement q(conn, sql_text);
  if (arg) q.bind(1, *arg);
  q.step();
  return q.int64(0);
}

}  // namespace

void insert_agency(connection& conn, const agency& a) {
  sql::statement q(conn, fmt::format("INSERT INTO agency({}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                                     agency_columns));
  q.bind_all(a.id, a.name, name_of(a.kind), a.contact_name, a.contact_email, a.contact_phone,
             a.website, a.created_at, a.updated_at)
      .run();
}

void update_agency(connection& conn, const agency& a) {
  sql::statement q(conn,
                   "UPDATE agency SET name=?2, kind=?3, contact_name=?4, contact_email=?5,"
                   " contact_phone=?6, website=?7, updated_at=?8 WHERE id=?1");
  q.bind_all(a.id, a.name, name_of(a.kind), a.contact_name, a.contact_email, a.contact_phone,
             a.website, a.updated_at)
      .run();
}

std::optional<agency> find_agency(connection& conn, const std::string& id) {
  sql::statement q(conn, fmt::format("SELECT {} FROM agency WHERE id = ?1", agency_columns));
  q.bind_all(id);
  if (!q.step()) return std::nullopt;
  return agency_from(q);
}

page<agency> list_agencies(connection& conn, std::optional<agency_kind> kind,
                           const page_request& p) {
  page<agency> out{{}, 0, p};
  const std::optional<std::string> kind_name =
      kind ? std::optional<std::string>(std::string(name_of(*kind))) : std::nullopt;
  const std::string where = kind ? " WHERE kind = ?1" : "";
  out.total_items = count(conn, "SELECT COUNT(*) FROM agency" + where, kind_name);
  sql::statement q(conn, fmt::format("SELECT {} FROM agency{} ORDER BY name, id LIMIT ?2 OFFSET ?3",
                                     agency_columns, where));
  if (kind_name) q.bind(1, *kind_name);
  q.bind(2, p.per_page).bind(3, p.offset());
  while (q.step()) out.items.push_back(agency_from(q));
  return out;
}

void insert_team(connection& conn, const team& t) {
  sql::statement q(conn, "INSERT INTO team(id, name, borough, created_at) VALUES (?1,?2,?3,?4)");
  q.bind_all(t.id, t.name, t.borough, t.created_at).run();
}

void update_team(connection& conn, const team& t) {
  sql::statement q(conn, "UPDATE team SET name=?2, borough=?3 WHERE id=?1");
  q.bind_all(t.id, t.name, t.borough).run();
}

std::optional<team> find_team(connection& conn, const std::string& id) {
  sql::statement q(conn, "SELECT id, name, borough, created_at FROM team WHERE id = ?1");
  q.bind_all(id);
  if (!q.step()) return std::nullopt;
  return team_from(q);
}

page<team> list_teams(connection& conn, const page_request& p) {
  page<team> out{{}, count(conn, "SELECT COUNT(*) FROM team", std::nullopt), p};
  sql::statement q(conn,
                   "SELECT id, name, borough, created_at FROM team ORDER BY name, id"
                   " LIMIT ?1 OFFSET ?2");
  q.bind_all(p.per_page, p.offset());
  while (q.step()) out.items.push_back(team_from(q));
  return out;
}

}  // namespace pathways::store
