// Outcome indicators on a constructed dataset, against values worked out by hand (see the
// comments beside each expectation): two teams, two agencies, five referrals, three IPS records.
#include <gtest/gtest.h>

#include "pathways/agencies.hpp"
#include "pathways/consents.hpp"
#include "pathways/error.hpp"
#include "pathways/indicators.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/people.hpp"
#include "pathways/placements.hpp"
#include "pathways/referrals.hpp"
#include "pathways/teams.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

using std::chrono::system_clock;

const principal admin{"admin-key", role::admin, std::nullopt, std::nullopt, {}};

system_clock::time_point noon_of(const std::string& iso) {
  const int y = std::stoi(iso.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
         std::chrono::hours(12);
}

class indicators : public ::testing::Test {
 protected:
  void SetUp() override {
    team_a = teams.create(admin, {"", "Norwich City Recovery Team", "Norwich", ""}).id;
    team_b = teams.create(admin, {"", "Broadland Recovery Team", "Broadland", ""}).id;
    agency_x =
        agencies.create(admin, {"", "Wensum Café", agency_kind::employer, "", "", "", "", "", ""})
            .id;
    agency_y =
        agencies.create(admin, {"", "City College", agency_kind::college, "", "", "", "", "", ""})
            .id;
    coordinator_a = {"coord-a", role::coordinator, team_a, std::nullopt, {}};
    specialist_a = {"spec-a", role::employment_specialist, team_a, std::nullopt, {}};
    coordinator_b = {"coord-b", role::coordinator, team_b, std::nullopt, {}};

    p1 = person_with(
        team_a, {{domain::work, goal_status::active}, {domain::education, goal_status::active}});
    p2 = person_with(team_a,
                     {{domain::work, goal_status::active}, {domain::housing, goal_status::paused}});
    p3 = person_with(team_b, {{domain::leisure, goal_status::active}});
    work = opening(agency_x, domain::work, "W1");
    course = opening(agency_y, domain::education, "E1");
    consent_for(p1, agency_x);
    consent_for(p1, agency_y);
    consent_for(p2, agency_x);
    consent_for(p3, agency_y);

    // R4 is sent before the period and starts inside it (20 days after sending).
    const std::string r4 = send_on("2026-02-10", coordinator_a, p2, work);
    step_on("2026-02-12", r4, referral_action::accept);
    step_on("2026-03-02", r4, referral_action::start);
    // R1: sent 03-02, accepted 03-04, started 03-12 (10 days), completed 03-20.
    const std::string r1 = send_on("2026-03-02", coordinator_a, p1, work);
    step_on("2026-03-04", r1, referral_action::accept);
    step_on("2026-03-12", r1, referral_action::start);
    step_on("2026-03-20", r1, referral_action::complete);
    // R2: sent 03-03, declined 03-05 (not eligible).
    step_on("2026-03-05", send_on("2026-03-03", coordinator_a, p2, work), referral_action::decline,
            "not_eligible");
    // R3: sent 03-05, accepted 03-06, started 03-09 (4 days).
    const std::string r3 = send_on("2026-03-05", coordinator_a, p1, course);
    step_on("2026-03-06", r3, referral_action::accept);
    step_on("2026-03-09", r3, referral_action::start);
    // R5 (team B): sent 03-10, declined 03-11 (no places left).
    step_on("2026-03-11", send_on("2026-03-10", coordinator_b, p3, course),
            referral_action::decline, "no_places_left");

    // IPS: P1 enrolled in the period, first face-to-face contact 9 days later, a competitive job
    // from 03-15; P2 enrolled before it, in a job that is not competitive.
    placements.enrol(specialist_a, p1, {"", "", "", "2026-03-01", std::nullopt});
    contact(p1, "2026-03-03", false);
    contact(p1, "2026-03-10", true);
    placements.start_job(specialist_a, p1, job("2026-03-15", true));
    placements.enrol(specialist_a, p2, {"", "", "", "2026-01-10", std::nullopt});
    contact(p2, "2026-03-02", true);
    placements.start_job(specialist_a, p2, job("2026-02-01", false));
  }

  std::string person_with(const std::string& team,
                          std::vector<std::pair<domain, goal_status>> goals) {
    person p;
    p.team_id = team;
    p.display_name = "Someone";
    p.strengths = {{"cooking", "", 3}};
    for (const auto& [area, status] : goals)
      p.goals.push_back({"", area, "in my words", 1, status});
    return people.create(admin, p).id;
  }
  std::string opening(const std::string& agency, domain area, const std::string& ref) {
    opportunity o;
    o.agency_id = agency;
    o.external_ref = ref;
    o.area = area;
    o.title = "Opening";
    o.remote = true;
    o.places_total = o.places_available = 5;
    return opportunities.publish(admin, o).id;
  }
  void consent_for(const std::string& person_id, const std::string& agency) {
    consent c;
    c.agency_id = agency;
    c.shares = {shared_field::goals};
    c.purpose = "referrals";
    consents.give(admin, person_id, c);
  }
  std::string send_on(const std::string& day, const principal& by, const std::string& person_id,
                      const std::string& to) {
    now = noon_of(day);
    return referrals.send(by, person_id, to, "").id;
  }
  void step_on(const std::string& day, const std::string& id, referral_action action,
               std::optional<std::string> reason = std::nullopt) {
    now = noon_of(day);
    referrals.act(admin, id, {action, reason, ""});
  }
  void contact(const std::string& person_id, const std::string& day, bool face_to_face) {
    placements.add_employer_contact(
        specialist_a, person_id,
        {"", "", "", day, "An employer", employer_contact_kind::introduction, face_to_face});
  }
  static ips_job job(const std::string& start, bool competitive) {
    return {"",           "",          "Employer",
            "Assistant",  start,       16,
            12.5,         competitive, disclosure::not_disclosed,
            std::nullopt, std::nullopt};
  }

  const indicator_group& group(const indicator_report& r, const std::string& key) {
    for (const auto& g : r.groups)
      if (g.key == key) return g;
    throw std::runtime_error("no group " + key);
  }

  temp_dir dir;
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  database db{{dir.file("p.db"), 2, std::nullopt}};
  team_service teams{db};
  agency_service agencies{db};
  people_service people{db, terms};
  opportunity_service opportunities{db, terms};
  consent_service consents{db};
  placement_service placements{db};
  system_clock::time_point now;
  referral_service referrals{db, 365, nullptr, [this] { return now; }};
  indicator_service indicators_of{db};
  principal coordinator_a, specialist_a, coordinator_b;
  std::string team_a, team_b, agency_x, agency_y, p1, p2, p3, work, course;
};

const indicator_query march{"2026-03-01", "2026-03-28", indicator_grouping::team};  // four weeks

TEST_F(indicators, by_team_match_the_hand_computed_values) {
  const indicator_report r = indicators_of.report(admin, march, "2026-07-01");
  ASSERT_EQ(r.groups.size(), 2u);
  const indicator_group& a = group(r, team_a);
  EXPECT_EQ(a.label, "Norwich City Recovery Team");
  EXPECT_EQ(a.people_with_active_goals_by_domain,
            (std::map<std::string, int>{{"education", 1}, {"work", 2}}));
  EXPECT_EQ(a.referrals_sent, 3);      // R1, R2, R3 (R4 was sent in February)
  EXPECT_EQ(a.referrals_accepted, 2);  // R1, R3 (R4's acceptance was in February)
  EXPECT_EQ(a.referrals_declined, 1);
  EXPECT_EQ(a.referrals_declined_by_reason, (std::map<std::string, int>{{"not_eligible", 1}}));
  EXPECT_EQ(a.referrals_started, 3);  // R4, R1, R3
  EXPECT_EQ(a.referrals_completed, 1);
  EXPECT_EQ(a.median_days_sent_to_start, 10.0);  // of 20, 10 and 4 days
  EXPECT_EQ(a.starts_by_domain, (std::map<std::string, int>{{"education", 1}, {"work", 2}}));
  EXPECT_EQ(a.people_in_employment_support, 2);
  EXPECT_EQ(a.people_in_competitive_employment, 1);
  EXPECT_EQ(a.competitive_employment_rate, 0.5);
  EXPECT_EQ(a.ips_band, "exemplary");
  EXPECT_EQ(a.enrolments, 1);
  EXPECT_EQ(a.median_days_to_first_face_to_face_contact, 9.0);
  EXPECT_EQ(a.first_face_to_face_contact_within_30_days, 1);
  EXPECT_EQ(a.specialists, 1);
  EXPECT_EQ(a.employer_contacts_per_specialist_per_week, 0.75);  // 3 contacts over 4 weeks
  EXPECT_EQ(a.specialists_with_6_contacts_a_week, 0);
  EXPECT_EQ(a.retention_13_weeks.known, 1);  // the job from 03-15 has lasted 108 days by 07-01
  EXPECT_EQ(a.retention_13_weeks.retained, 1);
  EXPECT_EQ(a.retention_26_weeks.known, 0);

  const indicator_group& b = group(r, team_b);
  EXPECT_EQ(b.people_with_active_goals_by_domain, (std::map<std::string, int>{{"leisure", 1}}));
  EXPECT_EQ(b.referrals_sent, 1);
  EXPECT_EQ(b.referrals_declined_by_reason, (std::map<std::string, int>{{"no_places_left", 1}}));
  EXPECT_FALSE(b.median_days_sent_to_start);
  EXPECT_EQ(b.people_in_employment_support, 0);
  EXPECT_FALSE(b.competitive_employment_rate);
}

TEST_F(indicators, by_agency_count_the_referrals_to_each) {
  indicator_query q = march;
  q.group_by = indicator_grouping::agency;
  const indicator_report r = indicators_of.report(admin, q, "2026-07-01");
  ASSERT_EQ(r.groups.size(), 2u);
  const indicator_group& x = group(r, agency_x);
  EXPECT_EQ(x.label, "Wensum Café");
  EXPECT_EQ(x.referrals_sent, 2);                // R1, R2
  EXPECT_EQ(x.referrals_started, 2);             // R4, R1
  EXPECT_EQ(x.median_days_sent_to_start, 15.0);  // of 20 and 10
  const indicator_group& y = group(r, agency_y);
  EXPECT_EQ(y.referrals_sent, 2);  // R3, R5
  EXPECT_EQ(y.referrals_declined, 1);
  EXPECT_EQ(y.median_days_sent_to_start, 4.0);
}

TEST_F(indicators, a_coordinator_sees_only_their_team_and_agencies_none) {
  const indicator_report r = indicators_of.report(coordinator_b, march, "2026-07-01");
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0].key, team_b);
  const principal agency_key{"ag", role::agency, std::nullopt, agency_x, {}};
  EXPECT_THROW(indicators_of.report(agency_key, march), error);
  EXPECT_THROW(indicators_of.report(admin, {"2026-03-28", "2026-03-01", indicator_grouping::team}),
               error);
}

TEST(ips_band, follows_the_31_41_50_percent_bands) {
  EXPECT_EQ(ips_band_of(0.30), "below_fair");
  EXPECT_EQ(ips_band_of(0.31), "fair");
  EXPECT_EQ(ips_band_of(0.45), "good");
  EXPECT_EQ(ips_band_of(0.50), "exemplary");
}

}  // namespace
}  // namespace pathways::testing
