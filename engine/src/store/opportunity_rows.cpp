// SQL for opportunities, including the filtered, paged, optionally nearest-first list.
#include "opportunity_rows.hpp"

#include <cmath>
#include <numbers>
#include <variant>

#include "child_rows.hpp"

namespace pathways::store {
namespace {

constexpr const char* opportunity_columns =
    "id, agency_id, external_ref, domain, title, description, lat, lon, address, remote,"
    " hours_per_week, pay_amount, pay_unit, places_total, places_available, min_age, max_age,"
    " start_date, end_date, closing_date, status, source, last_updated, assured_date, created_at";

// Binds nothing that dies before the statement runs: the writer's statements borrow text.
void bind_row(sql::statement& q, const opportunity& o) {
  q.bind_all(
      o.id, o.agency_id, o.external_ref, name_of(o.area), o.title, o.description,
      o.location ? std::optional<double>(o.location->lat) : std::nullopt,
      o.location ? std::optional<double>(o.location->lon) : std::nullopt, o.address, o.remote,
      o.hours_per_week, o.wage ? std::optional<double>(o.wage->amount) : std::nullopt,
      o.wage ? std::optional<std::string_view>(name_of(o.wage->unit)) : std::nullopt,
      o.places_total, o.places_available, o.min_age, o.max_age, o.start_date, o.end_date,
      o.closing_date, name_of(o.status), o.source, o.last_updated, o.assured_date, o.created_at);
}

opportunity opportunity_from(connection& conn, const sql::statement& q) {
  opportunity o;
  o.id = q.text(0);
  o.agency_id = q.text(1);
  o.external_ref = q.text(2);
  o.area = stored_name<domain>(q.text(3));
  o.title = q.text(4);
  o.description = q.text(5);
  if (!q.is_null(6) && !q.is_null(7)) o.location = geo_point{q.real(6), q.real(7)};
  o.address = q.text(8);
  o.remote = q.integer(9) != 0;
  o.hours_per_week = q.optional_real(10);
  if (!q.is_null(11) && !q.is_null(12)) o.wage = pay{q.real(11), stored_name<pay_unit>(q.text(12))};
  o.places_total = q.integer(13);
  o.places_available = q.integer(14);
  o.min_age = q.optional_int(15);
  o.max_age = q.optional_int(16);
  o.start_date = q.optional_text(17);
  o.end_date = q.optional_text(18);
  o.closing_date = q.optional_text(19);
  o.status = stored_name<opportunity_status>(q.text(20));
  o.source = q.text(21);
  o.last_updated = q.text(22);
  o.assured_date = q.optional_text(23);
  o.created_at = q.text(24);
  sql::statement s(conn,
                   "SELECT term, weight FROM opportunity_strength WHERE opportunity_id = ?1"
                   " ORDER BY weight DESC, term");
  s.bind_all(o.id);
  while (s.step()) o.strengths.push_back({s.text(0), s.real(1)});
  o.adjustments = read_adjustments(conn, "opportunity_adjustment", "opportunity_id", o.id);
  o.schedule = read_slots(conn, "opportunity_schedule", "opportunity_id", o.id);
  return o;
}

// A WHERE clause built from the query's filters, with its values bound in order.
struct filter_clause {
  std::string sql;
  std::vector<std::variant<std::string, double>> values;
  std::string near_lat, near_lon;  // parameters holding the centre, when filtering near a place

