// IPS enrolments, employer contacts, jobs, support contacts and derived measures as JSON.
#include "json_placements.hpp"

#include "json_fields.hpp"
#include "json_mapping.hpp"

namespace pathways::api {
namespace {

json outcome_json(const job_outcome& o) {
  return {{"job_id", o.job_id},
          {"tenure_days", o.tenure_days},
          {"retained_13_weeks", or_null(o.retained_13_weeks)},
          {"retained_26_weeks", or_null(o.retained_26_weeks)},
          {"retained_52_weeks", or_null(o.retained_52_weeks)}};
}

template <class T>
json list_json(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

json to_json(const ips_enrolment& e) {
  return {{"id", e.id},
          {"person_id", e.person_id},
          {"specialist_key", e.specialist_key},
          {"enrolled_on", e.enrolled_on},
          {"left_on", or_null(e.left_on)}};
}

json to_json(const employer_contact& c) {
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"specialist_key", c.specialist_key},
          {"contact_on", c.contact_on},
          {"employer", c.employer},
          {"kind", name_of(c.kind)},
          {"face_to_face", c.face_to_face}};
}

json to_json(const ips_job& j) {
  return {{"id", j.id},
          {"person_id", j.person_id},
          {"employer", j.employer},
          {"job_title", j.job_title},
          {"start_date", j.start_date},
          {"hours_per_week", j.hours_per_week},
          {"hourly_wage", j.hourly_wage},
          {"competitive", j.competitive},
          {"disclosure", name_of(j.disclosure)},
          {"end_date", or_null(j.end_date)},
          {"end_reason", name_or_null(j.end_reason)}};
}

json to_json(const support_contact& c) {
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"job_id", or_null(c.job_id)},
          {"specialist_key", c.specialist_key},
          {"contact_on", c.contact_on}};
}

json to_json(const ips_record& r) {
  const auto& days = r.days_to_first_face_to_face_contact;
  json outcomes = json::array();
  for (const auto& o : r.job_outcomes) outcomes.push_back(outcome_json(o));
  return {{"enrolment", r.enrolment ? to_json(*r.enrolment) : json(nullptr)},
          {"employer_contacts", list_json(r.employer_contacts)},
          {"jobs", list_json(r.jobs)},
          {"support_contacts", list_json(r.support_contacts)},
          {"measures",
           {{"days_to_first_face_to_face_employer_contact", or_null(days)},
            {"first_face_to_face_contact_within_30_days", days ? json(*days <= 30) : json(nullptr)},
            {"jobs", outcomes}}}};
}

ips_enrolment enrolment_from_json(const json& body) {
  json_object obj(body, "");
  ips_enrolment e;
  e.enrolled_on = obj.text("enrolled_on");
  obj.finish();
  return e;
}

employer_contact employer_contact_from_json(const json& body) {
  json_object obj(body, "");
  employer_contact c;
  c.contact_on = obj.text("contact_on");
  c.employer = obj.text("employer");
  c.kind = obj.name<employer_contact_kind>("kind");
  c.face_to_face = obj.boolean_or("face_to_face", false);
  obj.finish();
  return c;
}

ips_job job_from_json(const json& body) {
  json_object obj(body, "");
  ips_job j;
  j.employer = obj.text("employer");
  j.job_title = obj.text("job_title");
  j.start_date = obj.text("start_date");
  j.hours_per_week = obj.number("hours_per_week");
  j.hourly_wage = obj.number("hourly_wage");
  j.competitive = obj.boolean_or("competitive", true);
  j.disclosure = obj.name_or<disclosure>("disclosure", disclosure::not_disclosed);
  obj.finish();
  return j;
}

support_contact support_contact_from_json(const json& body) {
  json_object obj(body, "");
  support_contact c;
  c.contact_on = obj.text("contact_on");
  c.job_id = obj.optional_text("job_id");
  obj.finish();
  return c;
}

}  // namespace pathways::api
