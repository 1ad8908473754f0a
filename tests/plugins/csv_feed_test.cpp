// The csv feed plugin against its fixtures: counts, field values and every warning.
#include <gtest/gtest.h>

#include "feed_plugin_loader.hpp"

namespace {

using pathways::test::feed_plugin;
using pathways::test::feed_run;

const std::string fixtures = PATHWAYS_FIXTURES_DIR "/feeds/csv/";

feed_run read_csv(std::vector<pathways::plugin::setting> settings) {
  return feed_plugin(PATHWAYS_FEED_CSV).read(std::move(settings));
}

TEST(csv_feed, describes_itself_with_the_sdk_abi) {
  EXPECT_EQ(feed_plugin(PATHWAYS_FEED_CSV).description_differs("csv"), "");
}

TEST(csv_feed, standard_header_with_bom_crlf_quotes_and_blank_lines) {
  const feed_run run = read_csv(
      {{"path", fixtures + "standard.csv"}, {"taxonomy", PATHWAYS_CONFIG_DIR "/taxonomy.toml"}});
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 7u);
  EXPECT_EQ(run.records[0].external_ref, "KA-1");  // first-seen order is kept

  const auto* ka1 = run.find("KA-1");  // repeated on line 14: last wins
  ASSERT_NE(ka1, nullptr);
  EXPECT_EQ(ka1->title, "Kitchen assistant (updated)");
  EXPECT_EQ(ka1->description, "Prepping veg, washing up.");
  EXPECT_EQ(ka1->organisation, "Crown Cafe");
  EXPECT_EQ(ka1->address, "12 Magdalen Street, Norwich");
  EXPECT_DOUBLE_EQ(*ka1->lat, 52.631);
  EXPECT_DOUBLE_EQ(*ka1->lon, 1.297);
  ASSERT_EQ(ka1->schedule.size(), 1u);
  EXPECT_EQ(ka1->schedule[0].day, "tue");
  EXPECT_EQ(ka1->schedule[0].opens, "09:00");
  EXPECT_EQ(ka1->schedule[0].closes, "13:00");
  EXPECT_DOUBLE_EQ(*ka1->pay_amount, 11.44);
  EXPECT_EQ(ka1->pay_unit, "hour");
  EXPECT_EQ(*ka1->places_total, 2);
  EXPECT_EQ(*ka1->places_available, 2);
  EXPECT_EQ(*ka1->min_age, 18);
  EXPECT_FALSE(ka1->max_age);
  EXPECT_EQ(ka1->closing_date, "2027-01-31");
  EXPECT_EQ(ka1->start_date, "2027-02-01");
  EXPECT_EQ(ka1->url, "https://crowncafe.example/jobs");
  ASSERT_EQ(ka1->strengths.size(), 1u);
  EXPECT_EQ(ka1->strengths[0].term, "cooking");
  EXPECT_EQ(ka1->adjustments, std::vector<std::string>{"quiet_space"});

  const auto* ka2 = run.find("KA-2");  // a quoted description across two lines
  ASSERT_NE(ka2, nullptr);
  EXPECT_EQ(ka2->description, "Shelving books.\nTwo mornings a week.");
  EXPECT_EQ(ka2->domain, "volunteering");
  EXPECT_DOUBLE_EQ(*ka2->pay_amount, 90);
  EXPECT_EQ(ka2->pay_unit, "day");
  EXPECT_EQ(ka2->closing_date, "2027-02-01");
  ASSERT_EQ(ka2->strengths.size(), 1u);
  EXPECT_EQ(ka2->strengths[0].term, "customer_service");

  const auto* ka3 = run.find("KA-3");
  ASSERT_NE(ka3, nullptr);
  EXPECT_EQ(ka3->description, "Filing & data entry.");
  EXPECT_DOUBLE_EQ(*ka3->pay_amount, 24000);
  EXPECT_EQ(ka3->pay_unit, "year");
  EXPECT_FALSE(ka3->remote);

  const auto* ka4 = run.find("KA-4");
  ASSERT_NE(ka4, nullptr);
  EXPECT_EQ(ka4->pay_unit, "hour");
  EXPECT_FALSE(ka4->places_total);

