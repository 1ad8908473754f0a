// The jsonld feed plugin against its fixtures: one object, an array, an @graph, an HTML page.
#include <gtest/gtest.h>

#include "feed_plugin_loader.hpp"

namespace {

using pathways::test::feed_plugin;
using pathways::test::feed_run;

const std::string fixtures = PATHWAYS_FIXTURES_DIR "/feeds/jsonld/";

feed_run read_jsonld(const std::string& file) {
  return feed_plugin(PATHWAYS_FEED_JSONLD)
      .read({{"path", fixtures + file}, {"taxonomy", PATHWAYS_CONFIG_DIR "/taxonomy.toml"}});
}

bool has_strength(const pathways::plugin::opening_record& r, const std::string& term) {
  for (const auto& s : r.strengths)
    if (s.term == term) return true;
  return false;
}

TEST(jsonld_feed, describes_itself_with_the_sdk_abi) {
  EXPECT_EQ(feed_plugin(PATHWAYS_FEED_JSONLD).description_differs("jsonld"), "");
}

TEST(jsonld_feed, one_posting_maps_every_field) {
  const feed_run run = read_jsonld("single.jsonld");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 1u);
  const auto& r = run.records[0];
  EXPECT_EQ(r.external_ref, "NK-101");
  EXPECT_EQ(r.title, "Kitchen porter");
  EXPECT_EQ(r.organisation, "Norwich Kitchens Ltd");
  EXPECT_EQ(r.domain, "work");
  EXPECT_EQ(r.description.rfind("Join our friendly team & keep the kitchen running.", 0), 0u);
  EXPECT_NE(r.description.find("Washing up"), std::string::npos);
  EXPECT_EQ(r.description.find('<'), std::string::npos);
  EXPECT_NE(r.description.find("Education: No qualifications needed"), std::string::npos);
  EXPECT_NE(r.description.find("Experience: at least 6 months, in any kitchen"), std::string::npos);
  EXPECT_EQ(r.address, "3 Tombland, Norwich, Norfolk, NR3 1HF");
  EXPECT_DOUBLE_EQ(*r.lat, 52.6309);
  EXPECT_DOUBLE_EQ(*r.lon, 1.2974);
  EXPECT_DOUBLE_EQ(*r.pay_amount, 11.44);
  EXPECT_EQ(r.pay_unit, "hour");
  EXPECT_DOUBLE_EQ(*r.hours_per_week, 16);
  EXPECT_EQ(r.adjustments, std::vector<std::string>{"part_time"});
  EXPECT_EQ(r.closing_date, "2027-02-15");
  EXPECT_EQ(r.start_date, "2027-03-01");
  EXPECT_EQ(*r.places_total, 2);
  EXPECT_EQ(r.url, "https://nk.example/jobs/101");
  EXPECT_TRUE(has_strength(r, "food_hygiene"));
  EXPECT_TRUE(has_strength(r, "kitchen_porter"));
  EXPECT_EQ(r.strengths.size(), 2u);
  ASSERT_EQ(run.warnings.size(), 1u);
  EXPECT_EQ(run.warnings[0].first, "NK-101");
  EXPECT_NE(run.warnings[0].second.find("juggling"), std::string::npos);
}

TEST(jsonld_feed, an_array_with_bare_salaries_ranges_and_a_posting_without_title) {
  const feed_run run = read_jsonld("array.json");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 3u);
  const auto* wh = run.find("WH-1");
  ASSERT_NE(wh, nullptr);
  EXPECT_EQ(wh->organisation, "Acme Logistics");
  EXPECT_DOUBLE_EQ(*wh->pay_amount, 23500);
  EXPECT_EQ(wh->pay_unit, "year");              // guessed from the size, with a warning
  EXPECT_DOUBLE_EQ(*wh->hours_per_week, 37.5);  // FULL_TIME
  EXPECT_TRUE(wh->adjustments.empty());
  EXPECT_EQ(wh->closing_date, "2027-03-31");
  EXPECT_NE(wh->description.find("Education: high school"), std::string::npos);
  EXPECT_TRUE(has_strength(*wh, "stock_control"));
  EXPECT_TRUE(has_strength(*wh, "customer_service"));

  const auto* shop = run.find("shop.example/jobs/7");  // no identifier: the url is the id
  ASSERT_NE(shop, nullptr);
  EXPECT_EQ(shop->title, "Shop assistant");  // from name
  EXPECT_EQ(shop->url, "https://shop.example/jobs/7");
  EXPECT_DOUBLE_EQ(*shop->pay_amount, 400);  // minValue of a range
  EXPECT_EQ(shop->pay_unit, "week");
  EXPECT_FALSE(shop->hours_per_week);  // FULL_TIME and PART_TIME: part time, hours unknown
  EXPECT_EQ(shop->adjustments, std::vector<std::string>{"part_time"});
  EXPECT_EQ(shop->closing_date, "");

  const auto* night = run.find("42");
  ASSERT_NE(night, nullptr);
  EXPECT_DOUBLE_EQ(*night->pay_amount, 95);
  EXPECT_EQ(night->pay_unit, "day");

  EXPECT_EQ(run.warnings_differ(5, {{"names no unit; taken as per year", 1},
                                    {"validThrough 'not a date'", 1},
                                    {"skipped: no title or name", 1},
                                    {"currency EUR", 1},
                                    {"workHours", 1}}),
            "");
}

TEST(jsonld_feed, a_graph_with_references_duplicates_and_remote_work) {
  const feed_run run = read_jsonld("graph.jsonld");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 2u);
  const auto* gf1 = run.find("GF-1");
  ASSERT_NE(gf1, nullptr);
  EXPECT_EQ(gf1->title, "Garden volunteer (Saturdays)");  // last wins
  EXPECT_EQ(gf1->domain, "volunteering");
  EXPECT_EQ(gf1->organisation, "Green Futures Trust");
  EXPECT_EQ(gf1->address, "The Hub, 5 Oak Street, Norwich");
  EXPECT_DOUBLE_EQ(*gf1->lat, 52.64);
  const auto* gf2 = run.find("GF-2");
  ASSERT_NE(gf2, nullptr);
  EXPECT_TRUE(gf2->remote);
  EXPECT_EQ(gf2->adjustments, std::vector<std::string>{"remote_option"});
  EXPECT_FALSE(gf2->lat);
  EXPECT_EQ(run.warnings_differ(3, {{"repeated", 1}, {"2 jobLocations", 1}, {"out of range", 1}}),
            "");
}

TEST(jsonld_feed, the_script_blocks_of_an_html_page) {
  const feed_run run = read_jsonld("page.html");
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(run.records[0].title, "Café assistant");
  EXPECT_EQ(run.records[0].pay_unit, "hour");
  EXPECT_EQ(run.records[1].external_ref, "P-2");
  EXPECT_EQ(run.warnings_mentioning("not JSON"), 1u);
}

}  // namespace
