// SQL for people: one row in person, the rest in child tables rewritten as a whole.
#include "person_rows.hpp"

#include "child_rows.hpp"

namespace pathways::store {
namespace {

constexpr const char* person_columns =
    "id, team_id, display_name, email, phone, year_of_birth, home_lat, home_lon, max_travel_km,"
    " hours_min, hours_max, created_at, updated_at";

void write_children(connection& conn, const person& p) {
  sql::statement clear(conn, "DELETE FROM person_strength WHERE person_id = ?1");
  clear.bind_all(p.id).run();
  sql::statement strength(conn,
                          "INSERT INTO person_strength(person_id, position, term, own_words,"
                          " level) VALUES (?1,?2,?3,?4,?5)");
  for (std::size_t i = 0; i < p.strengths.size(); ++i) {
    const auto& s = p.strengths[i];
    strength.bind_all(p.id, static_cast<int>(i), s.term, s.own_words, s.level).run();
    strength.reset();
  }
  sql::statement clear_interests(conn, "DELETE FROM person_interest WHERE person_id = ?1");
  clear_interests.bind_all(p.id).run();
  sql::statement interest(conn,
                          "INSERT INTO person_interest(person_id, position, term, own_words)"
                          " VALUES (?1,?2,?3,?4)");
  for (std::size_t i = 0; i < p.interests.size(); ++i) {
    interest.bind_all(p.id, static_cast<int>(i), p.interests[i].term, p.interests[i].own_words)
        .run();
    interest.reset();
  }
  sql::statement clear_goals(conn, "DELETE FROM person_goal WHERE person_id = ?1");
  clear_goals.bind_all(p.id).run();
  sql::statement goal_row(conn,
                          "INSERT INTO person_goal(id, person_id, position, domain, own_words,"
                          " priority, status) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  for (std::size_t i = 0; i < p.goals.size(); ++i) {
    const auto& g = p.goals[i];
    goal_row
        .bind_all(g.id, p.id, static_cast<int>(i), name_of(g.area), g.own_words, g.priority,
                  name_of(g.status))
        .run();
    goal_row.reset();
  }
  write_adjustments(conn, "person_adjustment", "person_id", p.id, p.adjustments);
  write_slots(conn, "person_availability", "person_id", p.id, p.prefs.available);
}

void bind_row(sql::statement& q, const person& p) {
  q.bind_all(p.id, p.team_id, p.display_name, p.email, p.phone, p.year_of_birth,
             p.home ? std::optional<double>(p.home->lat) : std::nullopt,
             p.home ? std::optional<double>(p.home->lon) : std::nullopt, p.prefs.max_travel_km,
             p.prefs.hours_min, p.prefs.hours_max, p.created_at, p.updated_at);
}

person person_from(connection& conn, const sql::statement& q) {
  person p;
  p.id = q.text(0);
  p.team_id = q.text(1);
  p.display_name = q.text(2);
  p.email = q.text(3);
  p.phone = q.text(4);
  p.year_of_birth = q.optional_int(5);
  if (!q.is_null(6) && !q.is_null(7)) p.home = geo_point{q.real(6), q.real(7)};
  p.prefs.max_travel_km = q.optional_real(8);
  p.prefs.hours_min = q.optional_real(9);
  p.prefs.hours_max = q.optional_real(10);
  p.created_at = q.text(11);
  p.updated_at = q.text(12);

  sql::statement s(conn,
                   "SELECT term, own_words, level FROM person_strength WHERE person_id = ?1"
                   " ORDER BY position");
  s.bind_all(p.id);
  while (s.step()) p.strengths.push_back({s.text(0), s.text(1), s.integer(2)});
  sql::statement in(conn,
                    "SELECT term, own_words FROM person_interest WHERE person_id = ?1"
                    " ORDER BY position");
  in.bind_all(p.id);
  while (in.step()) p.interests.push_back({in.optional_text(0), in.text(1)});
  sql::statement g(conn,
                   "SELECT id, domain, own_words, priority, status FROM person_goal"
                   " WHERE person_id = ?1 ORDER BY position");
  g.bind_all(p.id);
  while (g.step())
    p.goals.push_back({g.text(0), stored_name<domain>(g.text(1)), g.text(2), g.integer(3),
                       stored_name<goal_status>(g.text(4))});
  p.adjustments = read_adjustments(conn, "person_adjustment", "person_id", p.id);
  p.prefs.available = read_slots(conn, "person_availability", "person_id", p.id);
  return p;
}

}  // namespace

void insert_person(connection& conn, const person& p) {
  sql::statement q(conn, fmt::format("INSERT INTO person({}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
                                     "?10,?11,?12,?13)",
                                     person_columns));
  bind_row(q, p);
  q.run();
  write_children(conn, p);
}

void update_person(connection& conn, const person& p) {
  sql::statement q(conn,
                   "UPDATE person SET team_id=?2, display_name=?3, email=?4, phone=?5,"
                   " year_of_birth=?6, home_lat=?7, home_lon=?8, max_travel_km=?9, hours_min=?10,"
                   " hours_max=?11, created_at=?12, updated_at=?13 WHERE id=?1");
  bind_row(q, p);
  q.run();
  write_children(conn, p);
}

std::optional<person> find_person(connection& conn, const std::string& id) {
  sql::statement q(conn, fmt::format("SELECT {} FROM person WHERE id = ?1", person_columns));
  q.bind_all(id);
  if (!q.step()) return std::nullopt;
  return person_from(conn, q);
}

page<person> list_people(connection& conn, const std::optional<std::string>& team_id,
                         const page_request& p) {
  page<person> out{{}, 0, p};
  const std::string where = team_id ? " WHERE team_id = ?1" : "";
  sql::statement n(conn, "SELECT COUNT(*) FROM person" + where);
  if (team_id) n.bind(1, *team_id);
  n.step();
  out.total_items = n.int64(0);
  sql::statement q(conn, fmt::format("SELECT {} FROM person{} ORDER BY created_at, id"
                                     " LIMIT ?2 OFFSET ?3",
                                     person_columns, where));
  if (team_id) q.bind(1, *team_id);
  q.bind(2, p.per_page).bind(3, p.offset());
  while (q.step()) out.items.push_back(person_from(conn, q));
  return out;
}

}  // namespace pathways::store
