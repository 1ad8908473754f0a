// The hsds feed plugin against its own messy fixtures and the Open Referral example data
// (HSDS 3.0 and 3.1-dev, JSON and tabular CSV) in PATHWAYS_HSDS_DIR.
#include <gtest/gtest.h>

#include <filesystem>

#include "feed_plugin_loader.hpp"

namespace {

using pathways::plugin::opening_record;
using pathways::test::feed_plugin;
using pathways::test::feed_run;

const std::string fixtures = PATHWAYS_FIXTURES_DIR "/feeds/hsds/";
const std::string hsds = PATHWAYS_HSDS_DIR;
const std::string example_service = "ac148810-d857-441c-9679-408f346de14b";

feed_run read_hsds(const std::string& path) {
  return feed_plugin(PATHWAYS_FEED_HSDS)
      .read({{"path", path}, {"mapping", PATHWAYS_CONFIG_DIR "/hsds_mapping.toml"}});
}

std::vector<std::string> days_of(const opening_record& r) {
  std::vector<std::string> out;
  for (const auto& w : r.schedule) out.push_back(w.day + " " + w.opens + "-" + w.closes);
  return out;
}

// The fields every form of the Open Referral example service shares.
void expect_example_service(const feed_run& run) {
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 1u);
  const opening_record& r = run.records[0];
  EXPECT_EQ(r.external_ref, example_service);
  EXPECT_EQ(r.title, "Community Counselling");
  EXPECT_EQ(r.organisation, "Example Organization Inc.");
  EXPECT_EQ(r.domain, "health");  // no mapped term: the mapping's default
  EXPECT_EQ(r.status, "open");
  EXPECT_EQ(r.url, "http://example.com/counselling");
  EXPECT_EQ(*r.min_age, 12);
  EXPECT_EQ(*r.max_age, 100);
  EXPECT_EQ(r.description.rfind("Counselling Services provided by trained professionals.", 0), 0u);
  EXPECT_NE(r.description.find("Eligibility: This service is intended for all people aged 12"),
            std::string::npos);
  // The example location sits at latitude 100, longitude 101: out of range, dropped.
  EXPECT_FALSE(r.lat);
  EXPECT_FALSE(r.lon);
  EXPECT_EQ(run.warnings_mentioning("coordinates 100, 101"), 1u);
  EXPECT_EQ(r.address, "1-30 Main Street, MyVillage, MyCity, ABC 1234");
  EXPECT_EQ(days_of(r), (std::vector<std::string>{"thu 10:00-18:00", "fri 10:00-18:00"}));
  EXPECT_EQ(r.adjustments,
            (std::vector<std::string>{"step_free_access", "hearing_loop", "interpreter"}));
}

// The Open Referral examples (tests/fixtures/openreferral, or PATHWAYS_HSDS_DIR): missing is a
// failure.
class open_referral_examples : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(hsds + "/hsds-3.0/examples"))
        << "no Open Referral examples at " << hsds << " (set PATHWAYS_HSDS_DIR)";
  }
};

TEST(hsds_feed, describes_itself_with_the_sdk_abi) {
  EXPECT_EQ(feed_plugin(PATHWAYS_FEED_HSDS).description_differs("hsds"), "");
}

TEST_F(open_referral_examples, hsds_3_0_service_full_json) {
  const feed_run run = read_hsds(hsds + "/hsds-3.0/examples/service_full.json");
  expect_example_service(run);
  EXPECT_EQ(run.warnings.size(), 1u);
  EXPECT_FALSE(run.records[0].places_total);
}

TEST_F(open_referral_examples, hsds_3_1_service_full_json_with_capacity) {
  const feed_run run = read_hsds(hsds + "/hsds-3.1-dev/examples/service_full.json");
  expect_example_service(run);
  // The example says 12 available of a maximum of 10: available is capped at the maximum.
  EXPECT_EQ(*run.records[0].places_total, 10);
  EXPECT_EQ(*run.records[0].places_available, 10);
  EXPECT_EQ(run.warnings_mentioning("available 12 exceeds maximum 10"), 1u);
  EXPECT_EQ(run.warnings.size(), 2u);
}