  void add(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
  std::string next() const { return "?" + std::to_string(values.size() + 1); }
  void bind(sql::statement& q) const {
    for (std::size_t i = 0; i < values.size(); ++i)
      std::visit([&](const auto& v) { q.bind(static_cast<int>(i + 1), v); }, values[i]);
  }
};

std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

filter_clause where_of(const opportunity_query& q) {
  filter_clause f;
  if (q.area) {
    f.add("domain = " + f.next());
    f.values.emplace_back(std::string(name_of(*q.area)));
  }
  if (q.agency_id) {
    f.add("agency_id = " + f.next());
    f.values.emplace_back(*q.agency_id);
  }
  if (q.status) {
    f.add("status = " + f.next());
    f.values.emplace_back(std::string(name_of(*q.status)));
  }
  if (q.text) {
    const std::string p = f.next();
    f.add("(title LIKE " + p + " ESCAPE '\\' OR description LIKE " + p + " ESCAPE '\\')");
    f.values.emplace_back(like_pattern(*q.text));
  }
  if (q.near) {
    // A bounding box the index can use, then the exact great-circle distance.
    const auto& n = *q.near;
    const double dlat = n.radius_km / 111.0;
    const double coslat = std::max(0.01, std::cos(n.centre.lat * std::numbers::pi / 180.0));
    const double dlon = std::min(180.0, n.radius_km / (111.0 * coslat));
    const std::string lat = f.next();
    f.values.emplace_back(n.centre.lat);
    const std::string lon = f.next();
    f.values.emplace_back(n.centre.lon);
    const std::string radius = f.next();
    f.values.emplace_back(n.radius_km);
    const std::string box = fmt::format(
        "(lat BETWEEN {0} - {3} AND {0} + {3} AND lon BETWEEN {1} - {4} AND {1} + {4}"
        " AND distance_km({0}, {1}, lat, lon) <= {2})",
        lat, lon, radius, dlat, dlon);
    f.add(n.include_remote ? "(" + box + " OR remote = 1)" : box);
    f.near_lat = lat;
    f.near_lon = lon;
  }
  return f;
}

}  // namespace

opportunity_writer::opportunity_writer(connection& conn)
    : insert_(conn,
              fmt::format(
                  "INSERT INTO opportunity({}, feed_digest) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,"
                  "?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26)",
                  opportunity_columns)),
      update_(conn,
              "UPDATE opportunity SET agency_id=?2, external_ref=?3, domain=?4, title=?5,"
              " description=?6, lat=?7, lon=?8, address=?9, remote=?10, hours_per_week=?11,"
              " pay_amount=?12, pay_unit=?13, places_total=?14, places_available=?15,"
              " min_age=?16, max_age=?17, start_date=?18, end_date=?19, closing_date=?20,"
              " status=?21, source=?22, last_updated=?23, assured_date=?24, created_at=?25,"
              " feed_digest=?26 WHERE id=?1"),
      clear_strengths_(conn, "DELETE FROM opportunity_strength WHERE opportunity_id = ?1"),
      clear_adjustments_(conn, "DELETE FROM opportunity_adjustment WHERE opportunity_id = ?1"),
      clear_schedule_(conn, "DELETE FROM opportunity_schedule WHERE opportunity_id = ?1"),
      add_strength_(
          conn, "INSERT INTO opportunity_strength(opportunity_id, term, weight) VALUES (?1,?2,?3)"),
      add_adjustment_(
          conn, "INSERT INTO opportunity_adjustment(opportunity_id, adjustment) VALUES (?1,?2)"),
      add_slot_(conn,
                "INSERT INTO opportunity_schedule(opportunity_id, position, day, start_minute, "
                "end_minute)"
                " VALUES (?1,?2,?3,?4,?5)") {
  // Each opening's text is bound, run and reset before the caller lets go of it: no copies.
  insert_.borrow_text();
  update_.borrow_text();
}

void opportunity_writer::insert(const opportunity& o, const std::string* feed_digest) {
  bind_row(insert_, o);
  feed_digest ? insert_.bind(26, *feed_digest) : insert_.bind(26, nullptr);
  insert_.run();
  insert_.reset();
  write_children(o);
}

void opportunity_writer::update(const opportunity& o, const std::string* feed_digest) {
  bind_row(update_, o);
  feed_digest ? update_.bind(26, *feed_digest) : update_.bind(26, nullptr);
  update_.run();
  update_.reset();
  for (sql::statement* clear : {&clear_strengths_, &clear_adjustments_, &clear_schedule_}) {
    clear->bind_all(o.id).run();
    clear->reset();
  }
  write_children(o);
}

void opportunity_writer::write_children(const opportunity& o) {
  for (const auto& s : o.strengths) {
    add_strength_.bind_all(o.id, s.term, s.weight).run();
    add_strength_.reset();
  }
  for (adjustment a : o.adjustments) {
    add_adjustment_.bind_all(o.id, name_of(a)).run();
    add_adjustment_.reset();
  }
  for (std::size_t i = 0; i < o.schedule.size(); ++i) {
    const time_slot& slot = o.schedule[i];
    add_slot_
        .bind_all(o.id, static_cast<int>(i), name_of(slot.day), slot.start_minute, slot.end_minute)
        .run();
    add_slot_.reset();
  }
}

void insert_opportunity(connection& conn, const opportunity& o) {
  opportunity_writer(conn).insert(o);
}

void update_opportunity(connection& conn, const opportunity& o) {
  opportunity_writer(conn).update(o);
}

std::optional<opportunity> find_opportunity(connection& conn, const std::string& id) {
  sql::statement q(conn,
                   fmt::format("SELECT {} FROM opportunity WHERE id = ?1", opportunity_columns));
  q.bind_all(id);
  if (!q.step()) return std::nullopt;
  return opportunity_from(conn, q);
}

page<opportunity> list_opportunities(connection& conn, const opportunity_query& query) {
  const filter_clause f = where_of(query);
  page<opportunity> out{{}, 0, query.paging};
  sql::statement n(conn, "SELECT COUNT(*) FROM opportunity" + f.sql);
  f.bind(n);
  n.step();
  out.total_items = n.int64(0);

  std::string order = " ORDER BY last_updated DESC, id";
  if (query.near)
    order = fmt::format(
        " ORDER BY distance_km({0}, {1}, lat, lon) IS NULL,"
        " distance_km({0}, {1}, lat, lon), id",
        f.near_lat, f.near_lon);
  const std::string limit =
      fmt::format(" LIMIT {} OFFSET {}", query.paging.per_page, query.paging.offset());
  sql::statement q(conn, fmt::format("SELECT {} FROM opportunity{}{}{}", opportunity_columns, f.sql,
                                     order, limit));
  f.bind(q);
  while (q.step()) out.items.push_back(opportunity_from(conn, q));
  return out;
}

}  // namespace pathways::store
