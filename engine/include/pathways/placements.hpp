// IPS (Individual Placement and Support) records kept by employment specialists: enrolment into
// employment support, job development contacts with employers, job starts and ends, and
// follow-along support; with the measures IPS fidelity asks for derived from them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/principal.hpp"
#include "pathways/referral_vocabulary.hpp"

namespace pathways {

struct ips_enrolment {
  std::string id;
  std::string person_id;
  std::string specialist_key;
  std::string enrolled_on;  // YYYY-MM-DD
  std::optional<std::string> left_on;
};

struct employer_contact {
  std::string id;
  std::string person_id;
  std::string specialist_key;
  std::string contact_on;
  std::string employer;
  employer_contact_kind kind = employer_contact_kind::introduction;
  bool face_to_face = false;
};

struct ips_job {
  std::string id;
  std::string person_id;
  std::string employer;
  std::string job_title;
  std::string start_date;
  double hours_per_week = 0;
  double hourly_wage = 0;
  bool competitive = true;  // open-market, at least minimum wage, not reserved for disabled people
  pathways::disclosure disclosure = disclosure::not_disclosed;
  std::optional<std::string> end_date;
  std::optional<job_end_reason> end_reason;
};

struct support_contact {
  std::string id;
  std::string person_id;
  std::optional<std::string> job_id;
  std::string specialist_key;
  std::string contact_on;
};

// A job's tenure and retention as of a date; retention is unknown until the weeks have passed.
struct job_outcome {
  std::string job_id;
  int tenure_days = 0;
  std::optional<bool> retained_13_weeks;
  std::optional<bool> retained_26_weeks;
  std::optional<bool> retained_52_weeks;
};

struct ips_record {
  std::optional<ips_enrolment> enrolment;
  std::vector<employer_contact> employer_contacts;
  std::vector<ips_job> jobs;
  std::vector<support_contact> support_contacts;
  // Derived: IPS expects the first face-to-face employer contact within 30 days of enrolment.
  std::optional<int> days_to_first_face_to_face_contact;
  std::vector<job_outcome> job_outcomes;
};

// The derived measures of one person's record, as of `today` (YYYY-MM-DD).
void derive_measures(ips_record& r, const std::string& today);
job_outcome outcome_of(const ips_job& job, const std::string& today);

// Thread safety: every call runs in its own transaction; safe concurrently.
class placement_service {
 public:
  explicit placement_service(database& db) : db_(db) {}
  ips_enrolment enrol(const principal& caller, const std::string& person_id, ips_enrolment e);
  employer_contact add_employer_contact(const principal& caller, const std::string& person_id,
                                        employer_contact c);
  ips_job start_job(const principal& caller, const std::string& person_id, ips_job j);
  ips_job end_job(const principal& caller, const std::string& person_id, const std::string& job_id,
                  const std::string& end_date, job_end_reason reason);
  support_contact add_support_contact(const principal& caller, const std::string& person_id,
                                      support_contact c);
  ips_record record(const principal& caller, const std::string& person_id);

 private:
  template <class Change>
  auto write(const principal& caller, const std::string& person_id, const char* action,
             Change change);

  database& db_;
};

}  // namespace pathways