  const auto* ka5 = run.find("KA-5");  // bad lat, unitless pay, impossible date: repaired
  ASSERT_NE(ka5, nullptr);
  EXPECT_FALSE(ka5->lat);
  EXPECT_FALSE(ka5->lon);
  EXPECT_EQ(ka5->pay_unit, "year");
  EXPECT_EQ(ka5->closing_date, "");

  const auto* ka6 = run.find("KA-6");
  ASSERT_NE(ka6, nullptr);
  EXPECT_TRUE(ka6->remote);
  EXPECT_EQ(ka6->pay_unit, "month");
  EXPECT_DOUBLE_EQ(*ka6->pay_amount, 2000);
  EXPECT_EQ(ka6->adjustments, std::vector<std::string>{"remote_option"});

  const auto* ka8 = run.find("KA-8");
  ASSERT_NE(ka8, nullptr);
  EXPECT_EQ(ka8->domain, "leisure");
  EXPECT_EQ(ka8->status, "open");

  EXPECT_EQ(run.warnings_differ(7, {{"line 12: skipped, no id", 1},
                                    {"line 13: skipped, 3 fields", 1},
                                    {"repeated at line 14", 1},
                                    {"line 10:", 4}}),
            "");
}

TEST(csv_feed, column_mapping_from_settings) {
  const feed_run run = read_csv({{"path", fixtures + "mapped.csv"},
                                 {"column.id", "Ref"},
                                 {"column.organisation", "Employer"},
                                 {"column.title", "Job title"},
                                 {"column.description", "Details"},
                                 {"column.pay", "Hourly rate"},
                                 {"column.closing_date", "Closes"},
                                 {"column.address", "Postcode"},
                                 {"pay_unit", "hour"}});
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_TRUE(run.warnings.empty());
  const auto* m2 = run.find("M-2");
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m2->organisation, "Acme");
  EXPECT_EQ(m2->title, "Driver");
  EXPECT_EQ(m2->description, "Vans, local");
  EXPECT_DOUBLE_EQ(*m2->pay_amount, 11.5);
  EXPECT_EQ(m2->pay_unit, "hour");
  EXPECT_EQ(m2->closing_date, "2027-03-31");
  EXPECT_EQ(m2->address, "NR2 2BB");
  EXPECT_EQ(m2->domain, "work");
}

TEST(csv_feed, a_missing_title_column_fails_the_read_with_the_setting_to_fix) {
  const feed_run run = read_csv({{"path", fixtures + "mapped.csv"}, {"column.id", "Ref"}});
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(run.failures.size(), 1u);
  EXPECT_NE(run.failures[0].find("column.title"), std::string::npos);
}

TEST(csv_feed, a_pay_unit_setting_that_names_no_unit_fails_the_read) {
  const feed_run run = read_csv({{"path", fixtures + "standard.csv"}, {"pay_unit", "fortnight"}});
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(run.failures.size(), 1u);
  EXPECT_NE(run.failures[0].find("fortnight"), std::string::npos);
}

TEST(csv_feed, an_unterminated_quote_is_reported_not_fatal) {
  const feed_run run = read_csv({{"path", fixtures + "unterminated.csv"}});
  ASSERT_EQ(run.status, 0);
  ASSERT_EQ(run.records.size(), 2u);
  EXPECT_EQ(run.find("U-2")->title, "never closed\nU-3,lost");
  EXPECT_EQ(run.warnings_mentioning("line 3: a quoted field never closes"), 1u);
}

TEST(csv_feed, each_record_goes_out_once_no_later_row_can_replace_it) {
  const feed_run run = read_csv({{"path", fixtures + "streamed.csv"}});
  ASSERT_EQ(run.status, 0);
  // S-1 waits for its repeat on line 4 (last wins) and S-2 behind it (first-seen order); the rest
  // go as their rows are read, before the warnings of later rows.
  EXPECT_EQ(run.order,
            (std::vector<std::string>{"warning S-1", "record S-1", "record S-2", "warning S-3",
                                      "warning S-3", "record S-3", "record S-4"}));
  EXPECT_EQ(run.find("S-1")->title, "First again");
  EXPECT_FALSE(run.find("S-3")->lat);
}

TEST(csv_feed, a_missing_file_fails_the_read) {
  const feed_run run = read_csv({{"path", fixtures + "no-such-file.csv"}});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.failures.size(), 1u);
}

}  // namespace