TEST_F(open_referral_examples, hsds_paged_envelopes) {
  for (const std::string version : {"hsds-3.0", "hsds-3.1-dev"}) {
    SCOPED_TRACE(version);
    const feed_run run = read_hsds(hsds + "/" + version + "/examples/service_list.json");
    ASSERT_EQ(run.status, 0);
    ASSERT_EQ(run.records.size(), 1u);
    EXPECT_EQ(run.records[0].external_ref, example_service);
    EXPECT_EQ(run.records[0].organisation, "Example Organization Inc.");
    EXPECT_EQ(*run.records[0].min_age, 12);
    EXPECT_TRUE(run.warnings.empty());
  }
}

TEST_F(open_referral_examples, hsds_3_0_tabular_package) {
  const feed_run run = read_hsds(hsds + "/hsds-3.0/examples/csv");
  expect_example_service(run);
  // The example attribute links to f28dd44b…, which is no record of the package.
  EXPECT_EQ(run.warnings_mentioning("link_id 'f28dd44b-0c4d-479f-8e90-4c52219a8b3c'"), 1u);
  EXPECT_EQ(run.warnings.size(), 2u);
}

TEST_F(open_referral_examples, hsds_3_1_tabular_package) {
  const feed_run run = read_hsds(hsds + "/hsds-3.1-dev/examples/csv");
  expect_example_service(run);
  // Its service_capacity row names service f75b808e…, which is not in services.csv.
  EXPECT_EQ(run.warnings_mentioning("service_id 'f75b808e-7bdb-11ef-afaa-ab00a77dc5c4'"), 1u);
  EXPECT_FALSE(run.records[0].places_total);
  EXPECT_EQ(run.warnings.size(), 3u);
}

TEST(hsds_feed, a_messy_paged_envelope) {
  const feed_run run = read_hsds(fixtures + "messy_envelope.json");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 4u);

  const auto* garden = run.find("svc-garden");
  ASSERT_NE(garden, nullptr);
  EXPECT_EQ(garden->description,
            "Grow vegetables with us.\nNo experience needed \u2013 tools provided.");
  EXPECT_EQ(garden->url, "https://www.greengrowers.example/garden");
  EXPECT_EQ(garden->organisation, "Green Growers CIC");
  EXPECT_EQ(garden->domain, "leisure");
  ASSERT_EQ(garden->strengths.size(), 1u);
  EXPECT_EQ(garden->strengths[0].term, "gardening");
  EXPECT_DOUBLE_EQ(*garden->lat, 52.6254);
  EXPECT_DOUBLE_EQ(*garden->lon, 1.2499);
  EXPECT_EQ(garden->address, "Earlham Road, Norwich, NR4 7TJ");  // the physical address
  EXPECT_EQ(*garden->min_age, 16);
  EXPECT_EQ(*garden->max_age, 65);
  EXPECT_EQ(*garden->places_available, 3);
  EXPECT_EQ(*garden->places_total, 10);
  EXPECT_EQ(days_of(*garden), (std::vector<std::string>{"mon 09:30-12:00", "wed 09:30-12:00"}));
  EXPECT_EQ(garden->adjustments, std::vector<std::string>{"step_free_access"});

  const auto* nobody = run.find("svc-nobody");
  ASSERT_NE(nobody, nullptr);
  EXPECT_EQ(nobody->status, "closed");  // inactive
  EXPECT_EQ(nobody->organisation, "");
  EXPECT_EQ(nobody->address, "Church hall");
  EXPECT_FALSE(nobody->lat);

  EXPECT_EQ(run.find("svc-twice")->title, "Coffee morning (moved to Fridays)");

  const auto* online = run.find("svc-online");
  ASSERT_NE(online, nullptr);
  EXPECT_TRUE(online->remote);
  EXPECT_EQ(online->domain, "work");
  EXPECT_EQ(online->adjustments, (std::vector<std::string>{"remote_option", "interpreter"}));
  EXPECT_FALSE(online->min_age);
  EXPECT_TRUE(online->schedule.empty());
  EXPECT_EQ(online->url, "");

  EXPECT_EQ(run.warnings_differ(8, {{"unknown status 'pending'", 1},
                                    {"no name", 1},
                                    {"has no organization", 1},
                                    {"repeated", 1},
                                    {"not a service object", 1},
                                    {"mailto:", 1},
                                    {"ages 30–18", 1},
                                    {"schedule 'sch-3'", 1}}),
            "");
}

