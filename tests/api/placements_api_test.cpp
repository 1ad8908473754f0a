// IPS records over HTTP: a specialist records enrolment, employer contacts, a job start, support
// and a job end; the team reads them with the derived measures; others see nothing.
#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

using placements_api = api_test;

TEST_F(placements_api, a_specialist_records_the_journey_and_the_team_reads_the_measures) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  const std::string base = "/v1/people/" + id + "/ips";
  ASSERT_EQ(post(base + "/enrolment", specialist_a_key, {{"enrolled_on", "2026-01-05"}}).status,
            201);
  EXPECT_EQ(post(base + "/enrolment", specialist_a_key, {{"enrolled_on", "2026-01-06"}}).status,
            409);
  ASSERT_EQ(post(base + "/employer_contacts", specialist_a_key,
                 {{"contact_on", "2026-01-20"},
                  {"employer", "Wensum Café"},
                  {"kind", "introduction"},
                  {"face_to_face", true}})
                .status,
            201);
  const reply job = post(base + "/jobs", specialist_a_key,
                         {{"employer", "Wensum Café"},
                          {"job_title", "Kitchen assistant"},
                          {"start_date", "2026-02-02"},
                          {"hours_per_week", 16},
                          {"hourly_wage", 12.21},
                          {"competitive", true},
                          {"disclosure", "disclosed_some"}});
  ASSERT_EQ(job.status, 201) << job.body.dump();
  const std::string job_id = job.body["id"];
  EXPECT_EQ(post(base + "/support_contacts", specialist_a_key,
                 {{"contact_on", "2026-02-09"}, {"job_id", job_id}})
                .status,
            201);
  const reply ended = post(base + "/jobs/" + job_id + "/end", specialist_a_key,
                           {{"end_date", "2026-03-02"}, {"reason", "better_job"}});
  ASSERT_EQ(ended.status, 200) << ended.body.dump();

  const reply record = get(base, coordinator_a_key);
  ASSERT_EQ(record.status, 200);
  const json m = record.body["measures"];
  EXPECT_EQ(m["days_to_first_face_to_face_employer_contact"], 15);
  EXPECT_EQ(m["first_face_to_face_contact_within_30_days"], true);
  EXPECT_EQ(m["jobs"][0]["tenure_days"], 28);
  EXPECT_EQ(m["jobs"][0]["retained_13_weeks"], false);
  EXPECT_EQ(record.body["jobs"][0]["disclosure"], "disclosed_some");
}

TEST_F(placements_api, only_specialists_and_admins_write_and_other_teams_see_nothing) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  const std::string base = "/v1/people/" + id + "/ips";
  EXPECT_EQ(post(base + "/enrolment", coordinator_a_key, {{"enrolled_on", "2026-01-05"}}).status,
            403);
  EXPECT_EQ(post(base + "/enrolment", specialist_a_key, {{"enrolled_on", "05/01/2026"}}).status,
            400);
  EXPECT_EQ(get(base, coordinator_b_key).status, 404);
  EXPECT_EQ(get(base, agency_x_key).status, 403);
  EXPECT_EQ(post(base + "/jobs", specialist_a_key,
                 {{"employer", "X"},
                  {"job_title", "Y"},
                  {"start_date", "2026-01-01"},
                  {"hours_per_week", 0},
                  {"hourly_wage", 12}})
                .status,
            400);
}

}  // namespace
}  // namespace pathways::testing
