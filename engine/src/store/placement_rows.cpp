// IPS rows: one table per kind of record, each keyed by the person.
#include "placement_rows.hpp"

#include "child_rows.hpp"

namespace pathways::store {

void insert_enrolment(connection& conn, const ips_enrolment& e) {
  sql::statement q(conn,
                   "INSERT INTO ips_enrolment(id, person_id, specialist_key, enrolled_on, left_on)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind_all(e.id, e.person_id, e.specialist_key, e.enrolled_on, e.left_on).run();
}

std::optional<ips_enrolment> enrolment_of(connection& conn, const std::string& person_id) {
  sql::statement q(conn,
                   "SELECT id, person_id, specialist_key, enrolled_on, left_on FROM ips_enrolment"
                   " WHERE person_id = ?1 ORDER BY enrolled_on DESC LIMIT 1");
  q.bind_all(person_id);
  if (!q.step()) return std::nullopt;
  return ips_enrolment{q.text(0), q.text(1), q.text(2), q.text(3), q.optional_text(4)};
}

void insert_employer_contact(connection& conn, const employer_contact& c) {
  sql::statement q(
      conn,
      "INSERT INTO ips_employer_contact(id, person_id, specialist_key, contact_on, employer,"
      " kind, face_to_face) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  q.bind_all(c.id, c.person_id, c.specialist_key, c.contact_on, c.employer, name_of(c.kind),
             c.face_to_face)
      .run();
}

std::vector<employer_contact> employer_contacts_of(connection& conn, const std::string& person_id) {
  sql::statement q(conn,
                   "SELECT id, person_id, specialist_key, contact_on, employer, kind, face_to_face"
                   " FROM ips_employer_contact WHERE person_id = ?1 ORDER BY contact_on, id");
  q.bind_all(person_id);
  std::vector<employer_contact> out;
  while (q.step())
    out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4),
                   stored_name<employer_contact_kind>(q.text(5)), q.integer(6) != 0});
  return out;
}

void insert_job(connection& conn, const ips_job& j) {
  sql::statement q(
      conn,
      "INSERT INTO ips_job(id, person_id, employer, job_title, start_date, hours_per_week,"
      " hourly_wage, competitive, disclosure) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  q.bind_all(j.id, j.person_id, j.employer, j.job_title, j.start_date, j.hours_per_week,
             j.hourly_wage, j.competitive, name_of(j.disclosure))
      .run();
}

void end_job(connection& conn, const ips_job& j) {
  std::optional<std::string> reason;
  if (j.end_reason) reason = std::string(name_of(*j.end_reason));
  sql::statement q(conn, "UPDATE ips_job SET end_date = ?2, end_reason = ?3 WHERE id = ?1");
  q.bind_all(j.id, j.end_date, reason).run();
}

std::vector<ips_job> jobs_of(connection& conn, const std::string& person_id) {
  sql::statement q(
      conn,
      "SELECT id, person_id, employer, job_title, start_date, hours_per_week, hourly_wage,"
      " competitive, disclosure, end_date, end_reason FROM ips_job WHERE person_id = ?1"
      " ORDER BY start_date, id");
  q.bind_all(person_id);
  std::vector<ips_job> out;
  while (q.step()) {
    ips_job j{q.text(0),          q.text(1),         q.text(2),
              q.text(3),          q.text(4),         q.real(5),
              q.real(6),          q.integer(7) != 0, stored_name<disclosure>(q.text(8)),
              q.optional_text(9), std::nullopt};
    if (auto reason = q.optional_text(10)) j.end_reason = stored_name<job_end_reason>(*reason);
    out.push_back(std::move(j));
  }
  return out;
}

void insert_support_contact(connection& conn, const support_contact& c) {
  sql::statement q(
      conn,
      "INSERT INTO ips_support_contact(id, person_id, job_id, specialist_key, contact_on)"
      " VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind_all(c.id, c.person_id, c.job_id, c.specialist_key, c.contact_on).run();
}

std::vector<support_contact> support_contacts_of(connection& conn, const std::string& person_id) {
  sql::statement q(
      conn,
      "SELECT id, person_id, job_id, specialist_key, contact_on FROM ips_support_contact"
      " WHERE person_id = ?1 ORDER BY contact_on, id");
  q.bind_all(person_id);
  std::vector<support_contact> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.optional_text(2), q.text(3), q.text(4)});
  return out;
}

}  // namespace pathways::store