TEST(hsds_feed, a_bare_array_with_bad_coordinates_and_several_sites) {
  const feed_run run = read_hsds(fixtures + "bare_array.json");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(run.records[0].status, "withdrawn");  // defunct
  EXPECT_FALSE(run.records[0].lat);
  EXPECT_EQ(run.records[0].address, "1 Main St, Norwich");
  const opening_record& food = run.records[1];
  EXPECT_EQ(food.domain, "volunteering");  // from the attribute label "Food bank"
  ASSERT_EQ(food.strengths.size(), 1u);
  EXPECT_EQ(food.strengths[0].term, "food_bank_volunteering");
  EXPECT_DOUBLE_EQ(*food.lat, 52.62);  // the site with coordinates
  EXPECT_EQ(food.address, "Depot");
  EXPECT_EQ(run.warnings.size(), 2u);
}

TEST(hsds_feed, a_messy_tabular_package) {
  const feed_run run = read_hsds(fixtures + "messy_package");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 4u);
  const auto* walk = run.find("svc-a");
  ASSERT_NE(walk, nullptr);
  EXPECT_EQ(walk->title, "Walking group (Thursdays)");  // repeated id: last wins
  EXPECT_EQ(walk->description, "Gentle walks, \"every\" week");
  EXPECT_EQ(walk->organisation, "Norwich Walkers");
  EXPECT_EQ(walk->url, "https://walkers.example");
  EXPECT_EQ(walk->domain,
            "peer_support");  // "Physical activity" is no [[term]] match; "Peer support" is
  EXPECT_DOUBLE_EQ(*walk->lat, 52.6286);
  EXPECT_EQ(walk->address, "Riverside Road, Norwich, NR1 1SR");
  EXPECT_EQ(days_of(*walk), std::vector<std::string>{"thu 10:00-11:30"});
  EXPECT_EQ(*walk->places_available, 5);
  EXPECT_EQ(*walk->places_total, 12);
  EXPECT_EQ(*walk->min_age, 18);

  const auto* art = run.find("svc-b");
  ASSERT_NE(art, nullptr);
  EXPECT_EQ(art->organisation, "");
  EXPECT_FALSE(art->lat);
  EXPECT_EQ(art->address, "Studio with no coordinates");
  EXPECT_EQ(days_of(*art), (std::vector<std::string>{"sat 14:00-16:00", "sun 14:00-16:00"}));

  EXPECT_EQ(run.find("svc-d")->status, "withdrawn");
  EXPECT_EQ(run.find("svc-d")->url, "https://norwichwalkers.example");  // organisation website
  EXPECT_EQ(run.find("svc-e"), nullptr);

  EXPECT_EQ(run.warnings_differ(13, {{"services.csv line 8: skipped", 1},
                                     {"'loc-nowhere' matches no location", 1},
                                     {"'loc-ghost' matches no location", 1},
                                     {"'svc-ghost' matches no service", 2},
                                     {"'svc-zzz'", 1},
                                     {"'term-missing'", 1},
                                     {"'nothing-here'", 1},
                                     {"'org-missing' matches no organization", 1},
                                     {"has no organization", 2},
                                     {"unknown status 'suspended'", 1},
                                     {"repeated", 1}}),
            "");
}

TEST(hsds_feed, a_folder_without_services_csv_fails_the_read) {
  const feed_run run = read_hsds(fixtures);
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(run.failures.size(), 1u);
  EXPECT_NE(run.failures[0].find("services.csv"), std::string::npos);
}

}  // namespace

namespace {

TEST(hsds_feed, an_oruk_2_page_with_locations_regular_schedules_and_eligibilitys) {
  const feed_run run = read_hsds(fixtures + "oruk_v2.json");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 1u);
  const opening_record& shed = run.records[0];
  EXPECT_EQ(shed.external_ref, "oruk-1");
  EXPECT_EQ(shed.organisation, "Norwich Men's Shed");
  EXPECT_EQ(shed.domain, "relationships");  // service_taxonomys "Social groups"
  EXPECT_EQ(*shed.min_age, 18);
  EXPECT_EQ(*shed.max_age, 99);
  EXPECT_DOUBLE_EQ(*shed.lat, 52.64);
  EXPECT_EQ(shed.address, "Old Yard");
  EXPECT_EQ(days_of(shed), std::vector<std::string>{"wed 10:00-15:00"});
  EXPECT_TRUE(run.warnings.empty());
}

}  // namespace
