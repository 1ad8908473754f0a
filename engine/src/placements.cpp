// IPS records: employment specialists write them for their team's people; the team reads them
// with the derived fidelity measures. Every access is audited.
#include "pathways/placements.hpp"

#include <algorithm>

#include "day_count.hpp"
#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "person_access.hpp"
#include "store/placement_rows.hpp"

namespace pathways {
namespace {

constexpr auto writers = {role::admin, role::employment_specialist};

void check_date(const std::string& value, const char* field) {
  if (!is_iso_date(value))
    throw error(error_code::invalid_argument, "must be a date written YYYY-MM-DD", field);
}

void check_named(const std::string& value, const char* field) {
  if (value.empty()) throw error(error_code::invalid_argument, "is required", field);
}

// Known once the weeks have passed in the job, or once it ended short of them.
std::optional<bool> retained(const ips_job& job, const std::string& today, int weeks) {
  const int lasted = days_between(job.start_date, job.end_date.value_or(today));
  if (lasted >= weeks * 7) return true;
  if (job.end_date) return false;
  return std::nullopt;
}

}  // namespace

job_outcome outcome_of(const ips_job& job, const std::string& today) {
  job_outcome o;
  o.job_id = job.id;
  o.tenure_days = std::max(0, days_between(job.start_date, job.end_date.value_or(today)));
  o.retained_13_weeks = retained(job, today, 13);
  o.retained_26_weeks = retained(job, today, 26);
  o.retained_52_weeks = retained(job, today, 52);
  return o;
}

void derive_measures(ips_record& r, const std::string& today) {
  r.days_to_first_face_to_face_contact.reset();
  if (r.enrolment) {
    for (const auto& c : r.employer_contacts) {
      if (!c.face_to_face || c.contact_on < r.enrolment->enrolled_on) continue;
      r.days_to_first_face_to_face_contact = days_between(r.enrolment->enrolled_on, c.contact_on);
      break;  // contacts come oldest first
    }
  }
  r.job_outcomes.clear();
  for (const auto& j : r.jobs) r.job_outcomes.push_back(outcome_of(j, today));
}

// One IPS write: the person's gate (audited) and the change, in one transaction.
template <class Change>
auto placement_service::write(const principal& caller, const std::string& person_id,
                              const char* action, Change change) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  audited_person(*conn, tx, caller, person_id, action, "employment_support", writers);
  auto written = change(*conn);
  tx.commit();
  return written;
}

// A new record's own id, its person and the specialist who recorded it.
template <class Record>
Record stamped(Record r, const principal& caller, const std::string& person_id) {
  r.id = new_id();
  r.person_id = person_id;
  r.specialist_key = caller.key_id;
  return r;
}

ips_enrolment placement_service::enrol(const principal& caller, const std::string& person_id,
                                       ips_enrolment e) {
  check_date(e.enrolled_on, "enrolled_on");
  e.left_on.reset();
  return write(caller, person_id, "ips.enrol", [&](connection& conn) {
    if (auto current = store::enrolment_of(conn, person_id); current && !current->left_on)
      throw error(error_code::conflict, "the person is already enrolled in employment support");
    e = stamped(e, caller, person_id);
    store::insert_enrolment(conn, e);
    return e;
  });
}

employer_contact placement_service::add_employer_contact(const principal& caller,
                                                         const std::string& person_id,
                                                         employer_contact c) {
  check_date(c.contact_on, "contact_on");
  check_named(c.employer, "employer");
  return write(caller, person_id, "ips.employer_contact", [&](connection& conn) {
    c = stamped(c, caller, person_id);
    store::insert_employer_contact(conn, c);
    return c;
  });
}

ips_job placement_service::start_job(const principal& caller, const std::string& person_id,
                                     ips_job j) {
  check_date(j.start_date, "start_date");
  check_named(j.employer, "employer");
  check_named(j.job_title, "job_title");
  if (j.hours_per_week <= 0 || j.hours_per_week > 80)
    throw error(error_code::invalid_argument, "must be more than 0 and at most 80",
                "hours_per_week");
  if (j.hourly_wage < 0)
    throw error(error_code::invalid_argument, "must not be negative", "hourly_wage");
  j.end_date.reset();
  j.end_reason.reset();
  return write(caller, person_id, "ips.job_start", [&](connection& conn) {
    j.id = new_id();
    j.person_id = person_id;
    store::insert_job(conn, j);
    return j;
  });
}

ips_job placement_service::end_job(const principal& caller, const std::string& person_id,
                                   const std::string& job_id, const std::string& end_date,
                                   job_end_reason reason) {
  check_date(end_date, "end_date");
  return write(caller, person_id, "ips.job_end", [&](connection& conn) {
    const auto jobs = store::jobs_of(conn, person_id);
    const auto found =
        std::find_if(jobs.begin(), jobs.end(), [&](const ips_job& j) { return j.id == job_id; });
    if (found == jobs.end()) throw error(error_code::not_found, "no such job");
    ips_job j = *found;
    if (j.end_date) throw error(error_code::conflict, "this job has already ended");
    if (end_date < j.start_date)
      throw error(error_code::unprocessable, "end_date is before the job's start_date", "end_date");
    j.end_date = end_date;
    j.end_reason = reason;
    store::end_job(conn, j);
    return j;
  });
}

support_contact placement_service::add_support_contact(const principal& caller,
                                                       const std::string& person_id,
                                                       support_contact c) {
  check_date(c.contact_on, "contact_on");
  return write(caller, person_id, "ips.support_contact", [&](connection& conn) {
    if (c.job_id) {
      const auto jobs = store::jobs_of(conn, person_id);
      if (std::none_of(jobs.begin(), jobs.end(),
                       [&](const ips_job& j) { return j.id == *c.job_id; }))
        throw error(error_code::unprocessable, "job_id names none of this person's jobs", "job_id");
    }
    c = stamped(c, caller, person_id);
    store::insert_support_contact(conn, c);
    return c;
  });
}

ips_record placement_service::record(const principal& caller, const std::string& person_id) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);  // the read and its audit row
  audited_person(*conn, tx, caller, person_id, "ips.read", "employment_support");
  ips_record r;
  r.enrolment = store::enrolment_of(*conn, person_id);
  r.employer_contacts = store::employer_contacts_of(*conn, person_id);
  r.jobs = store::jobs_of(*conn, person_id);
  r.support_contacts = store::support_contacts_of(*conn, person_id);
  tx.commit();
  derive_measures(r, today_utc());
  return r;
}

}  // namespace pathways
