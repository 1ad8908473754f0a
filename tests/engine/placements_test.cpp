// IPS measures from a person's record: days to the first face-to-face employer contact, job
// tenure, and retention at 13, 26 and 52 weeks (unknown until the weeks have passed).
#include <gtest/gtest.h>

#include "pathways/placements.hpp"

namespace pathways::testing {
namespace {

ips_job job(const std::string& start, std::optional<std::string> end = std::nullopt) {
  ips_job j;
  j.id = "j";
  j.start_date = start;
  j.end_date = std::move(end);
  return j;
}

TEST(ips_measures, days_to_the_first_face_to_face_contact_ignore_calls_and_earlier_contacts) {
  ips_record r;
  r.enrolment = ips_enrolment{"e", "p", "k", "2026-03-01", std::nullopt};
  r.employer_contacts = {
      {"c0", "p", "k", "2026-02-20", "Before", employer_contact_kind::introduction, true},
      {"c1", "p", "k", "2026-03-05", "Phone only", employer_contact_kind::introduction, false},
      {"c2", "p", "k", "2026-03-19", "Bakery", employer_contact_kind::vacancy_discussion, true}};
  derive_measures(r, "2026-06-01");
  EXPECT_EQ(r.days_to_first_face_to_face_contact, 18);
}

TEST(ips_measures, no_enrolment_or_no_face_to_face_contact_leaves_the_measure_unknown) {
  ips_record r;
  r.employer_contacts = {
      {"c", "p", "k", "2026-03-19", "Bakery", employer_contact_kind::introduction, true}};
  derive_measures(r, "2026-06-01");
  EXPECT_FALSE(r.days_to_first_face_to_face_contact);
}

TEST(ips_measures, tenure_and_retention_of_a_job_still_held) {
  const job_outcome o = outcome_of(job("2026-01-01"), "2026-07-02");  // 182 days = 26 weeks
  EXPECT_EQ(o.tenure_days, 182);
  EXPECT_EQ(o.retained_13_weeks, true);
  EXPECT_EQ(o.retained_26_weeks, true);
  EXPECT_FALSE(o.retained_52_weeks.has_value());
}

TEST(ips_measures, a_job_that_ended_early_is_not_retained) {
  const job_outcome o = outcome_of(job("2026-01-01", "2026-03-01"), "2027-06-01");  // 59 days
  EXPECT_EQ(o.tenure_days, 59);
  EXPECT_EQ(o.retained_13_weeks, false);
  EXPECT_EQ(o.retained_26_weeks, false);
  EXPECT_EQ(o.retained_52_weeks, false);
}

}  // namespace
}  // namespace pathways::testing
